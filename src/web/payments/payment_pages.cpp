// Finance's payment pages (#16, docs/money.md "Payments"):
//  - /finance/payment-runs: the council's runs, newest first, and a form to
//    prepare one for a date;
//  - /finance/payment-runs/{id}: one run's payments and held payments, with
//    what may be done next: approve (never by whoever prepared it: the policy
//    refuses, and the refusal is audited), export the CSV or BACS file (the
//    first export records the money as paid), or record it reconciled;
//  - /people/{id}/payments: a person's schedules, suspensions and the payee's
//    bank details in full (finance only, each look audited), with forms to
//    set a schedule, stop payments and record bank details.
// Plain forms with the CSRF token, so everything works without JavaScript.
#include "core/text.hpp"
#include "services/payments_service.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/invoices_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using namespace payments;

std::string when(const std::string& timestamp) {
  // "2026-12-03T10:15:00Z" as "3 December 2026 at 10:15 (UTC)".
  if (timestamp.size() < 16) return timestamp;
  return display_date(timestamp.substr(0, 10)) + " at " + timestamp.substr(11, 5) + " (UTC)";
}

std::string run_href(std::int64_t id) { return "/finance/payment-runs/" + std::to_string(id); }

Response refused_page(Context& ctx, const access::Decision& d) {
  return error_page(ctx, 403, "You cannot do this with payment runs", d.reason);
}

Response runs_page_with(Context& ctx, const FieldErrors& errors, int status) {
  const auto council = ctx.signed_in_user().council_id;
  List rows;
  for (const auto& r : storage::list_runs(ctx.db(), council))
    rows.push_back(Object{{"href", run_href(r.id)}, {"id", std::to_string(r.id)}, {"pay_up_to", r.pay_up_to.display()},
                          {"state", std::string(shown_state_code(r))}, {"state_label", std::string(shown_state_label(r))},
                          {"payments", std::to_string(r.item_count)}, {"total", r.total.display()},
                          {"prepared_by", r.prepared_by_name}});
  Data content;
  // After a withdrawal: said once, on the list the officer lands on.
  if (const auto w = ctx.request.query_value("withdrawn"); !w.empty() && w.size() < 20 &&
                                                           std::all_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    content.set("withdrawn", w);
  if (rows.empty()) content.set("none", true);
  else content.set("runs", rows);
  List fields;
  fields.push_back(date_field({"pay_up_to", "Pay everything due up to",
                               "Every payment due on or before this date that is not already in a run. For example, 7 12 2026"},
                              form_date_value(ctx.request, "pay_up_to", ""), error_map(errors)));
  content.set("fields", fields);
  add_errors(content, errors);
  return page(ctx, "payments/runs", content, "Payment runs", status);
}

Response runs_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewPaymentRuns);
  if (!d.allowed()) return refused_page(ctx, d);
  return runs_page_with(ctx, {}, 200);
}

Response prepare(Context& ctx) {
  auto d = ctx.authorize(access::Action::PreparePaymentRun);
  if (!d.allowed()) return refused_page(ctx, d);
  const auto& user = ctx.signed_in_user();
  auto date = run_date_from_fields({{"pay_up_to", date_from_form(ctx.request, "pay_up_to")}}, CivilDate::today_utc());
  if (!date) return runs_page_with(ctx, date.error(), 422);
  auto prepared = services::prepare_payment_run(ctx.db(), user.council_id, *date, user.id);
  if (!prepared) return runs_page_with(ctx, prepared.error(), 422);
  const auto& run = prepared->run;
  ctx.audit(audit::AuditAction::PreparePaymentRun, std::nullopt, access::Outcome::Allowed,
            "payment run " + std::to_string(run.id) + " up to " + run.pay_up_to.iso() + ": " + std::to_string(run.item_count) +
                " payments, " + run.total.decimal() + ", " + std::to_string(prepared->held.size()) + " held");
  return Response::redirect(run_href(run.id));
}

std::optional<PaymentRun> run_in_route(Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return std::nullopt;
  return storage::find_run(ctx.db(), ctx.signed_in_user().council_id, *id);
}

Response no_run(Context& ctx) { return error_page(ctx, 404, "Page not found", "There is no such payment run in this council."); }

Response run_page_with(Context& ctx, const PaymentRun& run, const FieldErrors& errors, int status) {
  const auto& user = ctx.signed_in_user();
  auto& db = ctx.db();
  Data content;
  content.set("id", std::to_string(run.id));
  content.set("pay_up_to", run.pay_up_to.display());
  content.set("state_label", std::string(shown_state_label(run)));
  content.set("total", run.total.display());
  content.set("count", std::to_string(run.item_count));
  List history;
  history.push_back(Object{{"what", "Prepared"}, {"who", run.prepared_by_name}, {"when", when(run.prepared_at)}});
  if (run.approved_by) history.push_back(Object{{"what", "Approved"}, {"who", run.approved_by_name}, {"when", when(run.approved_at)}});
  if (run.exported_by) history.push_back(Object{{"what", "Exported"}, {"who", run.exported_by_name}, {"when", when(run.exported_at)}});
  if (run.reconciled_by) history.push_back(Object{{"what", "Reconciled"}, {"who", run.reconciled_by_name}, {"when", when(run.reconciled_at)}});
  if (run.withdrawn_by)
    history.push_back(Object{{"what", "Withdrawn (its payments were released to a later run)"}, {"who", run.withdrawn_by_name},
                             {"when", when(run.withdrawn_at)}});
  content.set("history", history);
  List items;
  for (const auto& i : storage::run_items(db, user.council_id, run.id))
    items.push_back(Object{{"person", i.person_name}, {"person_href", "/people/" + i.person_id.text() + "/payments"}, {"part", i.part_key},
                           {"period", i.period_start.display() + " to " + i.period_end.display()}, {"amount", i.amount.display()},
                           {"payee", i.payee_name}, {"account", sort_code_display(i.sort_code) + " " + i.account_number},
                           {"reference", i.reference}});
  content.set("items", items);
  // Providers' invoices paid in the run (docs/money.md "Provider invoices").
  List invoices;
  for (const auto& i : storage::invoice_run_items(db, user.council_id, run.id))
    invoices.push_back(Object{{"href", "/invoices/" + std::to_string(i.invoice_id)}, {"number", i.number}, {"provider", i.provider_name},
                              {"person", i.person_name}, {"period", i.period_from.display() + " to " + i.period_to.display()},
                              {"amount", i.amount.display()}, {"account", sort_code_display(i.sort_code) + " " + i.account_number}});
  if (!invoices.empty()) {
    content.set("invoices", invoices);
    content.set("has_invoices", true);
  }
  List held;
  for (const auto& h : storage::run_held(db, user.council_id, run.id))
    held.push_back(Object{{"person", h.person_name}, {"person_href", "/people/" + h.person_id.text() + "/payments"}, {"part", h.part_key},
                          {"from", h.period_start.display()}, {"amount", h.amount.display()}, {"reason", h.reason}});
  if (!held.empty()) {
    content.set("held", held);
    content.set("has_held", true);
  }
  // Recent changes to where the money goes, for the checker to look at
  // before approving (an attacker review: payment diversion).
  List changes;
  for (const auto& ch : services::bank_changes(db, user.council_id, run))
    changes.push_back(Object{{"person", ch.person_name}, {"person_href", "/people/" + ch.person_id.text() + "/payments"},
                             {"part", ch.part_key}, {"when", when(ch.recorded_at)},
                             {"who", ch.recorded_by_name.empty() ? std::string("no account (loaded with the data)") : ch.recorded_by_name},
                             {"by_you", ch.recorded_by == user.id}});
  if (!changes.empty()) {
    content.set("bank_changes", changes);
    content.set("has_bank_changes", true);
    content.set("bank_change_days", std::to_string(kBankChangeDays));
  }
  const std::string base = run_href(run.id);
  // A withdrawn run is only looked at: nothing more happens to it.
  if (!run.withdrawn()) switch (run.state) {
    case RunState::Draft:
      // Maker-checker, said before anyone tries: the button is only offered to someone who may press it.
      if (run.prepared_by == user.id) content.set("own_run", true);
      else content.set("approve_action", base + "/approve");
      content.set("withdraw_action", base + "/withdraw");
      break;
    case RunState::Approved:
    case RunState::Exported:
    case RunState::Reconciled:
      content.set("export_action", base + "/export");
      if (run.state == RunState::Approved) content.set("first_export", true);
      if (run.state == RunState::Exported) content.set("reconcile_action", base + "/reconcile");
      break;
  }
  add_errors(content, errors);
  return page(ctx, "payments/run", content, "Payment run " + std::to_string(run.id), status);
}

Response run_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewPaymentRuns);
  if (!d.allowed()) return refused_page(ctx, d);
  auto run = run_in_route(ctx);
  if (!run) return no_run(ctx);
  return run_page_with(ctx, *run, {}, 200);
}

Response approve(Context& ctx) {
  auto run = run_in_route(ctx);
  if (!run) {
    ctx.audit(audit::AuditAction::ApprovePaymentRun, std::nullopt, access::Outcome::Refused, "no such payment run in this council");
    return no_run(ctx);
  }
  auto d = ctx.authorize(access::Action::ApprovePaymentRun, access::PreparedWork{run->prepared_by, run->council_id},
                         "payment run " + std::to_string(run->id));
  if (!d.allowed()) return error_page(ctx, 403, "You cannot approve this payment run", d.reason);
  const auto& user = ctx.signed_in_user();
  auto approved = services::approve_payment_run(ctx.db(), user.council_id, run->id, user.id);
  if (!approved) {
    ctx.audit(audit::AuditAction::ApprovePaymentRun, std::nullopt, access::Outcome::Refused,
              "payment run " + std::to_string(run->id) + ": " + approved.error().front().message);
    return run_page_with(ctx, *run, approved.error(), 409);
  }
  return Response::redirect(run_href(run->id));
}

Response withdraw(Context& ctx) {
  auto d = ctx.authorize(access::Action::PreparePaymentRun);
  if (!d.allowed()) return refused_page(ctx, d);
  auto run = run_in_route(ctx);
  if (!run) return no_run(ctx);
  const auto& user = ctx.signed_in_user();
  auto done = services::withdraw_payment_run(ctx.db(), user.council_id, run->id, user.id);
  if (!done) {
    ctx.audit(audit::AuditAction::WithdrawPaymentRun, std::nullopt, access::Outcome::Refused,
              "payment run " + std::to_string(run->id) + ": " + done.error().front().message);
    return run_page_with(ctx, *run, done.error(), 409);
  }
  ctx.audit(audit::AuditAction::WithdrawPaymentRun, std::nullopt, access::Outcome::Allowed,
            "payment run " + std::to_string(done->id) + " withdrawn: " + std::to_string(done->item_count) + " payments, " +
                done->total.display() + ", up to " + done->pay_up_to.iso());
  return Response::redirect("/finance/payment-runs?withdrawn=" + std::to_string(done->id));
}

Response export_run(Context& ctx) {
  auto d = ctx.authorize(access::Action::ExportPaymentRun);
  if (!d.allowed()) return refused_page(ctx, d);
  auto run = run_in_route(ctx);
  if (!run) return no_run(ctx);
  const std::string code = ctx.request.form_value("format");
  auto format = services::file_format_from_code(code);
  if (!format) return run_page_with(ctx, *run, {{"format", "Choose the CSV file or the BACS file"}}, 422);
  const auto& user = ctx.signed_in_user();
  auto exported = services::export_payment_run(ctx.db(), user.council_id, run->id, *format, user.id);
  if (!exported) {
    ctx.audit(audit::AuditAction::ExportPaymentRun, std::nullopt, access::Outcome::Refused,
              "payment run " + std::to_string(run->id) + ": " + exported.error().front().message);
    return run_page_with(ctx, *run, exported.error(), 409);
  }
  ctx.audit(audit::AuditAction::ExportPaymentRun, std::nullopt, access::Outcome::Allowed,
            "payment run " + std::to_string(run->id) + " as " + code +
                (exported->first_export ? ": exported, " + std::to_string(exported->transfers_posted) + " transfers posted"
                                        : ": the same file again, nothing changed"));
  Response r;
  r.content_type = exported->content_type;
  r.body = std::move(exported->file);
  r.set_header("Content-Disposition", "attachment; filename=\"" + exported->filename + "\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response reconcile(Context& ctx) {
  auto d = ctx.authorize(access::Action::ReconcilePaymentRun);
  if (!d.allowed()) return refused_page(ctx, d);
  auto run = run_in_route(ctx);
  if (!run) return no_run(ctx);
  const auto& user = ctx.signed_in_user();
  auto done = services::reconcile_payment_run(ctx.db(), user.council_id, run->id, user.id);
  if (!done) return run_page_with(ctx, *run, done.error(), 409);
  return Response::redirect(run_href(run->id));
}

// ---- A person's payment details (finance) ----

std::string person_payments_href(const people::Person& p) { return "/people/" + p.id.text() + "/payments"; }

Options money_parts(Context& ctx, const people::Person& p) {
  Options out;
  auto latest = storage::latest_budget_version(ctx.db(), p.council_id, p.id);
  if (latest == 0) return out;
  if (auto b = storage::find_budget_version(ctx.db(), p.council_id, p.id, latest))
    for (const auto& part : b->parts)
      if (paid_by_schedule(part.mechanism))
        out.push_back({part.key, "Part " + part.key + ": " + std::string(budgets::mechanism_label(part.mechanism)) + ", " +
                                     part.weekly.display() + " a week"});
  return out;
}

Response person_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  auto& db = ctx.db();
  const auto today = CivilDate::today_utc();
  Data content;
  content.set("name", person->full_name());
  content.set("budget_href", "/people/" + person->id.text() + "/budgets");
  content.set("schedule_href", person_payments_href(*person) + "/schedule");
  content.set("suspend_href", person_payments_href(*person) + "/suspend");
  content.set("bank_href", person_payments_href(*person) + "/bank-details");
  List schedules;
  bool saw_bank = false;
  for (const auto& p : services::payment_summary(db, *person, today)) {
    Object o{{"part", p.part_key}, {"frequency", std::string(frequency_label(p.frequency))},
             {"amount", p.per_period ? p.per_period->display() : std::string("Nothing today: no budget in effect")},
             {"next_on", p.next_on ? p.next_on->display() : std::string("None")}};
    if (auto b = storage::latest_bank_details(db, person->council_id, person->id, p.part_key)) {
      o["bank"] = b->account_name + ", " + sort_code_display(b->sort_code) + " " + b->account_number;
      saw_bank = true;
    } else {
      o["bank"] = std::string("Not recorded: payments are held until they are");
    }
    if (p.suspended)
      o["suspended"] = "Stopped from " + p.suspended->from.display() +
                       (p.suspended->resumes_on ? " until " + p.suspended->resumes_on->display() : std::string()) + ": " +
                       std::string(suspension_label(p.suspended->reason)) + ". " + p.suspended->note;
    schedules.push_back(o);
  }
  if (schedules.empty()) content.set("no_schedules", true);
  else content.set("schedules", schedules);
  if (saw_bank)
    ctx.audit(audit::AuditAction::ViewBankDetails, person->id, access::Outcome::Allowed, "the payee's bank details, in full, on the payments page");
  List paid;
  for (const auto& i : storage::person_run_items(db, person->council_id, person->id))
    paid.push_back(Object{{"part", i.part_key}, {"period", i.period_start.display() + " to " + i.period_end.display()},
                          {"amount", i.amount.display()}, {"run_href", run_href(i.run_id)}, {"run", std::to_string(i.run_id)}});
  if (!paid.empty()) {
    content.set("paid", paid);
    content.set("has_paid", true);
  }
  return page(ctx, "payments/person", content, "Payments: " + person->full_name());
}

Response schedule_form(Context& ctx, const people::Person& p, const FieldErrors& errors) {
  FormPage form{"Set a payment schedule", p.full_name(), "Set a payment schedule",
                "How often a part of the budget that holds money is paid, and from when. Each payment is made in advance, "
                "on the first day of the period it pays for.",
                ctx.request.path, "Save the schedule", person_payments_href(p)};
  const auto e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  auto posted = [&](const char* n) { return post ? ctx.request.form_value(n) : std::string(); };
  form.fields.push_back(radios_field({"part_key", "Which part of the budget?", ""}, money_parts(ctx, p), posted("part_key"), e));
  Options freq;
  for (auto f : frequencies()) freq.push_back({std::string(frequency_code(f)), "Paid " + std::string(frequency_label(f))});
  form.fields.push_back(radios_field({"frequency", "How often?", "Four-weekly is usual for a direct payment."}, freq,
                                     post ? posted("frequency") : std::string(frequency_code(kDefaultFrequency)), e));
  form.fields.push_back(date_field({"starts_on", "Date of the first payment", "For example, 2 11 2026"},
                                   form_date_value(ctx.request, "starts_on", ""), e));
  form.fields.push_back(date_field({"ends_on", "Last day paid for (optional)", "Leave empty while the payments go on"},
                                   form_date_value(ctx.request, "ends_on", ""), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response schedule_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  return schedule_form(ctx, *person, {});
}

Response schedule_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  const auto& r = ctx.request;
  people::Fields f{{"part_key", r.form_value("part_key")}, {"frequency", r.form_value("frequency")},
                   {"starts_on", date_from_form(r, "starts_on")}, {"ends_on", date_from_form(r, "ends_on")}};
  auto s = services::set_payment_schedule(ctx.db(), *person, f, ctx.signed_in_user().id);
  if (!s) return schedule_form(ctx, *person, s.error());
  ctx.audit(audit::AuditAction::SetPaymentSchedule, person->id, access::Outcome::Allowed,
            "part " + s->part_key + ": " + std::string(frequency_code(s->frequency)) + " from " + s->starts_on.iso() +
                (s->ends_on ? " to " + s->ends_on->iso() : std::string()));
  return Response::redirect(person_payments_href(*person));
}

Response suspend_form(Context& ctx, const people::Person& p, const FieldErrors& errors) {
  FormPage form{"Stop payments", p.full_name(), "Stop payments from a date",
                "No payment is made for the days from this date until the payments start again. The reason is kept with the record.",
                ctx.request.path, "Stop the payments", person_payments_href(p)};
  const auto e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  auto posted = [&](const char* n) { return post ? ctx.request.form_value(n) : std::string(); };
  form.fields.push_back(radios_field({"part_key", "Which part of the budget?", ""}, money_parts(ctx, p), posted("part_key"), e));
  Options reasons;
  for (auto r : suspension_reasons()) reasons.push_back({std::string(suspension_code(r)), std::string(suspension_label(r))});
  form.fields.push_back(radios_field({"reason", "Why do the payments stop?", ""}, reasons, posted("reason"), e));
  form.fields.push_back(date_field({"from", "Date the payments stop", "For example, 14 12 2026"}, form_date_value(ctx.request, "from", ""), e));
  form.fields.push_back(date_field({"resumes_on", "Date they start again (optional)", "Leave empty if it is not known yet"},
                                   form_date_value(ctx.request, "resumes_on", ""), e));
  form.fields.push_back(textarea_field({"note", "What was decided, or where the person is", ""}, posted("note"), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response suspend_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  return suspend_form(ctx, *person, {});
}

Response suspend_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  const auto& r = ctx.request;
  people::Fields f{{"part_key", r.form_value("part_key")}, {"reason", r.form_value("reason")}, {"from", date_from_form(r, "from")},
                   {"resumes_on", date_from_form(r, "resumes_on")}, {"note", r.form_value("note")}};
  auto s = services::suspend_payments(ctx.db(), *person, f, ctx.signed_in_user().id);
  if (!s) return suspend_form(ctx, *person, s.error());
  ctx.audit(audit::AuditAction::SuspendPayments, person->id, access::Outcome::Allowed,
            "part " + s->part_key + " from " + s->from.iso() + (s->resumes_on ? " until " + s->resumes_on->iso() : std::string()) + ": " +
                std::string(suspension_code(s->reason)));
  return Response::redirect(person_payments_href(*person));
}

Response bank_form(Context& ctx, const people::Person& p, const FieldErrors& errors) {
  FormPage form{"Record bank details", p.full_name(), "Record the bank account payments go to",
                "Only finance officers see these in full; everyone else sees the last four digits of the account number.",
                ctx.request.path, "Save the bank details", person_payments_href(p)};
  const auto e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  auto posted = [&](const char* n) { return post ? ctx.request.form_value(n) : std::string(); };
  form.fields.push_back(radios_field({"part_key", "Which part of the budget?", ""}, money_parts(ctx, p), posted("part_key"), e));
  form.fields.push_back(text_field({"account_name", "Name on the account", ""}, posted("account_name"), e, "govuk-!-width-two-thirds", "off"));
  form.fields.push_back(text_field({"sort_code", "Sort code", "Must be 6 digits long"}, posted("sort_code"), e, "govuk-input--width-5", "off"));
  form.fields.push_back(text_field({"account_number", "Account number", "Must be 8 digits long"}, posted("account_number"), e,
                                   "govuk-input--width-10", "off"));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response bank_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  return bank_form(ctx, *person, {});
}

Response bank_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  const auto& r = ctx.request;
  people::Fields f{{"part_key", r.form_value("part_key")}, {"account_name", r.form_value("account_name")},
                   {"sort_code", r.form_value("sort_code")}, {"account_number", r.form_value("account_number")}};
  auto b = services::record_bank_details(ctx.db(), *person, f, ctx.signed_in_user().id);
  if (!b) return bank_form(ctx, *person, b.error());
  ctx.audit(audit::AuditAction::RecordBankDetails, person->id, access::Outcome::Allowed,
            "part " + b->part_key + ": account " + masked_account(*b));
  return Response::redirect(person_payments_href(*person));
}

}  // namespace

void add_payment_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/finance/payment-runs", route(runs_page));
  d.add(Method::Post, "/finance/payment-runs", route(prepare));
  d.add(Method::Get, "/finance/payment-runs/{id}", route(run_page));
  d.add(Method::Post, "/finance/payment-runs/{id}/approve", route(approve));
  d.add(Method::Post, "/finance/payment-runs/{id}/export", route(export_run));
  d.add(Method::Post, "/finance/payment-runs/{id}/withdraw", route(withdraw));
  d.add(Method::Post, "/finance/payment-runs/{id}/reconcile", route(reconcile));
  d.add(Method::Get, "/people/{id}/payments", route(person_page));
  d.add(Method::Get, "/people/{id}/payments/schedule", route(schedule_get));
  d.add(Method::Post, "/people/{id}/payments/schedule", route(schedule_post));
  d.add(Method::Get, "/people/{id}/payments/suspend", route(suspend_get));
  d.add(Method::Post, "/people/{id}/payments/suspend", route(suspend_post));
  d.add(Method::Get, "/people/{id}/payments/bank-details", route(bank_get));
  d.add(Method::Post, "/people/{id}/payments/bank-details", route(bank_post));
}

}  // namespace patchwork::web
