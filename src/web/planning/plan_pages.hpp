#pragma once
// What the support plan pages share with other pages: the plans that wait on
// their author (returned with questions, or refused), shown on the caseload
// pages until acted on, and the person's social worker as a contact for the
// "what happens next" of a refused plan and of the budget letter.
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>

#include "core/ids.hpp"
#include "domain/budgets/parts.hpp"
#include "domain/people/person.hpp"
#include "domain/planning/plan.hpp"
#include "storage/db.hpp"
#include "http/context.hpp"
#include "web/render.hpp"

namespace patchwork::web {

// Sets `plans_to_act_on` (name, href, plan, status, decided_on: the oldest
// decision first) and `has_plans_to_act_on`: plan versions returned with
// questions, or refused with no newer version yet (planning::waits_on_author),
// of the people allocated to `worker`, or of the whole council. Each person
// shown is listed through Context::list_people, so the look is audited and
// anyone the user may not see, or whose plan they may not see, is left out.
void add_plans_to_act_on(http::Context& ctx, std::optional<UserId> worker, Data& content);

// Sets `worker_name` and, when recorded, `worker_phone`: the person's first
// allocated social worker, for "contact ..." in letters and next steps.
void add_worker_contact(http::Context& ctx, const people::Person& person, Data& content);

// The address of one version of a person's plan.
std::string plan_href(const people::Person& p, const planning::SupportPlan& plan);
// A plan version named for the audit trail: "plan 2 version 3 (id 17)".
std::string plan_about(const planning::SupportPlan& p);
// A plan version's form caption: "Support plan 2, version 3 for Edith Barnes".
std::string plan_caption(const people::Person& person, const planning::SupportPlan& p);

// The person (asked for `action`) and their plan named by the route's {plan}:
// the one way a plan page finds its plan. 404 when the person has no such
// plan; 403, audited, when a provider asks for a version other than the one in
// force today.
std::expected<std::pair<people::Person, planning::SupportPlan>, http::Response> plan_of(http::Context& ctx, access::Action action);

// The council's providers by id, for naming them in words.
using ProviderNames = std::map<std::int64_t, std::string>;
ProviderNames provider_names(storage::Connection& c, CouncilId council);

// A budget part in plain words ("a direct payment to Sarah Ellis", "support the
// council arranges"), never its letter, which means nothing to the reader.
std::string part_name(const budgets::Part& part, const people::Person& person, const ProviderNames& providers);

}  // namespace patchwork::web
