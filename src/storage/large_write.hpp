#pragma once
// For one long write transaction (a statement import of up to a million
// lines). On SQLite, while it lives, the connection's page cache may grow to
// `megabytes`, so the index pages the write keeps changing stay in memory
// instead of being written to the WAL and read back before the commit; the
// cache is taken as pages are used, so a small import takes little. Back to
// the usual size (sqlite_database.cpp) after. On PostgreSQL nothing: its
// memory is the server's.
#include <cstddef>

#include "storage/db.hpp"

namespace patchwork::storage {

// The page cache every SQLite connection is opened with.
inline constexpr std::size_t kUsualCacheMegabytes = 64;

class LargeWriteCache {
 public:
  LargeWriteCache(Connection& connection, std::size_t megabytes);
  ~LargeWriteCache();
  LargeWriteCache(const LargeWriteCache&) = delete;
  LargeWriteCache& operator=(const LargeWriteCache&) = delete;

 private:
  Connection& connection_;
};

}  // namespace patchwork::storage
