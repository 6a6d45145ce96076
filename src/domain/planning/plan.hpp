#pragma once
// The support plan (Care Act 2014 ss.24-25): how the person's eligible needs
// will be met, in their words, with each support line costed (costing.hpp) and
// paid for by one of the plan's budget parts (budgets/parts.hpp). A plan is kept
// as versions: a draft is edited freely, a submitted plan is frozen, a returned
// plan is a draft again (the same version), and a change after approval makes a
// new version with its own effective date. Rules: docs/planning.md ("Support plans").
// Pure domain: no storage, HTTP or JSON.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/budgets/parts.hpp"
#include "domain/people/capacity.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/records.hpp"
#include "domain/planning/costing.hpp"

namespace patchwork::planning {

// Fixed lists (value stored, label shown).
const people::CodeList& plan_statuses();       // draft, submitted, returned, refused, approved, superseded
const people::CodeList& drafted_by_kinds();    // person, representative, council_worker, support_organisation
const people::CodeList& helped_by_kinds();     // family_or_friends, council, support_organisation, nobody
const people::CodeList& views_included();      // fully, mostly, partly, not_at_all
const people::CodeList& interim_reasons();     // after_reablement, crisis, recruiting_personal_assistant
const people::CodeList& outcome_aims();        // change, keep
const people::CodeList& supplier_kinds();      // provider, personal_assistant, micro_enterprise, community_group, family_member, still_to_find
const people::CodeList& agreed_by_kinds();     // person, representative
// The national CLD Service_Type (release 1 spelling; release 2's sentence
// case is accepted): people/codes.hpp holds it, for Service events too.
using people::service_types;
// The national CLD Service_Component (see docs/planning.md for which values
// DHSC's published code spells and which are still to be checked).
const people::CodeList& service_components();

// A draft (or a returned plan) may be changed; nothing else may.
bool editable_status(std::string_view status);

// One outcome, in the person's own words, linked to the eligible needs it meets.
struct PlanOutcome {
  int number = 0;                  // 1, 2, ... within the plan: lines name outcomes by number
  std::string words;               // "I want to get to chapel on Sundays"
  std::string aim;                 // change | keep
  std::vector<std::string> needs;  // eligibility outcome codes ("nutrition", ...)
};

// Why an eligible need is not met by any line (met another way, declined, ...).
struct UnmetNeedReason {
  std::string need;    // eligibility outcome code
  std::string reason;  // plain words
};

// A risk the person chooses to take, and what was agreed about it.
struct RiskAgreement {
  int number = 0;
  std::string risk;
  std::string agreed;     // what was agreed
  std::string agreed_by;  // who agreed it
};

// Who the line pays, as the Direct Payments Regulations 2014 reg. 3 sorts
// them, and the council's decision that paying a restricted person from a
// direct payment is necessary (budgets::NecessityDecision), held on the line.
struct SupportLine {
  int number = 0;
  std::string description;             // what: "Help to wash and dress each morning"
  std::string supplier_kind;           // supplier_kinds()
  std::string supplier_name;           // from whom (empty only when still to find)
  std::optional<std::int64_t> provider_id;  // a provider of the council's register (plans_service checks it is on it)
  LineCostInput cost_input;
  LineCost cost;                        // worked out by cost_line, never typed
  std::string service_type;            // service_types()
  std::string service_component;       // service_components()
  std::string part_key;                // which part pays ("A")
  std::vector<int> outcomes;           // outcome numbers it serves
  // Who is paid, by relationship to the person (asked of every line a
  // direct-payment part pays to someone who may be a relative: a personal
  // assistant, a paid family member, a micro-enterprise); nothing when not asked.
  std::optional<budgets::PayeeRelationship> payee;
  bool family_in_household = false;    // the one paid lives in the same household as the person
  std::optional<budgets::NecessityDecision> necessity;
};

// Someone involved in preparing the plan (Care Act 2014 s.25(3)): the person,
// a carer, an independent advocate, or someone the person asked for
// (involvement.hpp has the kinds and the rules).
struct Involvement {
  int number = 0;
  std::string kind;  // involvement_kinds()
  std::string name;
  std::string how;   // how they took part, in plain words (optional)
};

struct PartTotal {
  std::string key;
  PlanCost cost;
};

struct SupportPlan {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  int plan_number = 1;
  int version = 1;
  std::string status = "draft";
  std::optional<CivilDate> effective_from;
  std::string drafted_by_kind;
  std::string helped_by;
  std::string views_included;
  bool interim = false;
  std::string interim_reason;
  std::optional<CivilDate> interim_ends_on;
  // What the plan answers to, fixed when the plan was started.
  std::optional<std::int64_t> eligibility_decision_id;
  std::vector<std::string> eligible_needs;    // eligibility outcome codes found not achieved
  std::optional<std::int64_t> indicative_allocation_id;
  std::optional<Money> indicative_weekly;
  // Contingency: what happens if things go wrong.
  std::string backup_cover;
  std::string who_to_call;
  Money contingency_amount;
  // Care Act 2014 s.25(1): the plan "(d) specifies to which of the matters
  // referred to in section 9(4) the provision of care and support could be
  // relevant" (s.9(4)(a): the impact of the needs on the well-being matters of
  // s.1(2)) and "(f) includes advice and information about— (i) what can be
  // done to meet or reduce the needs in question; (ii) what can be done to
  // prevent or delay the development of needs for care and support ... in the
  // future." Both are printed on the plan (docs/planning.md, "The printed plan
  // and what it must say").
  std::string wellbeing;          // what matters to the person's well-being, in their own words
  std::string prevention_advice;  // advice given on meeting or reducing needs and preventing or delaying more
  // Agreement by the person or their representative.
  std::string agreed_by_kind;
  std::string agreed_by_name;
  std::optional<CivilDate> agreed_on;
  std::optional<std::int64_t> previous_version_id;
  std::string submitted_at;
  std::string decided_at;
  std::string created_at;

  std::vector<PlanOutcome> outcomes;
  std::vector<budgets::Part> parts;
  std::vector<SupportLine> lines;
  std::vector<UnmetNeedReason> unmet;
  std::vector<RiskAgreement> risks;
  // Involvement and agreement (s.25(3), s.25(5)): who took part in preparing
  // this version, and, when the person (or their representative) did not
  // agree, why agreement could not be reached and when that was recorded.
  std::vector<Involvement> involved;
  std::string no_agreement_reason;
  std::optional<CivilDate> no_agreement_on;

  bool editable() const { return editable_status(status); }
  const budgets::Part* part(std::string_view key) const;
  const PlanOutcome* outcome(int number) const;
};

// The plan's totals and each part's, as sums of the lines' rounded figures.
struct PlanTotals {
  PlanCost plan;
  std::vector<PartTotal> parts;  // in the plan's part order
};
Result<PlanTotals> plan_totals(const SupportPlan& plan);

// Refused, naming why, when the plan may not be changed (submitted, approved...).
std::optional<FieldError> frozen(const SupportPlan& plan);

// The plan's own details: drafted_by_kind, helped_by, views_included, interim
// (yes/no), interim_reason, interim_ends_on, backup_cover, who_to_call,
// contingency_amount (pounds), effective_from, wellbeing, prevention_advice.
// Fields not given keep their value.
Result<SupportPlan> with_details(SupportPlan plan, const people::Fields& f, CivilDate today);

// An outcome from words, aim and needs (comma-separated eligibility codes), each
// need one of the plan's eligible needs.
Result<SupportPlan> with_outcome(SupportPlan plan, const people::Fields& f);
// A part (budgets::part_from_fields). A direct payment is checked against what
// the person's record says on `today` (budgets::direct_payment_refused: capacity
// to ask for one, the authorised or nominated person's conditions), and refused
// when the financial assessment found the person pays the full cost
// (budgets::kFullCostDirectPayment); keys are unique.
Result<SupportPlan> with_part(SupportPlan plan, const people::Fields& f, const budgets::DirectPaymentRecord& record,
                              CivilDate today, bool pays_full_cost = false);
// The kinds of supplier who may be someone's relative (a person, or a one-person
// business), so that who they are to the person is asked when a direct payment pays them.
bool may_be_relative(std::string_view supplier_kind);
// A line: description, supplier_kind, supplier_name, provider_id, unit_cost,
// cost_frequency, planned_units_per_week, service_type, service_component,
// part (key), outcomes (comma-separated numbers), payee_relationship
// (budgets::payee_relationships()), family_in_household (yes/no: does the one
// paid live in the same household; asked of a close relative),
// necessity_reason, necessity_decided_by, necessity_decided_on.
Result<SupportLine> line_from_fields(const people::Fields& f, CivilDate today);
Result<SupportPlan> with_line(SupportPlan plan, const people::Fields& f, CivilDate today);
// Why an eligible need has no line: need, reason.
Result<SupportPlan> with_unmet_reason(SupportPlan plan, const people::Fields& f);
// A risk-enablement record: risk, agreed, agreed_by.
Result<SupportPlan> with_risk(SupportPlan plan, const people::Fields& f);
// Removing a line, an outcome (only if no line serves it), a part (only if no
// line is paid by it), an unmet-need reason or a risk.
Result<SupportPlan> without(SupportPlan plan, std::string_view what, std::string_view key);

// The checks a submission must pass, all reported together: at least one
// outcome and one line; every eligible need met by a line serving an outcome
// linked to it, or given a reason; every line's part and outcomes exist; an
// interim plan has a reason and an end date; the totals can be worked out.
FieldErrors submission_problems(const SupportPlan& plan);

// Eligible needs with no line meeting them and no reason recorded.
std::vector<std::string> needs_without_lines(const SupportPlan& plan);

// The lines that meet an eligible need: those serving an outcome linked to it,
// in line order. s.25(1)(c): the plan "specifies the needs that the local
// authority is going to meet and how it is going to meet them", so the
// printed plan names, under each need, the support that meets it; and
// s.25(2)(a): for a direct payment, "the needs which are to be so met".
std::vector<const SupportLine*> lines_meeting(const SupportPlan& plan, std::string_view need);

// The eligible needs a part's lines meet, in the plan's order of needs
// (s.25(2)(a), for a direct-payment part).
std::vector<std::string> needs_met_by_part(const SupportPlan& plan, std::string_view part_key);

// Whether a plan version waits on its author: returned with questions (it
// stays returned until it is sent again), or refused and not yet followed by
// a newer version of the same plan. `latest_version` is the highest version
// of the plan. Such plans stay on the allocated worker's list until acted on.
bool waits_on_author(std::string_view status, int version, int latest_version);

// Agreement by the person or their representative: agreed_by_kind, agreed_by_name, agreed_on.
Result<SupportPlan> with_agreement(SupportPlan plan, const people::Fields& f, CivilDate today);

// A new version of an approved (or refused) plan: a draft copy with the next
// version number, agreement and submission cleared, effective from the date given.
Result<SupportPlan> next_version(const SupportPlan& latest, const people::Fields& f, CivilDate today);

// The decisions the approvals flow records on a submitted plan.
Result<SupportPlan> decided(SupportPlan plan, std::string_view status, std::optional<CivilDate> effective_from);

}  // namespace patchwork::planning
