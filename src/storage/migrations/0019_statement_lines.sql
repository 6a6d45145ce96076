-- statement imports and their lines: what each bank, building society or card statement said, line by line, and which ledger transfer each line became
-- docs/statements.md, "Importing a statement". The parsers (io/statements/)
-- read a file; the import keeps one row per file and one row per line it
-- accepted, so that monitoring (flags on spending outside the plan, cash,
-- merchant categories, payees) reads what the bank said, not a summary.
--
-- Columns marked SEAM are read by monitoring (services/monitoring_*): keep
-- their names and meaning. The import may add columns and tables.

CREATE TABLE statement_imports (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  account_id BIGINT NOT NULL,                 -- the ledger holding account the statement is for
  format TEXT NOT NULL CHECK (format IN ('csv', 'ofx', 'camt053', 'card')),
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  imported_by BIGINT REFERENCES users (id),
  imported_at TEXT NOT NULL,
  FOREIGN KEY (council_id, account_id) REFERENCES ledger_accounts (council_id, id)
);
CREATE UNIQUE INDEX statement_imports_council_id ON statement_imports (council_id, id);

CREATE TABLE statement_lines (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  account_id BIGINT NOT NULL,                 -- SEAM: the ledger holding account
  import_id BIGINT NOT NULL,                  -- the first import that read this line
  line_identity TEXT NOT NULL,                -- the bank's id, else the fingerprint (domain/statements/identity.hpp)
  booking_date TEXT NOT NULL,                 -- SEAM: YYYY-MM-DD
  amount_pence BIGINT NOT NULL,               -- SEAM: signed; money out of the account is below zero
  payee TEXT NOT NULL DEFAULT '',             -- SEAM: who was paid or who paid in, as the bank spelt it
  description TEXT NOT NULL DEFAULT '',       -- SEAM: the bank's narrative
  merchant_category_code INTEGER,             -- SEAM: ISO 18245, when the file gives it
  cash INTEGER NOT NULL DEFAULT 0 CHECK (cash IN (0, 1)),  -- SEAM: a cash withdrawal
  category TEXT,                              -- SEAM: ledger spending category code ("pa_wages", ...); NULL for money in and not yet categorised
  transfer_id TEXT,                           -- SEAM: the ledger transfer this line became; NULL while it is an exception
  FOREIGN KEY (council_id, account_id) REFERENCES ledger_accounts (council_id, id),
  FOREIGN KEY (council_id, import_id) REFERENCES statement_imports (council_id, id)
);
-- The same line read again, from the same file or an overlapping one, is found here.
CREATE UNIQUE INDEX statement_lines_identity ON statement_lines (council_id, account_id, line_identity);
-- An account's lines by date, for monitoring and the budget holder's money page.
CREATE INDEX statement_lines_account_date ON statement_lines (council_id, account_id, booking_date);
