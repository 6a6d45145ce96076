#pragma once
// Capacity assessments, carers and representatives, and the case timeline.
#include <vector>

#include "domain/people/records.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::int64_t insert_capacity(Connection& c, const people::CapacityAssessment& a, std::optional<UserId> recorded_by);
std::vector<people::CapacityAssessment> list_capacity(Connection& c, CouncilId council_id, PersonId person_id);

std::int64_t insert_relationship(Connection& c, const people::Relationship& r, std::optional<UserId> recorded_by);
std::vector<people::Relationship> list_relationships(Connection& c, CouncilId council_id, PersonId person_id);
// The relationships through which this account is linked to the person: what it
// may do is derived from them (people::representative_scope) at each request.
std::vector<people::Relationship> relationships_of_account(Connection& c, CouncilId council_id, PersonId person_id, UserId user_id);
void set_relationship_account(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t relationship_id, UserId user_id);
void clear_relationship_account(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t relationship_id);

std::int64_t insert_case_event(Connection& c, const people::CaseEvent& e, std::optional<UserId> recorded_by);
// Marks an event as replaced by a later one; it stays in the history.
void supersede_case_event(Connection& c, CouncilId council_id, std::int64_t id, std::int64_t by_event_id);
std::vector<people::CaseEvent> list_case_events(Connection& c, CouncilId council_id, PersonId person_id);

}  // namespace patchwork::storage
