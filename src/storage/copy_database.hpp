#pragma once
// Copies every row of one Patchwork database into another, empty one at the
// same schema version, on either back end: a council that has outgrown the
// embedded SQLite file moves to PostgreSQL, or a data set generated into
// SQLite (no round trip per statement, so many times faster to build) is
// loaded into PostgreSQL to be measured (bench/scale). The rows are the
// source's rows, ids and all; nothing is re-derived.
//
// Rows are read in pages of the source's key and written with
// Connection::copy_rows (COPY on PostgreSQL), all in one transaction on the
// target: a copy that fails part-way leaves the target as it was.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "storage/db.hpp"

namespace patchwork::storage {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
};

struct CopyOutcome {
  std::vector<CopiedTable> tables;  // in the order they were copied
  std::int64_t rows = 0;
};

// Refused before anything was written, with the reason in plain words: the
// source or the target is not at this Patchwork's schema version, the two
// schemas differ, or the target already holds rows.
struct CopyRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `progress` is told the table and the rows copied of it so far, a page at a
// time. The target is brought to the current schema first if it is empty.
// On PostgreSQL the target's connection must be allowed to set
// session_replication_role (a superuser, as for pg_restore
// --disable-triggers): foreign keys are not checked row by row while the
// rows go in, since a row may name one later in the copy (a superseded
// decision names the one after it); the source enforced them. On SQLite they
// are switched off for the copy and checked whole before it commits.
CopyOutcome copy_database(Connection& from, Connection& to,
                          const std::function<void(std::string_view table, std::int64_t rows)>& progress = {});

}  // namespace patchwork::storage
