#pragma once
// How long approval takes: the time from a plan's submission to its decision,
// as a median and a 90th percentile, by the plan's weekly cost and by the
// person's age band. The independent review of personal budgets names delays
// as a main harm, so team managers see where they build up. Pure arithmetic on
// rows the repository gives; no storage here.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "domain/people/age.hpp"

namespace patchwork::planning {

struct DecisionTimeRow {
  Money weekly_cost{};
  std::optional<people::AgeBand> age_band{};  // on the day the plan was submitted; none when the date of birth is not known
  std::int64_t seconds = 0;                                  // submission to decision
};

// The median: the middle value, or for an even count the mean of the two
// middle values rounded down to the second. None for no values.
std::optional<std::int64_t> median_of(std::vector<std::int64_t> values);
// The 90th percentile by the nearest-rank method: the smallest value with at
// least 90% of the values at or below it (the ceil(0.9 n)-th smallest). It is
// always a time some decision really took. None for no values.
std::optional<std::int64_t> percentile_90_of(std::vector<std::int64_t> values);

struct TimeGroup {
  std::string label{};
  std::int64_t decisions = 0;
  std::optional<std::int64_t> median_seconds{};
  std::optional<std::int64_t> p90_seconds{};
};

struct DecisionTimeReport {
  TimeGroup all{};
  std::vector<TimeGroup> by_amount{};  // every band, in order, empty ones too
  std::vector<TimeGroup> by_age{};
};

// The weekly-cost bands of the report, fixed so that years can be compared
// whatever the council's limits: up to £250, £250.01 to £500, £500.01 to
// £1,000, over £1,000 a week.
std::string amount_band_label(Money weekly_cost);

DecisionTimeReport decision_time_report(std::span<const DecisionTimeRow> rows);

// "3 days 4 hours", "2 hours 5 minutes", "40 minutes", "less than a minute".
std::string duration_words(std::int64_t seconds);

}  // namespace patchwork::planning
