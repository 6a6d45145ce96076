// Every flag at and around its threshold, risk and review frequency, the
// controls and their changes, the plan-line mapping and the workflow.
#include "domain/monitoring/monitoring.hpp"

#include <gtest/gtest.h>

namespace patchwork::monitoring {
namespace {

using ledger::SpendingCategory;

Money p(std::int64_t pence) { return Money::from_pence(pence); }
CivilDate d(int y, unsigned m, unsigned day) { return CivilDate(y, m, day); }

// An account paid £137.70 a week since September, checked on 2 December 2026.
AccountFacts facts() {
  AccountFacts f;
  f.on = d(2026, 12, 2);
  f.weekly = p(13770);
  f.reserve_weeks = 8;
  f.held = p(50000);
  f.first_payment = d(2026, 9, 1);
  f.council_payments = {{d(2026, 10, 14), p(55080)}, {d(2026, 11, 11), p(55080)}};
  f.controls = default_controls(Settings{});
  f.plan_categories = {SpendingCategory::PaWages, SpendingCategory::PayeAndPension};
  return f;
}

Line spend(std::int64_t id, CivilDate on, std::int64_t pence, std::string payee = "Shop") {
  Line l;
  l.id = id;
  l.booked_on = on;
  l.amount = p(-pence);
  l.payee = std::move(payee);
  l.category = SpendingCategory::PaWages;
  return l;
}

TEST(MonitoringReserve, AtTheReserveIsNotFlaggedAPennyAboveIs) {
  auto f = facts();
  f.held = p(13770 * 8);  // £1,101.60 exactly
  EXPECT_FALSE(above_reserve(f));
  f.held = p(13770 * 8 + 1);
  auto x = above_reserve(f);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->evidence.amount, p(1));
  EXPECT_EQ(x->kind, FlagKind::AboveReserve);
}

TEST(MonitoringReserve, EvidenceSaysItInPlainWords) {
  auto f = facts();
  f.held = p(231040);
  auto x = above_reserve(f);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->evidence.summary, "£2,310.40 held, the plan allows £1,101.60 (8 weeks)");
  EXPECT_EQ(x->evidence.amount, p(231040 - 110160));
  EXPECT_EQ(surplus(p(231040), p(13770), 8), p(120880));
  EXPECT_EQ(surplus(p(110160), p(13770), 8), p(0));
}

TEST(MonitoringReserve, TheCouncilsReserveWeeksCount) {
  auto f = facts();
  f.held = p(13770 * 5);
  f.reserve_weeks = 4;
  EXPECT_TRUE(above_reserve(f));
  f.reserve_weeks = 5;
  EXPECT_FALSE(above_reserve(f));
}

TEST(MonitoringNoSpending, FlaggedAfterNWeeksOfPaymentsWithNothingSpent) {
  Settings s;  // 8 weeks
  auto f = facts();
  auto x = no_spending(f, s);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->evidence.amount, p(110160));
  EXPECT_NE(x->evidence.summary.find("8 weeks from 8 October 2026 to 2 December 2026"), std::string::npos) << x->evidence.summary;
}

TEST(MonitoringNoSpending, OneSpendingOnTheFirstDayOfTheWindowIsEnough) {
  Settings s;
  auto f = facts();
  f.lines.push_back(spend(1, d(2026, 10, 8), 100));  // the window's first day
  EXPECT_FALSE(no_spending(f, s));
  f.lines = {spend(1, d(2026, 10, 7), 100)};  // the day before it
  EXPECT_TRUE(no_spending(f, s));
}

TEST(MonitoringNoSpending, MoneyInIsNotSpendingButAnInvoiceIs) {
  Settings s;
  auto f = facts();
  Line refund = spend(1, d(2026, 11, 1), 100);
  refund.amount = p(100);
  f.lines = {refund};
  EXPECT_TRUE(no_spending(f, s));
  f.other_spending = {{d(2026, 11, 20), p(5000)}};
  EXPECT_FALSE(no_spending(f, s));
}

TEST(MonitoringNoSpending, NotWhenPaymentsStoppedOrTheAccountIsYoungerThanTheWindow) {
  Settings s;
  auto f = facts();
  f.council_payments = {{d(2026, 10, 7), p(55080)}};  // before the window
  EXPECT_FALSE(no_spending(f, s));
  f = facts();
  f.first_payment = d(2026, 10, 9);  // the window starts on 8 October
  EXPECT_FALSE(no_spending(f, s));
  f.first_payment = d(2026, 10, 8);
  EXPECT_TRUE(no_spending(f, s));
  s.no_spending_weeks = 12;  // the council's N: now the account is too young
  EXPECT_FALSE(no_spending(f, s));
}

TEST(MonitoringOutsidePlan, OneFlagPerCategoryOutsideThePlanWithItsLines) {
  Settings s;
  auto f = facts();
  auto a = spend(1, d(2026, 11, 20), 4000, "Taxi Co");
  a.category = SpendingCategory::Transport;
  auto b = spend(2, d(2026, 11, 25), 2500, "Taxi Co");
  b.category = SpendingCategory::Transport;
  auto c = spend(3, d(2026, 11, 26), 9000, "Jane Smith");  // pa_wages: in the plan
  f.lines = {a, b, c};
  auto xs = outside_plan(f, s);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].subject, "transport");
  EXPECT_EQ(xs[0].evidence.amount, p(6500));
  EXPECT_EQ(xs[0].evidence.line_ids, (std::vector<std::int64_t>{1, 2}));
  f.plan_categories.insert(SpendingCategory::Transport);
  EXPECT_TRUE(outside_plan(f, s).empty());
}

TEST(MonitoringOutsidePlan, OnlyWithinTheWindowAndNeverWithoutAPlan) {
  Settings s;  // 4 weeks: 5 November to 2 December
  auto f = facts();
  auto a = spend(1, d(2026, 11, 4), 4000);
  a.category = SpendingCategory::Transport;
  f.lines = {a};
  EXPECT_TRUE(outside_plan(f, s).empty());
  f.lines[0].booked_on = d(2026, 11, 5);
  EXPECT_EQ(outside_plan(f, s).size(), 1u);
  f.plan_categories.clear();
  EXPECT_TRUE(outside_plan(f, s).empty());
}

TEST(MonitoringCash, AboveTheThresholdOnlyAndAnyWhereThePlanAllowsNone) {
  Settings s;
  auto f = facts();
  f.controls.cash_threshold = p(15000);
  auto a = spend(1, d(2026, 11, 10), 10000, "ATM");
  a.cash = true;
  auto b = spend(2, d(2026, 11, 20), 5000, "ATM");
  b.cash = true;
  f.lines = {a, b};  // £150.00: at the threshold
  EXPECT_FALSE(cash(f, s));
  f.lines[1].amount = p(-5001);
  auto x = cash(f, s);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->evidence.amount, p(15001));
  EXPECT_NE(x->evidence.summary.find("the plan allows up to £150.00"), std::string::npos);
  f.lines = {a};
  f.lines[0].amount = p(-1);
  EXPECT_FALSE(cash(f, s));
  f.controls.cash_allowed = false;
  x = cash(f, s);
  ASSERT_TRUE(x);
  EXPECT_NE(x->evidence.summary.find("this plan allows no cash"), std::string::npos);
}

TEST(MonitoringMerchant, OnlyThisPlansBlockedCodes) {
  Settings s;
  auto f = facts();
  auto bet = spend(1, d(2026, 11, 12), 4000, "BetNow");
  bet.merchant_code = 7995;
  auto pub = spend(2, d(2026, 11, 13), 1200, "The Crown");
  pub.merchant_code = 5813;
  f.lines = {bet, pub};
  auto xs = merchant_categories(f, s);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].subject, "7995");
  EXPECT_NE(xs[0].evidence.summary.find("7995, betting and casino gaming"), std::string::npos);
  // This person's plan allows betting (their choice, recorded) but not pubs.
  f.controls.blocked_merchant_codes = {5813};
  xs = merchant_categories(f, s);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].subject, "5813");
  f.controls.blocked_merchant_codes.clear();
  EXPECT_TRUE(merchant_categories(f, s).empty());
}

TEST(MonitoringFamilyPayee, PaidWithoutTheNecessityDecisionIsFlagged) {
  Settings s;
  auto f = facts();
  f.plan_lines = {{"Home Care", "family_member", "Peter  Ellis", true, false}};
  f.lines = {spend(1, d(2026, 11, 20), 30000, "MR PETER ELLIS"), spend(2, d(2026, 11, 21), 1000, "Tesco")};
  auto xs = family_payees(f, s);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].evidence.line_ids, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(xs[0].evidence.amount, p(30000));
  f.plan_lines[0].necessity_decided = true;
  EXPECT_TRUE(family_payees(f, s).empty());
  f.plan_lines[0].necessity_decided = false;
  f.plan_lines[0].restricted_payee = false;  // a relative living elsewhere
  EXPECT_TRUE(family_payees(f, s).empty());
  f.plan_lines[0].restricted_payee = true;
  f.lines = {spend(2, d(2026, 11, 21), 1000, "Tesco")};  // not paid
  EXPECT_TRUE(family_payees(f, s).empty());
}

TEST(MonitoringContribution, BelowTheExpectedContributionIsFlaggedAtItIsNot) {
  Settings s;  // 8 weeks: 8 October to 2 December
  auto f = facts();
  f.expected_weekly_contribution = p(4230);
  f.contributions = {{d(2026, 10, 14), p(4230 * 4)}, {d(2026, 11, 11), p(4230 * 4)}};
  EXPECT_FALSE(contribution_short(f, s));
  f.contributions[1].amount = p(4230 * 4 - 1);
  auto x = contribution_short(f, s);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->evidence.amount, p(1));
  f.expected_weekly_contribution.reset();  // deducted at source or invoiced: nothing to pay in
  EXPECT_FALSE(contribution_short(f, s));
}

TEST(MonitoringContribution, OnlyWholeWeeksSinceTheFirstPayment) {
  Settings s;
  auto f = facts();
  f.first_payment = d(2026, 11, 27);  // 6 days before the check
  f.expected_weekly_contribution = p(4230);
  EXPECT_FALSE(contribution_short(f, s));
  f.first_payment = d(2026, 11, 26);  // 7 days: one week due
  auto x = contribution_short(f, s);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->evidence.amount, p(4230));
}

TEST(MonitoringCheck, AllRulesTogether) {
  Settings s;
  auto f = facts();
  f.held = p(231040);
  auto bet = spend(1, d(2026, 11, 12), 4000, "BetNow");
  bet.merchant_code = 7995;
  f.lines = {bet};
  auto xs = check_account(f, s);
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0].kind, FlagKind::AboveReserve);
  EXPECT_EQ(xs[1].kind, FlagKind::MerchantCategory);
}

TEST(MonitoringCheck, AWorkedConditionComesBackOnlyWithNewEvidence) {
  Settings s;  // 13 weeks at higher risk
  Finding lines;
  lines.kind = FlagKind::MerchantCategory;
  lines.evidence.line_ids = {4, 5};
  EXPECT_TRUE(raise_again(lines, {}, std::nullopt, d(2026, 12, 2), s));  // never worked
  EXPECT_FALSE(raise_again(lines, {4, 5}, d(2026, 11, 30), d(2026, 12, 2), s));
  EXPECT_TRUE(raise_again(lines, {4}, d(2026, 11, 30), d(2026, 12, 2), s));  // line 5 is a new payment
  Finding figures;
  figures.kind = FlagKind::AboveReserve;
  EXPECT_FALSE(raise_again(figures, {}, d(2026, 9, 2), d(2026, 12, 1), s));  // 90 days later
  EXPECT_TRUE(raise_again(figures, {}, d(2026, 9, 2), d(2026, 12, 2), s));   // 91 days: a fresh look
}

TEST(MonitoringRisk, FirstYearOpenFlagsAndSeriousOutcomesMakeItHigher) {
  RiskInputs in;
  in.on = d(2026, 12, 2);
  in.first_payment = d(2025, 12, 3);  // 364 days: still the first year
  EXPECT_EQ(risk_for(in).risk, Risk::Higher);
  in.first_payment = d(2025, 12, 2);  // a year to the day
  EXPECT_EQ(risk_for(in).risk, Risk::Low);
  in.open_flags = 1;
  EXPECT_EQ(risk_for(in).risk, Risk::Higher);
  in.open_flags = 0;
  in.serious_outcomes = {d(2025, 12, 3)};  // within the last 52 weeks
  EXPECT_EQ(risk_for(in).risk, Risk::Higher);
  in.serious_outcomes = {d(2025, 12, 2)};
  EXPECT_EQ(risk_for(in).risk, Risk::Low);
  EXPECT_TRUE(serious(Outcome::SafeguardingReferral));
  EXPECT_FALSE(serious(Outcome::AdviceGiven));
  EXPECT_FALSE(serious(Outcome::NoAction));
}

TEST(MonitoringReview, FirstBetweenSixAndTwelveWeeksThenByRisk) {
  Settings s;
  auto first = next_review(d(2026, 9, 1), std::nullopt, Risk::Higher, s);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->first);
  EXPECT_EQ(first->earliest, d(2026, 10, 13));
  EXPECT_EQ(first->due, d(2026, 11, 24));
  auto low = next_review(d(2026, 9, 1), d(2026, 11, 1), Risk::Low, s);
  EXPECT_EQ(low->due, d(2027, 10, 31));
  auto higher = next_review(d(2026, 9, 1), d(2026, 11, 1), Risk::Higher, s);
  EXPECT_EQ(higher->due, d(2027, 1, 31));
  EXPECT_FALSE(next_review(std::nullopt, std::nullopt, Risk::Low, s));
}

TEST(MonitoringSettings, EffectiveDatesPickTheOneInForce) {
  Settings a, b;
  a.effective_from = d(2026, 1, 1);
  a.no_spending_weeks = 6;
  b.effective_from = d(2026, 12, 1);
  b.no_spending_weeks = 10;
  std::vector<Settings> h{b, a};
  EXPECT_EQ(settings_on(h, d(2026, 11, 30)).no_spending_weeks, 6);
  EXPECT_EQ(settings_on(h, d(2026, 12, 1)).no_spending_weeks, 10);
  EXPECT_EQ(settings_on(h, d(2025, 12, 31)).no_spending_weeks, 8);  // the defaults
}

TEST(MonitoringSettings, FieldsAreCheckedAndNamed) {
  auto ok = settings_from_fields({{"effective_from", "2027-01-01"}, {"no_spending_weeks", "6"}, {"cash_threshold", "200.00"},
                                  {"default_blocked_merchant_codes", "7995, 7800"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->no_spending_weeks, 6);
  EXPECT_EQ(ok->cash_threshold, p(20000));
  EXPECT_EQ(ok->default_blocked_merchant_codes, (std::vector<int>{7800, 7995}));
  auto bad = settings_from_fields({{"effective_from", "2027-01-01"}, {"no_spending_weeks", "0"}, {"default_blocked_merchant_codes", "79"},
                                   {"low_risk_weeks", "4"}, {"higher_risk_weeks", "13"}});
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& e : bad.error()) fields.insert(e.field);
  EXPECT_TRUE(fields.contains("no_spending_weeks"));
  EXPECT_TRUE(fields.contains("default_blocked_merchant_codes"));
  EXPECT_TRUE(fields.contains("low_risk_weeks"));
  EXPECT_FALSE(settings_from_fields({}));  // effective_from is required
}

TEST(MonitoringControls, ANewPlanStartsFromTheCouncilsDefaults) {
  Settings s;
  auto c = default_controls(s);
  EXPECT_EQ(c.blocked_merchant_codes, (std::vector<int>{7800, 7801, 7802, 7995}));
  EXPECT_TRUE(c.cash_allowed);
  EXPECT_EQ(c.cash_threshold, p(15000));
}

TEST(MonitoringControls, AChangeNeedsAReasonAndSaysWhatChanged) {
  auto no_reason = controls_change_from_fields({{"blocked_merchant_codes", "7995"}, {"cash_allowed", "yes"}, {"cash_threshold", "150.00"}});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().front().field, "reason");
  auto two_lines = controls_change_from_fields(
      {{"blocked_merchant_codes", ""}, {"cash_allowed", "no"}, {"cash_threshold", "0"}, {"reason", "one\ntwo"}});
  ASSERT_FALSE(two_lines);
  auto bad_code = controls_change_from_fields({{"blocked_merchant_codes", "79950"}, {"cash_allowed", "yes"}, {"cash_threshold", "1"}, {"reason", "r"}});
  ASSERT_FALSE(bad_code);
  EXPECT_EQ(bad_code.error().front().field, "blocked_merchant_codes");
  auto ok = controls_change_from_fields(
      {{"blocked_merchant_codes", "5813, 7995"}, {"cash_allowed", "no"}, {"cash_threshold", "100.00"}, {"reason", "Agreed with Margaret and Sarah"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(controls_difference(default_controls(Settings{}), ok->controls),
            "not allowed now: 5813, bars and pubs; allowed now: 7800, government-owned lotteries, 7801, online casinos, 7802, horse and "
            "dog racing; no cash allowed; cash threshold £150.00 to £100.00");
  EXPECT_EQ(controls_difference(ok->controls, ok->controls), "no change");
}

TEST(MonitoringPlanCategories, ComponentsAndSuppliersMapToCategories) {
  EXPECT_EQ(categories_for({"Home Care", "personal_assistant", "Jane", false, false}),
            (std::set<SpendingCategory>{SpendingCategory::PaWages, SpendingCategory::PayeAndPension, SpendingCategory::EmployersInsurance}));
  EXPECT_EQ(categories_for({"Home Care", "provider", "Brightside", false, false}), (std::set<SpendingCategory>{SpendingCategory::AgencyCare}));
  EXPECT_TRUE(categories_for({"Day Care", "provider", "", false, false}).contains(SpendingCategory::Transport));
  EXPECT_EQ(categories_for({"Carer Respite", "", "", false, false}), (std::set<SpendingCategory>{SpendingCategory::Respite}));
  EXPECT_TRUE(categories_for({"Not a component", "", "", false, false}).empty());
  std::vector<PlanLineFacts> plan{{"Home Care", "provider", "", false, false}, {"Equipment and Adaptations", "", "", false, false}};
  EXPECT_EQ(plan_categories(plan),
            (std::set<SpendingCategory>{SpendingCategory::AgencyCare, SpendingCategory::EquipmentAndAdaptations}));
}

TEST(MonitoringWorkflow, OpenThenLookedAtThenOutcome) {
  auto looked = step_from_fields({{"step", "looked_at"}, {"note", "Rang Sarah"}}, FlagState::Open, FlagKind::Cash);
  ASSERT_TRUE(looked);
  EXPECT_FALSE(looked->outcome);
  // An outcome before anyone has looked is refused.
  auto early = step_from_fields({{"step", "outcome"}, {"outcome", "no_action"}, {"note", "n"}}, FlagState::Open, FlagKind::Cash);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().front().field, "step");
  EXPECT_FALSE(step_from_fields({{"step", "looked_at"}, {"note", "again"}}, FlagState::LookedAt, FlagKind::Cash));
  auto done = step_from_fields({{"step", "outcome"}, {"outcome", "advice_given"}, {"note", "Explained"}}, FlagState::LookedAt, FlagKind::Cash);
  ASSERT_TRUE(done);
  EXPECT_EQ(*done->outcome, Outcome::AdviceGiven);
  EXPECT_FALSE(step_from_fields({{"step", "outcome"}, {"outcome", "advice_given"}, {"note", "x"}}, FlagState::Closed, FlagKind::Cash));
  auto no_note = step_from_fields({{"step", "looked_at"}}, FlagState::Open, FlagKind::Cash);
  ASSERT_FALSE(no_note);
  EXPECT_EQ(no_note.error().front().field, "note");
  auto bad = step_from_fields({{"step", "outcome"}, {"outcome", "shrug"}, {"note", "x"}}, FlagState::LookedAt, FlagKind::Cash);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().front().field, "outcome");
}

TEST(MonitoringWorkflow, SurplusIsRecoveredOnlyFromAReserveFlagAndAtMostTheSurplus) {
  EXPECT_FALSE(step_from_fields({{"step", "outcome"}, {"outcome", "recover_surplus"}, {"note", "x"}}, FlagState::LookedAt, FlagKind::Cash));
  EXPECT_TRUE(step_from_fields({{"step", "outcome"}, {"outcome", "recover_surplus"}, {"note", "x"}}, FlagState::LookedAt, FlagKind::AboveReserve));
  EXPECT_FALSE(recovery_amount_refused(p(120880), p(120880)));
  EXPECT_TRUE(recovery_amount_refused(p(120881), p(120880)));
  EXPECT_TRUE(recovery_amount_refused(p(0), p(120880)));
  EXPECT_EQ(recovery_transfer_id(17), "surplus:17");
}

TEST(MonitoringCodes, EveryCodeReadsBack) {
  for (auto k : flag_kinds()) EXPECT_EQ(flag_kind_from_code(flag_kind_code(k)), k);
  for (auto o : outcomes()) EXPECT_EQ(outcome_from_code(outcome_code(o)), o);
  EXPECT_EQ(merchant_code_label(7995), "7995, betting and casino gaming");
  EXPECT_EQ(merchant_code_label(742), "merchant category 0742");
}

}  // namespace
}  // namespace patchwork::monitoring
