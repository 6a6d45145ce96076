#include <gtest/gtest.h>

#include <vector>

#include "domain/access/policy.hpp"
#include "domain/payments/bank_details.hpp"
#include "domain/payments/run.hpp"
#include "domain/payments/schedule.hpp"

namespace patchwork::payments {
namespace {

using budgets::BudgetVersion;
using budgets::ContributionKind;
using budgets::Mechanism;
using budgets::Part;

const PersonId kPerson(12);

// A version with a direct-payment part A of `dp` pence a week and a
// council-managed part B of `cm` pence, and a weekly contribution of `contribution` pence.
BudgetVersion version(int n, CivilDate from, std::int64_t dp, std::int64_t cm = 0, std::int64_t contribution = 0) {
  BudgetVersion b;
  b.version = n;
  b.person_id = kPerson;
  b.effective_from = from;
  b.weekly = Money::from_pence(dp + cm);
  b.contribution = {ContributionKind::WeeklyAmount, Money::from_pence(contribution)};
  Part a;
  a.key = "A";
  a.mechanism = Mechanism::DirectPayment;
  a.direct_payment = budgets::DirectPaymentDetails{};
  a.weekly = Money::from_pence(dp);
  b.parts.push_back(a);
  if (cm > 0) {
    Part c;
    c.key = "B";
    c.mechanism = Mechanism::CouncilManaged;
    c.weekly = Money::from_pence(cm);
    b.parts.push_back(c);
  }
  return b;
}

Schedule schedule(Frequency f, CivilDate start, std::optional<CivilDate> end = std::nullopt) {
  Schedule s;
  s.person_id = kPerson;
  s.part_key = "A";
  s.frequency = f;
  s.starts_on = start;
  s.ends_on = end;
  return s;
}

Payment pay(const Schedule& s, const Period& p, const std::vector<BudgetVersion>& v, const std::vector<Suspension>& susp = {},
            bool deduct = false) {
  auto r = payment_for(s, p, v, susp, deduct);
  EXPECT_TRUE(r.has_value());
  return r.value_or(Payment{});
}

TEST(PaymentSchedule, PeriodsFollowTheFrequencyFromTheFirstPayment) {
  auto w = schedule(Frequency::Weekly, CivilDate(2026, 11, 2));
  EXPECT_EQ(period_at(w, 1).start, CivilDate(2026, 11, 9));
  EXPECT_EQ(period_at(w, 1).end, CivilDate(2026, 11, 15));
  auto f = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  EXPECT_EQ(period_at(f, 1).start, CivilDate(2026, 11, 30));
  EXPECT_EQ(period_at(f, 0).days(), 28);
  // Monthly from the 31st: the last day of a shorter month, never drifting to the 28th.
  auto m = schedule(Frequency::Monthly, CivilDate(2027, 1, 31));
  EXPECT_EQ(period_at(m, 0).end, CivilDate(2027, 2, 27));
  EXPECT_EQ(period_at(m, 1).start, CivilDate(2027, 2, 28));
  EXPECT_EQ(period_at(m, 2).start, CivilDate(2027, 3, 31));
}

TEST(PaymentSchedule, PeriodsDueStopAtTheRunDateTheEndAndWhatIsPaid) {
  auto s = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  // In advance: the period starting on the run date is due.
  EXPECT_EQ(periods_due(s, CivilDate(2026, 11, 30)).size(), 2u);
  EXPECT_EQ(periods_due(s, CivilDate(2026, 11, 29)).size(), 1u);
  EXPECT_EQ(periods_due(s, CivilDate(2026, 11, 1)).size(), 0u);
  // Already paid through the first: only the second.
  auto after = periods_due(s, CivilDate(2026, 12, 27), CivilDate(2026, 11, 2));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].start, CivilDate(2026, 11, 30));
  // Ended: no period starting after the last day paid for.
  s.ends_on = CivilDate(2026, 11, 29);
  EXPECT_EQ(periods_due(s, CivilDate(2027, 6, 1)).size(), 1u);
}

TEST(PaymentSchedule, AWholePeriodPaysTheWeeklyAmountExactly) {
  std::vector<BudgetVersion> v{version(1, CivilDate(2026, 11, 2), 180'00)};
  auto s = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  auto p = pay(s, period_at(s, 0), v);
  EXPECT_EQ(p.amount.pence(), 720'00);
  EXPECT_EQ(p.unpaid_days, 0);
  auto w = schedule(Frequency::Weekly, CivilDate(2026, 11, 2));
  EXPECT_EQ(pay(w, period_at(w, 3), v).amount.pence(), 180'00);
  // Monthly: a twelfth of 52 weeks, rounded down, whatever the month's length.
  auto m = schedule(Frequency::Monthly, CivilDate(2026, 11, 2));
  EXPECT_EQ(pay(m, period_at(m, 0), v).amount.pence(), 180'00 * 52 / 12);
  EXPECT_EQ(pay(m, period_at(m, 3), v).amount.pence(), 180'00 * 52 / 12);  // February
  EXPECT_EQ(full_period_amount(Frequency::Monthly, Money::from_pence(180'00))->pence(), 780'00);
  EXPECT_EQ(full_period_amount(Frequency::FourWeekly, Money::from_pence(180'00))->pence(), 720'00);
}

TEST(PaymentSchedule, APartPeriodIsProRatedByDaysAndRoundedDownOnce) {
  // £100.01 a week: 7 of 28 days is 100.01 exactly; 3 days is 42.861… → £42.86.
  std::vector<BudgetVersion> v{version(1, CivilDate(2026, 11, 2), 100'01)};
  auto s = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2), CivilDate(2026, 11, 4));
  auto p = pay(s, period_at(s, 0), v);
  EXPECT_EQ(p.amount.pence(), 42'86);  // 10001 × 3 / 7 = 4286.14, down
  EXPECT_EQ(p.unpaid_days, 25);
  // Rounding per day would give 3 × 1428 = 4284: the single rounding is what is paid.
  EXPECT_NE(p.amount.pence(), 3 * (100'01 / 7));
  // The last day of the period only (an edge): one day's rate, down.
  s.ends_on = CivilDate(2026, 11, 2);
  EXPECT_EQ(pay(s, period_at(s, 0), v).amount.pence(), 100'01 / 7);
  // A budget starting in the middle of the first period pays from its first day.
  std::vector<BudgetVersion> late{version(1, CivilDate(2026, 11, 27), 70'00)};
  auto full = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  EXPECT_EQ(pay(full, period_at(full, 0), late).amount.pence(), 3 * 10'00);  // 27, 28, 29 November
}

TEST(PaymentSchedule, APeriodThatStraddlesABudgetChangeIsPaidAtEachRateForItsDays) {
  // £140 a week until 15 November, then £210: 13 days at £20 and 15 at £30.
  std::vector<BudgetVersion> v{version(1, CivilDate(2026, 11, 2), 140'00), version(2, CivilDate(2026, 11, 15), 210'00)};
  auto s = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  auto p = pay(s, period_at(s, 0), v);
  EXPECT_EQ(p.amount.pence(), 13 * 20'00 + 15 * 30'00);
  ASSERT_EQ(p.segments.size(), 2u);
  EXPECT_EQ(p.segments[0].budget_version, 1);
  EXPECT_EQ(p.segments[0].days(), 13);
  EXPECT_EQ(p.segments[1].budget_version, 2);
  EXPECT_EQ(p.segments[1].from, CivilDate(2026, 11, 15));
  // A later version with the same effective date wins (budgets::budget_on).
  v.push_back(version(3, CivilDate(2026, 11, 15), 70'00));
  EXPECT_EQ(pay(s, period_at(s, 0), v).amount.pence(), 13 * 20'00 + 15 * 10'00);
}

TEST(PaymentSchedule, ASuspensionStopsPaymentsFromItsDate) {
  std::vector<BudgetVersion> v{version(1, CivilDate(2026, 11, 2), 70'00)};
  auto s = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  Suspension hospital;
  hospital.part_key = "A";
  hospital.from = CivilDate(2026, 11, 10);
  hospital.resumes_on = CivilDate(2026, 11, 20);
  hospital.reason = SuspensionReason::HospitalStay;
  auto p = pay(s, period_at(s, 0), v, {hospital});
  EXPECT_EQ(p.amount.pence(), 18 * 10'00);  // 28 days less the 10 in hospital
  EXPECT_EQ(p.unpaid_days, 10);
  // Another part's suspension changes nothing.
  hospital.part_key = "B";
  EXPECT_EQ(pay(s, period_at(s, 0), v, {hospital}).amount.pence(), 280'00);
  // Open-ended from before the period: nothing at all.
  Suspension sanction{0, {}, {}, "A", CivilDate(2026, 10, 1), std::nullopt, SuspensionReason::Sanction, "decided"};
  EXPECT_EQ(pay(s, period_at(s, 1), v, {sanction}).amount.pence(), 0);
}

TEST(PaymentSchedule, TheContributionIsDeductedOnlyWhereTheCouncilCollectsItThatWay) {
  // Margaret: £180 direct payment, £95.50 council-arranged, £42.30 contribution.
  auto b = version(1, CivilDate(2026, 11, 2), 180'00, 95'50, 42'30);
  EXPECT_EQ(weekly_paid(b, "A", false)->pence(), 180'00);
  EXPECT_EQ(weekly_paid(b, "A", true)->pence(), 137'70);
  EXPECT_FALSE(weekly_paid(b, "B", true).has_value());  // paid by invoice, not by schedule
  EXPECT_FALSE(weekly_paid(b, "Z", true).has_value());
  // A contribution larger than the direct payment takes it to nothing, never below.
  auto big = version(1, CivilDate(2026, 11, 2), 30'00, 95'50, 50'00);
  EXPECT_EQ(weekly_paid(big, "A", true)->pence(), 0);
  // Full cost: the person pays it all, so nothing is paid out.
  auto full = version(1, CivilDate(2026, 11, 2), 180'00);
  full.contribution = {ContributionKind::FullCost, {}};
  EXPECT_EQ(weekly_paid(full, "A", true)->pence(), 0);
  // Not yet assessed: paid in full meanwhile.
  auto unknown = version(1, CivilDate(2026, 11, 2), 180'00);
  unknown.contribution = {ContributionKind::NotYetAssessed, {}};
  EXPECT_EQ(weekly_paid(unknown, "A", true)->pence(), 180'00);
  // In a period: four weeks net.
  std::vector<BudgetVersion> v{b};
  auto s = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  EXPECT_EQ(pay(s, period_at(s, 0), v, {}, true).amount.pence(), 4 * 137'70);
}

TEST(PaymentSchedule, TheTransferIdIsWhatThePaymentIsNotWhichRunMadeIt) {
  std::vector<BudgetVersion> v{version(1, CivilDate(2026, 11, 2), 70'00)};
  auto s = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  EXPECT_EQ(pay(s, period_at(s, 1), v).transfer_id, "pay:12:A:2026-11-30");
  EXPECT_EQ(transfer_id(kPerson, "A", CivilDate(2026, 11, 30)), pay(s, period_at(s, 1), v).transfer_id);
  EXPECT_NE(transfer_id(kPerson, "B", CivilDate(2026, 11, 30)), transfer_id(kPerson, "A", CivilDate(2026, 11, 30)));
}

TEST(PaymentSchedule, NextPaymentDate) {
  auto s = schedule(Frequency::FourWeekly, CivilDate(2026, 11, 2));
  EXPECT_EQ(next_period_start(s, CivilDate(2026, 11, 2)), CivilDate(2026, 11, 2));
  EXPECT_EQ(next_period_start(s, CivilDate(2026, 11, 3)), CivilDate(2026, 11, 30));
  EXPECT_EQ(next_period_start(s, CivilDate(2027, 6, 1)), CivilDate(2027, 6, 14));
  s.ends_on = CivilDate(2026, 12, 1);
  EXPECT_FALSE(next_period_start(s, CivilDate(2026, 12, 2)).has_value());
}

TEST(PaymentSchedule, FieldsAreCheckedAndNamed) {
  auto s = schedule_from_fields({{"part_key", "A"}, {"starts_on", "2026-11-02"}});
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->frequency, Frequency::FourWeekly);
  auto bad = schedule_from_fields({{"part_key", "A;drop"}, {"frequency", "daily"}, {"starts_on", "2026-11-02"}, {"ends_on", "2026-11-01"}});
  ASSERT_FALSE(bad.has_value());
  std::vector<std::string> fields;
  for (const auto& e : bad.error()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"part_key", "frequency", "ends_on"}));
  auto susp = suspension_from_fields({{"part_key", "A"}, {"from", "2026-12-01"}, {"resumes_on", "2026-12-01"}, {"reason", "holiday"}});
  ASSERT_FALSE(susp.has_value());
  fields.clear();
  for (const auto& e : susp.error()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"resumes_on", "reason", "note"}));
}

TEST(PaymentRun, StatesMoveOneStepForwardAndRefusalsNameTheState) {
  EXPECT_FALSE(transition_refused(RunState::Draft, RunState::Approved));
  EXPECT_FALSE(transition_refused(RunState::Approved, RunState::Exported));
  EXPECT_FALSE(transition_refused(RunState::Exported, RunState::Reconciled));
  auto skip = transition_refused(RunState::Draft, RunState::Exported);
  ASSERT_TRUE(skip);
  EXPECT_NE(skip->find("This run is draft"), std::string::npos);
  EXPECT_NE(skip->find("only an approved run can be exported"), std::string::npos);
  auto again = transition_refused(RunState::Approved, RunState::Approved);
  ASSERT_TRUE(again);
  EXPECT_NE(again->find("This run is approved"), std::string::npos);
  EXPECT_TRUE(transition_refused(RunState::Reconciled, RunState::Draft));
  EXPECT_TRUE(transition_refused(RunState::Exported, RunState::Approved));
}

TEST(PaymentRun, WhoeverPreparedARunCannotApproveIt) {
  access::Actor maker{UserId(5), CouncilId(1), access::Role::FinanceOfficer, std::nullopt};
  access::Actor checker{UserId(6), CouncilId(1), access::Role::FinanceOfficer, std::nullopt};
  access::PreparedWork run{UserId(5), CouncilId(1)};
  auto self = access::decide(maker, access::Action::ApprovePaymentRun, run);
  EXPECT_FALSE(self.allowed());
  EXPECT_NE(self.reason.find("prepared"), std::string::npos);
  EXPECT_TRUE(access::decide(checker, access::Action::ApprovePaymentRun, run).allowed());
  // Another council's run, and a role that is not finance, are refused too.
  access::PreparedWork other{UserId(5), CouncilId(2)};
  EXPECT_FALSE(access::decide(checker, access::Action::ApprovePaymentRun, other).allowed());
  access::Actor manager{UserId(7), CouncilId(1), access::Role::TeamManager, std::nullopt};
  EXPECT_FALSE(access::decide(manager, access::Action::ApprovePaymentRun, run).allowed());
  // Preparing and exporting are finance's, without the maker-checker question.
  EXPECT_TRUE(access::decide(maker, access::Action::PreparePaymentRun).allowed());
  EXPECT_FALSE(access::decide(manager, access::Action::PreparePaymentRun).allowed());
  // Approving is never decided without knowing who prepared the run.
  EXPECT_FALSE(access::decide(checker, access::Action::ApprovePaymentRun).allowed());
}

TEST(PaymentRun, ReferenceFitsBacs) {
  auto r = payment_reference(kPerson, "a", CivilDate(2026, 12, 7));
  EXPECT_EQ(r, "PB12 A 07DEC26");
  EXPECT_LE(payment_reference(PersonId(9'999'999'999LL), "ABCDEFGHIJ", CivilDate(2026, 12, 7)).size(), 40u);
}

TEST(BankDetails, FormatsAreCheckedAndTheAccountIsMasked) {
  auto b = bank_details_from_fields({{"part_key", "A"}, {"account_name", "Sarah Ellis"}, {"sort_code", "30-94-57"}, {"account_number", "3192 6819"}});
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->sort_code, "309457");
  EXPECT_EQ(b->account_number, "31926819");
  EXPECT_EQ(masked_account(*b), "ending 6819");
  EXPECT_EQ(sort_code_display(b->sort_code), "30-94-57");
  auto bad = bank_details_from_fields({{"part_key", "A"}, {"account_name", ""}, {"sort_code", "30-94-5"}, {"account_number", "3192681X"}});
  ASSERT_FALSE(bad.has_value());
  std::vector<std::string> fields;
  for (const auto& e : bad.error()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"account_name", "sort_code", "account_number"}));
  EXPECT_FALSE(bank_details_from_fields({{"part_key", "A"}, {"account_name", "S Ellis"}, {"sort_code", "309457"}, {"account_number", "1234567"}}));
}

}  // namespace
}  // namespace patchwork::payments
