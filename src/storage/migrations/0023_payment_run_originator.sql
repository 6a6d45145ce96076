-- payment runs keep the council's BACS originator (name, sort code, account, service user number) as it was when the run was approved
-- The debit side of a BACS file is the council's own account. It was read
-- from payment_settings when the file was made, so an administrator could
-- change the account money leaves after a second officer had approved the run
-- (an attacker review). The run now copies it at approval and its file is made
-- from the copy; NULL for a run approved before this change, which keeps the
-- old behaviour (the settings at export).
ALTER TABLE payment_runs ADD COLUMN originator_name TEXT;
ALTER TABLE payment_runs ADD COLUMN originator_sort_code TEXT;
ALTER TABLE payment_runs ADD COLUMN originator_account_number TEXT;
ALTER TABLE payment_runs ADD COLUMN service_user_number TEXT;
