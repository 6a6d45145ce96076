#pragma once
// Adding a council: its ONS/GSS code and name checked, neither already in use.
#include <string>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// The code as typed, trimmed and in capitals ("e06000014 " is E06000014).
std::string normalise_council_code(const std::string& typed);

// Adds the council; errors name "code" or "name" when either is malformed or
// already belongs to a council in this database.
Result<CouncilId> add_council(storage::Connection& c, const std::string& code, const std::string& name);

}  // namespace patchwork::services
