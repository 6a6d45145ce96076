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

// The questionnaire's scores by need, as the willing-and-able rule reads them.
const std::vector<NeedPoints> kNeeds = {
    {"personal_care", "Personal care", 20}, {"eating_drinking", "Eating and drinking", 9}, {"mobility", "Getting about", 17},
    {"carer_support", "Help from family and friends", 0}};

RasInput scored(const std::vector<WillingAndAble>& statements) {
  RasInput in{46, {{"Personal care", 20}, {"Eating and drinking", 9}, {"Getting about", 17}}};
  add_willing_and_able(in, kNeeds, statements);
  return in;
}

TEST(Ras, NoWillingAndAbleRecordMeansNoCarerAdjustment) {
  auto c = price_config(R"(,"carer_adjustment":{"percent_of_needs_share":100})");
  auto a = run(c, scored({}));
  EXPECT_EQ(a.weekly.pence(), 23920);  // 46 × £5.20, nothing taken off
  EXPECT_EQ(a.carer_reduction.pence(), 0);
  for (const auto& line : a.explanation) EXPECT_EQ(line.find("carer"), std::string::npos) << line;
  // A statement naming no need the person scored on changes nothing either.
  EXPECT_EQ(run(c, scored({{"Ruth", "she is", {"carer_support"}}})).weekly.pence(), 23920);
  // Nor does a model without a carer adjustment, whatever was said.
  EXPECT_EQ(run(price_config(), scored({{"Ruth", "she is", {"eating_drinking"}}})).weekly.pence(), 23920);
}

TEST(Ras, TheAdjustmentAppliesOnlyToTheNeedsTheCarerMeets) {
  auto c = price_config(R"(,"carer_adjustment":{"percent_of_needs_share":100})");
  // Ruth helps with meals: 9 of 46 points, so 9/46 of £239.20 = £46.80 is hers to meet.
  auto a = run(c, scored({{"Ruth", "she is", {"eating_drinking"}}}));
  EXPECT_EQ(a.carer_share.pence(), 4680);
  EXPECT_EQ(a.carer_reduction.pence(), 4680);
  EXPECT_EQ(a.weekly.pence(), 19240);
  // With personal care too: 29 of 46 points.
  auto both = run(c, scored({{"Ruth", "she is", {"eating_drinking", "personal_care"}}}));
  EXPECT_EQ(both.carer_share.pence(), 15080);
  EXPECT_EQ(both.weekly.pence(), 23920 - 15080);
  // Two carers naming the same need count it once.
  auto shared = scored({{"Ruth", "she is", {"eating_drinking"}}, {"Tom", "he is", {"eating_drinking"}}});
  EXPECT_EQ(shared.carer_points, 9);
  EXPECT_EQ(run(c, shared).weekly.pence(), 19240);
  // Half the share, where the council's model says so: £46.80 × 50% = £23.40.
  auto half = price_config(R"(,"carer_adjustment":{"percent_of_needs_share":50})");
  EXPECT_EQ(run(half, scored({{"Ruth", "she is", {"eating_drinking"}}})).carer_reduction.pence(), 2340);
  // In a band, the share of the band's amount: 9/46 of £340.00 = £66.52 (66.521…).
  auto bands = *io::parse_ras_configuration(R"({"name":"B","version":1,"method":"bands","bands":[{"min_points":0,"max_points":100,
    "weekly":"340.00"}],"carer_adjustment":{"percent_of_needs_share":100}})");
  EXPECT_EQ(run(bands, scored({{"Ruth", "she is", {"eating_drinking"}}})).carer_reduction.pence(), 6652);
}

TEST(Ras, TheExplanationSaysTheCarerIsWillingAndAbleNeverThatFamilyHelpCostsMoney) {
  auto c = price_config(R"(,"carer_adjustment":{"percent_of_needs_share":100})");
  auto a = run(c, scored({{"Ruth", "she is", {"eating_drinking"}}}));
  ASSERT_GE(a.explanation.size(), 5u);
  EXPECT_EQ(a.explanation[2], "Ruth has said she is willing and able to go on helping with eating and drinking.");
  EXPECT_EQ(a.explanation[3], "Those needs scored 9 of your 46 points, so they are \xC2\xA3" "46.80 of the \xC2\xA3" "239.20 (9 ÷ 46 of it).");
  EXPECT_NE(a.explanation[4].find("While Ruth can go on helping with them"), std::string::npos) << a.explanation[4];
  EXPECT_NE(a.explanation[4].find("\xC2\xA3" "192.40"), std::string::npos) << a.explanation[4];
  auto two = run(c, scored({{"Ruth", "she is", {"eating_drinking", "personal_care"}}, {"Tom", "he is", {"mobility"}}}));
  EXPECT_EQ(two.explanation[2], "Ruth has said she is willing and able to go on helping with eating and drinking and personal care.");
  EXPECT_EQ(two.explanation[3], "Tom has said he is willing and able to go on helping with getting about.");
  for (const auto& line : two.explanation) {
    EXPECT_EQ(line.find("the more"), std::string::npos) << line;
    EXPECT_EQ(line.find("family helps"), std::string::npos) << line;
  }
}

TEST(Ras, ALetterToAnAttorneyHasTheExplanationAboutThePersonNeverToThem) {
  // Every kind of line: points, price, carers, their share, floor, ceiling and the total.
  auto c = price_config(R"(,"carer_adjustment":{"percent_of_needs_share":100},"floor":"300.00")");
  auto low = run(c, scored({{"Ruth", "she is", {"eating_drinking"}}}));
  auto high = run(price_config(R"(,"ceiling":"100.00")"), {200, {}});
  std::vector<std::string> all = low.explanation;
  all.insert(all.end(), high.explanation.begin(), high.explanation.end());
  auto about = explanation_about(all, "Margaret");
  ASSERT_EQ(about.size(), all.size());
  EXPECT_EQ(about.front().rfind("Margaret scored 46 points", 0), 0u) << about.front();
  EXPECT_NE(about[3].find("of Margaret's 46 points"), std::string::npos) << about[3];
  EXPECT_EQ(about.back().rfind("Margaret's indicative budget is", 0), 0u) << about.back();
  for (const auto& line : about) {
    std::string lower;
    for (char ch : line) lower += char(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(lower.find("you"), std::string::npos) << line;
  }
}

TEST(Ras, TheOldCarerQuestionIsRefusedInANewFileAndReadAsNoAdjustmentWhenStored) {
  const std::string old = R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"5.20",
    "carer_adjustment":{"question":"carer_help","percent_by_answer":{"none":0,"some":10,"most":20}}})";
  auto refused = io::parse_ras_configuration(old, io::RasSource::NewFile);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error()[0].field, "carer_adjustment.question");
  auto stored = io::parse_ras_configuration(old, io::RasSource::Stored);
  ASSERT_TRUE(stored);
  EXPECT_FALSE(stored->carer_adjustment);
  EXPECT_EQ(run(*stored, scored({{"Ruth", "she is", {"eating_drinking"}}})).weekly.pence(), 23920);
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
  EXPECT_EQ(fields(R"({"name":"x","version":1,"method":"price_per_point","price_per_point":"1.00","carer_adjustment":{"percent_of_needs_share":120}})"),
            std::vector<std::string>{"carer_adjustment.percent_of_needs_share"});
  EXPECT_EQ(fields(R"({"name":"x","version":1,"method":"price_per_point","price_per_point":"1.00","carer_adjustment":{"percent_of_needs_share":0}})"),
            std::vector<std::string>{"carer_adjustment.percent_of_needs_share"});
}

}  // namespace patchwork::allocation

namespace patchwork::allocation {

TEST(Ras, AmountsAreTheSameWithoutTheExplanation) {
  auto c = io::parse_ras_configuration(R"({"name":"T","version":1,"method":"price_per_point","price_per_point":"5.20","floor":"30.00",
    "ceiling":"500.00","carer_adjustment":{"percent_of_needs_share":100}})");
  ASSERT_TRUE(c);
  for (int points : {0, 3, 46, 120}) {
    RasInput in{points, {}, points / 3, {{"Ruth", "she is", {{"Eating and drinking", points / 3}}}}};
    auto told = run(*c, in);
    auto quiet = run(*c, in, Explain::No);
    EXPECT_EQ(told.weekly, quiet.weekly) << points;
    EXPECT_EQ(told.carer_reduction, quiet.carer_reduction) << points;
    EXPECT_FALSE(told.explanation.empty());
    EXPECT_TRUE(quiet.explanation.empty());
  }
}

}  // namespace patchwork::allocation
