#pragma once
// A ledger held in memory: the same rules as the stored one (it posts through
// ledger::plan_post), for the property test and for working out what a post
// would do without a database. Not used to keep real money.
#include <map>
#include <span>
#include <string>
#include <vector>

#include "domain/ledger/ledger.hpp"

namespace patchwork::ledger {

class MemoryLedger final : public LedgerView {
 public:
  explicit MemoryLedger(CouncilId council) : council_(council) {}

  // Opens an account of this council (or of `other` council, to test that
  // another council's account is refused) and returns its id.
  AccountId open(Account a);

  struct Outcome {
    int added = 0;
    int already_recorded = 0;
  };
  // All or nothing, like services::post.
  Result<Outcome> post(std::span<const Transfer> transfers);

  // Credits less debits with a value date on or before `as_at`.
  Money balance(AccountId account, CivilDate as_at) const;
  const std::vector<Transfer>& transfers() const { return recorded_; }
  const std::map<AccountId, Account>& accounts() const { return accounts_; }

  // LedgerView
  std::optional<Account> account(AccountId id) override;
  std::optional<Transfer> transfer(std::string_view id) override;
  std::optional<std::string> reversed_by(std::string_view id) override;
  Movements movements_from(AccountId account, CivilDate from) override;

 private:
  CouncilId council_;
  AccountId next_id_ = 1;
  std::map<AccountId, Account> accounts_;
  std::vector<Transfer> recorded_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::map<std::string, std::string, std::less<>> reversals_;
};

}  // namespace patchwork::ledger
