#pragma once
// The personal budget's pages, and the interim budgets to review that the
// caseload pages show.
#include <optional>

#include "core/ids.hpp"
#include "http/context.hpp"
#include "web/render.hpp"

namespace patchwork::web {

// Sets `interim_reviews` (name, href, review_on, ends_on: earliest review
// first) on a caseload page: the people of `worker`'s caseload, or of the
// whole council, whose budget in effect today is interim. Each person shown is
// listed through Context::list_people, so the look is audited and anyone the
// user may not see is left out.
void add_interim_reviews(http::Context& ctx, std::optional<UserId> worker, Data& content);

}  // namespace patchwork::web
