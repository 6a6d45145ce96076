#include "storage/large_write.hpp"

#include <string>

namespace patchwork::storage {
namespace {

void set_cache(Connection& c, std::size_t megabytes) {
  // A PRAGMA takes no bound parameter; a negative size is in KiB.
  if (c.backend() == Backend::Sqlite) c.execute_script("PRAGMA cache_size=-" + std::to_string(megabytes * 1024));
}

}  // namespace

LargeWriteCache::LargeWriteCache(Connection& connection, std::size_t megabytes) : connection_(connection) {
  set_cache(connection_, megabytes);
}

LargeWriteCache::~LargeWriteCache() {
  try {
    set_cache(connection_, kUsualCacheMegabytes);
  } catch (...) {
    // A lost connection is rebuilt (with the usual cache) on its next use.
  }
}

}  // namespace patchwork::storage
