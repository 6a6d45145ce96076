#pragma once
// What a recalibration found, read back for the "see the effect" page and API:
// the latest run for a model, and each row with what the groups need.
#include <functional>
#include <optional>
#include <string>

#include "domain/allocation/effect.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

struct RecalibrationRun {
  std::int64_t id = 0;
  std::int64_t configuration_id = 0;
  std::int64_t allocations = 0;
  std::int64_t total_change_pence = 0;
  std::string run_at;
};
// The latest recalibration of this model in this council, if any was run.
std::optional<RecalibrationRun> latest_recalibration(Connection& c, CouncilId council_id, std::int64_t configuration_id);

// Whether a recalibration still covers exactly the council's current
// allocations: the same number, and none made since (a newer allocation has a
// higher id than any the run compared, even when it replaced one).
bool recalibration_covers_current_allocations(Connection& c, CouncilId council_id, const RecalibrationRun& run);

// Each result of a recalibration, streamed in allocation order, with the
// person's date of birth and dementia value and how a carer figures.
void for_each_effect_row(Connection& c, CouncilId council_id, std::int64_t recalibration_id,
                         const std::function<void(const allocation::EffectRow&)>& f);

}  // namespace patchwork::storage
