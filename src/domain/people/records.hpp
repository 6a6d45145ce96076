#pragma once
// What is recorded around a person: decision-specific capacity assessments,
// carers and representatives, and the case timeline.
#include <cstdint>
#include <optional>
#include <map>
#include <string>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace patchwork::people {

// Capacity is decision-specific (Mental Capacity Act 2005, s.2): each record is
// about one decision, on one date.
struct CapacityAssessment {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string decision;      // "Managing a direct payment"
  CivilDate assessed_on;
  std::string outcome;       // has_capacity / lacks_capacity
  std::string assessed_by;
  std::optional<CivilDate> review_on;
  std::string notes;
  std::string decision_kind = "other";  // capacity_decision_kinds(); `decision` describes it
};

// A carer or representative, linked with their role and the basis for it.
struct Relationship {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string name;
  std::string role;          // relationship_roles()
  std::string basis;         // relationship_bases()
  CivilDate recorded_on;
  std::string phone;
  std::optional<UserId> user_id;  // their Patchwork account, if they have one
  // none, view, act: what the person agreed to (consent basis) or a best-interests
  // decision allowed; what they may do is derived (people::representative_scope).
  std::string access_scope = "none";
};

// One event on the case timeline, with national Event_Type and Event_Outcome values.
struct CaseEvent {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string event_type;    // Request, Assessment, Service, Review
  CivilDate start_date;
  std::optional<CivilDate> end_date;
  std::string description;
  std::optional<std::string> outcome;          // Event_Outcome, release 2 (a release 1 spelling is stored as release 2)
  std::optional<std::string> route_of_access;  // requests only
  std::optional<std::string> referral_source;  // requests only (local: the national set has no such field)
  std::string recorded_at;
  std::optional<std::string> assessment_type{};       // Assessment events: Assessment_Type
  std::optional<std::string> method_of_assessment{};  // Assessment events: Method_of_Assessment
  // The event that replaced this one (an eligibility decision taken again for
  // the same assessment): kept for the history, left out of national figures.
  std::optional<std::int64_t> superseded_by{};
  // Service events: the national Service_Type (service_types(), release 1
  // spelling), which says whether it is long-term support in the community
  // (what the self-directed-support report counts), residential or nursing
  // care, short-term support or support for a carer. Events recorded before
  // it was asked for have none.
  std::optional<std::string> service_type{};
};

using Fields = std::map<std::string, std::string>;

Result<CapacityAssessment> capacity_from_fields(const Fields& f, CivilDate today);
// The role and basis must fit each other (an attorney on a registered power, a
// deputy on a court order...); consent against capacity is checked with the
// person's assessments (people::consent_refused).
Result<Relationship> relationship_from_fields(const Fields& f, CivilDate today);
Result<CaseEvent> case_event_from_fields(const Fields& f, CivilDate today);

}  // namespace patchwork::people
