#pragma once
// Finding a person for a signed-in user: only ever within the user's own council
// (the council is part of the SQL, not a check made afterwards), together with
// the facts the policy needs about the user's relationship to them.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/access/policy.hpp"
#include "domain/accounts/user.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

struct PersonForUser {
  people::Person person;
  access::PersonRelation relation;
};

// The person with this id in the user's council, with the user's relation to
// them; nothing when the council has no such person (whoever else might).
std::optional<PersonForUser> find_person_for(storage::Connection& c, const accounts::User& user, PersonId person_id);

// The user's relation to a person already loaded.
access::PersonRelation relation_to(storage::Connection& c, const accounts::User& user, const people::Person& person);

// A provider account's "People you support": the people an approved plan in
// force today names its organisation for (on a line, or holding an individual
// service fund part). Empty for any other account.
std::vector<people::Person> people_supported_by(storage::Connection& c, const accounts::User& user);

}  // namespace patchwork::services
