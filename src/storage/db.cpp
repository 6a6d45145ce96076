#include "storage/db.hpp"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>

#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace patchwork::storage {

std::string_view backend_name(Backend b) { return b == Backend::Sqlite ? "SQLite" : "PostgreSQL"; }

bool plain_schema_name(std::string_view name) {
  if (name.empty() || name.size() > 63 || name[0] < 'a' || name[0] > 'z') return false;
  for (char ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  return true;
}

std::string schema_column_list(std::string_view table, const std::vector<std::string>& columns) {
  if (!plain_schema_name(table)) throw DatabaseError(fmt::format("copying rows: \"{}\" is not a table name of Patchwork's schema", table));
  if (columns.empty()) throw DatabaseError(fmt::format("copying rows into {}: no columns named", table));
  std::string list;
  for (const auto& c : columns) {
    if (!plain_schema_name(c)) throw DatabaseError(fmt::format("copying rows into {}: \"{}\" is not a column name of Patchwork's schema", table, c));
    if (!list.empty()) list += ", ";
    list += c;
  }
  return list;
}

std::int64_t Row::int64(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::real(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto p = std::get_if<std::int64_t>(&v)) return double(*p);
  if (auto s = std::get_if<std::string>(&v)) return std::stod(*s);
  return 0;
}

std::string Row::text(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  return {};
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

Transaction::Transaction(Connection& connection, TxMode mode) : connection_(connection) { connection_.begin(mode); }

Transaction::~Transaction() {
  if (!open_) return;
  try { connection_.rollback(); } catch (...) {}  // a lost connection has rolled back already
}

void Transaction::commit() {
  connection_.commit();
  open_ = false;
}

bool names_postgres(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://") ||
         target.find("dbname=") != std::string_view::npos || target.find("host=") != std::string_view::npos;
}

std::unique_ptr<Database> open_database(const std::string& target, const OpenOptions& options) {
  if (names_postgres(target)) return std::make_unique<PostgresDatabase>(target, options.pool_size);
  if (!options.create_if_missing && !std::filesystem::exists(target))
    throw DatabaseUnavailable("there is no database file " + target + "; create one with `patchwork init --db " + target + "`");
  return std::make_unique<SqliteDatabase>(target, options.pool_size, options.sqlite_optimize_every, options.read_only);
}

std::string ConstraintViolation::field() const {
  for (auto it = columns.rbegin(); it != columns.rend(); ++it)
    if (*it != "council_id") return *it;
  return {};
}

}  // namespace patchwork::storage
