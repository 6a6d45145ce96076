#pragma once
// The RAS learns from agreed plans: the report of agreed costs against
// indicative amounts, and the model that would have matched them, as a file
// an administrator loads (POST /api/v1/ras/configurations, or the
// configuration page) and compares through the existing recalibration.
//
// The rows are the caller's: one per current approved plan, with the RAS
// version and points of the allocation it started from (docs/planning.md,
// "The RAS learns from agreed plans", says where they come from).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/allocation/learning.hpp"
#include "storage/db.hpp"
#include "storage/repositories/assessment_repository.hpp"

namespace patchwork::services {

// Where the rows come from: the plans part's query, passed in when the routes
// are wired, so this capability needs no knowledge of plans' tables.
using AgreedRowsSource = std::function<std::vector<allocation::AgreedRow>(storage::Connection&, CouncilId)>;

struct RasLearning {
  std::vector<allocation::DifferenceGroup> groups;   // every model version's plans
  std::optional<storage::StoredDefinition> model_in_use;
  std::int64_t plans_under_model_in_use = 0;
  // Learned from the plans under the model in use, as its next version (above
  // every version loaded), with the file to load; or why there is none.
  std::optional<allocation::Proposal> proposal;
  std::string proposal_file;
  FieldErrors no_proposal;
};

RasLearning learn_from_agreed_plans(storage::Connection& c, CouncilId council_id, const std::vector<allocation::AgreedRow>& rows);

}  // namespace patchwork::services
