#pragma once
// The carers section of a person's record, filled in by the carer pages so the
// record page only asks for it.
#include "domain/people/person.hpp"
#include "http/context.hpp"
#include "web/render.hpp"

namespace patchwork::web {

// Sets `carers` (each with their hours, household and carer's assessment),
// `no_carers`, and `carer_tasks` (accepted offers: something to do) on the record.
void add_carers_to_record(http::Context& ctx, const people::Person& person, Data& content);

}  // namespace patchwork::web
