#pragma once
// How a person is shown in lists and on their record.
#include <vector>

#include "domain/access/policy.hpp"
#include "domain/people/person.hpp"
#include "http/context.hpp"
#include "web/render.hpp"

namespace patchwork::web {

// Each shows only what `view` allows (access::person_view decides it).
Data person_summary(const people::Person& person, access::PersonView view);
// Every detail the view allows, with national codes shown in plain English.
Data person_details(const people::Person& person, access::PersonView view);
// A list for the people_table partial, with its caption and what to say when
// empty, from Context::list_people (which audits each person listed).
Data people_list(const std::vector<http::Context::Listed>& people, const std::string& caption, const std::string& empty_message);

}  // namespace patchwork::web
