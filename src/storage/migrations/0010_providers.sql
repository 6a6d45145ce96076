-- providers: the council's register of provider organisations, and provider accounts belonging to one
-- A provider organisation on the council's register (domain/providers). Names
-- are not unique: two personal assistants may share a name. A CQC location is
-- registered once, so its id is unique within the council (NULLs, for
-- unregistered services, never clash on either back end).
CREATE TABLE providers (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  cqc_location_id TEXT,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  address TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- (council_id, id) is unique so that a key can name both: a provider account
-- and, later, a plan's line point at a provider of their own council.
CREATE UNIQUE INDEX providers_council_id ON providers (council_id, id);
CREATE INDEX providers_council_name ON providers (council_id, name);
CREATE UNIQUE INDEX providers_council_cqc ON providers (council_id, cqc_location_id);

-- A provider account belongs to one provider of the same council; other
-- accounts to none. The same-council rule is in the files beside this.
ALTER TABLE users ADD COLUMN provider_id BIGINT REFERENCES providers (id);
CREATE INDEX users_council_provider ON users (council_id, provider_id);
