-- review requests: a review asked for by the person or someone acting for them, and the council's days to act on each reason
-- Care Act 2014 s.27(1)(b); docs/my-pages.md, "Ask for a review". A request
-- is one row here and one review due in plan_reviews (kind 'requested'): the
-- review row is what the worker's list shows and what is recorded done, so
-- there is never a second copy of the review to keep in step. The request
-- keeps what only it knows: why, in whose words, who asked.
CREATE TABLE review_requests (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  review_id BIGINT NOT NULL REFERENCES plan_reviews (id),
  reason TEXT NOT NULL,
  details TEXT NOT NULL,
  asked_by BIGINT REFERENCES users (id),
  asked_by_name TEXT NOT NULL,
  asked_at TEXT NOT NULL
);
CREATE INDEX review_requests_person ON review_requests (council_id, person_id, asked_at);
CREATE UNIQUE INDEX review_requests_review ON review_requests (council_id, review_id);

-- Days to act on a request, by reason; a reason without a row uses the
-- default in planning::review_request_reasons().
CREATE TABLE review_request_settings (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  reason TEXT NOT NULL,
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90),
  PRIMARY KEY (council_id, reason)
);
