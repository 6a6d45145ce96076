-- deputies by the scope of their order, and one-time setup codes for accounts given from a person's record
-- A deputy's power depends on the Court of Protection order: personal welfare
-- (care and support) or property and affairs (money). Deputies recorded before
-- the order's scope was asked become "deputy_unspecified": they may see the
-- record, and act on neither until a worker records which order it is. Nothing
-- is guessed: most orders are for property and affairs, but acting on care for
-- someone on a money order would be unlawful.
UPDATE person_relationships SET role = 'deputy_unspecified' WHERE role = 'deputy';

-- A representative's scope is no longer stored: it is derived at each request
-- from the relationship (role, basis) and the person's capacity assessments.
-- representative_links.scope keeps what the person agreed to (none, view, act),
-- as person_relationships.access_scope does; a link with no relationship
-- recorded for the account gives no access, since nothing says in what role.

-- Setup codes: only the hash is kept; each works once (used_at), until expires_at.
CREATE TABLE account_setup_codes (
  code_hash TEXT PRIMARY KEY,
  council_id BIGINT NOT NULL REFERENCES councils (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX account_setup_codes_user ON account_setup_codes (council_id, user_id);
