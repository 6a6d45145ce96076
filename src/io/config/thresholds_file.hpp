#pragma once
// The approval thresholds file a council loads (docs/configuration.md,
// "Approval thresholds"): JSON text in, a checked planning::ApprovalThresholds
// out. Money is written as text ("800.00"), never as a JSON number.
#include <string>

#include "core/result.hpp"
#include "domain/planning/authority.hpp"

namespace patchwork::io {

Result<planning::ApprovalThresholds> parse_approval_thresholds(const std::string& json_text);

}  // namespace patchwork::io
