#include "storage/sqlite/sqlite_database.hpp"

#include "core/text.hpp"
#include "storage/batch.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <map>

namespace patchwork::storage {
namespace {

// SQLite reports "UNIQUE constraint failed: people.council_id, people.nhs_number"
// (or NOT NULL / CHECK with the same shape; FOREIGN KEY names nothing).
ConstraintViolation constraint_violation(int rc, const std::string& message, std::string_view errmsg) {
  using Kind = ConstraintViolation::Kind;
  Kind kind = Kind::Other;
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE: case SQLITE_CONSTRAINT_PRIMARYKEY: kind = Kind::Unique; break;
    case SQLITE_CONSTRAINT_FOREIGNKEY: kind = Kind::ForeignKey; break;
    case SQLITE_CONSTRAINT_NOTNULL: kind = Kind::NotNull; break;
    case SQLITE_CONSTRAINT_CHECK: kind = Kind::Check; break;
    default: break;
  }
  std::string table;
  std::vector<std::string> columns;
  if (auto colon = errmsg.find("failed: "); colon != std::string_view::npos && kind != Kind::Check) {
    for (const auto& item : split(errmsg.substr(colon + 8), ',')) {
      std::string name = trim(item);
      auto dot = name.find('.');
      if (dot == std::string::npos) continue;
      table = name.substr(0, dot);
      columns.push_back(name.substr(dot + 1));
    }
  }
  return ConstraintViolation(message, kind, table, columns);
}

[[noreturn]] void raise(sqlite3* db, int rc, std::string_view what) {
  std::string message = fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: throw constraint_violation(db ? sqlite3_extended_errcode(db) : rc, message, db ? sqlite3_errmsg(db) : "");
    case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_CANTOPEN: case SQLITE_IOERR: case SQLITE_FULL:
      throw DatabaseUnavailable(message);
    case SQLITE_NOTADB: throw DatabaseError(fmt::format("{}: the file is not an SQLite database", what));
    default: throw DatabaseError(message);
  }
}

constexpr int kBusyTimeoutMs = 5000;
enum class Wait { No, Yes };

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::mutex& writer, bool read_only) : writer_(writer), read_only_(read_only) {
    const int access = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path.c_str(), &db_, access | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = fmt::format("cannot open SQLite file {}: {}", path, db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      sqlite3_close(db_);
      throw DatabaseUnavailable(message);
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    sqlite3_extended_result_codes(db_, 1);
    try {
      // WAL: readers never block the writer. FULL sync: a committed payment survives a power cut.
      // Temporary files in memory, and a page cache of up to 64 MB (the
      // default is 2 MB): inside one long write transaction (a statement
      // import of a million lines is one) the pages it changed overflowed the
      // cache and were written out to the WAL while it ran, and each
      // statement's journal (to undo just that statement) spilled to a file:
      // small pwrites for every row, most of the import's time (an import now
      // raises the cache further while it runs: storage/large_write.hpp). Neither makes
      // a commit durable (the WAL at commit does); the cache is taken as pages
      // are used, so a connection that reads little stays small.
      // Read-only (copy-database's source): the file is left as it was found,
      // in whichever journal mode it was.
      if (read_only) first_read(path);
      else execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
      execute_script("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");  // storage::kUsualCacheMegabytes
    } catch (...) {
      close();
      throw;
    }
  }
  ~SqliteConnection() override { close(); }

  // SQLite opens a file lazily: a read-only file that cannot be read is found
  // at the first read, with a message about writing ("attempt to write a
  // readonly database") that means nothing to someone copying from it. The
  // cases a user meets are named here, with what to do.
  void first_read(const std::string& path) {
    const int rc = sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    const int code = sqlite3_extended_errcode(db_);
    std::string why;
    if (code == SQLITE_READONLY_ROLLBACK || code == SQLITE_READONLY_RECOVERY)
      why = fmt::format("a write to it was interrupted and must be finished first, which a read-only open cannot do. Open it once "
                        "with `patchwork migrate --db {}` (it rolls the interrupted write back), then copy",
                        path);
    else if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN)
      why = fmt::format("even to read a file in WAL mode SQLite must create {0}-wal and {0}-shm beside it, and cannot in that folder. "
                        "Copy the file (with any {0}-wal beside it) to a folder you can write to, and run copy-database from there",
                        path);
    else
      why = sqlite3_errmsg(db_);
    throw DatabaseUnavailable(fmt::format("cannot read SQLite file {} (opened read-only): {}.", path, why));
  }

  Backend backend() const override { return Backend::Sqlite; }

  Rows query(const Statement& statement, const Params& params) override {
    Rows rows;
    for_each(statement, params, [&rows](const Row& r) { rows.push_back(r); });
    return rows;
  }

  void for_each(const Statement& statement, const Params& params, const std::function<void(const Row&)>& row) override {
    sqlite3_stmt* stmt = prepare(statement, params);
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) { sqlite3_reset(stmt); fail(rc, statement.name); }
      int n = sqlite3_column_count(stmt);
      std::vector<Value> values;
      values.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER: values.emplace_back(std::int64_t(sqlite3_column_int64(stmt, i))); break;
          case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, i)); break;
          case SQLITE_NULL: values.emplace_back(Null{}); break;
          default: {
            auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            values.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(stmt, i)));
          }
        }
      }
      try {
        row(Row(std::move(values)));
      } catch (...) {
        sqlite3_reset(stmt);
        throw;
      }
    }
    sqlite3_reset(stmt);
  }

  std::int64_t execute(const Statement& statement, const Params& params) override {
    sqlite3_stmt* stmt = prepare(statement, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {}
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) fail(rc, statement.name);
    return sqlite3_changes64(db_);
  }

  void execute_script(std::string_view sql) override {
    char* error = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      if ((rc & 0xff) == SQLITE_NOTADB) throw DatabaseError("the file is not an SQLite database");
      if ((rc & 0xff) == SQLITE_BUSY) throw DatabaseUnavailable(message);
      throw DatabaseError(message);
    }
  }

  std::int64_t copy_rows(std::string_view table, const std::vector<std::string>& columns,
                         const std::function<bool(std::vector<Value>&)>& next) override {
    // No round trips to save here: one prepared INSERT, stepped per row.
    const std::string sql =
        fmt::format("INSERT INTO {} ({}) VALUES ({})", table, schema_column_list(table, columns), placeholders(1, int(columns.size())));
    const Statement insert{"copy_rows", sql};
    std::vector<Value> values;
    Params params;
    std::int64_t written = 0;
    while (true) {
      values.assign(columns.size(), Null{});
      if (!next(values)) break;
      if (values.size() != columns.size())
        throw DatabaseError(fmt::format("copying {}: a row has {} values for {} columns", table, values.size(), columns.size()));
      params.clear();
      for (auto& v : values) params.emplace_back(std::move(v));
      execute(insert, params);
      ++written;
    }
    return written;
  }

  void begin(TxMode mode) override {
    statement_failed_ = false;
    if (mode == TxMode::Write) {
      if (read_only_) throw DatabaseError("the SQLite file was opened read-only: nothing may be written to it");
      writer_lock_ = std::unique_lock(writer_);
      try {
        execute_script("BEGIN IMMEDIATE");
      } catch (...) {
        writer_lock_ = {};
        throw;
      }
    } else {
      execute_script("BEGIN");
    }
  }
  void commit() override {
    // The same rule as PostgreSQL: a transaction in which a statement failed is
    // rolled back, never committed half-done.
    if (statement_failed_) {
      finish("ROLLBACK");
      throw DatabaseError("the transaction was rolled back because a statement in it failed");
    }
    finish("COMMIT");
  }
  void rollback() override { finish("ROLLBACK"); }

  // PRAGMA optimize (see SqliteDatabase), only between transactions. It may
  // write sqlite_stat1, so it takes SQLite's write lock for a moment; when
  // `wait` is No it does not wait for another writer (the busy timeout is
  // nought while it runs) and says Busy, so a request handing back its
  // connection is never held up. Not through the writers' mutex: a thread
  // that holds it (a write transaction on another connection) may hand back
  // a connection, and SQLite's own lock is enough for one statement. Never
  // throws: statistics are an optimisation, and a database that refuses
  // (read-only, busy) keeps the ones it has.
  enum class Optimized { Ran, Busy, Failed };
  Optimized optimize(Wait wait) noexcept {
    if (!db_ || read_only_) return Optimized::Failed;
    if (!sqlite3_get_autocommit(db_)) return Optimized::Busy;
    if (wait == Wait::No) sqlite3_busy_timeout(db_, 0);
    const int rc = sqlite3_exec(db_, "PRAGMA analysis_limit=400; PRAGMA optimize;", nullptr, nullptr, nullptr);
    if (wait == Wait::No) sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    if (rc == SQLITE_OK) return Optimized::Ran;
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? Optimized::Busy : Optimized::Failed;
  }

  bool healthy() override {
    try {
      execute_script("SELECT 1");
      return true;
    } catch (...) {
      return false;
    }
  }

 private:
  [[noreturn]] void fail(int rc, std::string_view what) {
    if (!sqlite3_get_autocommit(db_)) statement_failed_ = true;
    raise(db_, rc, what);
  }

  void finish(const char* sql) {
    try {
      if (!sqlite3_get_autocommit(db_)) execute_script(sql);
    } catch (...) {
      writer_lock_ = {};
      throw;
    }
    writer_lock_ = {};
  }

  sqlite3_stmt* prepare(const Statement& statement, const Params& params) {
    auto it = cache_.find(statement.sql);  // no copy of the SQL a call
    sqlite3_stmt* stmt = nullptr;
    if (it == cache_.end()) {
      std::string sql = sqlite_placeholders(statement.sql);
      int rc = sqlite3_prepare_v3(db_, sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) raise(db_, rc, fmt::format("preparing {}", statement.name));
      cache_.emplace(std::string(statement.sql), stmt);
    } else {
      stmt = it->second;
    }
    sqlite3_clear_bindings(stmt);
    if (int(params.size()) != sqlite3_bind_parameter_count(stmt))
      throw DatabaseError(fmt::format("{} takes {} parameters, given {}", statement.name, sqlite3_bind_parameter_count(stmt), params.size()));
    for (std::size_t i = 0; i < params.size(); ++i) {
      int index = int(i + 1);
      int rc = std::visit([&](const auto& v) -> int {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Null>) return sqlite3_bind_null(stmt, index);
        else if constexpr (std::is_same_v<T, std::int64_t>) return sqlite3_bind_int64(stmt, index, v);
        else if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(stmt, index, v);
        // SQLITE_STATIC: `params` outlives every step of the statement (the
        // callers step it before they return, and the next call rebinds), so
        // SQLite need not copy each text: an import binds millions of them.
        else return sqlite3_bind_text(stmt, index, v.data(), int(v.size()), SQLITE_STATIC);
      }, params[i].value);
      if (rc != SQLITE_OK) raise(db_, rc, statement.name);
    }
    return stmt;
  }

  void close() {
    // SQLite's advice: optimize before closing a connection, when it knows
    // which tables its queries used.
    optimize(Wait::Yes);
    for (auto& [_, stmt] : cache_) sqlite3_finalize(stmt);
    cache_.clear();
    if (db_) sqlite3_close(db_);
    db_ = nullptr;
  }

  sqlite3* db_ = nullptr;
  std::mutex& writer_;
  const bool read_only_;
  std::unique_lock<std::mutex> writer_lock_;
  bool statement_failed_ = false;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

}  // namespace

std::string sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    out += (c == '$' && !quoted) ? '?' : c;
  }
  return out;
}

SqliteDatabase::SqliteDatabase(std::string path, std::size_t pool_size, std::chrono::seconds optimize_every, bool read_only)
    : path_(std::move(path)),
      optimize_every_(optimize_every),
      next_optimize_(std::chrono::steady_clock::now() + optimize_every),
      pool_(pool_size, [this, read_only] { return std::make_unique<SqliteConnection>(path_, writer_, read_only); }) {}

Database::Lease SqliteDatabase::acquire() {
  auto lease = pool_.acquire();
  auto give_back = lease.get_deleter();
  Connection* connection = lease.release();
  // The lease ends after the request's transaction has ended (a Transaction
  // lives inside it), so the optimize runs between transactions.
  return Lease(connection, [this, give_back](Connection* c) {
    returned(*c);
    give_back(c);
  });
}

void SqliteDatabase::returned(Connection& c) {
  {
    std::lock_guard lock(optimize_mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now < next_optimize_) return;
    // Claimed by this connection: the others go on without waiting for it.
    next_optimize_ = now + optimize_every_;
  }
  // Without waiting for a writer: when one holds the lock, the next connection
  // handed back tries (the time is given back); a database that refuses it
  // otherwise (read-only) is asked again only after the interval.
  if (static_cast<SqliteConnection&>(c).optimize(Wait::No) == SqliteConnection::Optimized::Busy) {
    std::lock_guard lock(optimize_mutex_);
    next_optimize_ = std::chrono::steady_clock::now();
  }
}

void sqlite_backup(const std::string& from_path, const std::string& to_path) {
  sqlite3* source = nullptr;
  sqlite3* target = nullptr;
  auto cleanup = [&] { sqlite3_close(source); sqlite3_close(target); };
  if (sqlite3_open_v2(from_path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string message = fmt::format("cannot open {}: {}", from_path, sqlite3_errmsg(source));
    cleanup();
    throw DatabaseUnavailable(message);
  }
  if (sqlite3_open(to_path.c_str(), &target) != SQLITE_OK) {
    std::string message = fmt::format("cannot create {}: {}", to_path, sqlite3_errmsg(target));
    cleanup();
    throw DatabaseUnavailable(message);
  }
  sqlite3_busy_timeout(source, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (!backup) {
    std::string message = sqlite3_errmsg(target);
    cleanup();
    throw DatabaseError("backup could not start: " + message);
  }
  int rc;
  // Copy in steps so that writers are held up for a moment at a time, not for the whole copy.
  while ((rc = sqlite3_backup_step(backup, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    sqlite3_sleep(5);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    std::string message = sqlite3_errstr(rc);
    cleanup();
    throw DatabaseError("backup failed: " + message);
  }
  cleanup();
}

}  // namespace patchwork::storage
