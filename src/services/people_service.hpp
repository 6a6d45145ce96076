#pragma once
// Recording and changing a person, shared by the pages and the API.
#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/accounts/user.hpp"
#include "domain/people/characteristics.hpp"
#include "domain/people/person_rules.hpp"
#include "domain/people/records.hpp"
#include "domain/people/representation.hpp"
#include "storage/db.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::services {

// Records a new person. The NHS number must not already belong to someone in
// the council (one person, one record). A social worker who records someone is
// allocated to them, so they can go on working with them.
// Someone recorded without an NHS number who has the same name and date of
// birth as a person already in the council is probably that person: the record
// is refused with a warning naming them, until whoever records it confirms
// that this is someone else (DuplicateCheck::ConfirmedDifferent).
enum class DuplicateCheck { Warn, ConfirmedDifferent };
inline constexpr const char* kConfirmNotDuplicate = "confirm_not_duplicate";
Result<people::Person> create_person(storage::Connection& c, const accounts::User& by, const people::PersonFields& fields, CivilDate today,
                                     DuplicateCheck check = DuplicateCheck::Warn);
// A search for people as the user typed it: the date of birth, NHS number and
// postcode checked and normalised (each bad one named), and the search limited to
// what the user may see — a social worker's own caseload, otherwise the council.
// At least one criterion is needed, and a name needs two letters or more.
Result<storage::PeopleSearch> people_search(const accounts::User& by, const std::string& name, const std::string& date_of_birth,
                                            const std::string& nhs_number, const std::string& postcode);

// Records a carer or representative. Consent is refused when the person's latest
// relevant capacity assessment says they lack capacity (people::consent_refused).
// With a username, their existing Patchwork account (a representative's, in the
// same council) is linked; what it may do is derived at each request from the
// role, the basis and the person's capacity (people::representative_scope).
Result<people::Relationship> add_relationship(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                              const std::string& username, std::optional<UserId> recorded_by, CivilDate today);

// The person's carers and representatives, each with what they may do today and
// why: derived from the role, the basis and the person's capacity assessments.
struct RelationshipWithScope {
  people::Relationship relationship;
  people::DerivedScope derived;
};
std::vector<RelationshipWithScope> relationships_with_scope(storage::Connection& c, const people::Person& person, CivilDate today);

// Allocates a social worker (named by username) to the person, or removes the allocation.
enum class Allocation { Allocate, Remove };
Result<accounts::User> change_worker_allocation(storage::Connection& c, const people::Person& person, const std::string& username,
                                               Allocation change);

// A decision-specific mental capacity assessment, and a timeline event: each
// checked by its rules and recorded against the person, by the user.
Result<people::CapacityAssessment> record_capacity_assessment(storage::Connection& c, const people::Person& person,
                                                              const people::Fields& fields, std::optional<UserId> recorded_by,
                                                              CivilDate today);
Result<people::CaseEvent> record_case_event(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                            std::optional<UserId> recorded_by, CivilDate today);

// Changes a person's record. A change to a characteristic kept with its
// history (dementia, primary support reason, accommodation, unpaid carer, date
// of death) adds an entry taking effect on the date given as "effective_from"
// (today when not given; never in the future nor before their birth), recorded
// by `recorded_by`; the record shows the value just recorded.
inline constexpr const char* kEffectiveFrom = "effective_from";
struct PersonUpdate {
  people::Person person;
  people::CharacteristicHistory changes;  // the entries added, if any
};
// The changes in words for the audit trail: "dementia: Suspected from 2026-11-20".
std::string describe_changes(const people::CharacteristicHistory& changes);
Result<PersonUpdate> update_person(storage::Connection& c, const people::Person& current, const people::PersonFields& fields,
                                   CivilDate today, std::optional<UserId> recorded_by);

}  // namespace patchwork::services
