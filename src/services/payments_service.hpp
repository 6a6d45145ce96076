#pragma once
// Payments (#16, docs/money.md "Payments"): a person's payment schedules,
// suspensions and payee bank details, and the council's payment runs —
// prepared, approved by someone else, exported as a payment file with the
// ledger transfers posted, and reconciled. Every function runs in the caller's
// transaction and returns field errors as values; the caller asks the policy
// first (maker-checker is the policy's: access::decide with PreparedWork) and
// writes the audit entries.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/payments/bank_details.hpp"
#include "domain/payments/run.hpp"
#include "domain/payments/schedule.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// Sets a part's schedule: the part must be one that holds money in the
// person's latest budget version. Once a period has been paid, its first day
// and frequency cannot change (the periods already paid would no longer line
// up); only its end can.
Result<payments::Schedule> set_payment_schedule(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                                UserId by);
// Stops a scheduled part's payments from a date, with the reason.
Result<payments::Suspension> suspend_payments(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                              UserId by);
// Records the account a part that holds money is paid into.
Result<payments::BankDetails> record_bank_details(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                                  UserId by);

// What the budget page says of each scheduled part: "£550.80 every four
// weeks, paid to Sarah Ellis (account ending 6819), next on 28 December 2026".
struct PartPayment {
  std::string part_key;
  payments::Frequency frequency = payments::kDefaultFrequency;
  std::optional<Money> per_period;          // a whole period at today's budget; nothing without a budget today
  bool contribution_deducted = false;
  std::string paid_to;                      // the name on the account, or who receives the direct payment
  std::string account_ending;               // "ending 6819", or "" when no bank details are recorded
  std::optional<CivilDate> next_on;
  std::optional<payments::Suspension> suspended;  // in force today
  std::optional<CivilDate> ends_on;
  std::optional<CivilDate> closed_on;       // the holding account was closed: no payment is next
};
std::vector<PartPayment> payment_summary(storage::Connection& c, const people::Person& person, CivilDate today);

struct PreparedRun {
  payments::PaymentRun run;
  std::vector<payments::HeldItem> held;
};
// Every payment due on or before `pay_up_to` not already in a run, as a draft
// run prepared by `by`. A due payment without bank details is held (listed
// with the run, paid by a later run once they are recorded). Refused
// ("pay_up_to") when nothing is due. `now`, here and below, is when the step
// was taken: the pages and the API pass nothing, and `patchwork generate` the
// day its synthetic history says (a run's export dates its payments).
Result<PreparedRun> prepare_payment_run(storage::Connection& c, CouncilId council, CivilDate pay_up_to, UserId by,
                                        const std::string& now = utc_timestamp_now());

// The bank details of the run's payees changed by its preparer, or by anyone
// in the payments::kBankChangeDays before it was prepared (or since), for the
// checker to see before approving.
std::vector<payments::BankChange> bank_changes(storage::Connection& c, CouncilId council, const payments::PaymentRun& run);

// draft → approved. The policy has refused whoever prepared the run already;
// this checks it again (and the database's CHECK a third time), and refuses
// ("state") a run that is not a draft, naming its state, and ("approved_by")
// an approval by someone who changed a payee's bank details (bank_changes).
Result<payments::PaymentRun> approve_payment_run(storage::Connection& c, CouncilId council, std::int64_t run_id, UserId by,
                                                 const std::string& now = utc_timestamp_now());

// Withdraws a draft run: its payments, held payments and invoices are
// released, to fall due in the next run prepared. Refused ("state") for a run
// that is not a draft (an approved run has been checked; an exported one has
// paid). Any finance officer may withdraw a draft, its preparer included: a
// withdrawal pays nobody. The run keeps its number, who prepared it and its
// count and total, marked withdrawn; it can never be approved. Returns the
// run as it was before, for the audit trail.
Result<payments::PaymentRun> withdraw_payment_run(storage::Connection& c, CouncilId council, std::int64_t run_id, UserId by);

enum class FileFormat { Csv, Bacs18 };
std::optional<FileFormat> file_format_from_code(std::string_view code);  // "csv", "bacs18"

struct ExportedRun {
  payments::PaymentRun run;
  std::string file;
  std::string content_type;
  std::string filename;
  bool first_export = false;  // false: a repeat, which changed nothing
  int transfers_posted = 0;
};
// approved → exported: the file, and one ledger transfer per payment from the
// council's funding to the part's holding account, in the caller's
// transaction, so both happen or neither. An exported (or reconciled) run
// gives the same file again and changes nothing. Refused ("state") for a draft.
Result<ExportedRun> export_payment_run(storage::Connection& c, CouncilId council, std::int64_t run_id, FileFormat format, UserId by,
                                       const std::string& now = utc_timestamp_now());

// exported → reconciled: the bank has confirmed the payments.
Result<payments::PaymentRun> reconcile_payment_run(storage::Connection& c, CouncilId council, std::int64_t run_id, UserId by);

}  // namespace patchwork::services
