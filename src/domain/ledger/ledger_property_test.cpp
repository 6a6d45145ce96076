// The ledger's property test on the in-memory ledger (the same rules as the
// stored one: both post through ledger::plan_post). Random posts of payments,
// contributions, spending, recoveries, overpayments, reversals and replays,
// with fixed seeds: after each, every balance equals the sum of its
// transfers, no account that may not go below zero is below zero on any day,
// and a replay of something recorded changes nothing.
#include <gtest/gtest.h>

#include "domain/ledger/memory_ledger.hpp"
#include "domain/ledger/random_posts.hpp"

namespace patchwork::ledger {
namespace {

const CouncilId kCouncil(1);

TEST(LedgerProperty, RandomPostsKeepTheInvariants) {
  for (std::uint32_t seed : {1u, 2u, 3u, 20261207u}) {
    MemoryLedger ledger(kCouncil);
    RandomAccounts a;
    auto open = [&](AccountKind k, std::string key = "") {
      Account acc{.council_id = kCouncil, .kind = k};
      if (is_holding(k)) { acc.person_id = PersonId(1); acc.part_key = key; }
      if (k == AccountKind::Spending) acc.category = spending_category_from_code(key);
      return ledger.open(acc);
    };
    a.funding = open(AccountKind::CouncilFunding);
    a.contribution = open(AccountKind::PersonContribution);
    a.surplus = open(AccountKind::SurplusRecovered);
    a.overpayments = open(AccountKind::OverpaymentsDue);
    a.holdings = {open(AccountKind::DirectPayment, "A"), open(AccountKind::IndividualServiceFund, "B")};
    a.sinks = {open(AccountKind::Spending, "pa_wages"), open(AccountKind::Spending, "transport"),
               open(AccountKind::ProviderPayable)};
    std::vector<Account> accounts;
    for (const auto& [id, acc] : ledger.accounts()) accounts.push_back(acc);
    auto balance = [&](AccountId id, CivilDate d) { return ledger.balance(id, d); };

    RandomPosts posts(seed, a);
    int refused = 0, replays = 0;
    for (int step = 0; step < 1500; ++step) {
      const bool replay = posts.chance(20);
      auto batch = replay ? posts.replay() : posts.next();
      const auto before = ledger.transfers().size();
      const bool all_recorded_before = [&] {
        for (const auto& t : batch) {
          auto r = ledger.transfer(t.id);
          if (!r || !differences(*r, t).empty()) return false;
        }
        return true;
      }();
      auto r = ledger.post(batch);
      if (!r) {
        ++refused;
        ASSERT_EQ(ledger.transfers().size(), before) << "a refused post recorded something (seed " << seed << ")";
        continue;
      }
      ASSERT_EQ(ledger.transfers().size(), before + std::size_t(r->added));
      if (all_recorded_before) {
        ++replays;
        ASSERT_EQ(r->added, 0) << "a replay added a transfer (seed " << seed << ", step " << step << ")";
        ASSERT_EQ(r->already_recorded, int(batch.size()));
      }
      if (step % 50 == 0) {
        auto problems = invariant_problems(accounts, ledger.transfers(), balance);
        ASSERT_TRUE(problems.empty()) << "seed " << seed << ", step " << step << ": " << problems.front();
      }
    }
    auto problems = invariant_problems(accounts, ledger.transfers(), balance);
    ASSERT_TRUE(problems.empty()) << "seed " << seed << ": " << problems.front();
    // The sequence exercised both sides of the rules.
    EXPECT_GT(refused, 100) << seed;
    EXPECT_GT(replays, 50) << seed;
    EXPECT_GT(ledger.transfers().size(), 300u) << seed;
  }
}

}  // namespace
}  // namespace patchwork::ledger
