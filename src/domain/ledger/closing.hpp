#pragma once
// Closing a holding account (#16, docs/money.md "Closing an account"): the
// rules, pure. Finance closes the account that holds a budget part's money
// from a date, once it holds nothing and nothing is still to be recovered
// through it; from then on it takes no new payments, and a statement with a
// line after that date is refused whole. Why a closure is a row of its own
// and not a state on the account: the account's money is still read and
// shown, and the closure needs who, when and why beside it (migration 0025).
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/people/records.hpp"

namespace patchwork::ledger {

inline constexpr std::size_t kMaxClosingReasonLength = 1000;

struct Closure {
  CouncilId council_id{};
  AccountId account_id = 0;
  CivilDate closed_on{};
  std::string reason;
  std::optional<UserId> closed_by{};
  std::string closed_by_name;  // for showing; "" when unknown
  std::string closed_at;       // UTC timestamp
};

// What a finance officer asked: `on` (YYYY-MM-DD, today or earlier: an
// account is closed once it is seen to hold nothing, never ahead) and
// `reason` (required, one line, at most 1,000 characters).
struct CloseRequest {
  CivilDate on{};
  std::string reason;
};
Result<CloseRequest> close_request_from_fields(const people::Fields& fields, CivilDate today);

// What the ledger and the recovery cases say about the account, read by the
// service inside the transaction that closes it.
struct ClosingFacts {
  std::optional<CivilDate> already_closed_on;  // a closure already recorded
  Money held_at_close;                         // the balance at the end of the closing date
  std::optional<CivilDate> last_movement;      // the latest value date of any transfer in or out
  int open_recovery_cases = 0;                 // the person's cases still open or with a write-off proposed
  int payments_waiting = 0;                    // payments into it in runs prepared or approved, not yet exported
};

// Why the account cannot be closed on `on`, each problem named by its field
// ("account", "on"); empty when it can. Only a holding account closes (the
// council's own accounts and a person's contribution account stay open); it
// must hold nothing at the end of the closing date and have no money moving
// after it (a payment or spending dated later would be money in a closed
// account); and no recovery case may be open for the person, since a case
// can be repaid from the holding account; nor may a payment into it wait in a
// run not yet exported (it would be money into a closed account).
FieldErrors closing_problems(const Account& account, const ClosingFacts& facts, CivilDate on);

// A closed account takes nothing dated after its closing date. The refusal a
// payment or a statement gets, naming the date (docs/statements.md).
bool closed_for(const std::optional<CivilDate>& closed_on, CivilDate date);
std::string statement_after_closing(CivilDate closed_on);
std::string payment_after_closing(CivilDate closed_on, const std::string& part_key);

}  // namespace patchwork::ledger
