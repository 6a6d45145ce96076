// The ledger on both back ends: accounts opened once, posts all or nothing
// and idempotent by id, transfers never changed, balances as at a date, the
// property test against the in-memory ledger, and two connections racing.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "domain/ledger/memory_ledger.hpp"
#include "domain/ledger/random_posts.hpp"
#include "fresh_database.hpp"
#include "services/ledger_service.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/providers_repository.hpp"

namespace patchwork::storage {
namespace {

using ledger::AccountKind;
using ledger::Transfer;

Money pence(std::int64_t p) { return Money::from_pence(p); }

Transfer transfer(std::string id, ledger::AccountId debit, ledger::AccountId credit, std::int64_t p,
                  CivilDate on = CivilDate(2026, 12, 7)) {
  return Transfer{std::move(id), debit, credit, pence(p), on, "because", std::nullopt};
}

bool names(const FieldErrors& errors, std::string_view field, std::string_view words = "") {
  for (const auto& e : errors)
    if (e.field == field && e.message.find(words) != std::string::npos) return true;
  return false;
}

class LedgerStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    fresh_ = std::make_unique<FreshDatabase>(GetParam());
    lease_ = std::make_unique<Database::Lease>(fresh_->db().acquire());
    migrate(c());
    Transaction tx(c(), TxMode::Write);
    council_ = insert_council(c(), "E06000001", "North");
    other_ = insert_council(c(), "E06000002", "South");
    person_ = insert_person(c(), {PersonId(), council_, "Edith", "B", CivilDate(1940, 1, 1), std::nullopt, std::nullopt});
    theirs_ = insert_person(c(), {PersonId(), other_, "Harold", "B", CivilDate(1938, 2, 11), std::nullopt, std::nullopt});
    tx.commit();
  }
  void TearDown() override {
    lease_.reset();
    fresh_.reset();
  }
  Connection& c() { return **lease_; }

  // Posts in a write transaction of its own, committed when it succeeds.
  Result<services::PostOutcome> post(Connection& conn, std::vector<Transfer> ts) {
    Transaction tx(conn, TxMode::Write);
    auto r = services::post(conn, council_, ts);
    if (r) tx.commit();
    return r;
  }
  Result<services::PostOutcome> post(std::vector<Transfer> ts) { return post(c(), std::move(ts)); }
  template <typename F>
  auto in_write(F f) {
    Transaction tx(c(), TxMode::Write);
    auto r = f();
    tx.commit();
    return r;
  }
  Money balance(ledger::AccountId a, CivilDate on = CivilDate(2027, 12, 31)) {
    return in_write([&] { return services::balance(c(), council_, a, on); }).value();
  }

  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<Database::Lease> lease_;
  CouncilId council_, other_;
  PersonId person_, theirs_;
};

TEST_P(LedgerStorageTest, AccountsAreOpenedOnceAndBelongToTheirCouncil) {
  Transaction tx(c(), TxMode::Write);
  auto a = services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment);
  ASSERT_TRUE(a);
  EXPECT_EQ(services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment).value(), *a);
  auto b = services::holding_account(c(), council_, person_, "B", budgets::Mechanism::IndividualServiceFund);
  ASSERT_TRUE(b);
  EXPECT_NE(*a, *b);
  auto managed = services::holding_account(c(), council_, person_, "C", budgets::Mechanism::CouncilManaged);
  ASSERT_FALSE(managed);
  EXPECT_TRUE(names(managed.error(), "part_key", "holds no money"));
  EXPECT_FALSE(services::holding_account(c(), council_, person_, "A:1", budgets::Mechanism::DirectPayment));
  auto theirs = services::holding_account(c(), council_, theirs_, "A", budgets::Mechanism::DirectPayment);
  ASSERT_FALSE(theirs);
  EXPECT_TRUE(names(theirs.error(), "person_id"));

  auto funding = services::council_account(c(), council_, AccountKind::CouncilFunding);
  ASSERT_TRUE(funding);
  EXPECT_EQ(services::council_account(c(), council_, AccountKind::CouncilFunding).value(), *funding);
  auto south = services::council_account(c(), other_, AccountKind::CouncilFunding);
  ASSERT_TRUE(south);
  EXPECT_NE(*funding, *south);
  EXPECT_FALSE(services::council_account(c(), council_, AccountKind::DirectPayment));
  auto wages = services::spending_account(c(), council_, ledger::SpendingCategory::PaWages);
  ASSERT_TRUE(wages);
  EXPECT_EQ(services::spending_account(c(), council_, ledger::SpendingCategory::PaWages).value(), *wages);

  providers::Provider p;
  p.council_id = other_;
  p.name = "Their agency";
  p.kind = "Home care agency";
  auto their_provider = insert_provider(c(), p);
  auto refused = services::provider_payable_account(c(), council_, their_provider);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(names(refused.error(), "provider_id"));

  auto found = find_ledger_account(c(), council_, *a);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->kind, AccountKind::DirectPayment);
  EXPECT_EQ(found->person_id, person_);
  EXPECT_EQ(found->part_key, "A");
  EXPECT_FALSE(find_ledger_account(c(), other_, *a));  // never another council's
  EXPECT_FALSE(services::balance(c(), other_, *a, CivilDate(2026, 12, 7)));
  EXPECT_EQ(person_ledger_accounts(c(), council_, person_).size(), 2u);
  tx.commit();
}

TEST_P(LedgerStorageTest, PostsAreAllOrNothingAndARepeatChangesNothing) {
  auto [funding, dp, wages, south] = in_write([&] {
    return std::tuple{*services::council_account(c(), council_, AccountKind::CouncilFunding),
                      *services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment),
                      *services::spending_account(c(), council_, ledger::SpendingCategory::PaWages),
                      *services::council_account(c(), other_, AccountKind::CouncilFunding)};
  });
  auto first = post({transfer("pay:1", funding, dp, 40000), transfer("wages:1", dp, wages, 15000, CivilDate(2026, 12, 9))});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->added, 2);
  auto again = post({transfer("pay:1", funding, dp, 40000), transfer("wages:1", dp, wages, 15000, CivilDate(2026, 12, 9))});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->already_recorded, 2);
  EXPECT_EQ(balance(dp), pence(25000));
  EXPECT_EQ(balance(dp, CivilDate(2026, 12, 8)), pence(40000));
  EXPECT_EQ(balance(dp, CivilDate(2026, 12, 6)), pence(0));
  EXPECT_EQ(balance(funding), pence(-40000));

  auto changed = post({transfer("pay:1", funding, dp, 40001)});
  ASSERT_FALSE(changed);
  EXPECT_TRUE(names(changed.error(), "transfers[0].id", "amount"));
  // One good and one overdrawing transfer: neither is kept.
  auto half = post({transfer("pay:2", funding, dp, 100), transfer("wages:2", dp, wages, 99999)});
  ASSERT_FALSE(half);
  EXPECT_TRUE(names(half.error(), "transfers[1].amount", "does not hold"));
  EXPECT_EQ(balance(dp), pence(25000));
  // Another council's account is not found, so cannot be posted to.
  auto cross = post({transfer("x:1", south, dp, 100)});
  ASSERT_FALSE(cross);
  EXPECT_TRUE(names(cross.error(), "transfers[0].debit", "no account"));
  // The same id in another council is another transfer.
  Transaction tx(c(), TxMode::Write);
  auto their_dp = services::holding_account(c(), other_, theirs_, "A", budgets::Mechanism::DirectPayment);
  ASSERT_TRUE(their_dp);
  auto theirs = services::post(c(), other_, std::vector{transfer("pay:1", south, *their_dp, 5)});
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->added, 1);
  tx.commit();
  EXPECT_EQ(in_write([&] { return all_council_transfers(c(), council_); }).size(), 2u);
}

// A post of more transfers than one batched statement carries (256 a
// statement, then 64, 32, ...: storage/batch.hpp) keeps every rule: each
// transfer recorded once, a repeat recording nothing, one changed transfer at
// the end of a long post refusing all of it, and a holding account never
// below zero however the rows are split.
TEST_P(LedgerStorageTest, LongPostsAreBatchedAndKeepEveryRule) {
  constexpr int kCount = 600;  // 256 + 256 + 64 + 16 + 8
  auto [funding, dp, wages] = in_write([&] {
    return std::tuple{*services::council_account(c(), council_, AccountKind::CouncilFunding),
                      *services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment),
                      *services::spending_account(c(), council_, ledger::SpendingCategory::PaWages)};
  });
  std::vector<Transfer> pay;
  for (int i = 0; i < kCount; ++i) pay.push_back(transfer("pay:" + std::to_string(i), funding, dp, 100 + i));
  auto first = post(pay);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->added, kCount);
  const std::int64_t total = kCount * 100 + kCount * (kCount - 1) / 2;
  EXPECT_EQ(balance(dp), pence(total));
  auto again = post(pay);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->already_recorded, kCount);
  // Half repeated, half new, the last new one changed from a recorded one: all refused.
  std::vector<Transfer> mixed(pay.begin() + 300, pay.end());
  for (int i = kCount; i < kCount + 299; ++i) mixed.push_back(transfer("pay:" + std::to_string(i), funding, dp, 1));
  mixed.push_back(transfer("pay:5", funding, dp, 999));
  auto refused = post(mixed);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(names(refused.error(), "transfers[599].id", "different content"));
  EXPECT_EQ(balance(dp), pence(total));
  // Spending every penny in many transfers is fine; one more penny is refused.
  std::vector<Transfer> spend;
  for (int i = 0; i < kCount; ++i) spend.push_back(transfer("wages:" + std::to_string(i), dp, wages, 100 + i, CivilDate(2026, 12, 8)));
  auto spent = post(spend);
  ASSERT_TRUE(spent);
  EXPECT_EQ(balance(dp), pence(0));
  auto over = post({transfer("wages:more", dp, wages, 1, CivilDate(2026, 12, 9))});
  ASSERT_FALSE(over);
  EXPECT_TRUE(names(over.error(), "transfers[0].amount", "does not hold"));
  EXPECT_EQ(in_write([&] { return all_council_transfers(c(), council_); }).size(), std::size_t(2 * kCount));
}

TEST_P(LedgerStorageTest, ATransferIsNeverChangedOrDeleted) {
  auto [funding, dp] = in_write([&] {
    return std::pair{*services::council_account(c(), council_, AccountKind::CouncilFunding),
                     *services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment)};
  });
  ASSERT_TRUE(post({transfer("pay:1", funding, dp, 40000)}));
  for (auto sql : {"UPDATE ledger_transfers SET amount_pence = 1", "DELETE FROM ledger_transfers"}) {
    Transaction tx(c(), TxMode::Write);
    EXPECT_ANY_THROW(c().execute_script(sql)) << sql;
  }
  EXPECT_EQ(balance(dp), pence(40000));
}

TEST_P(LedgerStorageTest, ReversalsAndThePartSummary) {
  auto [funding, contribution, dp, wages, surplus] = in_write([&] {
    return std::tuple{*services::council_account(c(), council_, AccountKind::CouncilFunding),
                      *services::contribution_account(c(), council_, person_),
                      *services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment),
                      *services::spending_account(c(), council_, ledger::SpendingCategory::PaWages),
                      *services::council_account(c(), council_, AccountKind::SurplusRecovered)};
  });
  ASSERT_TRUE(post({transfer("pay:1", funding, dp, 80000, CivilDate(2026, 12, 1)),
                    transfer("contribution:1", contribution, dp, 4000, CivilDate(2026, 12, 2)),
                    transfer("wages:1", dp, wages, 30000, CivilDate(2026, 12, 10)),
                    transfer("pay:2", funding, dp, 5000, CivilDate(2026, 12, 11)),
                    transfer("recover:1", dp, surplus, 2000, CivilDate(2026, 12, 20))}));
  Transfer rev = transfer("rev:pay:2", dp, funding, 5000, CivilDate(2026, 12, 12));
  rev.reverses = "pay:2";
  ASSERT_TRUE(post({rev}));
  Transfer twice = rev;
  twice.id = "rev:pay:2:again";
  auto r = post({twice});
  ASSERT_FALSE(r);
  EXPECT_TRUE(names(r.error(), "transfers[0].reverses", "already been reversed by rev:pay:2"));

  auto s = in_write([&] {
    return services::part_summary(c(), council_, dp, CivilDate(2026, 12, 1), CivilDate(2026, 12, 28), pence(6000));
  });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->paid_in, pence(84000));  // the reversed payment counts for nothing
  EXPECT_EQ(s->spent, pence(30000));
  EXPECT_EQ(s->recovered, pence(2000));
  EXPECT_EQ(s->left, pence(52000));
  EXPECT_EQ(s->held, pence(52000));
  EXPECT_EQ(s->reserve_allowed, pence(48000));  // 8 weeks by default
  EXPECT_TRUE(s->above_reserve);
  ASSERT_TRUE(in_write([&] { return services::set_reserve_weeks(c(), council_, 10); }));
  EXPECT_FALSE(in_write([&] { return services::set_reserve_weeks(c(), council_, 0); }));
  auto ten = in_write([&] {
    return services::part_summary(c(), council_, dp, CivilDate(2026, 12, 1), CivilDate(2026, 12, 28), pence(6000));
  });
  ASSERT_TRUE(ten);
  EXPECT_EQ(ten->reserve_allowed, pence(60000));
  EXPECT_FALSE(ten->above_reserve);
  EXPECT_FALSE(in_write([&] {
    return services::part_summary(c(), council_, wages, CivilDate(2026, 12, 1), CivilDate(2026, 12, 28), pence(1));
  }));
}

// The property test of src/domain/ledger/ledger_property_test.cpp, on the
// database: the same random posts go to the stored ledger and to the
// in-memory one, which must agree on every outcome, and the stored balances
// must keep the invariants.
TEST_P(LedgerStorageTest, RandomPostsKeepTheInvariantsAndAgreeWithTheDomain) {
  ledger::MemoryLedger memory(council_);
  std::map<ledger::AccountId, ledger::AccountId> to_memory;
  std::vector<ledger::Account> accounts;
  ledger::RandomAccounts a;
  {
    Transaction tx(c(), TxMode::Write);
    auto track = [&](ledger::AccountId id) {
      auto acc = *find_ledger_account(c(), council_, id);
      accounts.push_back(acc);
      to_memory[id] = memory.open(acc);
      return id;
    };
    a.funding = track(*services::council_account(c(), council_, AccountKind::CouncilFunding));
    a.contribution = track(*services::contribution_account(c(), council_, person_));
    a.surplus = track(*services::council_account(c(), council_, AccountKind::SurplusRecovered));
    a.overpayments = track(*services::council_account(c(), council_, AccountKind::OverpaymentsDue));
    a.holdings = {track(*services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment)),
                  track(*services::holding_account(c(), council_, person_, "B", budgets::Mechanism::IndividualServiceFund))};
    a.sinks = {track(*services::spending_account(c(), council_, ledger::SpendingCategory::PaWages)),
               track(*services::spending_account(c(), council_, ledger::SpendingCategory::Transport))};
    tx.commit();
  }
  auto translated = [&](std::vector<Transfer> ts) {
    for (auto& t : ts) {
      t.debit = to_memory.at(t.debit);
      t.credit = to_memory.at(t.credit);
    }
    return ts;
  };
  auto stored_balance = [&](ledger::AccountId id, CivilDate d) { return ledger_balance(c(), council_, id, d); };

  ledger::RandomPosts posts(20261207u, a);
  int refused = 0;
  for (int step = 0; step < 300; ++step) {
    auto batch = posts.chance(20) ? posts.replay() : posts.next();
    auto stored = post(batch);
    auto in_memory = memory.post(translated(batch));
    ASSERT_EQ(bool(stored), bool(in_memory)) << "step " << step << ": the database and the domain disagree";
    if (stored) {
      EXPECT_EQ(stored->added, in_memory->added) << step;
      EXPECT_EQ(stored->already_recorded, in_memory->already_recorded) << step;
    } else {
      ++refused;
      ASSERT_EQ(stored.error().front().field, in_memory.error().front().field) << step;
    }
    if (step % 30 == 29) {
      Transaction tx(c(), TxMode::Write);
      auto problems = ledger::invariant_problems(accounts, all_council_transfers(c(), council_), stored_balance);
      ASSERT_TRUE(problems.empty()) << "step " << step << ": " << problems.front();
    }
  }
  EXPECT_GT(refused, 20);
  EXPECT_GT(memory.transfers().size(), 80u);
  Transaction tx(c(), TxMode::Write);
  EXPECT_EQ(all_council_transfers(c(), council_).size(), memory.transfers().size());
}

// Two connections at once: posting the same ids records them once, and
// racing to spend the same money lets only one spend it. Without the row
// locks on PostgreSQL the first would fail on the unique id (or, for
// different ids, both would read the same balance and overdraw).
TEST_P(LedgerStorageTest, TwoPostsAtOnceNeitherDoubleCountNorOverdraw) {
  auto [funding, dp, wages] = in_write([&] {
    return std::tuple{*services::council_account(c(), council_, AccountKind::CouncilFunding),
                      *services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment),
                      *services::spending_account(c(), council_, ledger::SpendingCategory::PaWages)};
  });
  auto lease_a = fresh_->db().acquire();
  auto lease_b = fresh_->db().acquire();
  std::int64_t left = 0, paid = 0;
  for (int round = 0; round < 15; ++round) {
    // The same payments from two "payment runs" at once.
    std::vector<Transfer> run;
    for (int i = 0; i < 20; ++i)
      run.push_back(transfer("pay:" + std::to_string(round) + ":" + std::to_string(i), funding, dp, 1000));
    // Then two spendings that each fit the balance, but not both.
    const std::int64_t held = left + 20000, spend = held / 2 + 1;
    std::vector<Transfer> spend_a{transfer("spend:a:" + std::to_string(round), dp, wages, spend)};
    std::vector<Transfer> spend_b{transfer("spend:b:" + std::to_string(round), dp, wages, spend)};

    std::atomic<int> ready = 0;
    Result<services::PostOutcome> ra = std::unexpected(FieldErrors{}), rb = std::unexpected(FieldErrors{});
    Result<services::PostOutcome> sa = std::unexpected(FieldErrors{}), sb = std::unexpected(FieldErrors{});
    std::string failure_a, failure_b;
    auto racer = [&](Connection& conn, const std::vector<Transfer>& pay, const std::vector<Transfer>& spend,
                     Result<services::PostOutcome>& pay_result, Result<services::PostOutcome>& spend_result,
                     std::string& failure) {
      try {
        ++ready;
        while (ready < 2) std::this_thread::yield();
        pay_result = post(conn, pay);
        ++ready;
        while (ready < 4) std::this_thread::yield();
        spend_result = post(conn, spend);
      } catch (const std::exception& e) {
        failure = e.what();
        ready += 10;  // let the other thread go on
      }
    };
    std::thread ta(racer, std::ref(*lease_a), std::cref(run), std::cref(spend_a), std::ref(ra), std::ref(sa),
                   std::ref(failure_a));
    std::thread tb(racer, std::ref(*lease_b), std::cref(run), std::cref(spend_b), std::ref(rb), std::ref(sb),
                   std::ref(failure_b));
    ta.join();
    tb.join();
    ASSERT_EQ(failure_a, "") << "round " << round;
    ASSERT_EQ(failure_b, "") << "round " << round;
    ASSERT_TRUE(ra && rb) << "round " << round;
    EXPECT_EQ(ra->added + rb->added, 20) << "round " << round;
    EXPECT_EQ(ra->already_recorded + rb->already_recorded, 20) << "round " << round;
    EXPECT_EQ(int(bool(sa)) + int(bool(sb)), 1) << "round " << round << ": exactly one spending fits";
    left = held - spend;
    paid += 20000;
    EXPECT_EQ(balance(dp), pence(left)) << "round " << round;
  }
  EXPECT_EQ(balance(funding), pence(-paid));
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerStorageTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return std::string(backend_name(info.param)); });

}  // namespace
}  // namespace patchwork::storage
