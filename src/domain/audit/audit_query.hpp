#pragma once
#include <map>
#include <string>

#include "core/result.hpp"
#include "domain/audit/audit_entry.hpp"

namespace patchwork::audit {

// Reads the audit trail filters (person_id, username, from, to, page), shared by
// the page and the API, naming each field that is wrong.
Result<AuditQuery> audit_query_from(const std::map<std::string, std::string, std::less<>>& params, CouncilId council_id);

}  // namespace patchwork::audit
