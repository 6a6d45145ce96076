// Monitoring pages (#16, docs/money.md "Monitoring and flags"):
//  - /flags: the flags, open first and oldest first, each with its evidence
//    in plain words; finance runs the check from here. A social worker sees
//    the flags of the people allocated to them; a team manager and finance
//    see the council's.
//  - /flags/{id}: one flag, reached through the person (role AND
//    relationship, audited): its evidence, the account's risk and next
//    review, its history, the form to record it looked at or its outcome,
//    and for a surplus the recovery: prepared by one finance officer,
//    approved or refused by another.
//  - /people/{id}/spending-controls: change the plan's spending controls,
//    with the reason (the plan page shows them).
// Plain forms with the CSRF token, so everything works without JavaScript.
#include "web/monitoring/monitoring_pages.hpp"

#include <set>

#include "core/text.hpp"
#include "services/monitoring_service.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using namespace monitoring;

std::string when(const std::string& timestamp) {
  if (timestamp.size() < 16) return timestamp;
  return display_date(timestamp.substr(0, 10)) + " at " + timestamp.substr(11, 5) + " (UTC)";
}

std::string flag_href(std::int64_t id) { return "/flags/" + std::to_string(id); }

Response flags_page_with(Context& ctx, const FieldErrors& errors, int status, const std::string& done = "") {
  const auto& user = ctx.signed_in_user();
  storage::FlagFilter filter;
  if (user.role == access::Role::SocialWorker) filter.allocated_to = user.id;
  List open, closed;
  std::set<std::int64_t> listed;
  for (const auto& f : storage::list_flags(ctx.db(), user.council_id, filter)) {
    if (listed.insert(f.person_id.value()).second)
      ctx.audit(audit::AuditAction::ListPerson, f.person_id, access::Outcome::Allowed, "in the list of monitoring flags");
    Object row{{"href", flag_href(f.id)}, {"id", std::to_string(f.id)}, {"person", f.person_name}, {"part", f.part_key},
               {"kind", std::string(flag_kind_label(f.kind))}, {"raised_on", f.raised_on.display()},
               {"state", std::string(flag_state_code(f.state))}, {"state_label", std::string(flag_state_label(f.state))},
               {"evidence", f.evidence.summary}};
    if (f.outcome) row["outcome"] = Data(std::string(outcome_label(*f.outcome)));
    (f.state == FlagState::Closed ? closed : open).push_back(row);
  }
  Data content;
  if (!open.empty()) content.set("open", open);
  if (!closed.empty()) content.set("closed", closed);
  if (user.role == access::Role::SocialWorker) content.set("worker", true);
  if (access::decide(user.actor(), access::Action::RunMonitoringCheck).allowed()) {
    content.set("may_check", true);
    List fields;
    fields.push_back(date_field({"date", "Check the accounts as at", "Usually today. For example, 2 12 2026"},
                                form_date_value(ctx.request, "date", CivilDate::today_utc().iso()), error_map(errors)));
    content.set("fields", fields);
  }
  if (!done.empty()) content.set("done", done);
  add_errors(content, errors);
  return page(ctx, "monitoring/flags", content, "Flags", status);
}

Response flags_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewFlags);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot see monitoring flags", d.reason);
  return flags_page_with(ctx, {}, 200);
}

Response check(Context& ctx) {
  auto d = ctx.authorize(access::Action::RunMonitoringCheck);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot run the monitoring check", d.reason);
  const std::string typed = date_from_form(ctx.request, "date");
  auto on = typed.empty() ? std::optional(CivilDate::today_utc()) : CivilDate::parse_iso(typed);
  if (!on) return flags_page_with(ctx, {{"date", "Enter a real date, like 2 12 2026"}}, 422);
  auto report = services::run_monitoring_check(ctx.db(), ctx.signed_in_user().council_id, *on);
  if (!report) return flags_page_with(ctx, report.error(), 422);
  ctx.audit(audit::AuditAction::RunMonitoringCheck, std::nullopt, access::Outcome::Allowed,
            "check of " + on->iso() + ": " + std::to_string(report->accounts) + " accounts, " + std::to_string(report->raised) +
                " flags raised, " + std::to_string(report->updated) + " brought up to date");
  return flags_page_with(ctx, {}, 200,
                         "Checked " + std::to_string(report->accounts) + (report->accounts == 1 ? " account" : " accounts") + " as at " +
                             on->display() + ": " + std::to_string(report->raised) + " new, " + std::to_string(report->updated) +
                             " open flags brought up to date.");
}

struct FlagAndPerson {
  storage::Flag flag;
  people::Person person;
};
std::expected<FlagAndPerson, Response> flag_for(Context& ctx, access::Action action) {
  auto id = ctx.request.path_id("id");
  auto flag = id ? storage::find_flag(ctx.db(), ctx.signed_in_user().council_id, *id) : std::nullopt;
  if (!flag) return std::unexpected(error_page(ctx, 404, "Page not found", "There is no such flag in this council."));
  auto person = ctx.person_for(action, flag->person_id);
  if (!person) return std::unexpected(error_page(ctx, person.error().status, person.error().title, person.error().detail));
  return FlagAndPerson{std::move(*flag), std::move(*person)};
}

Options outcome_options() {
  Options o;
  for (auto x : outcomes()) o.push_back({std::string(outcome_code(x)), std::string(outcome_label(x))});
  return o;
}

Response flag_page_with(Context& ctx, const FlagAndPerson& fp, const FieldErrors& errors, int status) {
  const auto& f = fp.flag;
  const auto& user = ctx.signed_in_user();
  auto& db = ctx.db();
  const CivilDate today = CivilDate::today_utc();
  Data content;
  content.set("id", std::to_string(f.id));
  content.set("href", flag_href(f.id));
  content.set("kind", std::string(flag_kind_label(f.kind)));
  content.set("person", fp.person.full_name());
  content.set("part", f.part_key);
  content.set("state_label", std::string(flag_state_label(f.state)));
  if (f.outcome) content.set("outcome", std::string(outcome_label(*f.outcome)));
  content.set("raised_on", f.raised_on.display());
  content.set("last_seen_on", f.last_seen_on.display());
  content.set("summary", f.evidence.summary);
  List details;
  for (const auto& line : f.evidence.details) details.push_back(Object{{"line", line}});
  content.set("details", details);
  if (may_on(ctx, access::Action::ViewLedger, fp.person) && user.role == access::Role::FinanceOfficer)
    content.set("account_href", "/finance/accounts/" + std::to_string(f.account_id));

  const auto m = services::account_monitoring(db, f.council_id, f.account_id, today);
  content.set("risk", std::string(risk_label(m.risk.risk)));
  List reasons;
  for (const auto& r : m.risk.reasons) reasons.push_back(Object{{"reason", r}});
  content.set("risk_reasons", reasons);
  if (m.next_review)
    content.set("next_review", m.next_review->first ? "First review between " + m.next_review->earliest.display() + " and " +
                                                          m.next_review->due.display()
                                                    : "By " + m.next_review->due.display());

  List history;
  for (const auto& e : storage::flag_events(db, f.council_id, f.id)) {
    std::string what = e.outcome ? "Outcome: " + std::string(outcome_label(*e.outcome))
                                 : (e.state == FlagState::Open ? std::string("Raised") : std::string("Looked at"));
    history.push_back(Object{{"what", what}, {"who", e.by_name.empty() ? std::string("The monitoring check") : e.by_name},
                             {"when", when(e.at)}, {"note", e.note}});
  }
  content.set("history", history);

  const ErrorMap em = error_map(errors);
  if (f.state != FlagState::Closed && may_on(ctx, access::Action::WorkFlag, fp.person)) {
    List fields;
    if (f.state == FlagState::Open) {
      content.set("step", "looked_at");
      content.set("step_button", "Record that you have looked at it");
      fields.push_back(textarea_field({"note", "What you found", "For example, who you spoke to and what they said"},
                                      ctx.request.form_value("note"), em));
    } else {
      content.set("step", "outcome");
      content.set("step_button", "Record the outcome");
      fields.push_back(radios_field({"outcome", "Outcome", "Recovering a surplus is then prepared by finance and approved by a second officer"},
                                    outcome_options(), ctx.request.form_value("outcome"), em));
      fields.push_back(textarea_field({"note", "What was decided, and why", ""}, ctx.request.form_value("note"), em));
      fields.push_back(date_field({"suspend_from", "Payments stop from (only when suspending payments)", "For example, 7 12 2026"},
                                  form_date_value(ctx.request, "suspend_from", ""), em));
    }
    content.set("work_fields", fields);
  }

  // The surplus recovery, for finance.
  if (f.kind == FlagKind::AboveReserve && f.outcome == Outcome::RecoverSurplus) {
    content.set("recovery_section", true);
    const Money now = services::surplus_now(db, f, today);
    content.set("surplus_now", now.display());
    List recoveries;
    std::optional<storage::Recovery> waiting;
    bool done = false;
    for (const auto& r : storage::flag_recoveries(db, f.council_id, f.id)) {
      std::string words = r.amount.display() + ", prepared by " + r.prepared_by_name + " on " + when(r.prepared_at);
      if (r.state == RecoveryState::Approved) { words += "; approved by " + r.decided_by_name + " on " + when(r.decided_at) + ": taken back"; done = true; }
      if (r.state == RecoveryState::Refused) words += "; refused by " + r.decided_by_name + ": " + r.decision_note;
      if (r.state == RecoveryState::Prepared) { words += "; waiting for another finance officer to approve it"; waiting = r; }
      recoveries.push_back(Object{{"words", words}});
    }
    if (!recoveries.empty()) content.set("recoveries", recoveries);
    const bool finance = access::decide(user.actor(), access::Action::PrepareSurplusRecovery).allowed();
    if (finance && !waiting && !done) {
      List fields;
      fields.push_back(text_field({"amount", "Amount to recover, in pounds", "At most " + now.display() + ", the money held above the allowed reserve today"},
                                  ctx.request.form_value("amount").empty() ? now.decimal() : ctx.request.form_value("amount"), em,
                                  "govuk-input--width-10"));
      content.set("prepare_fields", fields);
      content.set("has_prepare", true);
    }
    if (finance && waiting) {
      if (waiting->prepared_by == user.id) content.set("own_recovery", true);
      else {
        content.set("decide", true);
        List fields;
        fields.push_back(text_field({"note", "If you refuse it, say why", ""}, "", em));
        content.set("decide_fields", fields);
      }
    }
  }
  add_errors(content, errors);
  return page(ctx, "monitoring/flag", content, std::string(flag_kind_label(f.kind)) + ": " + fp.person.full_name(), status);
}

Response flag_page(Context& ctx) {
  auto fp = flag_for(ctx, access::Action::ViewFlag);
  if (!fp) return fp.error();
  return flag_page_with(ctx, *fp, {}, 200);
}

Response work(Context& ctx) {
  auto fp = flag_for(ctx, access::Action::WorkFlag);
  if (!fp) return fp.error();
  people::Fields fields{{"step", ctx.request.form_value("step")}, {"note", ctx.request.form_value("note")}};
  if (!ctx.request.form_value("outcome").empty()) fields["outcome"] = ctx.request.form_value("outcome");
  if (auto d = date_from_form(ctx.request, "suspend_from"); !d.empty()) fields["suspend_from"] = d;
  auto worked = services::work_flag(ctx.db(), fp->person, fp->flag, fields, ctx.signed_in_user().id);
  if (!worked) return flag_page_with(ctx, *fp, worked.error(), 422);
  const auto& f = worked->flag;
  ctx.audit(audit::AuditAction::WorkFlag, f.person_id, access::Outcome::Allowed,
            "flag " + std::to_string(f.id) + " (" + std::string(flag_kind_code(f.kind)) + "): " +
                (f.outcome ? "outcome " + std::string(outcome_code(*f.outcome)) : std::string("looked at")));
  if (worked->suspension)
    ctx.audit(audit::AuditAction::SuspendPayments, f.person_id, access::Outcome::Allowed,
              "part " + f.part_key + " from " + worked->suspension->from.iso() + ": sanction, from flag " + std::to_string(f.id));
  return Response::redirect(flag_href(f.id));
}

Response prepare(Context& ctx) {
  auto d = ctx.authorize(access::Action::PrepareSurplusRecovery);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot recover a surplus", d.reason);
  auto fp = flag_for(ctx, access::Action::ViewFlag);
  if (!fp) return fp.error();
  auto r = services::prepare_recovery(ctx.db(), fp->flag, {{"amount", ctx.request.form_value("amount")}}, ctx.signed_in_user().id);
  if (!r) {
    ctx.audit(audit::AuditAction::RecordSurplusRecovery, fp->flag.person_id, access::Outcome::Refused,
              "flag " + std::to_string(fp->flag.id) + ": " + r.error().front().message);
    return flag_page_with(ctx, *fp, r.error(), 422);
  }
  ctx.audit(audit::AuditAction::RecordSurplusRecovery, fp->flag.person_id, access::Outcome::Allowed,
            "prepared recovery " + std::to_string(r->id) + " of " + r->amount.decimal() + " on flag " + std::to_string(fp->flag.id));
  return Response::redirect(flag_href(fp->flag.id));
}

Response decide(Context& ctx, bool approve) {
  auto fp = flag_for(ctx, access::Action::ViewFlag);
  if (!fp) return fp.error();
  std::optional<storage::Recovery> waiting;
  for (const auto& r : storage::flag_recoveries(ctx.db(), fp->flag.council_id, fp->flag.id))
    if (r.state == RecoveryState::Prepared) waiting = r;
  if (!waiting) return flag_page_with(ctx, *fp, {{"recovery", "No recovery on this flag is waiting for a decision"}}, 409);
  const auto& user = ctx.signed_in_user();
  auto d = ctx.authorize(access::Action::DecideSurplusRecovery, access::PreparedWork{waiting->prepared_by, user.council_id},
                         "surplus recovery " + std::to_string(waiting->id), fp->flag.person_id);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot decide this recovery", d.reason);
  auto done = approve ? services::approve_recovery(ctx.db(), fp->flag, *waiting, user.id, CivilDate::today_utc())
                      : services::refuse_recovery(ctx.db(), fp->flag, *waiting, user.id, ctx.request.form_value("note"));
  if (!done) {
    ctx.audit(audit::AuditAction::RecordSurplusRecovery, fp->flag.person_id, access::Outcome::Refused,
              "recovery " + std::to_string(waiting->id) + ": " + done.error().front().message);
    return flag_page_with(ctx, *fp, done.error(), 422);
  }
  ctx.audit(audit::AuditAction::RecordSurplusRecovery, fp->flag.person_id, access::Outcome::Allowed,
            "recovery " + std::to_string(waiting->id) + " of " + waiting->amount.decimal() +
                (approve ? " approved: transfer " + done->transfer_id + " posted" : " refused: " + done->decision_note));
  return Response::redirect(flag_href(fp->flag.id));
}
Response approve(Context& ctx) { return decide(ctx, ctx.request.form_value("decision") != "refuse"); }

Response controls_form(Context& ctx, const people::Person& person, const FieldErrors& errors, int status) {
  auto pc = services::spending_controls(ctx.db(), person, CivilDate::today_utc());
  if (!pc) return error_page(ctx, 404, "There is no support plan yet", "Spending controls belong to a plan: write the plan first.");
  const auto& c = pc->in_force();
  const ErrorMap em = error_map(errors);
  auto value = [&](const char* name, std::string fallback) {
    auto v = ctx.request.form_value(name);
    return status == 200 ? fallback : v;
  };
  std::string codes;
  for (int x : c.blocked_merchant_codes) codes += (codes.empty() ? "" : ", ") + std::to_string(x);
  FormPage form;
  form.title = "Spending controls: " + person.full_name();
  form.caption = person.full_name();
  form.heading = "Change the spending controls";
  form.lead = "These controls belong to " + person.given_name +
              "'s plan alone. Agree any change with them, and say why: a restriction for everyone would take away the choice and control "
              "a personal budget is for.";
  form.action = "/people/" + person.id.text() + "/spending-controls";
  form.submit_label = "Save the controls";
  form.back_href = "/people/" + person.id.text() + "/plans";
  form.fields.push_back(text_field({"blocked_merchant_codes", "Kinds of shop the money may not be spent at",
                                    "Merchant category codes, four digits each, separated by commas. 7995 is betting and casino gaming"},
                                   value("blocked_merchant_codes", codes), em));
  form.fields.push_back(radios_field({"cash_allowed", "May the money be taken out as cash?", ""}, {{"yes", "Yes"}, {"no", "No"}},
                                     value("cash_allowed", c.cash_allowed ? "yes" : "no"), em, true));
  form.fields.push_back(text_field({"cash_threshold", "Cash above this in 4 weeks is checked, in pounds", "For example, 150.00"},
                                   value("cash_threshold", c.cash_threshold.decimal()), em, "govuk-input--width-10"));
  form.fields.push_back(textarea_field({"reason", "Why the controls are changing", "For example, agreed with Margaret and her daughter at the review"},
                                       value("reason", ""), em));
  return form_page(ctx, form, errors, status);
}

Response controls_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ChangeSpendingControls);
  if (!person) return person.error();
  return controls_form(ctx, *person, {}, 200);
}

Response change_controls(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ChangeSpendingControls);
  if (!person) return person.error();
  people::Fields fields;
  for (auto name : controls_field_names()) fields[std::string(name)] = ctx.request.form_value(name);
  auto pc = services::change_spending_controls(ctx.db(), *person, fields, ctx.signed_in_user().id);
  if (!pc) return controls_form(ctx, *person, pc.error(), 422);
  ctx.audit(audit::AuditAction::ChangeSpendingControls, person->id, access::Outcome::Allowed,
            "plan " + std::to_string(pc->plan_number) + ": " + pc->history.front().what_changed + "; why: " + pc->history.front().reason);
  return Response::redirect("/people/" + person->id.text() + "/plans#spending-controls");
}

}  // namespace

void add_spending_controls(Context& ctx, const people::Person& person, Data& content) {
  auto pc = services::spending_controls(ctx.db(), person, CivilDate::today_utc());
  if (!pc) return;
  const auto& c = pc->in_force();
  Data controls;
  List blocked;
  for (int x : c.blocked_merchant_codes) blocked.push_back(Object{{"code", merchant_code_label(x)}});
  if (blocked.empty()) controls.set("none_blocked", true);
  else controls.set("blocked", blocked);
  controls.set("cash", c.cash_allowed ? "Allowed. More than " + c.cash_threshold.display() + " in 4 weeks is checked with " + person.given_name
                                      : std::string("Not allowed"));
  List history;
  for (const auto& h : pc->history)
    history.push_back(Object{{"what", h.what_changed}, {"why", h.reason},
                             {"who", h.id == 0 ? std::string("Not changed for this plan")
                                               : (h.changed_by_name.empty() ? std::string("Copied when the plan was first checked")
                                                                            : h.changed_by_name + ", " + when(h.changed_at))}});
  controls.set("history", history);
  if (may_on(ctx, access::Action::ChangeSpendingControls, person)) controls.set("change_href", "/people/" + person.id.text() + "/spending-controls");
  content.set("spending_controls", controls);
}

void add_monitoring_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/flags", route(flags_page));
  d.add(Method::Post, "/flags/check", route(check));
  d.add(Method::Get, "/flags/{id}", route(flag_page));
  d.add(Method::Post, "/flags/{id}/work", route(work));
  d.add(Method::Post, "/flags/{id}/recovery", route(prepare));
  d.add(Method::Post, "/flags/{id}/recovery/decide", route(approve));
  d.add(Method::Get, "/people/{id}/spending-controls", route(controls_page));
  d.add(Method::Post, "/people/{id}/spending-controls", route(change_controls));
}

}  // namespace patchwork::web
