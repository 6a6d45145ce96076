// Provider invoices (#16, docs/money.md "Provider invoices"):
//  - GET/POST /api/v1/invoices: finance sees every invoice of the council, a
//    provider account its own organisation's; a provider sends an invoice for
//    a person it supports (the policy's provider_engaged), finance enters a
//    paper one (naming provider_id). Checked against the plan on arrival.
//  - GET /api/v1/invoices/{id}: the invoice, its lines, the differences with
//    their figures, its history and the dispute thread with who must act next.
//  - POST …/{id}/approve, …/release, …/accept: approved for payment, never by
//    whoever entered the invoice (the policy decides with PreparedWork; the
//    refusal is audited). POST …/{id}/hold, …/reject: finance, with why.
//  - POST …/{id}/messages: either side writes in a held invoice's thread.
//  - POST /api/v1/providers/{id}/bank-details: where finance pays a provider.
// Another provider's invoice is never found (404), like another council's.
#include <algorithm>

#include "api/json.hpp"
#include "core/text.hpp"
#include "api/routes.hpp"
#include "domain/payments/bank_details.hpp"
#include "services/invoices_service.hpp"
#include "storage/repositories/invoices_repository.hpp"

namespace patchwork::api {
namespace {

using namespace invoices;

http::Response forbidden(const access::Decision& d) { return http::Response::problem(403, "Forbidden", d.reason); }
http::Response no_invoice() { return http::Response::problem(404, "Not found", "There is no such invoice."); }

// A state refusal (or maker-checker) is a conflict naming why; the rest are fields to correct.
http::Response refused(const FieldErrors& errors) {
  for (const auto& e : errors)
    if (e.field == "state" || e.field == "decided_by") return http::Response::problem(409, "Conflict", e.message, {{e.field, e.message}});
  return validation_problem(errors);
}

json::object summary_json(const Invoice& i) {
  return {{"id", i.id},
          {"number", i.number},
          {"provider_id", i.provider_id.value()},
          {"provider_name", i.provider_name},
          {"person_id", i.person_id.value()},
          {"person_name", i.person_name},
          {"part_key", i.part_key},
          {"mechanism", budgets::mechanism_code(i.mechanism)},
          {"period_from", i.period_from.iso()},
          {"period_to", i.period_to.iso()},
          {"total", i.total.decimal()},
          {"state", state_code(i.state)},
          {"state_label", state_label(i.state)},
          {"must_act", side_code(i.must_act)},
          {"entered", json::object{{"user_id", i.entered_by.value()}, {"name", i.entered_by_name}, {"at", i.entered_at}}},
          {"payment_run_id", optional_id(i.run_id)}};
}

json::object full_json(http::Context& ctx, const Invoice& i) {
  auto o = summary_json(i);
  json::array lines, differences, history, thread;
  for (const auto& l : i.lines)
    lines.push_back(json::object{{"plan_line", l.plan_line}, {"description", l.description},
                                 {"units", planning::UnitsPerWeek::from_quarters(l.quarters).decimal()},
                                 {"unit_cost", l.unit_cost.decimal()}, {"amount", l.amount.decimal()}});
  for (const auto& d : i.differences)
    differences.push_back(json::object{{"kind", difference_code(d.kind)},
                                       {"plan_line", d.plan_line ? json::value(*d.plan_line) : json::value(nullptr)},
                                       {"message", d.message}});
  for (const auto& e : storage::invoice_events(ctx.db(), i.council_id, i.id))
    history.push_back(json::object{{"state", state_code(e.state)}, {"note", e.note}, {"by", e.by_name}, {"at", e.at}});
  for (const auto& m : storage::invoice_messages(ctx.db(), i.council_id, i.id))
    thread.push_back(json::object{{"from", side_code(m.side)}, {"written_by", m.written_by_name}, {"at", m.written_at},
                                  {"message", m.body}, {"must_act", side_code(m.must_act)}});
  o["lines"] = std::move(lines);
  o["differences"] = std::move(differences);
  o["history"] = std::move(history);
  o["thread"] = std::move(thread);
  return o;
}

// The invoice named by the route, within the user's council and, for a
// provider account, its own organisation's: anything else is not found, and
// the attempt is audited as a refusal.
std::optional<Invoice> invoice_in_route(http::Context& ctx, audit::AuditAction action) {
  const auto& user = ctx.signed_in_user();
  auto id = ctx.request.path_id("id");
  std::optional<Invoice> inv;
  if (id) inv = storage::find_invoice(ctx.db(), user.council_id, *id);
  if (inv && user.role == access::Role::Provider && (!user.provider_id || *user.provider_id != inv->provider_id)) inv.reset();
  if (!inv)
    ctx.audit(action, std::nullopt, access::Outcome::Refused,
              "invoice " + (id ? std::to_string(*id) : std::string("?")) + ": not one of this council's" +
                  (user.role == access::Role::Provider ? " or this provider's" : ""));
  return inv;
}

// The body of an invoice: the flat members, and `lines` as a list of objects,
// read as lines[0].plan_line and so on. Unknown members are refused, at both levels.
std::expected<people::Fields, http::Response> invoice_fields(const http::Request& request, bool with_provider) {
  auto body = body_object(request);
  if (!body) return std::unexpected(body.error());
  std::vector<std::string_view> known(submission_field_names().begin(), submission_field_names().end());
  known.push_back("lines");
  if (with_provider) known.push_back("provider_id");
  std::string listed;
  for (auto k : known) listed += (listed.empty() ? "" : ", ") + std::string(k);
  json::object flat;
  FieldErrors errors;
  people::Fields out;
  // Every unknown member is named, at both levels, in one answer.
  for (const auto& [k, v] : *body) {
    if (std::find(known.begin(), known.end(), std::string_view(k)) == known.end()) {
      const auto name = clip_utf8(std::string_view(k), 100);
      errors.push_back({name, "\"" + name + "\" is not part of an invoice (" + listed + ")"});
      continue;
    }
    if (k != "lines") { flat[k] = v; continue; }
    if (!v.is_array()) { errors.push_back({"lines", "lines must be a list of lines"}); continue; }
    std::size_t n = 0;
    for (const auto& line : v.as_array()) {
      const std::string p = "lines[" + std::to_string(n++) + "].";
      if (!line.is_object()) { errors.push_back({p.substr(0, p.size() - 1), "Each line must be an object"}); continue; }
      auto fields = text_fields(line.as_object());
      if (!fields) { for (auto e : fields.error()) errors.push_back({p + e.field, e.message}); continue; }
      for (const auto& [lk, lv] : *fields) {
        const auto known = line_field_names();
        if (std::find(known.begin(), known.end(), lk) == known.end())
          errors.push_back({p + clip_utf8(lk, 100), "\"" + clip_utf8(lk, 100) + "\" is not part of an invoice line (plan_line, units, unit_cost, description)"});
        else out[p + lk] = lv;
      }
    }
  }
  auto fields = text_fields(flat);
  if (!fields) for (const auto& e : fields.error()) errors.push_back(e);
  if (!errors.empty()) return std::unexpected(validation_problem(errors));
  for (auto& [k, v] : *fields) out[k] = v;
  return out;
}

http::Response list(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewInvoices);
  if (!d.allowed()) return forbidden(d);
  const auto& user = ctx.signed_in_user();
  if (user.role == access::Role::Provider && !user.provider_id) return forbidden({access::Outcome::Refused, "this account belongs to no provider"});
  json::array out;
  for (const auto& i : storage::list_invoices(ctx.db(), user.council_id,
                                              user.role == access::Role::Provider ? user.provider_id : std::nullopt))
    out.push_back(summary_json(i));
  return json_response(json::object{{"invoices", std::move(out)}});
}

http::Response submit(http::Context& ctx) {
  const auto& user = ctx.signed_in_user();
  const bool provider_account = user.role == access::Role::Provider;
  auto fields = invoice_fields(ctx.request, !provider_account);
  if (!fields) return fields.error();
  auto s = submission_from_fields(*fields, CivilDate::today_utc());
  std::optional<ProviderId> provider = provider_account ? user.provider_id : std::nullopt;
  if (!provider_account) {
    auto pid = parse_id(trim((*fields)["provider_id"]));
    if (!pid) {
      auto errors = s ? FieldErrors{} : s.error();
      errors.push_back({"provider_id", "Choose the provider the invoice is from"});
      return validation_problem(errors);
    }
    provider = ProviderId(*pid);
  }
  if (!s) return validation_problem(s.error());
  // The person, through the policy: a provider only for people it supports
  // (refused 403 and audited otherwise), finance for anyone of the council.
  auto person = ctx.person_for(access::Action::SubmitInvoice, s->person_id);
  if (!person) return http::Response::problem(person.error().status, person.error().title, person.error().detail);
  if (!provider) return forbidden({access::Outcome::Refused, "this account belongs to no provider"});
  auto inv = services::submit_invoice(ctx.db(), *person, *provider, *s, user.id);
  if (!inv) {
    ctx.audit(audit::AuditAction::RecordInvoice, person->id, access::Outcome::Refused,
              "invoice " + clip_utf8(s->number, 40) + ": " + inv.error().front().message);
    return validation_problem(inv.error());
  }
  std::string why = "invoice " + inv->number + " from " + inv->provider_name + ", " + inv->total.display() + ": " + std::string(state_code(inv->state));
  for (const auto& d : inv->differences) why += "; " + d.message;
  ctx.audit(audit::AuditAction::RecordInvoice, person->id, access::Outcome::Allowed, clip_utf8(why, 2000));
  auto r = json_response(full_json(ctx, *inv), 201);
  r.set_header("Location", "/api/v1/invoices/" + std::to_string(inv->id));
  return r;
}

http::Response show(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewInvoices);
  if (!d.allowed()) return forbidden(d);
  auto inv = invoice_in_route(ctx, audit::AuditAction::ViewInvoice);
  if (!inv) return no_invoice();
  ctx.audit(audit::AuditAction::ViewInvoice, inv->person_id, access::Outcome::Allowed, "invoice " + inv->number + " from " + inv->provider_name);
  return json_response(full_json(ctx, *inv));
}

std::expected<people::Fields, http::Response> note_fields(http::Context& ctx, std::initializer_list<std::string_view> known, std::string_view what) {
  people::Fields fields;
  if (!ctx.request.body.empty()) {
    auto f = body_fields(ctx.request);
    if (!f) return std::unexpected(f.error());
    fields = *f;
  }
  if (auto r = unknown_members(fields, known, what)) return std::unexpected(*r);
  return fields;
}

// Approve, release or accept: maker-checker through the policy, with who entered the invoice.
http::Response decide_for_payment(http::Context& ctx, State to) {
  const auto& user = ctx.signed_in_user();
  auto inv = invoice_in_route(ctx, audit::AuditAction::ApproveInvoice);
  if (!inv) return no_invoice();
  auto d = ctx.authorize(access::Action::ApproveInvoice, access::PreparedWork{inv->entered_by, inv->council_id},
                         "invoice " + inv->number + " from " + inv->provider_name);
  if (!d.allowed()) return forbidden(d);
  auto fields = note_fields(ctx, {"message"}, to == State::Approved ? "an approval" : "a decision on a held invoice");
  if (!fields) return fields.error();
  auto done = to == State::Approved ? services::approve_invoice(ctx.db(), user.council_id, inv->id, user.id)
              : to == State::Released ? services::release_invoice(ctx.db(), user.council_id, inv->id, *fields, user.id)
                                      : services::accept_invoice(ctx.db(), user.council_id, inv->id, *fields, user.id);
  const auto event = to == State::Approved ? audit::AuditAction::ApproveInvoice
                     : to == State::Released ? audit::AuditAction::ReleaseInvoice : audit::AuditAction::AcceptInvoice;
  if (!done) {
    ctx.audit(event, inv->person_id, access::Outcome::Refused, "invoice " + inv->number + ": " + done.error().front().message);
    return refused(done.error());
  }
  ctx.audit(event, inv->person_id, access::Outcome::Allowed, "invoice " + inv->number + " from " + inv->provider_name + ", " + inv->total.display() +
                                                                 ": " + std::string(state_code(done->state)));
  return json_response(full_json(ctx, *done));
}

http::Response approve(http::Context& ctx) { return decide_for_payment(ctx, State::Approved); }
http::Response release(http::Context& ctx) { return decide_for_payment(ctx, State::Released); }
http::Response accept(http::Context& ctx) { return decide_for_payment(ctx, State::Accepted); }

http::Response hold_or_reject(http::Context& ctx, bool hold) {
  auto d = ctx.authorize(access::Action::CheckInvoices);
  if (!d.allowed()) return forbidden(d);
  const auto event = hold ? audit::AuditAction::HoldInvoice : audit::AuditAction::RejectInvoice;
  auto inv = invoice_in_route(ctx, event);
  if (!inv) return no_invoice();
  auto fields = hold ? note_fields(ctx, {"message", "must_act"}, "a hold") : note_fields(ctx, {"message"}, "a rejection");
  if (!fields) return fields.error();
  const auto& user = ctx.signed_in_user();
  auto done = hold ? services::hold_invoice(ctx.db(), user.council_id, inv->id, *fields, user.id)
                   : services::reject_invoice(ctx.db(), user.council_id, inv->id, *fields, user.id);
  if (!done) {
    ctx.audit(event, inv->person_id, access::Outcome::Refused, "invoice " + inv->number + ": " + done.error().front().message);
    return refused(done.error());
  }
  ctx.audit(event, inv->person_id, access::Outcome::Allowed, "invoice " + inv->number + ": " + clip_utf8((*fields)["message"], 500));
  return json_response(full_json(ctx, *done));
}

http::Response hold(http::Context& ctx) { return hold_or_reject(ctx, true); }
http::Response reject(http::Context& ctx) { return hold_or_reject(ctx, false); }

http::Response write_message(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::DiscussInvoice);
  if (!d.allowed()) return forbidden(d);
  auto inv = invoice_in_route(ctx, audit::AuditAction::WriteInvoiceMessage);
  if (!inv) return no_invoice();
  const auto& user = ctx.signed_in_user();
  const auto side = user.role == access::Role::Provider ? Side::Provider : Side::Council;
  auto fields = side == Side::Provider ? note_fields(ctx, {"message"}, "a message") : note_fields(ctx, {"message", "must_act"}, "a message");
  if (!fields) return fields.error();
  auto m = services::write_invoice_message(ctx.db(), user.council_id, inv->id, *fields, side, user.id);
  if (!m) return refused(m.error());
  ctx.audit(audit::AuditAction::WriteInvoiceMessage, inv->person_id, access::Outcome::Allowed,
            "invoice " + inv->number + ": " + std::string(side_code(side)) + " wrote; " + std::string(side_code(m->must_act)) + " to act next");
  auto now = storage::find_invoice(ctx.db(), user.council_id, inv->id);
  return json_response(full_json(ctx, now.value_or(*inv)), 201);
}

http::Response provider_bank_details(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::CheckInvoices);
  if (!d.allowed()) return forbidden(d);
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such provider on the council's register.");
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto r = unknown_members(*fields, {"account_name", "sort_code", "account_number"}, "a provider's bank details")) return *r;
  const auto& user = ctx.signed_in_user();
  auto b = services::record_provider_bank_details(ctx.db(), user.council_id, ProviderId(*id), *fields, user.id);
  if (!b) {
    for (const auto& e : b.error())
      if (e.field == "provider_id") return http::Response::problem(404, "Not found", e.message);
    return validation_problem(b.error());
  }
  const std::string ending = "ending " + b->account_number.substr(4);
  ctx.audit(audit::AuditAction::RecordProviderBankDetails, std::nullopt, access::Outcome::Allowed, "provider " + std::to_string(*id) + ": account " + ending);
  return json_response(json::object{{"provider_id", *id}, {"account_name", b->account_name}, {"account", ending}}, 201);
}

}  // namespace

void add_invoices_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/invoices", route(list));
  d.add(http::Method::Post, "/api/v1/invoices", route(submit));
  d.add(http::Method::Get, "/api/v1/invoices/{id}", route(show));
  d.add(http::Method::Post, "/api/v1/invoices/{id}/approve", route(approve));
  d.add(http::Method::Post, "/api/v1/invoices/{id}/release", route(release));
  d.add(http::Method::Post, "/api/v1/invoices/{id}/accept", route(accept));
  d.add(http::Method::Post, "/api/v1/invoices/{id}/hold", route(hold));
  d.add(http::Method::Post, "/api/v1/invoices/{id}/reject", route(reject));
  d.add(http::Method::Post, "/api/v1/invoices/{id}/messages", route(write_message));
  d.add(http::Method::Post, "/api/v1/providers/{id}/bank-details", route(provider_bank_details));
}

}  // namespace patchwork::api
