#include "services/person_access.hpp"

#include "storage/repositories/people_repository.hpp"

namespace patchwork::services {

std::optional<PersonForUser> find_person_for(storage::Connection& c, const accounts::User& user, PersonId person_id) {
  auto person = storage::find_person(c, user.council_id, person_id);
  if (!person) return std::nullopt;
  auto relation = storage::relation_between(c, user.actor(), *person);
  return PersonForUser{std::move(*person), relation};
}

access::PersonRelation relation_to(storage::Connection& c, const accounts::User& user, const people::Person& person) {
  return storage::relation_between(c, user.actor(), person);
}

}  // namespace patchwork::services
