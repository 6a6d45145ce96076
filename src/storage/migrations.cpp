#include "storage/migrations.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/date.hpp"

namespace patchwork::storage {
namespace {

// Migration 1: the foundation. Every table that holds a council's data carries
// council_id as the first column of its primary key or of its leading index, so
// the schema can later be distributed by council (docs/scaling.md).
constexpr std::string_view kFoundation = R"SQL(
CREATE TABLE councils (
  id ${ID},
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX councils_code ON councils (code);

CREATE TABLE people (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  nhs_number TEXT,
  postcode TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX people_council_name ON people (council_id, family_name, given_name);
CREATE UNIQUE INDEX people_council_nhs_number ON people (council_id, nhs_number);

CREATE TABLE users (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  person_id BIGINT REFERENCES people (id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE INDEX users_council_role ON users (council_id, role);

CREATE TABLE worker_allocations (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  allocated_at TEXT NOT NULL,
  PRIMARY KEY (council_id, person_id, user_id)
);
CREATE INDEX worker_allocations_user ON worker_allocations (council_id, user_id);

CREATE TABLE representative_links (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  scope TEXT NOT NULL,
  basis TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  PRIMARY KEY (council_id, person_id, user_id)
);
CREATE INDEX representative_links_user ON representative_links (council_id, user_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  council_id BIGINT NOT NULL REFERENCES councils (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX sessions_council_user ON sessions (council_id, user_id);

CREATE TABLE sign_in_attempts (
  id ${ID},
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  attempted_at TEXT NOT NULL,
  succeeded INTEGER NOT NULL
);
CREATE INDEX sign_in_attempts_username ON sign_in_attempts (username, attempted_at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, attempted_at);

CREATE TABLE audit_log (
  id ${ID},
  council_id BIGINT,
  occurred_at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  role TEXT,
  action TEXT NOT NULL,
  person_id BIGINT,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL,
  request_id TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX audit_log_council_time ON audit_log (council_id, occurred_at);
CREATE INDEX audit_log_council_person ON audit_log (council_id, person_id, occurred_at);
CREATE INDEX audit_log_council_user ON audit_log (council_id, user_id, occurred_at);
)SQL";

// The audit trail is append-only in the database itself, not just in our code:
// no page, API or stray SQL can change or delete a row.
constexpr std::string_view kFoundationSqlite = R"SQL(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)SQL";

constexpr std::string_view kFoundationPostgres = R"SQL(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)SQL";

// Migration 2: people in full, capacity, carers and representatives, the case
// timeline, supported self-assessment, eligibility and resource allocation.
constexpr std::string_view kPeopleAndAssessment = R"SQL(
ALTER TABLE people ADD COLUMN address_line_1 TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN address_line_2 TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN town TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN preferred_contact TEXT NOT NULL DEFAULT 'phone';
ALTER TABLE people ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN interpreter_needed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN gender TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN ethnicity TEXT NOT NULL DEFAULT 'Undeclared / Not known';
ALTER TABLE people ADD COLUMN primary_support_reason TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN accommodation_status TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN dementia TEXT NOT NULL DEFAULT 'No';
ALTER TABLE people ADD COLUMN visual_impairment TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN hearing_impairment TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN autism TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN has_unpaid_carer TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN date_of_death TEXT;
CREATE INDEX people_council_birth ON people (council_id, date_of_birth);
CREATE INDEX people_council_postcode ON people (council_id, postcode);

CREATE TABLE capacity_assessments (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  decision TEXT NOT NULL,
  assessed_on TEXT NOT NULL,
  outcome TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  review_on TEXT,
  notes TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX capacity_assessments_person ON capacity_assessments (council_id, person_id);

CREATE TABLE person_relationships (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  basis TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  phone TEXT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  access_scope TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX person_relationships_person ON person_relationships (council_id, person_id);

CREATE TABLE case_events (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  event_type TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  description TEXT NOT NULL,
  outcome TEXT,
  route_of_access TEXT,
  referral_source TEXT,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX case_events_person ON case_events (council_id, person_id, start_date);

CREATE TABLE questionnaires (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  loaded_by BIGINT REFERENCES users (id),
  loaded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX questionnaires_council_version ON questionnaires (council_id, version);

CREATE TABLE assessments (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  questionnaire_id BIGINT NOT NULL REFERENCES questionnaires (id),
  status TEXT NOT NULL,
  completed_with TEXT NOT NULL,
  person_answers TEXT NOT NULL,
  worker_answers TEXT,
  started_by BIGINT REFERENCES users (id),
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  confirmed_by BIGINT REFERENCES users (id),
  confirmed_at TEXT
);
CREATE INDEX assessments_person ON assessments (council_id, person_id);

CREATE TABLE eligibility_decisions (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  assessment_id BIGINT NOT NULL REFERENCES assessments (id),
  eligible INTEGER NOT NULL,
  findings TEXT NOT NULL,
  reasoning TEXT NOT NULL,
  decided_by BIGINT REFERENCES users (id),
  decided_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX eligibility_decisions_person ON eligibility_decisions (council_id, person_id);

CREATE TABLE ras_configurations (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  active INTEGER NOT NULL,
  loaded_by BIGINT REFERENCES users (id),
  loaded_at TEXT NOT NULL,
  activated_at TEXT
);
CREATE UNIQUE INDEX ras_configurations_council_version ON ras_configurations (council_id, version);

CREATE TABLE allocations (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  assessment_id BIGINT NOT NULL REFERENCES assessments (id),
  ras_configuration_id BIGINT NOT NULL REFERENCES ras_configurations (id),
  total_points INTEGER NOT NULL,
  carer_answer TEXT,
  weekly_pence BIGINT NOT NULL,
  explanation TEXT NOT NULL,
  is_current INTEGER NOT NULL,
  created_by BIGINT REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX allocations_person ON allocations (council_id, person_id);
CREATE INDEX allocations_current ON allocations (council_id, is_current, id);

CREATE TABLE recalibrations (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  ras_configuration_id BIGINT NOT NULL REFERENCES ras_configurations (id),
  allocations INTEGER NOT NULL,
  total_change_pence BIGINT NOT NULL,
  run_by BIGINT REFERENCES users (id),
  run_at TEXT NOT NULL
);
CREATE INDEX recalibrations_council ON recalibrations (council_id, id);

CREATE TABLE recalibration_results (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  recalibration_id BIGINT NOT NULL REFERENCES recalibrations (id),
  allocation_id BIGINT NOT NULL REFERENCES allocations (id),
  person_id BIGINT NOT NULL,
  old_weekly_pence BIGINT NOT NULL,
  new_weekly_pence BIGINT NOT NULL,
  PRIMARY KEY (council_id, recalibration_id, allocation_id)
);
)SQL";

constexpr std::string_view kMetaTables = R"SQL(
CREATE TABLE IF NOT EXISTS patchwork_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
)SQL";

constexpr Statement kCountTablesSqlite{"count_tables_sqlite",
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"};
constexpr Statement kCountTablesPostgres{"count_tables_postgres",
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"};
constexpr Statement kHasMetaSqlite{"has_meta_sqlite",
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'patchwork_meta'"};
constexpr Statement kHasMetaPostgres{"has_meta_postgres",
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'patchwork_meta'"};
constexpr Statement kApplication{"meta_application", "SELECT value FROM patchwork_meta WHERE key = 'application'"};
constexpr Statement kSetApplication{"meta_set_application",
    "INSERT INTO patchwork_meta (key, value) VALUES ('application', 'patchwork')"};
constexpr Statement kSchemaVersion{"schema_version", "SELECT coalesce(max(version), 0) FROM schema_migrations"};
constexpr Statement kRecordMigration{"record_migration",
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)"};

constexpr Statement kSqliteTables{"describe_tables_sqlite",
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"};
constexpr Statement kSqliteColumns{"describe_columns_sqlite",
    "SELECT m.name, p.name, (p.\"notnull\" OR p.pk > 0) FROM sqlite_master m JOIN pragma_table_info(m.name) p "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"};
constexpr Statement kSqliteIndexes{"describe_indexes_sqlite",
    "SELECT m.tbl_name, m.name, group_concat(i.name, ',') FROM sqlite_master m JOIN pragma_index_info(m.name) i "
    "WHERE m.type = 'index' AND m.name NOT LIKE 'sqlite_autoindex%' GROUP BY m.tbl_name, m.name"};
constexpr Statement kPostgresTables{"describe_tables_postgres",
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"};
constexpr Statement kPostgresColumns{"describe_columns_postgres",
    "SELECT table_name, column_name, CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END FROM information_schema.columns "
    "WHERE table_schema = current_schema()"};
constexpr Statement kPostgresIndexes{"describe_indexes_postgres",
    "SELECT t.relname, i.relname, string_agg(a.attname, ',' ORDER BY k.ord) "
    "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
    "JOIN pg_namespace n ON n.oid = t.relnamespace "
    "CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord) "
    "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum "
    "WHERE n.nspname = current_schema() AND NOT x.indisprimary "
    "GROUP BY t.relname, i.relname"};

}  // namespace

const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "foundation: councils, people, accounts, sessions, audit trail", kFoundation, kFoundationSqlite, kFoundationPostgres},
      {2, "people, capacity, relationships, case timeline, self-assessment, eligibility, resource allocation",
       kPeopleAndAssessment, "", ""},
  };
  return migrations;
}

int latest_schema_version() { return all_migrations().back().version; }

std::string migration_sql(const Migration& m, Backend backend) {
  std::string sql(m.common);
  const std::string_view id = backend == Backend::Sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (std::size_t pos; (pos = sql.find("${ID}")) != std::string::npos;) sql.replace(pos, 5, id);
  sql += backend == Backend::Sqlite ? m.sqlite : m.postgres;
  return sql;
}

SchemaStatus inspect_schema(Connection& c) {
  const bool sqlite = c.backend() == Backend::Sqlite;
  Transaction tx(c, TxMode::Read);
  std::int64_t tables = c.query(sqlite ? kCountTablesSqlite : kCountTablesPostgres).at(0).int64(0);
  if (tables == 0) return {SchemaState::Empty, 0, "the database is empty"};
  bool has_meta = c.query(sqlite ? kHasMetaSqlite : kHasMetaPostgres).at(0).int64(0) > 0;
  Rows app = has_meta ? c.query(kApplication) : Rows{};
  if (app.empty() || app[0].text(0) != "patchwork")
    return {SchemaState::Foreign, 0, "the database holds tables that are not Patchwork's; give Patchwork an empty database of its own"};
  int version = int(c.query(kSchemaVersion).at(0).int64(0));
  int latest = latest_schema_version();
  if (version > latest)
    return {SchemaState::Newer, version,
            fmt::format("the database was migrated by a newer Patchwork (schema version {}; this Patchwork knows up to {}); "
                        "run the newer Patchwork or restore a backup", version, latest)};
  if (version < latest)
    return {SchemaState::Behind, version,
            fmt::format("the database is at schema version {} and this Patchwork needs {}; run `patchwork migrate`", version, latest)};
  return {SchemaState::Current, version, fmt::format("schema version {}", version)};
}

std::vector<int> migrate(Connection& c) {
  SchemaStatus status = inspect_schema(c);
  if (status.state == SchemaState::Foreign || status.state == SchemaState::Newer) throw DatabaseError(status.message);
  std::vector<int> applied;
  if (status.state == SchemaState::Empty) {
    Transaction tx(c, TxMode::Write);
    c.execute_script(kMetaTables);
    c.execute(kSetApplication);
    tx.commit();
  }
  for (const auto& m : all_migrations()) {
    if (m.version <= status.version) continue;
    Transaction tx(c, TxMode::Write);
    c.execute_script(migration_sql(m, c.backend()));
    c.execute(kRecordMigration, {std::int64_t(m.version), std::string(m.name), utc_timestamp_now()});
    tx.commit();
    applied.push_back(m.version);
  }
  return applied;
}

std::vector<std::string> describe_schema(Connection& c) {
  const bool sqlite = c.backend() == Backend::Sqlite;
  Transaction tx(c, TxMode::Read);
  std::vector<std::string> lines;
  for (const auto& row : c.query(sqlite ? kSqliteTables : kPostgresTables)) lines.push_back("table " + row.text(0));
  for (const auto& row : c.query(sqlite ? kSqliteColumns : kPostgresColumns))
    lines.push_back(fmt::format("column {}.{}{}", row.text(0), row.text(1), row.int64(2) ? " not null" : ""));
  for (const auto& row : c.query(sqlite ? kSqliteIndexes : kPostgresIndexes)) {
    // Indexes PostgreSQL makes for UNIQUE/PRIMARY KEY constraints are named
    // <table>_key/_pkey; SQLite's are autoindexes, skipped above.
    std::string name = row.text(1);
    if (name.ends_with("_pkey") || name.ends_with("_key")) continue;
    lines.push_back(fmt::format("index {} on {} ({})", name, row.text(0), row.text(2)));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace patchwork::storage
