#pragma once
// The database seam. Repositories hold all SQL as named Statement constants and
// talk only to these types; the SQLite and PostgreSQL adapters implement them.
//
// SQL is written once, in PostgreSQL's placeholder style ($1, $2 ...); the SQLite
// adapter maps $N to SQLite's ?N. Values are bound, never spliced into SQL.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "core/date.hpp"
#include "core/ids.hpp"
#include <vector>

namespace patchwork::storage {

enum class Backend { Sqlite, Postgres };
std::string_view backend_name(Backend b);

struct Null {};
using Value = std::variant<Null, std::int64_t, double, std::string>;

inline Value opt(const std::optional<std::string>& v) { return v ? Value(*v) : Value(Null{}); }
inline Value opt(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(Null{}); }
template <typename Tag>
Value opt(const std::optional<Id<Tag>>& v) { return v ? Value(v->value()) : Value(Null{}); }
// Civil dates are stored as ISO text ("2026-11-27") on both back ends.
inline Value opt(const std::optional<CivilDate>& v) { return v ? Value(v->iso()) : Value(Null{}); }

// One bound parameter of a statement: a value, or a typed id bound as its number,
// so repositories take CouncilId, PersonId, UserId and pass them straight on.
struct Param {
  Value value;
  Param(Value v) : value(std::move(v)) {}
  Param(Null) : value(Null{}) {}
  Param(std::int64_t v) : value(v) {}
  Param(int v) : value(std::int64_t(v)) {}
  Param(double v) : value(v) {}
  Param(std::string v) : value(std::move(v)) {}
  Param(const char* v) : value(std::string(v)) {}
  template <typename Tag>
  Param(Id<Tag> id) : value(id.value()) {}
  Param(CivilDate d) : value(d.iso()) {}
};
using Params = std::vector<Param>;

// A named SQL statement: prepared once per connection, by name.
struct Statement {
  std::string_view name;
  std::string_view sql;
};

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  bool is_null(std::size_t i) const { return std::holds_alternative<Null>(values_.at(i)); }
  std::int64_t int64(std::size_t i) const;
  double real(std::size_t i) const;
  std::string text(std::size_t i) const;              // "" for NULL
  std::optional<std::string> opt_text(std::size_t i) const;
  std::optional<std::int64_t> opt_int64(std::size_t i) const;
  // A key column as its id type: row.id<PersonId>(0).
  template <typename IdType>
  IdType id(std::size_t i) const { return IdType(int64(i)); }
  template <typename IdType>
  std::optional<IdType> opt_id(std::size_t i) const {
    auto v = opt_int64(i);
    return v ? std::optional<IdType>(IdType(*v)) : std::nullopt;
  }
  // An ISO date column; a default (not ok()) date when it does not hold one.
  CivilDate date(std::size_t i) const { return CivilDate::parse_iso(text(i)).value_or(CivilDate{}); }
  std::optional<CivilDate> opt_date(std::size_t i) const {
    return is_null(i) ? std::nullopt : CivilDate::parse_iso(text(i));
  }
  std::size_t size() const { return values_.size(); }
  // The value as the database gave it (for copying rows as they are).
  const Value& value(std::size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// Thrown when the database cannot be reached: a request answers 503 and the
// connection is rebuilt on next use.
struct DatabaseUnavailable : std::runtime_error { using std::runtime_error::runtime_error; };
// A rule of the schema refused the write: which kind, on which table and
// columns, read from each back end's own report, so that the answer can name
// the field instead of being a 500.
struct ConstraintViolation : std::runtime_error {
  enum class Kind { Unique, ForeignKey, NotNull, Check, Other };
  ConstraintViolation(std::string message, Kind kind, std::string table, std::vector<std::string> columns)
      : std::runtime_error(std::move(message)), kind(kind), table(std::move(table)), columns(std::move(columns)) {}
  Kind kind;
  std::string table;
  std::vector<std::string> columns;
  // The column a person would recognise: the last named one that is not
  // council_id (every key leads with it), or "" when the report named none.
  std::string field() const;
};
// Anything else the database refused (a bug in our SQL, a full disk).
struct DatabaseError : std::runtime_error { using std::runtime_error::runtime_error; };

enum class TxMode { Read, Write };

// True for a name of Patchwork's schema (a table or a column): lower-case
// letters, digits and underscores, starting with a letter, at most 63 bytes.
// copy_rows refuses any other, so no name is ever quoted into SQL unchecked.
bool plain_schema_name(std::string_view name);
// "a, b, c" for copy_rows, after checking the table's and every column's name
// (DatabaseError naming the first that is not plain, or no columns at all).
std::string schema_column_list(std::string_view table, const std::vector<std::string>& columns);

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  virtual Rows query(const Statement& statement, const Params& params = {}) = 0;
  // Calls `row` for each result row as it arrives, without holding them all in
  // memory: for the few jobs that read a whole council (recalibration, returns).
  virtual void for_each(const Statement& statement, const Params& params,
                        const std::function<void(const Row&)>& row) = 0;
  // Runs statements and discards rows; returns the number of rows changed.
  virtual std::int64_t execute(const Statement& statement, const Params& params = {}) = 0;
  // Several statements separated by semicolons, no parameters: migrations only.
  virtual void execute_script(std::string_view sql) = 0;
  // Writes many rows into one table in one stream: COPY on PostgreSQL (no
  // statement and no round trip per row), one prepared INSERT stepped per row
  // on SQLite. `next` fills the row's values (one per column, in order) and
  // returns false when there are no more. For bulk jobs only (copying a
  // database): `table` and `columns` are names from Patchwork's own schema,
  // and anything else is refused. Returns the number of rows written.
  virtual std::int64_t copy_rows(std::string_view table, const std::vector<std::string>& columns,
                                 const std::function<bool(std::vector<Value>&)>& next) = 0;
  virtual void begin(TxMode mode) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // True when the connection is usable; tries to reconnect when it is not.
  virtual bool healthy() = 0;
};

// A pool of connections. A lease returns its connection to the pool when dropped.
class Database {
 public:
  using Lease = std::unique_ptr<Connection, std::function<void(Connection*)>>;
  virtual ~Database() = default;
  virtual Backend backend() const = 0;
  virtual Lease acquire() = 0;
  virtual std::string describe() const = 0;   // for logs, without passwords
};

// One transaction: rolled back when it goes out of scope uncommitted, so an
// exception half-way through a request leaves nothing half-written.
class Transaction {
 public:
  Transaction(Connection& connection, TxMode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();
  Connection& connection() { return connection_; }

 private:
  Connection& connection_;
  bool open_ = true;
};

// Opens the database a --db argument names: a postgresql:// URI or a key=value
// string (host=... dbname=...) means PostgreSQL, anything else is an SQLite file.
struct OpenOptions {
  std::size_t pool_size = 4;
  // An SQLite file is created only by `init`; every other command refuses a
  // missing file rather than leave an empty one behind.
  bool create_if_missing = false;
  // SQLite only: how often a connection handed back to the pool refreshes the
  // query planner's statistics (PRAGMA optimize; SqliteDatabase). PostgreSQL's
  // autovacuum analyses tables itself.
  std::chrono::seconds sqlite_optimize_every = std::chrono::hours(1);
  // SQLite only: open the file read-only, so that reading it changes nothing
  // in it, not its journal mode nor the planner's statistics (copy-database's
  // source). A PostgreSQL source is read in a READ ONLY transaction instead.
  bool read_only = false;
};
std::unique_ptr<Database> open_database(const std::string& target, const OpenOptions& options = {});
bool names_postgres(std::string_view target);

}  // namespace patchwork::storage
