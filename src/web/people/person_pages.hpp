#pragma once
// Shared by the people and assessment pages.
#include <expected>
#include <optional>

#include "domain/access/policy.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/person.hpp"
#include "http/context.hpp"
#include "web/forms.hpp"

namespace patchwork::web {

// The person named by {id} in the path, after the policy allows `action`
// (audited either way); otherwise the 404 or 403 page to answer with.
std::expected<people::Person, http::Response> person_page_for(http::Context& ctx, access::Action action);
Options code_options(const people::CodeList& list);
// Whether the user may do `action` to the person, without recording it: for
// deciding which links and buttons to show. The action itself, when taken, is
// authorised and audited in the usual way.
bool may_on(http::Context& ctx, access::Action action, const people::Person& person);

}  // namespace patchwork::web
