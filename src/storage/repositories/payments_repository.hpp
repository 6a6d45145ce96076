#pragma once
// Payment schedules, suspensions, payees' bank details, the council's payment
// settings, and payment runs with their items. Every function takes the
// council and filters by it in the SQL.
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "domain/budgets/budget.hpp"
#include "domain/payments/bank_details.hpp"
#include "domain/payments/run.hpp"
#include "domain/payments/schedule.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

payments::PaymentSettings payment_settings(Connection& c, CouncilId council);
void set_payment_settings(Connection& c, CouncilId council, const payments::PaymentSettings& s, std::optional<UserId> by);

// Sets the part's schedule (one per person and part), replacing any before; returns its id.
std::int64_t upsert_schedule(Connection& c, const payments::Schedule& s, std::optional<UserId> by);
std::vector<payments::Schedule> list_schedules(Connection& c, CouncilId council, PersonId person);
std::int64_t insert_suspension(Connection& c, const payments::Suspension& s, std::optional<UserId> by);
std::vector<payments::Suspension> list_suspensions(Connection& c, CouncilId council, PersonId person);
std::int64_t insert_bank_details(Connection& c, const payments::BankDetails& b, std::optional<UserId> by);
// The latest recorded for the part, if any.
std::optional<payments::BankDetails> latest_bank_details(Connection& c, CouncilId council, PersonId person, const std::string& part_key);
// The first day of the latest period paid (in any run) for the part.
std::optional<CivilDate> paid_through(Connection& c, CouncilId council, PersonId person, const std::string& part_key);
// Every payment made or waiting in a run for the person, newest period first.
std::vector<payments::RunItem> person_run_items(Connection& c, CouncilId council, PersonId person);

// What preparing a run needs of the whole council, read in a few queries
// (never one per person): every schedule, suspension, latest bank details,
// what each part is paid through, and every budget version of people with a
// schedule, grouped by person.
struct CouncilPayments {
  std::vector<payments::Schedule> schedules;
  std::map<PersonId, std::vector<payments::Suspension>> suspensions;
  std::map<std::pair<PersonId, std::string>, payments::BankDetails> bank_details;
  std::map<std::pair<PersonId, std::string>, CivilDate> paid_through;
  std::map<PersonId, std::vector<budgets::BudgetVersion>> budgets;
  std::map<PersonId, std::string> names;
};
CouncilPayments council_payments(Connection& c, CouncilId council);

std::int64_t insert_run(Connection& c, const payments::PaymentRun& r);
void insert_run_item(Connection& c, CouncilId council, std::int64_t run_id, const payments::RunItem& i);
void insert_held_item(Connection& c, CouncilId council, std::int64_t run_id, const payments::HeldItem& h);
// The same for a whole run, a few hundred rows per statement (storage/batch.hpp).
void insert_run_items(Connection& c, CouncilId council, std::int64_t run_id, std::span<const payments::RunItem> items);
void insert_held_items(Connection& c, CouncilId council, std::int64_t run_id, std::span<const payments::HeldItem> held);
void set_run_totals(Connection& c, CouncilId council, std::int64_t run_id, Money total, std::int64_t count);
// Moves a run from `from` to `to`, recording who and when; false when the run
// was no longer in `from` (another request moved it first), so two approvals
// at once cannot both count.
bool move_run(Connection& c, CouncilId council, std::int64_t run_id, payments::RunState from, payments::RunState to, UserId by,
              const std::string& at);
// draft -> approved, copying the council's BACS originator from `settings`
// into the run (payments_service says why); false when the run was not a draft.
// The bank detail records of the run's payees (person and part) recorded on
// or after `since` (an ISO date or timestamp) or by `preparer`, oldest first.
std::vector<payments::BankChange> run_bank_changes(Connection& c, CouncilId council, std::int64_t run_id, const std::string& since,
                                                   UserId preparer);
bool approve_run(Connection& c, CouncilId council, std::int64_t run_id, UserId by, const std::string& at,
                 const payments::PaymentSettings& settings);

std::vector<payments::PaymentRun> list_runs(Connection& c, CouncilId council);
// Marks a draft run withdrawn (who, when) and removes its payments, held
// payments and invoices, so they fall due in a later run; the run's row stays.
// False (nothing changed) when the run is not an unwithdrawn draft of this council.
bool withdraw_draft_run(Connection& c, CouncilId council, std::int64_t run_id, UserId by, const std::string& at);
std::optional<payments::PaymentRun> find_run(Connection& c, CouncilId council, std::int64_t run_id);
std::vector<payments::RunItem> run_items(Connection& c, CouncilId council, std::int64_t run_id);
std::vector<payments::HeldItem> run_held(Connection& c, CouncilId council, std::int64_t run_id);

}  // namespace patchwork::storage
