#pragma once
// People and the relationships that decide who may see them.
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "domain/access/policy.hpp"
#include "domain/people/person.hpp"
#include "domain/people/records.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

// Records a person and begins the history of their characteristics
// (characteristics_repository.hpp) with what is recorded, from today.
PersonId insert_person(Connection& c, const people::Person& person, std::optional<UserId> recorded_by = std::nullopt);
// Changes every field but the characteristics kept with their history, which
// change only through record_characteristic_change.
void update_person(Connection& c, const people::Person& person);
// People of the council with the same first and last name (any case) and date of birth.
std::vector<people::Person> people_with_same_name_and_birth(Connection& c, CouncilId council_id, const people::Person& p);
std::optional<people::Person> find_person_by_nhs_number(Connection& c, CouncilId council_id, const std::string& nhs_number);

// People matching every criterion given, among all of a council's people or only
// a worker's caseload: a search never shows more than the user may see.
struct PeopleSearch {
  std::string name{};            // part of the name, any case
  std::string date_of_birth{};   // YYYY-MM-DD, exact
  std::string nhs_number{};      // ten digits, exact
  std::string postcode{};        // normalised, exact
  std::optional<UserId> caseload_of{};  // only this worker's allocated people
  int limit = 50;
};
std::vector<people::Person> search_people(Connection& c, CouncilId council_id, const PeopleSearch& query);
// The person with this id in this council: another council's person is never found.
std::optional<people::Person> find_person(Connection& c, CouncilId council_id, PersonId id);
// The people of this council with these ids, in the order first given, each
// once; ids not found (or another council's) are left out. A few queries for
// any number of people, not one each.
std::vector<people::Person> find_people(Connection& c, CouncilId council_id, const std::vector<PersonId>& ids);

// The facts the policy needs about one user and one person.
access::PersonRelation relation_between(Connection& c, const access::Actor& actor, const people::Person& person);

void allocate_worker(Connection& c, CouncilId council_id, PersonId person_id, UserId user_id);
void deallocate_worker(Connection& c, CouncilId council_id, PersonId person_id, UserId user_id);
// The social workers allocated to a person: (user id, display name, username).
struct AllocatedWorker { UserId user_id; std::string name; std::string username; };
std::vector<AllocatedWorker> allocated_workers(Connection& c, CouncilId council_id, PersonId person_id);
// Lists the person among those the account represents ("People you help").
// What the account may do is not read from here: it is derived from the
// relationship (people::representative_scope); `scope` keeps what the person
// agreed to, as recorded with the relationship.
void link_representative(Connection& c, const people::Relationship& rel, UserId user_id);
// Ends the account's link to the person; how many links the account has left.
std::int64_t unlink_representative(Connection& c, CouncilId council_id, PersonId person_id, UserId user_id);

// The people a social worker is allocated to.
std::vector<people::Person> caseload(Connection& c, CouncilId council_id, UserId user_id);
// Each active social worker in the council with the number of people allocated to them.
struct WorkerCaseload { UserId user_id; std::string name; std::int64_t people; };
std::vector<WorkerCaseload> caseload_sizes(Connection& c, CouncilId council_id);
// The people a representative is linked to.
std::vector<people::Person> represented_people(Connection& c, CouncilId council_id, UserId user_id);

// The council's most recently recorded people, for a team manager's overview.
std::vector<people::Person> recent_people(Connection& c, CouncilId council_id, int limit);


struct AgeBandCounts {
  std::int64_t under_18 = 0;
  std::int64_t adults_18_64 = 0;
  std::int64_t older_65_plus = 0;
};
AgeBandCounts count_people_by_age_band(Connection& c, CouncilId council_id, CivilDate on);
// Everyone recorded, in every council (`patchwork generate --append` numbers on from it).
std::int64_t count_all_people(Connection& c);

}  // namespace patchwork::storage
