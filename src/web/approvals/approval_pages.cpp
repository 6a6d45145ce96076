// Approval by delegated authority (#15): the queue of plans waiting for the
// signed-in approver, a request with its decision form (approve, refuse with
// reasons, return with questions), finance's acknowledgement, the council's
// approval thresholds (administrators) and the decision-time report. The
// person behind each request is had through the policy and every look and
// change is audited; the limit is planning::may_approve's, through the service.
#include "domain/planning/involvement.hpp"
#include "core/text.hpp"
#include "services/approvals_service.hpp"
#include "services/plan_approval_service.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/approvals_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/plans_repository.hpp"
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

std::string date_of(const std::string& timestamp) { return display_date(timestamp.substr(0, 10)); }

// "3 days" since a timestamp, for "waiting since".
std::string waited(const std::string& since) {
  auto from = parse_utc_timestamp(since);
  if (!from) return "";
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - *from).count();
  return planning::duration_words(secs < 0 ? 0 : secs);
}

std::string user_name(Context& ctx, std::optional<UserId> id) {
  if (!id) return "";
  auto u = storage::find_user(ctx.db(), ctx.signed_in_user().council_id, *id);
  return u ? u->display_name + " (" + std::string(access::role_name(u->role)) + ")" : "someone no longer here";
}

std::string cap_first(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
  return s;
}

Response queue(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewApprovals);
  if (!d.allowed()) return error_page(ctx, 403, "You do not approve support plans", d.reason);
  const auto& user = ctx.signed_in_user();
  const bool finance = user.role == access::Role::FinanceOfficer;
  auto items = services::queue_for(ctx.db(), user);
  const auto action = finance ? access::Action::ManageFinance : access::Action::DecideApproval;
  // The queue's people in a few queries, not one each (storage::find_people).
  std::vector<PersonId> ids;
  for (const auto& item : items) ids.push_back(item.request.person_id);
  std::vector<people::Person> persons;
  for (auto& p : storage::find_people(ctx.db(), user.council_id, ids))
    if (ctx.allows(action, p)) persons.push_back(std::move(p));
  std::map<PersonId, people::Person> shown;
  for (auto& l : ctx.list_people(std::move(persons), "the approval queue")) shown.emplace(l.person.id, std::move(l.person));
  List rows;
  for (const auto& item : items) {
    auto it = shown.find(item.request.person_id);
    if (it == shown.end()) continue;
    const auto& r = item.request;
    Object o{{"href", "/approvals/" + std::to_string(r.id)},
             {"name", it->second.full_name()},
             {"weekly", r.weekly_cost.display()},
             {"indicative", r.indicative_weekly ? r.indicative_weekly->display() : std::string("None")},
             {"since", finance ? date_of(r.decided_at.value_or(r.submitted_at)) : date_of(r.submitted_at)},
             {"waited", waited(finance ? r.decided_at.value_or(r.submitted_at) : r.submitted_at)},
             {"for", cap_first(std::string(planning::approver_name(item.queued_for)))}};
    if (r.interim) o["interim"] = Data(true);
    rows.push_back(o);
  }
  Data content;
  if (finance) content.set("finance", true);
  content.set("rows", rows);
  if (rows.empty()) content.set("empty", true);
  return page(ctx, "approvals/queue", content, finance ? "Approved plans to acknowledge" : "Plans waiting for approval");
}

struct Found { planning::ApprovalRequest request; people::Person person; };

std::expected<Found, Response> request_for(Context& ctx, access::Action action) {
  auto id = ctx.request.path_id("request_id");
  auto r = id ? storage::find_approval_request(ctx.db(), ctx.signed_in_user().council_id, *id) : std::nullopt;
  if (!r) {
    ctx.audit(audit::audit_action_for(action), std::nullopt, access::Outcome::Refused, "no such approval request in this council");
    return std::unexpected(error_page(ctx, 404, "Page not found", "There is no approval request with that reference."));
  }
  auto person = ctx.person_for(action, r->person_id);
  if (!person) return std::unexpected(error_page(ctx, person.error().status, person.error().status == 404 ? "Page not found" : "You cannot see this plan",
                                                 person.error().detail));
  return Found{std::move(*r), std::move(*person)};
}

List summary(Context& ctx, const planning::ApprovalRequest& r, const std::optional<planning::Approver>& waiting_for) {
  List rows;
  auto row = [&rows](std::string key, std::string value) { rows.push_back(Object{{"key", std::move(key)}, {"value", std::move(value)}}); };
  row("Cost a week", r.weekly_cost.display());
  if (r.one_off_cost.pence() > 0) {
    // A one-off cost is kept apart from the weekly cost and weighed against
    // the weekly limits spread over 52 weeks (planning::weighed_weekly_cost).
    row("One-off costs", r.one_off_cost.display() + ", paid once");
    row("Counted against approval limits as", r.weighed_cost().display() + " a week (the weekly cost, and the one-off cost spread over 52 weeks)");
  }
  row("First estimate (indicative budget) a week",
      r.indicative_weekly ? r.indicative_weekly->display() + ", worked out from the assessment before the plan was written" : "None worked out");
  if (r.indicative_weekly && r.differs_from_indicative()) {
    const bool more = r.weekly_cost > *r.indicative_weekly;
    auto diff = more ? r.weekly_cost.minus(*r.indicative_weekly) : r.indicative_weekly->minus(r.weekly_cost);
    if (diff) row("Difference", diff->display() + (more ? " a week more than the first estimate" : " a week less than the first estimate"));
  }
  if (r.variance_reason)
    row("Why the cost differs", std::string(planning::variance_reason_label(*r.variance_reason).value_or("")) + ": " + r.variance_text);
  row("Kind of budget", r.interim ? "Interim (for a limited time)" : "Full support plan");
  row("Plan", "Version " + std::to_string(r.plan_version) + " of plan " + std::to_string(r.plan_id));
  row("Written by", user_name(ctx, r.author_id));
  // Care Act 2014 s.25(5): the council "must take all reasonable steps to reach
  // agreement" with the adult on the plan, so the approver sees whether it was.
  if (auto plan = storage::find_plan_in_council(ctx.db(), r.council_id, r.plan_id)) {
    row("Agreed by the person", plan->agreed_on ? plan->agreed_by_name + " on " + plan->agreed_on->display()
                                : !plan->no_agreement_reason.empty()
                                    ? "No. Agreement could not be reached" +
                                          (plan->no_agreement_on ? " (recorded " + plan->no_agreement_on->display() + ")" : std::string()) +
                                          ": " + plan->no_agreement_reason
                                    : "Not yet: ask whether they agree before deciding");
    // s.25(3): who the council involved in preparing it.
    std::string involved;
    for (const auto& i : plan->involved)
      involved += (involved.empty() ? "" : "; ") + i.name + " (" + to_lower(people::label_for(planning::involvement_kinds(), i.kind)) + ")";
    row("Who was involved", involved.empty() ? "No one recorded" : involved);
  }
  row("Submitted", date_of(r.submitted_at) + (r.status == planning::ApprovalStatus::Pending ? " (waiting " + waited(r.submitted_at) + ")" : ""));
  if (r.status == planning::ApprovalStatus::Pending && waiting_for) row("Waiting for", cap_first(std::string(planning::approver_name(*waiting_for))));
  row("Status", std::string(planning::approval_status_label(r.status)));
  if (r.decided_at) {
    std::string as = r.decided_as == "panel" ? ", recording the panel's decision" : "";
    row("Decided by", user_name(ctx, r.decided_by) + as + " on " + date_of(*r.decided_at));
    if (r.thresholds_id)
      if (auto t = storage::find_approval_thresholds(ctx.db(), r.council_id, *r.thresholds_id))
        row("Under", "Approval thresholds version " + std::to_string(t->version) + " (from " + t->effective_from.display() + ")");
    if (!r.decision_text.empty())
      row(r.status == planning::ApprovalStatus::Returned ? "Questions" : r.status == planning::ApprovalStatus::Refused ? "Reasons" : "Note",
          r.decision_text);
  }
  if (r.finance_acknowledged_at) row("Acknowledged by finance", user_name(ctx, r.finance_acknowledged_by) + " on " + date_of(*r.finance_acknowledged_at));
  return rows;
}

Response show(Context& ctx, const Found& f, const FieldErrors& errors, int status) {
  const auto& r = f.request;
  const auto& user = ctx.signed_in_user();
  auto standing = services::standing_on(ctx.db(), user, r);
  Data content;
  content.set("caption", f.person.full_name());
  content.set("person_href", "/people/" + f.person.id.text());
  // The approver decides on the plan itself, not on a figure: the version submitted is one click away.
  if (ctx.allows(access::Action::ViewPlan, f.person))
    content.set("plan_href", "/people/" + f.person.id.text() + "/plans/" + std::to_string(r.plan_id));
  content.set("plan_version", std::to_string(r.plan_version));
  content.set("summary", summary(ctx, r, standing.queued_for));
  content.set("action", "/approvals/" + std::to_string(r.id));
  const bool pending = r.status == planning::ApprovalStatus::Pending;
  const bool approver = planning::approver_from_role(user.role).has_value();
  if (pending && approver && standing.authority.allowed && ctx.allows(access::Action::DecideApproval, f.person)) {
    content.set("may_decide", true);
    ErrorMap e = error_map(errors);
    const bool post = ctx.request.method == Method::Post;
    List fields;
    fields.push_back(radios_field({"decision", "What do you decide?", ""},
                                  {{"approve", "Approve the plan"}, {"refuse", "Refuse the plan, with reasons"}, {"return", "Return it to the author with questions"}},
                                  post ? ctx.request.form_value("decision") : "", e));
    fields.push_back(textarea_field({"reasons", "Reasons or questions",
                                     "Needed to refuse (why) or to return (what the author must answer). Written plainly: the person may read them."},
                                    post ? ctx.request.form_value("reasons") : "", e));
    if (r.differs_from_indicative() && !r.variance_reason) {
      fields.push_back(heading_field("The cost differs from the indicative budget"));
      Options reasons{{"", "Choose a reason"}};
      for (const auto& v : planning::variance_reasons()) reasons.emplace_back(std::string(v.code), std::string(v.label));
      fields.push_back(select_field({"variance_reason", "Why does the cost differ?", "Needed to approve"}, reasons,
                                    post ? ctx.request.form_value("variance_reason") : "", e));
      fields.push_back(textarea_field({"variance_text", "Explain in a few words", ""}, post ? ctx.request.form_value("variance_text") : "", e));
    }
    content.set("fields", fields);
    content.set("authority", cap_first(standing.authority.reason) + ".");
  } else if (pending && approver) {
    std::string why = standing.authority.reason;
    // And who it waits for, so nobody wonders whether to chase it.
    if (standing.queued_for) {
      const auto q = *standing.queued_for;
      why += q == planning::Approver::Panel ? " It waits for the panel." : " It waits for a " + std::string(planning::approver_name(q)) + ".";
    }
    content.set("why_not", why);
  }
  if (user.role == access::Role::FinanceOfficer && r.status == planning::ApprovalStatus::Approved && !r.finance_acknowledged_at &&
      storage::finance_acknowledgement(ctx.db(), user.council_id))
    content.set("may_acknowledge", "/approvals/" + std::to_string(r.id) + "/acknowledgement");
  add_errors(content, errors);
  return page(ctx, "approvals/request", content, "Support plan for approval", status);
}

Response show_get(Context& ctx) {
  auto found = request_for(ctx, access::Action::ViewFinance);
  if (!found) return found.error();
  return show(ctx, *found, {}, 200);
}

Response decide_post(Context& ctx) {
  auto found = request_for(ctx, access::Action::DecideApproval);
  if (!found) return found.error();
  services::DecisionInput input;
  input.decision = ctx.request.form_value("decision");
  input.reasons = ctx.request.form_value("reasons");
  if (auto v = ctx.request.form_value("variance_reason"); !v.empty()) input.variance_reason = v;
  input.variance_text = ctx.request.form_value("variance_text");
  auto decided = services::decide_plan(ctx.db(), ctx.signed_in_user(), found->request.id, input);
  if (!decided) {
    const auto& p = decided.error();
    if (p.kind == services::ApprovalProblem::Kind::Invalid) return show(ctx, *found, p.errors, 422);
    if (p.kind == services::ApprovalProblem::Kind::NotAllowed)
      ctx.audit(audit::AuditAction::DecideApproval, found->person.id, access::Outcome::Refused, p.errors.front().message);
    return error_page(ctx, p.kind == services::ApprovalProblem::Kind::NotAllowed ? 403 : 409, "The plan was not decided", p.errors.front().message);
  }
  const auto& r = decided->decision.request;
  for (const auto& note : decided->audit) ctx.audit(note.action, found->person.id, access::Outcome::Allowed, note.reason);
  return Response::redirect("/approvals/" + std::to_string(r.id));
}

Response acknowledge_post(Context& ctx) {
  auto found = request_for(ctx, access::Action::ManageFinance);
  if (!found) return found.error();
  if (ctx.signed_in_user().role != access::Role::FinanceOfficer) {
    ctx.audit(audit::AuditAction::AcknowledgeApproval, found->person.id, access::Outcome::Refused, "only finance acknowledges approved plans");
    return error_page(ctx, 403, "You cannot acknowledge this plan", "Only a finance officer acknowledges an approved plan.");
  }
  auto done = services::acknowledge(ctx.db(), ctx.signed_in_user(), found->request.id);
  if (!done) return error_page(ctx, 409, "The plan was not acknowledged", done.error().errors.front().message);
  ctx.audit(audit::AuditAction::AcknowledgeApproval, found->person.id, access::Outcome::Allowed,
            "request " + std::to_string(done->id) + ", " + done->weekly_cost.display() + " a week");
  return Response::redirect("/approvals/" + std::to_string(done->id));
}

std::string limit_text(const std::optional<Money>& m, const char* none) { return m ? m->display() : std::string(none); }

Response thresholds_page(Context& ctx, const FieldErrors& errors) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot change council configuration", d.reason);
  const auto council = ctx.signed_in_user().council_id;
  auto versions = storage::list_approval_thresholds(ctx.db(), council);
  const auto* now = planning::thresholds_on(versions, CivilDate::today_utc());
  std::map<std::int64_t, storage::ThresholdsLoad> loads;
  for (auto& l : storage::approval_thresholds_loads(ctx.db(), council)) loads.emplace(l.id, l);
  List rows;
  for (const auto& t : versions) {
    Object o{{"version", std::to_string(t.version)}, {"name", t.name}, {"effective_from", t.effective_from.display()},
             {"social_worker", t.social_worker.display()}, {"team_manager", t.team_manager.display()},
             {"head_of_service", t.panel ? limit_text(t.head_of_service, "") + ", then the panel" : std::string("No upper limit")},
             {"author", limit_text(t.author_self_approval, "Never")}, {"interim", t.interim.display()}};
    if (auto it = loads.find(t.id); it != loads.end()) o["loaded"] = date_of(it->second.loaded_at) + " by " + it->second.loaded_by;
    if (now && now->id == t.id) o["in_effect"] = Data(true);
    else if (t.effective_from > CivilDate::today_utc()) o["future"] = Data(true);
    rows.push_back(o);
  }
  Data content;
  content.set("rows", rows);
  if (rows.empty()) content.set("empty", true);
  const bool on = storage::finance_acknowledgement(ctx.db(), council);
  content.set("acknowledgement_field",
              radios_field({"finance_acknowledgement", "Does finance acknowledge each approved plan?",
                            "When yes, approved plans wait on the finance officers' Approvals page until one of them acknowledges it."},
                           {{"yes", "Yes"}, {"no", "No"}}, ctx.request.method == Method::Post ? ctx.request.form_value("finance_acknowledgement") : (on ? "yes" : "no"),
                           error_map(errors), true));
  add_errors(content, errors);
  return page(ctx, "admin/approval_thresholds", content, "Approval thresholds", errors.empty() ? 200 : 422);
}

Response thresholds_get(Context& ctx) { return thresholds_page(ctx, {}); }

Response acknowledgement_setting_post(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot change council configuration", d.reason);
  auto v = ctx.request.form_value("finance_acknowledgement");
  if (v != "yes" && v != "no") return thresholds_page(ctx, {{"finance_acknowledgement", "Choose whether finance acknowledges approved plans"}});
  storage::set_finance_acknowledgement(ctx.db(), ctx.signed_in_user().council_id, v == "yes");
  ctx.audit(audit::AuditAction::SetFinanceAcknowledgement, std::nullopt, access::Outcome::Allowed, v == "yes" ? "on" : "off");
  return Response::redirect("/configuration/approval-thresholds");
}

Response decision_times_get(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewReports);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot see council-wide figures", d.reason);
  auto report = services::decision_times(ctx.db(), ctx.signed_in_user().council_id);
  auto rows = [](const std::vector<planning::TimeGroup>& groups) {
    List l;
    for (const auto& g : groups)
      l.push_back(Object{{"label", g.label}, {"decisions", std::to_string(g.decisions)},
                         {"median", g.median_seconds ? planning::duration_words(*g.median_seconds) : std::string("No decisions")},
                         {"p90", g.p90_seconds ? planning::duration_words(*g.p90_seconds) : std::string("No decisions")}});
    return l;
  };
  Data content;
  content.set("all", rows({report.all}));
  content.set("by_amount", rows(report.by_amount));
  content.set("by_age", rows(report.by_age));
  return page(ctx, "approvals/decision_times", content, "How long approval takes");
}

}  // namespace

void add_approval_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/approvals", route(queue));
  d.add(Method::Get, "/approvals/{request_id}", route(show_get));
  d.add(Method::Post, "/approvals/{request_id}", route(decide_post));
  d.add(Method::Post, "/approvals/{request_id}/acknowledgement", route(acknowledge_post));
  d.add(Method::Get, "/configuration/approval-thresholds", route(thresholds_get));
  d.add(Method::Post, "/configuration/approval-thresholds", route(acknowledgement_setting_post));
  d.add(Method::Get, "/reports/decision-times", route(decision_times_get));
}

}  // namespace patchwork::web
