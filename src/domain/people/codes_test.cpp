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

}  // namespace patchwork::people
