-- support plans: who was involved in preparing each version and why agreement could not be reached; scheduled and recorded reviews of plans and direct payments
-- Care Act 2014 s.25(3) and s.25(5) (docs/planning.md, "Involvement and
-- agreement"). A plan recorded before this migration has no involvement rows
-- and an empty reason: it was submitted under the earlier rules.
ALTER TABLE support_plans ADD COLUMN no_agreement_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE support_plans ADD COLUMN no_agreement_on TEXT;

CREATE TABLE support_plan_involvement (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  plan_id BIGINT NOT NULL REFERENCES support_plans (id),
  number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  how TEXT NOT NULL,
  PRIMARY KEY (council_id, plan_id, number)
);

-- Reviews (Care Act 2014 s.27; Direct Payments Regulations 2014 reg. 7;
-- docs/planning.md, "Reviews"). A plan review is scheduled when a version is
-- approved ('due'), and recorded ('done'), which schedules the next; a newer
-- approved version replaces a review still due ('replaced'). A direct
-- payment's reviews are due from its agreement; the row records one done.
-- plan_id names a plan version of the same council by key (council_id, plan_id).
CREATE TABLE plan_reviews (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  plan_id BIGINT,
  plan_number INTEGER,
  kind TEXT NOT NULL,
  part_key TEXT NOT NULL,
  earliest_on TEXT,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL,
  done_on TEXT,
  done_by TEXT NOT NULL,
  outcome TEXT NOT NULL,
  notes TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  FOREIGN KEY (council_id, plan_id) REFERENCES support_plans (council_id, id)
);
CREATE INDEX plan_reviews_due ON plan_reviews (council_id, status, due_on);
CREATE INDEX plan_reviews_person ON plan_reviews (council_id, person_id, plan_number);
