#pragma once
// Checking a person's details as typed on a form or sent to the API.
#include <map>
#include <string>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/people/person.hpp"

namespace patchwork::people {

// Field name (the JSON and form name) -> text as given. Absent keys keep the
// value in `base` (for updates); for a new person `base` is a default Person.
using PersonFields = std::map<std::string, std::string>;

// The fields a person record accepts, in the order forms show them.
const std::vector<std::string>& person_field_names();

// Applies and checks the fields, naming every problem: an NHS number whose check
// digit is wrong, a date of birth in the future or impossible, a postcode that is
// not one, a value not in its national code list. Nothing partial is returned.
Result<Person> apply_person_fields(const Person& base, const PersonFields& fields, CivilDate today);

}  // namespace patchwork::people
