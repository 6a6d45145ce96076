#pragma once
// Capacity assessments, carers and representatives, and the case timeline.
#include <vector>

#include "domain/people/records.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::int64_t insert_capacity(Connection& c, const people::CapacityAssessment& a, std::optional<std::int64_t> recorded_by);
std::vector<people::CapacityAssessment> list_capacity(Connection& c, std::int64_t council_id, std::int64_t person_id);

std::int64_t insert_relationship(Connection& c, const people::Relationship& r, std::optional<std::int64_t> recorded_by);
std::vector<people::Relationship> list_relationships(Connection& c, std::int64_t council_id, std::int64_t person_id);

std::int64_t insert_case_event(Connection& c, const people::CaseEvent& e, std::optional<std::int64_t> recorded_by);
std::vector<people::CaseEvent> list_case_events(Connection& c, std::int64_t council_id, std::int64_t person_id);

}  // namespace patchwork::storage
