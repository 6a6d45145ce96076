#include "storage/postgres/postgres_database.hpp"

#include "core/text.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <map>
#include <memory>

namespace patchwork::storage {
namespace {

// Type OIDs from PostgreSQL's pg_type catalogue (stable across releases).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

struct ResultDeleter { void operator()(PGresult* r) const { PQclear(r); } };
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& conninfo) {
    // connect_timeout first so that one given in the caller's string wins.
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"5", "patchwork", conninfo.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      conn_ = nullptr;
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      throw DatabaseUnavailable("cannot connect to PostgreSQL: " + message);
    }
    run_simple("SET client_min_messages = warning");
  }
  ~PostgresConnection() override { PQfinish(conn_); }

  Backend backend() const override { return Backend::Postgres; }

  Rows query(const Statement& statement, const Params& params) override {
    ResultPtr result = run(statement, params);
    Rows rows;
    rows.reserve(PQntuples(result.get()));
    rows_of(result.get(), [&rows](const Row& r) { rows.push_back(r); });
    return rows;
  }

  // Single-row mode: libpq hands over one row at a time instead of the whole result.
  void for_each(const Statement& statement, const Params& params, const std::function<void(const Row&)>& row) override {
    Bound bound = bind(params);
    const std::string& name = prepared_name(statement, bound);
    if (!PQsendQueryPrepared(conn_, name.c_str(), int(params.size()), bound.pointers.data(), nullptr, nullptr, 0))
      raise(nullptr, statement.name);
    PQsetSingleRowMode(conn_);
    std::exception_ptr failure;
    ResultPtr error;
    while (PGresult* raw = PQgetResult(conn_)) {
      ResultPtr result(raw);
      auto status = PQresultStatus(raw);
      if (status == PGRES_SINGLE_TUPLE) {
        if (!failure) {
          try { rows_of(raw, row); } catch (...) { failure = std::current_exception(); }
        }
      } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && !error) {
        error = std::move(result);
      }
    }
    if (error) raise(error.get(), statement.name);
    if (failure) std::rethrow_exception(failure);
  }

 private:
  void rows_of(const PGresult* result, const std::function<void(const Row&)>& row) {
    int n_rows = PQntuples(result);
    int n_cols = PQnfields(result);
    for (int r = 0; r < n_rows; ++r) {
      std::vector<Value> values;
      values.reserve(n_cols);
      for (int c = 0; c < n_cols; ++c) {
        if (PQgetisnull(result, r, c)) { values.emplace_back(Null{}); continue; }
        const char* text = PQgetvalue(result, r, c);
        switch (PQftype(result, c)) {
          case kInt2: case kInt4: case kInt8: values.emplace_back(std::int64_t(std::stoll(text))); break;
          case kFloat4: case kFloat8: case kNumeric: values.emplace_back(std::stod(text)); break;
          case kBool: values.emplace_back(std::int64_t(text[0] == 't' ? 1 : 0)); break;
          default: values.emplace_back(std::string(text, PQgetlength(result, r, c)));
        }
      }
      row(Row(std::move(values)));
    }
  }

 public:

  std::int64_t execute(const Statement& statement, const Params& params) override {
    ResultPtr result = run(statement, params);
    const char* changed = PQcmdTuples(result.get());
    return changed && *changed ? std::stoll(changed) : 0;
  }

  void execute_script(std::string_view sql) override { run_simple(std::string(sql)); }

  std::int64_t copy_rows(std::string_view table, const std::vector<std::string>& columns,
                         const std::function<bool(std::vector<Value>&)>& next) override {
    const std::string sql = fmt::format("COPY {} ({}) FROM STDIN", table, schema_column_list(table, columns));
    {
      ResultPtr start(PQexec(conn_, sql.c_str()));
      if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) raise(start.get(), fmt::format("copying {}", table));
    }
    // COPY's text format: a tab between values, a newline after each row, \N
    // for NULL, and a backslash before any tab, newline, carriage return or
    // backslash inside a value. Sent in pieces of about 256 kB.
    std::string buffer;
    std::vector<Value> values;
    std::int64_t written = 0;
    auto send = [&] {
      if (PQputCopyData(conn_, buffer.data(), int(buffer.size())) != 1) {
        broken_ = PQstatus(conn_) != CONNECTION_OK;
        throw DatabaseUnavailable(fmt::format("copying {}: {}", table, PQerrorMessage(conn_)));
      }
      buffer.clear();
    };
    try {
      while (true) {
        values.assign(columns.size(), Null{});
        if (!next(values)) break;
        if (values.size() != columns.size())
          throw DatabaseError(fmt::format("copying {}: a row has {} values for {} columns", table, values.size(), columns.size()));
        for (std::size_t i = 0; i < values.size(); ++i) {
          if (i > 0) buffer += '\t';
          std::visit([&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null>) buffer += "\\N";
            else if constexpr (std::is_same_v<T, std::int64_t>) buffer += std::to_string(v);
            else if constexpr (std::is_same_v<T, double>) buffer += fmt::format("{}", v);
            else
              for (char ch : v) {
                switch (ch) {
                  case '\\': buffer += "\\\\"; break;
                  case '\t': buffer += "\\t"; break;
                  case '\n': buffer += "\\n"; break;
                  case '\r': buffer += "\\r"; break;
                  default: buffer += ch;
                }
              }
          }, values[i]);
        }
        buffer += '\n';
        ++written;
        if (buffer.size() >= 256 * 1024) send();
      }
      if (!buffer.empty()) send();
    } catch (...) {
      // End the COPY as failed, so the connection is usable (and the
      // transaction rolls back) whatever went wrong while the rows were made.
      PQputCopyEnd(conn_, "a row could not be made");
      while (PGresult* r = PQgetResult(conn_)) PQclear(r);
      throw;
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) throw DatabaseUnavailable(fmt::format("copying {}: {}", table, PQerrorMessage(conn_)));
    ResultPtr end(PQgetResult(conn_));
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
    if (!end || PQresultStatus(end.get()) != PGRES_COMMAND_OK) raise(end.get(), fmt::format("copying {}", table));
    return written;
  }

  void begin(TxMode mode) override {
    // A read route sends no BEGIN and no COMMIT: each of its statements runs on
    // its own (autocommit), which saves two of the three round trips a
    // one-query request would otherwise make. Read routes (Tx::Read) are the
    // ones whose statements need not agree on one snapshot, like GET
    // /api/v1/me; a route that must see several rows as of one moment is a
    // write route, which also keeps its audit entries in its transaction.
    // READ COMMITTED is PostgreSQL's default; rules that must see a consistent
    // balance take row locks (SELECT ... FOR UPDATE) where they read it.
    if (mode == TxMode::Read) {
      reading_ = true;
      return;
    }
    run_simple("BEGIN");
  }
  void commit() override {
    if (reading_) {
      reading_ = false;
      return;
    }
    // PostgreSQL answers COMMIT in a failed transaction by rolling back; say so
    // instead of letting the caller believe its writes were kept.
    if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
      run_simple("ROLLBACK");
      throw DatabaseError("the transaction was rolled back because a statement in it failed");
    }
    run_simple("COMMIT");
  }
  void rollback() override {
    reading_ = false;
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) run_simple("ROLLBACK");
  }

  bool healthy() override {
    if (PQstatus(conn_) != CONNECTION_OK || broken_) {
      PQreset(conn_);
      prepared_.clear();
      broken_ = PQstatus(conn_) != CONNECTION_OK;
      if (broken_) return false;
      try { run_simple("SET client_min_messages = warning"); } catch (...) { return false; }
    }
    return true;
  }

  bool broken() const { return broken_ || PQstatus(conn_) != CONNECTION_OK; }

 private:
  // PostgreSQL names the table and, for NOT NULL, the column; a unique or
  // foreign-key report names its columns in the detail: "Key (council_id,
  // nhs_number)=(1, 9434765919) already exists."
  static ConstraintViolation constraint_violation(const PGresult* result, std::string_view code, const std::string& message) {
    using Kind = ConstraintViolation::Kind;
    Kind kind = code == "23505" ? Kind::Unique : code == "23503" ? Kind::ForeignKey : code == "23502" ? Kind::NotNull
              : code == "23514" ? Kind::Check : Kind::Other;
    auto field = [result](int which) {
      const char* v = result ? PQresultErrorField(result, which) : nullptr;
      return std::string(v ? v : "");
    };
    std::vector<std::string> columns;
    if (auto column = field(PG_DIAG_COLUMN_NAME); !column.empty()) columns.push_back(column);
    std::string detail = field(PG_DIAG_MESSAGE_DETAIL);
    if (auto open = detail.find("Key ("); open != std::string::npos) {
      auto close = detail.find(")=", open);
      if (close != std::string::npos)
        for (const auto& c : split(std::string_view(detail).substr(open + 5, close - open - 5), ',')) columns.push_back(trim(c));
    }
    return ConstraintViolation(message, kind, field(PG_DIAG_TABLE_NAME), columns);
  }

  [[noreturn]] void raise(const PGresult* result, std::string_view what) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    message = fmt::format("{}: {}", what, message);
    std::string_view code = state ? state : "";
    // Class 08 is a connection failure; 57P01-57P03 are the server shutting down or starting.
    if (PQstatus(conn_) != CONNECTION_OK || code.starts_with("08") || code.starts_with("57P")) {
      broken_ = true;
      throw DatabaseUnavailable(message);
    }
    if (code.starts_with("23")) throw constraint_violation(result, code, message);
    throw DatabaseError(message);
  }

  void run_simple(const std::string& sql) {
    ResultPtr result(PQexec(conn_, sql.c_str()));
    auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) raise(result.get(), "PostgreSQL");
  }

  struct Bound {
    std::vector<std::string> texts;
    std::vector<const char*> pointers;
    std::vector<Oid> types;
  };

  Bound bind(const Params& params) {
    Bound b{std::vector<std::string>(params.size()), std::vector<const char*>(params.size(), nullptr), std::vector<Oid>(params.size(), 0)};
    auto& texts = b.texts;
    auto& pointers = b.pointers;
    auto& types = b.types;
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::visit([&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) { texts[i] = std::to_string(v); pointers[i] = texts[i].c_str(); types[i] = kInt8; }
        else if constexpr (std::is_same_v<T, double>) { texts[i] = fmt::format("{}", v); pointers[i] = texts[i].c_str(); types[i] = kFloat8; }
        else if constexpr (std::is_same_v<T, std::string>) { pointers[i] = v.c_str(); }
      }, params[i].value);
    }
    return b;
  }

  const std::string& prepared_name(const Statement& statement, const Bound& bound) {
    // Looked up by the SQL text itself, without copying it on every call.
    auto it = prepared_.find(statement.sql);
    if (it == prepared_.end()) {
      std::string key(statement.sql);
      std::string name = fmt::format("pw{}", prepared_.size() + 1);
      ResultPtr prep(PQprepare(conn_, name.c_str(), key.c_str(), int(bound.types.size()), bound.types.data()));
      if (!prep || PQresultStatus(prep.get()) != PGRES_COMMAND_OK) raise(prep.get(), fmt::format("preparing {}", statement.name));
      it = prepared_.emplace(key, name).first;
    }
    return it->second;
  }

  ResultPtr run(const Statement& statement, const Params& params) {
    Bound bound = bind(params);
    const std::string& name = prepared_name(statement, bound);
    ResultPtr result(PQexecPrepared(conn_, name.c_str(), int(params.size()), bound.pointers.data(), nullptr, nullptr, 0));
    auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) raise(result.get(), statement.name);
    return result;
  }

  PGconn* conn_ = nullptr;
  bool broken_ = false;
  bool reading_ = false;  // inside a read "transaction": statements autocommit
  std::map<std::string, std::string, std::less<>> prepared_;
};

}  // namespace

PostgresDatabase::PostgresDatabase(std::string conninfo, std::size_t pool_size)
    : conninfo_(std::move(conninfo)),
      pool_(pool_size, [this] { return std::make_unique<PostgresConnection>(conninfo_); }) {}

Database::Lease PostgresDatabase::acquire() {
  Lease lease = pool_.acquire();
  // A connection that lost its server (a restart, a failover) is rebuilt here,
  // so the process recovers without a restart of its own.
  auto* pg = static_cast<PostgresConnection*>(lease.get());
  if (pg->broken() && !pg->healthy()) throw DatabaseUnavailable("PostgreSQL is not answering");
  return lease;
}

std::string PostgresDatabase::describe() const {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo_.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "unreadable connection string";
    PQfreemem(error);
    return "PostgreSQL (" + message + ")";
  }
  std::string host, port, dbname, user;
  for (auto* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    std::string_view k = o->keyword;
    if (k == "host") host = o->val;
    else if (k == "port") port = o->val;
    else if (k == "dbname") dbname = o->val;
    else if (k == "user") user = o->val;
  }
  PQconninfoFree(options);
  return fmt::format("PostgreSQL database {} on {}{}{}", dbname.empty() ? "(default)" : dbname,
                     host.empty() ? "local socket" : host, port.empty() ? "" : ":" + port,
                     user.empty() ? "" : " as " + user);
}

}  // namespace patchwork::storage
