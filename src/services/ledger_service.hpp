#pragma once
// The ledger, for everything that moves money: payment runs, statement
// imports, recoveries, corrections. Each function runs in the caller's
// transaction, which for post() must be a write transaction (TxMode::Write):
// the checks and the writes must be one unit. The caller has asked the policy
// (these functions do not: a payment run's export and a finance officer's
// reversal are allowed by different rules). docs/money.md "The ledger".
#include <map>
#include <span>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/budgets/parts.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/ledger/closing.hpp"
#include "domain/ledger/ledger.hpp"
#include "domain/ledger/transfer.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// The holding account of the person's budget part `part_key` managed by
// `mechanism`, opened on first use. Refused ("part_key") for a part the
// council arranges itself (it holds no money), a key that is not a budget
// part's, or ("person_id") a person not of this council. The account is the
// person's and the part key's, not a budget version's: it lasts across
// versions (ledger::account_key says why).
Result<ledger::AccountId> holding_account(storage::Connection& c, CouncilId council, PersonId person,
                                          std::string_view part_key, budgets::Mechanism mechanism);
// The same for many parts at once (a payment run's export), in a few round
// trips: the same refusals, the first one found; the answer in the order of
// `parts`.
struct HoldingPart {
  PersonId person;
  std::string part_key;
  budgets::Mechanism mechanism = budgets::Mechanism::DirectPayment;
};
Result<std::vector<ledger::AccountId>> holding_accounts(storage::Connection& c, CouncilId council, std::span<const HoldingPart> parts);
// The council's single accounts: CouncilFunding, SurplusRecovered,
// OverpaymentsDue. Refused ("kind") for a kind that needs a person, provider
// or category (use the functions below).
Result<ledger::AccountId> council_account(storage::Connection& c, CouncilId council, ledger::AccountKind kind);
Result<ledger::AccountId> spending_account(storage::Connection& c, CouncilId council, ledger::SpendingCategory category);
// What has been paid to a provider on the council's register.
Result<ledger::AccountId> provider_payable_account(storage::Connection& c, CouncilId council, ProviderId provider);
// What the person pays towards their support.
Result<ledger::AccountId> contribution_account(storage::Connection& c, CouncilId council, PersonId person);

// How a post went: how many transfers were new and how many were recorded
// already (same id, same content).
struct PostOutcome {
  int added = 0;
  int already_recorded = 0;
};
// Records the transfers, all or nothing, by ledger::plan_post's rules. Before
// checking, it takes the accounts the transfers touch in ascending id order
// (on PostgreSQL a row lock each, so two posts touching the same account take
// turns and cannot both spend the same money or both record the same id; the
// fixed order means two posts can never each hold what the other waits for).
// On SQLite the write transaction already lets one writer in at a time.
Result<PostOutcome> post(storage::Connection& c, CouncilId council, std::span<const ledger::Transfer> transfers);

// Credits less debits of the account up to the end of `as_at`. Refused
// ("account") for an account not of this council.
Result<Money> balance(storage::Connection& c, CouncilId council, ledger::AccountId account, CivilDate as_at);

// A holding account's money over a period (ledger::PartSummary), with the
// council's reserve (ledger_reserve_weeks) times the part's weekly amount.
Result<ledger::PartSummary> part_summary(storage::Connection& c, CouncilId council, ledger::AccountId holding,
                                         CivilDate from, CivilDate to, Money weekly);

// A correction: a transfer that moves the money of transfer `transfer_id`
// back, dated `value_date`, for `reason` (required, one line). Its id is made
// from the original's ("reversal:<the original's record number>"), so pressing
// the button twice records it once, and the ledger's rules refuse a second
// reversal of the same transfer. Refused ("transfer_id") when there is no such
// transfer in the council; otherwise refused by ledger::plan_post's rules
// (already reversed, itself a reversal, money no longer there).
struct Reversal {
  ledger::Transfer transfer;                // the reversing transfer
  ledger::Transfer original;
  bool already_recorded = false;            // the same reversal was recorded before
  std::optional<PersonId> person_id;        // whose holding or contribution account it touches, if anyone's
};
Result<Reversal> reverse(storage::Connection& c, CouncilId council, std::string_view transfer_id, std::string reason,
                         CivilDate value_date);

// The council's reserve for holding accounts, in weeks of a part's payments
// (1 to 52; refused, naming "reserve_weeks", otherwise).
Result<int> set_reserve_weeks(storage::Connection& c, CouncilId council, int weeks);

// Closes a holding account from `fields`' "on" with its "reason"
// (docs/money.md "Closing an account"; the rules are
// ledger::closing_problems). The account is locked first, as post() locks
// it, so money cannot arrive between the check that it holds nothing and
// the closure. Refused with field errors ("account", "on", "reason"); the
// caller audits either way.
Result<ledger::Closure> close_account(storage::Connection& c, CouncilId council, ledger::AccountId account,
                                      const people::Fields& fields, UserId by, CivilDate today);

}  // namespace patchwork::services
