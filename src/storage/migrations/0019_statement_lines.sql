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
  -- Added by the import (services/statements_service). One import is one
  -- transaction, so a row here is a finished import ('complete'), or a file
  -- refused as a whole because it names another account ('refused': its
  -- wrong_account exception is kept, nothing from the file is).
  state TEXT NOT NULL DEFAULT 'complete' CHECK (state IN ('complete', 'refused')),
  choice TEXT NOT NULL DEFAULT 'all_or_nothing' CHECK (choice IN ('all_or_nothing', 'without_rejected_lines')),
  format_detail TEXT NOT NULL DEFAULT '',
  period_from TEXT,
  period_to TEXT,
  closing_balance_pence BIGINT,               -- what the (last) statement in the file says, when it says
  lines_read BIGINT NOT NULL DEFAULT 0,
  lines_added BIGINT NOT NULL DEFAULT 0,      -- new lines kept (posted, matched or held as exceptions)
  lines_matched BIGINT NOT NULL DEFAULT 0,    -- money in matched to the council's payment already in the ledger
  lines_already BIGINT NOT NULL DEFAULT 0,    -- read before, from this file or an overlapping one: nothing added
  lines_rejected BIGINT NOT NULL DEFAULT 0,
  exceptions BIGINT NOT NULL DEFAULT 0,
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
  -- Added by the import.
  value_date TEXT,
  reference TEXT NOT NULL DEFAULT '',
  reversal INTEGER NOT NULL DEFAULT 0 CHECK (reversal IN (0, 1)),
  source_line BIGINT NOT NULL DEFAULT 0,      -- the line of the file it was read from
  category_why TEXT NOT NULL DEFAULT '',      -- the rule that chose the category, or who did
  category_changes INTEGER NOT NULL DEFAULT 0,  -- how many times a worker moved it to another category
  plan_id BIGINT,                             -- the support plan version and line it pays for, when matched
  plan_line_number INTEGER,
  plan_match_why TEXT NOT NULL DEFAULT '',
  FOREIGN KEY (council_id, account_id) REFERENCES ledger_accounts (council_id, id),
  FOREIGN KEY (council_id, import_id) REFERENCES statement_imports (council_id, id)
);
-- The same line read again, from the same file or an overlapping one, is found here.
CREATE UNIQUE INDEX statement_lines_identity ON statement_lines (council_id, account_id, line_identity);
-- An account's lines by date, for monitoring and the budget holder's money page.
CREATE INDEX statement_lines_account_date ON statement_lines (council_id, account_id, booking_date);
CREATE UNIQUE INDEX statement_lines_council_id ON statement_lines (council_id, id);
-- A ledger transfer is what at most one line became: the council's payment
-- matched by one line of money in cannot be matched by a second.
CREATE UNIQUE INDEX statement_lines_transfer ON statement_lines (council_id, transfer_id) WHERE transfer_id IS NOT NULL;

-- What the import could not reconcile: typed, never dropped, worked by
-- finance (categorised, matched to a payment, or closed with a reason).
CREATE TABLE statement_exceptions (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  account_id BIGINT NOT NULL,
  import_id BIGINT NOT NULL,
  line_id BIGINT,                             -- the line, for the kinds about one line
  source_line BIGINT NOT NULL DEFAULT 0,      -- the file's line, for a rejected line (which is not kept as a line)
  kind TEXT NOT NULL CHECK (kind IN ('unknown_reference', 'duplicate', 'reversal_without_original', 'balance_mismatch',
    'wrong_account', 'uncategorised', 'not_enough_money', 'rejected_line')),
  detail TEXT NOT NULL,
  amount_pence BIGINT,                        -- balance mismatch: the bank's balance less the ledger's
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'closed')),
  outcome TEXT NOT NULL DEFAULT '',
  worked_by BIGINT REFERENCES users (id),
  worked_at TEXT,
  raised_at TEXT NOT NULL,
  FOREIGN KEY (council_id, account_id) REFERENCES ledger_accounts (council_id, id),
  FOREIGN KEY (council_id, import_id) REFERENCES statement_imports (council_id, id),
  FOREIGN KEY (council_id, line_id) REFERENCES statement_lines (council_id, id)
);
CREATE UNIQUE INDEX statement_exceptions_council_id ON statement_exceptions (council_id, id);
CREATE INDEX statement_exceptions_state ON statement_exceptions (council_id, state, account_id);
-- A line is one exception at most.
CREATE UNIQUE INDEX statement_exceptions_line ON statement_exceptions (council_id, line_id) WHERE line_id IS NOT NULL;

-- Categorisation rules the council's workers taught by choosing a category
-- (domain/statements/categorise.hpp learn()), in the rules' text form; used
-- after the council defaults by every later import.
CREATE TABLE statement_category_rules (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  rule TEXT NOT NULL,
  source TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX statement_category_rules_council ON statement_category_rules (council_id, id);
