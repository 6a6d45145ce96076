#pragma once
// A new empty database on either back end for the storage tests (SQLite in a
// temporary file, PostgreSQL on the test server PATCHWORK_PG_ENV names),
// dropped afterwards. Shared by storage_test.cpp and ledger_storage_test.cpp.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/text.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {
namespace {

std::map<std::string, std::string> pg_env() {
  std::map<std::string, std::string> env;
  const char* file = std::getenv("PATCHWORK_PG_ENV");
  if (!file) return env;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    auto eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

// A new empty database on the given back end, dropped afterwards.
class FreshDatabase {
 public:
  explicit FreshDatabase(Backend backend) : backend_(backend) {
    if (backend == Backend::Sqlite) {
      dir_ = std::filesystem::temp_directory_path() / ("patchwork-test." + random_hex(6));
      std::filesystem::create_directories(dir_);
      target_ = (dir_ / "test.db").string();
      db_ = open_database(target_, {4, true});
    } else {
      auto env = pg_env();
      if (env.empty()) throw std::runtime_error("PATCHWORK_PG_ENV is not set: the PostgreSQL test server is not running");
      admin_ = open_database(env["PG_ADMIN_URI"], {1, false});
      name_ = "patchwork_test_" + random_hex(6);
      auto lease = admin_->acquire();
      lease->execute_script("CREATE DATABASE " + name_);
      target_ = "postgresql://patchwork:" + env["PG_PASSWORD"] + "@127.0.0.1:" + env["PG_PORT"] + "/" + name_;
      db_ = open_database(target_, {4, false});
    }
  }
  ~FreshDatabase() {
    db_.reset();
    if (backend_ == Backend::Sqlite) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    } else {
      try { admin_->acquire()->execute_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); } catch (...) {}
    }
  }
  Database& db() { return *db_; }
  const std::string& target() const { return target_; }

 private:
  Backend backend_;
  std::filesystem::path dir_;
  std::string target_, name_;
  std::unique_ptr<Database> admin_, db_;
};

}  // namespace
}  // namespace patchwork::storage
