-- capacity assessments name the kind of decision they concern
-- Existing assessments described their decision in words only; they become
-- "other", with those words kept, for a worker to classify when next reviewed.
ALTER TABLE capacity_assessments ADD COLUMN decision_kind TEXT NOT NULL DEFAULT 'other';
