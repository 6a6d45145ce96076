#pragma once
// The audit trail: append and search, nothing else. The database refuses
// UPDATE and DELETE on it (see the foundation migration).
#include <vector>

#include "domain/audit/audit_entry.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

void append_audit(Connection& c, const audit::AuditEntry& entry);
std::vector<audit::AuditEntry> search_audit(Connection& c, const audit::AuditQuery& query);

}  // namespace patchwork::storage
