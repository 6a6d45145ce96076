#pragma once
// The self-directed support summary (docs/reports.md): the repository's one
// set-wise query, streamed into the domain's tally, for one council or every
// council in the database.
#include <optional>

#include "domain/reports/self_directed_support.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// For the council given, or every council (in code order) when none is.
reports::Summary self_directed_support(storage::Connection& c, CivilDate on, std::optional<CouncilId> council);

}  // namespace patchwork::services
