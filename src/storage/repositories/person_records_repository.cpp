#include "storage/repositories/person_records_repository.hpp"

#include "core/date.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kInsertCapacity{"insert_capacity",
    "INSERT INTO capacity_assessments (council_id, person_id, decision, assessed_on, outcome, assessed_by, review_on, notes, "
    "recorded_by, recorded_at, decision_kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"};
constexpr Statement kListCapacity{"list_capacity",
    "SELECT id, council_id, person_id, decision, assessed_on, outcome, assessed_by, review_on, notes, decision_kind FROM capacity_assessments "
    "WHERE council_id = $1 AND person_id = $2 ORDER BY assessed_on DESC, id DESC"};
constexpr Statement kInsertRelationship{"insert_relationship",
    "INSERT INTO person_relationships (council_id, person_id, name, role, basis, recorded_on, phone, user_id, access_scope, "
    "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"};
constexpr Statement kListRelationships{"list_relationships",
    "SELECT id, council_id, person_id, name, role, basis, recorded_on, phone, user_id, access_scope FROM person_relationships "
    "WHERE council_id = $1 AND person_id = $2 ORDER BY recorded_on DESC, id DESC"};
constexpr Statement kRelationshipsOfAccount{"relationships_of_account",
    "SELECT id, council_id, person_id, name, role, basis, recorded_on, phone, user_id, access_scope FROM person_relationships "
    "WHERE council_id = $1 AND person_id = $2 AND user_id = $3 ORDER BY id"};
constexpr Statement kSetRelationshipAccount{"set_relationship_account",
    "UPDATE person_relationships SET user_id = $4 WHERE council_id = $1 AND person_id = $2 AND id = $3"};
constexpr Statement kClearRelationshipAccount{"clear_relationship_account",
    "UPDATE person_relationships SET user_id = NULL WHERE council_id = $1 AND person_id = $2 AND id = $3"};
constexpr Statement kInsertEvent{"insert_case_event",
    "INSERT INTO case_events (council_id, person_id, event_type, start_date, end_date, description, outcome, route_of_access, "
    "referral_source, recorded_by, recorded_at, assessment_type, method_of_assessment, service_type) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id"};
constexpr Statement kSupersedeEvent{"supersede_case_event",
    "UPDATE case_events SET superseded_by = $3 WHERE council_id = $1 AND id = $2 AND superseded_by IS NULL"};
constexpr Statement kListEvents{"list_case_events",
    "SELECT id, council_id, person_id, event_type, start_date, end_date, description, outcome, route_of_access, referral_source, "
    "recorded_at, assessment_type, method_of_assessment, superseded_by, service_type FROM case_events WHERE council_id = $1 AND person_id = $2 "
    "ORDER BY start_date, id"};

}  // namespace

std::int64_t insert_capacity(Connection& c, const people::CapacityAssessment& a, std::optional<UserId> by) {
  return c.query(kInsertCapacity, {a.council_id, a.person_id, a.decision, a.assessed_on, a.outcome, a.assessed_by, opt(a.review_on),
                                   a.notes, opt(by), utc_timestamp_now(), a.decision_kind})
      .at(0).int64(0);
}
std::vector<people::CapacityAssessment> list_capacity(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<people::CapacityAssessment> out;
  for (const auto& r : c.query(kListCapacity, {council_id, person_id}))
    out.push_back({r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), r.text(3), r.date(4), r.text(5), r.text(6), r.opt_date(7), r.text(8),
                   r.text(9)});
  return out;
}

std::int64_t insert_relationship(Connection& c, const people::Relationship& x, std::optional<UserId> by) {
  return c.query(kInsertRelationship, {x.council_id, x.person_id, x.name, x.role, x.basis, x.recorded_on, x.phone, opt(x.user_id),
                                       x.access_scope, opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}
std::vector<people::Relationship> list_relationships(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<people::Relationship> out;
  for (const auto& r : c.query(kListRelationships, {council_id, person_id}))
    out.push_back({r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), r.text(3), r.text(4), r.text(5), r.date(6), r.text(7), r.opt_id<UserId>(8), r.text(9)});
  return out;
}

std::vector<people::Relationship> relationships_of_account(Connection& c, CouncilId council_id, PersonId person_id, UserId user_id) {
  std::vector<people::Relationship> out;
  for (const auto& r : c.query(kRelationshipsOfAccount, {council_id, person_id, user_id}))
    out.push_back({r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), r.text(3), r.text(4), r.text(5), r.date(6), r.text(7), r.opt_id<UserId>(8), r.text(9)});
  return out;
}
void set_relationship_account(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t relationship_id, UserId user_id) {
  c.execute(kSetRelationshipAccount, {council_id, person_id, relationship_id, user_id});
}

void clear_relationship_account(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t relationship_id) {
  c.execute(kClearRelationshipAccount, {council_id, person_id, relationship_id});
}

std::int64_t insert_case_event(Connection& c, const people::CaseEvent& e, std::optional<UserId> by) {
  return c.query(kInsertEvent, {e.council_id, e.person_id, e.event_type, e.start_date, opt(e.end_date), e.description, opt(e.outcome),
                                opt(e.route_of_access), opt(e.referral_source), opt(by), utc_timestamp_now(), opt(e.assessment_type),
                                opt(e.method_of_assessment), opt(e.service_type)})
      .at(0).int64(0);
}
void supersede_case_event(Connection& c, CouncilId council_id, std::int64_t id, std::int64_t by_event_id) {
  c.query(kSupersedeEvent, {council_id, id, by_event_id});
}
std::vector<people::CaseEvent> list_case_events(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<people::CaseEvent> out;
  for (const auto& r : c.query(kListEvents, {council_id, person_id}))
    out.push_back({r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), r.text(3), r.date(4), r.opt_date(5), r.text(6), r.opt_text(7), r.opt_text(8),
                   r.opt_text(9), r.text(10), r.opt_text(11), r.opt_text(12),
                   r.opt_int64(13), r.opt_text(14)});
  return out;
}

}  // namespace patchwork::storage
