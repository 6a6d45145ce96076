#pragma once
// Support plans: one row per version, with its outcomes, parts, lines, reasons
// for unmet needs and risk agreements in child tables keyed by the plan's row.
// Every function takes the council and filters by it in the SQL.
#include <optional>
#include <vector>

#include "domain/planning/plan.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

// A new version (its children too); returns the row's id.
std::int64_t insert_plan(Connection& c, const planning::SupportPlan& plan, std::optional<UserId> by);
// Rewrites a version's details and children (a draft being changed; the service
// checks it may be). The worked-out totals are stored with it.
void save_plan(Connection& c, const planning::SupportPlan& plan);
// Status changes: submitted (with who and when), decided, superseded, agreement.
void set_plan_submitted(Connection& c, CouncilId council_id, std::int64_t plan_id, UserId by, const std::string& at);
void set_plan_status(Connection& c, CouncilId council_id, std::int64_t plan_id, const std::string& status,
                     const std::optional<CivilDate>& effective_from, const std::string& decided_at);
// Marks the plan's other approved versions superseded (this one was approved).
void supersede_earlier_versions(Connection& c, const planning::SupportPlan& plan);
void set_plan_agreement(Connection& c, const planning::SupportPlan& plan, std::optional<UserId> recorded_by);

// This person's plan version with this id, in this council, or nothing.
std::optional<planning::SupportPlan> find_plan(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t plan_id);
// The version with this id in this council, whoever it belongs to (for the approvals flow).
std::optional<planning::SupportPlan> find_plan_in_council(Connection& c, CouncilId council_id, std::int64_t plan_id);
// Who started this version (nothing for one made before accounts, or by the system).
std::optional<UserId> plan_created_by(Connection& c, CouncilId council_id, std::int64_t plan_id);
// Every version of every plan of the person, newest plan and version first (details only, no children).
std::vector<planning::SupportPlan> list_plans(Connection& c, CouncilId council_id, PersonId person_id);
// The version of each of the person's plans in force on `on`: the approved (or
// since superseded) version that started last on or before that date, with children.
std::vector<planning::SupportPlan> plans_in_force(Connection& c, CouncilId council_id, PersonId person_id, CivilDate on);
// Whether a plan in force on `on` names this provider of the register on a line
// or as the holder of an individual service fund part: what the policy's
// provider_engaged is set from (services/person_access.cpp).
bool provider_named_in_force(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t provider_id, CivilDate on);
// The people a plan in force on `on` names this provider for (as above), by id:
// the provider's "People you support".
std::vector<PersonId> people_naming_provider_in_force(Connection& c, CouncilId council_id, std::int64_t provider_id, CivilDate on);
// One plan of the council in force on a date (the version plans_in_force
// picks), with its weekly cost as worked out at submission and the indicative
// allocation it started from: the rows of the RAS learning report.
struct AgreedPlanInForce {
  std::int64_t plan_id = 0;
  PersonId person_id{};
  std::optional<std::int64_t> indicative_allocation_id;
  Money weekly_cost;
  CivilDate effective_from;
};
std::vector<AgreedPlanInForce> agreed_plans_in_force(Connection& c, CouncilId council_id, CivilDate on);
// Plan versions returned with questions or refused, with the highest version
// of their plan (planning::waits_on_author decides which still wait): of the
// council, or of the people allocated to `worker`. Oldest decision first.
struct PlanDecidedBack {
  PersonId person_id{};
  std::int64_t plan_id = 0;
  int plan_number = 0;
  int version = 0;
  int latest_version = 0;
  std::string status;
  std::string decided_at;
};
std::vector<PlanDecidedBack> plans_returned_or_refused(Connection& c, CouncilId council_id, std::optional<UserId> worker);
// The next plan number for the person.
int next_plan_number(Connection& c, CouncilId council_id, PersonId person_id);

}  // namespace patchwork::storage
