-- personal budgets kept as dated versions with their parts, financial assessments, and direct payment agreements
-- Care Act 2014 s.26: a personal budget states the cost to the council, what
-- the person pays after the financial assessment and what the council pays.
-- Each change is a new version effective from a date, never an update, so the
-- budget on any date can be read back. plan_id names the support plan version
-- it came from, of the same council (by key (council_id, plan_id)); a budget
-- set before plans were kept in Patchwork has none.
CREATE TABLE personal_budgets (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  version INTEGER NOT NULL,
  plan_id BIGINT,
  effective_from TEXT NOT NULL,
  weekly_pence BIGINT NOT NULL CHECK (weekly_pence > 0),
  contribution_kind TEXT NOT NULL CHECK (contribution_kind IN ('not_yet_assessed', 'weekly_amount', 'full_cost')),
  contribution_pence BIGINT NOT NULL CHECK (contribution_pence >= 0),
  interim_reason TEXT,
  interim_ends_on TEXT,
  interim_review_on TEXT,
  basis TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  UNIQUE (council_id, person_id, version),
  FOREIGN KEY (council_id, plan_id) REFERENCES support_plans (council_id, id)
);
-- "The budget on a date" is one look-up on this index: the latest
-- effective_from on or before the date, ties to the higher version.
CREATE INDEX personal_budgets_as_at ON personal_budgets (council_id, person_id, effective_from, version);
-- Interim budgets' review dates, for caseload lists.
CREATE INDEX personal_budgets_interim_review ON personal_budgets (council_id, interim_review_on);

-- The parts of one version: each managed its own way (domain/budgets/parts.hpp).
CREATE TABLE budget_parts (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  budget_id BIGINT NOT NULL REFERENCES personal_budgets (id),
  part_key TEXT NOT NULL,
  mechanism TEXT NOT NULL CHECK (mechanism IN ('direct_payment', 'individual_service_fund', 'council_managed')),
  weekly_pence BIGINT NOT NULL CHECK (weekly_pence >= 0),
  recipient TEXT,
  recipient_name TEXT,
  held_in TEXT,
  organisation TEXT,
  provider_id BIGINT,
  terms TEXT,
  UNIQUE (council_id, budget_id, part_key),
  -- An individual service fund's provider is on the same council's register.
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, id)
);

-- What the financial assessment found the person must pay (Care Act s.17).
CREATE TABLE financial_assessments (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  contribution_kind TEXT NOT NULL CHECK (contribution_kind IN ('weekly_amount', 'full_cost')),
  contribution_pence BIGINT NOT NULL CHECK (contribution_pence >= 0),
  assessed_on TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX financial_assessments_person ON financial_assessments (council_id, person_id, assessed_on);

-- The agreement for one direct-payment part of one budget version, with the
-- first review the Direct Payments Regulations 2014 (reg. 7) require.
CREATE TABLE direct_payment_agreements (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  budget_id BIGINT NOT NULL REFERENCES personal_budgets (id),
  part_key TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  signed_by TEXT NOT NULL,
  first_payment_on TEXT,
  review_on TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX direct_payment_agreements_person ON direct_payment_agreements (council_id, person_id, budget_id);
