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
#include <optional>
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
  // Set when the rows were committed but a step after (statistics) failed.
  std::optional<std::string> problem_after_commit;
};

// Refused before anything was written, with the reason in plain words: the
// source or the target is not at this Patchwork's schema version, the two
// schemas differ, or the target already holds rows.
struct CopyRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `progress` is told the table and the rows copied of it so far, a page at a
// time. The target is brought to the current schema first if it is empty
// (that migration is committed on its own: a copy refused after it leaves an
// empty Patchwork database, which a second attempt accepts). The source is
// read as of one moment. Rows may name rows copied after them, so foreign
// keys are set aside for the copy and checked whole before it commits: on
// PostgreSQL they are dropped and added back inside the transaction, as
// pg_restore does (the tables' owner suffices); on SQLite they are switched
// off and PRAGMA foreign_key_check run, with the triggers that check a row
// against another table dropped and made again likewise.
CopyOutcome copy_database(Connection& from, Connection& to,
                          const std::function<void(std::string_view table, std::int64_t rows)>& progress = {});

}  // namespace patchwork::storage
