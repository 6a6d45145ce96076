// Monitoring on both back ends (migration 0022): a check raises one flag per
// condition and brings its evidence up to date on a second run; flags are
// found only within their council; the workflow moves each step once; a
// surplus recovery prepared by one officer is approved only by another and
// posts its transfer once; controls and settings keep their history.
#include <gtest/gtest.h>

#include "fresh_database.hpp"
#include "services/ledger_service.hpp"
#include "services/monitoring_service.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/monitoring_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::storage {
namespace {

using monitoring::FlagKind;
using monitoring::FlagState;

Money pence(std::int64_t p) { return Money::from_pence(p); }

constexpr Statement kTestImport{"test_statement_import",
    "INSERT INTO statement_imports (council_id, account_id, format, file_name, file_sha256, imported_at) "
    "VALUES ($1, $2, 'card', 'test.csv', 'x', '2026-11-30T10:00:00Z') RETURNING id"};
constexpr Statement kTestLine{"test_statement_line",
    "INSERT INTO statement_lines (council_id, account_id, import_id, line_identity, booking_date, amount_pence, payee, description, "
    "merchant_category_code, cash, category, transfer_id) VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, 0, $9, NULL)"};

class MonitoringStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    fresh_ = std::make_unique<FreshDatabase>(GetParam());
    lease_ = std::make_unique<Database::Lease>(fresh_->db().acquire());
    migrate(c());
    Transaction tx(c(), TxMode::Write);
    council_ = insert_council(c(), "E06000001", "North");
    other_ = insert_council(c(), "E06000002", "South");
    person_ = insert_person(c(), {PersonId(), council_, "Edith", "B", CivilDate(1940, 1, 1), std::nullopt, std::nullopt});
    for (auto [name, slot] : {std::pair{"maker", &maker_}, std::pair{"checker", &checker_}}) {
      accounts::User u;
      u.council_id = council_;
      u.username = name;
      u.display_name = name;
      u.role = access::Role::FinanceOfficer;
      u.password_hash = "x";
      *slot = insert_user(c(), u);
    }
    budgets::BudgetVersion b;
    b.council_id = council_;
    b.person_id = person_;
    b.version = 1;
    b.effective_from = CivilDate(2026, 9, 1);
    b.weekly = pence(13770);
    budgets::Part part;
    part.key = "A";
    part.mechanism = budgets::Mechanism::DirectPayment;
    part.weekly = pence(13770);
    b.parts = {part};
    b.basis = "test";
    insert_budget(c(), b, std::nullopt);
    ledger::Account a;
    a.council_id = council_;
    a.kind = ledger::AccountKind::DirectPayment;
    a.person_id = person_;
    a.part_key = "A";
    holding_ = open_ledger_account(c(), a);
    funding_ = services::council_account(c(), council_, ledger::AccountKind::CouncilFunding).value();
    // £2,310.40 paid in: the plan allows 8 weeks of £137.70, £1,101.60.
    const std::vector<ledger::Transfer> pay{
        {"pay:1", funding_, holding_, pence(231040), CivilDate(2026, 9, 1), "payment", std::nullopt}};
    EXPECT_TRUE(services::post(c(), council_, pay));
    import_ = c().query(kTestImport, {council_, holding_}).at(0).int64(0);
    tx.commit();
  }
  void TearDown() override {
    lease_.reset();
    fresh_.reset();
  }
  Connection& c() { return **lease_; }
  template <typename F>
  auto in_write(F f) {
    Transaction tx(c(), TxMode::Write);
    auto r = f();
    tx.commit();
    return r;
  }
  void line(const std::string& identity, CivilDate on, std::int64_t p, const std::string& payee, std::optional<int> mcc) {
    in_write([&] {
      return c().execute(kTestLine, {council_, holding_, import_, identity, on, p, payee,
                                     mcc ? Value(std::int64_t(*mcc)) : Value(Null{}), std::string("other")});
    });
  }
  services::CheckReport check(CivilDate on) {
    return in_write([&] { return services::run_monitoring_check(c(), council_, on); }).value();
  }

  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<Database::Lease> lease_;
  CouncilId council_, other_;
  PersonId person_;
  UserId maker_, checker_;
  ledger::AccountId holding_ = 0, funding_ = 0;
  std::int64_t import_ = 0;
};

TEST_P(MonitoringStorageTest, ACheckRaisesOneFlagPerConditionAndUpdatesItsEvidence) {
  line("l1", CivilDate(2026, 11, 20), -4000, "BetNow", 7995);
  auto first = check(CivilDate(2026, 11, 30));
  EXPECT_EQ(first.accounts, 1);
  EXPECT_EQ(first.raised, 2);  // above the reserve, and a gambling merchant
  auto flags = in_write([&] { return list_flags(c(), council_, {}); });
  ASSERT_EQ(flags.size(), 2u);
  const auto reserve = std::find_if(flags.begin(), flags.end(), [](const Flag& f) { return f.kind == FlagKind::AboveReserve; });
  ASSERT_NE(reserve, flags.end());
  EXPECT_EQ(reserve->evidence.summary, "£2,310.40 held, the plan allows £1,101.60 (8 weeks)");
  const auto merchant = std::find_if(flags.begin(), flags.end(), [](const Flag& f) { return f.kind == FlagKind::MerchantCategory; });
  ASSERT_NE(merchant, flags.end());
  EXPECT_EQ(merchant->subject, "7995");
  EXPECT_EQ(merchant->evidence.line_ids.size(), 1u);

  // The same condition again: the same flag, its figures brought up to date.
  line("l2", CivilDate(2026, 11, 29), -1000, "BetNow", 7995);
  auto second = check(CivilDate(2026, 11, 30));
  EXPECT_EQ(second.raised, 0);
  EXPECT_EQ(second.updated, 2);
  auto again = in_write([&] { return find_flag(c(), council_, merchant->id); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->evidence.amount, pence(5000));
  EXPECT_EQ(again->evidence.line_ids.size(), 2u);
  // Without a plan there are no controls to copy the council's defaults into.
  EXPECT_TRUE(in_write([&] { return controls_history(c(), council_, person_, 1); }).empty());
}

TEST_P(MonitoringStorageTest, FlagsAreFoundOnlyInTheirCouncilAndTheDatabaseHoldsOneOpenPerCondition) {
  check(CivilDate(2026, 11, 30));
  auto flags = in_write([&] { return list_flags(c(), council_, {}); });
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_FALSE(in_write([&] { return find_flag(c(), other_, flags[0].id); }));
  EXPECT_TRUE(in_write([&] { return list_flags(c(), other_, {}); }).empty());
  Flag twin = flags[0];
  {
    Transaction tx(c(), TxMode::Write);
    EXPECT_THROW(insert_flag(c(), twin), ConstraintViolation);
  }
  FlagFilter closed;
  closed.state = FlagState::Closed;
  EXPECT_TRUE(in_write([&] { return list_flags(c(), council_, closed); }).empty());
  FlagFilter worker;
  worker.allocated_to = maker_;  // allocated to nobody
  EXPECT_TRUE(in_write([&] { return list_flags(c(), council_, worker); }).empty());
}

TEST_P(MonitoringStorageTest, ASurplusIsRecoveredOnceAndOnlyWithASecondOfficer) {
  check(CivilDate(2026, 11, 30));
  auto flag = in_write([&] { return list_flags(c(), council_, {}); }).at(0);
  people::Person edith;
  edith.id = person_;
  edith.council_id = council_;
  auto looked = in_write([&] { return services::work_flag(c(), edith, flag, {{"step", "looked_at"}, {"note", "Rang Edith"}}, maker_); });
  ASSERT_TRUE(looked);
  // Someone working from the old state is refused: the step moved it on.
  auto stale = in_write([&] { return services::work_flag(c(), edith, flag, {{"step", "looked_at"}, {"note", "again"}}, checker_); });
  EXPECT_FALSE(stale);
  auto closed = in_write([&] {
    return services::work_flag(c(), edith, looked->flag, {{"step", "outcome"}, {"outcome", "recover_surplus"}, {"note", "Agreed"}}, maker_);
  });
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->flag.state, FlagState::Closed);
  // Surplus today: held £2,310.40 less £1,101.60 allowed.
  auto too_much = in_write([&] { return services::prepare_recovery(c(), closed->flag, {{"amount", "1208.81"}}, maker_); });
  ASSERT_FALSE(too_much);
  EXPECT_EQ(too_much.error().front().field, "amount");
  auto prepared = in_write([&] { return services::prepare_recovery(c(), closed->flag, {{"amount", "1208.80"}}, maker_); });
  ASSERT_TRUE(prepared);
  EXPECT_FALSE(in_write([&] { return services::prepare_recovery(c(), closed->flag, {{"amount", "1.00"}}, checker_); }));
  auto own = in_write([&] { return services::approve_recovery(c(), closed->flag, *prepared, maker_, CivilDate::today_utc()); });
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().front().field, "approved_by");
  auto approved = in_write([&] { return services::approve_recovery(c(), closed->flag, *prepared, checker_, CivilDate::today_utc()); });
  ASSERT_TRUE(approved) << approved.error().front().message;
  EXPECT_EQ(approved->transfer_id, "surplus:" + std::to_string(flag.id));
  EXPECT_EQ(in_write([&] { return services::balance(c(), council_, holding_, CivilDate::today_utc()); }).value(), pence(110160));
  // Approving the same recovery again (a replayed request) changes nothing.
  auto twice = in_write([&] { return services::approve_recovery(c(), closed->flag, *prepared, checker_, CivilDate::today_utc()); });
  EXPECT_FALSE(twice);
  EXPECT_EQ(in_write([&] { return services::balance(c(), council_, holding_, CivilDate::today_utc()); }).value(), pence(110160));
  // The database refuses the preparer as decider, whatever the code does.
  {
    Transaction tx(c(), TxMode::Write);  // one recovery per flag unless refused
    EXPECT_THROW(insert_recovery(c(), council_, flag.id, pence(1), maker_), ConstraintViolation);
  }
  {
    Transaction tx(c(), TxMode::Write);
    EXPECT_THROW(c().execute({"test_self_decide", "UPDATE surplus_recoveries SET decided_by = prepared_by WHERE council_id = $1"}, {council_}),
                 ConstraintViolation);
  }
}

TEST_P(MonitoringStorageTest, ControlsAndSettingsKeepTheirHistory) {
  monitoring::Controls a;
  a.blocked_merchant_codes = {7995};
  a.cash_threshold = pence(15000);
  monitoring::Controls b = a;
  b.cash_allowed = false;
  in_write([&] {
    insert_controls(c(), council_, person_, 1, a, "The council's defaults", "defaults", std::nullopt);
    insert_controls(c(), council_, person_, 1, b, "Agreed with Edith", monitoring::controls_difference(a, b), checker_);
    return 0;
  });
  auto history = in_write([&] { return controls_history(c(), council_, person_, 1); });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history[0].controls.cash_allowed);
  EXPECT_EQ(history[0].reason, "Agreed with Edith");
  EXPECT_EQ(history[0].what_changed, "no cash allowed");
  EXPECT_EQ(history[0].changed_by_name, "checker");
  EXPECT_EQ(history[1].controls.blocked_merchant_codes, std::vector<int>{7995});
  EXPECT_TRUE(in_write([&] { return controls_history(c(), other_, person_, 1); }).empty());

  monitoring::Settings s;
  s.effective_from = CivilDate(2026, 12, 1);
  s.no_spending_weeks = 6;
  s.default_blocked_merchant_codes = {7995, 5813};
  in_write([&] { save_monitoring_settings(c(), council_, s, checker_); return 0; });
  s.no_spending_weeks = 5;
  in_write([&] { save_monitoring_settings(c(), council_, s, checker_); return 0; });  // the same day: replaced
  auto settings = in_write([&] { return monitoring_settings_history(c(), council_); });
  ASSERT_EQ(settings.size(), 1u);
  EXPECT_EQ(settings[0].no_spending_weeks, 5);
  EXPECT_EQ(settings[0].default_blocked_merchant_codes, (std::vector<int>{7995, 5813}));
  EXPECT_EQ(in_write([&] { return services::monitoring_settings_on(c(), council_, CivilDate(2026, 11, 30)); }).no_spending_weeks, 8);
  EXPECT_EQ(in_write([&] { return services::monitoring_settings_on(c(), council_, CivilDate(2026, 12, 1)); }).no_spending_weeks, 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, MonitoringStorageTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return std::string(backend_name(info.param)); });

}  // namespace
}  // namespace patchwork::storage
