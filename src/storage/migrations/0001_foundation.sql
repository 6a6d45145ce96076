-- foundation: councils, people, accounts, sessions, audit trail
-- Every table that holds a council's data carries council_id as the first
-- column of its primary key or of its leading index, so the schema can later be
-- distributed by council (docs/scaling.md). ${ID} is each back end's
-- auto-numbered key; what must differ per back end is in the files beside this.
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
