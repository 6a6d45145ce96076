-- end of support (death, end date, move), overpayment recovery cases with their periods and receipts, contribution invoices and payments
-- docs/money.md, "End of support and recovery" and "Contribution invoices".

-- One end of support per person: from the day after last_day_paid (the date
-- of death, the last day of support, or the day before a move) nothing more is
-- paid on any of their schedules.
CREATE TABLE support_endings (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  kind TEXT NOT NULL CHECK (kind IN ('died', 'support_ended', 'moved_away')),
  ends_on TEXT NOT NULL,
  last_day_paid TEXT NOT NULL,
  moved_to TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  UNIQUE (council_id, person_id)
);

-- A case of money owed back to the council. case_key says what it is
-- ("end:<person>"), unique per council, so recording the same end twice never
-- opens two cases. Whoever proposed a write-off can never be who approved it.
CREATE TABLE recovery_cases (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  case_key TEXT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  reason TEXT NOT NULL,
  debtor TEXT NOT NULL CHECK (debtor IN ('estate', 'payee', 'person')),
  instalments INTEGER NOT NULL DEFAULT 1 CHECK (instalments BETWEEN 1 AND 60),
  first_due TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'write_off_proposed', 'repaid', 'written_off')),
  opened_by BIGINT REFERENCES users (id),
  opened_at TEXT NOT NULL,
  write_off_reason TEXT NOT NULL DEFAULT '',
  write_off_proposed_by BIGINT REFERENCES users (id),
  write_off_decided_by BIGINT REFERENCES users (id),
  write_off_decided_at TEXT,
  CHECK (write_off_decided_by IS NULL OR write_off_decided_by <> write_off_proposed_by)
);
CREATE UNIQUE INDEX recovery_cases_key ON recovery_cases (council_id, case_key);
CREATE UNIQUE INDEX recovery_cases_council_id ON recovery_cases (council_id, id);
CREATE INDEX recovery_cases_person ON recovery_cases (council_id, person_id);

-- Each period paid that the case is made of: what was paid, and what of it
-- was for days after the end, so the amount can be explained line by line.
CREATE TABLE recovery_case_periods (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  case_id BIGINT NOT NULL,
  transfer_id TEXT NOT NULL,
  part_key TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  paid_pence BIGINT NOT NULL CHECK (paid_pence > 0),
  overpaid_pence BIGINT NOT NULL CHECK (overpaid_pence > 0 AND overpaid_pence <= paid_pence),
  days_after INTEGER NOT NULL CHECK (days_after > 0),
  FOREIGN KEY (council_id, case_id) REFERENCES recovery_cases (council_id, id)
);
CREATE INDEX recovery_case_periods_case ON recovery_case_periods (council_id, case_id);

-- Money received towards a case, each with its ledger transfer.
CREATE TABLE recovery_receipts (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  case_id BIGINT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  received_on TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('holding_account', 'payer')),
  part_key TEXT NOT NULL DEFAULT '',
  transfer_id TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  FOREIGN KEY (council_id, case_id) REFERENCES recovery_cases (council_id, id)
);
CREATE INDEX recovery_receipts_case ON recovery_receipts (council_id, case_id, id);

-- The person's contribution invoiced by the council (payment_settings.deduct_contribution = 0),
-- one per period of their schedule.
CREATE TABLE contribution_invoices (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  due_on TEXT NOT NULL,
  raised_by BIGINT REFERENCES users (id),
  raised_at TEXT NOT NULL,
  UNIQUE (council_id, person_id, period_start)
);
CREATE UNIQUE INDEX contribution_invoices_council_id ON contribution_invoices (council_id, id);
CREATE INDEX contribution_invoices_due ON contribution_invoices (council_id, due_on);

CREATE TABLE contribution_payments (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  invoice_id BIGINT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  received_on TEXT NOT NULL,
  transfer_id TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  FOREIGN KEY (council_id, invoice_id) REFERENCES contribution_invoices (council_id, id)
);
CREATE INDEX contribution_payments_invoice ON contribution_payments (council_id, invoice_id);
