-- unpaid carers as linked records with the carer's assessment offer, willing-and-able statements, and the carer-met points of an allocation
-- A carer is a record of their own (Care Act 2014 s.10: recording one offers a
-- carer's assessment, and the offer and the carer's answer are kept), ready for
-- the national carers' fields: Total_Hrs_Caring_per_week and the linked person id.
CREATE TABLE carers (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  name TEXT NOT NULL,
  relationship TEXT NOT NULL,
  hours_per_week INTEGER NOT NULL,
  lives_with_person INTEGER NOT NULL,
  carer_person_id BIGINT REFERENCES people (id),
  phone TEXT NOT NULL,
  assessment_offered_on TEXT NOT NULL,
  assessment_answer TEXT NOT NULL,
  assessment_answered_on TEXT,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX carers_person ON carers (council_id, person_id);

-- Care Act 2014 s.18(7): needs a carer is meeting count as met only while the
-- carer is willing and able to go on meeting them. Each statement names one
-- recorded carer, the needs (questionnaire domains) and the date it was said.
CREATE TABLE willing_and_able_statements (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  assessment_id BIGINT NOT NULL REFERENCES assessments (id),
  carer_id BIGINT NOT NULL REFERENCES carers (id),
  needs TEXT NOT NULL,
  stated_on TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX willing_and_able_assessment ON willing_and_able_statements (council_id, assessment_id);

-- The points of the needs a willing-and-able carer meets, kept with the
-- allocation so a new model's effect can be worked out without the answers.
-- Allocations made before this have none: under the rule they get no adjustment.
ALTER TABLE allocations ADD COLUMN carer_points INTEGER;
