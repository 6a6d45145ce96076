#pragma once
// The ledger's accounts and transfers (migration 0017). Every function takes
// the council and filters by it in the SQL. The rules live in
// domain/ledger/ledger.hpp and services/ledger_service.hpp posts through them;
// this file only reads and writes rows.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/ledger/accounts.hpp"
#include "domain/ledger/ledger.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

// Opens the account named by its council, kind and key (ledger::account_key)
// if it is not open yet, and returns its id either way. Two connections
// opening it at once leave one account (INSERT ... ON CONFLICT DO NOTHING on
// the unique key, then a read).
ledger::AccountId open_ledger_account(Connection& c, const ledger::Account& a);
std::optional<ledger::Account> find_ledger_account(Connection& c, CouncilId council_id, ledger::AccountId id);
// The account `a` names (by council, kind and account_key) if it is open,
// without opening it: for pages that show balances and must not write.
std::optional<ledger::Account> find_ledger_account_like(Connection& c, const ledger::Account& a);
// The same, holding the account's row until the transaction ends on
// PostgreSQL (SELECT ... FOR UPDATE), so that two posts touching one account
// take turns. SQLite has no row locks and needs none: a write transaction
// there is BEGIN IMMEDIATE behind the process's writer mutex, so writers
// already take turns (docs/architecture.md "One writer on SQLite").
std::optional<ledger::Account> lock_ledger_account(Connection& c, CouncilId council_id, ledger::AccountId id);
// Every account of the person, holding accounts by part key.
std::vector<ledger::Account> person_ledger_accounts(Connection& c, CouncilId council_id, PersonId person_id);
std::vector<ledger::Account> council_ledger_accounts(Connection& c, CouncilId council_id);
bool person_in_council(Connection& c, CouncilId council_id, PersonId person_id);
// How many of `people` (distinct, ascending) are the council's.
std::size_t people_in_council(Connection& c, CouncilId council_id, std::span<const PersonId> people);

std::optional<ledger::Transfer> find_transfer(Connection& c, CouncilId council_id, std::string_view id);
// The order in which the transfer was recorded in its council's database (a
// number that never repeats), for ids made from a transfer.
std::optional<std::int64_t> find_transfer_seq(Connection& c, CouncilId council_id, std::string_view id);
// The id of the transfer that reverses `id`, if one is recorded.
std::optional<std::string> find_reversal_of(Connection& c, CouncilId council_id, std::string_view id);
void insert_transfer(Connection& c, CouncilId council_id, const ledger::Transfer& t);

// The batched forms, for posts of thousands of transfers (a payment run's
// export): a few hundred rows per round trip (storage/batch.hpp).
// Opens every account not open yet (ON CONFLICT DO NOTHING, as above).
void open_ledger_accounts(Connection& c, std::span<const ledger::Account> accounts);
// The accounts `ids` (ascending), locked as lock_ledger_account does: batch by
// batch in ascending id order (each batch's rows locked in id order by ORDER
// BY ... FOR UPDATE on PostgreSQL), so two posts still never each hold what
// the other waits for. Ids not of the council are absent from the answer.
std::map<ledger::AccountId, ledger::Account> lock_ledger_accounts(Connection& c, CouncilId council_id,
                                                                  std::span<const ledger::AccountId> ids);
// The transfers among `ids` that are recorded, by id.
std::map<std::string, ledger::Transfer, std::less<>> find_transfers(Connection& c, CouncilId council_id,
                                                                    std::span<const std::string> ids);
void insert_transfers(Connection& c, CouncilId council_id, std::span<const ledger::Transfer> transfers);

// Credits less debits of the account with value dates up to and including `as_at`.
Money ledger_balance(Connection& c, CouncilId council_id, ledger::AccountId account, CivilDate as_at);
// The balance before `from` and the net movement on each day from `from` on.
ledger::LedgerView::Movements ledger_movements_from(Connection& c, CouncilId council_id, ledger::AccountId account,
                                                    CivilDate from);

// One transfer as listed for an account: the transfer, the account at its
// other end, and when it was recorded.
struct ListedTransfer {
  ledger::Transfer transfer;
  ledger::AccountId other_account = 0;
  ledger::AccountKind other_kind = ledger::AccountKind::CouncilFunding;
  std::string recorded_at;
};
// The account's transfers with value dates from `from` to `to`, oldest first
// (value date, then as recorded).
std::vector<ListedTransfer> list_account_transfers(Connection& c, CouncilId council_id, ledger::AccountId account,
                                                   CivilDate from, CivilDate to);
// Every transfer of the council, as recorded (for tests and checks).
std::vector<ledger::Transfer> all_council_transfers(Connection& c, CouncilId council_id);

// The council's reserve in weeks of a part's payments (ledger::kDefaultReserveWeeks when it set none).
int ledger_reserve_weeks(Connection& c, CouncilId council_id);
void set_ledger_reserve_weeks(Connection& c, CouncilId council_id, int weeks);

}  // namespace patchwork::storage
