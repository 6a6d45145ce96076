#include "domain/people/carers.hpp"

#include <gtest/gtest.h>

namespace patchwork::people {
namespace {

const CivilDate kToday(2026, 11, 30);

Fields ruth() {
  return {{"name", "Ruth Okafor"}, {"relationship", "Daughter"}, {"hours_per_week", "20"}, {"lives_with_person", "no"}};
}

std::vector<std::string> fields_of(const Result<Carer>& r) {
  std::vector<std::string> out;
  if (!r) for (const auto& e : r.error()) out.push_back(e.field);
  return out;
}

}  // namespace

TEST(Carers, RecordingACarerOffersACarersAssessmentToday) {
  auto c = carer_from_fields(ruth(), kToday);
  ASSERT_TRUE(c) << c.error()[0].message;
  EXPECT_EQ(c->relationship, "daughter");
  EXPECT_EQ(c->hours_per_week, 20);
  EXPECT_FALSE(c->lives_with_person);
  EXPECT_EQ(c->assessment_offered_on, kToday);
  EXPECT_EQ(c->assessment_answer, "not_yet_answered");
  EXPECT_FALSE(c->assessment_answered_on);
  EXPECT_FALSE(c->assessment_to_arrange());
}

TEST(Carers, AnAcceptedOfferIsSomethingToDo) {
  auto f = ruth();
  f["assessment_offered_on"] = "2026-11-20";
  f["assessment_answer"] = "accepted";
  auto c = carer_from_fields(f, kToday);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->assessment_to_arrange());
  EXPECT_EQ(c->assessment_answered_on, CivilDate(2026, 11, 20));  // answered when offered, unless told
  auto declined = with_assessment_answer(*c, {{"assessment_answer", "declined"}, {"assessment_answered_on", "2026-11-25"}}, kToday);
  ASSERT_TRUE(declined);
  EXPECT_FALSE(declined->assessment_to_arrange());
  EXPECT_EQ(fields_of(with_assessment_answer(*c, {{"assessment_answered_on", "2026-11-25"}}, kToday)),
            std::vector<std::string>{"assessment_answer"});
  EXPECT_EQ(fields_of(with_assessment_answer(*c, {{"assessment_answer", "accepted"}, {"assessment_answered_on", "2026-11-01"}}, kToday)),
            std::vector<std::string>{"assessment_answered_on"});
}

TEST(Carers, BadInputNamesTheField) {
  auto f = ruth();
  f["hours_per_week"] = "169";
  EXPECT_EQ(fields_of(carer_from_fields(f, kToday)), std::vector<std::string>{"hours_per_week"});
  f["hours_per_week"] = "7.5";
  EXPECT_EQ(fields_of(carer_from_fields(f, kToday)), std::vector<std::string>{"hours_per_week"});
  f["hours_per_week"] = "168";
  EXPECT_TRUE(carer_from_fields(f, kToday));
  f["relationship"] = "butler";
  f["lives_with_person"] = "sometimes";
  f["assessment_offered_on"] = "2027-01-01";
  EXPECT_EQ(fields_of(carer_from_fields(f, kToday)),
            (std::vector<std::string>{"relationship", "lives_with_person", "assessment_offered_on"}));
  EXPECT_EQ(fields_of(carer_from_fields({}, kToday)), (std::vector<std::string>{"name", "relationship", "hours_per_week", "lives_with_person"}));
}

TEST(Carers, TheExplanationSpeaksOfTheCarerByTheirRelationship) {
  EXPECT_EQ(carer_is("daughter"), "she is");
  EXPECT_EQ(carer_is("husband"), "he is");
  EXPECT_EQ(carer_is("friend"), "they are");
  EXPECT_EQ(carer_is("partner"), "they are");
}

}  // namespace patchwork::people
