// /api/v1/approvals: approval by delegated authority (#15). The queue, one
// request, its decision and finance's acknowledgement; the council's approval
// thresholds; the decision-time report. The person behind each request is had
// through the policy (Context::person_for / list_people) and every look and
// change is audited; whether the amount is within the approver's limit is
// planning::may_approve's question, asked by the approvals service.
#include <map>

#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/approvals_service.hpp"
#include "services/plan_approval_service.hpp"
#include "storage/repositories/approvals_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::api {
namespace {

json::value optional_pence(const std::optional<Money>& m) { return m ? json::value(m->pence()) : json::value(nullptr); }

json::object request_json(const planning::ApprovalRequest& r) {
  return {{"id", r.id},
          {"person_id", r.person_id.value()},
          {"plan_id", r.plan_id},
          {"plan_version", r.plan_version},
          {"weekly_cost_pence", r.weekly_cost.pence()},
          {"one_off_cost_pence", r.one_off_cost.pence()},
          {"weighed_weekly_cost_pence", r.weighed_cost().pence()},
          {"indicative_weekly_pence", optional_pence(r.indicative_weekly)},
          {"interim", r.interim},
          {"author_id", r.author_id.value()},
          {"submitted_at", r.submitted_at},
          {"queued_for", r.queued_for},
          {"status", std::string(planning::approval_status_code(r.status))},
          {"decided_by", optional_id(r.decided_by)},
          {"decided_at", optional_text(r.decided_at)},
          {"decided_as", optional_text(r.decided_as)},
          {"thresholds_id", optional_id(r.thresholds_id)},
          {"decision_text", r.decision_text},
          {"variance_reason", optional_text(r.variance_reason)},
          {"variance_text", r.variance_text},
          {"finance_acknowledged_by", optional_id(r.finance_acknowledged_by)},
          {"finance_acknowledged_at", optional_text(r.finance_acknowledged_at)}};
}

json::object thresholds_json(const planning::ApprovalThresholds& t) {
  return {{"id", t.id},
          {"version", t.version},
          {"name", t.name},
          {"effective_from", t.effective_from.iso()},
          {"social_worker_pence", t.social_worker.pence()},
          {"team_manager_pence", t.team_manager.pence()},
          {"head_of_service_pence", optional_pence(t.head_of_service)},
          {"panel", t.panel},
          {"author_self_approval_pence", optional_pence(t.author_self_approval)},
          {"interim_pence", t.interim.pence()}};
}

http::Response problem_of(const services::ApprovalProblem& p) {
  using Kind = services::ApprovalProblem::Kind;
  if (p.kind == Kind::Invalid) return validation_problem(p.errors);
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& e : p.errors) fields.emplace_back(e.field, e.message);
  const std::string detail = p.errors.empty() ? "" : p.errors.front().message;
  if (p.kind == Kind::NotAllowed) return http::Response::problem(403, "Forbidden", detail, fields);
  return http::Response::problem(409, "Conflict", detail, fields);
}

// The request named by {request_id} in the user's council, and its person
// through the policy (`action`, audited either way); another council's
// request is not found, the same as none.
struct Found { planning::ApprovalRequest request; people::Person person; };
std::expected<Found, http::Response> request_for(http::Context& ctx, access::Action action) {
  auto id = ctx.request.path_id("request_id");
  const auto& user = ctx.signed_in_user();
  auto r = id ? storage::find_approval_request(ctx.db(), user.council_id, *id) : std::nullopt;
  if (!r) {
    ctx.audit(audit::audit_action_for(action), std::nullopt, access::Outcome::Refused, "no such approval request in this council");
    return std::unexpected(http::Response::problem(404, "Not found", "There is no approval request with that reference."));
  }
  auto person = ctx.person_for(action, r->person_id);
  if (!person) return std::unexpected(http::Response::problem(person.error().status, person.error().title, person.error().detail));
  return Found{std::move(*r), std::move(*person)};
}

http::Response queue(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewApprovals);
  if (!d.allowed()) return http::Response::problem(403, "Forbidden", d.reason);
  const auto& user = ctx.signed_in_user();
  auto items = services::queue_for(ctx.db(), user);
  const auto action = user.role == access::Role::FinanceOfficer ? access::Action::ManageFinance : access::Action::DecideApproval;
  // The people of the queue in a few queries (storage::find_people), not one
  // each: 500 pending plans were 500 reads (docs/performance.md).
  std::vector<PersonId> ids;
  for (const auto& item : items) ids.push_back(item.request.person_id);
  std::vector<people::Person> persons;
  for (auto& p : storage::find_people(ctx.db(), user.council_id, ids))
    if (ctx.allows(action, p)) persons.push_back(std::move(p));
  std::map<PersonId, people::Person> shown;
  for (auto& l : ctx.list_people(std::move(persons), "the approval queue")) shown.emplace(l.person.id, std::move(l.person));
  json::array out;
  for (const auto& item : items) {
    auto it = shown.find(item.request.person_id);
    if (it == shown.end()) continue;
    auto o = request_json(item.request);
    o["person"] = json::object{{"id", it->second.id.value()}, {"name", it->second.full_name()}};
    if (user.role != access::Role::FinanceOfficer) o["queued_for"] = std::string(planning::approver_code(item.queued_for));
    out.push_back(std::move(o));
  }
  return json_response(json::object{{"approvals", std::move(out)}});
}

http::Response show(http::Context& ctx) {
  auto found = request_for(ctx, access::Action::ViewFinance);
  if (!found) return found.error();
  auto o = request_json(found->request);
  o["person"] = json::object{{"id", found->person.id.value()}, {"name", found->person.full_name()}};
  // Whether the one asking may decide it, and why not (the limit), so a
  // client can say so before anyone tries.
  auto standing = services::standing_on(ctx.db(), ctx.signed_in_user(), found->request);
  if (standing.queued_for) o["waiting_for"] = std::string(planning::approver_code(*standing.queued_for));
  o["you_may_decide"] = found->request.status == planning::ApprovalStatus::Pending && standing.authority.allowed &&
                        ctx.allows(access::Action::DecideApproval, found->person);
  if (!standing.authority.allowed) o["why_not"] = standing.authority.reason;
  return json_response(o);
}

http::Response decision(http::Context& ctx) {
  auto found = request_for(ctx, access::Action::DecideApproval);
  if (!found) return found.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  FieldErrors unknown;
  services::DecisionInput input;
  for (const auto& [k, v] : *fields) {
    if (k == "decision") input.decision = v;
    else if (k == "reasons") input.reasons = v;
    else if (k == "variance_reason") { if (!v.empty()) input.variance_reason = v; }
    else if (k == "variance_text") input.variance_text = v;
    else unknown.push_back({k, "is not part of a decision (decision, reasons, variance_reason, variance_text)"});
  }
  if (!unknown.empty()) return validation_problem(unknown);
  auto decided = services::decide_plan(ctx.db(), ctx.signed_in_user(), found->request.id, input);
  if (!decided) {
    if (decided.error().kind == services::ApprovalProblem::Kind::NotAllowed)
      ctx.audit(audit::AuditAction::DecideApproval, found->person.id, access::Outcome::Refused, decided.error().errors.front().message);
    return problem_of(decided.error());
  }
  const auto& r = decided->decision.request;
  for (const auto& note : decided->audit) ctx.audit(note.action, found->person.id, access::Outcome::Allowed, note.reason);
  auto o = request_json(r);
  o["thresholds_version"] = decided->decision.thresholds.version;
  o["authority"] = decided->decision.authority;
  o["needs_finance_acknowledgement"] = decided->decision.needs_finance_acknowledgement;
  o["plan_status"] = decided->plan.status;
  if (decided->budget) o["budget_version"] = decided->budget->version;
  return json_response(o);
}

http::Response acknowledgement(http::Context& ctx) {
  auto found = request_for(ctx, access::Action::ManageFinance);
  if (!found) return found.error();
  if (ctx.signed_in_user().role != access::Role::FinanceOfficer) {
    ctx.audit(audit::AuditAction::AcknowledgeApproval, found->person.id, access::Outcome::Refused, "only finance acknowledges approved plans");
    return http::Response::problem(403, "Forbidden", "Only a finance officer acknowledges an approved plan.");
  }
  auto done = services::acknowledge(ctx.db(), ctx.signed_in_user(), found->request.id);
  if (!done) return problem_of(done.error());
  ctx.audit(audit::AuditAction::AcknowledgeApproval, found->person.id, access::Outcome::Allowed,
            "request " + std::to_string(done->id) + ", " + done->weekly_cost.display() + " a week");
  return json_response(request_json(*done));
}

http::Response thresholds(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewConfiguration);
  if (!d.allowed()) return http::Response::problem(403, "Forbidden", d.reason);
  const auto council = ctx.signed_in_user().council_id;
  auto versions = storage::list_approval_thresholds(ctx.db(), council);
  const auto* now = planning::thresholds_on(versions, CivilDate::today_utc());
  json::array out;
  for (const auto& t : versions) out.push_back(thresholds_json(t));
  return json_response(json::object{{"thresholds", std::move(out)},
                                    {"in_effect_id", now ? json::value(now->id) : json::value(nullptr)},
                                    {"finance_acknowledgement", storage::finance_acknowledgement(ctx.db(), council)}});
}

// An administrator loads a new version: the thresholds file as the body.
http::Response load_thresholds(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return http::Response::problem(403, "Forbidden", d.reason);
  if (!ctx.request.header("content-type").starts_with("application/json"))
    return http::Response::problem(415, "Unsupported media type", "Send the approval thresholds as application/json.");
  const auto& user = ctx.signed_in_user();
  auto id = services::load_approval_thresholds(ctx.db(), user.council_id, ctx.request.body, user.id);
  if (!id) return validation_problem(id.error());
  auto t = storage::find_approval_thresholds(ctx.db(), user.council_id, *id);
  ctx.audit(audit::AuditAction::LoadApprovalThresholds, std::nullopt, access::Outcome::Allowed,
            "version " + std::to_string(t->version) + ", in effect from " + t->effective_from.iso());
  return json_response(thresholds_json(*t), 201);
}

json::object group_json(const planning::TimeGroup& g) {
  auto secs = [](const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); };
  return {{"label", g.label}, {"decisions", g.decisions}, {"median_seconds", secs(g.median_seconds)}, {"p90_seconds", secs(g.p90_seconds)}};
}

http::Response decision_times(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewReports);
  if (!d.allowed()) return http::Response::problem(403, "Forbidden", d.reason);
  auto report = services::decision_times(ctx.db(), ctx.signed_in_user().council_id);
  json::array amounts, ages;
  for (const auto& g : report.by_amount) amounts.push_back(group_json(g));
  for (const auto& g : report.by_age) ages.push_back(group_json(g));
  return json_response(json::object{{"all", group_json(report.all)}, {"by_amount", std::move(amounts)}, {"by_age", std::move(ages)}});
}

}  // namespace

void add_approvals_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/approvals", route(queue));
  d.add(http::Method::Get, "/api/v1/approvals/{request_id}", route(show));
  d.add(http::Method::Post, "/api/v1/approvals/{request_id}/decision", route(decision));
  d.add(http::Method::Post, "/api/v1/approvals/{request_id}/acknowledgement", route(acknowledgement));
  d.add(http::Method::Get, "/api/v1/approval-thresholds", route(thresholds));
  d.add(http::Method::Post, "/api/v1/approval-thresholds", route(load_thresholds));
  d.add(http::Method::Get, "/api/v1/reports/decision-times", route(decision_times));
}

}  // namespace patchwork::api
