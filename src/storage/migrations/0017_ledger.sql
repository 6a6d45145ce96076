-- ledger: accounts per council, immutable balanced transfers with ids chosen by their creator, and the reserve a council allows
-- docs/money.md "The ledger". An account is one of a council's kinds
-- (domain/ledger/accounts.hpp); account_key says which one of its kind it is
-- ("" for the council's single accounts, "person:12:part:A" for a holding
-- account, "provider:5", "category:pa_wages"), never NULL, so that the unique
-- index below finds the one account on both back ends (NULLs never clash) and
-- opening an account twice at once leaves one.
CREATE TABLE ledger_accounts (
  id ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  kind TEXT NOT NULL CHECK (kind IN ('council_funding', 'direct_payment', 'individual_service_fund',
    'person_contribution', 'provider_payable', 'spending', 'surplus_recovered', 'overpayments_due')),
  account_key TEXT NOT NULL,
  person_id BIGINT REFERENCES people (id),
  part_key TEXT,
  provider_id BIGINT,
  category TEXT,
  opened_at TEXT NOT NULL,
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, id)
);
CREATE UNIQUE INDEX ledger_accounts_key ON ledger_accounts (council_id, kind, account_key);
-- So that transfers can name an account of their own council.
CREATE UNIQUE INDEX ledger_accounts_council_id ON ledger_accounts (council_id, id);
-- A person's accounts, for their budget page.
CREATE INDEX ledger_accounts_person ON ledger_accounts (council_id, person_id);

-- A transfer moves amount_pence from debit_account to credit_account on
-- value_date. Never changed or deleted (the triggers beside this file refuse
-- it): a correction is a reversing transfer. transfer_id is chosen by whoever
-- creates it and is unique in the council, so a repeat is recognised.
-- Balances are not stored: each is the sum of the account's transfers up to a
-- date, read from the two covering indexes below, so there is one record of
-- the money and nothing to drift from it.
CREATE TABLE ledger_transfers (
  seq ${ID},
  council_id BIGINT NOT NULL REFERENCES councils (id),
  transfer_id TEXT NOT NULL,
  debit_account BIGINT NOT NULL,
  credit_account BIGINT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  value_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  reverses TEXT,
  recorded_at TEXT NOT NULL,
  CHECK (debit_account <> credit_account),
  FOREIGN KEY (council_id, debit_account) REFERENCES ledger_accounts (council_id, id),
  FOREIGN KEY (council_id, credit_account) REFERENCES ledger_accounts (council_id, id)
);
CREATE UNIQUE INDEX ledger_transfers_id ON ledger_transfers (council_id, transfer_id);
-- A transfer is reversed at most once (NULLs, for transfers that reverse
-- nothing, never clash on either back end).
CREATE UNIQUE INDEX ledger_transfers_reverses ON ledger_transfers (council_id, reverses);
-- Balance as at a date: money out and money in of one account, up to the date.
CREATE INDEX ledger_transfers_debit ON ledger_transfers (council_id, debit_account, value_date, amount_pence);
CREATE INDEX ledger_transfers_credit ON ledger_transfers (council_id, credit_account, value_date, amount_pence);

-- How many weeks of a part's payments the council lets a holding account keep
-- before the surplus may be recovered. No row: the default (8 weeks).
CREATE TABLE ledger_settings (
  council_id BIGINT PRIMARY KEY REFERENCES councils (id),
  reserve_weeks INTEGER NOT NULL CHECK (reserve_weeks BETWEEN 1 AND 52),
  updated_at TEXT NOT NULL
);
