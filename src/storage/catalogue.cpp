#include "storage/catalogue.hpp"

namespace patchwork::storage {

std::vector<std::string> schema_tables(Connection& c) {
  static constexpr Statement kSqlite{"schema_tables_sqlite",
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"};
  static constexpr Statement kPostgres{"schema_tables_postgres",
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.oid"};
  std::vector<std::string> out;
  for (const auto& row : c.query(c.backend() == Backend::Sqlite ? kSqlite : kPostgres, {})) out.push_back(row.text(0));
  return out;
}

void refresh_statistics(Connection& c) {
  static constexpr Statement kAnalyze{"refresh_statistics", "ANALYZE"};
  if (c.backend() == Backend::Sqlite) {
    c.execute(kAnalyze, {});
    return;
  }
  // On PostgreSQL, Patchwork's own tables by name: a bare ANALYZE also visits
  // the system catalogues, and a role that is not a superuser (the tables'
  // owner, as it should be) gets a warning for each of those.
  std::string sql;
  for (const auto& name : schema_tables(c)) {
    if (!plain_schema_name(name)) continue;
    sql += sql.empty() ? "ANALYZE " : ", ";
    sql += name;
  }
  // Statement holds views: the SQL is kept alive beside it.
  if (!sql.empty()) c.execute(Statement{"refresh_statistics_named", sql}, {});
}

}  // namespace patchwork::storage
