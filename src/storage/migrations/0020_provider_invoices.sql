-- provider invoices against plan lines, their checks, holds with dispute threads, state history, providers' bank details, and the run each invoice was paid in
-- docs/money.md, "Provider invoices". An invoice is a provider's claim for
-- one person's individual service fund or council-managed part over a
-- period, line by line against the approved plan in force. Its number is the
-- provider's own, unique per provider within the council, so the same paper
-- invoice entered twice is refused rather than paid twice.

CREATE TABLE invoices (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  provider_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people (id),
  number TEXT NOT NULL,                 -- the provider's invoice number
  part_key TEXT NOT NULL,
  mechanism TEXT NOT NULL CHECK (mechanism IN ('individual_service_fund', 'council_managed')),
  plan_id BIGINT NOT NULL,              -- the approved plan version in force on the service dates
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL CHECK (period_to >= period_from),
  total_pence BIGINT NOT NULL CHECK (total_pence > 0),
  state TEXT NOT NULL CHECK (state IN ('received', 'checked', 'held', 'approved', 'released', 'accepted', 'rejected', 'paid')),
  must_act TEXT NOT NULL CHECK (must_act IN ('council', 'provider', 'nobody')),
  entered_by BIGINT NOT NULL REFERENCES users (id),
  entered_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES users (id),   -- who approved, released or accepted it for payment
  decided_at TEXT,
  -- Maker-checker, a third time (the policy and the service first): whoever
  -- entered an invoice never approves it for payment.
  CHECK (decided_by IS NULL OR decided_by <> entered_by),
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, id)
);
CREATE UNIQUE INDEX invoices_number ON invoices (council_id, provider_id, number);
CREATE UNIQUE INDEX invoices_council_id ON invoices (council_id, id);
CREATE INDEX invoices_state ON invoices (council_id, state);
CREATE INDEX invoices_person ON invoices (council_id, person_id, provider_id, period_from);

-- One line of an invoice: a line of the plan, the units and rate claimed.
-- Units are counted in quarters (care is booked in quarter hours), as plans count them.
CREATE TABLE invoice_lines (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  invoice_id BIGINT NOT NULL,
  plan_line INTEGER NOT NULL,
  description TEXT NOT NULL,
  quarters BIGINT NOT NULL CHECK (quarters > 0),
  unit_cost_pence BIGINT NOT NULL CHECK (unit_cost_pence >= 0),
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  FOREIGN KEY (council_id, invoice_id) REFERENCES invoices (council_id, id)
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (council_id, invoice_id, id);

-- The differences the check found, each with its figures, as shown to both sides.
CREATE TABLE invoice_differences (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  invoice_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  plan_line INTEGER,
  message TEXT NOT NULL,
  FOREIGN KEY (council_id, invoice_id) REFERENCES invoices (council_id, id)
);
CREATE INDEX invoice_differences_invoice ON invoice_differences (council_id, invoice_id, id);

-- Every move of an invoice, with who and when: the history both sides see.
CREATE TABLE invoice_events (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  invoice_id BIGINT NOT NULL,
  state TEXT NOT NULL,
  note TEXT NOT NULL,
  by_user BIGINT REFERENCES users (id),
  at TEXT NOT NULL,
  FOREIGN KEY (council_id, invoice_id) REFERENCES invoices (council_id, id)
);
CREATE INDEX invoice_events_invoice ON invoice_events (council_id, invoice_id, id);

-- The dispute thread of a held invoice: who wrote, from which side, and whom
-- the writer says must act next.
CREATE TABLE invoice_messages (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  invoice_id BIGINT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('council', 'provider')),
  body TEXT NOT NULL,
  must_act TEXT NOT NULL CHECK (must_act IN ('council', 'provider', 'nobody')),
  written_by BIGINT NOT NULL REFERENCES users (id),
  written_at TEXT NOT NULL,
  FOREIGN KEY (council_id, invoice_id) REFERENCES invoices (council_id, id)
);
CREATE INDEX invoice_messages_invoice ON invoice_messages (council_id, invoice_id, id);

-- Where a provider is paid, kept as history: the latest row is the account paid.
CREATE TABLE provider_bank_details (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  provider_id BIGINT NOT NULL,
  account_name TEXT NOT NULL,
  sort_code TEXT NOT NULL CHECK (length(sort_code) = 6),
  account_number TEXT NOT NULL CHECK (length(account_number) = 8),
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, id)
);
CREATE INDEX provider_bank_details_provider ON provider_bank_details (council_id, provider_id, id);

-- An invoice paid in a payment run, with the provider's bank details as they
-- were when the run was prepared. An invoice is in one run at most, and its
-- ledger transfer id (inv:<provider>:<number>) once per council.
CREATE TABLE invoice_run_items (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  run_id BIGINT NOT NULL,
  invoice_id BIGINT NOT NULL,
  transfer_id TEXT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  payee_name TEXT NOT NULL,
  sort_code TEXT NOT NULL,
  account_number TEXT NOT NULL,
  reference TEXT NOT NULL,
  FOREIGN KEY (council_id, run_id) REFERENCES payment_runs (council_id, id),
  FOREIGN KEY (council_id, invoice_id) REFERENCES invoices (council_id, id)
);
CREATE UNIQUE INDEX invoice_run_items_invoice ON invoice_run_items (council_id, invoice_id);
CREATE UNIQUE INDEX invoice_run_items_transfer ON invoice_run_items (council_id, transfer_id);
CREATE INDEX invoice_run_items_run ON invoice_run_items (council_id, run_id, id);
