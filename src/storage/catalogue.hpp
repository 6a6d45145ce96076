#pragma once
// What a database holds, read from its own catalogue (sqlite_master,
// pg_class), for the commands that work over every table: copy-database and
// the planner's statistics after a bulk load.
#include <string>
#include <vector>

#include "storage/db.hpp"

namespace patchwork::storage {

// Every table of the schema, in the order the migrations created them, so that
// (foreign keys aside) a table's parents come before it. On PostgreSQL, the
// current schema's ordinary tables only, not the system catalogues.
std::vector<std::string> schema_tables(Connection& c);

// Brings the query planner's statistics up to date (ANALYZE, on both back
// ends): after a bulk load, without them SQLite starts a caseload's queries
// from the whole council rather than the worker's people (bench/scale found
// the caseload page three times faster after it, docs/performance.md).
void refresh_statistics(Connection& c);

}  // namespace patchwork::storage
