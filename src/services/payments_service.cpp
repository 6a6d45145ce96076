#include "services/payments_service.hpp"

#include <algorithm>

#include "core/date.hpp"
#include "domain/ledger/accounts.hpp"
#include "io/payments/payment_files.hpp"
#include "services/invoices_service.hpp"
#include "services/ledger_service.hpp"
#include "services/recovery_service.hpp"
#include "storage/repositories/account_closures_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/payments_repository.hpp"

namespace patchwork::services {
namespace {

using namespace payments;

// The part `key` in the person's latest budget version, when it holds money.
std::optional<budgets::Part> money_part(storage::Connection& c, const people::Person& person, const std::string& key) {
  auto latest = storage::latest_budget_version(c, person.council_id, person.id);
  if (latest == 0) return std::nullopt;
  auto b = storage::find_budget_version(c, person.council_id, person.id, latest);
  if (!b) return std::nullopt;
  for (const auto& p : b->parts)
    if (p.key == key && paid_by_schedule(p.mechanism)) return p;
  return std::nullopt;
}

FieldError no_such_part(const std::string& key) {
  return {"part_key", "Part " + key + " of the budget does not hold money (a direct payment or an individual service fund). "
                      "Support the council arranges is paid by invoice, not by a schedule."};
}

}  // namespace

Result<Schedule> set_payment_schedule(storage::Connection& c, const people::Person& person, const people::Fields& fields, UserId by) {
  auto s = schedule_from_fields(fields);
  if (!s) return s;
  s->council_id = person.council_id;
  s->person_id = person.id;
  if (!money_part(c, person, s->part_key)) return std::unexpected(FieldErrors{no_such_part(s->part_key)});
  if (auto paid = storage::paid_through(c, person.council_id, person.id, s->part_key)) {
    for (const auto& old : storage::list_schedules(c, person.council_id, person.id)) {
      if (old.part_key != s->part_key) continue;
      FieldErrors errors;
      const std::string why = "Payments have been made on this schedule (the latest for the period from " + paid->display() +
                              "), so ";
      if (old.starts_on != s->starts_on) errors.push_back({"starts_on", why + "its first date cannot change. You can set the last day paid for."});
      if (old.frequency != s->frequency) errors.push_back({"frequency", why + "how often it is paid cannot change. You can set the last day paid for."});
      if (s->ends_on && *s->ends_on < period_at(old, 0).start)
        errors.push_back({"ends_on", "The last day paid for cannot be before the first payment"});
      if (!errors.empty()) return std::unexpected(errors);
    }
  }
  s->id = storage::upsert_schedule(c, *s, by);
  return s;
}

Result<Suspension> suspend_payments(storage::Connection& c, const people::Person& person, const people::Fields& fields, UserId by) {
  auto s = suspension_from_fields(fields);
  if (!s) return s;
  s->council_id = person.council_id;
  s->person_id = person.id;
  const auto schedules = storage::list_schedules(c, person.council_id, person.id);
  if (std::none_of(schedules.begin(), schedules.end(), [&](const Schedule& x) { return x.part_key == s->part_key; }))
    return fail("part_key", "Part " + s->part_key + " has no payment schedule, so there are no payments to stop");
  s->id = storage::insert_suspension(c, *s, by);
  return s;
}

Result<BankDetails> record_bank_details(storage::Connection& c, const people::Person& person, const people::Fields& fields, UserId by) {
  auto b = bank_details_from_fields(fields);
  if (!b) return b;
  b->council_id = person.council_id;
  b->person_id = person.id;
  if (!money_part(c, person, b->part_key)) return std::unexpected(FieldErrors{no_such_part(b->part_key)});
  b->id = storage::insert_bank_details(c, *b, by);
  return b;
}

std::vector<PartPayment> payment_summary(storage::Connection& c, const people::Person& person, CivilDate today) {
  std::vector<PartPayment> out;
  const auto schedules = storage::list_schedules(c, person.council_id, person.id);
  if (schedules.empty()) return out;
  const auto settings = storage::payment_settings(c, person.council_id);
  const auto current = storage::find_budget_on(c, person.council_id, person.id, today);
  const auto suspensions = storage::list_suspensions(c, person.council_id, person.id);
  const auto last_day = support_last_day(c, person);  // end of support: nothing is paid after it
  const auto closed = storage::closed_holding_parts(c, person.council_id);
  for (const auto& scheduled : schedules) {
    const auto s = recovery::stopped_at(scheduled, last_day);
    PartPayment p;
    p.part_key = s.part_key;
    p.frequency = s.frequency;
    p.ends_on = s.ends_on;
    p.next_on = next_period_start(s, today);
    if (current) {
      if (auto weekly = weekly_paid(*current, s.part_key, settings.deduct_contribution)) {
        if (auto amount = full_period_amount(s.frequency, *weekly)) p.per_period = *amount;
        for (const auto& part : current->parts)
          if (part.key == s.part_key && part.direct_payment)
            p.paid_to = part.direct_payment->recipient == budgets::Recipient::Person ? person.full_name() : part.direct_payment->recipient_name;
        p.contribution_deducted = settings.deduct_contribution && weekly_paid(*current, s.part_key, false) != weekly;
      }
    }
    if (auto bank = storage::latest_bank_details(c, person.council_id, person.id, s.part_key)) {
      p.paid_to = bank->account_name;
      p.account_ending = masked_account(*bank);
    }
    for (const auto& x : suspensions)
      if (suspends(x, s.part_key, today)) p.suspended = x;
    // While suspended, the next payment is the first period after it ends.
    if (p.suspended && p.next_on) {
      if (!p.suspended->resumes_on) p.next_on.reset();
      else p.next_on = next_period_start(s, *p.suspended->resumes_on);
    }
    // A closed holding account takes no new payments (docs/money.md "Closing an
    // account"): the account the part is paid into now, by its mechanism.
    budgets::Mechanism mechanism = budgets::Mechanism::DirectPayment;
    if (current)
      for (const auto& part : current->parts)
        if (part.key == s.part_key) mechanism = part.mechanism;
    const auto kind = ledger::holding_kind(mechanism).value_or(ledger::AccountKind::DirectPayment);
    if (auto shut = closed.find({person.id, s.part_key, kind}); shut != closed.end()) {
      p.closed_on = shut->second;
      p.next_on.reset();
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<PreparedRun> prepare_payment_run(storage::Connection& c, CouncilId council, CivilDate pay_up_to, UserId by,
                                        const std::string& now) {
  // Closing an account locks the council's funding account too: holding it
  // here means no account closes while this run is worked out, so the run
  // never pays into an account closed meanwhile (ledger_service close_account).
  auto funding = council_account(c, council, ledger::AccountKind::CouncilFunding);
  if (!funding) return std::unexpected(funding.error());
  storage::lock_ledger_accounts(c, council, std::vector<ledger::AccountId>{*funding});
  const auto settings = storage::payment_settings(c, council);
  const auto data = storage::council_payments(c, council);
  const auto ended = support_last_days(c, council);  // end of support: every schedule asks for its end
  // A closed holding account takes no new payments (docs/money.md "Closing an
  // account"): what falls due for it is held with the reason, never paid.
  const auto closed = storage::closed_holding_parts(c, council);
  static const std::vector<Suspension> kNone;
  static const std::vector<budgets::BudgetVersion> kNoBudget;
  std::vector<RunItem> items;
  std::vector<HeldItem> held;
  Money total;
  for (const auto& scheduled : data.schedules) {
    auto end = ended.find(scheduled.person_id);
    const auto s = recovery::stopped_at(scheduled, end == ended.end() ? std::nullopt : std::optional(end->second));
    auto b = data.budgets.find(s.person_id);
    const auto& versions = b == data.budgets.end() ? kNoBudget : b->second;
    if (versions.empty()) continue;
    auto susp = data.suspensions.find(s.person_id);
    const auto& suspensions = susp == data.suspensions.end() ? kNone : susp->second;
    const auto key = std::make_pair(s.person_id, s.part_key);
    auto paid = data.paid_through.find(key);
    auto name = data.names.find(s.person_id);
    const std::string person_name = name == data.names.end() ? std::string() : name->second;
    for (const auto& period : periods_due(s, pay_up_to, paid == data.paid_through.end() ? std::nullopt : std::optional(paid->second))) {
      auto payment = payment_for(s, period, versions, suspensions, settings.deduct_contribution);
      if (!payment) return fail("pay_up_to", "A payment for " + person_name + " is too large to work out");
      if (payment->amount.pence() == 0) continue;
      // The mechanism on the period's first day paid decides the account, as
      // the item's does below.
      budgets::Mechanism mechanism = budgets::Mechanism::DirectPayment;
      if (const auto* v = budgets::budget_on(versions, payment->segments.front().from))
        for (const auto& part : v->parts)
          if (part.key == s.part_key) mechanism = part.mechanism;
      const auto kind = ledger::holding_kind(mechanism).value_or(ledger::AccountKind::DirectPayment);
      if (auto shut = closed.find({s.person_id, s.part_key, kind}); shut != closed.end()) {
        held.push_back({s.person_id, person_name, s.part_key, period.start, payment->amount,
                        ledger::payment_after_closing(shut->second, s.part_key)});
        continue;
      }
      auto bank = data.bank_details.find(key);
      if (bank == data.bank_details.end()) {
        held.push_back({s.person_id, person_name, s.part_key, period.start, payment->amount,
                        "No bank details are recorded for part " + s.part_key + ", so it cannot be paid yet"});
        continue;
      }
      RunItem item;
      item.transfer_id = payment->transfer_id;
      item.person_id = s.person_id;
      item.person_name = person_name;
      item.part_key = s.part_key;
      item.mechanism = mechanism;
      item.period_start = period.start;
      item.period_end = period.end;
      item.amount = payment->amount;
      item.payee_name = bank->second.account_name;
      item.sort_code = bank->second.sort_code;
      item.account_number = bank->second.account_number;
      item.reference = payment_reference(s.person_id, s.part_key, period.start);
      auto sum = total.plus(item.amount);
      if (!sum) return fail("pay_up_to", "The run's total is too large to work out");
      total = *sum;
      items.push_back(std::move(item));
    }
  }
  // Providers' invoices approved for payment (docs/money.md "Provider invoices").
  auto due_invoices = invoices_for_run(c, council, pay_up_to);
  if (!due_invoices) return std::unexpected(due_invoices.error());
  for (const auto& i : due_invoices->items) {
    auto sum = total.plus(i.amount);
    if (!sum) return fail("pay_up_to", "The run's total is too large to work out");
    total = *sum;
  }
  held.insert(held.end(), due_invoices->held.begin(), due_invoices->held.end());
  if (items.empty() && due_invoices->items.empty()) {
    const bool all_for_bank = std::all_of(held.begin(), held.end(), [](const HeldItem& h) { return h.reason.starts_with("No bank details"); });
    return fail("pay_up_to", "No payment is due up to " + pay_up_to.display() + " that is not already in a payment run" +
                                 (held.empty()       ? std::string(".")
                                  : all_for_bank     ? ", except " + std::to_string(held.size()) + " held back for want of bank details: record them first."
                                                     : ", except " + std::to_string(held.size()) + " held back (" + held.front().reason + ")."));
  }
  PaymentRun run;
  run.council_id = council;
  run.pay_up_to = pay_up_to;
  run.state = RunState::Draft;
  run.prepared_by = by;
  run.prepared_at = now;
  run.total = total;
  run.item_count = std::int64_t(items.size() + due_invoices->items.size());
  run.id = storage::insert_run(c, run);
  // A payment already in another run (prepared at the same moment) is
  // refused here by the unique (council_id, transfer_id) index: this whole
  // run is then rolled back and nobody is paid twice.
  // In batches of a few hundred rows (docs/performance.md "Payment runs").
  storage::insert_run_items(c, council, run.id, items);
  storage::insert_held_items(c, council, run.id, held);
  record_invoices_in_run(c, council, run.id, due_invoices->items);
  auto stored = storage::find_run(c, council, run.id);
  return PreparedRun{stored.value_or(run), std::move(held)};
}

std::vector<BankChange> bank_changes(storage::Connection& c, CouncilId council, const PaymentRun& run) {
  const auto prepared_on = CivilDate::parse_iso(run.prepared_at.substr(0, 10)).value_or(CivilDate::today_utc());
  return storage::run_bank_changes(c, council, run.id, prepared_on.plus_days(-kBankChangeDays).iso(), run.prepared_by);
}

Result<PaymentRun> approve_payment_run(storage::Connection& c, CouncilId council, std::int64_t run_id, UserId by,
                                       const std::string& now) {
  auto run = storage::find_run(c, council, run_id);
  if (!run) return fail("run_id", "There is no such payment run");
  if (run->withdrawn()) return fail("state", "This run was withdrawn, so it cannot be approved: prepare a new run.");
  if (auto refused = transition_refused(run->state, RunState::Approved)) return fail("state", *refused);
  if (run->prepared_by == by) return fail("approved_by", "You prepared this payment run, so another finance officer must approve it");
  // Whoever changed where a payee's money goes cannot also approve sending
  // it there (an attacker review: the payment-diversion pattern).
  for (const auto& change : bank_changes(c, council, *run))
    if (change.recorded_by == by)
      return fail("approved_by", "You changed the bank details for " + change.person_name + " (part " + change.part_key + ") on " +
                                     display_date(change.recorded_at.substr(0, 10)) +
                                     ", so another finance officer must approve this run");
  // The council's account the money leaves is fixed now, with the approval:
  // the file is made from this copy, so changing the settings after approval
  // cannot redirect the debit side (an attacker review).
  if (!storage::approve_run(c, council, run_id, by, now, storage::payment_settings(c, council)))
    return fail("state", "Someone else moved this run on while you were looking at it. Look at it again.");
  return storage::find_run(c, council, run_id).value();
}

Result<PaymentRun> withdraw_payment_run(storage::Connection& c, CouncilId council, std::int64_t run_id, UserId by) {
  auto run = storage::find_run(c, council, run_id);
  if (!run) return fail("run_id", "There is no such payment run");
  if (run->withdrawn()) return fail("state", "This run was withdrawn on " + display_date(run->withdrawn_at.substr(0, 10)) + " already.");
  if (run->state != RunState::Draft)
    return fail("state", "This run is " + std::string(run_state_code(run->state)) +
                             ", so it cannot be withdrawn: only a draft can, before anyone approves it.");
  if (!storage::withdraw_draft_run(c, council, run_id, by, utc_timestamp_now()))
    return fail("state", "Someone else moved this run on while you were looking at it. Look at it again.");
  return *run;
}

std::optional<FileFormat> file_format_from_code(std::string_view code) {
  if (code == "csv") return FileFormat::Csv;
  if (code == "bacs18") return FileFormat::Bacs18;
  return std::nullopt;
}

namespace {

// The file for an exported run: the same bytes every time, made from the
// stored items and the run's own dates, never the clock.
Result<std::pair<std::string, std::string>> run_file(storage::Connection& c, CouncilId council, const PaymentRun& run,
                                                     const std::vector<RunItem>& items, FileFormat format, CivilDate created_on) {
  io::RunFile header{run.id, run.pay_up_to, created_on, std::max(run.pay_up_to, created_on)};
  if (format == FileFormat::Csv) return std::make_pair(io::payments_csv(header, items), std::string("text/csv; charset=utf-8"));
  // The originator approved with the run; the settings only for a run
  // approved before runs kept a copy (migration 0023).
  io::Originator o;
  if (run.originator) {
    o = {run.originator->name, run.originator->sort_code, run.originator->account_number, run.originator->service_user_number};
  } else {
    const auto s = storage::payment_settings(c, council);
    o = {s.originator_name, s.originator_sort_code, s.originator_account_number, s.service_user_number};
  }
  auto file = io::bacs_standard18(o, header, items);
  if (!file) return fail("format", file.error() + ". An administrator sets the council's BACS details.");
  return std::make_pair(*file, std::string("text/plain; charset=us-ascii"));
}

std::string period_words(const RunItem& i) { return i.period_start.display() + " to " + i.period_end.display(); }

}  // namespace

Result<ExportedRun> export_payment_run(storage::Connection& c, CouncilId council, std::int64_t run_id, FileFormat format, UserId by,
                                       const std::string& now) {
  auto run = storage::find_run(c, council, run_id);
  if (!run) return fail("run_id", "There is no such payment run");
  if (run->state == RunState::Draft) return fail("state", *transition_refused(RunState::Draft, RunState::Exported));
  auto items = storage::run_items(c, council, run_id);
  const auto invoice_items = invoice_file_items(c, council, run_id);
  items.insert(items.end(), invoice_items.begin(), invoice_items.end());
  ExportedRun out;
  const bool first = run->state == RunState::Approved;
  const std::string at = first ? now : run->exported_at;
  const CivilDate created_on = CivilDate::parse_iso(at.substr(0, 10)).value_or(CivilDate::today_utc());
  // The file first: one that cannot be made (no BACS details) changes nothing.
  auto file = run_file(c, council, *run, items, format, created_on);
  if (!file) return std::unexpected(file.error());
  if (first) {
    if (!storage::move_run(c, council, run_id, RunState::Approved, RunState::Exported, by, at))
      return fail("state", "Someone else moved this run on while you were looking at it. Look at it again.");
    // One transfer per payment, council funding → the part's holding
    // account, its id the payment's own: posting them again (a retry, a
    // second run) records nothing twice.
    auto funding = council_account(c, council, ledger::AccountKind::CouncilFunding);
    if (!funding) return std::unexpected(funding.error());
    std::vector<ledger::Transfer> transfers;
    transfers.reserve(items.size());
    const CivilDate value_date = std::max(run->pay_up_to, created_on);
    // Every part's holding account opened and found in a few round trips;
    // providers' invoices are posted below (pay_invoices_in_run).
    std::vector<const RunItem*> payments;
    payments.reserve(items.size());
    for (const auto& i : items)
      if (i.mechanism != budgets::Mechanism::CouncilManaged && !i.transfer_id.starts_with("inv:")) payments.push_back(&i);
    std::vector<HoldingPart> parts;
    parts.reserve(payments.size());
    for (const auto* i : payments) parts.push_back({i->person_id, i->part_key, i->mechanism});
    auto holdings = holding_accounts(c, council, parts);
    if (!holdings) return std::unexpected(holdings.error());
    // An account closed after the run was prepared takes no new payment: the
    // run is refused whole, naming it, and nothing is posted.
    const auto closures = storage::council_account_closures(c, council);
    for (std::size_t n = 0; n < payments.size(); ++n)
      if (auto shut = closures.find((*holdings)[n]); shut != closures.end())
        return fail("run", payments[n]->person_name + ": " + ledger::payment_after_closing(shut->second.closed_on, payments[n]->part_key) +
                               ". Nothing in this run has been paid.");
    for (std::size_t n = 0; n < payments.size(); ++n) {
      const auto& i = *payments[n];
      transfers.push_back({i.transfer_id, *funding, (*holdings)[n], i.amount, value_date,
                           std::string(i.mechanism == budgets::Mechanism::DirectPayment ? "Direct payment" : "Individual service fund") +
                               " for " + period_words(i) + ", part " + i.part_key + ", payment run " + std::to_string(run_id),
                           std::nullopt});
    }
    auto paid = pay_invoices_in_run(c, council, run_id, value_date, by);
    if (!paid) return std::unexpected(paid.error());
    transfers.insert(transfers.end(), paid->begin(), paid->end());
    auto posted = post(c, council, transfers);
    if (!posted) return std::unexpected(posted.error());
    out.transfers_posted = posted->added;
    run = storage::find_run(c, council, run_id);
  }
  out.run = *run;
  out.file = std::move(file->first);
  out.content_type = std::move(file->second);
  out.filename = "payment-run-" + std::to_string(run_id) + (format == FileFormat::Csv ? ".csv" : ".bacs18.txt");
  out.first_export = first;
  return out;
}

Result<PaymentRun> reconcile_payment_run(storage::Connection& c, CouncilId council, std::int64_t run_id, UserId by) {
  auto run = storage::find_run(c, council, run_id);
  if (!run) return fail("run_id", "There is no such payment run");
  if (auto refused = transition_refused(run->state, RunState::Reconciled)) return fail("state", *refused);
  if (!storage::move_run(c, council, run_id, RunState::Exported, RunState::Reconciled, by, utc_timestamp_now()))
    return fail("state", "Someone else moved this run on while you were looking at it. Look at it again.");
  return storage::find_run(c, council, run_id).value();
}

}  // namespace patchwork::services
