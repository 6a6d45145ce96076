#pragma once
// Versioned schema migrations, recorded in the database they changed.
#include <string>
#include <string_view>
#include <vector>

#include "storage/db.hpp"

namespace patchwork::storage {

// One step of the schema. `common` is written once for both back ends; the token
// ${ID} stands for each back end's auto-numbered key. `sqlite` and `postgres`
// hold only what must differ (triggers, functions, partial indexes).
struct Migration {
  int version;
  std::string_view name;
  std::string_view common;
  std::string_view sqlite;
  std::string_view postgres;
};

// One file each under src/storage/migrations/ (NNNN_name.sql, with
// NNNN_name.sqlite.sql and NNNN_name.postgres.sql beside it where the back
// ends differ), embedded at build time by cmake/embed_migrations.cmake.
const std::vector<Migration>& embedded_migrations();
const std::vector<Migration>& all_migrations();
int latest_schema_version();

// The SQL one migration runs on one back end.
std::string migration_sql(const Migration& m, Backend backend);

enum class SchemaState { Empty, Current, Behind, Newer, Foreign };
struct SchemaStatus {
  SchemaState state;
  int version;        // what the database records (0 when empty or foreign)
  std::string message;
};

// Reads what the database holds without changing it.
SchemaStatus inspect_schema(Connection& connection);

// Creates or upgrades the schema, one transaction per migration. Refuses a
// database that is not Patchwork's, or one a newer Patchwork has migrated,
// before writing anything. Returns the migrations applied.
std::vector<int> migrate(Connection& connection);

// Tables, columns and indexes as a sorted text description, to prove the two
// back ends hold the same schema.
std::vector<std::string> describe_schema(Connection& connection);

}  // namespace patchwork::storage
