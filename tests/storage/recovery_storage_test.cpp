// End of support, recovery cases and contribution invoices on both back ends:
// a death recorded after a paid period opens one case for exactly the days
// after, with its ledger transfer; a run after the end prepares nothing for
// the person; receipts and write-offs move the ledger; the database refuses a
// write-off approved by its proposer and a second case for the same end;
// invoices are raised once per period; another council finds nothing.
#include <gtest/gtest.h>

#include "fresh_database.hpp"
#include "services/ledger_service.hpp"
#include "services/payments_service.hpp"
#include "services/recovery_service.hpp"
#include "services/statements_service.hpp"
#include "io/statements/parse.hpp"
#include "storage/repositories/account_closures_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/recovery_repository.hpp"

namespace patchwork::storage {
namespace {

using namespace recovery;

class RecoveryStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    fresh_ = std::make_unique<FreshDatabase>(GetParam());
    lease_ = std::make_unique<Database::Lease>(fresh_->db().acquire());
    migrate(c());
    Transaction tx(c(), TxMode::Write);
    council_ = insert_council(c(), "E06000001", "North");
    other_ = insert_council(c(), "E06000002", "South");
    maker_ = user("maker");
    checker_ = user("checker");
    auto id = insert_person(c(), {PersonId(), council_, "Edith", "Brown", CivilDate(1940, 1, 1), std::nullopt, std::nullopt});
    person_ = *find_person(c(), council_, id);
    // £180.00 a week as a direct payment, with a weekly contribution of £42.30.
    budgets::BudgetVersion b;
    b.council_id = council_;
    b.person_id = person_.id;
    b.version = 1;
    b.effective_from = CivilDate(2026, 1, 1);
    b.weekly = Money::from_pence(18000);
    b.contribution = {budgets::ContributionKind::WeeklyAmount, Money::from_pence(4230)};
    budgets::Part a;
    a.key = "A";
    a.mechanism = budgets::Mechanism::DirectPayment;
    a.direct_payment = budgets::DirectPaymentDetails{};
    a.weekly = Money::from_pence(18000);
    b.parts.push_back(a);
    b.basis = "test";
    insert_budget(c(), b, maker_);
    ASSERT_TRUE(services::set_payment_schedule(c(), person_, {{"part_key", "A"}, {"frequency", "four_weekly"}, {"starts_on", "2026-11-02"}},
                                               maker_));
    ASSERT_TRUE(services::record_bank_details(
        c(), person_, {{"part_key", "A"}, {"account_name", "E Brown"}, {"sort_code", "200000"}, {"account_number", "55779911"}}, maker_));
    tx.commit();
  }
  void TearDown() override {
    lease_.reset();
    fresh_.reset();
  }
  Connection& c() { return **lease_; }
  UserId user(const std::string& name) {
    accounts::User u;
    u.council_id = council_;
    u.username = name;
    u.display_name = name;
    u.role = access::Role::FinanceOfficer;
    u.password_hash = "$argon2id$fake";
    return insert_user(c(), u);
  }
  Money balance(ledger::AccountKind kind) {
    auto account = services::council_account(c(), council_, kind);
    return services::balance(c(), council_, *account, CivilDate(2030, 1, 1)).value();
  }

  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<Database::Lease> lease_;
  CouncilId council_, other_;
  UserId maker_, checker_;
  people::Person person_;
};

TEST_P(RecoveryStorageTest, ADeathAfterAPaidPeriodOpensOneCaseForTheDaysAfter) {
  Transaction tx(c(), TxMode::Write);
  // Two periods paid: 2 to 29 November and 30 November to 27 December, £720.00 each.
  auto run = services::prepare_payment_run(c(), council_, CivilDate(2026, 11, 30), maker_);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->run.item_count, 2);
  // Edith died on 10 December: 17 days of the second period were paid for after it.
  auto done = services::record_end_of_support(c(), person_, {{"kind", "died"}, {"on", "2026-12-10"}}, maker_, CivilDate(2026, 12, 12));
  ASSERT_TRUE(done) << done.error().front().message;
  ASSERT_TRUE(done->opened);
  EXPECT_EQ(done->opened->amount.pence(), 17 * 18000 / 7);  // 43,714.28 pence, rounded down
  EXPECT_EQ(done->opened->debtor, Debtor::Estate);
  EXPECT_FALSE(done->death_recorded.empty());
  EXPECT_EQ(find_person(c(), council_, person_.id)->date_of_death, CivilDate(2026, 12, 10));
  auto periods = case_periods(c(), council_, done->opened->id);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].days_after, 17);
  // The debt is in the ledger at once.
  EXPECT_EQ(balance(ledger::AccountKind::OverpaymentsDue).pence(), -43714);
  // Recorded twice: refused, and no second case.
  auto again = services::record_end_of_support(c(), person_, {{"kind", "died"}, {"on", "2026-12-10"}}, maker_, CivilDate(2026, 12, 12));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().front().field, "kind");
  EXPECT_EQ(list_cases(c(), council_).size(), 1u);
  // The database refuses a second case for the same end, whatever the code does.
  RecoveryCase copy = *done->opened;
  EXPECT_FALSE(insert_case(c(), copy));
  // Another council finds nothing of it.
  EXPECT_FALSE(find_case(c(), other_, done->opened->id));
  EXPECT_TRUE(list_cases(c(), other_).empty());
  EXPECT_TRUE(support_last_days(c(), other_).empty());
  tx.commit();
}

TEST_P(RecoveryStorageTest, ARunAfterTheEndPreparesNothingForThePerson) {
  Transaction tx(c(), TxMode::Write);
  ASSERT_TRUE(services::record_end_of_support(c(), person_, {{"kind", "support_ended"}, {"on", "2026-11-29"}}, maker_,
                                              CivilDate(2026, 11, 20)));
  // Only the first period (2 to 29 November) is due; nothing after the end.
  auto run = services::prepare_payment_run(c(), council_, CivilDate(2027, 3, 1), maker_);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->run.item_count, 1);
  EXPECT_EQ(run->run.total.pence(), 72000);
  auto later = services::prepare_payment_run(c(), council_, CivilDate(2027, 6, 1), maker_);
  EXPECT_FALSE(later);
  // And no case: nothing was paid past the end.
  EXPECT_TRUE(list_cases(c(), council_).empty());
  tx.commit();
}

TEST_P(RecoveryStorageTest, ReceiptsRepayAndAWriteOffNeedsASecondOfficer) {
  Transaction tx(c(), TxMode::Write);
  ASSERT_TRUE(services::prepare_payment_run(c(), council_, CivilDate(2026, 11, 2), maker_));
  auto done = services::record_end_of_support(c(), person_, {{"kind", "moved_away"}, {"on", "2026-11-16"}, {"moved_to", "Southvale"}},
                                              maker_, CivilDate(2026, 11, 20));
  ASSERT_TRUE(done);
  ASSERT_TRUE(done->opened);
  const auto id = done->opened->id;
  // Moved on 16 November: the 16th to the 29th (14 days) are Southvale's.
  EXPECT_EQ(done->opened->amount.pence(), 36000);
  ASSERT_TRUE(services::set_recovery_plan(c(), council_, id, {{"instalments", "3"}, {"first_due", "2026-12-01"}}, CivilDate(2026, 11, 20)));
  auto r = services::record_recovery_receipt(c(), council_, id, {{"amount", "120.00"}, {"received_on", "2026-11-20"}, {"source", "payer"}},
                                             maker_, CivilDate(2026, 11, 20));
  ASSERT_TRUE(r) << r.error().front().message;
  EXPECT_EQ(balance(ledger::AccountKind::OverpaymentsDue).pence(), -24000);
  // More than is owed: refused, nothing recorded.
  EXPECT_FALSE(services::record_recovery_receipt(c(), council_, id, {{"amount", "240.01"}, {"received_on", "2026-11-20"}, {"source", "payer"}},
                                                 maker_, CivilDate(2026, 11, 20)));
  EXPECT_EQ(case_receipts(c(), council_, id).size(), 1u);
  ASSERT_TRUE(services::propose_write_off(c(), council_, id, {{"reason", "Agreed with the family"}}, maker_));
  auto own = services::decide_write_off(c(), council_, id, true, maker_, CivilDate(2026, 11, 20));
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().front().field, "decided_by");
  // The database's CHECK refuses it too, whatever the code does.
  // (A failed statement fails the transaction on both back ends: it is left to roll back.)
  EXPECT_THROW(approve_write_off(c(), council_, id, maker_, "2026-11-20T10:00:00Z"), ConstraintViolation);
}

TEST_P(RecoveryStorageTest, AnApprovedWriteOffClearsTheDebt) {
  Transaction tx(c(), TxMode::Write);
  ASSERT_TRUE(services::prepare_payment_run(c(), council_, CivilDate(2026, 11, 2), maker_));
  auto done = services::record_end_of_support(c(), person_, {{"kind", "died"}, {"on", "2026-11-15"}}, maker_, CivilDate(2026, 11, 20));
  ASSERT_TRUE(done && done->opened);
  const auto id = done->opened->id;
  ASSERT_TRUE(services::propose_write_off(c(), council_, id, {{"reason", "The estate has nothing left"}}, maker_));
  auto approved = services::decide_write_off(c(), council_, id, true, checker_, CivilDate(2026, 11, 20));
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->state, CaseState::WrittenOff);
  EXPECT_EQ(balance(ledger::AccountKind::OverpaymentsDue).pence(), 0);
  // Nothing more on a written-off case.
  EXPECT_FALSE(services::record_recovery_receipt(c(), council_, id, {{"amount", "1.00"}, {"received_on", "2026-11-20"}, {"source", "payer"}},
                                                 checker_, CivilDate(2026, 11, 20)));
  tx.commit();
}

TEST_P(RecoveryStorageTest, ContributionInvoicesAreRaisedOncePerPeriodAndStopWithTheEnd) {
  Transaction tx(c(), TxMode::Write);
  auto raised = services::raise_contribution_invoices(c(), council_, CivilDate(2026, 12, 27), maker_);
  ASSERT_TRUE(raised) << raised.error().front().message;
  EXPECT_EQ(raised->raised, 2);
  EXPECT_EQ(raised->total.pence(), 2 * 4 * 4230);
  // Again: nothing new.
  EXPECT_FALSE(services::raise_contribution_invoices(c(), council_, CivilDate(2026, 12, 27), maker_));
  auto invoices = person_invoices(c(), council_, person_.id);
  ASSERT_EQ(invoices.size(), 2u);
  const auto oldest = invoices.back();
  ASSERT_TRUE(services::record_contribution_payment(c(), council_, oldest.id, {{"amount", "100.00"}, {"received_on", "2026-12-01"}}, maker_,
                                                    CivilDate(2026, 12, 2)));
  auto a = services::person_arrears(c(), person_, CivilDate(2026, 12, 2));
  EXPECT_EQ(a.owed.pence(), 4 * 4230 - 10000);  // only the first (due 16 November) is due by 2 December
  EXPECT_EQ(a.since, CivilDate(2026, 11, 16));
  // Support ends on 3 January: the next invoice covers 28 December to 3 January only, and none after.
  ASSERT_TRUE(services::record_end_of_support(c(), person_, {{"kind", "support_ended"}, {"on", "2027-01-03"}}, maker_,
                                              CivilDate(2026, 12, 2)));
  auto more = services::raise_contribution_invoices(c(), council_, CivilDate(2027, 6, 1), maker_);
  ASSERT_TRUE(more);
  EXPECT_EQ(more->raised, 1);
  EXPECT_EQ(more->total.pence(), 4230);
  EXPECT_TRUE(person_invoices(c(), other_, person_.id).empty());
  EXPECT_FALSE(find_contribution_invoice(c(), other_, oldest.id));
  tx.commit();
}

// Closing a holding account (docs/money.md "Closing an account").
TEST_P(RecoveryStorageTest, AnAccountClosesOnlyWhenNothingIsWaitingHeldOrToRecover) {
  const CivilDate today = CivilDate::today_utc();
  const people::Fields fields{{"on", today.iso()}, {"reason", "Support ended"}};
  Transaction tx(c(), TxMode::Write);
  auto account = services::holding_account(c(), council_, person_.id, "A", budgets::Mechanism::DirectPayment);
  ASSERT_TRUE(account);
  // A payment waiting in a run not yet exported.
  auto run = services::prepare_payment_run(c(), council_, CivilDate(2026, 11, 2), maker_);
  ASSERT_TRUE(run);
  auto waiting = services::close_account(c(), council_, *account, fields, maker_, today);
  ASSERT_FALSE(waiting);
  EXPECT_NE(waiting.error().front().message.find("1 payment into this account waits"), std::string::npos);
  ASSERT_TRUE(services::approve_payment_run(c(), council_, run->run.id, checker_));
  ASSERT_TRUE(services::export_payment_run(c(), council_, run->run.id, services::FileFormat::Csv, maker_));
  // Paid: £180.00 a week (the council has not said it deducts the contribution), 4 weeks: £720.00 held.
  auto holds = services::close_account(c(), council_, *account, fields, maker_, today);
  ASSERT_FALSE(holds);
  EXPECT_EQ(holds.error().front().field, "on");
  EXPECT_NE(holds.error().front().message.find("holds £720.00"), std::string::npos) << holds.error().front().message;
  // Her support ended on 10 November: a case for the 19 days after it is open.
  ASSERT_TRUE(services::record_end_of_support(c(), person_, {{"kind", "support_ended"}, {"on", "2026-11-10"}}, maker_, today));
  EXPECT_EQ(open_recovery_cases(c(), council_, person_.id), 1);
  auto open = services::close_account(c(), council_, *account, fields, maker_, today);
  ASSERT_FALSE(open);
  bool named = false;
  for (const auto& e : open.error()) named = named || e.message.find("A recovery case is still open") != std::string::npos;
  EXPECT_TRUE(named);
  EXPECT_FALSE(find_account_closure(c(), council_, *account));
  EXPECT_EQ(open_recovery_cases(c(), other_, person_.id), 0);
  tx.commit();
}

TEST_P(RecoveryStorageTest, AClosedAccountTakesNoPaymentAndNoStatementAfterItsDate) {
  const CivilDate today = CivilDate::today_utc();
  Transaction tx(c(), TxMode::Write);
  auto account = services::holding_account(c(), council_, person_.id, "A", budgets::Mechanism::DirectPayment);
  ASSERT_TRUE(account);
  auto closed = services::close_account(c(), council_, *account, {{"on", today.iso()}, {"reason", "Moved to a managed account"}}, maker_, today);
  ASSERT_TRUE(closed) << closed.error().front().message;
  EXPECT_EQ(closed->closed_on, today);
  EXPECT_EQ(closed->closed_by_name, "maker");
  // Once only; another council finds nothing.
  EXPECT_FALSE(services::close_account(c(), council_, *account, {{"on", today.iso()}, {"reason", "again"}}, maker_, today));
  EXPECT_FALSE(find_account_closure(c(), other_, *account));
  // The schedule's payments are held with the reason; nothing is paid.
  auto run = services::prepare_payment_run(c(), council_, CivilDate(2026, 11, 30), maker_);
  ASSERT_FALSE(run);
  EXPECT_NE(run.error().front().message.find("was closed on " + today.display() + ", so it takes no new payments"), std::string::npos)
      << run.error().front().message;
  // A statement with a line after the closing date: refused whole, nothing kept once rolled back.
  tx.commit();
  {
    Transaction import_tx(c(), TxMode::Write);
    services::StatementImportRequest req;
    req.council = council_;
    req.account = *account;
    req.format = statements::Format::Csv;
    req.mapping = "patchwork";
    req.file_name = "late.csv";
    req.by = maker_;
    const std::string csv = "Id,Date,Payee,Description,Reference,Amount,Balance\n"
                            "L1," + today.iso() + ",HMRC,PAYE,,-5.00,\n"
                            "L2," + today.plus_days(1).iso() + ",HMRC,PAYE,,-5.00,\n";
    auto result = services::import_statement(c(), req, io::statements::source_from_text(csv));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, services::StatementImportResult::Outcome::Refused);
    EXPECT_EQ(result->refusal, "The account was closed on " + today.display() + "; this statement has lines after that (line 3 is dated " +
                                   today.plus_days(1).display() + "). Nothing was imported.");
    // The caller rolls back a refusal (no commit).
  }
  EXPECT_EQ(c().query({"count_imports", "SELECT count(*) FROM statement_imports"}, {}).at(0).int64(0), 0);
  EXPECT_EQ(c().query({"count_transfers", "SELECT count(*) FROM ledger_transfers"}, {}).at(0).int64(0), 0);
}

// An attacker review: closures were found by person and part key, so closing
// the old direct payment account of a part that had moved to an individual
// service fund held back the fund's payments too. The account is the part's
// for its mechanism now.
TEST_P(RecoveryStorageTest, ClosingAPartsOldAccountDoesNotStopItsNewOne) {
  const CivilDate today = CivilDate::today_utc();
  Transaction tx(c(), TxMode::Write);
  auto old_account = services::holding_account(c(), council_, person_.id, "A", budgets::Mechanism::DirectPayment);
  ASSERT_TRUE(old_account);
  ASSERT_TRUE(services::close_account(c(), council_, *old_account, {{"on", today.iso()}, {"reason", "Now an individual service fund"}},
                                      maker_, today));
  // Version 2 from 2 November: part A is an individual service fund.
  budgets::BudgetVersion b = *find_budget_on(c(), council_, person_.id, CivilDate(2026, 1, 1));
  b.version = 2;
  b.effective_from = CivilDate(2026, 11, 2);
  b.parts[0].mechanism = budgets::Mechanism::IndividualServiceFund;
  b.parts[0].direct_payment.reset();
  insert_budget(c(), b, maker_);
  auto run = services::prepare_payment_run(c(), council_, CivilDate(2026, 11, 2), maker_);
  ASSERT_TRUE(run) << run.error().front().message;
  EXPECT_TRUE(run->held.empty());
  ASSERT_EQ(run->run.item_count, 1);
  tx.commit();
}

TEST_P(RecoveryStorageTest, NoMoneyMovesInOrOutOfAClosedAccountAfterItsDate) {
  const CivilDate today = CivilDate::today_utc();
  Transaction tx(c(), TxMode::Write);
  auto account = services::holding_account(c(), council_, person_.id, "A", budgets::Mechanism::DirectPayment);
  auto funding = services::council_account(c(), council_, ledger::AccountKind::CouncilFunding);
  ASSERT_TRUE(account && funding);
  ASSERT_TRUE(services::close_account(c(), council_, *account, {{"on", today.plus_days(-1).iso()}, {"reason", "Support ended"}}, maker_, today));
  const std::vector<ledger::Transfer> late{{"late:1", *funding, *account, Money::from_pence(100), today, "after the close", std::nullopt}};
  auto refused = services::post(c(), council_, late);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().front().field, "value_date");
  EXPECT_NE(refused.error().front().message.find("was closed on " + today.plus_days(-1).display()), std::string::npos)
      << refused.error().front().message;
  // On or before the closing day is the account's own history, still recorded.
  const std::vector<ledger::Transfer> before{{"before:1", *funding, *account, Money::from_pence(100), today.plus_days(-1), "on the day", std::nullopt}};
  EXPECT_TRUE(services::post(c(), council_, before));
  tx.commit();
}

INSTANTIATE_TEST_SUITE_P(Backends, RecoveryStorageTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return std::string(backend_name(info.param)); });

}  // namespace
}  // namespace patchwork::storage
