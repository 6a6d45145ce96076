-- monitoring: the council's review and flag settings with effective dates, each plan's spending controls with their history, flags with evidence and state history, and surplus recoveries
-- docs/money.md, "Monitoring and flags". Flags are raised by a check run
-- (services/monitoring_service) from the ledger and the statement lines of
-- migration 0019; the same condition on the same account is one open flag,
-- its evidence brought up to date, which the partial unique index below holds.

-- The council's settings, as data with the day they apply from.
CREATE TABLE monitoring_settings (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  effective_from TEXT NOT NULL,
  first_review_from_weeks INTEGER NOT NULL CHECK (first_review_from_weeks BETWEEN 1 AND 26),
  first_review_by_weeks INTEGER NOT NULL CHECK (first_review_by_weeks BETWEEN first_review_from_weeks AND 26),
  low_risk_weeks INTEGER NOT NULL CHECK (low_risk_weeks BETWEEN 1 AND 104),
  higher_risk_weeks INTEGER NOT NULL CHECK (higher_risk_weeks BETWEEN 1 AND low_risk_weeks),
  no_spending_weeks INTEGER NOT NULL CHECK (no_spending_weeks BETWEEN 1 AND 52),
  lookback_weeks INTEGER NOT NULL CHECK (lookback_weeks BETWEEN 1 AND 26),
  cash_threshold_pence BIGINT NOT NULL CHECK (cash_threshold_pence >= 0),
  default_blocked_merchant_codes TEXT NOT NULL,  -- "7800,7801,7802,7995"
  changed_by BIGINT REFERENCES users (id),
  changed_at TEXT NOT NULL,
  UNIQUE (council_id, effective_from)
);

-- A plan's spending controls, kept as history: the latest row for a person's
-- plan (by its number, which its versions share) is in force. The first row
-- is the council's defaults, copied when the controls are first needed.
CREATE TABLE spending_controls (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  plan_number INTEGER NOT NULL,
  blocked_merchant_codes TEXT NOT NULL,
  cash_allowed INTEGER NOT NULL CHECK (cash_allowed IN (0, 1)),
  cash_threshold_pence BIGINT NOT NULL CHECK (cash_threshold_pence >= 0),
  reason TEXT NOT NULL,
  what_changed TEXT NOT NULL,
  changed_by BIGINT REFERENCES users (id),
  changed_at TEXT NOT NULL
);
CREATE INDEX spending_controls_plan ON spending_controls (council_id, person_id, plan_number, id);

CREATE TABLE monitoring_flags (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  account_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people (id),
  part_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('above_reserve', 'no_spending', 'outside_plan', 'cash', 'merchant_category', 'family_payee',
    'contribution_short')),
  subject TEXT NOT NULL,              -- which condition of the kind: '' or a category, merchant code or payee
  state TEXT NOT NULL CHECK (state IN ('open', 'looked_at', 'closed')),
  outcome TEXT CHECK (outcome IN ('no_action', 'advice_given', 'recover_surplus', 'move_to_prepaid_card', 'move_to_managed_account',
    'suspend_payments', 'safeguarding_referral')),
  raised_on TEXT NOT NULL,            -- the check date that first found it
  last_seen_on TEXT NOT NULL,         -- the latest check date that found it
  evidence_summary TEXT NOT NULL,
  evidence_details TEXT NOT NULL,     -- one line each
  evidence_line_ids TEXT NOT NULL,    -- statement_lines ids, comma-separated
  amount_pence BIGINT NOT NULL,
  raised_at TEXT NOT NULL,
  CHECK ((state = 'closed') = (outcome IS NOT NULL)),
  FOREIGN KEY (council_id, account_id) REFERENCES ledger_accounts (council_id, id)
);
CREATE UNIQUE INDEX monitoring_flags_council_id ON monitoring_flags (council_id, id);
-- One open flag per condition: a second check updates it, never adds another.
CREATE UNIQUE INDEX monitoring_flags_one_open ON monitoring_flags (council_id, account_id, kind, subject) WHERE state <> 'closed';
CREATE INDEX monitoring_flags_state ON monitoring_flags (council_id, state, raised_on);
CREATE INDEX monitoring_flags_person ON monitoring_flags (council_id, person_id);

-- Who moved a flag, when, and their note (never changed).
CREATE TABLE monitoring_flag_events (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  flag_id BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'looked_at', 'closed')),
  outcome TEXT,
  note TEXT NOT NULL,
  by_user BIGINT REFERENCES users (id),
  at TEXT NOT NULL,
  FOREIGN KEY (council_id, flag_id) REFERENCES monitoring_flags (council_id, id)
);
CREATE INDEX monitoring_flag_events_flag ON monitoring_flag_events (council_id, flag_id, id);

-- A surplus recovery: prepared by one finance officer, approved (or refused)
-- by another; on approval the transfer holding -> surplus_recovered with id
-- 'surplus:<flag id>' is posted once. At most one prepared or approved per
-- flag; after a refusal another may be prepared.
CREATE TABLE surplus_recoveries (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  flag_id BIGINT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  state TEXT NOT NULL CHECK (state IN ('prepared', 'approved', 'refused')),
  prepared_by BIGINT NOT NULL REFERENCES users (id),
  prepared_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES users (id),
  decided_at TEXT,
  decision_note TEXT NOT NULL DEFAULT '',
  transfer_id TEXT,
  CHECK (decided_by IS NULL OR decided_by <> prepared_by),
  FOREIGN KEY (council_id, flag_id) REFERENCES monitoring_flags (council_id, id)
);
CREATE UNIQUE INDEX surplus_recoveries_council_id ON surplus_recoveries (council_id, id);
CREATE UNIQUE INDEX surplus_recoveries_one_per_flag ON surplus_recoveries (council_id, flag_id) WHERE state <> 'refused';
