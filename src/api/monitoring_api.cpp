// Monitoring (#16, docs/money.md "Monitoring and flags"):
//  - /api/v1/flags: the council's flags, open first and oldest first, with
//    filters (state, kind, person_id); a social worker sees only the flags of
//    the people allocated to them. POST /api/v1/flags/check runs the check
//    (finance).
//  - /api/v1/flags/{id}: one flag with its evidence, history, recoveries and
//    the account's risk; reached through the person (role AND relationship),
//    every look audited. …/work records a step; …/recovery prepares a surplus
//    recovery, …/recovery/approve and …/recovery/refuse decide it (never by
//    whoever prepared it: the policy refuses, and the refusal is audited).
//  - /api/v1/people/{id}/spending-controls: the plan's controls and their
//    history; PUT changes them with a reason.
//  - /api/v1/monitoring-settings: the council's settings (GET, PUT).
#include <set>

#include "api/json.hpp"
#include "api/routes.hpp"
#include "core/text.hpp"
#include "services/monitoring_service.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

using namespace monitoring;

http::Response forbidden(const access::Decision& d) { return http::Response::problem(403, "Forbidden", d.reason); }
http::Response no_flag() { return http::Response::problem(404, "Not found", "There is no such flag in this council."); }

// A refusal because of where something stands is a conflict (409); anything
// else is a field to correct (422).
http::Response refused(const FieldErrors& errors) {
  for (const auto& e : errors)
    if (e.field == "state" || e.field == "approved_by" || e.field == "flag" || e.field == "step")
      return http::Response::problem(409, "Conflict", e.message, {{e.field, e.message}});
  return validation_problem(errors);
}

json::object evidence_json(const Evidence& e) {
  json::array details, lines;
  for (const auto& d : e.details) details.push_back(json::value(d));
  for (auto id : e.line_ids) lines.push_back(id);
  return {{"summary", e.summary}, {"details", std::move(details)}, {"statement_line_ids", std::move(lines)}, {"amount", e.amount.decimal()}};
}

json::object flag_json(const storage::Flag& f) {
  return {{"id", f.id},
          {"person_id", f.person_id.value()},
          {"person_name", f.person_name},
          {"account_id", f.account_id},
          {"part_key", f.part_key},
          {"kind", flag_kind_code(f.kind)},
          {"kind_label", flag_kind_label(f.kind)},
          {"subject", f.subject},
          {"state", flag_state_code(f.state)},
          {"state_label", flag_state_label(f.state)},
          {"outcome", f.outcome ? json::value(outcome_code(*f.outcome)) : json::value(nullptr)},
          {"raised_on", f.raised_on.iso()},
          {"last_seen_on", f.last_seen_on.iso()},
          {"evidence", evidence_json(f.evidence)}};
}

json::object recovery_json(const storage::Recovery& r) {
  return {{"id", r.id},
          {"amount", r.amount.decimal()},
          {"state", recovery_state_code(r.state)},
          {"prepared", json::object{{"user_id", r.prepared_by.value()}, {"name", r.prepared_by_name}, {"at", r.prepared_at}}},
          {"decided", r.decided_by ? json::value(json::object{{"user_id", r.decided_by->value()}, {"name", r.decided_by_name},
                                                               {"at", r.decided_at}, {"note", r.decision_note}})
                                   : json::value(nullptr)},
          {"transfer_id", r.transfer_id.empty() ? json::value(nullptr) : json::value(r.transfer_id)}};
}

json::object full_flag_json(http::Context& ctx, const storage::Flag& f) {
  auto& db = ctx.db();
  auto o = flag_json(f);
  json::array history, recoveries;
  for (const auto& e : storage::flag_events(db, f.council_id, f.id))
    history.push_back(json::object{{"state", flag_state_code(e.state)},
                                   {"outcome", e.outcome ? json::value(outcome_code(*e.outcome)) : json::value(nullptr)},
                                   {"note", e.note}, {"by", e.by_name}, {"at", e.at}});
  for (const auto& r : storage::flag_recoveries(db, f.council_id, f.id)) recoveries.push_back(recovery_json(r));
  const auto m = services::account_monitoring(db, f.council_id, f.account_id, CivilDate::today_utc());
  json::array reasons;
  for (const auto& r : m.risk.reasons) reasons.push_back(json::value(r));
  o["history"] = std::move(history);
  o["recoveries"] = std::move(recoveries);
  o["surplus_now"] = services::surplus_now(db, f, CivilDate::today_utc()).decimal();
  o["monitoring"] = json::object{{"risk", risk_code(m.risk.risk)},
                                 {"reasons", std::move(reasons)},
                                 {"next_review_from", m.next_review ? json::value(m.next_review->earliest.iso()) : json::value(nullptr)},
                                 {"next_review_due", m.next_review ? json::value(m.next_review->due.iso()) : json::value(nullptr)},
                                 {"first_review", m.next_review && m.next_review->first}};
  return o;
}

// The council's flag named by the route, or nothing (another council's is
// never found and answers as one that does not exist).
std::optional<storage::Flag> flag_in_route(http::Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return std::nullopt;
  return storage::find_flag(ctx.db(), ctx.signed_in_user().council_id, *id);
}

// The flag and its person, after the policy allows `action` on the person
// (role AND relationship; audited either way).
struct FlagAndPerson {
  storage::Flag flag;
  people::Person person;
};
std::expected<FlagAndPerson, http::Response> flag_for(http::Context& ctx, access::Action action) {
  auto flag = flag_in_route(ctx);
  if (!flag) return std::unexpected(no_flag());
  auto person = ctx.person_for(action, flag->person_id);
  if (!person) return std::unexpected(http::Response::problem(person.error().status, person.error().title, person.error().detail));
  return FlagAndPerson{std::move(*flag), std::move(*person)};
}

http::Response list(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewFlags);
  if (!d.allowed()) return forbidden(d);
  const auto& user = ctx.signed_in_user();
  storage::FlagFilter filter;
  FieldErrors errors;
  if (auto s = ctx.request.query_value("state"); !s.empty()) {
    filter.state = flag_state_from_code(s);
    if (!filter.state) errors.push_back({"state", "The state must be open, looked_at or closed"});
  }
  if (auto k = ctx.request.query_value("kind"); !k.empty()) {
    filter.kind = flag_kind_from_code(k);
    if (!filter.kind) errors.push_back({"kind", "There is no such kind of flag"});
  }
  if (auto p = ctx.request.query_value("person_id"); !p.empty()) {
    auto id = parse_id(p);
    if (!id) errors.push_back({"person_id", "The person_id must be a number"});
    else filter.person = PersonId(*id);
  }
  if (!errors.empty()) return validation_problem(errors);
  // A social worker's list is their people's flags only.
  if (user.role == access::Role::SocialWorker) filter.allocated_to = user.id;
  json::array flags;
  std::set<std::int64_t> people_listed;
  for (const auto& f : storage::list_flags(ctx.db(), user.council_id, filter)) {
    if (people_listed.insert(f.person_id.value()).second)
      ctx.audit(audit::AuditAction::ListPerson, f.person_id, access::Outcome::Allowed, "in the list of monitoring flags");
    flags.push_back(flag_json(f));
  }
  return json_response(json::object{{"flags", std::move(flags)}});
}

http::Response check(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::RunMonitoringCheck);
  if (!d.allowed()) return forbidden(d);
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto bad = unknown_members(*fields, {"date"}, "a monitoring check")) return *bad;
  CivilDate on = CivilDate::today_utc();
  if (auto it = fields->find("date"); it != fields->end() && !trim(it->second).empty()) {
    auto parsed = CivilDate::parse_iso(trim(it->second));
    if (!parsed) return validation_problem({{"date", "The date must be a real date, like 2026-12-02"}});
    on = *parsed;
  }
  const auto council = ctx.signed_in_user().council_id;
  auto report = services::run_monitoring_check(ctx.db(), council, on);
  if (!report) return validation_problem(report.error());
  ctx.audit(audit::AuditAction::RunMonitoringCheck, std::nullopt, access::Outcome::Allowed,
            "check of " + on.iso() + ": " + std::to_string(report->accounts) + " accounts, " + std::to_string(report->raised) +
                " flags raised, " + std::to_string(report->updated) + " brought up to date");
  return json_response(json::object{{"date", on.iso()}, {"accounts", report->accounts}, {"raised", report->raised},
                                    {"updated", report->updated}});
}

http::Response show(http::Context& ctx) {
  auto fp = flag_for(ctx, access::Action::ViewFlag);
  if (!fp) return fp.error();
  return json_response(full_flag_json(ctx, fp->flag));
}

http::Response work(http::Context& ctx) {
  auto fp = flag_for(ctx, access::Action::WorkFlag);
  if (!fp) return fp.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto bad = unknown_members(*fields, {"step", "outcome", "note", "suspend_from"}, "a step on a flag")) return *bad;
  auto worked = services::work_flag(ctx.db(), fp->person, fp->flag, *fields, ctx.signed_in_user().id);
  if (!worked) return refused(worked.error());
  const auto& f = worked->flag;
  ctx.audit(audit::AuditAction::WorkFlag, f.person_id, access::Outcome::Allowed,
            "flag " + std::to_string(f.id) + " (" + std::string(flag_kind_code(f.kind)) + "): " +
                (f.outcome ? "outcome " + std::string(outcome_code(*f.outcome)) : std::string("looked at")));
  if (worked->suspension)
    ctx.audit(audit::AuditAction::SuspendPayments, f.person_id, access::Outcome::Allowed,
              "part " + f.part_key + " from " + worked->suspension->from.iso() + ": sanction, from flag " + std::to_string(f.id));
  return json_response(full_flag_json(ctx, f));
}

http::Response prepare(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::PrepareSurplusRecovery);
  if (!d.allowed()) return forbidden(d);
  auto fp = flag_for(ctx, access::Action::ViewFlag);
  if (!fp) return fp.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto bad = unknown_members(*fields, {"amount"}, "a surplus recovery")) return *bad;
  auto r = services::prepare_recovery(ctx.db(), fp->flag, *fields, ctx.signed_in_user().id);
  if (!r) {
    ctx.audit(audit::AuditAction::RecordSurplusRecovery, fp->flag.person_id, access::Outcome::Refused,
              "flag " + std::to_string(fp->flag.id) + ": " + r.error().front().message);
    return refused(r.error());
  }
  ctx.audit(audit::AuditAction::RecordSurplusRecovery, fp->flag.person_id, access::Outcome::Allowed,
            "prepared recovery " + std::to_string(r->id) + " of " + r->amount.decimal() + " on flag " + std::to_string(fp->flag.id));
  return json_response(recovery_json(*r), 201);
}

// The flag's recovery waiting for a decision, or the problem to answer with.
std::expected<storage::Recovery, http::Response> waiting_recovery(http::Context& ctx, const storage::Flag& flag) {
  for (const auto& r : storage::flag_recoveries(ctx.db(), flag.council_id, flag.id))
    if (r.state == RecoveryState::Prepared) return r;
  return std::unexpected(http::Response::problem(409, "Conflict", "No recovery on this flag is waiting for a decision."));
}

http::Response decide(http::Context& ctx, bool approve) {
  auto fp = flag_for(ctx, access::Action::ViewFlag);
  if (!fp) return fp.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto bad = unknown_members(*fields, {"note"}, approve ? "an approval" : "a refusal")) return *bad;
  auto r = waiting_recovery(ctx, fp->flag);
  if (!r) return r.error();
  const auto& user = ctx.signed_in_user();
  auto d = ctx.authorize(access::Action::DecideSurplusRecovery, access::PreparedWork{r->prepared_by, user.council_id},
                         "surplus recovery " + std::to_string(r->id), fp->flag.person_id);
  if (!d.allowed()) return forbidden(d);
  auto it = fields->find("note");
  const std::string note = it == fields->end() ? std::string() : it->second;
  auto done = approve ? services::approve_recovery(ctx.db(), fp->flag, *r, user.id, CivilDate::today_utc())
                      : services::refuse_recovery(ctx.db(), fp->flag, *r, user.id, note);
  if (!done) {
    ctx.audit(audit::AuditAction::RecordSurplusRecovery, fp->flag.person_id, access::Outcome::Refused,
              "recovery " + std::to_string(r->id) + ": " + done.error().front().message);
    return refused(done.error());
  }
  ctx.audit(audit::AuditAction::RecordSurplusRecovery, fp->flag.person_id, access::Outcome::Allowed,
            "recovery " + std::to_string(r->id) + " of " + r->amount.decimal() +
                (approve ? " approved: transfer " + done->transfer_id + " posted" : " refused: " + done->decision_note));
  return json_response(recovery_json(*done));
}
http::Response approve(http::Context& ctx) { return decide(ctx, true); }
http::Response refuse(http::Context& ctx) { return decide(ctx, false); }

json::object controls_json(const services::PlanControls& pc) {
  json::array history;
  for (const auto& h : pc.history) {
    json::array codes;
    for (int c : h.controls.blocked_merchant_codes) codes.push_back(c);
    history.push_back(json::object{{"blocked_merchant_codes", std::move(codes)}, {"cash_allowed", h.controls.cash_allowed},
                                   {"cash_threshold", h.controls.cash_threshold.decimal()}, {"reason", h.reason},
                                   {"what_changed", h.what_changed}, {"changed_by", h.changed_by_name},
                                   {"changed_at", h.changed_at.empty() ? json::value(nullptr) : json::value(h.changed_at)},
                                   {"council_defaults_not_yet_copied", h.id == 0}});
  }
  json::object in_force = history.front().as_object();
  return {{"plan_number", pc.plan_number}, {"in_force", std::move(in_force)}, {"history", std::move(history)}};
}

http::Response get_controls(http::Context& ctx) {
  // The controls are part of the plan: whoever may see the plan sees them.
  auto person = person_for(ctx, access::Action::ViewPlan);
  if (!person) return person.error();
  auto pc = services::spending_controls(ctx.db(), *person, CivilDate::today_utc());
  if (!pc) return http::Response::problem(404, "Not found", "There is no support plan yet: spending controls belong to a plan.");
  return json_response(controls_json(*pc));
}

http::Response put_controls(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ChangeSpendingControls);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto bad = unknown_members(*fields, controls_field_names(), "spending controls")) return *bad;
  auto pc = services::change_spending_controls(ctx.db(), *person, *fields, ctx.signed_in_user().id);
  if (!pc) return validation_problem(pc.error());
  ctx.audit(audit::AuditAction::ChangeSpendingControls, person->id, access::Outcome::Allowed,
            "plan " + std::to_string(pc->plan_number) + ": " + pc->history.front().what_changed + "; why: " + pc->history.front().reason);
  return json_response(controls_json(*pc));
}

json::object settings_json(const Settings& s) {
  json::array codes;
  for (int c : s.default_blocked_merchant_codes) codes.push_back(c);
  return {{"effective_from", s.effective_from.ok() ? json::value(s.effective_from.iso()) : json::value(nullptr)},
          {"first_review_from_weeks", s.first_review_from_weeks},
          {"first_review_by_weeks", s.first_review_by_weeks},
          {"low_risk_weeks", s.low_risk_weeks},
          {"higher_risk_weeks", s.higher_risk_weeks},
          {"no_spending_weeks", s.no_spending_weeks},
          {"lookback_weeks", s.lookback_weeks},
          {"cash_threshold", s.cash_threshold.decimal()},
          {"default_blocked_merchant_codes", std::move(codes)}};
}

http::Response get_settings(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageMonitoringSettings);
  if (!d.allowed()) return forbidden(d);
  const auto council = ctx.signed_in_user().council_id;
  json::array history;
  for (const auto& s : storage::monitoring_settings_history(ctx.db(), council)) history.push_back(settings_json(s));
  return json_response(json::object{{"in_force", settings_json(services::monitoring_settings_on(ctx.db(), council, CivilDate::today_utc()))},
                                    {"history", std::move(history)}});
}

http::Response put_settings(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageMonitoringSettings);
  if (!d.allowed()) return forbidden(d);
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto bad = unknown_members(*fields, settings_field_names(), "the monitoring settings")) return *bad;
  const auto& user = ctx.signed_in_user();
  auto s = services::set_monitoring_settings(ctx.db(), user.council_id, *fields, user.id);
  if (!s) return validation_problem(s.error());
  ctx.audit(audit::AuditAction::ManageMonitoringSettings, std::nullopt, access::Outcome::Allowed,
            "monitoring settings from " + s->effective_from.iso() + ": reviews " + std::to_string(s->low_risk_weeks) + "/" +
                std::to_string(s->higher_risk_weeks) + " weeks, no spending " + std::to_string(s->no_spending_weeks) + " weeks, cash over " +
                s->cash_threshold.decimal());
  return json_response(settings_json(*s));
}

}  // namespace

void add_monitoring_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/flags", route(list));
  d.add(http::Method::Post, "/api/v1/flags/check", route(check));
  d.add(http::Method::Get, "/api/v1/flags/{id}", route(show));
  d.add(http::Method::Post, "/api/v1/flags/{id}/work", route(work));
  d.add(http::Method::Post, "/api/v1/flags/{id}/recovery", route(prepare));
  d.add(http::Method::Post, "/api/v1/flags/{id}/recovery/approve", route(approve));
  d.add(http::Method::Post, "/api/v1/flags/{id}/recovery/refuse", route(refuse));
  d.add(http::Method::Get, "/api/v1/people/{id}/spending-controls", route(get_controls));
  d.add(http::Method::Put, "/api/v1/people/{id}/spending-controls", route(put_controls));
  d.add(http::Method::Get, "/api/v1/monitoring-settings", route(get_settings));
  d.add(http::Method::Put, "/api/v1/monitoring-settings", route(put_settings));
}

}  // namespace patchwork::api
