#pragma once
// Monitoring pages (#16, docs/money.md "Monitoring and flags"); the plan page
// shows the person's spending controls through add_spending_controls.
#include "domain/people/person.hpp"
#include "http/context.hpp"
#include "web/render.hpp"

namespace patchwork::web {

// Sets `spending_controls` on a plan page's content: the controls of the
// person's plan in force, in plain words, with a link to change them for
// those who may. Nothing when the person has no plan.
void add_spending_controls(http::Context& ctx, const people::Person& person, Data& content);

}  // namespace patchwork::web
