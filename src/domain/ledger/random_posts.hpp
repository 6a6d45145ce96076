#pragma once
// Random but reproducible posts for the ledger's property tests (the domain's
// in src/domain/ledger/ledger_property_test.cpp and storage's in
// tests/storage/storage_test.cpp, on both back ends): payments in, the
// person's contribution, spending, recoveries, overpayments, reversals, and
// replays of earlier posts, exact or changed. Some are meant to be refused
// (spending more than is held, reversing twice, a replay with a different
// amount): the tests check the ledger refuses those and stays whole.
#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "domain/ledger/accounts.hpp"
#include "domain/ledger/transfer.hpp"

namespace patchwork::ledger {

struct RandomAccounts {
  AccountId funding = 0, contribution = 0, surplus = 0, overpayments = 0;
  std::vector<AccountId> holdings;  // never below zero
  std::vector<AccountId> sinks;     // spending categories and provider payables
};

class RandomPosts {
 public:
  RandomPosts(std::uint32_t seed, RandomAccounts accounts) : rng_(seed), a_(std::move(accounts)) {}

  // The next post: one to three transfers.
  std::vector<Transfer> next() {
    std::vector<Transfer> batch;
    const int n = pick(1, 3);
    for (int i = 0; i < n; ++i) batch.push_back(one());
    sent_.insert(sent_.end(), batch.begin(), batch.end());
    return batch;
  }

  // A post seen before, sent again exactly (a retried run or a replayed file).
  std::vector<Transfer> replay() {
    if (sent_.empty()) return next();
    return {sent_[std::size_t(pick(0, int(sent_.size()) - 1))]};
  }

  bool chance(int percent) { return pick(1, 100) <= percent; }
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  Transfer make(AccountId debit, AccountId credit, std::int64_t pence, const char* what) {
    Transfer t;
    t.id = std::string(what) + ":" + std::to_string(++count_);
    t.debit = debit;
    t.credit = credit;
    t.amount = Money::from_pence(pence);
    t.value_date = CivilDate(2026, 1, unsigned(1 + pick(0, 27)));  // 28 days, so many transfers share a day
    t.reason = std::string(what) + " " + std::to_string(count_);
    return t;
  }
  AccountId holding() { return a_.holdings[std::size_t(pick(0, int(a_.holdings.size()) - 1))]; }
  AccountId sink() { return a_.sinks[std::size_t(pick(0, int(a_.sinks.size()) - 1))]; }

  Transfer one() {
    const int roll = pick(1, 100);
    if (roll <= 25) return make(a_.funding, holding(), pick(1, 100000), "payment");
    if (roll <= 35) return make(a_.contribution, holding(), pick(1, 20000), "contribution");
    if (roll <= 65) return make(holding(), sink(), pick(1, 60000), "spending");
    if (roll <= 72) return make(holding(), a_.surplus, pick(1, 30000), "recovery");
    if (roll <= 77) return make(a_.overpayments, a_.funding, pick(1, 30000), "overpayment");
    if (roll <= 80) return make(holding(), a_.overpayments, pick(1, 30000), "repayment");
    if (roll <= 92 && !sent_.empty()) {
      // A reversal of something sent before (perhaps refused, perhaps reversed
      // already, perhaps itself a reversal): the ledger decides.
      const Transfer& o = sent_[std::size_t(pick(0, int(sent_.size()) - 1))];
      Transfer r = make(o.credit, o.debit, o.amount.pence(), "reversal");
      r.value_date = o.value_date;
      if (chance(50)) r.value_date = o.value_date.plus_days(pick(0, 5));
      r.reverses = o.id;
      return r;
    }
    if (!sent_.empty()) {
      // The same id with different content: always refused.
      Transfer changed = sent_[std::size_t(pick(0, int(sent_.size()) - 1))];
      const auto more = changed.amount.plus(Money::from_pence(1));
      if (more) changed.amount = *more;
      return changed;
    }
    return make(a_.funding, holding(), pick(1, 100000), "payment");
  }

  std::mt19937 rng_;
  RandomAccounts a_;
  std::vector<Transfer> sent_;
  int count_ = 0;
};

// The invariants, checked from the outside: for every account and every day
// of the tests' dates, the ledger's balance equals the sum of the recorded
// transfers (worked out here, independently); no account whose kind forbids
// it is below zero on any day; the balances of all accounts add up to zero;
// ids are unique and each transfer is reversed at most once, by a transfer
// that names a recorded one. Returns what is wrong, empty when nothing is.
inline std::vector<std::string> invariant_problems(const std::vector<Account>& accounts,
                                                   const std::vector<Transfer>& recorded,
                                                   const std::function<Money(AccountId, CivilDate)>& balance) {
  std::vector<std::string> problems;
  std::set<std::string> ids;
  std::map<std::string, int> reversals;
  for (const auto& t : recorded) {
    if (!ids.insert(t.id).second) problems.push_back("id recorded twice: " + t.id);
    if (t.reverses) ++reversals[*t.reverses];
  }
  for (const auto& [id, n] : reversals) {
    if (!ids.contains(id)) problems.push_back("reversal of a transfer never recorded: " + id);
    if (n > 1) problems.push_back("reversed more than once: " + id);
  }
  for (CivilDate day(2025, 12, 31); day <= CivilDate(2026, 2, 5); day = day.plus_days(1)) {
    std::int64_t total = 0;
    for (const auto& a : accounts) {
      __int128 sum = 0;  // independent of Money's checked sums, on purpose
      for (const auto& t : recorded) {
        if (day < t.value_date) continue;
        if (t.credit == a.id) sum += t.amount.pence();
        if (t.debit == a.id) sum -= t.amount.pence();
      }
      const Money b = balance(a.id, day);
      if (__int128(b.pence()) != sum)
        problems.push_back(fmt::format("account {} on {}: balance {} but its transfers add up to {}", a.id, day.iso(),
                                       b.pence(), std::int64_t(sum)));
      if (!may_go_below_zero(a.kind) && b.pence() < 0)
        problems.push_back(fmt::format("account {} ({}) below zero on {}: {}", a.id, account_kind_code(a.kind),
                                       day.iso(), b.pence()));
      total += b.pence();
    }
    if (total != 0) problems.push_back(fmt::format("balances on {} add up to {}, not zero", day.iso(), total));
  }
  return problems;
}

}  // namespace patchwork::ledger
