#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "domain/access/policy.hpp"
#include "domain/recovery/recovery.hpp"

namespace patchwork::recovery {
namespace {

using budgets::BudgetVersion;
using budgets::ContributionKind;
using budgets::Mechanism;
using payments::Frequency;
using payments::Schedule;

const PersonId kPerson(12);

CivilDate d(const char* iso) { return *CivilDate::parse_iso(iso); }

BudgetVersion version(int n, CivilDate from, std::int64_t dp, std::int64_t contribution = 0) {
  BudgetVersion b;
  b.version = n;
  b.person_id = kPerson;
  b.effective_from = from;
  b.weekly = Money::from_pence(dp);
  b.contribution = {ContributionKind::WeeklyAmount, Money::from_pence(contribution)};
  budgets::Part a;
  a.key = "A";
  a.mechanism = Mechanism::DirectPayment;
  a.direct_payment = budgets::DirectPaymentDetails{};
  a.weekly = Money::from_pence(dp);
  b.parts.push_back(a);
  return b;
}

Schedule schedule(Frequency f, CivilDate starts) {
  Schedule s;
  s.person_id = kPerson;
  s.part_key = "A";
  s.frequency = f;
  s.starts_on = starts;
  return s;
}

payments::Payment paid(const Schedule& s, payments::Period p, const std::vector<BudgetVersion>& v) {
  return *payments::payment_for(s, p, v, {}, false);
}

// ---- Overpayment, pro-rata by day at the rate the payment used ----

TEST(Overpayment, NothingWhenThePeriodEndsOnTheLastDayPaid) {
  auto s = schedule(Frequency::FourWeekly, d("2026-11-02"));
  std::vector<BudgetVersion> v{version(1, d("2026-01-01"), 18000)};
  auto p = paid(s, payments::period_at(s, 0), v);
  EXPECT_EQ(p.amount.pence(), 72000);
  EXPECT_EQ(overpaid_after(p, s.frequency, d("2026-11-29"), p.amount).pence(), 0);
  EXPECT_EQ(overpaid_after(p, s.frequency, d("2026-12-31"), p.amount).pence(), 0);
}

TEST(Overpayment, TheWholePeriodWhenSupportEndedTheDayBeforeItStarted) {
  auto s = schedule(Frequency::FourWeekly, d("2026-11-02"));
  std::vector<BudgetVersion> v{version(1, d("2026-01-01"), 18000)};
  auto p = paid(s, payments::period_at(s, 0), v);
  EXPECT_EQ(overpaid_after(p, s.frequency, d("2026-11-01"), p.amount).pence(), 72000);
}

TEST(Overpayment, OneDayAfterTheEndIsOneDaysRate) {
  auto s = schedule(Frequency::FourWeekly, d("2026-11-02"));
  std::vector<BudgetVersion> v{version(1, d("2026-01-01"), 18000)};
  auto p = paid(s, payments::period_at(s, 0), v);
  // Died on 28 November: 29 November alone was paid for after: £180.00 ÷ 7 = £25.71 (down from 25.714...).
  EXPECT_EQ(overpaid_after(p, s.frequency, d("2026-11-28"), p.amount).pence(), 2571);
  // Died on 2 November, the first day: 27 days after, 27 × 18,000 ÷ 7 = 69,428.57 pence, down.
  EXPECT_EQ(overpaid_after(p, s.frequency, d("2026-11-02"), p.amount).pence(), 69428);
}

TEST(Overpayment, UsesEachDaysRateAcrossABudgetChange) {
  auto s = schedule(Frequency::Weekly, d("2026-11-02"));
  // £70 a week until 5 November, £140 a week from 6 November.
  std::vector<BudgetVersion> v{version(1, d("2026-01-01"), 7000), version(2, d("2026-11-06"), 14000)};
  auto p = paid(s, payments::period_at(s, 0), v);
  EXPECT_EQ(p.amount.pence(), 4 * 1000 + 3 * 2000);
  // The last day paid is 4 November: 5 November at £10, then 3 days at £20.
  EXPECT_EQ(overpaid_after(p, s.frequency, d("2026-11-04"), p.amount).pence(), 1000 + 3 * 2000);
}

TEST(Overpayment, MonthlyUsesTheMonthsOwnDailyRate) {
  auto s = schedule(Frequency::Monthly, d("2026-02-01"));
  std::vector<BudgetVersion> v{version(1, d("2026-01-01"), 18000)};
  auto p = paid(s, payments::period_at(s, 0), v);  // February: 28 days
  EXPECT_EQ(p.amount.pence(), 78000);
  // 14 of 28 days after 14 February: half of the month, exactly.
  EXPECT_EQ(overpaid_after(p, s.frequency, d("2026-02-14"), p.amount).pence(), 39000);
}

TEST(Overpayment, NeverMoreThanWasPaid) {
  auto s = schedule(Frequency::Weekly, d("2026-11-02"));
  std::vector<BudgetVersion> v{version(1, d("2026-01-01"), 7000)};
  auto p = paid(s, payments::period_at(s, 0), v);
  // A run paid less than the budget now says (a later budget increase): the family never owes more than was paid.
  EXPECT_EQ(overpaid_after(p, s.frequency, d("2026-11-01"), Money::from_pence(5000)).pence(), 5000);
}

TEST(EndOfSupport, AMoveStopsTheDayBeforeTheSecondCouncilTakesOver) {
  SupportEnd e;
  e.on = d("2026-12-10");
  e.kind = EndKind::MovedAway;
  EXPECT_EQ(last_day_paid(e), d("2026-12-09"));
  e.kind = EndKind::Died;
  EXPECT_EQ(last_day_paid(e), d("2026-12-10"));
  e.kind = EndKind::SupportEnded;
  EXPECT_EQ(last_day_paid(e), d("2026-12-10"));
}

TEST(EndOfSupport, StopsTheScheduleButNeverExtendsIt) {
  auto s = schedule(Frequency::Weekly, d("2026-11-02"));
  EXPECT_EQ(stopped_at(s, d("2026-11-20")).ends_on, d("2026-11-20"));
  s.ends_on = d("2026-11-10");
  EXPECT_EQ(stopped_at(s, d("2026-11-20")).ends_on, d("2026-11-10"));
  EXPECT_EQ(stopped_at(s, std::nullopt).ends_on, d("2026-11-10"));
  // Nothing is due after the end: the periods stop with it.
  auto stopped = stopped_at(schedule(Frequency::Weekly, d("2026-11-02")), d("2026-11-10"));
  EXPECT_EQ(payments::periods_due(stopped, d("2026-12-31")).size(), 2u);
}

TEST(EndOfSupport, FieldsNameTheirProblems) {
  const auto today = d("2026-12-01");
  auto bad = support_end_from_fields({{"kind", "vanished"}}, today);
  ASSERT_FALSE(bad);
  auto has = [&](const FieldErrors& e, const char* f) {
    return std::any_of(e.begin(), e.end(), [&](const FieldError& x) { return x.field == f; });
  };
  EXPECT_TRUE(has(bad.error(), "kind"));
  EXPECT_TRUE(has(bad.error(), "on"));
  // A death cannot be in the future; a planned end can.
  EXPECT_FALSE(support_end_from_fields({{"kind", "died"}, {"on", "2026-12-05"}}, today));
  EXPECT_TRUE(support_end_from_fields({{"kind", "support_ended"}, {"on", "2026-12-05"}}, today));
  // A move names the council they moved to.
  auto move = support_end_from_fields({{"kind", "moved_away"}, {"on", "2026-12-05"}}, today);
  ASSERT_FALSE(move);
  EXPECT_TRUE(has(move.error(), "moved_to"));
}

// ---- Instalments ----

TEST(Instalments, SumExactlyToTheAmount) {
  for (std::int64_t pence : {1, 2, 99, 100, 101, 12345, 69428, 1000000, 999999}) {
    for (int count : {1, 2, 3, 7, 12, 60}) {
      auto plan = instalment_plan(Money::from_pence(pence), count, d("2027-01-31"));
      ASSERT_EQ(int(plan.size()), count);
      std::int64_t sum = 0, lo = INT64_MAX, hi = 0;
      for (const auto& i : plan) {
        sum += i.amount.pence();
        lo = std::min(lo, i.amount.pence());
        hi = std::max(hi, i.amount.pence());
      }
      EXPECT_EQ(sum, pence) << pence << " in " << count;
      EXPECT_LE(hi - lo, 1) << pence << " in " << count;
    }
  }
}

TEST(Instalments, MonthlyFromTheFirstWithoutDrifting) {
  auto plan = instalment_plan(Money::from_pence(1000), 3, d("2027-01-31"));
  EXPECT_EQ(plan[0].due, d("2027-01-31"));
  EXPECT_EQ(plan[1].due, d("2027-02-28"));
  EXPECT_EQ(plan[2].due, d("2027-03-31"));
  EXPECT_EQ(plan[0].amount.pence(), 334);  // the penny left over goes to the first
  EXPECT_EQ(plan[2].amount.pence(), 333);
}

TEST(Instalments, DueSoFarCountsOnlyInstalmentsDue) {
  RecoveryCase k;
  k.amount = Money::from_pence(30000);
  k.instalments = 3;
  k.first_due = d("2027-01-15");
  EXPECT_EQ(due_by(k, d("2027-01-14")).pence(), 0);
  EXPECT_EQ(due_by(k, d("2027-02-15")).pence(), 20000);
  EXPECT_EQ(due_by(k, d("2030-01-01")).pence(), 30000);
}

// ---- Receipts and the case's states ----

TEST(Receipts, NeverMoreThanIsOwedAndOnlyWhileOpen) {
  RecoveryCase k;
  k.amount = Money::from_pence(10000);
  k.received = Money::from_pence(4000);
  const auto today = d("2026-12-01");
  people::Fields f{{"amount", "60.01"}, {"received_on", "2026-11-30"}, {"source", "payer"}};
  auto over = receipt_from_fields(f, k, today);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().front().field, "amount");
  f["amount"] = "60.00";
  EXPECT_TRUE(receipt_from_fields(f, k, today));
  f["received_on"] = "2026-12-02";
  EXPECT_FALSE(receipt_from_fields(f, k, today));
  f["received_on"] = "2026-11-30";
  k.state = CaseState::WrittenOff;
  auto closed = receipt_from_fields(f, k, today);
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().front().field, "state");
  EXPECT_EQ(outstanding(k).pence(), 0);
}

TEST(Receipts, FromAHoldingAccountNameThePart) {
  RecoveryCase k;
  k.amount = Money::from_pence(10000);
  auto r = receipt_from_fields({{"amount", "10.00"}, {"received_on", "2026-11-30"}, {"source", "holding_account"}}, k, d("2026-12-01"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().front().field, "part_key");
}

TEST(CaseSteps, AWriteOffIsDecidedOnlyWhenProposed) {
  EXPECT_FALSE(step_refused(CaseState::Open, CaseStep::Receive));
  EXPECT_TRUE(step_refused(CaseState::WriteOffProposed, CaseStep::Receive));
  EXPECT_TRUE(step_refused(CaseState::Open, CaseStep::DecideWriteOff));
  EXPECT_FALSE(step_refused(CaseState::WriteOffProposed, CaseStep::DecideWriteOff));
  EXPECT_TRUE(step_refused(CaseState::Repaid, CaseStep::ProposeWriteOff));
  EXPECT_TRUE(step_refused(CaseState::WrittenOff, CaseStep::DecideWriteOff));
}

// ---- Write-off maker-checker (the policy) ----

TEST(WriteOff, NeverApprovedByWhoeverProposedIt) {
  using namespace access;
  const CouncilId council(1);
  Actor maker{UserId(5), council, Role::FinanceOfficer, std::nullopt};
  Actor checker{UserId(6), council, Role::FinanceOfficer, std::nullopt};
  Actor worker{UserId(7), council, Role::SocialWorker, std::nullopt};
  PreparedWork proposed{UserId(5), council};
  auto own = decide(maker, Action::ApproveWriteOff, proposed);
  EXPECT_FALSE(own.allowed());
  EXPECT_NE(own.reason.find("another finance officer"), std::string::npos);
  EXPECT_TRUE(decide(checker, Action::ApproveWriteOff, proposed).allowed());
  EXPECT_FALSE(decide(worker, Action::ApproveWriteOff, proposed).allowed());
  // Another council's case, and a decision without knowing who proposed it, are refused.
  EXPECT_FALSE(decide(checker, Action::ApproveWriteOff, PreparedWork{UserId(5), CouncilId(2)}).allowed());
  EXPECT_FALSE(decide(checker, Action::ApproveWriteOff).allowed());
  // Only finance works the cases.
  EXPECT_TRUE(decide(maker, Action::ManageRecovery).allowed());
  EXPECT_FALSE(decide(worker, Action::ManageRecovery).allowed());
}

TEST(EndOfSupport, RecordedByTheWorkerOrFinanceNeverByTheFamily) {
  using namespace access;
  const CouncilId council(1);
  PersonRelation allocated{kPerson, council, true, {}, false};
  PersonRelation not_allocated{kPerson, council, false, {}, false};
  EXPECT_TRUE(decide(Actor{UserId(1), council, Role::SocialWorker, std::nullopt}, Action::RecordEndOfSupport, allocated).allowed());
  EXPECT_FALSE(decide(Actor{UserId(1), council, Role::SocialWorker, std::nullopt}, Action::RecordEndOfSupport, not_allocated).allowed());
  EXPECT_TRUE(decide(Actor{UserId(2), council, Role::FinanceOfficer, std::nullopt}, Action::RecordEndOfSupport, not_allocated).allowed());
  EXPECT_FALSE(decide(Actor{UserId(3), council, Role::BudgetHolder, kPerson}, Action::RecordEndOfSupport, not_allocated).allowed());
  PersonRelation other{kPerson, CouncilId(2), true, {}, false};
  EXPECT_FALSE(decide(Actor{UserId(2), council, Role::FinanceOfficer, std::nullopt}, Action::RecordEndOfSupport, other).allowed());
}

// ---- Contribution invoices ----

TEST(ContributionInvoices, FollowTheScheduleAndStopWithTheEnd) {
  auto s = schedule(Frequency::FourWeekly, d("2026-11-02"));
  std::vector<BudgetVersion> v{version(1, d("2026-01-01"), 18000, 4230)};
  auto due = invoices_due(s, d("2026-12-31"), std::nullopt, v);
  ASSERT_EQ(due.size(), 3u);  // 2 November, 30 November, 28 December
  EXPECT_EQ(due[0].amount.pence(), 4 * 4230);
  EXPECT_EQ(due[0].period_end, d("2026-11-29"));
  EXPECT_EQ(due[0].due_on, d("2026-11-16"));
  // After what is invoiced already, only the later periods.
  EXPECT_EQ(invoices_due(s, d("2026-12-31"), d("2026-11-30"), v).size(), 1u);
  // Support ended on 6 December: the third period is not invoiced, the second only to the 6th.
  auto stopped = stopped_at(s, d("2026-12-06"));
  auto ended = invoices_due(stopped, d("2026-12-31"), std::nullopt, v);
  ASSERT_EQ(ended.size(), 2u);
  EXPECT_EQ(ended[1].amount.pence(), 7 * 4230 / 7);
}

TEST(ContributionInvoices, NothingWhileNotYetAssessedAndEachDaysContribution) {
  auto s = schedule(Frequency::Weekly, d("2026-11-02"));
  auto unassessed = version(1, d("2026-01-01"), 18000);
  unassessed.contribution = {ContributionKind::NotYetAssessed, Money{}};
  std::vector<BudgetVersion> v{unassessed, version(2, d("2026-11-12"), 18000, 700)};
  auto due = invoices_due(s, d("2026-11-15"), std::nullopt, v);
  // The first week: nothing assessed, no invoice. The second: 9 November to 15 November, 4 days from the 12th at £1 a day.
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].period_start, d("2026-11-09"));
  EXPECT_EQ(due[0].amount.pence(), 400);
}

TEST(ContributionInvoices, ArrearsAreWhatIsUnpaidOfInvoicesDueSinceTheOldest) {
  auto inv = [](const char* due, std::int64_t amount, std::int64_t paid) {
    ContributionInvoice i;
    i.person_id = kPerson;
    i.person_name = "Ada";
    i.due_on = d(due);
    i.amount = Money::from_pence(amount);
    i.paid = Money::from_pence(paid);
    return i;
  };
  std::vector<ContributionInvoice> all{inv("2026-10-01", 1000, 1000), inv("2026-10-29", 1000, 250), inv("2026-11-26", 1000, 0),
                                       inv("2026-12-24", 1000, 0)};
  auto a = arrears_of(all, d("2026-12-01"));
  EXPECT_EQ(a.owed.pence(), 750 + 1000);  // the one due on 24 December is not due yet
  EXPECT_EQ(a.since, d("2026-10-29"));
  EXPECT_EQ(a.invoices, 2);
}

TEST(ContributionInvoices, APaymentIsNeverMoreThanIsUnpaid) {
  ContributionInvoice i;
  i.amount = Money::from_pence(1000);
  i.paid = Money::from_pence(400);
  EXPECT_FALSE(contribution_payment_from_fields({{"amount", "6.01"}, {"received_on", "2026-11-30"}}, i, d("2026-12-01")));
  EXPECT_TRUE(contribution_payment_from_fields({{"amount", "6.00"}, {"received_on", "2026-11-30"}}, i, d("2026-12-01")));
  i.paid = i.amount;
  EXPECT_FALSE(contribution_payment_from_fields({{"amount", "1.00"}, {"received_on", "2026-11-30"}}, i, d("2026-12-01")));
}

}  // namespace
}  // namespace patchwork::recovery
