-- SQLite cannot change a column's default in place; every insert names the
-- value, so only PostgreSQL's default is brought in line.
ALTER TABLE people ALTER COLUMN dementia SET DEFAULT 'Not known';
