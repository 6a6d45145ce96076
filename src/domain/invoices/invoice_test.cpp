#include "domain/invoices/invoice.hpp"

#include <gtest/gtest.h>

#include <set>

#include "domain/access/policy.hpp"

namespace patchwork::invoices {
namespace {

using planning::CostFrequency;

constexpr ProviderId kBrightside{5};
constexpr ProviderId kSunrise{7};

planning::SupportLine line(int number, std::int64_t provider, const std::string& part, CostFrequency f, std::int64_t unit_pence,
                           std::int64_t quarters_a_week, const std::string& what) {
  planning::SupportLine l;
  l.number = number;
  l.description = what;
  l.supplier_name = provider == 5 ? "Brightside Care" : "Sunrise Day Services";
  l.provider_id = provider;
  l.part_key = part;
  l.cost_input.unit_cost = Money::from_pence(unit_pence);
  l.cost_input.frequency = f;
  if (planning::needs_units(f)) l.cost_input.units_per_week = planning::UnitsPerWeek::from_quarters(quarters_a_week);
  l.cost = planning::cost_line(l.cost_input).value();
  return l;
}

PlanInForce plan(std::int64_t id = 11, int version = 1, CivilDate from = CivilDate(2026, 10, 1)) {
  PlanInForce p;
  p.plan_id = id;
  p.version = version;
  p.effective_from = from;
  p.lines = {line(1, 5, "B", CostFrequency::Hourly, 2150, 42, "Help to wash and dress"),
             line(2, 7, "B", CostFrequency::PerSession, 4500, 4, "Day centre"),
             line(3, 5, "B", CostFrequency::Weekly, 7000, 0, "Shopping and cleaning"),
             line(4, 5, "A", CostFrequency::Hourly, 2000, 8, "Sitting service")};
  budgets::Part a;
  a.key = "A";
  a.mechanism = budgets::Mechanism::DirectPayment;
  budgets::Part b;
  b.key = "B";
  b.mechanism = budgets::Mechanism::CouncilManaged;
  p.parts = {a, b};
  return p;
}

people::Fields week_fields(const std::string& hours, const std::string& rate = "21.50") {
  return {{"number", "BC-1042"},           {"person_id", "12"},          {"part_key", "B"},
          {"period_from", "2026-11-23"},   {"period_to", "2026-11-29"},  {"lines[0].plan_line", "1"},
          {"lines[0].units", hours},       {"lines[0].unit_cost", rate}, {"lines[0].description", "Morning calls"}};
}

Submission week(const std::string& hours, const std::string& rate = "21.50") {
  return submission_from_fields(week_fields(hours, rate), CivilDate(2026, 12, 2)).value();
}

PlanContext in_force() { return {plan(), plan()}; }

TEST(InvoiceSubmission, ReadsLinesAndWorksOutTheAmountOnce) {
  auto s = week("10.5");
  ASSERT_EQ(s.lines.size(), 1u);
  EXPECT_EQ(s.lines[0].quarters, 42);
  EXPECT_EQ(s.lines[0].amount, Money::from_pence(22575));  // 10.5 × £21.50
  EXPECT_EQ(s.total, Money::from_pence(22575));
}

TEST(InvoiceSubmission, NamesEachBadField) {
  auto f = week_fields("10.3", "-1");
  f["number"] = "BC 1042";
  f["period_to"] = "2026-11-01";
  auto s = submission_from_fields(f, CivilDate(2026, 12, 2));
  ASSERT_FALSE(s);
  std::set<std::string> fields;
  for (const auto& e : s.error()) fields.insert(e.field);
  EXPECT_TRUE(fields.contains("number"));
  EXPECT_TRUE(fields.contains("period_to"));
  EXPECT_TRUE(fields.contains("lines[0].units"));
  EXPECT_TRUE(fields.contains("lines[0].unit_cost"));
}

TEST(InvoiceSubmission, RefusesSupportNotGivenYetAndNoLines) {
  auto f = week_fields("10");
  f["period_to"] = "2026-12-03";
  auto s = submission_from_fields(f, CivilDate(2026, 12, 2));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().front().field, "period_to");
  auto g = week_fields("10");
  for (auto k : {"lines[0].plan_line", "lines[0].units", "lines[0].unit_cost", "lines[0].description"}) g.erase(k);
  auto t = submission_from_fields(g, CivilDate(2026, 12, 2));
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().front().field, "lines[0].plan_line");
}

TEST(InvoiceCheck, MatchingThePlanHasNoDifference) {
  EXPECT_TRUE(check(week("10.5"), kBrightside, in_force(), {}).empty());
  EXPECT_TRUE(check(week("10", "21.00"), kBrightside, in_force(), {}).empty());
}

TEST(InvoiceCheck, OverThePlansUnitsNamesTheFigures) {
  auto d = check(week("14"), kBrightside, in_force(), {});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DifferenceKind::OverUnits);
  EXPECT_EQ(d[0].plan_line, 1);
  EXPECT_EQ(d[0].message,
            "Line 1 of the plan: 14 hours invoiced for 23 November 2026 to 29 November 2026 (7 days); the plan allows 10 hours 30 minutes a "
            "week, 10 hours 30 minutes for these days");
  // A quarter hour over is over; the allowance for fewer days is pro rata.
  EXPECT_EQ(check(week("10.75"), kBrightside, in_force(), {}).size(), 1u);
  auto f = week_fields("6");
  f["period_to"] = "2026-11-26";  // 4 days: 6 hours allowed (42 × 4 ÷ 7 = 24 quarters)
  EXPECT_TRUE(check(submission_from_fields(f, CivilDate(2026, 12, 2)).value(), kBrightside, in_force(), {}).empty());
  f["lines[0].units"] = "6.25";
  EXPECT_EQ(check(submission_from_fields(f, CivilDate(2026, 12, 2)).value(), kBrightside, in_force(), {}).size(), 1u);
}

TEST(InvoiceCheck, TwoRowsForOneLineAreOneClaim) {
  auto f = week_fields("7");
  f["lines[1].plan_line"] = "1";
  f["lines[1].units"] = "7";
  f["lines[1].unit_cost"] = "21.50";
  auto d = check(submission_from_fields(f, CivilDate(2026, 12, 2)).value(), kBrightside, in_force(), {});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DifferenceKind::OverUnits);
  EXPECT_NE(d[0].message.find("14 hours invoiced"), std::string::npos);
}

TEST(InvoiceCheck, OverThePlansRate) {
  auto d = check(week("10.5", "23.00"), kBrightside, in_force(), {});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DifferenceKind::OverRate);
  EXPECT_EQ(d[0].message, "Line 1 of the plan: £23.00 an hour invoiced; the plan's rate is £21.50 an hour");
}

TEST(InvoiceCheck, OverTheCostOfALineWithoutUnits) {
  auto f = week_fields("1", "80.00");
  f["lines[0].plan_line"] = "3";
  auto d = check(submission_from_fields(f, CivilDate(2026, 12, 2)).value(), kBrightside, in_force(), {});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].kind, DifferenceKind::OverRate);
  EXPECT_EQ(d[1].kind, DifferenceKind::OverCost);
  EXPECT_EQ(d[1].message, "Line 3 of the plan: £80.00 invoiced for 23 November 2026 to 29 November 2026 (7 days); the plan allows £70.00 for "
                          "these days (£70.00 a week)");
}

TEST(InvoiceCheck, ALineTheProviderDoesNotDeliver) {
  auto f = week_fields("1", "45.00");
  f["lines[0].plan_line"] = "2";
  auto d = check(submission_from_fields(f, CivilDate(2026, 12, 2)).value(), kBrightside, in_force(), {});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DifferenceKind::NotDelivered);
  EXPECT_EQ(d[0].message, "Line 2 of the plan (Day centre) is delivered by Sunrise Day Services, not by this provider");
  // The same line from the provider that delivers it matches.
  EXPECT_TRUE(check(submission_from_fields(f, CivilDate(2026, 12, 2)).value(), kSunrise, in_force(), {}).empty());
  f["lines[0].plan_line"] = "9";
  auto e = check(submission_from_fields(f, CivilDate(2026, 12, 2)).value(), kBrightside, in_force(), {});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].message, "Line 9 of the plan does not exist: the plan has 4 lines");
}

TEST(InvoiceCheck, ALinePaidByAnotherPart) {
  auto f = week_fields("2", "20.00");
  f["lines[0].plan_line"] = "4";
  auto d = check(submission_from_fields(f, CivilDate(2026, 12, 2)).value(), kBrightside, in_force(), {});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DifferenceKind::WrongPart);
  EXPECT_EQ(d[0].message, "Line 4 of the plan (Sitting service) is paid from part A of the budget, not part B");
}

TEST(InvoiceCheck, TheHolderOfAnIndividualServiceFundDeliversItsLines) {
  auto p = plan();
  p.parts[1].mechanism = budgets::Mechanism::IndividualServiceFund;
  p.parts[1].service_fund = budgets::IndividualServiceFundDetails{7, "Sunrise holds the fund"};
  // Line 1 names Brightside, but Sunrise holds the fund that pays it.
  EXPECT_TRUE(check(week("10"), kSunrise, {p, p}, {}).empty());
  EXPECT_EQ(check(week("10"), ProviderId(8), {p, p}, {}).front().kind, DifferenceKind::NotDelivered);
}

TEST(InvoiceCheck, DatesOutsideThePlanInForce) {
  auto d = check(week("10"), kBrightside, {std::nullopt, plan()}, {});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DifferenceKind::OutsidePlan);
  EXPECT_EQ(d[0].message, "No approved plan was in force on 23 November 2026: the invoice is for 23 November 2026 to 29 November 2026 (7 days), "
                          "and only days an approved plan covers can be paid");
  auto changed = check(week("10"), kBrightside, {plan(), plan(12, 2, CivilDate(2026, 11, 26))}, {});
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].kind, DifferenceKind::PlanChanged);
  EXPECT_NE(changed[0].message.find("The plan changed on 26 November 2026 (version 2 took over)"), std::string::npos);
}

TEST(InvoiceCheck, APeriodAlreadyInvoiced) {
  std::vector<Earlier> earlier{{"BC-1041", CivilDate(2026, 11, 16), CivilDate(2026, 11, 24), {1}, State::Paid}};
  auto d = check(week("10"), kBrightside, in_force(), earlier);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DifferenceKind::AlreadyInvoiced);
  EXPECT_EQ(d[0].message, "Line 1 of the plan: invoice BC-1041 already covers 23 November 2026 to 24 November 2026 (2 days) of this line");
  // A rejected invoice, another line, or days that do not overlap are no difference.
  earlier[0].state = State::Rejected;
  EXPECT_TRUE(check(week("10"), kBrightside, in_force(), earlier).empty());
  earlier[0].state = State::Paid;
  earlier[0].plan_lines = {3};
  EXPECT_TRUE(check(week("10"), kBrightside, in_force(), earlier).empty());
  earlier[0].plan_lines = {1};
  earlier[0].period_to = CivilDate(2026, 11, 22);
  EXPECT_TRUE(check(week("10"), kBrightside, in_force(), earlier).empty());
}

TEST(InvoiceStates, OneStepAtATime) {
  EXPECT_FALSE(transition_refused(State::Received, State::Checked));
  EXPECT_FALSE(transition_refused(State::Received, State::Held));
  EXPECT_FALSE(transition_refused(State::Checked, State::Approved));
  EXPECT_FALSE(transition_refused(State::Checked, State::Held));
  EXPECT_FALSE(transition_refused(State::Held, State::Released));
  EXPECT_FALSE(transition_refused(State::Held, State::Accepted));
  EXPECT_FALSE(transition_refused(State::Held, State::Rejected));
  for (auto s : {State::Approved, State::Released, State::Accepted}) {
    EXPECT_TRUE(payable(s));
    EXPECT_FALSE(transition_refused(s, State::Paid));
    EXPECT_TRUE(transition_refused(s, State::Held));  // once approved, it is the run's
  }
  // A held invoice is never paid, nor approved without being released or accepted.
  EXPECT_FALSE(payable(State::Held));
  EXPECT_EQ(*transition_refused(State::Held, State::Paid), "This invoice is held, so it cannot be paid: only an invoice approved for payment is paid.");
  EXPECT_TRUE(transition_refused(State::Held, State::Approved));
  EXPECT_TRUE(transition_refused(State::Paid, State::Paid));
  EXPECT_TRUE(transition_refused(State::Rejected, State::Released));
  for (auto s : states()) EXPECT_EQ(state_from_code(state_code(s)), s);
}

TEST(InvoiceThread, TheCouncilSaysWhoActsNextAndTheProvidersReplyGoesBack) {
  auto m = message_from_fields({{"message", "Please send the care notes for 27 November."}}, Side::Council);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->must_act, Side::Provider);
  auto self = message_from_fields({{"message", "We will look at the rota."}, {"must_act", "council"}}, Side::Council);
  EXPECT_EQ(self->must_act, Side::Council);
  auto reply = message_from_fields({{"message", "Notes attached by post."}}, Side::Provider);
  EXPECT_EQ(reply->must_act, Side::Council);
  EXPECT_FALSE(message_from_fields({{"message", "x"}, {"must_act", "provider"}}, Side::Provider));
  EXPECT_EQ(message_from_fields({{"message", " "}}, Side::Council).error().front().field, "message");
  EXPECT_EQ(message_from_fields({{"message", "x"}, {"must_act", "nobody"}}, Side::Council).error().front().field, "must_act");
}

TEST(InvoiceIds, WhatItIsNeverWhichRun) {
  EXPECT_EQ(transfer_id(kBrightside, "BC-1042"), "inv:5:BC-1042");
  EXPECT_EQ(payment_reference("BC-1042"), "INV BC-1042");
  EXPECT_EQ(payment_reference("A-VERY-LONG-INVOICE-NUMBER").size(), 18u);
}

TEST(InvoiceMakerChecker, WhoeverEnteredAnInvoiceCannotApproveIt) {
  using namespace access;
  const Actor maker{UserId(3), CouncilId(1), Role::FinanceOfficer, std::nullopt};
  const Actor checker{UserId(4), CouncilId(1), Role::FinanceOfficer, std::nullopt};
  const Actor provider{UserId(9), CouncilId(1), Role::Provider, std::nullopt};
  const PreparedWork entered_by_maker{UserId(3), CouncilId(1)};
  auto refused = decide(maker, Action::ApproveInvoice, entered_by_maker);
  EXPECT_FALSE(refused.allowed());
  EXPECT_EQ(refused.reason, "you entered this invoice, so another finance officer must approve it for payment");
  EXPECT_TRUE(decide(checker, Action::ApproveInvoice, entered_by_maker).allowed());
  // A provider never approves, not even an invoice someone else entered.
  EXPECT_FALSE(decide(provider, Action::ApproveInvoice, entered_by_maker).allowed());
  // Never decided without knowing who entered it, nor across councils.
  EXPECT_FALSE(decide(checker, Action::ApproveInvoice).allowed());
  EXPECT_FALSE(decide(checker, Action::ApproveInvoice, PreparedWork{UserId(3), CouncilId(2)}).allowed());
}

TEST(InvoicePolicy, AProviderInvoicesOnlyForPeopleItSupports) {
  using namespace access;
  const Actor provider{UserId(9), CouncilId(1), Role::Provider, std::nullopt};
  PersonRelation rel{PersonId(12), CouncilId(1)};
  EXPECT_FALSE(decide(provider, Action::SubmitInvoice, rel).allowed());
  rel.provider_engaged = true;
  EXPECT_TRUE(decide(provider, Action::SubmitInvoice, rel).allowed());
  EXPECT_TRUE(decide(provider, Action::ViewInvoices).allowed());
  EXPECT_FALSE(decide(provider, Action::CheckInvoices).allowed());
  const Actor worker{UserId(2), CouncilId(1), Role::SocialWorker, std::nullopt};
  EXPECT_FALSE(decide(worker, Action::ViewInvoices).allowed());
}

}  // namespace
}  // namespace patchwork::invoices
