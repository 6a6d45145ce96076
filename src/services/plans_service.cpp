#include "services/plans_service.hpp"

#include <algorithm>

#include "domain/assessment/eligibility.hpp"
#include "core/text.hpp"
#include "domain/people/capacity.hpp"
#include "domain/planning/involvement.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "storage/repositories/providers_repository.hpp"

namespace patchwork::services {

namespace {

// A line or an individual service fund part names a provider by its reference
// on the council's register; one that is not there (another council's, or a
// mistyped number) is refused here with the field named, before the database's
// key (council_id, provider_id) could refuse it as a constraint error. Every
// reference of the changed plan is looked up: a plan has a handful of lines.
std::optional<FieldError> provider_not_on_register(storage::Connection& c, const planning::SupportPlan& plan) {
  auto on_register = [&](std::int64_t id) { return storage::find_provider(c, plan.council_id, ProviderId(id)).has_value(); };
  for (const auto& l : plan.lines)
    if (l.provider_id && !on_register(*l.provider_id))
      return FieldError{"provider_id", "There is no provider with reference " + std::to_string(*l.provider_id) +
                                           " on the council's register of providers. Choose one from the register"};
  for (const auto& part : plan.parts)
    if (part.service_fund && !on_register(part.service_fund->provider_id))
      return FieldError{"provider_id", "There is no provider with reference " + std::to_string(part.service_fund->provider_id) +
                                           " on the council's register of providers to hold the individual service fund. Choose one from the register"};
  return std::nullopt;
}

}  // namespace

PlanRead read_plan(const planning::SupportPlan& plan) {
  PlanRead r{plan, {}, planning::needs_without_lines(plan)};
  // A stored plan's totals always work out: every change was refused if they did not.
  if (auto t = planning::plan_totals(plan)) r.totals = *t;
  return r;
}

std::optional<PlanRead> find_plan_for(storage::Connection& c, const people::Person& person, std::int64_t plan_id) {
  auto p = storage::find_plan(c, person.council_id, person.id, plan_id);
  if (!p) return std::nullopt;
  return read_plan(*p);
}

std::optional<PlanRead> find_plan_in_council(storage::Connection& c, CouncilId council_id, std::int64_t plan_id) {
  auto p = storage::find_plan_in_council(c, council_id, plan_id);
  if (!p) return std::nullopt;
  return read_plan(*p);
}

std::string_view drafted_by_for(access::Role role) {
  switch (role) {
    case access::Role::BudgetHolder: return "person";
    case access::Role::Representative: return "representative";
    case access::Role::Provider: return "support_organisation";
    default: return "council_worker";
  }
}

Result<planning::SupportPlan> start_plan(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                         std::string_view drafted_by, std::optional<UserId> by, CivilDate today) {
  // Care Act 2014 s.24(1): where the authority is required to meet needs under
  // s.18, it must "prepare a care and support plan". The plan answers to the
  // eligible needs of the person's latest current decision, kept with the plan.
  std::optional<assessment::EligibilityRecord> decision;
  for (const auto& d : storage::list_eligibility(c, person.council_id, person.id))
    if (d.current()) { decision = d; break; }  // newest first
  if (!decision || !decision->eligible)
    return fail("eligibility", "A support plan meets eligible needs: decide eligibility first, and find eligible needs, before starting a plan");
  planning::SupportPlan plan;
  plan.council_id = person.council_id;
  plan.person_id = person.id;
  plan.plan_number = storage::next_plan_number(c, person.council_id, person.id);
  plan.version = 1;
  plan.drafted_by_kind = std::string(drafted_by);
  plan.eligibility_decision_id = decision->id;
  for (const auto& [outcome, finding] : decision->findings.outcomes)
    if (!finding.achieved) plan.eligible_needs.push_back(std::string(assessment::outcome_code(outcome)));
  for (const auto& a : storage::list_allocations(c, person.council_id, person.id))
    if (a.is_current) { plan.indicative_allocation_id = a.id; plan.indicative_weekly = a.weekly; break; }
  auto detailed = planning::with_details(plan, fields, today);
  if (!detailed) return detailed;
  detailed->id = storage::insert_plan(c, *detailed, by);
  return detailed;
}

std::optional<std::string> hidden_from_provider(storage::Connection& c, access::Role role, const planning::SupportPlan& plan, CivilDate today) {
  if (role != access::Role::Provider) return std::nullopt;
  for (const auto& p : storage::plans_in_force(c, plan.council_id, plan.person_id, today))
    if (p.id == plan.id) return std::nullopt;
  return "a provider sees only the version of a plan in force today, and this is " +
         std::string(plan.status == "draft" || plan.status == "returned" ? "a draft" : "not the version in force today");
}

std::vector<planning::SupportPlan> plans_listed_for(storage::Connection& c, access::Role role, const people::Person& person, CivilDate today) {
  if (role != access::Role::Provider) return storage::list_plans(c, person.council_id, person.id);
  auto in_force = storage::plans_in_force(c, person.council_id, person.id, today);
  for (auto& p : in_force) {  // the list shows details only, as list_plans does
    p.outcomes.clear(); p.parts.clear(); p.lines.clear(); p.unmet.clear(); p.risks.clear(); p.involved.clear();
  }
  return in_force;
}

std::vector<InvolvementChoice> involvement_choices(storage::Connection& c, const people::Person& person) {
  // Care Act 2014 s.25(3): the person, any carer they have, and anyone they ask
  // for (or, when they cannot ask, anyone interested in their welfare). The
  // carers and the people recorded as their representatives or advocates are
  // on the record already, so they are offered rather than typed again.
  std::vector<InvolvementChoice> out;
  out.push_back({"person", person.full_name() + " (the person)", "person", person.full_name()});
  for (const auto& carer : storage::list_carers(c, person.council_id, person.id))
    out.push_back({"carer:" + std::to_string(carer.id), carer.name + " (carer)", "carer", carer.name});
  for (const auto& rel : storage::list_relationships(c, person.council_id, person.id)) {
    const bool advocate = rel.role == "independent_advocate";
    // The role's label without its explanation in brackets: "Independent advocate".
    auto role = people::label_for(people::relationship_roles(), rel.role);
    role = role.substr(0, role.find(" ("));
    out.push_back({"relationship:" + std::to_string(rel.id), rel.name + " (" + to_lower(role) + ")",
                   advocate ? "independent_advocate" : "asked_for", rel.name});
  }
  return out;
}

namespace {

// The kind and name of someone chosen from the record (`from_record`), filled
// in where the fields do not give them; a choice not on the record is refused.
Result<people::Fields> with_record_choice(storage::Connection& c, const people::Person& person, people::Fields fields) {
  auto it = fields.find("from_record");
  if (it == fields.end() || trim(it->second).empty()) return fields;
  const std::string chosen = trim(it->second);
  for (const auto& choice : involvement_choices(c, person))
    if (choice.value == chosen) {
      if (trim(fields["kind"]).empty()) fields["kind"] = choice.kind;
      if (trim(fields["name"]).empty()) fields["name"] = choice.name;
      return fields;
    }
  return std::unexpected(FieldErrors{{"from_record", "Choose someone recorded on the person's record, or type a name"}});
}

}  // namespace

Result<planning::SupportPlan> change_plan(storage::Connection& c, const people::Person& person, const planning::SupportPlan& plan,
                                          std::string_view what, const people::Fields& fields, CivilDate today) {
  Result<planning::SupportPlan> changed = fail("what", "Nothing to change");
  if (what == "details") changed = planning::with_details(plan, fields, today);
  else if (what == "involved") {
    auto filled = with_record_choice(c, person, fields);
    if (!filled) return std::unexpected(filled.error());
    changed = planning::with_involvement(plan, *filled);
  }
  else if (what == "outcomes") changed = planning::with_outcome(plan, fields);
  else if (what == "lines") changed = planning::with_line(plan, fields, today);
  else if (what == "unmet-needs") changed = planning::with_unmet_reason(plan, fields);
  else if (what == "risks") changed = planning::with_risk(plan, fields);
  else if (what == "parts") {
    // Care Act 2014 s.31-32: who may receive a direct payment turns on the
    // person's capacity to request one (people::capacity_for is the one way
    // to ask) and, for an authorised person, on the attorneys and deputies on
    // the record; and there is no direct payment when the person pays the full cost.
    const auto assessments = storage::list_capacity(c, person.council_id, person.id);
    const auto relationships = storage::list_relationships(c, person.council_id, person.id);
    const auto finances = storage::list_financial_assessments(c, person.council_id, person.id);
    const bool full_cost = !finances.empty() && budgets::pays_full_cost(finances.front().contribution);
    changed = planning::with_part(
        plan, fields,
        budgets::DirectPaymentRecord{people::capacity_for(assessments, "requesting_direct_payment", today), relationships, person.given_name},
        today, full_cost);
  }
  if (!changed) return changed;
  if (what == "lines" || what == "parts")
    if (auto problem = provider_not_on_register(c, *changed)) return std::unexpected(FieldErrors{*problem});
  storage::save_plan(c, *changed);
  return changed;
}

Result<planning::SupportPlan> remove_from_plan(storage::Connection& c, const planning::SupportPlan& plan, std::string_view what,
                                               std::string_view key) {
  auto changed = what == "involved" ? planning::without_involvement(plan, key) : planning::without(plan, what, key);
  if (!changed) return changed;
  storage::save_plan(c, *changed);
  return changed;
}

Result<planning::SupportPlan> submit_plan(storage::Connection& c, const planning::SupportPlan& plan, UserId by, const std::string& now) {
  auto problems = planning::submission_problems(plan);
  if (!problems.empty()) return std::unexpected(problems);
  auto submitted = plan;
  submitted.status = "submitted";
  submitted.submitted_at = now;
  storage::save_plan(c, plan);  // the totals as they are now, worked out from the lines
  storage::set_plan_submitted(c, plan.council_id, plan.id, by, submitted.submitted_at);
  return submitted;
}

Result<planning::SupportPlan> record_plan_agreement(storage::Connection& c, const planning::SupportPlan& plan,
                                                    const people::Fields& fields, std::optional<UserId> recorded_by, CivilDate today) {
  auto agreed = planning::with_agreement(plan, fields, today);
  if (!agreed) return agreed;
  storage::set_plan_agreement(c, *agreed, recorded_by);
  return agreed;
}

Result<planning::SupportPlan> record_no_agreement(storage::Connection& c, const planning::SupportPlan& plan, const people::Fields& fields,
                                                  std::optional<UserId> recorded_by, CivilDate today) {
  auto recorded = planning::with_no_agreement(plan, fields, today);
  if (!recorded) return recorded;
  storage::set_plan_agreement(c, *recorded, recorded_by);
  return recorded;
}

Result<planning::SupportPlan> new_plan_version(storage::Connection& c, const people::Person& person, const planning::SupportPlan& plan,
                                               const people::Fields& fields, std::optional<UserId> by, CivilDate today) {
  for (const auto& other : storage::list_plans(c, person.council_id, person.id))
    if (other.plan_number == plan.plan_number && other.version > plan.version)
      return fail("version", "Version " + std::to_string(other.version) + " of this plan is newer: make changes from the latest version");
  auto next = planning::next_version(plan, fields, today);
  if (!next) return next;
  next->id = storage::insert_plan(c, *next, by);
  return next;
}

Result<planning::SupportPlan> mark_plan_decided(storage::Connection& c, CouncilId council_id, std::int64_t plan_id,
                                                std::string_view status, std::optional<CivilDate> effective_from,
                                                const std::string& now) {
  auto plan = storage::find_plan_in_council(c, council_id, plan_id);
  if (!plan) return fail("plan_id", "There is no such plan in this council");
  auto decided = planning::decided(*plan, status, effective_from);
  if (!decided) return decided;
  decided->decided_at = now;
  storage::set_plan_status(c, council_id, plan_id, decided->status, decided->effective_from, decided->decided_at);
  if (decided->status == "approved") storage::supersede_earlier_versions(c, *decided);
  return decided;
}

}  // namespace patchwork::services
