#include "domain/people/codes.hpp"

#include <gtest/gtest.h>

namespace patchwork::people {

TEST(NationalCodes, AccommodationStatusIsExactlyTheNationalList) {
  const auto& list = accommodation_statuses();
  EXPECT_EQ(list.size(), 20u);
  for (const char* national : {"Tenant - private landlord", "Refuge", "Night shelter / emergency hostel / direct access hostel",
                               "Mobile accommodation for Gypsy / Roma and Traveller communities",
                               "Approved premises for offenders released from prison or under probation supervision",
                               "Other temporary accommodation", "Unknown"})
    EXPECT_EQ(canonical(list, national), national);
  // Values offered before that are not national ones.
  EXPECT_FALSE(canonical(list, "Temporary accommodation"));
  EXPECT_FALSE(canonical(list, "Other"));
  // The plain-English label is accepted too, and stored as the national value.
  EXPECT_EQ(canonical(list, "rents their home from a private landlord"), "Tenant - private landlord");
}

TEST(NationalCodes, DementiaStartsAtNotKnown) {
  EXPECT_EQ(dementia_statuses().front().value, "Not known");
  EXPECT_EQ(canonical(dementia_statuses(), "diagnosed"), "Diagnosed");
}

TEST(NationalCodes, EventOutcomeStoresReleaseTwo) {
  // Release 2, exactly as DHSC's code spells it: every value is its own canonical form.
  EXPECT_EQ(event_outcomes().size(), 16u);
  for (const auto& c : event_outcomes()) EXPECT_EQ(event_outcome(c.value), std::string(c.value));
  EXPECT_EQ(event_outcome("NFA: Deceased"), "NFA: Deceased");
  EXPECT_EQ(event_outcome("nfa: other"), "NFA: Other");
  EXPECT_EQ(event_outcome("Continuation of support or services"), "Continuation of support or services");
  // A plain-English label is accepted too.
  EXPECT_EQ(event_outcome("No further action: died"), "NFA: Deceased");
}

TEST(NationalCodes, ReleaseOneSpellingsMapToReleaseTwo) {
  EXPECT_EQ(event_outcome("NFA - Deceased"), "NFA: Deceased");
  EXPECT_EQ(event_outcome("NFA- Other"), "NFA: Other");
  EXPECT_EQ(event_outcome("NFA - Other"), "NFA: Other");
  EXPECT_EQ(event_outcome("Progress to Assessment"), "Progress to assessment, review or reassessment");
  EXPECT_EQ(event_outcome("Progress to Re-assessment / Unplanned Review"), "Progress to assessment, review or reassessment");
  EXPECT_EQ(event_outcome("No change in package"), "Continuation of support or services");
  EXPECT_EQ(event_outcome("Service ended as planned"), "NFA: Support ended as planned");
  EXPECT_EQ(event_outcome("NFA - Information & Advice / Signposting only"), "NFA: Information and advice or signposting");
  EXPECT_EQ(event_outcome("nfa - 100% nhs funded care"), "NFA: Referral to NHS services or NHS funded social care");
  // The release 1 values with no release 2 equivalent (docs/national-codes.md).
  EXPECT_EQ(event_outcome("Progress to financial assessment"), "Progress to support planning or services");
  EXPECT_EQ(event_outcome("Progress to End of Life Care"), "Progress to support planning or services");
  EXPECT_EQ(event_outcome("Provision of service"), "Continuation of support or services");
  // Every release 1 value maps to a release 2 value in the list.
  for (const auto& alias : release_1_event_outcomes()) EXPECT_TRUE(canonical(event_outcomes(), alias.release_2)) << alias.release_1;
}

TEST(NationalCodes, UnknownOutcomesOfEitherReleaseAreRefused) {
  EXPECT_FALSE(event_outcome("NFA - Moved abroad"));
  EXPECT_FALSE(event_outcome("NFA: Moved abroad"));
  EXPECT_FALSE(event_outcome("Release 1 specification only: Not mapped"));
  EXPECT_FALSE(event_outcome(""));
}

TEST(NationalCodes, AssessmentTypeAndMethod) {
  EXPECT_EQ(canonical(assessment_types(), "long term assessment"), "Long term assessment");
  EXPECT_FALSE(canonical(assessment_types(), "Long Term Support Needs Assessment"));
  EXPECT_EQ(canonical(methods_of_assessment(), "service user and carer"), "Service user and carer");
  EXPECT_FALSE(canonical(methods_of_assessment(), "Telepathy"));
}

}  // namespace patchwork::people
