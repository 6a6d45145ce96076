#pragma once
// Monitoring (#16, docs/money.md "Monitoring and flags"): the check run that
// raises flags from the ledger and the statement lines, the flag workflow,
// surplus recoveries (prepared by one officer, approved by another, then the
// ledger transfer posted once), each plan's spending controls and the
// council's settings. Every function runs in the caller's transaction and
// returns field errors as values; the caller asks the policy first (the
// maker-checker for recoveries is the policy's: access::decide with
// PreparedWork) and writes the audit entries.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/monitoring/monitoring.hpp"
#include "domain/payments/schedule.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"
#include "storage/repositories/monitoring_repository.hpp"

namespace patchwork::services {

monitoring::Settings monitoring_settings_on(storage::Connection& c, CouncilId council, CivilDate on);
// Saves the settings from their effective date (an administrator's or finance's).
Result<monitoring::Settings> set_monitoring_settings(storage::Connection& c, CouncilId council, const people::Fields& fields, UserId by);

// The spending controls of the person's plan in force on `on` (else their
// latest plan), newest first; when the plan has none stored yet, one entry:
// the council's defaults, not yet copied (id 0). Nothing when the person has
// no support plan.
struct PlanControls {
  int plan_number = 0;
  std::vector<storage::StoredControls> history;
  const monitoring::Controls& in_force() const { return history.front().controls; }
};
std::optional<PlanControls> spending_controls(storage::Connection& c, const people::Person& person, CivilDate on);
// Changes them, with the reason, recording what changed and who. Refused
// ("plan") when the person has no plan, ("reason") without a reason.
Result<PlanControls> change_spending_controls(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                              UserId by);

// One check of every holding account of the council on `on`.
struct CheckReport {
  CivilDate on;
  int accounts = 0;
  int raised = 0;   // new flags
  int updated = 0;  // open flags whose evidence was brought up to date
};
Result<CheckReport> run_monitoring_check(storage::Connection& c, CouncilId council, CivilDate on);

// An account's risk and its next monitoring review (a flag worked to its
// outcome counts as a review of the account).
struct AccountMonitoring {
  monitoring::RiskFinding risk;
  std::optional<monitoring::ReviewDue> next_review;
  std::optional<CivilDate> first_payment;
  std::optional<CivilDate> last_review;
};
AccountMonitoring account_monitoring(storage::Connection& c, CouncilId council, std::int64_t account, CivilDate on);

// Records a step on a flag (monitoring::step_from_fields: step, outcome,
// note; suspend_from when the outcome is to suspend payments, which stops the
// part's payments from that date through services::suspend_payments, as a
// sanction with the note). The flag must be this person's.
struct WorkedFlag {
  storage::Flag flag;
  std::optional<payments::Suspension> suspension;
};
Result<WorkedFlag> work_flag(storage::Connection& c, const people::Person& person, const storage::Flag& flag,
                             const people::Fields& fields, UserId by);

// The surplus above the allowed reserve on the flag's account today.
Money surplus_now(storage::Connection& c, const storage::Flag& flag, CivilDate on);
// Prepares a recovery of `amount` (field "amount", pounds) on a balance-above-
// reserve flag whose outcome is to recover the surplus: at most the surplus now.
Result<storage::Recovery> prepare_recovery(storage::Connection& c, const storage::Flag& flag, const people::Fields& fields, UserId by);
// prepared -> approved: posts the transfer holding -> surplus_recovered with
// id "surplus:<flag id>", valued `on`, once. The policy has refused the
// preparer already; this checks it again (and the database a third time).
// Refused ("amount") when the money is no longer there.
Result<storage::Recovery> approve_recovery(storage::Connection& c, const storage::Flag& flag, const storage::Recovery& r, UserId by,
                                           CivilDate on);
// prepared -> refused, with a note (required).
Result<storage::Recovery> refuse_recovery(storage::Connection& c, const storage::Flag& flag, const storage::Recovery& r, UserId by,
                                          const std::string& note);

}  // namespace patchwork::services
