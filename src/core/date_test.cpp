#include "core/date.hpp"

#include <gtest/gtest.h>

namespace patchwork {

TEST(CivilDate, ParsesOnlyRealDates) {
  EXPECT_TRUE(CivilDate::parse_iso("2024-02-29"));
  EXPECT_FALSE(CivilDate::parse_iso("2023-02-29"));
  EXPECT_FALSE(CivilDate::parse_iso("2026-13-01"));
  EXPECT_FALSE(CivilDate::parse_iso("2026-04-31"));
  EXPECT_FALSE(CivilDate::parse_iso("26-04-01"));
  EXPECT_FALSE(CivilDate::parse_iso("2026/04/01"));
  EXPECT_FALSE(CivilDate::parse_iso("2026-4-1"));
  EXPECT_FALSE(CivilDate::parse_iso("1700-01-01"));
  EXPECT_FALSE(CivilDate::parse_iso("2026-0a-01"));
}

TEST(CivilDate, FormatsForPeopleAndMachines) {
  auto d = *CivilDate::parse_iso("2026-11-07");
  EXPECT_EQ(d.iso(), "2026-11-07");
  EXPECT_EQ(d.display(), "7 November 2026");
  EXPECT_EQ(display_date("2026-11-07"), "7 November 2026");
  EXPECT_EQ(display_date("not a date"), "not a date");
  EXPECT_EQ(d.plus_days(30).iso(), "2026-12-07");
  EXPECT_EQ(d.plus_days(-7).iso(), "2026-10-31");
}

TEST(CivilDate, AgeCountsBirthdays) {
  auto dob = *CivilDate::parse_iso("1941-03-14");
  EXPECT_EQ(age_on(dob, *CivilDate::parse_iso("2026-03-13")), 84);
  EXPECT_EQ(age_on(dob, *CivilDate::parse_iso("2026-03-14")), 85);
  auto leap = *CivilDate::parse_iso("1960-02-29");
  EXPECT_EQ(age_on(leap, *CivilDate::parse_iso("2025-02-28")), 64);
  EXPECT_EQ(age_on(leap, *CivilDate::parse_iso("2025-03-01")), 65);
}

TEST(UtcTimestamp, RoundTripsAndSortsAsText) {
  auto t = parse_utc_timestamp("2026-11-27T08:03:12Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(utc_timestamp(*t), "2026-11-27T08:03:12Z");
  EXPECT_LT(std::string("2026-11-27T08:03:12Z"), std::string("2026-11-27T10:00:00Z"));
  EXPECT_FALSE(parse_utc_timestamp("2026-11-27 08:03:12"));
  EXPECT_FALSE(parse_utc_timestamp("2026-11-27T25:03:12Z"));
}

}  // namespace patchwork
