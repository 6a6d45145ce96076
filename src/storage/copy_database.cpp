#include "storage/copy_database.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <limits>

#include "storage/batch.hpp"
#include "storage/migrations.hpp"
#include "storage/catalogue.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kSqliteTriggers{"copy_triggers_sqlite",
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid"};
constexpr Statement kSqliteColumns{"copy_columns_sqlite", "SELECT name FROM pragma_table_info($1) ORDER BY cid"};
constexpr Statement kPostgresColumns{"copy_columns_postgres",
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 "
    "ORDER BY ordinal_position"};
// A table's primary key columns in key order: PostgreSQL has no rowid, and a
// table's pages are read in the order of its key (every Patchwork table has
// one; a few are over two or three columns, such as worker_allocations).
constexpr Statement kPostgresPrimaryKey{"copy_primary_key_postgres",
    "SELECT a.attname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
    "JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema() "
    "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
    "WHERE t.relname = $1 AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)"};
// Every foreign key of the schema, as PostgreSQL would write it again.
constexpr Statement kPostgresForeignKeys{"copy_foreign_keys_postgres",
    "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
    "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() AND c.contype = 'f' ORDER BY c.oid"};
constexpr Statement kPostgresIdentities{"copy_identities_postgres",
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'"};

// The migrations' own bookkeeping: the target has written its own.
bool bookkeeping(std::string_view table) { return table == "schema_migrations" || table == "patchwork_meta"; }

// A page of rows read from the source at a time: bounded memory whatever the
// size of the table.
constexpr std::int64_t kPageRows = 20'000;

std::vector<std::string> columns_of(Connection& c, const std::string& table) {
  std::vector<std::string> out;
  for (const auto& row : c.query(c.backend() == Backend::Sqlite ? kSqliteColumns : kPostgresColumns, {table})) out.push_back(row.text(0));
  return out;
}

// Reads one table's rows a page at a time, in the order of its key: SQLite's
// rowid (every Patchwork table has one), PostgreSQL's primary key, one column
// or several (compared as a row value, which the key's index answers).
class PagedReader {
 public:
  PagedReader(Connection& c, const std::string& table, const std::vector<std::string>& columns) : c_(c) {
    if (c.backend() == Backend::Sqlite) {
      key_ = {"rowid"};
    } else {
      for (const auto& row : c.query(kPostgresPrimaryKey, {table})) key_.push_back(row.text(0));
      if (key_.empty()) throw CopyRefused(fmt::format("The table {} has no primary key to read it by. Nothing was copied.", table));
    }
    const std::string keys = schema_column_list(table, key_), list = schema_column_list(table, columns);
    const std::string after = placeholders(1, int(key_.size()));
    first_sql_ = fmt::format("SELECT {}, {} FROM {} ORDER BY {} LIMIT {}", keys, list, table, keys, kPageRows);
    next_sql_ = fmt::format("SELECT {}, {} FROM {} WHERE ({}) > ({}) ORDER BY {} LIMIT {}", keys, list, table, keys, after, keys, kPageRows);
  }

  // The next row's values, or false when the table is read.
  bool next(std::vector<Value>& values) {
    if (page_.empty() && !done_) fetch();
    if (page_.empty()) return false;
    const Row& row = page_.front();
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = row.value(i + key_.size());
    page_.pop_front();
    return true;
  }

 private:
  void fetch() {
    Rows rows;
    if (last_.empty()) {
      rows = c_.query(Statement{"copy_read_first_page", first_sql_});
    } else {
      Params params;
      for (auto& v : last_) params.emplace_back(v);
      rows = c_.query(Statement{"copy_read_page", next_sql_}, params);
    }
    if (std::int64_t(rows.size()) < kPageRows) done_ = true;
    if (!rows.empty()) {
      last_.clear();
      for (std::size_t i = 0; i < key_.size(); ++i) last_.push_back(rows.back().value(i));
    }
    for (auto& row : rows) page_.push_back(std::move(row));
  }

  Connection& c_;
  std::vector<std::string> key_;
  std::string first_sql_, next_sql_;
  std::deque<Row> page_;
  std::vector<Value> last_;  // the key of the last row read
  bool done_ = false;
};

void check_schemas(Connection& from, Connection& to) {
  const auto source = inspect_schema(from);
  if (source.state != SchemaState::Current)
    throw CopyRefused(fmt::format("The database to copy from is not at this Patchwork's schema (version {}): {}. Nothing was copied.",
                                  latest_schema_version(), source.message));
  const auto target = inspect_schema(to);
  if (target.state == SchemaState::Empty) {
    migrate(to);
  } else if (target.state != SchemaState::Current) {
    throw CopyRefused(fmt::format("The database to copy into is not empty and not at this Patchwork's schema: {} Nothing was copied.",
                                  target.message));
  }
  if (describe_schema(from) != describe_schema(to))
    throw CopyRefused("The two databases' tables, columns or indexes differ although both record the same schema version: one has "
                      "been changed by hand. Nothing was copied.");
}

// SQLite's PRAGMA foreign_key_check over the whole database: the rows that
// name a row their table's foreign key says must exist, and does not.
void refuse_broken_keys(Connection& c) {
  const Statement check{"copy_foreign_key_check", "PRAGMA foreign_key_check"};
  auto broken = c.query(check);
  if (!broken.empty())
    throw CopyRefused(fmt::format("A row of {} names a row of {} that the source does not hold ({} such rows): the source "
                                  "breaks its own foreign keys (edited by hand with them switched off?). Nothing was copied.",
                                  broken.front().text(0), broken.front().text(2), broken.size()));
}

}  // namespace

CopyOutcome copy_database(Connection& from, Connection& to, const std::function<void(std::string_view, std::int64_t)>& progress) {
  check_schemas(from, to);
  std::vector<std::string> tables;
  for (auto& t : schema_tables(from))
    if (!bookkeeping(t)) tables.push_back(std::move(t));
  for (const auto& t : tables)
    if (!plain_schema_name(t)) throw CopyRefused(fmt::format("The table \"{}\" is not one of Patchwork's. Nothing was copied.", t));

  const bool sqlite_target = to.backend() == Backend::Sqlite;
  // SQLite checks foreign keys only outside a transaction's start; switched
  // off for the copy, checked whole before it commits, and back on after.
  if (sqlite_target) to.execute_script("PRAGMA foreign_keys=OFF");
  CopyOutcome outcome;
  try {
    // One snapshot of the source throughout, so that every table is copied as
    // of one moment even if something writes to it meanwhile (a scheduled
    // monitoring check): on SQLite a read transaction is one; PostgreSQL's
    // read "transactions" are autocommit (postgres_database.cpp), so the
    // source gets a real one, REPEATABLE READ and read-only.
    const bool postgres_source = from.backend() == Backend::Postgres;
    Transaction read(from, postgres_source ? TxMode::Write : TxMode::Read);
    if (postgres_source) from.execute_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    Transaction write(to, TxMode::Write);
    // An SQLite source's foreign keys are checked first, for a message that
    // names the table: the sqlite3 shell, for one, edits with them off. Into
    // SQLite the target is checked whole again before it commits; into
    // PostgreSQL every foreign key is validated as it is put back.
    if (from.backend() == Backend::Sqlite) refuse_broken_keys(from);
    for (const auto& t : tables) {
      // Statement holds views: the SQL is kept alive beside it.
      const std::string sql = fmt::format("SELECT 1 FROM {} LIMIT 1", t);
      const Statement any{"copy_target_empty", sql};
      if (!to.query(any).empty())
        throw CopyRefused(fmt::format("The database to copy into already holds rows (in {}): copy only into an empty database. "
                                      "Nothing was copied.",
                                      t));
    }
    // Triggers that check a row against another table (an account's provider
    // is of the account's council) would refuse a row whose other row comes
    // later in the copy. As PostgreSQL's foreign keys do below, they stand aside
    // while the source's rows, which passed them once, go in, and are back
    // before the commit: SQLite's DDL is part of the transaction.
    std::vector<std::pair<std::string, std::string>> triggers;
    if (sqlite_target) {
      for (const auto& row : to.query(kSqliteTriggers)) triggers.emplace_back(row.text(0), row.text(1));
      for (const auto& [name, sql] : triggers) {
        if (!plain_schema_name(name)) throw CopyRefused(fmt::format("The trigger \"{}\" is not one of Patchwork's. Nothing was copied.", name));
        to.execute_script(fmt::format("DROP TRIGGER {}", name));
      }
    }
    // PostgreSQL: the foreign keys are taken off for the copy and put back
    // after it, as pg_restore does, all inside the transaction: a row may name
    // one copied after it (a superseded decision names the one after it), and
    // putting a key back checks every row against it in one pass, so a source
    // that breaks one is refused whole. Only the tables' owner is needed (the
    // role `init` made them as), not a superuser. Patchwork's PostgreSQL
    // triggers fire on UPDATE, DELETE and TRUNCATE only, so none fires here.
    struct ForeignKey {
      std::string table, name, definition;
    };
    std::vector<ForeignKey> keys;
    if (!sqlite_target) {
      for (const auto& row : to.query(kPostgresForeignKeys)) keys.push_back({row.text(0), row.text(1), row.text(2)});
      for (const auto& k : keys) {
        if (!plain_schema_name(k.table) || !plain_schema_name(k.name))
          throw CopyRefused(fmt::format("The foreign key \"{}\" on \"{}\" is not one of Patchwork's. Nothing was copied.", k.name, k.table));
        to.execute_script(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", k.table, k.name));
      }
    }
    for (const auto& t : tables) {
      const auto columns = columns_of(from, t);
      PagedReader reader(from, t, columns);
      std::int64_t copied = 0;
      to.copy_rows(t, columns, [&](std::vector<Value>& values) {
        if (!reader.next(values)) return false;
        if (++copied % kPageRows == 0 && progress) progress(t, copied);
        return true;
      });
      if (progress) progress(t, copied);
      outcome.tables.push_back({t, copied});
      outcome.rows += copied;
    }
    if (sqlite_target) {
      for (const auto& [name, sql] : triggers) to.execute_script(sql);
      refuse_broken_keys(to);
    } else {
      for (const auto& k : keys) {
        try {
          to.execute_script(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", k.table, k.name, k.definition));
        } catch (const DatabaseError& e) {
          throw CopyRefused(fmt::format("A row of {} names a row that the source does not hold ({}): the source breaks its own "
                                        "foreign keys. Nothing was copied.",
                                        k.table, e.what()));
        }
      }
      // Identity columns carry on after the highest id copied, so the next
      // row the product writes does not collide with a copied one.
      for (const auto& row : to.query(kPostgresIdentities)) {
        const std::string table = row.text(0), column = row.text(1);
        if (!plain_schema_name(table) || !plain_schema_name(column)) continue;
        const std::string sql = fmt::format(
            "SELECT setval(pg_get_serial_sequence('{0}', '{1}'), m) FROM (SELECT max({1}) AS m FROM {0}) x WHERE m IS NOT NULL", table,
            column);
        const Statement bump{"copy_identity_bump", sql};
        to.query(bump);
      }
    }
    write.commit();
  } catch (...) {
    if (sqlite_target) to.execute_script("PRAGMA foreign_keys=ON");
    throw;
  }
  // The rows are committed: what fails from here is said as it is, never as
  // "nothing was copied".
  try {
    if (sqlite_target) to.execute_script("PRAGMA foreign_keys=ON");
    refresh_statistics(to);
  } catch (const std::exception& e) {
    outcome.problem_after_commit = fmt::format(
        "Every row was copied, but gathering the planner's statistics failed ({}): run ANALYZE on the new database.", e.what());
  }
  return outcome;
}

}  // namespace patchwork::storage
