#pragma once
// How a person is shown in lists and on their record.
#include <vector>

#include "domain/people/person.hpp"
#include "web/render.hpp"

namespace patchwork::web {

Data person_summary(const people::Person& person);
// Every detail, with national codes shown in plain English.
Data person_details(const people::Person& person);
// A list for the people_table partial, with its caption and what to say when empty.
Data people_list(const std::vector<people::Person>& people, const std::string& caption, const std::string& empty_message);

}  // namespace patchwork::web
