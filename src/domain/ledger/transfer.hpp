#pragma once
// The seam between the ledger and everything that moves money (payment runs,
// statement imports, recoveries, invoices). Header first so those parts can be
// written against it; the ledger (domain/ledger/ledger.*) checks every rule.
//
// The model is TigerBeetle's: money moves only in transfers, each from one
// account (debit) to another (credit), so every transfer balances by
// construction; a transfer is never changed or deleted (a correction is a
// reversing transfer); and its id is chosen by whoever creates it, so a retry,
// a second payment run for the same date or a replayed statement carries the
// same id and changes nothing.
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/money.hpp"

namespace patchwork::ledger {

using AccountId = std::int64_t;

struct Transfer {
  // Unique per council; made from what the transfer is, never random, so a
  // repeat is recognised: for example "run:2026-12-07:part:41:2026-12-07" for a
  // payment, "stmt:<account>:<bank's id or fingerprint>" for a statement line.
  std::string id;
  AccountId debit = 0;    // the account the money leaves
  AccountId credit = 0;   // the account the money arrives in
  Money amount;           // whole pence, above nothing
  CivilDate value_date;   // the day the money moves (balances "as at" use it)
  std::string reason;     // plain words, shown to people
  // When this transfer undoes another: that transfer's id (same council,
  // same amount, accounts swapped).
  std::optional<std::string> reverses;
};

}  // namespace patchwork::ledger
