-- payment schedules and suspensions per budget part, payees' bank details, payment runs with their items and states, and the council's payment settings
-- docs/money.md, "Payments". A payment is identified by what it is (person,
-- part, period start), never by the run that made it: the unique index on
-- (council_id, transfer_id) is what stops a second run paying anyone twice.

-- Per council: whether the person's contribution is deducted from the direct
-- payment (otherwise the council invoices it), and the council's own account
-- and BACS service user number for the payment file.
CREATE TABLE payment_settings (
  council_id BIGINT PRIMARY KEY REFERENCES councils (id),
  deduct_contribution INTEGER NOT NULL DEFAULT 0 CHECK (deduct_contribution IN (0, 1)),
  originator_name TEXT NOT NULL DEFAULT '',
  originator_sort_code TEXT NOT NULL DEFAULT '',
  originator_account_number TEXT NOT NULL DEFAULT '',
  service_user_number TEXT NOT NULL DEFAULT '',
  changed_by BIGINT REFERENCES users (id),
  changed_at TEXT NOT NULL
);

-- One schedule per part of a person's budget (the part key is kept across versions).
CREATE TABLE payment_schedules (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  part_key TEXT NOT NULL,
  frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'four_weekly', 'monthly')),
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  UNIQUE (council_id, person_id, part_key)
);

CREATE TABLE payment_suspensions (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  part_key TEXT NOT NULL,
  from_on TEXT NOT NULL,
  resumes_on TEXT,
  reason TEXT NOT NULL CHECK (reason IN ('sanction', 'hospital_stay')),
  note TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX payment_suspensions_person ON payment_suspensions (council_id, person_id, part_key);

-- Kept as history: the latest row for a part is the account paid. Only
-- finance reads the full numbers (docs/money.md).
CREATE TABLE payee_bank_details (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  part_key TEXT NOT NULL,
  account_name TEXT NOT NULL,
  sort_code TEXT NOT NULL CHECK (length(sort_code) = 6),
  account_number TEXT NOT NULL CHECK (length(account_number) = 8),
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX payee_bank_details_part ON payee_bank_details (council_id, person_id, part_key, id);

-- A run and who moved it through each state, when. The database itself
-- refuses a run approved by whoever prepared it.
CREATE TABLE payment_runs (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  pay_up_to TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'exported', 'reconciled')),
  prepared_by BIGINT NOT NULL REFERENCES users (id),
  prepared_at TEXT NOT NULL,
  approved_by BIGINT REFERENCES users (id),
  approved_at TEXT,
  exported_by BIGINT REFERENCES users (id),
  exported_at TEXT,
  reconciled_by BIGINT REFERENCES users (id),
  reconciled_at TEXT,
  total_pence BIGINT NOT NULL CHECK (total_pence >= 0),
  item_count BIGINT NOT NULL CHECK (item_count >= 0),
  CHECK (approved_by IS NULL OR approved_by <> prepared_by)
);
CREATE UNIQUE INDEX payment_runs_council_id ON payment_runs (council_id, id);

-- One payment of a run, with the payee's bank details as they were when the
-- run was prepared, so the file approved is the file exported.
CREATE TABLE payment_run_items (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  run_id BIGINT NOT NULL,
  transfer_id TEXT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people (id),
  part_key TEXT NOT NULL,
  mechanism TEXT NOT NULL CHECK (mechanism IN ('direct_payment', 'individual_service_fund')),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  payee_name TEXT NOT NULL,
  sort_code TEXT NOT NULL,
  account_number TEXT NOT NULL,
  reference TEXT NOT NULL,
  FOREIGN KEY (council_id, run_id) REFERENCES payment_runs (council_id, id)
);
CREATE UNIQUE INDEX payment_run_items_transfer ON payment_run_items (council_id, transfer_id);
CREATE INDEX payment_run_items_run ON payment_run_items (council_id, run_id, id);
-- "Paid through": the latest period paid for each part.
CREATE INDEX payment_run_items_part ON payment_run_items (council_id, person_id, part_key, period_start);

-- Payments due that a run could not include, and why (no bank details yet):
-- shown with the run so nobody is left unpaid without anyone knowing.
CREATE TABLE payment_run_held (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  run_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people (id),
  part_key TEXT NOT NULL,
  period_start TEXT NOT NULL,
  amount_pence BIGINT NOT NULL,
  reason TEXT NOT NULL,
  FOREIGN KEY (council_id, run_id) REFERENCES payment_runs (council_id, id)
);
CREATE INDEX payment_run_held_run ON payment_run_held (council_id, run_id);
