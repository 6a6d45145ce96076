#pragma once
// Involvement and agreement in preparing a support plan (Care Act 2014 s.25(3)
// and s.25(5)): who took part, and whether the person (or their representative)
// agreed the plan or why agreement could not be reached. Both must be recorded
// before a plan is sent for approval. Rules: docs/planning.md, "Involvement
// and agreement". Pure domain.
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/records.hpp"
#include "domain/planning/plan.hpp"

namespace patchwork::planning {

// person, carer, independent_advocate, asked_for, interested_in_welfare.
const people::CodeList& involvement_kinds();

// One more person involved: kind, name, how (optional). The same kind and
// name twice is refused. Only a draft (or a returned plan) may change.
Result<SupportPlan> with_involvement(SupportPlan plan, const people::Fields& f);
// Removing one, by its number.
Result<SupportPlan> without_involvement(SupportPlan plan, std::string_view number);

// Agreement could not be reached: reason (what was tried and why it failed),
// recorded_on (optional, today when not given). Clears a recorded agreement.
Result<SupportPlan> with_no_agreement(SupportPlan plan, const people::Fields& f, CivilDate today);

// What submission_problems adds: the person is recorded as involved
// (field "involved"), and either their agreement or why it could not be
// reached is recorded (field "agreement").
FieldErrors involvement_problems(const SupportPlan& plan);

// Any change to what a draft says clears the agreement and the reason it
// could not be reached: both were about the plan as it was.
void clear_agreement(SupportPlan& plan);

}  // namespace patchwork::planning
