// Provider invoices on both back ends (migration 0020): stored and read back
// with lines and differences; one number per provider; the database refuses
// an invoice decided by whoever entered it; moves guarded by the state they
// leave; the list puts held invoices first; an invoice is in one run at most.
#include <gtest/gtest.h>

#include "fresh_database.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/invoices_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/providers_repository.hpp"

namespace patchwork::storage {
namespace {

using namespace invoices;

class InvoicesStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    fresh_ = std::make_unique<FreshDatabase>(GetParam());
    lease_ = std::make_unique<Database::Lease>(fresh_->db().acquire());
    migrate(c());
    Transaction tx(c(), TxMode::Write);
    council_ = insert_council(c(), "E06000001", "North");
    person_ = insert_person(c(), {PersonId(), council_, "Edith", "B", CivilDate(1940, 1, 1), std::nullopt, std::nullopt});
    providers::Provider p;
    p.council_id = council_;
    p.name = "Brightside Care";
    p.kind = "Home care agency";
    provider_ = insert_provider(c(), p);
    maker_ = user("maker");
    checker_ = user("checker");
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
  Invoice invoice(const std::string& number, State state) {
    Invoice i;
    i.council_id = council_;
    i.provider_id = provider_;
    i.person_id = person_;
    i.number = number;
    i.part_key = "B";
    i.plan_id = 1;
    i.period_from = CivilDate(2026, 11, 16);
    i.period_to = CivilDate(2026, 11, 22);
    i.total = Money::from_pence(9900);
    i.state = state;
    i.entered_by = maker_;
    i.entered_at = "2026-11-30T10:00:00Z";
    i.lines = {{2, "Tea-time calls", 4, Money::from_pence(9900), Money::from_pence(9900)}};
    if (state == State::Held) i.differences = {{DifferenceKind::OverRate, 2, "£99.00 a week invoiced; the plan's rate is £95.50 a week"}};
    return i;
  }

  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<Database::Lease> lease_;
  CouncilId council_{};
  PersonId person_{};
  ProviderId provider_{};
  UserId maker_{}, checker_{};
};

TEST_P(InvoicesStorageTest, StoredWithLinesAndDifferencesAndOneNumberPerProvider) {
  Transaction tx(c(), TxMode::Write);
  const auto id = insert_invoice(c(), invoice("BC-1", State::Held));
  auto found = find_invoice(c(), council_, id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->provider_name, "Brightside Care");
  EXPECT_EQ(found->person_name, "Edith B");
  ASSERT_EQ(found->lines.size(), 1u);
  EXPECT_EQ(found->lines[0].quarters, 4);
  ASSERT_EQ(found->differences.size(), 1u);
  EXPECT_EQ(found->differences[0].kind, DifferenceKind::OverRate);
  EXPECT_EQ(found->differences[0].plan_line, 2);
  EXPECT_EQ(invoice_with_number(c(), council_, provider_, "BC-1"), id);
  EXPECT_FALSE(find_invoice(c(), CouncilId(council_.value() + 1), id));
  EXPECT_THROW(insert_invoice(c(), invoice("BC-1", State::Checked)), ConstraintViolation);
}

TEST_P(InvoicesStorageTest, MakerCheckerInTheDatabaseAndMovesGuardedByState) {
  std::int64_t id = 0;
  {
    Transaction tx(c(), TxMode::Write);
    id = insert_invoice(c(), invoice("BC-2", State::Checked));
    tx.commit();
  }
  {
    // The CHECK constraint: whoever entered it never decides it.
    Transaction tx(c(), TxMode::Write);
    EXPECT_THROW(move_invoice(c(), council_, id, State::Checked, State::Approved, Side::Nobody, maker_, "2026-11-30T11:00:00Z"),
                 ConstraintViolation);
  }
  Transaction tx2(c(), TxMode::Write);
  EXPECT_TRUE(move_invoice(c(), council_, id, State::Checked, State::Approved, Side::Nobody, checker_, "2026-11-30T11:00:00Z"));
  // A second move from the state it has left does nothing.
  EXPECT_FALSE(move_invoice(c(), council_, id, State::Checked, State::Held, Side::Provider, std::nullopt, "2026-11-30T11:00:00Z"));
  EXPECT_EQ(find_invoice(c(), council_, id)->state, State::Approved);
  EXPECT_EQ(find_invoice(c(), council_, id)->decided_by, checker_);
}

TEST_P(InvoicesStorageTest, HeldFirstThreadAndOneRunAtMost) {
  Transaction tx(c(), TxMode::Write);
  const auto checked = insert_invoice(c(), invoice("BC-3", State::Checked));
  const auto held = insert_invoice(c(), invoice("BC-4", State::Held));
  move_invoice(c(), council_, checked, State::Checked, State::Approved, Side::Nobody, checker_, "2026-11-30T11:00:00Z");
  auto all = list_invoices(c(), council_, std::nullopt);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, held);
  EXPECT_EQ(list_invoices(c(), council_, ProviderId(provider_.value() + 1)).size(), 0u);
  Message m;
  m.side = Side::Council;
  m.body = "Why £99.00?";
  m.must_act = Side::Provider;
  m.written_by = maker_;
  m.written_at = "2026-11-30T12:00:00Z";
  insert_invoice_message(c(), council_, held, m);
  auto thread = invoice_messages(c(), council_, held);
  ASSERT_EQ(thread.size(), 1u);
  EXPECT_EQ(thread[0].written_by_name, "maker");
  EXPECT_EQ(thread[0].must_act, Side::Provider);
  // Payable for support up to the run's date, held ones never.
  EXPECT_EQ(payable_invoices(c(), council_, CivilDate(2026, 11, 21)).size(), 0u);
  auto payable = payable_invoices(c(), council_, CivilDate(2026, 11, 30));
  ASSERT_EQ(payable.size(), 1u);
  EXPECT_EQ(payable[0].id, checked);
  payments::PaymentRun run;
  run.council_id = council_;
  run.pay_up_to = CivilDate(2026, 11, 30);
  run.prepared_by = maker_;
  run.prepared_at = "2026-11-30T13:00:00Z";
  run.total = Money::from_pence(9900);
  run.item_count = 1;
  const auto run_id = insert_run(c(), run);
  InvoiceRunItem item;
  item.run_id = run_id;
  item.invoice_id = checked;
  item.transfer_id = transfer_id(provider_, "BC-3");
  item.amount = Money::from_pence(9900);
  item.payee_name = "Brightside Care Ltd";
  item.sort_code = "309457";
  item.account_number = "20418833";
  item.reference = payment_reference("BC-3");
  insert_invoice_run_item(c(), council_, item);
  EXPECT_EQ(payable_invoices(c(), council_, CivilDate(2026, 11, 30)).size(), 0u);
  EXPECT_EQ(find_invoice(c(), council_, checked)->run_id, run_id);
  ASSERT_EQ(invoice_run_items(c(), council_, run_id).size(), 1u);
  // The same invoice in a second run is refused by the database.
  const auto second = insert_run(c(), run);
  item.run_id = second;
  EXPECT_THROW(insert_invoice_run_item(c(), council_, item), ConstraintViolation);
}

INSTANTIATE_TEST_SUITE_P(Backends, InvoicesStorageTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return std::string(backend_name(info.param)); });

}  // namespace
}  // namespace patchwork::storage
