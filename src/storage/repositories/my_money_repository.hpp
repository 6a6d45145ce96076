#pragma once
// What the bank said about a holding account, for the budget holder's money
// page (docs/my-pages.md): statement_lines (migration 0019), reading only the
// columns marked SEAM there, so the statement import may add others freely.
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "domain/ledger/accounts.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

struct BankLine {
  CivilDate booking_date;
  Money amount;  // signed: money out of the account is below zero
  std::string payee;
  std::string description;
  bool cash = false;
};
// The account's lines booked from `from` to `to`, oldest first.
std::vector<BankLine> bank_lines_between(Connection& c, CouncilId council_id, ledger::AccountId account, CivilDate from, CivilDate to);

}  // namespace patchwork::storage
