#pragma once
// The cost of a support line in a plan: its unit cost, how often that cost
// falls due (the national Cost_Frequency_Unit_Type) and, for costs by the hour,
// day or session, how many units a week. Weekly and yearly figures are worked
// out here, never typed, so every screen, letter and report agrees.
// Pure domain: no storage, HTTP or JSON. The rules are in docs/planning.md
// ("Costing a support line").
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "core/result.hpp"

namespace patchwork::planning {

// How often a unit cost falls due: the national CLD `Cost_Frequency_Unit_Type`.
enum class CostFrequency {
  Hourly,
  Daily,
  PerSession,
  Weekly,
  Fortnightly,
  FourWeekly,
  Monthly,
  Quarterly,
  Annually,
  OneOff,
};

// Every frequency, in the order a form offers them.
std::span<const CostFrequency> cost_frequencies();

// The value sent in the national return, e.g. "4-weekly", "One-off".
std::string_view national_code(CostFrequency f);
// Plain English for a form or a letter, e.g. "Every 4 weeks".
std::string_view label(CostFrequency f);
// What the planned units are counted in ("hours a week"), or empty when the
// frequency takes no units.
std::string_view units_label(CostFrequency f);

// The national code (or one of a few plain spellings, listed in costing.cpp),
// in any case and with spaces around it trimmed; nothing for anything else.
std::optional<CostFrequency> parse_cost_frequency(std::string_view text);

// Whether the cost is by the hour, day or session, so it needs
// Planned_units_per_week to become a weekly cost.
bool needs_units(CostFrequency f);

// Planned units a week, held exactly in quarter units: care is booked in
// quarter hours, so 10.25 hours a week is 41 quarters. A count that is not a
// whole number of quarters is refused rather than rounded, because rounding
// here would change the money.
class UnitsPerWeek {
 public:
  constexpr UnitsPerWeek() = default;  // none
  static constexpr UnitsPerWeek from_quarters(std::int64_t quarters) { return UnitsPerWeek(quarters); }
  constexpr std::int64_t quarters() const { return quarters_; }
  // "10.25" for 41 quarters, "7" for 28.
  std::string decimal() const;
  constexpr auto operator<=>(const UnitsPerWeek&) const = default;

 private:
  constexpr explicit UnitsPerWeek(std::int64_t q) : quarters_(q) {}
  std::int64_t quarters_ = 0;
};

// Units a week in words for a letter or a printed plan, never as a decimal:
// "10 hours 15 minutes a week" (not "10.25 hours", which reads as ten hours
// and twenty-five minutes), "1 hour a week", "45 minutes a week", "2 and a
// half days a week", "1 and a quarter sessions a week". Empty for a frequency
// that takes no units.
std::string units_in_words(UnitsPerWeek units, CostFrequency f);

// A unit cost in words: "£21.50 an hour", "£45.00 a day", "£30.00 a
// session", "£120.00 a week", "£301.01 every 2 weeks", "£100.00 every 4 weeks",
// "£100.00 a month", "£300.00 every 3 months", "£1,200.00 a year", "£520.00 once".
std::string unit_cost_in_words(Money unit_cost, CostFrequency f);

// Parses "10", "10.5", "10.25", "10.50" or "10.75" as units a week. The
// error's field is `field`; refuses negatives, more than two decimal places and
// anything not a whole number of quarters.
Result<UnitsPerWeek> parse_units_per_week(std::string_view text, const std::string& field);

// Field names used in errors (the names forms and the API will use).
inline constexpr std::string_view kUnitCostField = "unit_cost";
inline constexpr std::string_view kFrequencyField = "cost_frequency";
inline constexpr std::string_view kUnitsField = "planned_units_per_week";

// The most hours (and sessions) in a week: there are 168 hours in a week.
inline constexpr std::int64_t kMaxHoursPerWeek = 168;
// The most days in a week.
inline constexpr std::int64_t kMaxDaysPerWeek = 7;

// What a support line says about its cost, as entered.
struct LineCostInput {
  std::optional<Money> unit_cost;
  std::optional<CostFrequency> frequency;
  std::optional<UnitsPerWeek> units_per_week;  // only for hourly, daily, per session
};

// Reads the three fields as typed in a form or sent by the API (empty text is
// "not given"), naming each field that is wrong. All problems are reported
// together; an empty field is left to cost_line() to refuse.
Result<LineCostInput> read_line_cost(std::string_view unit_cost, std::string_view frequency,
                                     std::string_view units_per_week);

// A line's worked-out cost. For a one-off cost `weekly` and `yearly` are zero
// and `one_off` is the cost: it is paid once, never spread over weeks.
struct LineCost {
  CostFrequency frequency = CostFrequency::Weekly;
  Money weekly;
  Money yearly;
  Money one_off;
};

// The weekly and yearly cost of a line, each worked out exactly as a fraction
// of pence and rounded once to the penny, halves away from zero. Refuses,
// naming the field: no unit cost; a negative unit cost; no frequency; units
// missing for hourly, daily or per-session costs; units given for any other
// frequency; no units (zero) or more than 168 hours (7 days, 168 sessions) a
// week; a weekly cost over allocation::kWeeklyAmountLimit (a one-off cost over
// 52 times it); a sum too large for Money.
Result<LineCost> cost_line(const LineCostInput& in);

// A plan's totals: the sums of the lines' rounded figures, so the lines printed
// in a letter add up to the total printed under them.
struct PlanCost {
  Money weekly;
  Money yearly;
  Money one_off;
};
// Refuses (field "lines") only if a sum is too large for Money.
Result<PlanCost> total(std::span<const LineCost> lines);

}  // namespace patchwork::planning
