#include "services/recovery_service.hpp"

#include <algorithm>
#include <set>

#include "core/date.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/payments/schedule.hpp"
#include "domain/people/field_reader.hpp"
#include "services/ledger_service.hpp"
#include "services/people_service.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "storage/repositories/recovery_repository.hpp"

namespace patchwork::services {
namespace {

using namespace recovery;

std::string get(const people::Fields& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : it->second;
}

FieldError no_case() { return {"case_id", "There is no such recovery case in this council"}; }

// The mechanism of the person's part `key` in their latest budget version that has it.
std::optional<budgets::Mechanism> part_mechanism(storage::Connection& c, CouncilId council, PersonId person, const std::string& key) {
  auto versions = storage::list_budgets(c, council, person);
  for (auto v = versions.rbegin(); v != versions.rend(); ++v)
    for (const auto& p : v->parts)
      if (p.key == key && payments::paid_by_schedule(p.mechanism)) return p.mechanism;
  return std::nullopt;
}

}  // namespace

std::map<PersonId, CivilDate> support_last_days(storage::Connection& c, CouncilId council) { return storage::support_last_days(c, council); }

std::optional<CivilDate> support_last_day(storage::Connection& c, const people::Person& person) {
  if (auto e = storage::find_support_end(c, person.council_id, person.id)) return last_day_paid(*e);
  return std::nullopt;
}

std::vector<CasePeriod> overpaid_periods(storage::Connection& c, const people::Person& person, CivilDate last_day) {
  std::vector<CasePeriod> out;
  const auto items = storage::person_run_items(c, person.council_id, person.id);
  if (items.empty()) return out;
  const auto schedules = storage::list_schedules(c, person.council_id, person.id);
  const auto versions = storage::list_budgets(c, person.council_id, person.id);
  const auto suspensions = storage::list_suspensions(c, person.council_id, person.id);
  const bool deduct = storage::payment_settings(c, person.council_id).deduct_contribution;
  for (const auto& item : items) {
    if (item.period_end <= last_day) continue;
    auto s = std::find_if(schedules.begin(), schedules.end(), [&](const payments::Schedule& x) { return x.part_key == item.part_key; });
    if (s == schedules.end()) continue;
    // The payment as it was worked out (its segments: the days and the rate
    // of each), so the days after the end are valued at the very same rate.
    auto payment = payments::payment_for(*s, {item.period_start, item.period_end}, versions, suspensions, deduct);
    const CivilDate from = std::max(item.period_start, last_day.plus_days(1));
    const int days = int((item.period_end.days() - from.days()).count()) + 1;
    Money overpaid;
    if (payment && payment->amount == item.amount) {
      overpaid = overpaid_after(*payment, s->frequency, last_day, item.amount);
    } else {
      // The rate has changed since it was paid (a backdated budget, the
      // contribution setting): what was paid is shared over the period's
      // days instead, rounded down, so nobody is asked for more than was paid
      // for those days.
      const std::int64_t period_days = std::int64_t((item.period_end.days() - item.period_start.days()).count()) + 1;
      overpaid = Money::from_pence(std::int64_t(__int128(item.amount.pence()) * days / period_days));
    }
    if (overpaid.pence() == 0) continue;
    out.push_back({item.transfer_id, item.part_key, item.period_start, item.period_end, item.amount, overpaid, days});
  }
  std::sort(out.begin(), out.end(), [](const CasePeriod& a, const CasePeriod& b) {
    return a.period_start != b.period_start ? a.period_start < b.period_start : a.part_key < b.part_key;
  });
  return out;
}

Result<EndOfSupportOutcome> record_end_of_support(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                                  UserId by, CivilDate today) {
  auto end = support_end_from_fields(fields, today);
  if (!end) return std::unexpected(end.error());
  std::optional<Debtor> debtor;
  if (auto code = get(fields, "owed_by"); !code.empty()) {
    debtor = debtor_from_code(code);
    if (!debtor) return fail("owed_by", "Who owes any overpayment must be estate, payee or person");
  }
  if (auto before = storage::find_support_end(c, person.council_id, person.id))
    return fail("kind", "The end of " + person.full_name() + "'s support was recorded already (" + before->on.display() + ")");
  if (person.date_of_birth.ok() && end->on < person.date_of_birth) return fail("on", "The date cannot be before their date of birth");
  end->council_id = person.council_id;
  end->person_id = person.id;
  EndOfSupportOutcome out;
  if (end->kind == EndKind::Died) {
    // The date of death goes on the person's record through its history, as
    // a worker recording it there would (so the national figures see it).
    auto update = update_person(c, person, {{"date_of_death", end->on.iso()}}, today, by);
    if (!update) return std::unexpected(update.error());
    out.death_recorded = update->changes;
  }
  end->id = storage::insert_support_end(c, *end, by);
  out.end = *end;
  out.last_day = last_day_paid(*end);

  auto periods = overpaid_periods(c, person, out.last_day);
  std::int64_t total = 0;
  for (const auto& p : periods) total += p.overpaid.pence();
  if (total > 0) {
    RecoveryCase k;
    k.council_id = person.council_id;
    k.person_id = person.id;
    k.person_name = person.full_name();
    k.case_key = "end:" + person.id.text();
    k.amount = Money::from_pence(total);
    int days = 0;
    for (const auto& p : periods) days += p.days_after;
    const std::string when = end->kind == EndKind::Died        ? "after " + person.full_name() + " died on " + end->on.display()
                             : end->kind == EndKind::MovedAway ? "from " + person.full_name() + "'s move to " + end->moved_to + " on " +
                                                                     end->on.display()
                                                               : "after " + person.full_name() + "'s support ended on " + end->on.display();
    k.reason = "Paid in advance for " + std::to_string(days) + (days == 1 ? " day " : " days ") + when;
    k.debtor = debtor.value_or(default_debtor(end->kind));
    k.instalments = 1;
    // Nothing is asked of a bereaved family at once: the first payment is
    // due no sooner than 28 days on, and finance agrees a plan with them.
    k.first_due = today.plus_days(28);
    k.opened_by = by;
    auto id = storage::insert_case(c, k);
    if (!id) return fail("kind", "A recovery case for " + person.full_name() + "'s end of support exists already");
    for (const auto& p : periods) storage::insert_case_period(c, person.council_id, *id, p);
    auto due = council_account(c, person.council_id, ledger::AccountKind::OverpaymentsDue);
    auto funding = council_account(c, person.council_id, ledger::AccountKind::CouncilFunding);
    if (!due) return std::unexpected(due.error());
    if (!funding) return std::unexpected(funding.error());
    // The debt is recorded in the ledger at once: overpayments due goes below
    // zero by what is owed and the council's funding is credited with it.
    ledger::Transfer t{"recovery:" + std::to_string(*id) + ":opened", *due, *funding, k.amount, today,
                       "Overpayment after the end of support of " + person.full_name() + ", recovery case " + std::to_string(*id),
                       std::nullopt};
    auto posted = post(c, person.council_id, std::span(&t, 1));
    if (!posted) return std::unexpected(posted.error());
    out.opened = storage::find_case(c, person.council_id, *id);
  }
  return out;
}

Result<RecoveryCase> set_recovery_plan(storage::Connection& c, CouncilId council, std::int64_t case_id, const people::Fields& fields,
                                       CivilDate today) {
  auto k = storage::find_case(c, council, case_id);
  if (!k) return std::unexpected(FieldErrors{no_case()});
  if (auto refused = step_refused(k->state, CaseStep::SetPlan)) return fail("state", *refused);
  auto plan = plan_from_fields(fields, today);
  if (!plan) return std::unexpected(plan.error());
  if (!storage::set_case_plan(c, council, case_id, plan->instalments, plan->first_due))
    return fail("state", "Someone else changed this case while you were looking at it. Look at it again.");
  return *storage::find_case(c, council, case_id);
}

Result<Receipt> record_recovery_receipt(storage::Connection& c, CouncilId council, std::int64_t case_id, const people::Fields& fields,
                                        UserId by, CivilDate today) {
  auto k = storage::find_case(c, council, case_id);
  if (!k) return std::unexpected(FieldErrors{no_case()});
  auto r = receipt_from_fields(fields, *k, today);
  if (!r) return r;
  auto due = council_account(c, council, ledger::AccountKind::OverpaymentsDue);
  if (!due) return std::unexpected(due.error());
  Result<ledger::AccountId> from = std::unexpected(FieldErrors{});
  if (r->source == ReceiptSource::HoldingAccount) {
    auto mechanism = part_mechanism(c, council, k->person_id, r->part_key);
    if (!mechanism) return fail("part_key", "Part " + r->part_key + " of " + k->person_name + "'s budget does not hold money");
    from = holding_account(c, council, k->person_id, r->part_key, *mechanism);
  } else {
    from = contribution_account(c, council, k->person_id);
  }
  if (!from) return std::unexpected(from.error());
  // The n-th receipt of the case: two recorded at once take the same id, and
  // the ledger refuses the second (same id, different content or a replay).
  r->transfer_id = "recovery:" + std::to_string(case_id) + ":received:" + std::to_string(storage::count_receipts(c, council, case_id) + 1);
  ledger::Transfer t{r->transfer_id, *from, *due, r->amount, r->received_on,
                     "Money received towards recovery case " + std::to_string(case_id) + " (" + k->person_name + ")", std::nullopt};
  auto posted = post(c, council, std::span(&t, 1));
  if (!posted) {
    auto errors = posted.error();
    for (auto& e : errors) e.field = "amount";
    return std::unexpected(errors);
  }
  r->id = storage::insert_receipt(c, council, *r, by);
  if (r->amount == outstanding(*k)) storage::set_case_state(c, council, case_id, CaseState::Open, CaseState::Repaid);
  return r;
}

Result<RecoveryCase> propose_write_off(storage::Connection& c, CouncilId council, std::int64_t case_id, const people::Fields& fields,
                                       UserId by) {
  auto k = storage::find_case(c, council, case_id);
  if (!k) return std::unexpected(FieldErrors{no_case()});
  if (auto refused = step_refused(k->state, CaseStep::ProposeWriteOff)) return fail("state", *refused);
  FieldErrors errors;
  people::FieldReader r{fields, errors, CivilDate::today_utc()};
  auto reason = r.text("reason", "why it should be written off", true, 1000);
  if (!errors.empty()) return std::unexpected(errors);
  if (!storage::propose_write_off(c, council, case_id, reason, by))
    return fail("state", "Someone else changed this case while you were looking at it. Look at it again.");
  return *storage::find_case(c, council, case_id);
}

Result<RecoveryCase> decide_write_off(storage::Connection& c, CouncilId council, std::int64_t case_id, bool approve, UserId by,
                                      CivilDate today) {
  auto k = storage::find_case(c, council, case_id);
  if (!k) return std::unexpected(FieldErrors{no_case()});
  if (auto refused = step_refused(k->state, CaseStep::DecideWriteOff)) return fail("state", *refused);
  if (k->write_off_proposed_by == by)
    return fail("decided_by", "You proposed writing this off, so another finance officer must approve or decline it");
  if (!approve) {
    if (!storage::decline_write_off(c, council, case_id))
      return fail("state", "Someone else changed this case while you were looking at it. Look at it again.");
    return *storage::find_case(c, council, case_id);
  }
  const Money left = outstanding(*k);
  if (!storage::approve_write_off(c, council, case_id, by, utc_timestamp_now()))
    return fail("state", "Someone else changed this case while you were looking at it. Look at it again.");
  if (left.pence() > 0) {
    auto due = council_account(c, council, ledger::AccountKind::OverpaymentsDue);
    auto funding = council_account(c, council, ledger::AccountKind::CouncilFunding);
    if (!due) return std::unexpected(due.error());
    if (!funding) return std::unexpected(funding.error());
    // The council bears the loss: the debt leaves overpayments due, and the
    // council's funding carries it, as if it had been paid out.
    ledger::Transfer t{"recovery:" + std::to_string(case_id) + ":written-off", *funding, *due, left, today,
                       "Recovery case " + std::to_string(case_id) + " (" + k->person_name + ") written off", std::nullopt};
    auto posted = post(c, council, std::span(&t, 1));
    if (!posted) return std::unexpected(posted.error());
  }
  return *storage::find_case(c, council, case_id);
}

Result<CivilDate> invoice_date_from_fields(const people::Fields& fields, CivilDate today) {
  FieldErrors errors;
  people::FieldReader r{fields, errors, today};
  auto up_to = r.date("up_to", "date to invoice up to", true, false);
  if (up_to && *up_to > today.plus_days(366)) errors.push_back({"up_to", "The date to invoice up to can be at most a year ahead"});
  if (!errors.empty()) return std::unexpected(errors);
  return *up_to;
}

Result<RaisedInvoices> raise_contribution_invoices(storage::Connection& c, CouncilId council, CivilDate up_to, UserId by) {
  if (storage::payment_settings(c, council).deduct_contribution)
    return fail("up_to", "The council takes contributions off direct payments, so there is nothing to invoice");
  const auto data = storage::council_payments(c, council);
  const auto ended = storage::support_last_days(c, council);
  RaisedInvoices out;
  std::set<PersonId> seen;
  std::int64_t total = 0;
  for (const auto& first : data.schedules) {
    // The invoices follow the person's first schedule (by part key; the
    // council's schedules come ordered by person, then part).
    if (!seen.insert(first.person_id).second) continue;
    auto b = data.budgets.find(first.person_id);
    if (b == data.budgets.end() || b->second.empty()) continue;
    auto last = ended.find(first.person_id);
    const auto s = stopped_at(first, last == ended.end() ? std::nullopt : std::optional(last->second));
    bool raised_any = false;
    for (auto& i : invoices_due(s, up_to, storage::invoiced_through(c, council, first.person_id), b->second)) {
      if (!storage::insert_invoice(c, i, by)) continue;
      ++out.raised;
      total += i.amount.pence();
      raised_any = true;
    }
    if (raised_any) ++out.people;
  }
  out.total = Money::from_pence(total);
  if (out.raised == 0) return fail("up_to", "No contribution is due up to " + up_to.display() + " that has not been invoiced already.");
  return out;
}

Result<ContributionPayment> record_contribution_payment(storage::Connection& c, CouncilId council, std::int64_t invoice_id,
                                                        const people::Fields& fields, UserId by, CivilDate today) {
  auto invoice = storage::find_contribution_invoice(c, council, invoice_id);
  if (!invoice) return fail("invoice_id", "There is no such contribution invoice in this council");
  auto p = contribution_payment_from_fields(fields, *invoice, today);
  if (!p) return p;
  auto from = contribution_account(c, council, invoice->person_id);
  auto funding = council_account(c, council, ledger::AccountKind::CouncilFunding);
  if (!from) return std::unexpected(from.error());
  if (!funding) return std::unexpected(funding.error());
  p->transfer_id = "contribution:" + std::to_string(invoice_id) + ":" +
                   std::to_string(storage::count_contribution_payments(c, council, invoice_id) + 1);
  ledger::Transfer t{p->transfer_id, *from, *funding, p->amount, p->received_on,
                     "Contribution paid by " + invoice->person_name + " for " + invoice->period_start.display() + " to " +
                         invoice->period_end.display(),
                     std::nullopt};
  auto posted = post(c, council, std::span(&t, 1));
  if (!posted) return std::unexpected(posted.error());
  p->id = storage::insert_contribution_payment(c, council, *p, by);
  return p;
}

std::vector<Arrears> contribution_arrears(storage::Connection& c, CouncilId council, CivilDate today) {
  std::map<PersonId, std::vector<ContributionInvoice>> by_person;
  for (auto& i : storage::unpaid_invoices(c, council)) by_person[i.person_id].push_back(std::move(i));
  std::vector<Arrears> out;
  for (const auto& [person, invoices] : by_person) {
    auto a = arrears_of(invoices, today);
    if (a.owed.pence() > 0) out.push_back(a);
  }
  std::sort(out.begin(), out.end(), [](const Arrears& a, const Arrears& b) {
    return *a.since != *b.since ? *a.since < *b.since : a.owed > b.owed;
  });
  return out;
}

Arrears person_arrears(storage::Connection& c, const people::Person& person, CivilDate today) {
  auto a = arrears_of(storage::person_invoices(c, person.council_id, person.id), today);
  a.person_id = person.id;
  a.person_name = person.full_name();
  return a;
}

}  // namespace patchwork::services
