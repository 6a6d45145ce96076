-- support plans: versions with outcomes, budget parts, costed support lines, reasons for unmet needs and risk agreements
-- One row per version of a person's plan: plan_number groups the versions of
-- one plan, and a version is never rewritten once submitted (docs/planning.md,
-- "Support plans"). Money is BIGINT pence; dates are YYYY-MM-DD text.
CREATE TABLE support_plans (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  plan_number INTEGER NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  effective_from TEXT,
  drafted_by_kind TEXT NOT NULL,
  helped_by TEXT NOT NULL,
  views_included TEXT NOT NULL,
  interim INTEGER NOT NULL,
  interim_reason TEXT NOT NULL,
  interim_ends_on TEXT,
  eligibility_decision_id BIGINT REFERENCES eligibility_decisions (id),
  eligible_needs TEXT NOT NULL,
  indicative_allocation_id BIGINT REFERENCES allocations (id),
  indicative_weekly BIGINT,
  backup_cover TEXT NOT NULL,
  who_to_call TEXT NOT NULL,
  contingency_amount BIGINT NOT NULL,
  weekly_cost BIGINT NOT NULL,
  yearly_cost BIGINT NOT NULL,
  one_off_cost BIGINT NOT NULL,
  agreed_by_kind TEXT NOT NULL,
  agreed_by_name TEXT NOT NULL,
  agreed_on TEXT,
  agreement_recorded_by BIGINT REFERENCES users (id),
  previous_version_id BIGINT REFERENCES support_plans (id),
  created_by BIGINT REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_by BIGINT REFERENCES users (id),
  submitted_at TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE UNIQUE INDEX support_plans_version ON support_plans (council_id, person_id, plan_number, version);
CREATE INDEX support_plans_status ON support_plans (council_id, status);
-- (council_id, id) is unique so that approval requests and budgets can name a
-- plan of their own council in one key.
CREATE UNIQUE INDEX support_plans_council_id ON support_plans (council_id, id);

CREATE TABLE support_plan_outcomes (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  plan_id BIGINT NOT NULL REFERENCES support_plans (id),
  number INTEGER NOT NULL,
  words TEXT NOT NULL,
  aim TEXT NOT NULL,
  needs TEXT NOT NULL,
  PRIMARY KEY (council_id, plan_id, number)
);

-- The parts as budgets::Part holds them; provider_id names a provider of the
-- same council's register (an individual service fund's holder).
CREATE TABLE support_plan_parts (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  plan_id BIGINT NOT NULL REFERENCES support_plans (id),
  part_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  mechanism TEXT NOT NULL,
  recipient TEXT,
  recipient_name TEXT NOT NULL,
  held_in TEXT,
  organisation TEXT NOT NULL,
  provider_id BIGINT,
  terms TEXT NOT NULL,
  PRIMARY KEY (council_id, plan_id, part_key),
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, id)
);

CREATE TABLE support_plan_lines (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  plan_id BIGINT NOT NULL REFERENCES support_plans (id),
  number INTEGER NOT NULL,
  description TEXT NOT NULL,
  supplier_kind TEXT NOT NULL,
  supplier_name TEXT NOT NULL,
  provider_id BIGINT,
  unit_cost BIGINT NOT NULL,
  cost_frequency TEXT NOT NULL,
  units_quarters BIGINT,
  service_type TEXT NOT NULL,
  service_component TEXT NOT NULL,
  part_key TEXT NOT NULL,
  outcomes TEXT NOT NULL,
  family_in_household INTEGER NOT NULL,
  necessity_reason TEXT,
  necessity_decided_by TEXT,
  necessity_decided_on TEXT,
  weekly BIGINT NOT NULL,
  yearly BIGINT NOT NULL,
  one_off BIGINT NOT NULL,
  PRIMARY KEY (council_id, plan_id, number),
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, id)
);
CREATE INDEX support_plan_lines_provider ON support_plan_lines (council_id, provider_id);

CREATE TABLE support_plan_unmet_needs (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  plan_id BIGINT NOT NULL REFERENCES support_plans (id),
  need TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (council_id, plan_id, need)
);

CREATE TABLE support_plan_risks (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  plan_id BIGINT NOT NULL REFERENCES support_plans (id),
  number INTEGER NOT NULL,
  risk TEXT NOT NULL,
  agreed TEXT NOT NULL,
  agreed_by TEXT NOT NULL,
  PRIMARY KEY (council_id, plan_id, number)
);
