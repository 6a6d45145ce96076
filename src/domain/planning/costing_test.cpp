#include "domain/planning/costing.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <limits>
#include <set>
#include <vector>

#include "domain/allocation/ras.hpp"

namespace patchwork::planning {
namespace {

Money pounds(std::string_view text) {
  auto m = Money::parse(text);
  EXPECT_TRUE(m.has_value()) << text;
  return m.value_or(Money{});
}

LineCostInput input(std::string_view unit, CostFrequency f, std::optional<std::int64_t> quarters = std::nullopt) {
  LineCostInput in{pounds(unit), f, std::nullopt};
  if (quarters) in.units_per_week = UnitsPerWeek::from_quarters(*quarters);
  return in;
}

LineCost cost(const LineCostInput& in) {
  auto c = cost_line(in);
  EXPECT_TRUE(c.has_value()) << (c ? "" : c.error()[0].field + ": " + c.error()[0].message);
  return c.value_or(LineCost{});
}

// The weekly and yearly figures of a line, as "weekly / yearly" in pounds.
std::string figures(const LineCostInput& in) {
  auto c = cost(in);
  return c.weekly.decimal() + " / " + c.yearly.decimal();
}

std::string refused_field(const LineCostInput& in) {
  auto c = cost_line(in);
  EXPECT_FALSE(c.has_value());
  return c ? std::string() : c.error()[0].field;
}

}  // namespace

TEST(Costing, EveryFrequencyHasANationalCodeALabelAndParsesBack) {
  std::set<std::string_view> codes;
  for (auto f : cost_frequencies()) {
    EXPECT_FALSE(national_code(f).empty());
    EXPECT_FALSE(label(f).empty());
    EXPECT_EQ(needs_units(f), !units_label(f).empty());
    EXPECT_EQ(parse_cost_frequency(national_code(f)), f) << national_code(f);
    codes.insert(national_code(f));
  }
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(cost_frequencies().size(), 10u);
  EXPECT_TRUE(needs_units(CostFrequency::Hourly));
  EXPECT_TRUE(needs_units(CostFrequency::Daily));
  EXPECT_TRUE(needs_units(CostFrequency::PerSession));
  EXPECT_FALSE(needs_units(CostFrequency::Monthly));
  EXPECT_FALSE(needs_units(CostFrequency::OneOff));
}

TEST(Costing, NationalCodesFallInTheBranchDhscsCostsCodePutsThemIn) {
  // 6.Costs_fact.sql classifies by prefix ('week%', '4-week%', …) and compares
  // 'one-off' exactly, case-insensitively.
  auto starts = [](std::string_view code, std::string_view prefix) {
    std::string c(code);
    for (auto& ch : c) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return c.starts_with(prefix);
  };
  EXPECT_TRUE(starts(national_code(CostFrequency::Weekly), "week"));
  EXPECT_TRUE(starts(national_code(CostFrequency::Fortnightly), "fortnight"));
  EXPECT_TRUE(starts(national_code(CostFrequency::FourWeekly), "4-week"));
  EXPECT_TRUE(starts(national_code(CostFrequency::Monthly), "month"));
  EXPECT_TRUE(starts(national_code(CostFrequency::Quarterly), "quarter"));
  EXPECT_TRUE(starts(national_code(CostFrequency::Annually), "annual"));
  EXPECT_EQ(national_code(CostFrequency::OneOff), "One-off");
  for (auto f : {CostFrequency::Hourly, CostFrequency::Daily, CostFrequency::PerSession})
    for (std::string_view p : {"week", "fortnight", "4-week", "month", "quarter", "annual", "one-off"})
      EXPECT_FALSE(starts(national_code(f), p)) << national_code(f);
}

TEST(Costing, FrequenciesAreReadInAnyCase) {
  EXPECT_EQ(parse_cost_frequency("WEEKLY"), CostFrequency::Weekly);
  EXPECT_EQ(parse_cost_frequency(" 4-Weekly "), CostFrequency::FourWeekly);
  EXPECT_EQ(parse_cost_frequency("one-off"), CostFrequency::OneOff);
  EXPECT_EQ(parse_cost_frequency("ONE OFF"), CostFrequency::OneOff);
  EXPECT_EQ(parse_cost_frequency("per SESSION"), CostFrequency::PerSession);
  EXPECT_EQ(parse_cost_frequency("Annual"), CostFrequency::Annually);
  EXPECT_EQ(parse_cost_frequency("hourly"), CostFrequency::Hourly);
  EXPECT_EQ(parse_cost_frequency("daily"), CostFrequency::Daily);
  EXPECT_EQ(parse_cost_frequency("fortnightly"), CostFrequency::Fortnightly);
  EXPECT_EQ(parse_cost_frequency("monthly"), CostFrequency::Monthly);
  EXPECT_EQ(parse_cost_frequency("quarterly"), CostFrequency::Quarterly);
  EXPECT_FALSE(parse_cost_frequency("biweekly"));
  EXPECT_FALSE(parse_cost_frequency("weekend"));
  EXPECT_FALSE(parse_cost_frequency(""));
}

TEST(Costing, EachFrequencyConvertsToAWeekAndAYearByTheNationalRule) {
  EXPECT_EQ(figures(input("250.00", CostFrequency::Weekly)), "250.00 / 13000.00");
  EXPECT_EQ(figures(input("300.00", CostFrequency::Fortnightly)), "150.00 / 7800.00");
  EXPECT_EQ(figures(input("400.00", CostFrequency::FourWeekly)), "100.00 / 5200.00");
  EXPECT_EQ(figures(input("520.00", CostFrequency::Monthly)), "120.00 / 6240.00");
  EXPECT_EQ(figures(input("1300.00", CostFrequency::Quarterly)), "100.00 / 5200.00");
  EXPECT_EQ(figures(input("5200.00", CostFrequency::Annually)), "100.00 / 5200.00");
  EXPECT_EQ(figures(input("21.50", CostFrequency::Hourly, 40)), "215.00 / 11180.00");  // 10 hours
  EXPECT_EQ(figures(input("75.00", CostFrequency::Daily, 10)), "187.50 / 9750.00");    // 2.5 days
  EXPECT_EQ(figures(input("40.00", CostFrequency::PerSession, 12)), "120.00 / 6240.00");  // 3 sessions
}

TEST(Costing, AOneOffCostIsCountedOnceAndNeverWeekly) {
  auto c = cost(input("450.00", CostFrequency::OneOff));
  EXPECT_EQ(c.one_off, pounds("450.00"));
  EXPECT_EQ(c.weekly, Money{});
  EXPECT_EQ(c.yearly, Money{});
  EXPECT_EQ(cost(input("520.00", CostFrequency::Weekly)).one_off, Money{});
}

TEST(Costing, TheYearlyCostIsTheExactYearNotTheRoundedWeekTimes52) {
  // £100 a month: £23.0769… a week, shown £23.08; the year is £1,200.00, where
  // 52 × £23.08 would be £1,200.16.
  EXPECT_EQ(figures(input("100.00", CostFrequency::Monthly)), "23.08 / 1200.00");
  // £100 a quarter: £7.6923… a week → £7.69; the year is 4 × £100.
  EXPECT_EQ(figures(input("100.00", CostFrequency::Quarterly)), "7.69 / 400.00");
  // £1,000 a year: £19.2307… a week → £19.23.
  EXPECT_EQ(figures(input("1000.00", CostFrequency::Annually)), "19.23 / 1000.00");
}

TEST(Costing, HalfPenniesRoundAwayFromZeroOnce) {
  EXPECT_EQ(figures(input("0.01", CostFrequency::Fortnightly)), "0.01 / 0.26");  // 0.5p a week → 1p
  EXPECT_EQ(figures(input("301.01", CostFrequency::Fortnightly)), "150.51 / 7826.26");  // 150.505
  EXPECT_EQ(figures(input("0.06", CostFrequency::FourWeekly)), "0.02 / 0.78");  // 1.5p → 2p
  EXPECT_EQ(figures(input("0.01", CostFrequency::FourWeekly)), "0.00 / 0.13");  // 0.25p → 0p
  EXPECT_EQ(figures(input("0.03", CostFrequency::FourWeekly)), "0.01 / 0.39");  // 0.75p → 1p
  EXPECT_EQ(figures(input("0.26", CostFrequency::Annually)), "0.01 / 0.26");    // 0.5p → 1p
  EXPECT_EQ(figures(input("0.02", CostFrequency::Hourly, 1)), "0.01 / 0.26");   // ¼ hour of 2p
  // Rounded once: £0.01 × ¼ hour is 0.25p a week (→ 0p) but 13p a year, not 0 × 52.
  EXPECT_EQ(figures(input("0.01", CostFrequency::Hourly, 1)), "0.00 / 0.13");
}

TEST(Costing, FractionalUnitsAreExactQuarters) {
  // 10.25 hours at £21.50: 220.375 → £220.38; the year 10.25 × 52 × 21.50 exactly.
  EXPECT_EQ(figures(input("21.50", CostFrequency::Hourly, 41)), "220.38 / 11459.50");
  EXPECT_EQ(figures(input("18.00", CostFrequency::Hourly, 30)), "135.00 / 7020.00");  // 7.5 hours
  EXPECT_EQ(figures(input("20.00", CostFrequency::Hourly, 3)), "15.00 / 780.00");     // 0.75 hours

  for (auto [text, quarters] : std::vector<std::pair<std::string_view, std::int64_t>>{
           {"10", 40}, {"10.25", 41}, {"10.5", 42}, {"10.50", 42}, {"10.75", 43}, {"0.25", 1}, {" 168 ", 672}, {"0", 0}}) {
    auto u = parse_units_per_week(text, "planned_units_per_week");
    ASSERT_TRUE(u) << text;
    EXPECT_EQ(u->quarters(), quarters) << text;
  }
  EXPECT_EQ(UnitsPerWeek::from_quarters(41).decimal(), "10.25");
  EXPECT_EQ(UnitsPerWeek::from_quarters(42).decimal(), "10.5");
  EXPECT_EQ(UnitsPerWeek::from_quarters(43).decimal(), "10.75");
  EXPECT_EQ(UnitsPerWeek::from_quarters(28).decimal(), "7");

  for (std::string_view bad : {"10.3", "10.1", "10.255", "10.", ".5", "-1", "abc", "1e3", "10,5", "", "1234567"}) {
    auto u = parse_units_per_week(bad, "planned_units_per_week");
    ASSERT_FALSE(u) << bad;
    EXPECT_EQ(u.error()[0].field, "planned_units_per_week");
    EXPECT_FALSE(u.error()[0].message.empty());
  }
  auto not_quarter = parse_units_per_week("10.3", "planned_units_per_week");
  EXPECT_NE(not_quarter.error()[0].message.find("quarters"), std::string::npos);
}

TEST(Costing, EachBadInputIsRefusedNamingItsField) {
  LineCostInput none{std::nullopt, CostFrequency::Weekly, std::nullopt};
  EXPECT_EQ(refused_field(none), "unit_cost");
  EXPECT_EQ(refused_field(input("-0.01", CostFrequency::Weekly)), "unit_cost");
  LineCostInput no_frequency{pounds("10.00"), std::nullopt, std::nullopt};
  EXPECT_EQ(refused_field(no_frequency), "cost_frequency");
  // Units are needed by hourly, daily and per-session costs, and refused by the rest.
  EXPECT_EQ(refused_field(input("21.50", CostFrequency::Hourly)), "planned_units_per_week");
  EXPECT_EQ(refused_field(input("75.00", CostFrequency::Daily)), "planned_units_per_week");
  EXPECT_EQ(refused_field(input("40.00", CostFrequency::PerSession)), "planned_units_per_week");
  EXPECT_EQ(refused_field(input("21.50", CostFrequency::Hourly, 0)), "planned_units_per_week");
  for (auto f : {CostFrequency::Weekly, CostFrequency::Fortnightly, CostFrequency::FourWeekly, CostFrequency::Monthly,
                 CostFrequency::Quarterly, CostFrequency::Annually, CostFrequency::OneOff})
    EXPECT_EQ(refused_field(input("100.00", f, 4)), "planned_units_per_week") << national_code(f);
  // At most 168 hours or sessions and 7 days in a week.
  EXPECT_TRUE(cost_line(input("1.00", CostFrequency::Hourly, 168 * 4)));
  EXPECT_EQ(refused_field(input("1.00", CostFrequency::Hourly, 168 * 4 + 1)), "planned_units_per_week");
  EXPECT_TRUE(cost_line(input("1.00", CostFrequency::PerSession, 168 * 4)));
  EXPECT_EQ(refused_field(input("1.00", CostFrequency::PerSession, 168 * 4 + 1)), "planned_units_per_week");
  EXPECT_TRUE(cost_line(input("1.00", CostFrequency::Daily, 28)));
  EXPECT_EQ(refused_field(input("1.00", CostFrequency::Daily, 29)), "planned_units_per_week");
  // Every problem is reported at once.
  LineCostInput nothing{};
  auto all = cost_line(nothing);
  ASSERT_FALSE(all);
  ASSERT_EQ(all.error().size(), 2u);
  EXPECT_EQ(all.error()[0].field, "unit_cost");
  EXPECT_EQ(all.error()[1].field, "cost_frequency");
  // A free line (a community group) is allowed: nothing is negative or absurd.
  EXPECT_EQ(figures(input("0.00", CostFrequency::Weekly)), "0.00 / 0.00");
}

TEST(Costing, AWeeklyCostPastTheLimitIsRefused) {
  const auto limit = allocation::kWeeklyAmountLimit;  // £100,000.00 a week
  EXPECT_EQ(cost(LineCostInput{limit, CostFrequency::Weekly, std::nullopt}).weekly, limit);
  auto over = limit.plus(Money::from_pence(1));
  ASSERT_TRUE(over);
  auto refused = cost_line(LineCostInput{*over, CostFrequency::Weekly, std::nullopt});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error()[0].field, "unit_cost");
  EXPECT_NE(refused.error()[0].message.find("\xC2\xA3" "100,000.00"), std::string::npos);
  // £1,000 an hour for 100 hours is the limit exactly; 100.25 hours is over it.
  EXPECT_TRUE(cost_line(input("1000.00", CostFrequency::Hourly, 400)));
  EXPECT_EQ(refused_field(input("1000.00", CostFrequency::Hourly, 401)), "unit_cost");
  // A monthly cost is judged by its rounded weekly equivalent: £433,333.34 a
  // month is £100,000.0015… a week, £100,000.00 (allowed); £433,333.37 is
  // £100,000.0084…, £100,000.01 (refused).
  EXPECT_TRUE(cost_line(input("433333.34", CostFrequency::Monthly)));
  EXPECT_EQ(refused_field(input("433333.37", CostFrequency::Monthly)), "unit_cost");
  // A one-off cost may be at most a year of the weekly limit.
  EXPECT_TRUE(cost_line(input("5200000.00", CostFrequency::OneOff)));
  EXPECT_EQ(refused_field(input("5200000.01", CostFrequency::OneOff)), "unit_cost");
}

TEST(Costing, OverflowIsAnErrorNotAWrappedNumber) {
  const auto huge = Money::from_pence(std::numeric_limits<std::int64_t>::max() / 2);
  EXPECT_EQ(refused_field(LineCostInput{huge, CostFrequency::Hourly, UnitsPerWeek::from_quarters(672)}), "unit_cost");
  EXPECT_EQ(refused_field(LineCostInput{huge, CostFrequency::Weekly, std::nullopt}), "unit_cost");
  EXPECT_EQ(refused_field(LineCostInput{huge, CostFrequency::OneOff, std::nullopt}), "unit_cost");
  // Totals of lines made by hand past the limit still cannot wrap.
  std::vector<LineCost> lines(3, LineCost{CostFrequency::Weekly, huge, huge, Money{}});
  auto t = total(lines);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error()[0].field, "lines");
}

TEST(Costing, TextFromAFormIsReadNamingEachBadField) {
  auto ok = read_line_cost("21.50", "hourly", "10.25");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->unit_cost, pounds("21.50"));
  EXPECT_EQ(ok->frequency, CostFrequency::Hourly);
  EXPECT_EQ(ok->units_per_week, UnitsPerWeek::from_quarters(41));
  EXPECT_EQ(figures(*ok), "220.38 / 11459.50");

  auto empty = read_line_cost("", "", "");
  ASSERT_TRUE(empty);  // nothing typed: cost_line() says what is missing
  EXPECT_FALSE(cost_line(*empty));

  auto bad = read_line_cost("21.505", "now and then", "10.3");
  ASSERT_FALSE(bad);
  ASSERT_EQ(bad.error().size(), 3u);
  EXPECT_EQ(bad.error()[0].field, "unit_cost");
  EXPECT_EQ(bad.error()[1].field, "cost_frequency");
  EXPECT_EQ(bad.error()[2].field, "planned_units_per_week");
}

TEST(Costing, APlanTotalIsTheSumOfItsLinesRoundedFigures) {
  // Worked by hand:
  //   home care £21.50 an hour, 10.25 hours: 220.375 → £220.38 a week; £11,459.50 a year
  //   gym membership £100.00 a month: 23.0769… → £23.08 a week; £1,200.00 a year
  //   day service £40.00 a session, 3 sessions: £120.00 a week; £6,240.00 a year
  //   a riser chair £450.00 once: counted once, not weekly
  // Weekly £220.38 + £23.08 + £120.00 = £363.46; yearly £11,459.50 + £1,200.00 +
  // £6,240.00 = £18,899.50 (not 52 × £363.46 = £18,899.92); one-off £450.00.
  std::vector<LineCost> lines{
      cost(input("21.50", CostFrequency::Hourly, 41)),
      cost(input("100.00", CostFrequency::Monthly)),
      cost(input("40.00", CostFrequency::PerSession, 12)),
      cost(input("450.00", CostFrequency::OneOff)),
  };
  auto t = total(lines);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->weekly.decimal(), "363.46");
  EXPECT_EQ(t->yearly.decimal(), "18899.50");
  EXPECT_EQ(t->one_off.decimal(), "450.00");
  auto none = total({});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->weekly, Money{});
}

}  // namespace patchwork::planning

namespace patchwork::planning {
namespace {

// A printed plan never says "10.25 hours": read aloud, it sounds like ten
// hours and twenty-five minutes.
TEST(CostingWords, QuarterHoursAreSaidInMinutes) {
  auto q = [](std::int64_t n) { return UnitsPerWeek::from_quarters(n); };
  EXPECT_EQ(units_in_words(q(41), CostFrequency::Hourly), "10 hours 15 minutes a week");
  EXPECT_EQ(units_in_words(q(4), CostFrequency::Hourly), "1 hour a week");
  EXPECT_EQ(units_in_words(q(6), CostFrequency::Hourly), "1 hour 30 minutes a week");
  EXPECT_EQ(units_in_words(q(3), CostFrequency::Hourly), "45 minutes a week");
  EXPECT_EQ(units_in_words(q(28), CostFrequency::Hourly), "7 hours a week");
  EXPECT_EQ(units_in_words(q(10), CostFrequency::Daily), "2 and a half days a week");
  EXPECT_EQ(units_in_words(q(4), CostFrequency::Daily), "1 day a week");
  EXPECT_EQ(units_in_words(q(2), CostFrequency::Daily), "half a day a week");
  EXPECT_EQ(units_in_words(q(1), CostFrequency::Daily), "a quarter of a day a week");
  EXPECT_EQ(units_in_words(q(3), CostFrequency::PerSession), "three quarters of a session a week");
  EXPECT_EQ(units_in_words(q(5), CostFrequency::PerSession), "1 and a quarter sessions a week");
  EXPECT_EQ(units_in_words(q(12), CostFrequency::PerSession), "3 sessions a week");
  EXPECT_EQ(units_in_words(q(4), CostFrequency::Weekly), "");
}

TEST(CostingWords, UnitCostsAreSaidAsPeopleSayThem) {
  auto m = [](std::int64_t p) { return Money::from_pence(p); };
  EXPECT_EQ(unit_cost_in_words(m(21'50), CostFrequency::Hourly), "£21.50 an hour");
  EXPECT_EQ(unit_cost_in_words(m(45'00), CostFrequency::Daily), "£45.00 a day");
  EXPECT_EQ(unit_cost_in_words(m(30'00), CostFrequency::PerSession), "£30.00 a session");
  EXPECT_EQ(unit_cost_in_words(m(120'00), CostFrequency::Weekly), "£120.00 a week");
  EXPECT_EQ(unit_cost_in_words(m(301'01), CostFrequency::Fortnightly), "£301.01 every 2 weeks");
  EXPECT_EQ(unit_cost_in_words(m(100'00), CostFrequency::FourWeekly), "£100.00 every 4 weeks");
  EXPECT_EQ(unit_cost_in_words(m(100'00), CostFrequency::Monthly), "£100.00 a month");
  EXPECT_EQ(unit_cost_in_words(m(300'00), CostFrequency::Quarterly), "£300.00 every 3 months");
  EXPECT_EQ(unit_cost_in_words(m(1'200'00), CostFrequency::Annually), "£1,200.00 a year");
  EXPECT_EQ(unit_cost_in_words(m(520'00), CostFrequency::OneOff), "£520.00 once");
}

}  // namespace
}  // namespace patchwork::planning
