#pragma once
// The rows the RAS learning report is worked from (services/learning_service.hpp):
// one per approved plan in force today, beside the indicative allocation it
// started from. Registered as the report's source in app/commands.cpp.
#include <vector>

#include "domain/allocation/learning.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// Each of the council's plans in force today (the approved version that took
// over last, as storage::plans_in_force picks it): its weekly cost, the RAS
// version, points and indicative amount of the allocation it started from
// (support_plans.indicative_allocation_id), the person's age band and Dementia
// value as they held on the day the version took effect, and whether an unpaid
// carer is recorded. A plan started with no indicative allocation, or whose
// allocation or model can no longer be found, says nothing about how far the
// RAS was off, so it has no row.
std::vector<allocation::AgreedRow> agreed_plan_rows(storage::Connection& c, CouncilId council_id);

}  // namespace patchwork::services
