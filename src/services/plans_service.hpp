#pragma once
// Support plans, shared by the pages and the API: starting a plan from the
// person's latest eligibility decision and indicative allocation, changing a
// draft one piece at a time, submitting (which freezes it), recording the
// person's agreement, making a new version after a decision, and recording the
// decision the approvals flow makes. The caller has asked the policy; each runs
// in the caller's transaction and stores nothing when it refuses.
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/access/policy.hpp"
#include "domain/people/person.hpp"
#include "domain/planning/plan.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// A plan with its worked-out totals (plan and per part) and the eligible needs no line meets yet.
struct PlanRead {
  planning::SupportPlan plan;
  planning::PlanTotals totals;
  std::vector<std::string> needs_without_lines;
};
PlanRead read_plan(const planning::SupportPlan& plan);

// The plan version with this id of the person, with its totals: the read the approvals flow uses.
std::optional<PlanRead> find_plan_for(storage::Connection& c, const people::Person& person, std::int64_t plan_id);
// The same within a council, for the approvals queue (which starts from a plan id).
std::optional<PlanRead> find_plan_in_council(storage::Connection& c, CouncilId council_id, std::int64_t plan_id);

// Who is drafting, by the signed-in user's role: the person, their
// representative, or a council worker (who may say a support organisation wrote it).
std::string_view drafted_by_for(access::Role role);

// A new plan (version 1 of the next plan number) for the person's eligible needs in
// their latest current eligibility decision, recording the current indicative
// allocation and its weekly amount. `drafted_by` is who is writing it
// (drafted_by_kinds(), from the user's role); fields as planning::with_details.
// Refused (field "eligibility") when the person has no decision finding eligible needs.
Result<planning::SupportPlan> start_plan(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                         std::string_view drafted_by, std::optional<UserId> by, CivilDate today);

// One change to a draft: "details", "outcomes", "parts", "lines", "unmet-needs",
// "risks" or "involved" (kind, name, how, or from_record: someone on the
// person's record, see involvement_choices) (adding one), each read from `fields`. A part's direct-payment recipient is
// checked against the person's capacity for managing a direct payment today.
Result<planning::SupportPlan> change_plan(storage::Connection& c, const people::Person& person, const planning::SupportPlan& plan,
                                          std::string_view what, const people::Fields& fields, CivilDate today);
// Removing one item of a draft (what as above, key the item's number, letter or need).
Result<planning::SupportPlan> remove_from_plan(storage::Connection& c, const planning::SupportPlan& plan, std::string_view what,
                                               std::string_view key);

// Sets status submitted and records who and when; refused (all problems named)
// when the plan is incomplete or frozen. Pages and the API call it through
// services::submit_plan_for_approval, which queues the plan for approval.
// `now` is when it was sent: the pages and the API send it now, and the demo
// the day its story says the plan was sent, so a plan decided in 2025 does not
// say it was sent today.
Result<planning::SupportPlan> submit_plan(storage::Connection& c, const planning::SupportPlan& plan, UserId by,
                                          const std::string& now = utc_timestamp_now());

// The person's or representative's agreement: agreed_by_kind, agreed_by_name, agreed_on.
Result<planning::SupportPlan> record_plan_agreement(storage::Connection& c, const planning::SupportPlan& plan,
                                                    const people::Fields& fields, std::optional<UserId> recorded_by, CivilDate today);

// Why a provider account may not open this plan version: nothing when it may,
// or when the user is not a provider. A provider engaged with the person
// (docs/providers.md) sees the version in force today and nothing else: not
// a draft, a plan waiting for approval, a refused one, nor one replaced (what
// an earlier plan said is not theirs to read, and a draft may name others).
std::optional<std::string> hidden_from_provider(storage::Connection& c, access::Role role, const planning::SupportPlan& plan, CivilDate today);
// The versions of the person's plans a user with this role may list: every
// version, or for a provider the versions in force today.
std::vector<planning::SupportPlan> plans_listed_for(storage::Connection& c, access::Role role, const people::Person& person, CivilDate today);

// Agreement could not be reached (planning::with_no_agreement): reason, recorded_on.
Result<planning::SupportPlan> record_no_agreement(storage::Connection& c, const planning::SupportPlan& plan, const people::Fields& fields,
                                                  std::optional<UserId> recorded_by, CivilDate today);

// Who the person's record already names, to choose as involved in a plan:
// the person, each carer, each representative or advocate. `value` is what
// change_plan(..., "involved", {{"from_record", value}}) takes.
struct InvolvementChoice {
  std::string value;  // "person", "carer:12", "relationship:4"
  std::string label;  // "Sarah Ellis (carer)"
  std::string kind;   // planning::involvement_kinds()
  std::string name;
};
std::vector<InvolvementChoice> involvement_choices(storage::Connection& c, const people::Person& person);

// A new draft version copied from the latest version of the plan (which must be
// approved or refused), effective from `effective_from` (required after approval).
Result<planning::SupportPlan> new_plan_version(storage::Connection& c, const people::Person& person, const planning::SupportPlan& plan,
                                               const people::Fields& fields, std::optional<UserId> by, CivilDate today);

// The approvals flow's decision on a submitted plan: approved (with the date it
// takes effect, defaulting to the plan's own), refused, or returned (a draft
// again, the same version). Approving supersedes the plan's earlier approved version.
Result<planning::SupportPlan> mark_plan_decided(storage::Connection& c, CouncilId council_id, std::int64_t plan_id,
                                                std::string_view status, std::optional<CivilDate> effective_from,
                                                const std::string& now = utc_timestamp_now());

}  // namespace patchwork::services
