#include "services/person_access.hpp"

#include "core/date.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/plans_repository.hpp"

namespace patchwork::services {
namespace {

// A provider account is engaged with a person while its organisation is named on
// a line, or holds an individual service fund part, of the person's approved
// plan in force today (issue #15: "the engagement ends with the line"). Worked
// out at every request from the plans, like a representative's scope, so
// nothing about it is stored and nothing can go stale: a new approved version
// without the provider ends it on the day that version takes over.
access::PersonRelation with_engagement(storage::Connection& c, const accounts::User& user, const people::Person& person,
                                       access::PersonRelation rel) {
  if (user.role == access::Role::Provider && user.provider_id && user.council_id == person.council_id)
    rel.provider_engaged =
        storage::provider_named_in_force(c, person.council_id, person.id, user.provider_id->value(), CivilDate::today_utc());
  return rel;
}

}  // namespace

std::optional<PersonForUser> find_person_for(storage::Connection& c, const accounts::User& user, PersonId person_id) {
  auto person = storage::find_person(c, user.council_id, person_id);
  if (!person) return std::nullopt;
  auto relation = with_engagement(c, user, *person, storage::relation_between(c, user.actor(), *person));
  return PersonForUser{std::move(*person), relation};
}

access::PersonRelation relation_to(storage::Connection& c, const accounts::User& user, const people::Person& person) {
  return with_engagement(c, user, person, storage::relation_between(c, user.actor(), person));
}

std::vector<people::Person> people_supported_by(storage::Connection& c, const accounts::User& user) {
  std::vector<people::Person> out;
  if (user.role != access::Role::Provider || !user.provider_id) return out;
  for (auto id : storage::people_naming_provider_in_force(c, user.council_id, user.provider_id->value(), CivilDate::today_utc()))
    if (auto p = storage::find_person(c, user.council_id, id)) out.push_back(std::move(*p));
  return out;
}

}  // namespace patchwork::services
