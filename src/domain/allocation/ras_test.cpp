#include "domain/allocation/ras.hpp"

#include <gtest/gtest.h>

#include "io/config/ras_file.hpp"

namespace patchwork::allocation {
namespace {

RasConfiguration price_config(const std::string& extra = "") {
  auto c = io::parse_ras_configuration(R"({"name":"Test","version":1,"method":"price_per_point","price_per_point":"5.20")" + extra + "}");
  EXPECT_TRUE(c.has_value());
  return *c;
}

Allocation run(const RasConfiguration& c, const RasInput& in, Explain explain = Explain::Yes) {
  auto a = allocate(c, in, explain);
  EXPECT_TRUE(a.has_value());
  return a.value_or(Allocation{});
}

}  // namespace

TEST(Ras, AmountsAboveTheWeeklyLimitAreRefusedWhenLoaded) {
  // The review's case: £9,000,000,000,000,000 a point with no ceiling.
  auto absurd = io::parse_ras_configuration(R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"9000000000000000.00"})");
  ASSERT_FALSE(absurd);
  EXPECT_EQ(absurd.error()[0].field, "price_per_point");
  EXPECT_NE(absurd.error()[0].message.find("\xC2\xA3" "100,000.00"), std::string::npos);
  EXPECT_FALSE(io::parse_ras_configuration(R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"5","ceiling":"100000.01"})"));
  EXPECT_TRUE(io::parse_ras_configuration(R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"5","ceiling":"100000.00"})"));
  EXPECT_FALSE(io::parse_ras_configuration(
      R"({"name":"T","version":1,"method":"bands","bands":[{"min_points":0,"max_points":10,"weekly":"100000.01"}]})"));
}

TEST(Ras, APriceThatTheTopScoreWouldTakePastTheLimitNeedsACeiling) {
  auto c = price_config();  // £5.20 a point
  EXPECT_TRUE(check_weekly_limit(c, 19230).empty());   // £99,996.00
  EXPECT_FALSE(check_weekly_limit(c, 19231).empty());  // £100,001.20
  auto capped = price_config(R"(,"ceiling":"2000.00")");
  EXPECT_TRUE(check_weekly_limit(capped, 1000000).empty());
  auto top = *io::parse_ras_configuration(R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"100000.00"})");
  EXPECT_TRUE(check_weekly_limit(top, 1).empty());
  EXPECT_FALSE(check_weekly_limit(top, 2).empty());
  EXPECT_FALSE(check_weekly_limit(top, 2147483647).empty());
}

TEST(Ras, AnAllocationPastTheLimitIsAnErrorNeverAWrappedAmount) {
  auto top = *io::parse_ras_configuration(R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"100000.00"})");
  EXPECT_EQ(run(top, {1, {}}).weekly.pence(), 10000000);
  auto over = allocate(top, {11, {}});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error()[0].field, "ras_configuration");
  EXPECT_FALSE(allocate(top, {2147483647, {}}));
}

TEST(Ras, PricePerPointIsExactPence) {
  auto a = run(price_config(), {46, {{"Personal care", 20}, {"Mobility", 26}}});
  EXPECT_EQ(a.weekly.pence(), 23920);
  EXPECT_EQ(a.explanation[0], "You scored 46 points (Personal care 20, Mobility 26).");
  EXPECT_EQ(a.explanation[1], "46 points × \xC2\xA3" "5.20 a point = \xC2\xA3" "239.20 a week.");
}

TEST(Ras, CarerAdjustmentIsExplicitAndRoundsToWholePence) {
  auto c = price_config(R"(,"carer_adjustment":{"question":"carer_help","percent_by_answer":{"none":0,"some":10,"most":15}})");
  RasInput in{46, {}, std::string("some"), "Some help from my husband"};
  auto a = run(c, in);
  EXPECT_EQ(a.carer_percent, 10);
  EXPECT_EQ(a.carer_reduction.pence(), 2392);
  EXPECT_EQ(a.weekly.pence(), 21528);
  EXPECT_NE(a.explanation[2].find("reduces this by 10%"), std::string::npos);
  // 15% of £239.20 is £35.88 exactly; 15% of £1.03 (103p) is 15.45p, which rounds to 15p.
  in.carer_answer = "most";
  EXPECT_EQ(run(c, in).carer_reduction.pence(), 3588);
  auto penny = io::parse_ras_configuration(R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"1.03",
    "carer_adjustment":{"question":"q","percent_by_answer":{"most":15,"half":50}}})");
  ASSERT_TRUE(penny);
  EXPECT_EQ(run(*penny, {1, {}, std::string("most")}).carer_reduction.pence(), 15);
  EXPECT_EQ(run(*penny, {1, {}, std::string("half")}).carer_reduction.pence(), 52);  // 51.5p rounds half up
  in.carer_answer = "none";
  EXPECT_EQ(run(c, in).weekly.pence(), 23920);
}

TEST(Ras, FloorsAndCeilings) {
  auto c = price_config(R"(,"floor":"30.00","ceiling":"500.00")");
  auto low = run(c, {2, {}});
  EXPECT_EQ(low.weekly.pence(), 3000);
  EXPECT_TRUE(low.raised_to_floor);
  auto high = run(c, {200, {}});
  EXPECT_EQ(high.weekly.pence(), 50000);
  EXPECT_TRUE(high.lowered_to_ceiling);
  auto middle = run(c, {50, {}});
  EXPECT_EQ(middle.weekly.pence(), 26000);
  EXPECT_FALSE(middle.raised_to_floor || middle.lowered_to_ceiling);
}

TEST(Ras, BandsCoverEveryScore) {
  auto c = io::parse_ras_configuration(R"({"name":"Bands","version":2,"method":"bands","bands":[
    {"min_points":0,"max_points":20,"weekly":"60.00"},
    {"min_points":21,"max_points":40,"weekly":"140.00"},
    {"min_points":41,"max_points":60,"weekly":"250.00"}]})");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(run(*c, {0, {}}).weekly.pence(), 6000);
  EXPECT_EQ(run(*c, {20, {}}).weekly.pence(), 6000);
  auto mid = run(*c, {21, {}});
  EXPECT_EQ(mid.weekly.pence(), 14000);
  EXPECT_EQ(mid.band, "21 to 40 points");
  auto top = run(*c, {75, {}});
  EXPECT_EQ(top.weekly.pence(), 25000);
  EXPECT_NE(top.explanation[1].find("above the highest band"), std::string::npos);
}

TEST(Ras, BadConfigurationsAreRefusedWithTheFieldNamed) {
  auto fields = [](const std::string& text) {
    auto r = io::parse_ras_configuration(text);
    std::vector<std::string> out;
    if (!r) for (const auto& e : r.error()) out.push_back(e.field);
    return out;
  };
  EXPECT_EQ(fields("not json"), std::vector<std::string>{"file"});
  EXPECT_EQ(fields(R"({"name":"x","version":1,"method":"price_per_point","price_per_point":5.2})"), std::vector<std::string>{"price_per_point"});
  EXPECT_EQ(fields(R"({"name":"x","version":1,"method":"guess"})"), std::vector<std::string>{"method"});
  EXPECT_EQ(fields(R"({"name":"x","version":0,"method":"price_per_point","price_per_point":"1.00"})"), std::vector<std::string>{"version"});
  EXPECT_EQ(fields(R"({"name":"x","version":1,"method":"price_per_point","price_per_point":"1.00","floor":"9.00","ceiling":"5.00"})"),
            std::vector<std::string>{"ceiling"});
  EXPECT_EQ(fields(R"({"name":"x","version":1,"method":"bands","bands":[{"min_points":0,"max_points":10,"weekly":"1.00"},{"min_points":12,"max_points":20,"weekly":"2.00"}]})"),
            std::vector<std::string>{"bands"});
  EXPECT_EQ(fields(R"({"name":"x","version":1,"method":"bands","bands":[{"min_points":0,"max_points":10,"weekly":"1.00"},{"min_points":5,"max_points":20,"weekly":"2.00"}]})"),
            std::vector<std::string>{"bands"});
  EXPECT_EQ(fields(R"({"name":"x","version":1,"method":"price_per_point","price_per_point":"1.00","carer_adjustment":{"question":"q","percent_by_answer":{"a":120}}})"),
            std::vector<std::string>{"carer_adjustment.percent_by_answer.a"});
}

}  // namespace patchwork::allocation

namespace patchwork::allocation {

TEST(Ras, AmountsAreTheSameWithoutTheExplanation) {
  auto c = io::parse_ras_configuration(R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"5.20","floor":"30.00",
    "ceiling":"500.00","carer_adjustment":{"question":"q","percent_by_answer":{"some":10}}})");
  ASSERT_TRUE(c);
  for (int points : {0, 3, 46, 120}) {
    RasInput in{points, {}, std::string("some")};
    auto told = run(*c, in);
    auto quiet = run(*c, in, Explain::No);
    EXPECT_EQ(told.weekly, quiet.weekly) << points;
    EXPECT_EQ(told.carer_reduction, quiet.carer_reduction) << points;
    EXPECT_FALSE(told.explanation.empty());
    EXPECT_TRUE(quiet.explanation.empty());
  }
}

}  // namespace patchwork::allocation
