#pragma once
// Council-wide figures read set-wise: one query for a council or for every
// council, grouped in the database, never a query per person.
#include <functional>
#include <optional>

#include "domain/reports/self_directed_support.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

// The people in long-term community support on `on` (docs/reports.md "Who
// counts"), grouped by council, birth month, stored dementia value, whether a
// personal budget is in force and whether it has a direct payment with money:
// each group to `row` as it arrives. One council, or every council when none
// is given. Under-18s are among them (age needs the date, which is the
// domain's to work out nationally).
void self_directed_support_groups(Connection& c, CivilDate on, std::optional<CouncilId> council,
                                  const std::function<void(const reports::SupportGroup&)>& row);

}  // namespace patchwork::storage
