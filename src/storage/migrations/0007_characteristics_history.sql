-- characteristics history with effective dates; decisions keep the values that held; Client_Type, Employment_Status and GP practice
-- One row per change of one characteristic (dementia, primary support reason,
-- accommodation status, unpaid carer, date of death): the value it took and
-- the date that took effect. The person's own columns keep the latest value
-- for reading; every change goes through this table (docs/characteristics.md).
CREATE TABLE person_characteristics (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  characteristic TEXT NOT NULL,
  value TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX person_characteristics_person ON person_characteristics (council_id, person_id, characteristic, effective_from);

-- History begins with what each record holds now, in effect from the day the
-- person was recorded (the earliest date anything about them was known here),
-- by no one (shown as "Not named: already on the record"). A
-- recorded death takes effect on the date of death.
INSERT INTO person_characteristics (council_id, person_id, characteristic, value, effective_from, recorded_by, recorded_at)
  SELECT council_id, id, 'dementia', dementia, substr(created_at, 1, 10), NULL, updated_at FROM people;
INSERT INTO person_characteristics (council_id, person_id, characteristic, value, effective_from, recorded_by, recorded_at)
  SELECT council_id, id, 'primary_support_reason', primary_support_reason, substr(created_at, 1, 10), NULL, updated_at FROM people;
INSERT INTO person_characteristics (council_id, person_id, characteristic, value, effective_from, recorded_by, recorded_at)
  SELECT council_id, id, 'accommodation_status', accommodation_status, substr(created_at, 1, 10), NULL, updated_at FROM people;
INSERT INTO person_characteristics (council_id, person_id, characteristic, value, effective_from, recorded_by, recorded_at)
  SELECT council_id, id, 'has_unpaid_carer', has_unpaid_carer, substr(created_at, 1, 10), NULL, updated_at FROM people;
INSERT INTO person_characteristics (council_id, person_id, characteristic, value, effective_from, recorded_by, recorded_at)
  SELECT council_id, id, 'date_of_death', date_of_death, date_of_death, NULL, updated_at FROM people WHERE date_of_death IS NOT NULL;

-- An eligibility decision and an allocation keep the characteristics that held
-- when they were made (JSON: dementia, primary_support_reason,
-- accommodation_status, has_unpaid_carer, date_of_death), so later figures
-- split by them count each as it was. Earlier ones get the values the history
-- begins with, which is all that is known of that time.
ALTER TABLE eligibility_decisions ADD COLUMN characteristics TEXT;
ALTER TABLE allocations ADD COLUMN characteristics TEXT;
UPDATE eligibility_decisions SET characteristics = (
  SELECT '{"dementia":"' || p.dementia || '","primary_support_reason":"' || p.primary_support_reason ||
         '","accommodation_status":"' || p.accommodation_status || '","has_unpaid_carer":"' || p.has_unpaid_carer ||
         '","date_of_death":' || CASE WHEN p.date_of_death IS NULL THEN 'null' ELSE '"' || p.date_of_death || '"' END || '}'
  FROM people p WHERE p.council_id = eligibility_decisions.council_id AND p.id = eligibility_decisions.person_id);
UPDATE allocations SET characteristics = (
  SELECT '{"dementia":"' || p.dementia || '","primary_support_reason":"' || p.primary_support_reason ||
         '","accommodation_status":"' || p.accommodation_status || '","has_unpaid_carer":"' || p.has_unpaid_carer ||
         '","date_of_death":' || CASE WHEN p.date_of_death IS NULL THEN 'null' ELSE '"' || p.date_of_death || '"' END || '}'
  FROM people p WHERE p.council_id = allocations.council_id AND p.id = allocations.person_id);

-- National return fields on the person (people/national.hpp).
ALTER TABLE people ADD COLUMN client_type TEXT NOT NULL DEFAULT 'Service User';
ALTER TABLE people ADD COLUMN employment_status TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE people ADD COLUMN gp_practice_code TEXT;
ALTER TABLE people ADD COLUMN gp_practice_name TEXT NOT NULL DEFAULT '';
