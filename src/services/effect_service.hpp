#pragma once
// "See the effect" of a new RAS model: the groups (age band, dementia, carer
// status) over every result of a recalibration, and the first results with the
// people they are about, for the page or API to show through the projection.
#include <optional>
#include <vector>

#include "core/date.hpp"
#include "domain/allocation/effect.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"
#include "storage/repositories/recalibration_repository.hpp"

namespace patchwork::services {

struct Effect {
  storage::RecalibrationRun run;
  std::vector<allocation::EffectGroup> groups;
  // The first `named` results, each with its person (found in the council):
  // the caller shows each person only as far as the user may see them.
  std::vector<std::pair<allocation::EffectRow, people::Person>> first;
  std::int64_t not_listed = 0;  // results beyond the first `named`
};

// The latest recalibration of this model, grouped; nothing if it was never run.
std::optional<Effect> effect_of(storage::Connection& c, CouncilId council_id, std::int64_t configuration_id, CivilDate today,
                                std::size_t named);

}  // namespace patchwork::services
