-- statement mappings saved by a council: how to read a bank's CSV (docs/statements.md "Bank CSV and prepaid-card CSV")
-- A bank changes its download's layout, or a council's bank is not among the
-- built-in mappings: finance saves one by name. Each save is a new row, so
-- what a file was read with on a day can be told later; the newest row of a
-- name is the one used. A council's mapping of a built-in name is used
-- instead of the built-in one, for that council only.
CREATE TABLE statement_mappings (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  name TEXT NOT NULL,
  mapping_text TEXT NOT NULL,
  saved_by BIGINT NOT NULL REFERENCES users (id),
  saved_at TEXT NOT NULL
);
CREATE INDEX statement_mappings_name ON statement_mappings (council_id, name, id);
