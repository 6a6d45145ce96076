#pragma once
// Closed holding accounts (migration 0025, docs/money.md "Closing an account").
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "domain/ledger/closing.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::optional<ledger::Closure> find_account_closure(Connection& c, CouncilId council_id, ledger::AccountId account);
// Every closed account of the council by account id, for a payment run.
std::map<ledger::AccountId, ledger::Closure> council_account_closures(Connection& c, CouncilId council_id);
// The closing date of every closed holding account of the council, by person,
// part key and account kind, for a payment run (which knows parts, not
// accounts). The kind matters: a part that moves from a direct payment to an
// individual service fund is paid into another account, which closing the
// old one does not close.
struct ClosedPart {
  PersonId person;
  std::string part_key;
  ledger::AccountKind kind;
  auto operator<=>(const ClosedPart&) const = default;
};
std::map<ClosedPart, CivilDate> closed_holding_parts(Connection& c, CouncilId council_id);
// Fails on the unique index when the account was closed at the same moment by someone else.
void insert_account_closure(Connection& c, const ledger::Closure& closure);
// The latest value date of any transfer into or out of the account.
std::optional<CivilDate> last_account_movement(Connection& c, CouncilId council_id, ledger::AccountId account);
// The person's recovery cases still open (open, or a write-off proposed and not decided).
int open_recovery_cases(Connection& c, CouncilId council_id, PersonId person);
// Payments to the person's part in runs not yet exported (draft or approved).
int payments_waiting(Connection& c, CouncilId council_id, PersonId person, const std::string& part_key);

}  // namespace patchwork::storage
