#pragma once
// The ledger's rules, once: what a valid transfer is, what a repeated id
// means, how a reversal must look, and that no account whose kind forbids it
// goes below zero on any day. Storage (services/ledger_service) and the
// in-memory ledger (memory_ledger.hpp, for the property test) both post
// through plan_post() below, each answering its questions (LedgerView) from
// where it keeps transfers. Pure domain. docs/money.md "The ledger".
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/ledger/transfer.hpp"

namespace patchwork::ledger {

// The longest id and reason kept. An id is made from what the transfer is
// ("run:2026-12-07:part:41:2026-12-07", "stmt:<account>:<bank's id>"), so 200
// characters leave room for a bank's own reference.
constexpr std::size_t kMaxIdLength = 200;
constexpr std::size_t kMaxReasonLength = 500;

// The checks one transfer passes on its own: an id of 1 to 200 printable ASCII
// characters with no space at either end (compared byte for byte, so text that
// looks the same in two encodings cannot be two ids); two different accounts;
// an amount above nothing; a real value date; a reason on one line; a
// reversal naming another transfer. Each error names `prefix + field`.
FieldErrors transfer_problems(const Transfer& t, const std::string& prefix = "");

// The fields in which two transfers with the same id differ, in words, empty
// when they are the same transfer: "amount (£12.00 recorded, £10.00 now)".
std::vector<std::string> differences(const Transfer& recorded, const Transfer& now);

// A day's net movement on one account: credits less debits with that value date.
struct DayMovement {
  CivilDate day;
  Money net;
};

// The first day on which an account's balance, starting from `opening` and
// moved by `days` (in date order, one entry per day), is below zero at the
// end of the day, with that balance; nothing when it never is. Sums are
// checked: an overflow is reported as a balance that cannot be worked out.
struct BelowZero {
  CivilDate day;
  std::optional<Money> balance;  // nothing when the sum overflowed
};
std::optional<BelowZero> first_day_below_zero(Money opening, std::span<const DayMovement> days);

// What a post needs to know about the ledger as it stands. Every answer is
// within one council: an account or transfer of another council is not found.
class LedgerView {
 public:
  virtual ~LedgerView() = default;
  virtual std::optional<Account> account(AccountId id) = 0;
  virtual std::optional<Transfer> transfer(std::string_view id) = 0;
  // The id of the transfer that reverses `id`, if one is recorded.
  virtual std::optional<std::string> reversed_by(std::string_view id) = 0;
  // The account's balance at the end of the day before `from`, and its net
  // movement on each day from `from` on, in date order.
  struct Movements {
    Money opening;
    std::vector<DayMovement> days;
  };
  virtual Movements movements_from(AccountId account, CivilDate from) = 0;
};

// The transfers of a post that are new, in the order given (an id given twice
// in one post, with the same content, is new once).
struct PostPlan {
  std::vector<Transfer> to_record;
  int already_recorded = 0;
};

// Checks a post, all or nothing, against the ledger as the view shows it:
// each transfer valid on its own (transfer_problems, field "transfers[i]…");
// both accounts exist in `council`; a repeated id (recorded, or earlier in
// this post) with the same content is a no-op, with different content an
// error naming what differs; a reversal names a transfer that exists, is not
// itself a reversal, is not already reversed by another, has the same amount
// and the accounts the other way round, and is dated no earlier; and after the
// new transfers no account that may not go below zero is below zero at the end
// of any day from the earliest one they touch.
Result<PostPlan> plan_post(LedgerView& view, CouncilId council, std::span<const Transfer> transfers);

// A budget part's money over a period, for the person, their worker and
// finance: "paid in this period, spent, left, held in reserve, reserve
// allowed".
struct PartSummary {
  CivilDate from, to;
  Money paid_in;           // from the council's funding and the person's contribution, less any reversed
  Money spent;             // to spending categories and providers, less refunds
  Money recovered;         // taken back as surplus or towards an overpayment
  Money left;              // paid in less spent and recovered, this period: below zero when the reserve was used
  Money held;              // the account's balance at the end of `to`: all it holds, whatever period it came from
  Money reserve_allowed;   // the part's weekly amount × the council's reserve weeks
  bool above_reserve = false;
};

// One transfer touching the holding account, with the kind of the account at
// its other end (which says whether it was a payment in, spending or a recovery).
struct HoldingMovement {
  Transfer transfer;
  AccountKind other_kind = AccountKind::CouncilFunding;
};

// The reserve a council allows when it has set none: eight weeks of the
// part's payments, the top of the four to eight weeks' credit councils'
// published policies allow (rules.md, "How people deploy budgets").
constexpr int kDefaultReserveWeeks = 8;

// `movements` are the holding account's transfers with value dates from `from`
// to `to`; `held` its balance at the end of `to`. Refused when the period is
// back to front or a sum overflows.
Result<PartSummary> part_summary(AccountId holding, std::span<const HoldingMovement> movements, CivilDate from,
                                 CivilDate to, Money held, Money weekly, int reserve_weeks);

}  // namespace patchwork::ledger
