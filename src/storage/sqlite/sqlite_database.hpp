#pragma once
#include <memory>
#include <mutex>
#include <string>

#include "storage/db.hpp"
#include "storage/pool.hpp"

namespace patchwork::storage {

// SQLite in WAL mode: many readers, one writer. Writers in this process queue on
// a mutex before BEGIN IMMEDIATE, so they wait in order instead of spinning on
// SQLITE_BUSY; other processes (a backup, `user add`) are covered by busy_timeout.
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::size_t pool_size);
  Backend backend() const override { return Backend::Sqlite; }
  Lease acquire() override { return pool_.acquire(); }
  std::string describe() const override { return "SQLite file " + path_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex writer_;
  ConnectionPool pool_;
};

// Online backup through SQLite's backup API: consistent while the server runs.
void sqlite_backup(const std::string& from_path, const std::string& to_path);

// $1 -> ?1, outside quoted strings.
std::string sqlite_placeholders(std::string_view sql);

}  // namespace patchwork::storage
