// /api/v1/people/{id}/plans: support plans and their versions. Role and
// relationship are checked through the policy for every request (view_plan,
// draft_plan, agree_plan), and every look and change is audited.
#include <algorithm>
#include <map>

#include "api/direct_payment_json.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/plan_approval_service.hpp"
#include "domain/planning/involvement.hpp"
#include "services/plans_service.hpp"
#include "storage/repositories/plans_repository.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

json::object cost_json(const planning::PlanCost& c) {
  return {{"weekly_pence", c.weekly.pence()}, {"weekly", c.weekly.decimal()}, {"yearly_pence", c.yearly.pence()},
          {"yearly", c.yearly.decimal()}, {"one_off_pence", c.one_off.pence()}, {"one_off", c.one_off.decimal()}};
}

json::array texts(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

json::object summary_json(const planning::SupportPlan& p) {
  return {{"id", p.id},
          {"plan_number", p.plan_number},
          {"version", p.version},
          {"status", p.status},
          {"effective_from", optional_date(p.effective_from)},
          {"interim", p.interim},
          {"submitted_at", p.submitted_at.empty() ? json::value(nullptr) : json::value(p.submitted_at)},
          {"decided_at", p.decided_at.empty() ? json::value(nullptr) : json::value(p.decided_at)},
          {"created_at", p.created_at}};
}

json::object part_json(const budgets::Part& part, const planning::PlanCost& cost) {
  json::object o{{"key", part.key}, {"mechanism", budgets::mechanism_code(part.mechanism)},
                 {"delivery_mechanism", budgets::delivery_mechanism(part.mechanism)}, {"cost", cost_json(cost)}};
  if (part.direct_payment) add_direct_payment_json(o, *part.direct_payment);
  if (part.service_fund) {
    o["provider_id"] = part.service_fund->provider_id;
    o["terms"] = part.service_fund->terms;
  }
  return o;
}

json::object plan_json(const services::PlanRead& r) {
  const auto& p = r.plan;
  json::object o = summary_json(p);
  o["drafted_by_kind"] = p.drafted_by_kind;
  o["helped_by"] = p.helped_by;
  o["views_included"] = p.views_included;
  o["interim_reason"] = p.interim_reason;
  o["interim_ends_on"] = optional_date(p.interim_ends_on);
  o["eligibility_decision_id"] = optional_id(p.eligibility_decision_id);
  o["eligible_needs"] = texts(p.eligible_needs);
  o["needs_without_lines"] = texts(r.needs_without_lines);
  o["indicative_allocation_id"] = optional_id(p.indicative_allocation_id);
  o["indicative_weekly_pence"] = p.indicative_weekly ? json::value(p.indicative_weekly->pence()) : json::value(nullptr);
  o["backup_cover"] = p.backup_cover;
  o["who_to_call"] = p.who_to_call;
  o["contingency_amount_pence"] = p.contingency_amount.pence();
  o["wellbeing"] = p.wellbeing;
  o["prevention_advice"] = p.prevention_advice;
  o["agreed_by_kind"] = p.agreed_by_kind.empty() ? json::value(nullptr) : json::value(p.agreed_by_kind);
  o["agreed_by_name"] = p.agreed_by_name.empty() ? json::value(nullptr) : json::value(p.agreed_by_name);
  o["agreed_on"] = optional_date(p.agreed_on);
  o["previous_version_id"] = optional_id(p.previous_version_id);
  json::array involved;
  for (const auto& i : p.involved)
    involved.push_back(json::object{{"number", i.number}, {"kind", i.kind}, {"name", i.name}, {"how", i.how}});
  o["involved"] = involved;
  o["no_agreement_reason"] = p.no_agreement_reason.empty() ? json::value(nullptr) : json::value(p.no_agreement_reason);
  o["no_agreement_on"] = optional_date(p.no_agreement_on);
  o["totals"] = cost_json(r.totals.plan);
  json::array outcomes, parts, lines, unmet, risks;
  for (const auto& x : p.outcomes)
    outcomes.push_back(json::object{{"number", x.number}, {"words", x.words}, {"aim", x.aim}, {"needs", texts(x.needs)}});
  for (std::size_t i = 0; i < p.parts.size(); ++i)
    parts.push_back(part_json(p.parts[i], i < r.totals.parts.size() ? r.totals.parts[i].cost : planning::PlanCost{}));
  for (const auto& l : p.lines) {
    json::array served;
    for (int n : l.outcomes) served.push_back(n);
    json::object line{{"number", l.number},
                      {"description", l.description},
                      {"supplier_kind", l.supplier_kind},
                      {"supplier_name", l.supplier_name},
                      {"provider_id", optional_id(l.provider_id)},
                      {"unit_cost_pence", l.cost_input.unit_cost.value_or(Money{}).pence()},
                      {"cost_frequency", planning::national_code(l.cost.frequency)},
                      {"planned_units_per_week", l.cost_input.units_per_week ? json::value(l.cost_input.units_per_week->decimal()) : json::value(nullptr)},
                      {"service_type", l.service_type},
                      {"service_component", l.service_component},
                      {"part", l.part_key},
                      {"outcomes", served},
                      {"payee_relationship", l.payee ? json::value(budgets::payee_relationship_code(*l.payee)) : json::value(nullptr)},
                      {"family_in_household", l.family_in_household},
                      {"cost", cost_json({l.cost.weekly, l.cost.yearly, l.cost.one_off})}};
    if (l.necessity)
      line["necessity"] = json::object{{"reason", l.necessity->reason}, {"decided_by", l.necessity->decided_by},
                                       {"decided_on", l.necessity->decided_on.iso()}};
    lines.push_back(line);
  }
  for (const auto& u : p.unmet) unmet.push_back(json::object{{"need", u.need}, {"reason", u.reason}});
  for (const auto& k : p.risks)
    risks.push_back(json::object{{"number", k.number}, {"risk", k.risk}, {"agreed", k.agreed}, {"agreed_by", k.agreed_by}});
  o["outcomes"] = outcomes;
  o["parts"] = parts;
  o["lines"] = lines;
  o["unmet_needs"] = unmet;
  o["risks"] = risks;
  return o;
}

std::string about(const planning::SupportPlan& p) {
  return "plan " + std::to_string(p.plan_number) + " version " + std::to_string(p.version) + " (id " + std::to_string(p.id) + ")";
}

// The members each endpoint reads. Any other member is refused, naming it, as
// the other endpoints do (approvals, carers): a misspelt "planned_units" must
// not be dropped silently and the line stored without it.
const std::vector<std::string>& members_of(std::string_view what) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> known = {
      {"details", {"drafted_by_kind", "helped_by", "views_included", "interim", "interim_reason", "interim_ends_on", "effective_from",
                   "backup_cover", "who_to_call", "contingency_amount", "wellbeing", "prevention_advice"}},
      {"outcomes", {"words", "aim", "needs"}},
      {"lines", {"description", "supplier_kind", "supplier_name", "provider_id", "unit_cost", "cost_frequency", "planned_units_per_week",
                 "service_type", "service_component", "part", "outcomes", "payee_relationship", "family_in_household", "necessity_reason",
                 "necessity_decided_by", "necessity_decided_on"}},
      {"unmet-needs", {"need", "reason"}},
      {"risks", {"risk", "agreed", "agreed_by"}},
      {"involved", {"kind", "name", "how", "from_record"}},
      {"agreement", {"agreed_by_kind", "agreed_by_name", "agreed_on"}},
      {"no-agreement", {"reason", "recorded_on"}},
      {"versions", {"effective_from"}},
  };
  static const std::vector<std::string> none;
  auto it = known.find(what);
  return it == known.end() ? none : it->second;
}

// The body's fields, or 422 naming each member the endpoint does not read.
std::expected<people::Fields, http::Response> known_fields(const http::Request& request, std::string_view what) {
  auto fields = body_fields(request);
  if (!fields) return std::unexpected(fields.error());
  // A part's members are the budget part's own list (its direct payment's
  // conditions included), kept beside the rules that read them.
  std::vector<std::string> part_members;
  if (what == "parts")
    for (auto name : budgets::part_field_names()) part_members.emplace_back(name);
  const auto& members = what == "parts" ? part_members : members_of(what);
  std::string list;
  for (const auto& m : members) list += (list.empty() ? "" : ", ") + m;
  FieldErrors unknown;
  for (const auto& [k, v] : *fields)
    if (std::find(members.begin(), members.end(), k) == members.end())
      unknown.push_back({k, "is not part of this request (" + list + ")"});
  if (!unknown.empty()) return std::unexpected(validation_problem(unknown));
  return *fields;
}

http::Response no_plan() { return http::Response::problem(404, "Not found", "There is no such support plan for this person."); }

// The person (asked for `action`) and their plan named by the route's {plan}.
std::expected<std::pair<people::Person, planning::SupportPlan>, http::Response> plan_for(http::Context& ctx, access::Action action) {
  auto person = person_for(ctx, action);
  if (!person) return std::unexpected(person.error());
  auto id = ctx.request.path_id("plan");
  auto plan = id ? storage::find_plan(ctx.db(), person->council_id, person->id, *id) : std::nullopt;
  if (!plan) return std::unexpected(no_plan());
  if (auto why = services::hidden_from_provider(ctx.db(), ctx.signed_in_user().role, *plan, CivilDate::today_utc())) {
    ctx.audit(audit::AuditAction::ViewPlan, person->id, access::Outcome::Refused, about(*plan) + ": " + *why);
    return std::unexpected(http::Response::problem(403, "Forbidden", "A provider may see only the version of the plan in force today."));
  }
  return std::pair{*person, *plan};
}

http::Response list(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPlan);
  if (!person) return person.error();
  json::array items;
  for (const auto& p : services::plans_listed_for(ctx.db(), ctx.signed_in_user().role, *person, CivilDate::today_utc()))
    items.push_back(summary_json(p));
  ctx.audit(audit::AuditAction::ViewPlan, person->id, access::Outcome::Allowed, "the list of support plans");
  return json_response(json::object{{"plans", std::move(items)}});
}

http::Response plan_response(const people::Person& person, const planning::SupportPlan& p, int status = 200) {
  auto r = json_response(plan_json(services::read_plan(p)), status);
  if (status == 201) r.set_header("Location", "/api/v1/people/" + person.id.text() + "/plans/" + std::to_string(p.id));
  return r;
}

http::Response create(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::DraftPlan);
  if (!person) return person.error();
  auto fields = known_fields(ctx.request, "details");
  if (!fields) return fields.error();
  auto plan = services::start_plan(ctx.db(), *person, *fields, services::drafted_by_for(ctx.signed_in_user().role), ctx.signed_in_user().id,
                                   CivilDate::today_utc());
  if (!plan) return validation_problem(plan.error());
  ctx.audit(audit::AuditAction::ChangePlan, person->id, access::Outcome::Allowed, "started " + about(*plan));
  return plan_response(*person, *plan, 201);
}

http::Response show(http::Context& ctx) {
  auto found = plan_for(ctx, access::Action::ViewPlan);
  if (!found) return found.error();
  ctx.audit(audit::AuditAction::ViewPlan, found->first.id, access::Outcome::Allowed, about(found->second));
  return plan_response(found->first, found->second);
}

// PUT the plan's details, or POST one outcome, part, line, unmet-need reason or risk.
http::Response change(http::Context& ctx, std::string_view what) {
  auto found = plan_for(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto fields = known_fields(ctx.request, what);
  if (!fields) return fields.error();
  auto changed = services::change_plan(ctx.db(), person, plan, what, *fields, CivilDate::today_utc());
  if (!changed) return validation_problem(changed.error());
  ctx.audit(audit::AuditAction::ChangePlan, person.id, access::Outcome::Allowed, std::string(what) + " of " + about(*changed));
  return plan_response(person, *changed, what == "details" ? 200 : 201);
}

http::Response remove(http::Context& ctx, std::string_view what) {
  auto found = plan_for(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto key = ctx.request.path_params.find("item");
  auto changed = services::remove_from_plan(ctx.db(), plan, what, key == ctx.request.path_params.end() ? "" : key->second);
  if (!changed) return validation_problem(changed.error());
  ctx.audit(audit::AuditAction::ChangePlan, person.id, access::Outcome::Allowed, "removed from " + std::string(what) + " of " + about(*changed));
  return plan_response(person, *changed);
}

http::Response submit(http::Context& ctx) {
  auto found = plan_for(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto submitted = services::submit_plan_for_approval(ctx.db(), person, plan, ctx.signed_in_user().id);
  if (!submitted) return validation_problem(submitted.error());
  for (const auto& note : submitted->audit) ctx.audit(note.action, person.id, access::Outcome::Allowed, note.reason);
  return plan_response(person, submitted->plan);
}

http::Response agree(http::Context& ctx) {
  auto found = plan_for(ctx, access::Action::AgreePlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto fields = known_fields(ctx.request, "agreement");
  if (!fields) return fields.error();
  auto agreed = services::record_plan_agreement(ctx.db(), plan, *fields, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!agreed) return validation_problem(agreed.error());
  ctx.audit(audit::AuditAction::AgreePlan, person.id, access::Outcome::Allowed,
            about(*agreed) + " agreed by the " + agreed->agreed_by_kind + " on " + agreed->agreed_on->iso());
  return plan_response(person, *agreed);
}

// s.25(5): agreement could not be reached, and what was done to reach it.
http::Response no_agreement(http::Context& ctx) {
  auto found = plan_for(ctx, access::Action::AgreePlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto fields = known_fields(ctx.request, "no-agreement");
  if (!fields) return fields.error();
  auto recorded = services::record_no_agreement(ctx.db(), plan, *fields, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!recorded) return validation_problem(recorded.error());
  ctx.audit(audit::AuditAction::AgreePlan, person.id, access::Outcome::Allowed,
            about(*recorded) + ": agreement could not be reached (recorded " + recorded->no_agreement_on->iso() + ")");
  return plan_response(person, *recorded);
}

http::Response new_version(http::Context& ctx) {
  auto found = plan_for(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto fields = known_fields(ctx.request, "versions");
  if (!fields) return fields.error();
  auto next = services::new_plan_version(ctx.db(), person, plan, *fields, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!next) return validation_problem(next.error());
  ctx.audit(audit::AuditAction::NewPlanVersion, person.id, access::Outcome::Allowed, about(*next) + " from " + about(plan));
  return plan_response(person, *next, 201);
}

}  // namespace

void add_plans_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  const std::string base = "/api/v1/people/{id}/plans";
  d.add(http::Method::Get, base, route(list));
  d.add(http::Method::Post, base, route(create));
  d.add(http::Method::Get, base + "/{plan}", route(show));
  d.add(http::Method::Put, base + "/{plan}", route([](http::Context& c) { return change(c, "details"); }));
  for (const char* what : {"outcomes", "parts", "lines", "unmet-needs", "risks", "involved"}) {
    std::string w = what;
    d.add(http::Method::Post, base + "/{plan}/" + w, route([w](http::Context& c) { return change(c, w); }));
    d.add(http::Method::Delete, base + "/{plan}/" + w + "/{item}", route([w](http::Context& c) { return remove(c, w); }));
  }
  d.add(http::Method::Post, base + "/{plan}/submit", route(submit));
  d.add(http::Method::Post, base + "/{plan}/agreement", route(agree));
  d.add(http::Method::Post, base + "/{plan}/no-agreement", route(no_agreement));
  d.add(http::Method::Post, base + "/{plan}/versions", route(new_version));
}

}  // namespace patchwork::api
