-- The account's council and its provider's council are one: a key over both.
-- A NULL provider_id (every account that is not a provider's) passes, as
-- MATCH SIMPLE lets it.
ALTER TABLE users ADD CONSTRAINT users_provider_same_council
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, id);
