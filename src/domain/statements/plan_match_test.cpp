#include "domain/statements/plan_match.hpp"

#include <gtest/gtest.h>

namespace patchwork::statements {
namespace {

planning::SupportLine support(int number, const std::string& supplier, std::int64_t weekly, std::int64_t one_off = 0) {
  planning::SupportLine l;
  l.number = number;
  l.supplier_name = supplier;
  l.cost.weekly = Money::from_pence(weekly);
  l.cost.one_off = Money::from_pence(one_off);
  return l;
}

Line paid(const std::string& payee, std::int64_t pence) {
  Line l;
  l.booking_date = CivilDate(2026, 11, 12);
  l.payee = payee;
  l.amount_pence = -pence;
  return l;
}

const std::vector<planning::SupportLine> kPlan = {
    support(1, "Anna Nowak", 12000),
    support(2, "Brightside Care Ltd", 7500),
    support(3, "Northshire Mobility", 0, 45000),
};

TEST(StatementPlanMatch, APersonalAssistantByInitialAndFourWeeksOfWages) {
  auto c = match_plan_lines(paid("A NOWAK", 48000), kPlan);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].line_number, 1);
  EXPECT_EQ(c[0].score, 5);
  EXPECT_EQ(c[0].why, "The payee A NOWAK has the supplier's name, Anna Nowak; £480.00 is 4 weeks of this line's £120.00 a week");
}

TEST(StatementPlanMatch, AnAgencyWhateverItsLegalSuffix) {
  auto c = match_plan_lines(paid("BRIGHTSIDE CARE LIMITED", 7500), kPlan);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].line_number, 2);
  EXPECT_EQ(c[0].score, 6);
  EXPECT_NE(c[0].why.find("is Brightside Care Ltd, the supplier"), std::string::npos);
  EXPECT_NE(c[0].why.find("a week of this line's £75.00 a week"), std::string::npos);
  // A calendar month: 52 weeks ÷ 12 of £75.00 is £325.00.
  EXPECT_EQ(match_plan_lines(paid("BRIGHTSIDE CARE", 32500), kPlan).at(0).score, 6);
}

TEST(StatementPlanMatch, AOneOffCostAndAnAmountThatDoesNotFit) {
  auto one_off = match_plan_lines(paid("NORTHSHIRE MOBILITY", 44000), kPlan);
  ASSERT_EQ(one_off.size(), 1u);
  EXPECT_NE(one_off[0].why.find("one-off cost of £450.00"), std::string::npos);
  auto off = match_plan_lines(paid("BRIGHTSIDE CARE", 20000), kPlan);
  ASSERT_EQ(off.size(), 1u);
  EXPECT_EQ(off[0].score, 3);
  EXPECT_NE(off[0].why.find("but £200.00 is not near its cost (£75.00 a week)"), std::string::npos);
}

TEST(StatementPlanMatch, NoCandidateForStrangersOrMoneyIn) {
  EXPECT_TRUE(match_plan_lines(paid("TESCO STORES", 7500), kPlan).empty());
  EXPECT_TRUE(match_plan_lines(paid("B NOWAK", 12000), kPlan).empty() == false);  // shares the surname: partly
  EXPECT_EQ(match_plan_lines(paid("B NOWAK", 12000), kPlan).at(0).score, 4);
  Line in = paid("ANNA NOWAK", 12000);
  in.amount_pence = 12000;
  EXPECT_TRUE(match_plan_lines(in, kPlan).empty());
}

}  // namespace
}  // namespace patchwork::statements
