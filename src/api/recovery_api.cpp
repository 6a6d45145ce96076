// End of support, recovery cases and contribution invoices (#16,
// docs/money.md "End of support and recovery", "Contribution invoices"):
//  - /api/v1/people/{id}/end-of-support: how and when support ended (GET for
//    whoever sees the person's finance; POST for their allocated worker, a
//    team manager or finance), which stops every schedule and opens a
//    recovery case for anything paid past it;
//  - /api/v1/recovery-cases…: finance's cases, their plans, money received,
//    and write-offs proposed by one officer and approved by another (the
//    policy asked with who proposed it; a refusal audited with why);
//  - /api/v1/contribution-invoices…: invoices raised up to a date, payments
//    received, arrears oldest first; /api/v1/people/{id}/contribution-invoices
//    for whoever sees the budget.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/people_service.hpp"
#include "services/recovery_service.hpp"
#include "storage/repositories/recovery_repository.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

using namespace recovery;

http::Response forbidden(const access::Decision& d) { return http::Response::problem(403, "Forbidden", d.reason); }
http::Response no_case() { return http::Response::problem(404, "Not found", "There is no such recovery case in this council."); }
http::Response no_invoice() { return http::Response::problem(404, "Not found", "There is no such contribution invoice in this council."); }

// A refusal because of the case's state, or by maker-checker, is a conflict
// (409) naming it; anything else is a field to correct (422).
http::Response refused(const FieldErrors& errors) {
  for (const auto& e : errors)
    if (e.field == "state" || e.field == "decided_by") return http::Response::problem(409, "Conflict", e.message, {{e.field, e.message}});
  return validation_problem(errors);
}

json::value end_json(const std::optional<SupportEnd>& e) {
  if (!e) return nullptr;
  return json::object{{"kind", end_kind_code(e->kind)},       {"on", e->on.iso()},
                      {"last_day_paid", last_day_paid(*e).iso()}, {"moved_to", e->moved_to},
                      {"note", e->note},                      {"recorded_by", e->recorded_by_name},
                      {"recorded_at", e->recorded_at}};
}

json::object case_json(const RecoveryCase& k, CivilDate today) {
  json::array plan;
  for (const auto& i : instalment_plan(k.amount, k.instalments, k.first_due))
    plan.push_back(json::object{{"number", i.number}, {"due", i.due.iso()}, {"amount", i.amount.decimal()}});
  return {{"id", k.id},
          {"person_id", k.person_id.value()},
          {"person_name", k.person_name},
          {"amount", k.amount.decimal()},
          {"received", k.received.decimal()},
          {"outstanding", outstanding(k).decimal()},
          {"due_so_far", due_by(k, today).decimal()},
          {"reason", k.reason},
          {"owed_by", debtor_code(k.debtor)},
          {"state", case_state_code(k.state)},
          {"instalments", k.instalments},
          {"first_due", k.first_due.iso()},
          {"plan", std::move(plan)},
          {"opened_at", k.opened_at},
          {"opened_by", k.opened_by_name},
          {"write_off", k.write_off_proposed_by || k.write_off_decided_by
                            ? json::value(json::object{{"reason", k.write_off_reason},
                                                       {"proposed_by", k.write_off_proposed_by_name},
                                                       {"decided_by", k.write_off_decided_by ? json::value(k.write_off_decided_by_name)
                                                                                             : json::value(nullptr)}})
                            : json::value(nullptr)}};
}

json::object full_case_json(http::Context& ctx, const RecoveryCase& k) {
  const auto council = ctx.signed_in_user().council_id;
  auto o = case_json(k, CivilDate::today_utc());
  json::array periods, receipts;
  for (const auto& p : storage::case_periods(ctx.db(), council, k.id))
    periods.push_back(json::object{{"transfer_id", p.transfer_id}, {"part_key", p.part_key}, {"period_start", p.period_start.iso()},
                                   {"period_end", p.period_end.iso()}, {"paid", p.paid.decimal()}, {"overpaid", p.overpaid.decimal()},
                                   {"days_after", p.days_after}});
  for (const auto& r : storage::case_receipts(ctx.db(), council, k.id))
    receipts.push_back(json::object{{"id", r.id}, {"amount", r.amount.decimal()}, {"received_on", r.received_on.iso()},
                                    {"source", receipt_source_code(r.source)}, {"part_key", r.part_key},
                                    {"transfer_id", r.transfer_id}, {"recorded_by", r.recorded_by_name}});
  o["periods"] = std::move(periods);
  o["receipts"] = std::move(receipts);
  return o;
}

std::optional<RecoveryCase> case_in_route(http::Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return std::nullopt;
  return storage::find_case(ctx.db(), ctx.signed_in_user().council_id, *id);
}

std::string case_words(const RecoveryCase& k) { return "recovery case " + std::to_string(k.id) + " (" + k.amount.decimal() + ")"; }

http::Response get_end(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewFinance);
  if (!person) return person.error();
  return json_response(json::object{{"end_of_support", end_json(storage::find_support_end(ctx.db(), person->council_id, person->id))}});
}

http::Response post_end(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::RecordEndOfSupport);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"kind", "on", "moved_to", "note", "owed_by"}, "an end of support")) return *refused;
  const auto today = CivilDate::today_utc();
  auto done = services::record_end_of_support(ctx.db(), *person, *fields, ctx.signed_in_user().id, today);
  if (!done) {
    ctx.audit(audit::AuditAction::RecordEndOfSupport, person->id, access::Outcome::Refused, done.error().front().message);
    return validation_problem(done.error());
  }
  ctx.audit(audit::AuditAction::RecordEndOfSupport, person->id, access::Outcome::Allowed,
            std::string(end_kind_code(done->end.kind)) + " on " + done->end.on.iso() + "; nothing paid after " + done->last_day.iso());
  if (!done->death_recorded.empty())
    ctx.audit(audit::AuditAction::ChangeCharacteristics, person->id, access::Outcome::Allowed,
              services::describe_changes(done->death_recorded));
  json::value opened = nullptr;
  if (done->opened) {
    ctx.audit(audit::AuditAction::OpenRecoveryCase, person->id, access::Outcome::Allowed,
              case_words(*done->opened) + ": " + done->opened->reason);
    opened = full_case_json(ctx, *done->opened);
  }
  return json_response(json::object{{"end_of_support", end_json(done->end)}, {"recovery_case", opened}}, 201);
}

http::Response list_cases(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewRecoveryCases);
  if (!d.allowed()) return forbidden(d);
  json::array cases;
  const auto today = CivilDate::today_utc();
  for (const auto& k : storage::list_cases(ctx.db(), ctx.signed_in_user().council_id)) cases.push_back(case_json(k, today));
  return json_response(json::object{{"recovery_cases", std::move(cases)}});
}

http::Response show_case(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewRecoveryCases);
  if (!d.allowed()) return forbidden(d);
  auto k = case_in_route(ctx);
  if (!k) return no_case();
  return json_response(full_case_json(ctx, *k));
}

// The steps finance takes on a case: asked of the policy, then done by the
// service; each outcome audited against the person.
template <typename Step>
http::Response case_step(http::Context& ctx, audit::AuditAction kind, std::initializer_list<std::string_view> members, const char* what,
                         Step step) {
  auto d = ctx.authorize(access::Action::ManageRecovery);
  if (!d.allowed()) return forbidden(d);
  auto k = case_in_route(ctx);
  if (!k) return no_case();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, members, what)) return *refused;
  auto done = step(*k, *fields);
  if (!done) {
    ctx.audit(kind, k->person_id, access::Outcome::Refused, case_words(*k) + ": " + done.error().front().message);
    return refused(done.error());
  }
  ctx.audit(kind, k->person_id, access::Outcome::Allowed, case_words(*k) + ": " + *done);
  return json_response(full_case_json(ctx, *storage::find_case(ctx.db(), k->council_id, k->id)));
}

http::Response set_plan(http::Context& ctx) {
  return case_step(ctx, audit::AuditAction::SetRecoveryPlan, {"instalments", "first_due"}, "a repayment plan",
                   [&](const RecoveryCase& k, const people::Fields& f) -> Result<std::string> {
                     auto done = services::set_recovery_plan(ctx.db(), k.council_id, k.id, f, CivilDate::today_utc());
                     if (!done) return std::unexpected(done.error());
                     return std::to_string(done->instalments) + " instalments from " + done->first_due.iso();
                   });
}

http::Response receive(http::Context& ctx) {
  return case_step(ctx, audit::AuditAction::RecordRecoveryReceipt, {"amount", "received_on", "source", "part_key"}, "money received",
                   [&](const RecoveryCase& k, const people::Fields& f) -> Result<std::string> {
                     auto done = services::record_recovery_receipt(ctx.db(), k.council_id, k.id, f, ctx.signed_in_user().id,
                                                                   CivilDate::today_utc());
                     if (!done) return std::unexpected(done.error());
                     return done->amount.decimal() + " received on " + done->received_on.iso() + " from " +
                            std::string(receipt_source_code(done->source)) + " (" + done->transfer_id + ")";
                   });
}

http::Response propose(http::Context& ctx) {
  return case_step(ctx, audit::AuditAction::ProposeWriteOff, {"reason"}, "a proposed write-off",
                   [&](const RecoveryCase& k, const people::Fields& f) -> Result<std::string> {
                     auto done = services::propose_write_off(ctx.db(), k.council_id, k.id, f, ctx.signed_in_user().id);
                     if (!done) return std::unexpected(done.error());
                     return "write-off of " + outstanding(*done).decimal() + " proposed: " + done->write_off_reason;
                   });
}

http::Response decide(http::Context& ctx, bool approve) {
  // Who proposed it is needed before the policy can answer, so the case is
  // found first; another council's is not found (404) and decided nothing.
  auto k = case_in_route(ctx);
  if (!k) {
    ctx.audit(audit::AuditAction::ApproveWriteOff, std::nullopt, access::Outcome::Refused, "no such recovery case in this council");
    return no_case();
  }
  if (!k->write_off_proposed_by) {
    // Nothing proposed: only finance learns that (anyone else is refused first).
    auto may = ctx.authorize(access::Action::ManageRecovery);
    if (!may.allowed()) return forbidden(may);
    return refused({{"state", step_refused(k->state, CaseStep::DecideWriteOff).value_or("There is no write-off to decide")}});
  }
  auto d = ctx.authorize(access::Action::ApproveWriteOff, access::PreparedWork{*k->write_off_proposed_by, k->council_id},
                         case_words(*k), k->person_id);
  if (!d.allowed()) return forbidden(d);
  const auto& user = ctx.signed_in_user();
  auto done = services::decide_write_off(ctx.db(), user.council_id, k->id, approve, user.id, CivilDate::today_utc());
  const auto kind = approve ? audit::AuditAction::ApproveWriteOff : audit::AuditAction::DeclineWriteOff;
  if (!done) {
    ctx.audit(kind, k->person_id, access::Outcome::Refused, case_words(*k) + ": " + done.error().front().message);
    return refused(done.error());
  }
  ctx.audit(kind, k->person_id, access::Outcome::Allowed,
            case_words(*k) + (approve ? ": written off, " + outstanding(*k).decimal() : std::string(": write-off declined, open again")));
  return json_response(full_case_json(ctx, *done));
}

http::Response approve(http::Context& ctx) { return decide(ctx, true); }
http::Response decline(http::Context& ctx) { return decide(ctx, false); }

json::object invoice_json(const ContributionInvoice& i) {
  return {{"id", i.id},
          {"person_id", i.person_id.value()},
          {"person_name", i.person_name},
          {"period_start", i.period_start.iso()},
          {"period_end", i.period_end.iso()},
          {"amount", i.amount.decimal()},
          {"paid", i.paid.decimal()},
          {"unpaid", Money::from_pence(i.amount.pence() - i.paid.pence()).decimal()},
          {"due_on", i.due_on.iso()}};
}

json::object arrears_json(const Arrears& a) {
  return {{"person_id", a.person_id.value()}, {"person_name", a.person_name}, {"owed", a.owed.decimal()},
          {"since", optional_date(a.since)}, {"invoices", a.invoices}};
}

http::Response list_invoices(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageContributions);
  if (!d.allowed()) return forbidden(d);
  const auto council = ctx.signed_in_user().council_id;
  json::array arrears, unpaid;
  for (const auto& a : services::contribution_arrears(ctx.db(), council, CivilDate::today_utc())) arrears.push_back(arrears_json(a));
  for (const auto& i : storage::unpaid_invoices(ctx.db(), council)) unpaid.push_back(invoice_json(i));
  return json_response(json::object{{"arrears", std::move(arrears)}, {"unpaid_invoices", std::move(unpaid)}});
}

http::Response raise(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageContributions);
  if (!d.allowed()) return forbidden(d);
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"up_to"}, "raising contribution invoices")) return *refused;
  auto up_to = services::invoice_date_from_fields(*fields, CivilDate::today_utc());
  if (!up_to) return validation_problem(up_to.error());
  const auto& user = ctx.signed_in_user();
  auto raised = services::raise_contribution_invoices(ctx.db(), user.council_id, *up_to, user.id);
  if (!raised) {
    ctx.audit(audit::AuditAction::RaiseContributionInvoices, std::nullopt, access::Outcome::Refused,
              "up to " + up_to->iso() + ": " + raised.error().front().message);
    return validation_problem(raised.error());
  }
  ctx.audit(audit::AuditAction::RaiseContributionInvoices, std::nullopt, access::Outcome::Allowed,
            "up to " + up_to->iso() + ": " + std::to_string(raised->raised) + " invoices for " + std::to_string(raised->people) +
                " people, " + raised->total.decimal());
  return json_response(json::object{{"raised", raised->raised}, {"people", raised->people}, {"total", raised->total.decimal()}}, 201);
}

std::optional<ContributionInvoice> invoice_in_route(http::Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return std::nullopt;
  return storage::find_contribution_invoice(ctx.db(), ctx.signed_in_user().council_id, *id);
}

http::Response show_invoice(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageContributions);
  if (!d.allowed()) return forbidden(d);
  auto i = invoice_in_route(ctx);
  if (!i) return no_invoice();
  return json_response(invoice_json(*i));
}

http::Response pay_invoice(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageContributions);
  if (!d.allowed()) return forbidden(d);
  auto i = invoice_in_route(ctx);
  if (!i) return no_invoice();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"amount", "received_on"}, "a contribution payment")) return *refused;
  auto p = services::record_contribution_payment(ctx.db(), i->council_id, i->id, *fields, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!p) {
    ctx.audit(audit::AuditAction::RecordContributionPayment, i->person_id, access::Outcome::Refused,
              "invoice " + std::to_string(i->id) + ": " + p.error().front().message);
    return validation_problem(p.error());
  }
  ctx.audit(audit::AuditAction::RecordContributionPayment, i->person_id, access::Outcome::Allowed,
            "invoice " + std::to_string(i->id) + ": " + p->amount.decimal() + " received on " + p->received_on.iso());
  return json_response(invoice_json(*storage::find_contribution_invoice(ctx.db(), i->council_id, i->id)), 201);
}

http::Response person_invoices(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewBudget);
  if (!person) return person.error();
  json::array invoices;
  for (const auto& i : storage::person_invoices(ctx.db(), person->council_id, person->id)) invoices.push_back(invoice_json(i));
  return json_response(json::object{{"invoices", std::move(invoices)},
                                    {"arrears", arrears_json(services::person_arrears(ctx.db(), *person, CivilDate::today_utc()))}});
}

}  // namespace

void add_recovery_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/people/{id}/end-of-support", route(get_end));
  d.add(http::Method::Post, "/api/v1/people/{id}/end-of-support", route(post_end));
  d.add(http::Method::Get, "/api/v1/recovery-cases", route(list_cases));
  d.add(http::Method::Get, "/api/v1/recovery-cases/{id}", route(show_case));
  d.add(http::Method::Post, "/api/v1/recovery-cases/{id}/plan", route(set_plan));
  d.add(http::Method::Post, "/api/v1/recovery-cases/{id}/receipts", route(receive));
  d.add(http::Method::Post, "/api/v1/recovery-cases/{id}/write-off", route(propose));
  d.add(http::Method::Post, "/api/v1/recovery-cases/{id}/write-off/approve", route(approve));
  d.add(http::Method::Post, "/api/v1/recovery-cases/{id}/write-off/decline", route(decline));
  d.add(http::Method::Get, "/api/v1/contribution-invoices", route(list_invoices));
  d.add(http::Method::Post, "/api/v1/contribution-invoices", route(raise));
  d.add(http::Method::Get, "/api/v1/contribution-invoices/{id}", route(show_invoice));
  d.add(http::Method::Post, "/api/v1/contribution-invoices/{id}/payments", route(pay_invoice));
  d.add(http::Method::Get, "/api/v1/people/{id}/contribution-invoices", route(person_invoices));
}

}  // namespace patchwork::api
