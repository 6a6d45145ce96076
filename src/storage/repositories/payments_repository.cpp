#include "storage/repositories/payments_repository.hpp"

#include "core/date.hpp"
#include "storage/batch.hpp"
#include "storage/repositories/budgets_repository.hpp"

namespace patchwork::storage {
namespace {

using namespace payments;

constexpr Statement kSettings{"payment_settings",
    "SELECT deduct_contribution, originator_name, originator_sort_code, originator_account_number, service_user_number "
    "FROM payment_settings WHERE council_id = $1"};
constexpr Statement kSetSettings{"set_payment_settings",
    "INSERT INTO payment_settings (council_id, deduct_contribution, originator_name, originator_sort_code, originator_account_number, "
    "service_user_number, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (council_id) DO UPDATE SET "
    "deduct_contribution = excluded.deduct_contribution, originator_name = excluded.originator_name, "
    "originator_sort_code = excluded.originator_sort_code, originator_account_number = excluded.originator_account_number, "
    "service_user_number = excluded.service_user_number, changed_by = excluded.changed_by, changed_at = excluded.changed_at"};

#define PW_SCHEDULE_COLUMNS "id, council_id, person_id, part_key, frequency, starts_on, ends_on"
constexpr Statement kUpsertSchedule{"upsert_payment_schedule",
    "INSERT INTO payment_schedules (council_id, person_id, part_key, frequency, starts_on, ends_on, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (council_id, person_id, part_key) DO UPDATE SET "
    "frequency = excluded.frequency, starts_on = excluded.starts_on, ends_on = excluded.ends_on, recorded_by = excluded.recorded_by, "
    "recorded_at = excluded.recorded_at RETURNING id"};
constexpr Statement kListSchedules{"list_payment_schedules",
    "SELECT " PW_SCHEDULE_COLUMNS " FROM payment_schedules WHERE council_id = $1 AND person_id = $2 ORDER BY part_key"};
constexpr Statement kCouncilSchedules{"council_payment_schedules",
    "SELECT " PW_SCHEDULE_COLUMNS " FROM payment_schedules WHERE council_id = $1 ORDER BY person_id, part_key"};
#undef PW_SCHEDULE_COLUMNS

#define PW_SUSPENSION_COLUMNS "id, council_id, person_id, part_key, from_on, resumes_on, reason, note"
constexpr Statement kInsertSuspension{"insert_payment_suspension",
    "INSERT INTO payment_suspensions (council_id, person_id, part_key, from_on, resumes_on, reason, note, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr Statement kListSuspensions{"list_payment_suspensions",
    "SELECT " PW_SUSPENSION_COLUMNS " FROM payment_suspensions WHERE council_id = $1 AND person_id = $2 ORDER BY from_on, id"};
constexpr Statement kCouncilSuspensions{"council_payment_suspensions",
    "SELECT " PW_SUSPENSION_COLUMNS " FROM payment_suspensions WHERE council_id = $1 ORDER BY person_id, from_on, id"};
#undef PW_SUSPENSION_COLUMNS

#define PW_BANK_COLUMNS "id, council_id, person_id, part_key, account_name, sort_code, account_number, recorded_at"
constexpr Statement kInsertBank{"insert_payee_bank_details",
    "INSERT INTO payee_bank_details (council_id, person_id, part_key, account_name, sort_code, account_number, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr Statement kLatestBank{"latest_payee_bank_details",
    "SELECT " PW_BANK_COLUMNS " FROM payee_bank_details WHERE council_id = $1 AND person_id = $2 AND part_key = $3 ORDER BY id DESC LIMIT 1"};
constexpr Statement kCouncilBank{"council_payee_bank_details",
    "SELECT " PW_BANK_COLUMNS " FROM payee_bank_details WHERE council_id = $1 AND id IN (SELECT MAX(id) FROM payee_bank_details "
    "WHERE council_id = $1 GROUP BY person_id, part_key)"};
#undef PW_BANK_COLUMNS

constexpr Statement kPaidThrough{"payments_paid_through",
    "SELECT MAX(period_start) FROM payment_run_items WHERE council_id = $1 AND person_id = $2 AND part_key = $3"};
constexpr Statement kCouncilPaidThrough{"council_payments_paid_through",
    "SELECT person_id, part_key, MAX(period_start) FROM payment_run_items WHERE council_id = $1 GROUP BY person_id, part_key"};
constexpr Statement kScheduledNames{"council_scheduled_names",
    "SELECT p.id, p.given_name, p.family_name FROM people p WHERE p.council_id = $1 AND p.id IN "
    "(SELECT s.person_id FROM payment_schedules s WHERE s.council_id = $1)"};

#define PW_RUN_COLUMNS                                                                                                   \
  "r.id, r.council_id, r.pay_up_to, r.state, r.prepared_by, pu.display_name, r.prepared_at, r.approved_by, au.display_name, " \
  "r.approved_at, r.exported_by, eu.display_name, r.exported_at, r.reconciled_by, ru.display_name, r.reconciled_at, r.total_pence, r.item_count, " \
  "r.originator_name, r.originator_sort_code, r.originator_account_number, r.service_user_number, r.withdrawn_by, wu.display_name, " \
  "r.withdrawn_at"
#define PW_RUN_FROM                                                                                                      \
  " FROM payment_runs r JOIN users pu ON pu.id = r.prepared_by LEFT JOIN users au ON au.id = r.approved_by "           \
  "LEFT JOIN users eu ON eu.id = r.exported_by LEFT JOIN users ru ON ru.id = r.reconciled_by "                     \
  "LEFT JOIN users wu ON wu.id = r.withdrawn_by "
constexpr Statement kInsertRun{"insert_payment_run",
    "INSERT INTO payment_runs (council_id, pay_up_to, state, prepared_by, prepared_at, total_pence, item_count) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr Statement kRunTotals{"set_payment_run_totals",
    "UPDATE payment_runs SET total_pence = $3, item_count = $4 WHERE council_id = $1 AND id = $2"};
constexpr Statement kListRuns{"list_payment_runs", "SELECT " PW_RUN_COLUMNS PW_RUN_FROM "WHERE r.council_id = $1 ORDER BY r.id DESC"};
constexpr Statement kFindRun{"find_payment_run", "SELECT " PW_RUN_COLUMNS PW_RUN_FROM "WHERE r.council_id = $1 AND r.id = $2"};
#undef PW_RUN_COLUMNS
#undef PW_RUN_FROM
// One statement per move, each guarded by the state it moves from.
constexpr Statement kApprove{"approve_payment_run",
    "UPDATE payment_runs SET state = 'approved', approved_by = $3, approved_at = $4 WHERE council_id = $1 AND id = $2 AND state = 'draft' "
    "AND withdrawn_at IS NULL"};
// Approval and the originator's copy in one statement: the settings as they
// stand in the approving transaction.
constexpr Statement kApproveWithOriginator{"approve_payment_run_with_originator",
    "UPDATE payment_runs SET state = 'approved', approved_by = $3, approved_at = $4, originator_name = $5, originator_sort_code = $6, "
    "originator_account_number = $7, service_user_number = $8 WHERE council_id = $1 AND id = $2 AND state = 'draft' AND withdrawn_at IS NULL"};
constexpr Statement kExport{"export_payment_run",
    "UPDATE payment_runs SET state = 'exported', exported_by = $3, exported_at = $4 WHERE council_id = $1 AND id = $2 AND state = 'approved'"};
constexpr Statement kReconcile{"reconcile_payment_run",
    "UPDATE payment_runs SET state = 'reconciled', reconciled_by = $3, reconciled_at = $4 WHERE council_id = $1 AND id = $2 "
    "AND state = 'exported'"};

#define PW_ITEM_COLUMNS                                                                                                 \
  "i.id, i.run_id, i.transfer_id, i.person_id, p.given_name, p.family_name, i.part_key, i.period_start, i.period_end, " \
  "i.amount_pence, i.payee_name, i.sort_code, i.account_number, i.reference, i.mechanism"
constexpr Statement kInsertItem{"insert_payment_run_item",
    "INSERT INTO payment_run_items (council_id, run_id, transfer_id, person_id, part_key, period_start, period_end, amount_pence, "
    "payee_name, sort_code, account_number, reference, mechanism) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"};
constexpr std::string_view kInsertItemsHead =
    "INSERT INTO payment_run_items (council_id, run_id, transfer_id, person_id, part_key, period_start, period_end, amount_pence, "
    "payee_name, sort_code, account_number, reference, mechanism) VALUES ";
constexpr Statement kRunItems{"payment_run_items",
    "SELECT " PW_ITEM_COLUMNS " FROM payment_run_items i JOIN people p ON p.id = i.person_id "
    "WHERE i.council_id = $1 AND i.run_id = $2 ORDER BY i.id"};
constexpr Statement kPersonItems{"person_payment_run_items",
    "SELECT " PW_ITEM_COLUMNS " FROM payment_run_items i JOIN people p ON p.id = i.person_id "
    "WHERE i.council_id = $1 AND i.person_id = $2 ORDER BY i.period_start DESC, i.part_key"};
#undef PW_ITEM_COLUMNS
constexpr Statement kInsertHeld{"insert_payment_run_held",
    "INSERT INTO payment_run_held (council_id, run_id, person_id, part_key, period_start, amount_pence, reason) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr std::string_view kInsertHeldHead =
    "INSERT INTO payment_run_held (council_id, run_id, person_id, part_key, period_start, amount_pence, reason) VALUES ";
constexpr Statement kRunBankChanges{"payment_run_bank_changes",
    "SELECT b.person_id, p.given_name, p.family_name, b.part_key, b.recorded_at, b.recorded_by, u.display_name "
    "FROM payee_bank_details b JOIN people p ON p.id = b.person_id LEFT JOIN users u ON u.id = b.recorded_by "
    "WHERE b.council_id = $1 AND (b.recorded_at >= $3 OR b.recorded_by = $4) AND EXISTS (SELECT 1 FROM payment_run_items i "
    "WHERE i.council_id = $1 AND i.run_id = $2 AND i.person_id = b.person_id AND i.part_key = b.part_key) ORDER BY b.recorded_at, b.id"};
constexpr Statement kRunHeld{"payment_run_held",
    "SELECT h.person_id, p.given_name, p.family_name, h.part_key, h.period_start, h.amount_pence, h.reason FROM payment_run_held h "
    "JOIN people p ON p.id = h.person_id WHERE h.council_id = $1 AND h.run_id = $2 ORDER BY h.id"};

Schedule schedule_from(const Row& r) {
  Schedule s;
  s.id = r.int64(0);
  s.council_id = r.id<CouncilId>(1);
  s.person_id = r.id<PersonId>(2);
  s.part_key = r.text(3);
  s.frequency = frequency_from_code(r.text(4)).value_or(kDefaultFrequency);
  s.starts_on = r.date(5);
  s.ends_on = r.opt_date(6);
  return s;
}

Suspension suspension_from(const Row& r) {
  Suspension s;
  s.id = r.int64(0);
  s.council_id = r.id<CouncilId>(1);
  s.person_id = r.id<PersonId>(2);
  s.part_key = r.text(3);
  s.from = r.date(4);
  s.resumes_on = r.opt_date(5);
  s.reason = suspension_from_code(r.text(6)).value_or(SuspensionReason::HospitalStay);
  s.note = r.text(7);
  return s;
}

BankDetails bank_from(const Row& r) {
  return {r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}

PaymentRun run_from(const Row& r) {
  PaymentRun run;
  run.id = r.int64(0);
  run.council_id = r.id<CouncilId>(1);
  run.pay_up_to = r.date(2);
  run.state = run_state_from_code(r.text(3)).value_or(RunState::Draft);
  run.prepared_by = r.id<UserId>(4);
  run.prepared_by_name = r.text(5);
  run.prepared_at = r.text(6);
  run.approved_by = r.opt_id<UserId>(7);
  run.approved_by_name = r.text(8);
  run.approved_at = r.text(9);
  run.exported_by = r.opt_id<UserId>(10);
  run.exported_by_name = r.text(11);
  run.exported_at = r.text(12);
  run.reconciled_by = r.opt_id<UserId>(13);
  run.reconciled_by_name = r.text(14);
  run.reconciled_at = r.text(15);
  run.total = Money::from_pence(r.int64(16));
  run.item_count = r.int64(17);
  if (!r.is_null(18)) run.originator = PaymentRun::Originator{r.text(18), r.text(19), r.text(20), r.text(21)};
  run.withdrawn_by = r.opt_id<UserId>(22);
  run.withdrawn_by_name = r.text(23);
  run.withdrawn_at = r.text(24);
  return run;
}

RunItem item_from(const Row& r) {
  RunItem i;
  i.id = r.int64(0);
  i.run_id = r.int64(1);
  i.transfer_id = r.text(2);
  i.person_id = r.id<PersonId>(3);
  i.person_name = r.text(4) + " " + r.text(5);
  i.part_key = r.text(6);
  i.period_start = r.date(7);
  i.period_end = r.date(8);
  i.amount = Money::from_pence(r.int64(9));
  i.payee_name = r.text(10);
  i.sort_code = r.text(11);
  i.account_number = r.text(12);
  i.reference = r.text(13);
  i.mechanism = budgets::mechanism_from_code(r.text(14)).value_or(budgets::Mechanism::DirectPayment);
  return i;
}

}  // namespace

PaymentSettings payment_settings(Connection& c, CouncilId council) {
  PaymentSettings s;
  auto rows = c.query(kSettings, {council});
  if (rows.empty()) return s;
  const auto& r = rows.front();
  s.deduct_contribution = r.int64(0) != 0;
  s.originator_name = r.text(1);
  s.originator_sort_code = r.text(2);
  s.originator_account_number = r.text(3);
  s.service_user_number = r.text(4);
  return s;
}

void set_payment_settings(Connection& c, CouncilId council, const PaymentSettings& s, std::optional<UserId> by) {
  c.execute(kSetSettings, {council, std::int64_t(s.deduct_contribution ? 1 : 0), s.originator_name, s.originator_sort_code,
                           s.originator_account_number, s.service_user_number, opt(by), utc_timestamp_now()});
}

std::int64_t upsert_schedule(Connection& c, const Schedule& s, std::optional<UserId> by) {
  return c.query(kUpsertSchedule, {s.council_id, s.person_id, s.part_key, std::string(frequency_code(s.frequency)), s.starts_on,
                                   opt(s.ends_on), opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}

std::vector<Schedule> list_schedules(Connection& c, CouncilId council, PersonId person) {
  std::vector<Schedule> out;
  for (const auto& r : c.query(kListSchedules, {council, person})) out.push_back(schedule_from(r));
  return out;
}

std::int64_t insert_suspension(Connection& c, const Suspension& s, std::optional<UserId> by) {
  return c.query(kInsertSuspension, {s.council_id, s.person_id, s.part_key, s.from, opt(s.resumes_on),
                                     std::string(suspension_code(s.reason)), s.note, opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}

std::vector<Suspension> list_suspensions(Connection& c, CouncilId council, PersonId person) {
  std::vector<Suspension> out;
  for (const auto& r : c.query(kListSuspensions, {council, person})) out.push_back(suspension_from(r));
  return out;
}

std::int64_t insert_bank_details(Connection& c, const BankDetails& b, std::optional<UserId> by) {
  return c.query(kInsertBank, {b.council_id, b.person_id, b.part_key, b.account_name, b.sort_code, b.account_number, opt(by),
                               utc_timestamp_now()})
      .at(0).int64(0);
}

std::optional<BankDetails> latest_bank_details(Connection& c, CouncilId council, PersonId person, const std::string& part_key) {
  auto rows = c.query(kLatestBank, {council, person, part_key});
  if (rows.empty()) return std::nullopt;
  return bank_from(rows.front());
}

std::optional<CivilDate> paid_through(Connection& c, CouncilId council, PersonId person, const std::string& part_key) {
  auto rows = c.query(kPaidThrough, {council, person, part_key});
  if (rows.empty()) return std::nullopt;
  return rows.front().opt_date(0);
}

std::vector<RunItem> person_run_items(Connection& c, CouncilId council, PersonId person) {
  std::vector<RunItem> out;
  for (const auto& r : c.query(kPersonItems, {council, person})) out.push_back(item_from(r));
  return out;
}

CouncilPayments council_payments(Connection& c, CouncilId council) {
  CouncilPayments out;
  c.for_each(kCouncilSchedules, {council}, [&](const Row& r) { out.schedules.push_back(schedule_from(r)); });
  c.for_each(kCouncilSuspensions, {council}, [&](const Row& r) {
    auto s = suspension_from(r);
    out.suspensions[s.person_id].push_back(std::move(s));
  });
  c.for_each(kCouncilBank, {council}, [&](const Row& r) {
    auto b = bank_from(r);
    auto key = std::make_pair(b.person_id, b.part_key);
    out.bank_details.emplace(std::move(key), std::move(b));
  });
  c.for_each(kCouncilPaidThrough, {council}, [&](const Row& r) {
    out.paid_through.emplace(std::make_pair(r.id<PersonId>(0), r.text(1)), r.date(2));
  });
  c.for_each(kScheduledNames, {council}, [&](const Row& r) { out.names.emplace(r.id<PersonId>(0), r.text(1) + " " + r.text(2)); });
  for (auto& b : list_scheduled_budgets(c, council)) out.budgets[b.person_id].push_back(std::move(b));
  return out;
}

std::int64_t insert_run(Connection& c, const PaymentRun& r) {
  return c.query(kInsertRun, {r.council_id, r.pay_up_to, std::string(run_state_code(r.state)), r.prepared_by, r.prepared_at,
                              r.total.pence(), r.item_count})
      .at(0).int64(0);
}

void insert_run_item(Connection& c, CouncilId council, std::int64_t run_id, const RunItem& i) {
  c.execute(kInsertItem, {council, run_id, i.transfer_id, i.person_id, i.part_key, i.period_start, i.period_end, i.amount.pence(),
                          i.payee_name, i.sort_code, i.account_number, i.reference,
                          std::string(budgets::mechanism_code(i.mechanism))});
}

void insert_held_item(Connection& c, CouncilId council, std::int64_t run_id, const HeldItem& h) {
  c.execute(kInsertHeld, {council, run_id, h.person_id, h.part_key, h.period_start, h.amount.pence(), h.reason});
}

void insert_run_items(Connection& c, CouncilId council, std::int64_t run_id, std::span<const RunItem> items) {
  std::size_t at = 0;
  for (auto n : batch_sizes(items.size())) {
    Params params;
    params.reserve(n * 13);
    for (const auto& i : items.subspan(at, n)) {
      params.emplace_back(council);
      params.emplace_back(run_id);
      params.emplace_back(i.transfer_id);
      params.emplace_back(i.person_id);
      params.emplace_back(i.part_key);
      params.emplace_back(i.period_start);
      params.emplace_back(i.period_end);
      params.emplace_back(i.amount.pence());
      params.emplace_back(i.payee_name);
      params.emplace_back(i.sort_code);
      params.emplace_back(i.account_number);
      params.emplace_back(i.reference);
      params.emplace_back(std::string(budgets::mechanism_code(i.mechanism)));
    }
    c.execute(batched("insert_payment_run_items", kInsertItemsHead, 13, n), params);
    at += n;
  }
}

void insert_held_items(Connection& c, CouncilId council, std::int64_t run_id, std::span<const HeldItem> held) {
  std::size_t at = 0;
  for (auto n : batch_sizes(held.size())) {
    Params params;
    params.reserve(n * 7);
    for (const auto& h : held.subspan(at, n)) {
      params.emplace_back(council);
      params.emplace_back(run_id);
      params.emplace_back(h.person_id);
      params.emplace_back(h.part_key);
      params.emplace_back(h.period_start);
      params.emplace_back(h.amount.pence());
      params.emplace_back(h.reason);
    }
    c.execute(batched("insert_payment_run_held", kInsertHeldHead, 7, n), params);
    at += n;
  }
}

void set_run_totals(Connection& c, CouncilId council, std::int64_t run_id, Money total, std::int64_t count) {
  c.execute(kRunTotals, {council, run_id, total.pence(), count});
}

bool move_run(Connection& c, CouncilId council, std::int64_t run_id, RunState from, RunState to, UserId by, const std::string& at) {
  if (transition_refused(from, to)) return false;
  const Statement& s = to == RunState::Approved ? kApprove : to == RunState::Exported ? kExport : kReconcile;
  return c.execute(s, {council, run_id, by, at}) == 1;
}

std::vector<BankChange> run_bank_changes(Connection& c, CouncilId council, std::int64_t run_id, const std::string& since,
                                         UserId preparer) {
  std::vector<BankChange> out;
  for (const auto& r : c.query(kRunBankChanges, {council, run_id, since, preparer}))
    out.push_back({r.id<PersonId>(0), r.text(1) + " " + r.text(2), r.text(3), r.text(4), r.opt_id<UserId>(5), r.text(6)});
  return out;
}

bool approve_run(Connection& c, CouncilId council, std::int64_t run_id, UserId by, const std::string& at, const PaymentSettings& s) {
  return c.execute(kApproveWithOriginator, {council, run_id, by, at, s.originator_name, s.originator_sort_code, s.originator_account_number,
                                            s.service_user_number}) == 1;
}

bool withdraw_draft_run(Connection& c, CouncilId council, std::int64_t run_id, UserId by, const std::string& at) {
  // The mark first, guarded by the state (on PostgreSQL it takes the run's
  // row lock, so an approval at the same moment waits and then finds it
  // withdrawn; SQLite has one writer at a time): only then are the run's
  // payments released.
  static constexpr Statement kMark{"withdraw_draft_run",
      "UPDATE payment_runs SET withdrawn_by = $3, withdrawn_at = $4 WHERE council_id = $1 AND id = $2 AND state = 'draft' "
      "AND withdrawn_at IS NULL"};
  static constexpr Statement kItems{"withdraw_draft_run_items", "DELETE FROM payment_run_items WHERE council_id = $1 AND run_id = $2"};
  static constexpr Statement kHeld{"withdraw_draft_run_held", "DELETE FROM payment_run_held WHERE council_id = $1 AND run_id = $2"};
  static constexpr Statement kInvoices{"withdraw_draft_run_invoices", "DELETE FROM invoice_run_items WHERE council_id = $1 AND run_id = $2"};
  if (c.execute(kMark, {council, run_id, by, at}) != 1) return false;
  c.execute(kItems, {council, run_id});
  c.execute(kHeld, {council, run_id});
  c.execute(kInvoices, {council, run_id});
  return true;
}

std::vector<PaymentRun> list_runs(Connection& c, CouncilId council) {
  std::vector<PaymentRun> out;
  for (const auto& r : c.query(kListRuns, {council})) out.push_back(run_from(r));
  return out;
}

std::optional<PaymentRun> find_run(Connection& c, CouncilId council, std::int64_t run_id) {
  auto rows = c.query(kFindRun, {council, run_id});
  if (rows.empty()) return std::nullopt;
  return run_from(rows.front());
}

std::vector<RunItem> run_items(Connection& c, CouncilId council, std::int64_t run_id) {
  std::vector<RunItem> out;
  c.for_each(kRunItems, {council, run_id}, [&](const Row& r) { out.push_back(item_from(r)); });
  return out;
}

std::vector<HeldItem> run_held(Connection& c, CouncilId council, std::int64_t run_id) {
  std::vector<HeldItem> out;
  for (const auto& r : c.query(kRunHeld, {council, run_id}))
    out.push_back({r.id<PersonId>(0), r.text(1) + " " + r.text(2), r.text(3), r.date(4), Money::from_pence(r.int64(5)), r.text(6)});
  return out;
}

}  // namespace patchwork::storage
