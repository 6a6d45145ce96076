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

TEST(NationalAge, CountsFromTheFirstOfTheBirthMonthInYearsOf365AndAQuarterDays) {
  auto on = *CivilDate::parse_iso("2026-12-02");
  // Exactly 17 (birthday on the 20th), nationally 18: counted from 1 December 2008.
  EXPECT_EQ(age_on(*CivilDate::parse_iso("2008-12-20"), on), 17);
  EXPECT_EQ(national_age_on(*CivilDate::parse_iso("2008-12-20"), on), 18);
  // Eighteen calendar years holding four 29 Februaries are 6,574 days: 17.998 years of 365.25 days.
  auto birthday = *CivilDate::parse_iso("2026-12-01");
  EXPECT_EQ(age_on(*CivilDate::parse_iso("2008-12-01"), birthday), 18);
  EXPECT_EQ(national_age_on(2008, 12, birthday), 17);
  EXPECT_EQ(national_age_on(2008, 12, birthday.plus_days(1)), 18);
  // Born in a later month of the year: still 64 until the month's 1st has passed 65 years.
  EXPECT_EQ(national_age_on(1961, 12, on), 65);
  EXPECT_EQ(national_age_on(1962, 1, on), 64);
  EXPECT_EQ(national_age_on(2027, 1, on), -1);
  EXPECT_EQ(national_age_on(2026, 12, on), 0);
}

}  // namespace patchwork::people
