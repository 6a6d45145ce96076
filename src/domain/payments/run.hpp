#pragma once
// A payment run: every payment due up to a date, prepared by one finance
// officer, approved by another, exported as a payment file (posting the
// ledger transfers), and reconciled once the bank has paid it. Pure domain.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/budgets/parts.hpp"
#include "domain/people/records.hpp"

namespace patchwork::payments {

// draft → approved → exported → reconciled, one step at a time, never back.
enum class RunState { Draft, Approved, Exported, Reconciled };
std::span<const RunState> run_states();
std::string_view run_state_code(RunState s);   // "draft", "approved", "exported", "reconciled"
std::string_view run_state_label(RunState s);  // "Draft: waiting for approval", ...
// What a run is shown as: its state, or "withdrawn" for a withdrawn draft.
std::string_view shown_state_code(const struct PaymentRun& r);
std::string_view shown_state_label(const struct PaymentRun& r);
std::optional<RunState> run_state_from_code(std::string_view code);

// Why a run in state `from` cannot move to `to`, naming its state, or nothing
// when it can. Exporting an exported run again is not a move: the service
// gives back the same file and changes nothing.
std::optional<std::string> transition_refused(RunState from, RunState to);

struct PaymentRun {
  std::int64_t id = 0;
  CouncilId council_id{};
  CivilDate pay_up_to;              // every payment due on or before this date
  RunState state = RunState::Draft;
  UserId prepared_by{};
  std::string prepared_by_name;
  std::string prepared_at;
  std::optional<UserId> approved_by;
  std::string approved_by_name;
  std::string approved_at;
  std::optional<UserId> exported_by;
  std::string exported_by_name;
  std::string exported_at;
  std::optional<UserId> reconciled_by;
  std::string reconciled_by_name;
  std::string reconciled_at;
  Money total;
  std::int64_t item_count = 0;
  // A draft withdrawn before approval: kept (its number is never used again),
  // never approved, its payments released to a later run.
  std::optional<UserId> withdrawn_by;
  std::string withdrawn_by_name;
  std::string withdrawn_at;
  bool withdrawn() const { return withdrawn_by.has_value(); }
  // The council's BACS originator copied when the run was approved: the file
  // pays from the account the checker saw, whatever the settings say later.
  // Absent for a draft, and for a run approved before the copy was kept.
  struct Originator {
    std::string name;
    std::string sort_code;
    std::string account_number;
    std::string service_user_number;
  };
  std::optional<Originator> originator;
};

// A change to the bank details of a payee in a run, made by the run's
// preparer at any time or by anyone in the kBankChangeDays before the run was
// prepared: shown to the checker, and the person who made it cannot approve
// the run (payment diversion: change where the money goes, then send it).
inline constexpr int kBankChangeDays = 14;
struct BankChange {
  PersonId person_id{};
  std::string person_name;
  std::string part_key;
  std::string recorded_at;           // "2026-12-03T10:15:00Z"
  std::optional<UserId> recorded_by;  // absent for details loaded without an account (the demo's)
  std::string recorded_by_name;
};

// One payment in a run, with the payee's bank details as they were when the
// run was prepared: the file a checker approved is the file exported.
struct RunItem {
  std::int64_t id = 0;
  std::int64_t run_id = 0;
  std::string transfer_id;
  PersonId person_id{};
  std::string person_name;
  std::string part_key;
  budgets::Mechanism mechanism = budgets::Mechanism::DirectPayment;  // which holding account it is paid into
  CivilDate period_start;
  CivilDate period_end;
  Money amount;
  std::string payee_name;
  std::string sort_code;
  std::string account_number;
  std::string reference;  // what the payee's bank statement shows
};

// A payment due that the run could not include, and why (no bank details).
struct HeldItem {
  PersonId person_id{};
  std::string person_name;
  std::string part_key;
  CivilDate period_start;
  Money amount;
  std::string reason;
};

// The council's payment settings (payment_settings): whether the person's
// contribution is deducted from the direct payment (otherwise the council
// invoices the person for it), and the council's own account and BACS service
// user number, which a BACS Standard 18 file needs.
struct PaymentSettings {
  bool deduct_contribution = false;
  std::string originator_name{};
  std::string originator_sort_code{};
  std::string originator_account_number{};
  std::string service_user_number{};
};
// Reads deduct_contribution (yes or no) and, optionally, the BACS originator:
// originator_name, originator_sort_code (6 digits), originator_account_number
// (8 digits), service_user_number (6 digits or capitals).
Result<PaymentSettings> payment_settings_from_fields(const people::Fields& f);

// The reference the payee sees on their statement: the council's person id,
// the part and the period's first day, short enough for BACS's 18 characters
// ("PB12 A 07DEC26"), so Sarah can tell which four weeks a payment is for.
std::string payment_reference(PersonId person, std::string_view part_key, CivilDate period_start);

// The date a run pays up to: a real date, at most a year ahead (a run for a
// date far ahead would pay months in advance by a slip of the keyboard).
Result<CivilDate> run_date_from_fields(const people::Fields& f, CivilDate today);

}  // namespace patchwork::payments
