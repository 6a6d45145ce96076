-- approval by delegated authority: versioned approval thresholds, approval requests with their decisions, and the finance acknowledgement setting
-- A council's scheme of delegation, one row per version, each taking effect on
-- its date (councils raise the limits each April). Limits are weekly pence; a
-- NULL head_of_service limit means none (a council without a panel), a NULL
-- author_self_approval that an author never approves their own plan.
CREATE TABLE approval_thresholds (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  social_worker_pence BIGINT NOT NULL,
  team_manager_pence BIGINT NOT NULL,
  head_of_service_pence BIGINT,
  panel INTEGER NOT NULL,
  author_self_approval_pence BIGINT,
  interim_pence BIGINT NOT NULL,
  definition TEXT NOT NULL,
  loaded_by BIGINT REFERENCES users (id),
  loaded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX approval_thresholds_version ON approval_thresholds (council_id, version);

-- One row per submission of a plan for approval: what was submitted (frozen),
-- and the decision with the threshold version it was taken under. plan_id is a
-- version of a support plan of the same council, by key (council_id, plan_id).
CREATE TABLE approval_requests (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  plan_id BIGINT NOT NULL,
  plan_version INTEGER NOT NULL,
  weekly_cost_pence BIGINT NOT NULL,
  indicative_weekly_pence BIGINT,
  interim INTEGER NOT NULL,
  author_id BIGINT NOT NULL REFERENCES users (id),
  submitted_at TEXT NOT NULL,
  queued_for TEXT NOT NULL,
  status TEXT NOT NULL,
  decided_by BIGINT REFERENCES users (id),
  decided_at TEXT,
  decided_as TEXT,
  thresholds_id BIGINT REFERENCES approval_thresholds (id),
  decision_text TEXT NOT NULL,
  variance_reason TEXT,
  variance_text TEXT NOT NULL,
  finance_acknowledged_by BIGINT REFERENCES users (id),
  finance_acknowledged_at TEXT,
  FOREIGN KEY (council_id, plan_id) REFERENCES support_plans (council_id, id)
);
CREATE INDEX approval_requests_status ON approval_requests (council_id, status, submitted_at);
CREATE INDEX approval_requests_person ON approval_requests (council_id, person_id);
-- A plan waits in the queue once: a second submission while one is pending is refused.
CREATE UNIQUE INDEX approval_requests_pending_plan ON approval_requests (council_id, plan_id) WHERE status = 'pending';

-- Whether finance acknowledges each approved plan before the budget is paid: a
-- council setting, kept with the council like its standard information.
ALTER TABLE councils ADD COLUMN finance_acknowledgement INTEGER NOT NULL DEFAULT 0;
