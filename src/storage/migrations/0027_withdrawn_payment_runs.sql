-- payment runs withdrawn as drafts: the run keeps its row, marked with who withdrew it and when (docs/money.md "States and maker-checker")
-- Deleting a withdrawn draft let SQLite give its number to the next run (an
-- INTEGER PRIMARY KEY reuses the highest id freed), so a checker looking at
-- "run 2" could approve another run 2 prepared since, and the audit trail's
-- "run 2" named two runs. The row stays, with who prepared it, when, its
-- count and total; its payments are released (their rows removed) so they
-- fall due in the next run. A withdrawn run is never approved (the approval's
-- UPDATE asks that withdrawn_at is empty).
ALTER TABLE payment_runs ADD COLUMN withdrawn_by BIGINT REFERENCES users (id);
ALTER TABLE payment_runs ADD COLUMN withdrawn_at TEXT;
