-- Every insert names these values; only PostgreSQL can drop the defaults the
-- added columns needed (SQLite keeps them, and no code relies on them), so a
-- forgotten weekly amount fails here rather than becoming £0.00.
ALTER TABLE personal_budgets ALTER COLUMN weekly_pence DROP DEFAULT;
