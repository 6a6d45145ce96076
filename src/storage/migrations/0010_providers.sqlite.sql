-- SQLite cannot add a key over two columns to a table that exists, so a
-- trigger keeps the same rule: an account's provider is of the account's council.
CREATE TRIGGER users_provider_same_council_insert BEFORE INSERT ON users
WHEN NEW.provider_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM providers p WHERE p.id = NEW.provider_id AND p.council_id = NEW.council_id)
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: users.provider_id'); END;
CREATE TRIGGER users_provider_same_council_update BEFORE UPDATE OF provider_id, council_id ON users
WHEN NEW.provider_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM providers p WHERE p.id = NEW.provider_id AND p.council_id = NEW.council_id)
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: users.provider_id'); END;
