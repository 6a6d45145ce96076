-- account closures: a holding account closed by finance from a date, with why, who and when
-- docs/money.md "Closing an account". One row per closed account (the unique
-- index: an account is closed once). The account itself is not changed: its
-- transfers and balance are still read and shown, and a closure is a fact
-- with its own who, when and why. The rules (it holds nothing, no recovery
-- case is open for the person) are domain/ledger/closing.hpp's, checked in
-- the transaction that inserts the row; from then on payment runs skip the
-- account and a statement with a line after closed_on is refused whole.
CREATE TABLE ledger_account_closures (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  account_id BIGINT NOT NULL,
  closed_on TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  closed_by BIGINT REFERENCES users (id),
  closed_at TEXT NOT NULL,
  FOREIGN KEY (council_id, account_id) REFERENCES ledger_accounts (council_id, id)
);
CREATE UNIQUE INDEX ledger_account_closures_account ON ledger_account_closures (council_id, account_id);
