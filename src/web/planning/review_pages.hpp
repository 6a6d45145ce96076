#pragma once
// The reviews due in a caseload, for the caseload pages (shell_pages.cpp).
#include <optional>

#include "core/ids.hpp"
#include "http/context.hpp"
#include "web/render.hpp"

namespace patchwork::web {

// Sets `reviews_due` (name, what, href, due_on, overdue: overdue first) and
// `has_reviews_due` on a caseload page: plan and direct payment reviews of
// `worker`'s caseload, or of the whole council. Each person is listed through
// Context::list_people (audited, and anyone the user may not see left out);
// a direct payment review only where the user may see the budget.
void add_reviews_due(http::Context& ctx, std::optional<UserId> worker, Data& content);

}  // namespace patchwork::web
