// The decision-time report on hand-worked figures.
#include "domain/planning/decision_times.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace patchwork::planning {
namespace {

constexpr std::int64_t kHour = 3600, kDay = 24 * kHour;

TEST(DecisionTimes, MedianOfOddAndEvenCounts) {
  EXPECT_EQ(median_of({}), std::nullopt);
  EXPECT_EQ(median_of({7}), 7);
  EXPECT_EQ(median_of({9, 1, 5}), 5) << "sorted first: 1 5 9";
  EXPECT_EQ(median_of({4, 1, 10, 6}), 5) << "(4 + 6) / 2";
  EXPECT_EQ(median_of({1, 2}), 1) << "1.5 rounded down to the second";
  EXPECT_EQ(median_of({3, 5}), 4);
  EXPECT_EQ(median_of({INT64_MAX, INT64_MAX - 2}), INT64_MAX - 1) << "no overflow adding two long times";
}

TEST(DecisionTimes, NinetiethPercentileByNearestRank) {
  EXPECT_EQ(percentile_90_of({}), std::nullopt);
  EXPECT_EQ(percentile_90_of({42}), 42);
  // Ten values 1..10: rank ceil(9) = 9, the 9th smallest.
  EXPECT_EQ(percentile_90_of({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}), 9);
  // Eleven values: rank ceil(9.9) = 10.
  EXPECT_EQ(percentile_90_of({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}), 10);
  // Four values: rank ceil(3.6) = 4, the largest.
  EXPECT_EQ(percentile_90_of({1, 2, 3, 100}), 100);
}

TEST(DecisionTimes, GroupedByAmountBandAndAgeBand) {
  using people::AgeBand;
  std::vector<DecisionTimeRow> rows{
      {Money::from_pence(250'00), AgeBand::Older65Plus, 1 * kDay},   // up to £250
      {Money::from_pence(120'00), AgeBand::Adult18To64, 3 * kDay},   // up to £250
      {Money::from_pence(250'01), AgeBand::Older65Plus, 2 * kDay},   // £250.01 to £500
      {Money::from_pence(912'50), AgeBand::Older65Plus, 10 * kDay},  // £500.01 to £1,000
      {Money::from_pence(1000'01), AgeBand::Adult18To64, 5 * kHour}, // over £1,000
  };
  auto r = decision_time_report(rows);
  EXPECT_EQ(r.all.decisions, 5);
  // All: 5h, 1d, 2d, 3d, 10d: the median is 2 days, the 90th percentile (rank 5) 10 days.
  EXPECT_EQ(r.all.median_seconds, 2 * kDay);
  EXPECT_EQ(r.all.p90_seconds, 10 * kDay);
  ASSERT_EQ(r.by_amount.size(), 4u);
  EXPECT_EQ(r.by_amount[0].label, "Up to £250 a week");
  EXPECT_EQ(r.by_amount[0].decisions, 2);
  EXPECT_EQ(r.by_amount[0].median_seconds, 2 * kDay) << "(1 + 3) / 2 days";
  EXPECT_EQ(r.by_amount[0].p90_seconds, 3 * kDay);
  EXPECT_EQ(r.by_amount[1].decisions, 1);
  EXPECT_EQ(r.by_amount[2].median_seconds, 10 * kDay);
  EXPECT_EQ(r.by_amount[3].median_seconds, 5 * kHour);
  ASSERT_EQ(r.by_age.size(), 3u);
  EXPECT_EQ(r.by_age[0].label, "Under 18");
  EXPECT_EQ(r.by_age[0].decisions, 0);
  EXPECT_EQ(r.by_age[0].median_seconds, std::nullopt) << "an empty group is shown, with no figures";
  EXPECT_EQ(r.by_age[1].label, "18 to 64");
  EXPECT_EQ(r.by_age[1].median_seconds, (5 * kHour + 3 * kDay) / 2);
  EXPECT_EQ(r.by_age[2].label, "65 and over");
  EXPECT_EQ(r.by_age[2].decisions, 3);
  EXPECT_EQ(r.by_age[2].median_seconds, 2 * kDay);
  EXPECT_EQ(r.by_age[2].p90_seconds, 10 * kDay);
}

TEST(DecisionTimes, DurationsInWords) {
  EXPECT_EQ(duration_words(59), "less than a minute");
  EXPECT_EQ(duration_words(60), "1 minute");
  EXPECT_EQ(duration_words(40 * 60), "40 minutes");
  EXPECT_EQ(duration_words(kHour), "1 hour");
  EXPECT_EQ(duration_words(2 * kHour + 5 * 60), "2 hours 5 minutes");
  EXPECT_EQ(duration_words(kDay), "1 day");
  EXPECT_EQ(duration_words(3 * kDay + 4 * kHour + 59), "3 days 4 hours");
}

}  // namespace
}  // namespace patchwork::planning
