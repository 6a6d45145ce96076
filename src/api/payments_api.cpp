// Payments (#16, docs/money.md "Payments"):
//  - /api/v1/payment-runs: list, prepare (POST, pay_up_to), show, approve,
//    export (?format=csv|bacs18) and reconcile. Finance only; approving is
//    asked of the policy with who prepared the run (maker-checker), and a
//    refusal is audited with its reason.
//  - /api/v1/people/{id}/payments (and …/payment-schedules,
//    …/payment-suspensions, …/bank-details): a person's schedules,
//    suspensions and payee bank details, finance only (manage_payment_details),
//    every look and change audited.
//  - /api/v1/payment-settings: the council's settings, administrators only.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/payments_service.hpp"
#include "storage/repositories/invoices_repository.hpp"
#include "storage/repositories/payments_repository.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

using namespace payments;

json::object run_json(const PaymentRun& r) {
  auto who = [](const std::optional<UserId>& id, const std::string& name, const std::string& at) -> json::value {
    if (!id) return nullptr;
    return json::object{{"user_id", id->value()}, {"name", name}, {"at", at}};
  };
  return {{"id", r.id},
          {"pay_up_to", r.pay_up_to.iso()},
          {"state", shown_state_code(r)},
          {"state_label", shown_state_label(r)},
          {"prepared", json::object{{"user_id", r.prepared_by.value()}, {"name", r.prepared_by_name}, {"at", r.prepared_at}}},
          {"approved", who(r.approved_by, r.approved_by_name, r.approved_at)},
          {"exported", who(r.exported_by, r.exported_by_name, r.exported_at)},
          {"reconciled", who(r.reconciled_by, r.reconciled_by_name, r.reconciled_at)},
          {"withdrawn", who(r.withdrawn_by, r.withdrawn_by_name, r.withdrawn_at)},
          {"total", r.total.decimal()},
          {"payments", r.item_count}};
}

json::object item_json(const RunItem& i) {
  return {{"transfer_id", i.transfer_id},
          {"person_id", i.person_id.value()},
          {"person_name", i.person_name},
          {"part_key", i.part_key},
          {"mechanism", budgets::mechanism_code(i.mechanism)},
          {"period_start", i.period_start.iso()},
          {"period_end", i.period_end.iso()},
          {"amount", i.amount.decimal()},
          {"payee_name", i.payee_name},
          {"sort_code", i.sort_code},
          {"account_number", i.account_number},
          {"reference", i.reference}};
}

json::object held_json(const HeldItem& h) {
  return {{"person_id", h.person_id.value()}, {"person_name", h.person_name}, {"part_key", h.part_key},
          {"period_start", h.period_start.iso()}, {"amount", h.amount.decimal()}, {"reason", h.reason}};
}

json::object full_run_json(http::Context& ctx, const PaymentRun& r) {
  const auto council = ctx.signed_in_user().council_id;
  json::array items, held;
  for (const auto& i : storage::run_items(ctx.db(), council, r.id)) items.push_back(item_json(i));
  for (const auto& h : storage::run_held(ctx.db(), council, r.id)) held.push_back(held_json(h));
  // Bank details changed by the preparer, or by anyone in the days before the
  // run: for the checker (who may not approve a run if they made one).
  json::array changes;
  for (const auto& ch : services::bank_changes(ctx.db(), council, r))
    changes.push_back(json::object{{"person_id", ch.person_id.value()}, {"person_name", ch.person_name}, {"part_key", ch.part_key},
                                   {"changed_at", ch.recorded_at},
                                   {"changed_by", ch.recorded_by ? json::value(ch.recorded_by_name) : json::value(nullptr)}});
  auto o = run_json(r);
  o["items"] = std::move(items);
  o["held"] = std::move(held);
  o["bank_changes"] = std::move(changes);
  // Providers' invoices paid in the run (docs/money.md "Provider invoices").
  json::array invoices;
  for (const auto& i : storage::invoice_run_items(ctx.db(), council, r.id))
    invoices.push_back(json::object{{"invoice_id", i.invoice_id}, {"number", i.number}, {"transfer_id", i.transfer_id},
                                    {"provider_name", i.provider_name}, {"person_id", i.person_id.value()}, {"person_name", i.person_name},
                                    {"amount", i.amount.decimal()}, {"payee_name", i.payee_name}, {"reference", i.reference}});
  o["invoices"] = std::move(invoices);
  return o;
}

http::Response forbidden(const access::Decision& d) { return http::Response::problem(403, "Forbidden", d.reason); }
http::Response no_run() { return http::Response::problem(404, "Not found", "There is no such payment run in this council."); }

// A refusal because of the run's state is a conflict (409), naming the state;
// anything else is a field to correct (422).
http::Response refused(const FieldErrors& errors) {
  for (const auto& e : errors)
    if (e.field == "state" || e.field == "approved_by") return http::Response::problem(409, "Conflict", e.message, {{e.field, e.message}});
  return validation_problem(errors);
}

// The council's run named by the route, or nothing: another council's run is
// never found, and answers as one that does not exist.
std::optional<PaymentRun> run_in_route(http::Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return std::nullopt;
  return storage::find_run(ctx.db(), ctx.signed_in_user().council_id, *id);
}

http::Response list(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewPaymentRuns);
  if (!d.allowed()) return forbidden(d);
  json::array runs;
  for (const auto& r : storage::list_runs(ctx.db(), ctx.signed_in_user().council_id)) runs.push_back(run_json(r));
  return json_response(json::object{{"payment_runs", std::move(runs)}});
}

http::Response prepare(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::PreparePaymentRun);
  if (!d.allowed()) return forbidden(d);
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"pay_up_to"}, "a payment run")) return *refused;
  auto date = run_date_from_fields(*fields, CivilDate::today_utc());
  if (!date) return validation_problem(date.error());
  const auto& user = ctx.signed_in_user();
  auto prepared = services::prepare_payment_run(ctx.db(), user.council_id, *date, user.id);
  if (!prepared) {
    ctx.audit(audit::AuditAction::PreparePaymentRun, std::nullopt, access::Outcome::Refused,
              "payment run up to " + date->iso() + ": " + prepared.error().front().message);
    return validation_problem(prepared.error());
  }
  const auto& run = prepared->run;
  ctx.audit(audit::AuditAction::PreparePaymentRun, std::nullopt, access::Outcome::Allowed,
            "payment run " + std::to_string(run.id) + " up to " + run.pay_up_to.iso() + ": " + std::to_string(run.item_count) +
                " payments, " + run.total.decimal() + ", " + std::to_string(prepared->held.size()) + " held");
  auto r = json_response(full_run_json(ctx, run), 201);
  r.set_header("Location", "/api/v1/payment-runs/" + std::to_string(run.id));
  return r;
}

http::Response show(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewPaymentRuns);
  if (!d.allowed()) return forbidden(d);
  auto run = run_in_route(ctx);
  if (!run) return no_run();
  return json_response(full_run_json(ctx, *run));
}

http::Response approve(http::Context& ctx) {
  const auto& user = ctx.signed_in_user();
  // Who prepared it is needed before the policy can answer, so the run is
  // found first; another council's is not found (404) and decided nothing.
  auto run = run_in_route(ctx);
  if (!run) {
    ctx.audit(audit::AuditAction::ApprovePaymentRun, std::nullopt, access::Outcome::Refused, "no such payment run in this council");
    return no_run();
  }
  auto d = ctx.authorize(access::Action::ApprovePaymentRun, access::PreparedWork{run->prepared_by, run->council_id},
                         "payment run " + std::to_string(run->id));
  if (!d.allowed()) return forbidden(d);
  auto approved = services::approve_payment_run(ctx.db(), user.council_id, run->id, user.id);
  if (!approved) {
    ctx.audit(audit::AuditAction::ApprovePaymentRun, std::nullopt, access::Outcome::Refused,
              "payment run " + std::to_string(run->id) + ": " + approved.error().front().message);
    return refused(approved.error());
  }
  return json_response(run_json(*approved));
}

// Withdrawing a draft: whoever may prepare runs may withdraw one (it pays
// nobody); the run, its total and its count go into the audit trail, which
// is then the only record of it.
http::Response withdraw(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::PreparePaymentRun);
  if (!d.allowed()) return forbidden(d);
  auto run = run_in_route(ctx);
  if (!run) return no_run();
  const auto& user = ctx.signed_in_user();
  auto done = services::withdraw_payment_run(ctx.db(), user.council_id, run->id, user.id);
  if (!done) {
    ctx.audit(audit::AuditAction::WithdrawPaymentRun, std::nullopt, access::Outcome::Refused,
              "payment run " + std::to_string(run->id) + ": " + done.error().front().message);
    return refused(done.error());
  }
  ctx.audit(audit::AuditAction::WithdrawPaymentRun, std::nullopt, access::Outcome::Allowed,
            "payment run " + std::to_string(done->id) + " withdrawn: " + std::to_string(done->item_count) + " payments, " +
                done->total.display() + ", up to " + done->pay_up_to.iso());
  return json_response(json::object{{"withdrawn", done->id}, {"payments", done->item_count}, {"total_pence", done->total.pence()}});
}

http::Response export_run(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ExportPaymentRun);
  if (!d.allowed()) return forbidden(d);
  const std::string code = ctx.request.query_value("format");
  auto format = services::file_format_from_code(code.empty() ? "csv" : code);
  if (!format) return validation_problem({{"format", "The format must be csv or bacs18"}});
  auto run = run_in_route(ctx);
  if (!run) return no_run();
  const auto& user = ctx.signed_in_user();
  auto exported = services::export_payment_run(ctx.db(), user.council_id, run->id, *format, user.id);
  if (!exported) {
    ctx.audit(audit::AuditAction::ExportPaymentRun, std::nullopt, access::Outcome::Refused,
              "payment run " + std::to_string(run->id) + ": " + exported.error().front().message);
    return refused(exported.error());
  }
  ctx.audit(audit::AuditAction::ExportPaymentRun, std::nullopt, access::Outcome::Allowed,
            "payment run " + std::to_string(run->id) + " as " + (code.empty() ? "csv" : code) +
                (exported->first_export ? ": exported, " + std::to_string(exported->transfers_posted) + " transfers posted"
                                        : ": the same file again, nothing changed"));
  http::Response r;
  r.content_type = exported->content_type;
  r.body = std::move(exported->file);
  r.set_header("Content-Disposition", "attachment; filename=\"" + exported->filename + "\"");
  r.set_header("Cache-Control", "no-store");  // it holds bank details
  return r;
}

http::Response reconcile(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ReconcilePaymentRun);
  if (!d.allowed()) return forbidden(d);
  auto run = run_in_route(ctx);
  if (!run) return no_run();
  const auto& user = ctx.signed_in_user();
  auto done = services::reconcile_payment_run(ctx.db(), user.council_id, run->id, user.id);
  if (!done) return refused(done.error());
  return json_response(run_json(*done));
}

// A person's payments, for finance: schedules, suspensions, the payee's bank
// details in full (audited as such), and every payment made or waiting.
http::Response person_payments(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  auto& db = ctx.db();
  json::array schedules, suspensions, banks, items;
  for (const auto& s : storage::list_schedules(db, person->council_id, person->id)) {
    schedules.push_back(json::object{{"part_key", s.part_key}, {"frequency", frequency_code(s.frequency)},
                                     {"starts_on", s.starts_on.iso()}, {"ends_on", optional_date(s.ends_on)},
                                     {"next_on", optional_date(next_period_start(s, CivilDate::today_utc()))}});
    if (auto b = storage::latest_bank_details(db, person->council_id, person->id, s.part_key))
      banks.push_back(json::object{{"part_key", b->part_key}, {"account_name", b->account_name}, {"sort_code", b->sort_code},
                                   {"account_number", b->account_number}, {"recorded_at", b->recorded_at}});
  }
  for (const auto& s : storage::list_suspensions(db, person->council_id, person->id))
    suspensions.push_back(json::object{{"part_key", s.part_key}, {"from", s.from.iso()}, {"resumes_on", optional_date(s.resumes_on)},
                                       {"reason", suspension_code(s.reason)}, {"note", s.note}});
  for (const auto& i : storage::person_run_items(db, person->council_id, person->id)) {
    auto o = item_json(i);
    o["run_id"] = i.run_id;
    items.push_back(std::move(o));
  }
  if (!banks.empty())
    ctx.audit(audit::AuditAction::ViewBankDetails, person->id, access::Outcome::Allowed, "the payee's bank details, in full, through the API");
  return json_response(json::object{{"schedules", std::move(schedules)}, {"suspensions", std::move(suspensions)},
                                    {"bank_details", std::move(banks)}, {"payments", std::move(items)}});
}

http::Response set_schedule(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"part_key", "frequency", "starts_on", "ends_on"}, "a payment schedule")) return *refused;
  auto s = services::set_payment_schedule(ctx.db(), *person, *fields, ctx.signed_in_user().id);
  if (!s) return validation_problem(s.error());
  ctx.audit(audit::AuditAction::SetPaymentSchedule, person->id, access::Outcome::Allowed,
            "part " + s->part_key + ": " + std::string(frequency_code(s->frequency)) + " from " + s->starts_on.iso() +
                (s->ends_on ? " to " + s->ends_on->iso() : std::string()));
  return json_response(json::object{{"part_key", s->part_key}, {"frequency", frequency_code(s->frequency)},
                                    {"starts_on", s->starts_on.iso()}, {"ends_on", optional_date(s->ends_on)}}, 200);
}

http::Response suspend(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"part_key", "from", "resumes_on", "reason", "note"}, "a suspension of payments")) return *refused;
  auto s = services::suspend_payments(ctx.db(), *person, *fields, ctx.signed_in_user().id);
  if (!s) return validation_problem(s.error());
  ctx.audit(audit::AuditAction::SuspendPayments, person->id, access::Outcome::Allowed,
            "part " + s->part_key + " from " + s->from.iso() + (s->resumes_on ? " until " + s->resumes_on->iso() : std::string()) + ": " +
                std::string(suspension_code(s->reason)));
  return json_response(json::object{{"id", s->id}, {"part_key", s->part_key}, {"from", s->from.iso()},
                                    {"resumes_on", optional_date(s->resumes_on)}, {"reason", suspension_code(s->reason)}, {"note", s->note}},
                       201);
}

http::Response bank_details(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ManagePaymentDetails);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"part_key", "account_name", "sort_code", "account_number"}, "bank details")) return *refused;
  auto b = services::record_bank_details(ctx.db(), *person, *fields, ctx.signed_in_user().id);
  if (!b) return validation_problem(b.error());
  // Never the full number in the append-only trail: the last four digits say which.
  ctx.audit(audit::AuditAction::RecordBankDetails, person->id, access::Outcome::Allowed,
            "part " + b->part_key + ": account " + masked_account(*b));
  return json_response(json::object{{"part_key", b->part_key}, {"account_name", b->account_name},
                                    {"account", masked_account(*b)}}, 201);
}

json::object settings_json(const PaymentSettings& s) {
  return {{"deduct_contribution", s.deduct_contribution}, {"originator_name", s.originator_name},
          {"originator_sort_code", s.originator_sort_code}, {"originator_account_number", s.originator_account_number},
          {"service_user_number", s.service_user_number}};
}

http::Response get_settings(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return forbidden(d);
  return json_response(settings_json(storage::payment_settings(ctx.db(), ctx.signed_in_user().council_id)));
}

http::Response put_settings(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return forbidden(d);
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"deduct_contribution", "originator_name", "originator_sort_code", "originator_account_number",
                                               "service_user_number"}, "the payment settings")) return *refused;
  auto s = payment_settings_from_fields(*fields);
  if (!s) return validation_problem(s.error());
  const auto& user = ctx.signed_in_user();
  storage::set_payment_settings(ctx.db(), user.council_id, *s, user.id);
  ctx.audit(audit::AuditAction::SetPaymentSettings, std::nullopt, access::Outcome::Allowed,
            std::string("contribution ") + (s->deduct_contribution ? "deducted from direct payments" : "invoiced") +
                (s->service_user_number.empty() ? "; no BACS originator" : "; BACS service user " + s->service_user_number));
  return json_response(settings_json(*s));
}

}  // namespace

void add_payments_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/payment-runs", route(list));
  d.add(http::Method::Post, "/api/v1/payment-runs", route(prepare));
  d.add(http::Method::Get, "/api/v1/payment-runs/{id}", route(show));
  d.add(http::Method::Post, "/api/v1/payment-runs/{id}/approve", route(approve));
  d.add(http::Method::Post, "/api/v1/payment-runs/{id}/export", route(export_run));
  d.add(http::Method::Post, "/api/v1/payment-runs/{id}/withdraw", route(withdraw));
  d.add(http::Method::Post, "/api/v1/payment-runs/{id}/reconcile", route(reconcile));
  d.add(http::Method::Get, "/api/v1/people/{id}/payments", route(person_payments));
  d.add(http::Method::Post, "/api/v1/people/{id}/payment-schedules", route(set_schedule));
  d.add(http::Method::Post, "/api/v1/people/{id}/payment-suspensions", route(suspend));
  d.add(http::Method::Post, "/api/v1/people/{id}/bank-details", route(bank_details));
  d.add(http::Method::Get, "/api/v1/payment-settings", route(get_settings));
  d.add(http::Method::Put, "/api/v1/payment-settings", route(put_settings));
}

}  // namespace patchwork::api
