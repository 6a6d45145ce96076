// Provider invoices (#16, docs/money.md "Provider invoices"):
//  - /invoices: finance sees the council's invoices, a provider account its
//    own organisation's; held ones first, each saying who must act next;
//  - /invoices/new (a provider): send an invoice for a person it supports;
//  - /invoices/{id}: the invoice, its lines against the plan, each difference
//    with its figures, the dispute thread and what may be done next: approve
//    (never by whoever entered it), hold, release, accept as it is or reject
//    (finance), or answer the council (the provider).
// Plain forms with the CSRF token, so everything works without JavaScript.
#include "core/text.hpp"
#include "domain/planning/costing.hpp"
#include "services/invoices_service.hpp"
#include "services/person_access.hpp"
#include "storage/repositories/invoices_repository.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using namespace invoices;

constexpr std::size_t kFormLines = 3;  // rows offered on the form; an invoice with more is sent through the API

std::string when(const std::string& timestamp) {
  if (timestamp.size() < 16) return timestamp;
  return display_date(timestamp.substr(0, 10)) + " at " + timestamp.substr(11, 5) + " (UTC)";
}

std::string invoice_href(std::int64_t id) { return "/invoices/" + std::to_string(id); }

bool is_provider(Context& ctx) { return ctx.signed_in_user().role == access::Role::Provider; }

// Who must act, said from where the reader sits.
std::string must_act_words(Context& ctx, const Invoice& i) {
  if (i.state == State::Paid || i.state == State::Rejected) return "Nobody: it is finished";
  if (payable(i.state)) return "Nobody: the next payment run pays it";
  if (i.must_act == Side::Provider) return is_provider(ctx) ? "You: the council is waiting for your answer" : i.provider_name + " (the provider)";
  return is_provider(ctx) ? "The council" : "The council (finance)";
}

Response refused_page(Context& ctx, const access::Decision& d) { return error_page(ctx, 403, "You cannot do this with invoices", d.reason); }
Response no_invoice(Context& ctx) { return error_page(ctx, 404, "Page not found", "There is no such invoice."); }

std::optional<Invoice> invoice_in_route(Context& ctx, audit::AuditAction action) {
  const auto& user = ctx.signed_in_user();
  auto id = ctx.request.path_id("id");
  std::optional<Invoice> inv;
  if (id) inv = storage::find_invoice(ctx.db(), user.council_id, *id);
  // A provider account finds only its own organisation's invoices.
  if (inv && user.role == access::Role::Provider && (!user.provider_id || *user.provider_id != inv->provider_id)) inv.reset();
  if (!inv)
    ctx.audit(action, std::nullopt, access::Outcome::Refused,
              "invoice " + (id ? std::to_string(*id) : std::string("?")) + ": not one of this council's" +
                  (user.role == access::Role::Provider ? " or this provider's" : ""));
  return inv;
}

Response list_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewInvoices);
  if (!d.allowed()) return refused_page(ctx, d);
  const auto& user = ctx.signed_in_user();
  const bool provider = is_provider(ctx);
  if (provider && !user.provider_id) return refused_page(ctx, {access::Outcome::Refused, "this account belongs to no provider"});
  List rows;
  int waiting_on_you = 0;
  for (const auto& i : storage::list_invoices(ctx.db(), user.council_id, provider ? user.provider_id : std::nullopt)) {
    const bool yours = i.state == State::Held && (i.must_act == (provider ? Side::Provider : Side::Council));
    if (yours) ++waiting_on_you;
    rows.push_back(Object{{"href", invoice_href(i.id)}, {"number", i.number}, {"provider", i.provider_name}, {"person", i.person_name},
                          {"period", i.period_from.display() + " to " + i.period_to.display()}, {"total", i.total.display()},
                          {"state", std::string(state_code(i.state))}, {"state_label", std::string(state_label(i.state))},
                          {"held", i.state == State::Held}, {"must_act", must_act_words(ctx, i)}, {"yours", yours}});
  }
  Data content;
  if (rows.empty()) content.set("none", true);
  else content.set("invoices", rows);
  if (provider) content.set("provider", true);
  else content.set("finance", true);
  if (waiting_on_you > 0)
    content.set("waiting", std::to_string(waiting_on_you) + (waiting_on_you == 1 ? " held invoice waits" : " held invoices wait") + " for you to act.");
  return page(ctx, "invoices/list", content, "Invoices");
}

// ---- Sending an invoice (a provider) ----

FormPage new_form(Context& ctx, const FieldErrors& errors) {
  const auto e = error_map(errors);
  auto value = [&](const std::string& name) { return ctx.request.form_value(name); };
  Options choices{{"", "Choose the person"}};
  for (const auto& p : services::people_supported_by(ctx.db(), ctx.signed_in_user())) choices.push_back({p.id.text(), p.full_name()});
  FormPage f;
  f.title = "Send an invoice";
  f.heading = "Send an invoice";
  f.lead = "Invoice the council for support you gave one person, line by line as their support plan sets it out. "
           "The council checks each line against the plan and tells you of any difference here.";
  f.action = "/invoices";
  f.submit_label = "Send the invoice";
  f.back_href = "/invoices";
  f.fields.push_back(text_field({"number", "Your invoice number", "As it is printed on your invoice, for example BC-1042"}, value("number"), e,
                                "govuk-!-width-one-third"));
  f.fields.push_back(select_field({"person_id", "Who the support was for", ""}, choices, value("person_id"), e));
  f.fields.push_back(text_field({"part_key", "Budget part", "The letter of the part of their budget that pays you, as on their plan, for example B"},
                                value("part_key"), e, "govuk-input--width-4"));
  f.fields.push_back(date_field({"period_from", "First day of support invoiced", "For example, 23 11 2026"},
                                form_date_value(ctx.request, "period_from", ""), e));
  f.fields.push_back(date_field({"period_to", "Last day of support invoiced", "For example, 29 11 2026"},
                                form_date_value(ctx.request, "period_to", ""), e));
  for (std::size_t i = 0; i < kFormLines; ++i) {
    const std::string p = "lines[" + std::to_string(i) + "].";
    f.fields.push_back(heading_field(i == 0 ? "What you are invoicing" : "Another line (leave empty if there is none)"));
    f.fields.push_back(text_field({p + "plan_line", "Line number on the support plan", "The number of the plan's line, for example 1"},
                                  value(p + "plan_line"), e, "govuk-input--width-3"));
    f.fields.push_back(text_field({p + "units", "Hours, days or sessions given", "For example 10.5 for ten and a half hours; for a weekly cost, the weeks"},
                                  value(p + "units"), e, "govuk-input--width-5"));
    f.fields.push_back(text_field({p + "unit_cost", "Cost of one hour, day, session or week, in pounds", "For example 21.50"},
                                  value(p + "unit_cost"), e, "govuk-input--width-5"));
    f.fields.push_back(text_field({p + "description", "What it was (optional)", ""}, value(p + "description"), e));
  }
  return f;
}

Response new_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewInvoices);
  if (!d.allowed()) return refused_page(ctx, d);
  if (!is_provider(ctx) || !ctx.signed_in_user().provider_id)
    return error_page(ctx, 403, "You cannot send an invoice here", "Providers send their invoices here; finance enters a paper invoice through the API.");
  return form_page(ctx, new_form(ctx, {}), {});
}

Response submit(Context& ctx) {
  const auto& user = ctx.signed_in_user();
  if (!is_provider(ctx) || !user.provider_id)
    return error_page(ctx, 403, "You cannot send an invoice here", "Providers send their invoices here; finance enters a paper invoice through the API.");
  people::Fields fields;
  for (const char* k : {"number", "person_id", "part_key"}) fields[k] = ctx.request.form_value(k);
  fields["period_from"] = date_from_form(ctx.request, "period_from");
  fields["period_to"] = date_from_form(ctx.request, "period_to");
  for (std::size_t i = 0; i < kFormLines; ++i)
    for (auto k : line_field_names()) {
      const std::string name = "lines[" + std::to_string(i) + "]." + std::string(k);
      fields[name] = ctx.request.form_value(name);
    }
  auto s = submission_from_fields(fields, CivilDate::today_utc());
  if (!s) return form_page(ctx, new_form(ctx, s.error()), s.error(), 422);
  auto person = ctx.person_for(access::Action::SubmitInvoice, s->person_id);
  if (!person) return error_page(ctx, person.error().status, person.error().title, person.error().detail);
  auto inv = services::submit_invoice(ctx.db(), *person, *user.provider_id, *s, user.id);
  if (!inv) {
    ctx.audit(audit::AuditAction::RecordInvoice, person->id, access::Outcome::Refused,
              "invoice " + clip_utf8(s->number, 40) + ": " + inv.error().front().message);
    return form_page(ctx, new_form(ctx, inv.error()), inv.error(), 422);
  }
  std::string why = "invoice " + inv->number + " from " + inv->provider_name + ", " + inv->total.display() + ": " + std::string(state_code(inv->state));
  for (const auto& d : inv->differences) why += "; " + d.message;
  ctx.audit(audit::AuditAction::RecordInvoice, person->id, access::Outcome::Allowed, clip_utf8(why, 2000));
  return Response::redirect(invoice_href(inv->id));
}

// ---- One invoice ----

Response invoice_page_with(Context& ctx, const Invoice& inv, const FieldErrors& errors, int status) {
  const auto& user = ctx.signed_in_user();
  const bool provider = is_provider(ctx);
  Data content;
  content.set("number", inv.number);
  content.set("provider", inv.provider_name);
  content.set("person", inv.person_name);
  content.set("part", inv.part_key + " (" + std::string(budgets::mechanism_label(inv.mechanism)) + ")");
  content.set("period", inv.period_from.display() + " to " + inv.period_to.display());
  content.set("total", inv.total.display());
  content.set("state_label", std::string(state_label(inv.state)));
  content.set("must_act", must_act_words(ctx, inv));
  content.set("entered", inv.entered_by_name + ", " + when(inv.entered_at));
  if (inv.run_id) {
    content.set("run", "Payment run " + std::to_string(*inv.run_id));
    if (!provider) content.set("run_href", "/finance/payment-runs/" + std::to_string(*inv.run_id));
  }
  List lines;
  for (const auto& l : inv.lines)
    lines.push_back(Object{{"plan_line", std::to_string(l.plan_line)}, {"description", l.description},
                           {"units", planning::UnitsPerWeek::from_quarters(l.quarters).decimal()}, {"unit_cost", l.unit_cost.display()},
                           {"amount", l.amount.display()}});
  content.set("lines", lines);
  List differences;
  for (const auto& d : inv.differences) differences.push_back(Object{{"message", d.message}});
  if (!differences.empty()) {
    content.set("differences", differences);
    content.set("has_differences", true);
  }
  List thread;
  for (const auto& m : storage::invoice_messages(ctx.db(), inv.council_id, inv.id))
    thread.push_back(Object{{"who", m.written_by_name + (m.side == Side::Provider ? " (" + inv.provider_name + ")" : std::string(" (the council)"))},
                            {"when", when(m.written_at)}, {"body", m.body},
                            {"next", std::string(side_label(m.must_act)) + " to act next"}});
  if (!thread.empty()) content.set("thread", thread);
  List history;
  for (const auto& e : storage::invoice_events(ctx.db(), inv.council_id, inv.id))
    history.push_back(Object{{"what", e.note}, {"who", e.by_name.empty() ? std::string("Patchwork's check") : e.by_name}, {"when", when(e.at)}});
  content.set("history", history);
  const std::string base = invoice_href(inv.id);
  const bool own = inv.entered_by == user.id;
  if (!provider) {
    if (inv.state == State::Checked) {
      if (own) content.set("own_invoice", true);
      else content.set("approve_action", base + "/approve");
      content.set("hold_action", base + "/hold");
    }
    if (inv.state == State::Held) {
      if (own) content.set("own_invoice", true);
      else {
        content.set("release_action", base + "/release");
        content.set("accept_action", base + "/accept");
      }
      content.set("message_action", base + "/messages");
      content.set("council_message", true);
    }
    if (inv.state == State::Checked || inv.state == State::Held) content.set("reject_action", base + "/reject");
  } else if (inv.state == State::Held) {
    content.set("message_action", base + "/messages");
  }
  content.set("message_value", ctx.request.form_value("message"));
  const auto e = error_map(errors);
  if (auto it = e.find("message"); it != e.end()) content.set("message_error", it->second);
  add_errors(content, errors);
  return page(ctx, "invoices/invoice", content, "Invoice " + inv.number, status);
}

Response invoice_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewInvoices);
  if (!d.allowed()) return refused_page(ctx, d);
  auto inv = invoice_in_route(ctx, audit::AuditAction::ViewInvoice);
  if (!inv) return no_invoice(ctx);
  ctx.audit(audit::AuditAction::ViewInvoice, inv->person_id, access::Outcome::Allowed, "invoice " + inv->number + " from " + inv->provider_name);
  return invoice_page_with(ctx, *inv, {}, 200);
}

people::Fields message_fields(Context& ctx) {
  return {{"message", ctx.request.form_value("message")}, {"must_act", ctx.request.form_value("must_act")}};
}

Response decide_for_payment(Context& ctx, State to) {
  const auto& user = ctx.signed_in_user();
  auto inv = invoice_in_route(ctx, audit::AuditAction::ApproveInvoice);
  if (!inv) return no_invoice(ctx);
  auto d = ctx.authorize(access::Action::ApproveInvoice, access::PreparedWork{inv->entered_by, inv->council_id},
                         "invoice " + inv->number + " from " + inv->provider_name);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot approve this invoice", d.reason);
  auto fields = message_fields(ctx);
  auto done = to == State::Approved ? services::approve_invoice(ctx.db(), user.council_id, inv->id, user.id)
              : to == State::Released ? services::release_invoice(ctx.db(), user.council_id, inv->id, fields, user.id)
                                      : services::accept_invoice(ctx.db(), user.council_id, inv->id, fields, user.id);
  const auto event = to == State::Approved ? audit::AuditAction::ApproveInvoice
                     : to == State::Released ? audit::AuditAction::ReleaseInvoice : audit::AuditAction::AcceptInvoice;
  if (!done) {
    ctx.audit(event, inv->person_id, access::Outcome::Refused, "invoice " + inv->number + ": " + done.error().front().message);
    return invoice_page_with(ctx, *inv, done.error(), 409);
  }
  ctx.audit(event, inv->person_id, access::Outcome::Allowed, "invoice " + inv->number + " from " + inv->provider_name + ", " + inv->total.display() +
                                                                 ": " + std::string(state_code(done->state)));
  return Response::redirect(invoice_href(inv->id));
}

Response approve(Context& ctx) { return decide_for_payment(ctx, State::Approved); }
Response release(Context& ctx) { return decide_for_payment(ctx, State::Released); }
Response accept(Context& ctx) { return decide_for_payment(ctx, State::Accepted); }

Response hold_or_reject(Context& ctx, bool hold) {
  auto d = ctx.authorize(access::Action::CheckInvoices);
  if (!d.allowed()) return refused_page(ctx, d);
  const auto event = hold ? audit::AuditAction::HoldInvoice : audit::AuditAction::RejectInvoice;
  auto inv = invoice_in_route(ctx, event);
  if (!inv) return no_invoice(ctx);
  const auto& user = ctx.signed_in_user();
  auto fields = message_fields(ctx);
  auto done = hold ? services::hold_invoice(ctx.db(), user.council_id, inv->id, fields, user.id)
                   : services::reject_invoice(ctx.db(), user.council_id, inv->id, fields, user.id);
  if (!done) {
    ctx.audit(event, inv->person_id, access::Outcome::Refused, "invoice " + inv->number + ": " + done.error().front().message);
    return invoice_page_with(ctx, *inv, done.error(), 422);
  }
  ctx.audit(event, inv->person_id, access::Outcome::Allowed, "invoice " + inv->number + ": " + clip_utf8(fields["message"], 500));
  return Response::redirect(invoice_href(inv->id));
}

Response hold(Context& ctx) { return hold_or_reject(ctx, true); }
Response reject(Context& ctx) { return hold_or_reject(ctx, false); }

Response write_message(Context& ctx) {
  auto d = ctx.authorize(access::Action::DiscussInvoice);
  if (!d.allowed()) return refused_page(ctx, d);
  auto inv = invoice_in_route(ctx, audit::AuditAction::WriteInvoiceMessage);
  if (!inv) return no_invoice(ctx);
  const auto& user = ctx.signed_in_user();
  const auto side = is_provider(ctx) ? Side::Provider : Side::Council;
  auto fields = message_fields(ctx);
  if (side == Side::Provider) fields.erase("must_act");
  auto m = services::write_invoice_message(ctx.db(), user.council_id, inv->id, fields, side, user.id);
  if (!m) return invoice_page_with(ctx, *inv, m.error(), 422);
  ctx.audit(audit::AuditAction::WriteInvoiceMessage, inv->person_id, access::Outcome::Allowed,
            "invoice " + inv->number + ": " + std::string(side_code(side)) + " wrote; " + std::string(side_code(m->must_act)) + " to act next");
  return Response::redirect(invoice_href(inv->id) + "#thread");
}

}  // namespace

void add_invoice_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/invoices", route(list_page));
  d.add(Method::Get, "/invoices/new", route(new_page));
  d.add(Method::Post, "/invoices", route(submit));
  d.add(Method::Get, "/invoices/{id}", route(invoice_page));
  d.add(Method::Post, "/invoices/{id}/approve", route(approve));
  d.add(Method::Post, "/invoices/{id}/release", route(release));
  d.add(Method::Post, "/invoices/{id}/accept", route(accept));
  d.add(Method::Post, "/invoices/{id}/hold", route(hold));
  d.add(Method::Post, "/invoices/{id}/reject", route(reject));
  d.add(Method::Post, "/invoices/{id}/messages", route(write_message));
}

}  // namespace patchwork::web
