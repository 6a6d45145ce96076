#include "services/invoices_service.hpp"

#include <algorithm>

#include "core/date.hpp"
#include "core/text.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/payments/bank_details.hpp"
#include "services/ledger_service.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "storage/repositories/providers_repository.hpp"

namespace patchwork::services {
namespace {

using namespace invoices;

// The approved plan version in force on `day` that has the part `part_key`
// (a person may have more than one plan), or the first in force; an interim
// plan is not in force after its end date.
std::optional<PlanInForce> plan_on(storage::Connection& c, const people::Person& person, CivilDate day, const std::string& part_key) {
  std::optional<PlanInForce> first;
  for (auto& p : storage::plans_in_force(c, person.council_id, person.id, day)) {
    if (!p.effective_from || (p.interim && p.interim_ends_on && *p.interim_ends_on < day)) continue;
    PlanInForce f{p.id, p.version, *p.effective_from, std::move(p.lines), std::move(p.parts)};
    const bool has_part = std::any_of(f.parts.begin(), f.parts.end(), [&](const budgets::Part& x) { return x.key == part_key; });
    if (has_part) return f;
    if (!first) first = std::move(f);
  }
  return first;
}

std::string get(const people::Fields& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : trim(it->second);
}

Result<Invoice> found(storage::Connection& c, CouncilId council, std::int64_t id) {
  auto inv = storage::find_invoice(c, council, id);
  if (!inv) return fail("invoice_id", "There is no such invoice in this council");
  return *inv;
}

FieldError moved_meanwhile() { return {"state", "Someone else moved this invoice on while you were looking at it. Look at it again."}; }

// A decision that approves an invoice for payment: never by whoever entered it.
Result<Invoice> decide_for_payment(storage::Connection& c, CouncilId council, std::int64_t id, State to, const std::string& note, UserId by) {
  auto inv = found(c, council, id);
  if (!inv) return inv;
  if (auto refused = transition_refused(inv->state, to)) return fail("state", *refused);
  if (inv->entered_by == by) return fail("decided_by", "You entered this invoice, so another finance officer must approve it for payment");
  const auto at = utc_timestamp_now();
  if (!storage::move_invoice(c, council, id, inv->state, to, Side::Nobody, by, at)) return std::unexpected(FieldErrors{moved_meanwhile()});
  storage::insert_invoice_event(c, council, id, to, note, by, at);
  return found(c, council, id);
}

std::string optional_note(const people::Fields& f, FieldErrors& errors) {
  auto note = get(f, "message");
  if (note.size() > 4000) errors.push_back({"message", "The note is too long: at most 4,000 characters"});
  else if (auto p = text_problem(note)) errors.push_back({"message", "The note " + *p});
  return note;
}

}  // namespace

Result<Invoice> submit_invoice(storage::Connection& c, const people::Person& person, ProviderId provider, const Submission& s, UserId by) {
  if (storage::invoice_with_number(c, person.council_id, provider, s.number))
    return fail("number", "Invoice " + s.number + " has been sent already. A new invoice needs a new number; to correct one that was "
                          "held, answer in its thread or send a corrected invoice with a new number.");
  PlanContext plan{plan_on(c, person, s.period_from, s.part_key), plan_on(c, person, s.period_to, s.part_key)};
  const auto& any = plan.on_first_day ? plan.on_first_day : plan.on_last_day;
  if (!any)
    return fail("period_from", "No approved support plan for " + person.full_name() + " was in force from " + s.period_from.display() +
                                   " to " + s.period_to.display() + ", so there is nothing to invoice against");
  const budgets::Part* part = nullptr;
  for (const auto& p : any->parts)
    if (p.key == s.part_key) part = &p;
  if (!part) return fail("part_key", "The plan in force has no part " + s.part_key + ": invoice the part that pays for the support");
  if (part->mechanism == budgets::Mechanism::DirectPayment)
    return fail("part_key", "Part " + s.part_key + " is a direct payment: the person pays their providers from it themself, so the council "
                            "does not pay invoices against it");
  Invoice inv;
  inv.council_id = person.council_id;
  inv.provider_id = provider;
  inv.person_id = person.id;
  inv.number = s.number;
  inv.part_key = s.part_key;
  inv.mechanism = part->mechanism;
  inv.plan_id = any->plan_id;
  inv.period_from = s.period_from;
  inv.period_to = s.period_to;
  inv.total = s.total;
  inv.lines = s.lines;
  const auto earlier = storage::earlier_invoices(c, person.council_id, provider, person.id);
  inv.differences = check(s, provider, plan, earlier);
  // Checked or held, the council acts next: approve it, or settle the differences.
  inv.state = inv.differences.empty() ? State::Checked : State::Held;
  inv.must_act = Side::Council;
  inv.entered_by = by;
  inv.entered_at = utc_timestamp_now();
  inv.id = storage::insert_invoice(c, inv);
  storage::insert_invoice_event(c, person.council_id, inv.id, State::Received, "Received, " + inv.total.display(), by, inv.entered_at);
  storage::insert_invoice_event(c, person.council_id, inv.id, inv.state,
                                inv.differences.empty()
                                    ? "Checked against the plan in force: it matches"
                                    : "Held: " + std::to_string(inv.differences.size()) +
                                          (inv.differences.size() == 1 ? " difference" : " differences") + " from the plan in force",
                                std::nullopt, inv.entered_at);
  return found(c, person.council_id, inv.id);
}

Result<Invoice> approve_invoice(storage::Connection& c, CouncilId council, std::int64_t id, UserId by) {
  return decide_for_payment(c, council, id, State::Approved, "Approved for payment in the next payment run", by);
}

Result<Invoice> release_invoice(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, UserId by) {
  FieldErrors errors;
  auto note = optional_note(f, errors);
  if (!errors.empty()) return std::unexpected(errors);
  return decide_for_payment(c, council, id, State::Released, "Released from hold for the next payment run" + (note.empty() ? "" : ": " + note), by);
}

Result<Invoice> accept_invoice(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, UserId by) {
  FieldErrors errors;
  auto note = optional_note(f, errors);
  if (!errors.empty()) return std::unexpected(errors);
  return decide_for_payment(c, council, id, State::Accepted,
                            "Accepted as it is, with its differences, for the next payment run" + (note.empty() ? "" : ": " + note), by);
}

Result<Invoice> hold_invoice(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, UserId by) {
  auto inv = found(c, council, id);
  if (!inv) return inv;
  if (auto refused = transition_refused(inv->state, State::Held)) return fail("state", *refused);
  auto m = message_from_fields(f, Side::Council);
  if (!m) return std::unexpected(m.error());
  m->written_by = by;
  m->written_at = utc_timestamp_now();
  if (!storage::move_invoice(c, council, id, inv->state, State::Held, m->must_act, std::nullopt, m->written_at))
    return std::unexpected(FieldErrors{moved_meanwhile()});
  storage::insert_invoice_event(c, council, id, State::Held, "Held by the council", by, m->written_at);
  storage::insert_invoice_message(c, council, id, *m);
  return found(c, council, id);
}

Result<Invoice> reject_invoice(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, UserId by) {
  auto inv = found(c, council, id);
  if (!inv) return inv;
  if (auto refused = transition_refused(inv->state, State::Rejected)) return fail("state", *refused);
  const auto why = get(f, "message");
  if (why.empty()) return fail("message", "Say why the invoice is rejected: the provider reads it");
  if (why.size() > 4000 || text_problem(why)) return fail("message", "The reason must be text of up to 4,000 characters");
  const auto at = utc_timestamp_now();
  if (!storage::move_invoice(c, council, id, inv->state, State::Rejected, Side::Nobody, std::nullopt, at))
    return std::unexpected(FieldErrors{moved_meanwhile()});
  storage::insert_invoice_event(c, council, id, State::Rejected, "Rejected: " + why, by, at);
  return found(c, council, id);
}

Result<Message> write_invoice_message(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, Side side, UserId by) {
  auto inv = found(c, council, id);
  if (!inv) return std::unexpected(inv.error());
  // The thread is the dispute over a hold: once released, accepted or
  // rejected there is nothing left to settle.
  if (inv->state != State::Held)
    return fail("state", "This invoice is " + std::string(state_code(inv->state)) + ", not held, so there is nothing to settle in its thread");
  auto m = message_from_fields(f, side);
  if (!m) return m;
  m->written_by = by;
  m->written_at = utc_timestamp_now();
  storage::insert_invoice_message(c, council, id, *m);
  storage::set_must_act(c, council, id, m->must_act);
  return m;
}

Result<storage::ProviderBankDetails> record_provider_bank_details(storage::Connection& c, CouncilId council, ProviderId provider,
                                                                  const people::Fields& f, UserId by) {
  if (!storage::find_provider(c, council, provider)) return fail("provider_id", "There is no such provider on the council's register");
  auto with_part = f;
  with_part["part_key"] = "provider";  // the payee rules are a part's; a provider's account has no part
  auto b = payments::bank_details_from_fields(with_part);
  if (!b) return std::unexpected(b.error());
  storage::ProviderBankDetails d{provider, b->account_name, b->sort_code, b->account_number, {}};
  storage::insert_provider_bank_details(c, council, d, by);
  return storage::latest_provider_bank_details(c, council, provider).value_or(d);
}

Result<InvoicesForRun> invoices_for_run(storage::Connection& c, CouncilId council, CivilDate pay_up_to) {
  InvoicesForRun out;
  const CivilDate value_day = std::max(pay_up_to, CivilDate::today_utc());
  for (const auto& inv : storage::payable_invoices(c, council, pay_up_to)) {
    auto hold = [&](std::string reason) {
      out.held.push_back({inv.person_id, inv.person_name, inv.part_key, inv.period_from, inv.total, std::move(reason)});
    };
    auto bank = storage::latest_provider_bank_details(c, council, inv.provider_id);
    if (!bank) {
      hold("No bank details are recorded for " + inv.provider_name + ", so its invoice " + inv.number + " cannot be paid yet");
      continue;
    }
    if (inv.mechanism == budgets::Mechanism::IndividualServiceFund) {
      // The fund pays its provider's invoices: a fund that does not hold
      // enough would make the whole run's posting fail, so the invoice waits.
      auto holding = holding_account(c, council, inv.person_id, inv.part_key, inv.mechanism);
      if (!holding) return std::unexpected(holding.error());
      auto held = balance(c, council, *holding, value_day);
      if (!held) return std::unexpected(held.error());
      if (*held < inv.total) {
        hold("The individual service fund (part " + inv.part_key + ") holds " + held->display() + ", less than invoice " + inv.number +
             "'s " + inv.total.display());
        continue;
      }
    }
    storage::InvoiceRunItem i;
    i.invoice_id = inv.id;
    i.transfer_id = transfer_id(inv.provider_id, inv.number);
    i.amount = inv.total;
    i.payee_name = bank->account_name;
    i.sort_code = bank->sort_code;
    i.account_number = bank->account_number;
    i.reference = payment_reference(inv.number);
    out.items.push_back(std::move(i));
  }
  return out;
}

void record_invoices_in_run(storage::Connection& c, CouncilId council, std::int64_t run_id, const std::vector<storage::InvoiceRunItem>& items) {
  for (auto i : items) {
    i.run_id = run_id;
    storage::insert_invoice_run_item(c, council, i);
  }
}

std::vector<payments::RunItem> invoice_file_items(storage::Connection& c, CouncilId council, std::int64_t run_id) {
  std::vector<payments::RunItem> out;
  for (const auto& i : storage::invoice_run_items(c, council, run_id)) {
    payments::RunItem r;
    r.run_id = run_id;
    r.transfer_id = i.transfer_id;
    r.person_id = i.person_id;
    r.person_name = i.person_name;
    r.part_key = i.part_key;
    r.mechanism = i.mechanism;
    r.period_start = i.period_from;
    r.period_end = i.period_to;
    r.amount = i.amount;
    r.payee_name = i.payee_name;
    r.sort_code = i.sort_code;
    r.account_number = i.account_number;
    r.reference = i.reference;
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<ledger::Transfer>> pay_invoices_in_run(storage::Connection& c, CouncilId council, std::int64_t run_id, CivilDate value_date,
                                                          UserId by) {
  std::vector<ledger::Transfer> out;
  const auto items = storage::invoice_run_items(c, council, run_id);
  if (items.empty()) return out;
  auto funding = council_account(c, council, ledger::AccountKind::CouncilFunding);
  if (!funding) return std::unexpected(funding.error());
  const auto at = utc_timestamp_now();
  for (const auto& i : items) {
    // The fund's money, or the council's own for support it arranges, goes
    // to the provider when the file that pays it is made.
    ledger::AccountId from = *funding;
    if (i.mechanism == budgets::Mechanism::IndividualServiceFund) {
      auto holding = holding_account(c, council, i.person_id, i.part_key, i.mechanism);
      if (!holding) return std::unexpected(holding.error());
      from = *holding;
    }
    auto to = provider_payable_account(c, council, i.provider_id);
    if (!to) return std::unexpected(to.error());
    out.push_back({i.transfer_id, from, *to, i.amount, value_date,
                   "Invoice " + i.number + " from " + i.provider_name + " for " + i.period_from.display() + " to " + i.period_to.display() +
                       ", part " + i.part_key + ", payment run " + std::to_string(run_id),
                   std::nullopt});
    auto inv = storage::find_invoice(c, council, i.invoice_id);
    if (inv && payable(inv->state)) {
      if (!storage::move_invoice(c, council, i.invoice_id, inv->state, State::Paid, Side::Nobody, std::nullopt, at))
        return std::unexpected(FieldErrors{moved_meanwhile()});
      storage::insert_invoice_event(c, council, i.invoice_id, State::Paid, "Paid in payment run " + std::to_string(run_id), by, at);
    }
  }
  return out;
}

}  // namespace patchwork::services
