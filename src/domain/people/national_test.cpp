#include "domain/people/national.hpp"

#include <gtest/gtest.h>

#include "domain/people/person_rules.hpp"

namespace patchwork::people {
namespace {

TEST(NationalDementia, DiagnosedIsYesAndNothingElseIs) {
  EXPECT_EQ(cld_dementia("Diagnosed"), "Yes");
  EXPECT_EQ(cld_dementia("No"), "No");
  EXPECT_EQ(cld_dementia("Suspected"), "Unknown");
  EXPECT_EQ(cld_dementia("Not known"), "Unknown");
  EXPECT_FALSE(cld_dementia("Yes"));  // not one of our values: never passed through
  EXPECT_FALSE(cld_dementia(""));
  // Every value we record has a national value.
  for (const auto& c : dementia_statuses()) EXPECT_TRUE(cld_dementia(c.value)) << c.value;
}

TEST(NationalCharacteristics, TheOtherFieldsAreAlreadyNationalValues) {
  Characteristics c;
  c.dementia = "Diagnosed";
  c.primary_support_reason = "Support with Memory & Cognition";
  c.accommodation_status = "Registered care home";
  c.has_unpaid_carer = "Yes";
  c.date_of_death = CivilDate::parse_iso("2026-11-01");
  auto cld = cld_characteristics(c);
  EXPECT_EQ(cld.dementia, "Yes");
  EXPECT_EQ(cld.primary_support_reason, "Support with Memory & Cognition");
  EXPECT_EQ(cld.accommodation_status, "Registered care home");
  EXPECT_EQ(cld.has_unpaid_carer, "Yes");
  EXPECT_EQ(cld.date_of_death, "2026-11-01");
  EXPECT_EQ(cld_characteristics(Characteristics{}).dementia, "Unknown");
  EXPECT_EQ(cld_characteristics(Characteristics{}).date_of_death, "");
  // What the person record accepts for these is exactly what is exported.
  for (const auto& v : primary_support_reasons()) EXPECT_EQ(canonical(primary_support_reasons(), v.value), std::string(v.value));
}

TEST(NationalClientType, BothReleasesAcceptedAndStoredAsRelease1) {
  EXPECT_EQ(canonical_client_type("Service User"), "Service User");
  EXPECT_EQ(canonical_client_type("Service user"), "Service User");
  EXPECT_EQ(canonical_client_type("Unpaid carer"), "Carer");
  EXPECT_EQ(canonical_client_type("Unpaid carer known by association"), "Carer known by association");
  EXPECT_EQ(canonical_client_type("carer known by association"), "Carer known by association");
  EXPECT_FALSE(canonical_client_type("Client"));
  EXPECT_FALSE(canonical_client_type(""));
  EXPECT_EQ(client_types().size(), 3u);
}

TEST(NationalEmploymentStatus, BothReleasesAcceptedAndStoredAsRelease1) {
  EXPECT_EQ(employment_statuses().size(), 7u);
  EXPECT_EQ(canonical_employment_status("Paid: 16 or more hours a week"), "Paid: 16 or more hours a week");
  EXPECT_EQ(canonical_employment_status("Not in paid employment: Not actively seeking work or retired"),
            "Not in Paid Employment (not actively seeking work / retired)");
  EXPECT_EQ(canonical_employment_status("Not in paid employment: Voluntary work only"), "Not in Paid Employment (voluntary work only)");
  EXPECT_EQ(canonical_employment_status("Not in paid employment: Seeking work"), "Not in Paid Employment (seeking work)");
  EXPECT_EQ(canonical_employment_status("Unknown"), "Unknown");
  EXPECT_FALSE(canonical_employment_status("Retired"));
}

TEST(GpPracticeCode, OneLetterAndFiveDigits) {
  EXPECT_EQ(normalise_gp_practice_code("A81001"), "A81001");
  EXPECT_EQ(normalise_gp_practice_code(" y02345 "), "Y02345");
  EXPECT_FALSE(normalise_gp_practice_code("A8100"));
  EXPECT_FALSE(normalise_gp_practice_code("A810012"));
  EXPECT_FALSE(normalise_gp_practice_code("181001"));
  EXPECT_FALSE(normalise_gp_practice_code("AB1001"));
  EXPECT_FALSE(normalise_gp_practice_code("A8100O"));
  EXPECT_FALSE(normalise_gp_practice_code(""));
}

TEST(PersonNationalFields, CheckedAndNamedWhenWrong) {
  Person base;
  base.given_name = "Margaret";
  base.family_name = "Ellis";
  base.date_of_birth = *CivilDate::parse_iso("1941-03-14");
  const auto today = *CivilDate::parse_iso("2026-11-27");
  auto ok = apply_person_fields(base, {{"client_type", "Service user"}, {"employment_status", "Not in paid employment: Not actively seeking work or retired"},
                                       {"gp_practice_code", "a81001"}, {"gp_practice_name", "Northshire Health Centre"}}, today);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->client_type, "Service User");
  EXPECT_EQ(ok->employment_status, "Not in Paid Employment (not actively seeking work / retired)");
  EXPECT_EQ(ok->gp_practice_code, "A81001");
  EXPECT_EQ(ok->gp_practice_name, "Northshire Health Centre");
  auto bad = apply_person_fields(base, {{"client_type", "Patient"}, {"employment_status", "Retired"}, {"gp_practice_code", "12345"}}, today);
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& e : bad.error()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"client_type", "employment_status", "gp_practice_code"}));
  EXPECT_EQ(Person{}.client_type, "Service User");
  EXPECT_EQ(Person{}.employment_status, "Unknown");
}

}  // namespace
}  // namespace patchwork::people
