#include "domain/planning/costing.hpp"

#include <array>
#include <fmt/format.h>

#include "core/text.hpp"
#include "domain/allocation/ras.hpp"

namespace patchwork::planning {
namespace {

// The spellings. DHSC's client-level-data code (DataS-DHSC/ASC-CLD-LA-Dashboard,
// 6.Costs_fact.sql) does not list the values: it classifies them by prefix,
// `LIKE 'week%'`, 'fortnight%', '4-week%', 'month%', 'quarter%', 'annual%'
// (×1, ×1/2, ×1/4, ×12/52, ×4/52, ×1/52 to a week), compares 'one-off' exactly,
// and takes every other value (hourly, daily, per session) as needing
// Planned_Units_Per_Week. So each code below is chosen to fall in the branch
// the national code puts it in: "Weekly" matches 'week%', "4-weekly" matches
// '4-week%', "Annually" matches 'annual%', "One-off" equals 'one-off' under
// SQL Server's usual case-insensitive collation. "Hourly", "Daily" and
// "Per session" are not spelled anywhere in that code; these are our spellings
// of the values rules.md names, and the national code only needs them to match
// none of the prefixes above (they do not).
struct Spelling {
  CostFrequency frequency;
  std::string_view code;
  std::string_view label;
  std::string_view units;
};

constexpr std::array<Spelling, 10> kSpellings{{
    {CostFrequency::Hourly, "Hourly", "Per hour", "hours a week"},
    {CostFrequency::Daily, "Daily", "Per day", "days a week"},
    {CostFrequency::PerSession, "Per session", "Per session", "sessions a week"},
    {CostFrequency::Weekly, "Weekly", "Per week", ""},
    {CostFrequency::Fortnightly, "Fortnightly", "Every 2 weeks", ""},
    {CostFrequency::FourWeekly, "4-weekly", "Every 4 weeks", ""},
    {CostFrequency::Monthly, "Monthly", "Per calendar month", ""},
    {CostFrequency::Quarterly, "Quarterly", "Every 3 months", ""},
    {CostFrequency::Annually, "Annually", "Per year", ""},
    {CostFrequency::OneOff, "One-off", "Once only (a one-off cost)", ""},
}};

constexpr std::array<CostFrequency, 10> kOrder{
    CostFrequency::Hourly,  CostFrequency::Daily,   CostFrequency::PerSession, CostFrequency::Weekly,
    CostFrequency::Fortnightly, CostFrequency::FourWeekly, CostFrequency::Monthly, CostFrequency::Quarterly,
    CostFrequency::Annually, CostFrequency::OneOff,
};

// Other spellings people and older systems use for the same thing, lower case.
// Each is the word the national prefix matches, or an everyday form of it.
struct Alias {
  std::string_view text;
  CostFrequency frequency;
};
constexpr std::array<Alias, 16> kAliases{{
    {"hour", CostFrequency::Hourly},
    {"per hour", CostFrequency::Hourly},
    {"day", CostFrequency::Daily},
    {"per day", CostFrequency::Daily},
    {"session", CostFrequency::PerSession},
    {"week", CostFrequency::Weekly},
    {"per week", CostFrequency::Weekly},
    {"fortnight", CostFrequency::Fortnightly},
    {"4-week", CostFrequency::FourWeekly},
    {"four-weekly", CostFrequency::FourWeekly},
    {"month", CostFrequency::Monthly},
    {"quarter", CostFrequency::Quarterly},
    {"annual", CostFrequency::Annually},
    {"yearly", CostFrequency::Annually},
    {"one off", CostFrequency::OneOff},
    {"oneoff", CostFrequency::OneOff},
}};

const Spelling& spelling(CostFrequency f) {
  for (const auto& s : kSpellings)
    if (s.frequency == f) return s;
  return kSpellings[3];  // unreachable: every enumerator is in the table (tested)
}

// The national conversion to a week, as an exact fraction (rules.md, and
// 6.Costs_fact.sql): the weekly cost is unit cost × numerator ÷ denominator.
// A year is taken as 52 weeks, as the national code does, so the yearly cost
// is unit cost × numerator × 52 ÷ denominator, which for every fixed frequency
// is a whole number of periods (52 weeks, 26 fortnights, 13 four-weeks,
// 12 months, 4 quarters, 1 year).
struct Fraction {
  std::int64_t numerator;
  std::int64_t denominator;
};

Fraction per_week(CostFrequency f, UnitsPerWeek units) {
  switch (f) {
    case CostFrequency::Hourly:
    case CostFrequency::Daily:
    case CostFrequency::PerSession: return {units.quarters(), 4};
    case CostFrequency::Weekly: return {1, 1};
    case CostFrequency::Fortnightly: return {1, 2};
    case CostFrequency::FourWeekly: return {1, 4};
    case CostFrequency::Monthly: return {12, 52};
    case CostFrequency::Quarterly: return {4, 52};
    case CostFrequency::Annually: return {1, 52};
    case CostFrequency::OneOff: return {0, 1};
  }
  return {0, 1};
}

std::int64_t max_units(CostFrequency f) {
  return f == CostFrequency::Daily ? kMaxDaysPerWeek : kMaxHoursPerWeek;
}

std::string field(std::string_view f) { return std::string(f); }

std::string too_much_message() {
  return fmt::format("The cost is too large: a support line can cost at most {} a week",
                     allocation::kWeeklyAmountLimit.display());
}

}  // namespace

std::span<const CostFrequency> cost_frequencies() { return kOrder; }
std::string_view national_code(CostFrequency f) { return spelling(f).code; }
std::string_view label(CostFrequency f) { return spelling(f).label; }
std::string_view units_label(CostFrequency f) { return spelling(f).units; }

bool needs_units(CostFrequency f) {
  return f == CostFrequency::Hourly || f == CostFrequency::Daily || f == CostFrequency::PerSession;
}

std::optional<CostFrequency> parse_cost_frequency(std::string_view text) {
  std::string t = to_lower(trim(text));
  for (const auto& s : kSpellings)
    if (t == to_lower(s.code)) return s.frequency;
  for (const auto& a : kAliases)
    if (t == a.text) return a.frequency;
  return std::nullopt;
}

std::string UnitsPerWeek::decimal() const {
  std::string whole = std::to_string(quarters_ / 4);
  switch (quarters_ % 4) {
    case 1: return whole + ".25";
    case 2: return whole + ".5";
    case 3: return whole + ".75";
    default: return whole;
  }
}

namespace {

// "1 hour", "2 hours": a count and its noun, singular for one.
std::string counted(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string units_in_words(UnitsPerWeek units, CostFrequency f) {
  const std::int64_t q = units.quarters();
  const std::int64_t whole = q / 4, part = q % 4;
  std::string words;
  if (f == CostFrequency::Hourly) {
    // Quarter hours are minutes: 10.25 hours is 10 hours 15 minutes.
    if (whole > 0) words = counted(whole, "hour", "hours");
    if (part > 0) words += (words.empty() ? "" : " ") + std::to_string(part * 15) + " minutes";
    if (words.empty()) words = "0 hours";
  } else if (f == CostFrequency::Daily || f == CostFrequency::PerSession) {
    const bool days = f == CostFrequency::Daily;
    static constexpr std::array<std::string_view, 4> kFraction{"", "a quarter", "a half", "three quarters"};
    if (part == 0) words = counted(whole, days ? "day" : "session", days ? "days" : "sessions");
    else if (whole == 0) words = (part == 2 ? std::string("half") : std::string(kFraction[std::size_t(part)]) + " of") + (days ? " a day" : " a session");
    else words = std::to_string(whole) + " and " + std::string(kFraction[std::size_t(part)]) + (days ? " days" : " sessions");
  } else {
    return "";
  }
  return words + " a week";
}

std::string unit_cost_in_words(Money unit_cost, CostFrequency f) {
  std::string_view how;
  switch (f) {
    case CostFrequency::Hourly: how = "an hour"; break;
    case CostFrequency::Daily: how = "a day"; break;
    case CostFrequency::PerSession: how = "a session"; break;
    case CostFrequency::Weekly: how = "a week"; break;
    case CostFrequency::Fortnightly: how = "every 2 weeks"; break;
    case CostFrequency::FourWeekly: how = "every 4 weeks"; break;
    case CostFrequency::Monthly: how = "a month"; break;
    case CostFrequency::Quarterly: how = "every 3 months"; break;
    case CostFrequency::Annually: how = "a year"; break;
    case CostFrequency::OneOff: how = "once"; break;
  }
  return unit_cost.display() + " " + std::string(how);
}

Result<UnitsPerWeek> parse_units_per_week(std::string_view text, const std::string& f) {
  std::string t = trim(text);
  auto bad = [&] {
    return fail(f, "Enter the units a week as a number, such as 10 or 10.25 (quarters of an hour are the smallest part)");
  };
  if (t.empty()) return fail(f, "Enter the units a week");
  if (t[0] == '-') return fail(f, "The units a week cannot be less than 0");
  std::size_t dot = t.find('.');
  std::string_view whole = std::string_view(t).substr(0, dot);
  std::string_view frac = dot == std::string::npos ? std::string_view() : std::string_view(t).substr(dot + 1);
  if (whole.empty() || whole.size() > 6) return whole.size() > 6 ? fail(f, "The units a week are too many") : bad();
  for (char c : whole)
    if (c < '0' || c > '9') return bad();
  if (dot != std::string::npos && (frac.empty() || frac.size() > 2)) return bad();
  for (char c : frac)
    if (c < '0' || c > '9') return bad();
  std::int64_t hundredths = 0;
  for (char c : whole) hundredths = hundredths * 10 + (c - '0');
  hundredths *= 100;
  if (frac.size() == 1) hundredths += (frac[0] - '0') * 10;
  if (frac.size() == 2) hundredths += (frac[0] - '0') * 10 + (frac[1] - '0');
  // Refused, not rounded: 10.3 hours is not a bookable amount, and rounding it
  // silently would change what the person is charged.
  if (hundredths % 25 != 0)
    return fail(f, "Enter the units a week in quarters, such as 10, 10.25, 10.5 or 10.75");
  return UnitsPerWeek::from_quarters(hundredths / 25);
}

Result<LineCostInput> read_line_cost(std::string_view unit_cost, std::string_view frequency,
                                     std::string_view units_per_week) {
  FieldErrors errors;
  LineCostInput in;
  if (!trim(unit_cost).empty()) {
    in.unit_cost = Money::parse(trim(unit_cost));
    if (!in.unit_cost)
      errors.push_back({field(kUnitCostField), "Enter the unit cost in pounds and pence, such as 21.50"});
  }
  if (!trim(frequency).empty()) {
    in.frequency = parse_cost_frequency(frequency);
    if (!in.frequency)
      errors.push_back({field(kFrequencyField),
                        "Choose how often the cost is paid: per hour, per day, per session, per week, every 2 "
                        "weeks, every 4 weeks, per month, every 3 months, per year or once only"});
  }
  if (!trim(units_per_week).empty()) {
    auto u = parse_units_per_week(units_per_week, field(kUnitsField));
    if (u) in.units_per_week = *u;
    else errors.insert(errors.end(), u.error().begin(), u.error().end());
  }
  if (!errors.empty()) return std::unexpected(errors);
  return in;
}

Result<LineCost> cost_line(const LineCostInput& in) {
  FieldErrors errors;
  if (!in.unit_cost) errors.push_back({field(kUnitCostField), "Enter the unit cost"});
  else if (in.unit_cost->pence() < 0) errors.push_back({field(kUnitCostField), "The unit cost cannot be less than \xC2\xA3" "0"});
  if (!in.frequency) {
    errors.push_back({field(kFrequencyField), "Choose how often the cost is paid"});
  } else if (needs_units(*in.frequency)) {
    // CLD: an hourly, daily or per-session cost says nothing about a week
    // without Planned_units_per_week; the national code drops such rows, we
    // refuse them at the door instead.
    if (!in.units_per_week) {
      errors.push_back({field(kUnitsField), fmt::format("Enter how many {} the cost is for", units_label(*in.frequency))});
    } else if (in.units_per_week->quarters() <= 0) {
      errors.push_back({field(kUnitsField), fmt::format("Enter more than 0 {}", units_label(*in.frequency))});
    } else if (in.units_per_week->quarters() > max_units(*in.frequency) * 4) {
      errors.push_back({field(kUnitsField), fmt::format("There cannot be more than {} {}", max_units(*in.frequency),
                                                        units_label(*in.frequency))});
    }
  } else if (in.units_per_week) {
    // Units with a weekly, monthly… or one-off cost would be a second,
    // contradictory statement of how much is bought; the national code trusts
    // the frequency over the units when they disagree, we do not let them.
    errors.push_back({field(kUnitsField), fmt::format("Leave the units a week empty for a cost paid {}",
                                                      to_lower(label(*in.frequency)))});
  }
  if (!errors.empty()) return std::unexpected(errors);

  const CostFrequency f = *in.frequency;
  const Money unit = *in.unit_cost;
  LineCost out;
  out.frequency = f;
  if (f == CostFrequency::OneOff) {
    // Counted once, never spread over weeks: a £520 adaptation is not £10 a week.
    if (unit.pence() > allocation::kWeeklyAmountLimit.pence() * 52)
      return fail(field(kUnitCostField), fmt::format("The cost is too large: a one-off cost can be at most {}",
                                                     Money::from_pence(allocation::kWeeklyAmountLimit.pence() * 52).display()));
    out.one_off = unit;
    return out;
  }
  // Rounding: the weekly and the yearly cost are each the exact fraction of
  // pence rounded ONCE to the nearest penny, halves away from zero (Money::
  // scaled works in 128 bits, so nothing is lost before that one rounding).
  // The yearly cost is NOT the rounded weekly cost × 52: £520.00 a month is
  // exactly £120.00 a week and £6,240.00 a year, but £100.00 a month is
  // £23.0769… a week, shown as £23.08, while the year is exactly £1,200.00,
  // not 52 × £23.08 = £1,200.16. The yearly figure is what is actually paid.
  const UnitsPerWeek units = in.units_per_week.value_or(UnitsPerWeek{});
  const Fraction w = per_week(f, units);
  auto weekly = unit.scaled(w.numerator, w.denominator);
  if (!weekly || *weekly > allocation::kWeeklyAmountLimit) return fail(field(kUnitCostField), too_much_message());
  // numerator × 52 cannot overflow: units are at most 168 × 4 quarters.
  auto yearly = unit.scaled(w.numerator * 52, w.denominator);
  if (!yearly) return fail(field(kUnitCostField), too_much_message());
  out.weekly = *weekly;
  out.yearly = *yearly;
  return out;
}

Result<PlanCost> total(std::span<const LineCost> lines) {
  PlanCost t;
  for (const auto& l : lines) {
    auto w = t.weekly.plus(l.weekly);
    auto y = t.yearly.plus(l.yearly);
    auto o = t.one_off.plus(l.one_off);
    if (!w || !y || !o) return fail("lines", "The plan's total cost is too large to work out");
    t = {*w, *y, *o};
  }
  return t;
}

}  // namespace patchwork::planning
