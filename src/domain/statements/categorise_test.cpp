#include "domain/statements/categorise.hpp"

#include <gtest/gtest.h>

namespace patchwork::statements {
namespace {

Line spend(const std::string& payee, std::int64_t pence, std::optional<int> mcc = std::nullopt) {
  Line l;
  l.booking_date = CivilDate(2026, 11, 12);
  l.payee = payee;
  l.amount_pence = -pence;
  l.merchant_category = mcc;
  return l;
}

std::optional<Category> category(const Line& l, const std::vector<Rule>& rules) { return categorise(l, rules).category; }

TEST(StatementCategories, TheLedgersTenWithCodesThatReadBack) {
  ASSERT_EQ(all_categories().size(), 10u);
  for (Category c : all_categories()) EXPECT_EQ(category_from_code(category_code(c)), c);
  EXPECT_EQ(category_code(Category::PaWages), "pa_wages");
  EXPECT_EQ(category_code(Category::Other), "other");
  EXPECT_FALSE(category_from_code("gambling"));
}

TEST(StatementCategories, CouncilDefaultsByPayeeAndMerchantCategory) {
  const auto& rules = default_rules();
  EXPECT_EQ(category(spend("HMRC CUMBERNAULD", 13500), rules), Category::PayeAndPension);
  EXPECT_EQ(category(spend("NEST PENSIONS", 4000), rules), Category::PayeAndPension);
  EXPECT_EQ(category(spend("Fish Insurance", 4000), rules), Category::EmployersInsurance);
  EXPECT_EQ(category(spend("NORTHSHIRE TAXIS", 1840, 4121), rules), Category::Transport);
  EXPECT_EQ(category(spend("ROXY", 750, 7832), rules), Category::Activities);
  EXPECT_FALSE(category(spend("A NOWAK", 30000), rules));  // a PA is known only from a worker's choice
  // A word inside another is not the word: "BENEST" is not NEST.
  EXPECT_FALSE(category(spend("BENEST PENSIONS", 4000), rules));
  // Money in is not spending.
  Line refund = spend("HMRC", 100);
  refund.amount_pence = 100;
  EXPECT_FALSE(category(refund, rules));
  auto why = categorise(spend("HMRC", 100), rules);
  EXPECT_NE(why.why.find("council default"), std::string::npos);
}

TEST(StatementCategories, TheMostSpecificRuleWins) {
  auto parsed = parse_rules(
      "activities mcc=7000-7999\n"
      "respite mcc=7011\n"
      "other payee~\"grand\"\n"
      "respite payee=\"grand hotel\" amount=400.00-450.00\n",
      "test");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  const auto& rules = parsed.rules;
  EXPECT_EQ(category(spend("ZOO", 1000, 7998), rules), Category::Activities);  // the range
  EXPECT_EQ(category(spend("INN", 1000, 7011), rules), Category::Respite);     // one code beats a range
  EXPECT_EQ(category(spend("GRAND HOTEL", 1000, 7011), rules), Category::Other);    // a payee beats any code
  EXPECT_EQ(category(spend("GRAND HOTEL", 42000, 7011), rules), Category::Respite); // payee and amount beat payee
  EXPECT_GT(specificity(rules[3]), specificity(rules[2]));
  EXPECT_GT(specificity(rules[2]), specificity(rules[1]));
  EXPECT_GT(specificity(rules[1]), specificity(rules[0]));
}

TEST(StatementCategories, EqualRulesTheLaterWins) {
  auto parsed = parse_rules("transport payee=\"bob\"\nactivities payee=\"bob\"\n", "test");
  EXPECT_EQ(category(spend("BOB", 500), parsed.rules), Category::Activities);
}

TEST(StatementCategories, LearnsARuleFromAWorkersChoice) {
  std::vector<Rule> rules = default_rules();
  Line wages = spend("A NOWAK", 30000);
  auto learned = learn(rules, wages, Category::PaWages, "social.worker", CivilDate(2026, 12, 1), 1000);
  ASSERT_TRUE(learned);
  EXPECT_EQ(learned->payee_is, "a nowak");
  EXPECT_FALSE(learned->amount_from);
  EXPECT_EQ(learned->source, "learned from social.worker on 2026-12-01");
  rules.push_back(*learned);
  // Next month's wages, a different amount, are known now.
  EXPECT_EQ(category(spend("A. Nowak", 32000), rules), Category::PaWages);
  // Nothing more to learn from the same choice again.
  EXPECT_FALSE(learn(rules, wages, Category::PaWages, "social.worker", CivilDate(2026, 12, 1), 1001));
}

TEST(StatementCategories, ASecondChoiceForTheSamePayeeIsNarrowerAndLeavesTheFirstStanding) {
  std::vector<Rule> rules;
  auto weekly = learn(rules, spend("BRIGHTSIDE CARE", 30000), Category::AgencyCare, "finance", CivilDate(2026, 12, 1), 1);
  ASSERT_TRUE(weekly);
  rules.push_back(*weekly);
  // A respite week from the same agency, for much more.
  auto respite = learn(rules, spend("BRIGHTSIDE CARE", 90000), Category::Respite, "finance", CivilDate(2026, 12, 2), 2);
  ASSERT_TRUE(respite);
  ASSERT_TRUE(respite->amount_from);
  EXPECT_EQ(*respite->amount_from, 81000);
  EXPECT_EQ(*respite->amount_to, 99000);
  rules.push_back(*respite);
  EXPECT_EQ(category(spend("BRIGHTSIDE CARE", 90000), rules), Category::Respite);
  EXPECT_EQ(category(spend("BRIGHTSIDE CARE", 30000), rules), Category::AgencyCare);
  EXPECT_EQ(category(spend("BRIGHTSIDE CARE", 31000), rules), Category::AgencyCare);
}

TEST(StatementCategories, LearnsByMerchantCodeWhenALineNamesNoOne) {
  Line anonymous = spend("", 1200, 5912);
  auto learned = learn({}, anonymous, Category::EquipmentAndAdaptations, "finance", CivilDate(2026, 12, 1), 1);
  ASSERT_TRUE(learned);
  EXPECT_EQ(learned->mcc_from, 5912);
  EXPECT_TRUE(learned->payee_is.empty());
  EXPECT_FALSE(learn({}, spend("", 1200), Category::Other, "finance", CivilDate(2026, 12, 1), 1));
}

TEST(StatementCategories, RulesAreDataThatReadBackAndNameEachMistake) {
  for (const auto& r : default_rules()) {
    auto again = parse_rules(write_rule(r), "again");
    ASSERT_EQ(again.rules.size(), 1u) << write_rule(r);
    EXPECT_EQ(write_rule(again.rules[0]), write_rule(r));
  }
  auto bad = parse_rules("gambling mcc=7995\ntransport mcc=12\nother amount=1.00-2.00\nrespite payee=\"x\n", "test");
  EXPECT_TRUE(bad.rules.empty());
  ASSERT_EQ(bad.errors.size(), 4u);
  EXPECT_EQ(bad.errors[0].rfind("line 1:", 0), 0u);
  EXPECT_NE(bad.errors[1].find("four-digit"), std::string::npos);
  EXPECT_NE(bad.errors[2].find("an amount alone"), std::string::npos);
  EXPECT_NE(bad.errors[3].find("quote"), std::string::npos);
}

TEST(StatementCategories, MerchantCodesOfConcernAreData) {
  const auto& concerns = default_mcc_concerns();
  EXPECT_EQ(concern_for(7995, concerns)->kind, ConcernKind::Gambling);
  EXPECT_EQ(concern_for(7801, concerns)->kind, ConcernKind::Gambling);
  EXPECT_EQ(concern_for(5921, concerns)->kind, ConcernKind::Alcohol);
  EXPECT_EQ(concern_for(6011, concerns)->kind, ConcernKind::Cash);
  EXPECT_EQ(concern_for(5933, concerns)->kind, ConcernKind::Pawn);
  EXPECT_FALSE(concern_for(4121, concerns));
  EXPECT_FALSE(concern_for(5411, concerns));  // groceries
}

}  // namespace
}  // namespace patchwork::statements
