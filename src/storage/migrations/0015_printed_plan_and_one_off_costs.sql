-- one-off costs kept on budgets and approval requests, a budget of nothing a week allowed, and the plan's well-being and prevention advice
-- Care Act 2014 s.26(1)(a): the personal budget is "the cost to the local
-- authority of meeting those of the adult's needs which it is required or
-- decides to meet". A one-off cost (a riser chair, an adaptation) is part of
-- that cost, so a budget version keeps it beside the weekly amount, and each
-- part keeps the one-off cost it pays (docs/budgets.md, "One-off costs").
ALTER TABLE personal_budgets ADD COLUMN one_off_pence BIGINT NOT NULL DEFAULT 0 CHECK (one_off_pence >= 0);
ALTER TABLE budget_parts ADD COLUMN one_off_pence BIGINT NOT NULL DEFAULT 0 CHECK (one_off_pence >= 0);

-- A plan of only one-off or free support costs £0.00 a week, so a budget's
-- weekly amount may now be £0.00 (it was "more than £0.00"). The domain still
-- refuses a budget without parts, and a plan without support lines cannot be
-- sent for approval, so an empty plan never becomes a budget.
-- Neither back end can loosen a CHECK in place the same way (SQLite cannot
-- drop one at all), so the column is replaced by a new one with the new rule,
-- the same four statements on both: its values are copied, the old column
-- (with its own CHECK) dropped, and the new one given the old name.
ALTER TABLE personal_budgets ADD COLUMN weekly_pence_from_0015 BIGINT NOT NULL DEFAULT 0 CHECK (weekly_pence_from_0015 >= 0);
UPDATE personal_budgets SET weekly_pence_from_0015 = weekly_pence;
ALTER TABLE personal_budgets DROP COLUMN weekly_pence;
ALTER TABLE personal_budgets RENAME COLUMN weekly_pence_from_0015 TO weekly_pence;

-- What was sent for approval, frozen: the one-off cost beside the weekly cost.
-- The approver's limit is compared with the weekly cost plus the one-off cost
-- spread over 52 weeks (planning::weighed_weekly_cost, docs/planning.md).
ALTER TABLE approval_requests ADD COLUMN one_off_cost_pence BIGINT NOT NULL DEFAULT 0 CHECK (one_off_cost_pence >= 0);

-- Care Act 2014 s.25(1)(d) and (f): the plan says what matters to the
-- person's well-being (s.1) in their own words, and the advice and
-- information given on what can be done to prevent or delay further needs.
ALTER TABLE support_plans ADD COLUMN wellbeing TEXT NOT NULL DEFAULT '';
ALTER TABLE support_plans ADD COLUMN prevention_advice TEXT NOT NULL DEFAULT '';
