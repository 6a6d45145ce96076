#include "domain/people/age.hpp"

#include <gtest/gtest.h>

namespace patchwork::people {

TEST(AgeBand, SplitsAtEighteenAndSixtyFiveOnTheBirthday) {
  auto dob = *CivilDate::parse_iso("1961-11-27");
  EXPECT_EQ(age_band_on(dob, *CivilDate::parse_iso("2026-11-26")), AgeBand::Adult18To64);
  EXPECT_EQ(age_band_on(dob, *CivilDate::parse_iso("2026-11-27")), AgeBand::Older65Plus);
  auto young = *CivilDate::parse_iso("2008-12-01");
  EXPECT_EQ(age_band_on(young, *CivilDate::parse_iso("2026-11-30")), AgeBand::Under18);
  EXPECT_EQ(age_band_on(young, *CivilDate::parse_iso("2026-12-01")), AgeBand::Adult18To64);
  EXPECT_EQ(age_band_label(AgeBand::Older65Plus), "65 and over");
}

}  // namespace patchwork::people
