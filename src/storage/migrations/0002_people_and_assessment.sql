-- people, capacity, relationships, case timeline, self-assessment, eligibility, resource allocation
ALTER TABLE people ADD COLUMN address_line_1 TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN address_line_2 TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN town TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN preferred_contact TEXT NOT NULL DEFAULT 'phone';
ALTER TABLE people ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN interpreter_needed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN gender TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN ethnicity TEXT NOT NULL DEFAULT 'Undeclared / Not known';
ALTER TABLE people ADD COLUMN primary_support_reason TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN accommodation_status TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN dementia TEXT NOT NULL DEFAULT 'No';
ALTER TABLE people ADD COLUMN visual_impairment TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN hearing_impairment TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN autism TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN has_unpaid_carer TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN date_of_death TEXT;
CREATE INDEX people_council_birth ON people (council_id, date_of_birth);
CREATE INDEX people_council_postcode ON people (council_id, postcode);

CREATE TABLE capacity_assessments (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  decision TEXT NOT NULL,
  assessed_on TEXT NOT NULL,
  outcome TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  review_on TEXT,
  notes TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX capacity_assessments_person ON capacity_assessments (council_id, person_id);

CREATE TABLE person_relationships (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  basis TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  phone TEXT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  access_scope TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX person_relationships_person ON person_relationships (council_id, person_id);

CREATE TABLE case_events (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  event_type TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  description TEXT NOT NULL,
  outcome TEXT,
  route_of_access TEXT,
  referral_source TEXT,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX case_events_person ON case_events (council_id, person_id, start_date);

CREATE TABLE questionnaires (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  loaded_by BIGINT REFERENCES users (id),
  loaded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX questionnaires_council_version ON questionnaires (council_id, version);

CREATE TABLE assessments (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  questionnaire_id BIGINT NOT NULL REFERENCES questionnaires (id),
  status TEXT NOT NULL,
  completed_with TEXT NOT NULL,
  person_answers TEXT NOT NULL,
  worker_answers TEXT,
  started_by BIGINT REFERENCES users (id),
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  confirmed_by BIGINT REFERENCES users (id),
  confirmed_at TEXT
);
CREATE INDEX assessments_person ON assessments (council_id, person_id);

CREATE TABLE eligibility_decisions (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  assessment_id BIGINT NOT NULL REFERENCES assessments (id),
  eligible INTEGER NOT NULL,
  findings TEXT NOT NULL,
  reasoning TEXT NOT NULL,
  decided_by BIGINT REFERENCES users (id),
  decided_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX eligibility_decisions_person ON eligibility_decisions (council_id, person_id);

CREATE TABLE ras_configurations (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  active INTEGER NOT NULL,
  loaded_by BIGINT REFERENCES users (id),
  loaded_at TEXT NOT NULL,
  activated_at TEXT
);
CREATE UNIQUE INDEX ras_configurations_council_version ON ras_configurations (council_id, version);

CREATE TABLE allocations (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  assessment_id BIGINT NOT NULL REFERENCES assessments (id),
  ras_configuration_id BIGINT NOT NULL REFERENCES ras_configurations (id),
  total_points INTEGER NOT NULL,
  carer_answer TEXT,
  weekly_pence BIGINT NOT NULL,
  explanation TEXT NOT NULL,
  is_current INTEGER NOT NULL,
  created_by BIGINT REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX allocations_person ON allocations (council_id, person_id);
CREATE INDEX allocations_current ON allocations (council_id, is_current, id);

CREATE TABLE recalibrations (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  ras_configuration_id BIGINT NOT NULL REFERENCES ras_configurations (id),
  allocations INTEGER NOT NULL,
  total_change_pence BIGINT NOT NULL,
  run_by BIGINT REFERENCES users (id),
  run_at TEXT NOT NULL
);
CREATE INDEX recalibrations_council ON recalibrations (council_id, id);

CREATE TABLE recalibration_results (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  recalibration_id BIGINT NOT NULL REFERENCES recalibrations (id),
  allocation_id BIGINT NOT NULL REFERENCES allocations (id),
  person_id BIGINT NOT NULL,
  old_weekly_pence BIGINT NOT NULL,
  new_weekly_pence BIGINT NOT NULL,
  PRIMARY KEY (council_id, recalibration_id, allocation_id)
);
