#pragma once
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "storage/db.hpp"
#include "storage/pool.hpp"

namespace patchwork::storage {

// SQLite in WAL mode: many readers, one writer. Writers in this process queue on
// a mutex before BEGIN IMMEDIATE, so they wait in order instead of spinning on
// SQLITE_BUSY; other processes (a backup, `user add`) are covered by busy_timeout.
//
// The query planner's statistics (sqlite_stat1) are kept up as the data grows,
// as SQLite advises for long-lived connections: `PRAGMA analysis_limit=400;
// PRAGMA optimize;`, which analyses (from a sample of about 400 rows an index)
// only the tables this connection's queries used whose statistics are missing
// or far out of date. It runs when a connection is closed, and, for a server,
// at most once every `optimize_every` (an hour by default) by whichever
// connection is handed back to the pool once that time has passed: outside
// any transaction, never inside a request's. Without statistics SQLite
// planned a social worker's caseload three times slower (docs/performance.md).
class SqliteDatabase final : public Database {
 public:
  static constexpr std::chrono::seconds kOptimizeEvery = std::chrono::hours(1);
  // read_only: every connection is opened SQLITE_OPEN_READONLY, and a write
  // transaction is refused (OpenOptions::read_only).
  SqliteDatabase(std::string path, std::size_t pool_size, std::chrono::seconds optimize_every = kOptimizeEvery,
                 bool read_only = false);
  Backend backend() const override { return Backend::Sqlite; }
  Lease acquire() override;
  std::string describe() const override { return "SQLite file " + path_; }
  const std::string& path() const { return path_; }

 private:
  // A connection coming back to the pool: optimizes it when the time has come.
  void returned(Connection& c);

  std::string path_;
  std::mutex writer_;
  std::chrono::seconds optimize_every_;
  std::mutex optimize_mutex_;
  std::chrono::steady_clock::time_point next_optimize_;
  ConnectionPool pool_;  // last: its connections close (and optimize) while the members above are still there
};

// Online backup through SQLite's backup API: consistent while the server runs.
void sqlite_backup(const std::string& from_path, const std::string& to_path);

// $1 -> ?1, outside quoted strings.
std::string sqlite_placeholders(std::string_view sql);

}  // namespace patchwork::storage
