#pragma once
#include <string>

#include "storage/db.hpp"
#include "storage/pool.hpp"

namespace patchwork::storage {

// PostgreSQL through libpq: prepared statements with typed parameters, a pool
// sized for the worker threads, and a reconnect when the server has gone away.
class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string conninfo, std::size_t pool_size);
  Backend backend() const override { return Backend::Postgres; }
  Lease acquire() override;
  std::string describe() const override;

 private:
  std::string conninfo_;
  ConnectionPool pool_;
};

}  // namespace patchwork::storage
