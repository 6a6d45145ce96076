#include "domain/people/person_rules.hpp"

#include <gtest/gtest.h>

namespace patchwork::people {
namespace {

const CivilDate kToday = *CivilDate::parse_iso("2026-11-27");

PersonFields good() {
  return {{"given_name", "Margaret"}, {"family_name", "Ellis"}, {"date_of_birth", "1941-03-14"},
          {"nhs_number", "943 476 5919"}, {"postcode", "ns1 4ab"}, {"dementia", "diagnosed"},
          {"primary_support_reason", "Support with Memory & Cognition"}, {"interpreter_needed", "no"}};
}

std::vector<std::string> fields_of(const Result<Person>& r) {
  std::vector<std::string> out;
  if (!r) for (const auto& e : r.error()) out.push_back(e.field);
  return out;
}

}  // namespace

TEST(PersonRules, AcceptsAndNormalises) {
  auto p = apply_person_fields({}, good(), kToday);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->nhs_number, "9434765919");
  EXPECT_EQ(p->postcode, "NS1 4AB");
  EXPECT_EQ(p->dementia, "Diagnosed");
  EXPECT_EQ(p->gender, "Unknown");
}

TEST(PersonRules, NamesEveryBadField) {
  auto f = good();
  f["nhs_number"] = "943 476 5918";
  f["date_of_birth"] = "2030-01-01";
  f["postcode"] = "not a postcode";
  f["gender"] = "Martian";
  f["favourite_colour"] = "blue";
  EXPECT_EQ(fields_of(apply_person_fields({}, f, kToday)),
            (std::vector<std::string>{"favourite_colour", "date_of_birth", "nhs_number", "postcode", "gender"}));
}

TEST(PersonRules, ImpossibleAndMissingDates) {
  auto f = good();
  f["date_of_birth"] = "1941-02-30";
  EXPECT_EQ(fields_of(apply_person_fields({}, f, kToday)), std::vector<std::string>{"date_of_birth"});
  f.erase("date_of_birth");
  EXPECT_EQ(fields_of(apply_person_fields({}, f, kToday)), std::vector<std::string>{"date_of_birth"});
  f = good();
  f["date_of_death"] = "1930-01-01";
  EXPECT_EQ(fields_of(apply_person_fields({}, f, kToday)), std::vector<std::string>{"date_of_death"});
}

TEST(PersonRules, UpdatesKeepWhatIsNotGiven) {
  auto p = *apply_person_fields({}, good(), kToday);
  auto q = apply_person_fields(p, {{"postcode", "NS2 7QT"}}, kToday);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->postcode, "NS2 7QT");
  EXPECT_EQ(q->nhs_number, "9434765919");
  EXPECT_EQ(q->given_name, "Margaret");
  auto cleared = apply_person_fields(p, {{"nhs_number", ""}}, kToday);
  EXPECT_FALSE(cleared->nhs_number);
}

}  // namespace patchwork::people
