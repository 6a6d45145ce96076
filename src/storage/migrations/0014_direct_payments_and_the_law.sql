-- direct payments and the law: capacity to request one, who can manage it, authorised and nominated persons, who a line pays, agreements carried to new versions
-- Care Act 2014 s.31(4)(a) and s.32(1)(b) turn on the adult's capacity to
-- *request* a direct payment, not to manage one; managing is the council's own
-- judgement (s.31(6), s.32(8)), recorded below on each direct-payment part.
-- Assessments recorded as "managing a direct payment" did not ask the question
-- the law asks, so they are not rewritten into one that does: they become
-- "other" with what they were about kept in their words, as migration 0005
-- did, and a worker records an assessment of capacity to ask for a direct
-- payment where one is needed. Until then the person is assumed to have that
-- capacity (Mental Capacity Act 2005 s.1(2)), which is what the law says too.
UPDATE capacity_assessments SET decision_kind = 'other', decision = 'Managing a direct payment: ' || decision
WHERE decision_kind = 'managing_direct_payment';

-- The direct-payment part's conditions, on the plan's parts and the budget's
-- alike (budgets::DirectPaymentDetails). All empty for other mechanisms, and for
-- parts written before this migration (their conditions were not asked; a new
-- plan version or budget part asks them).
--  managing: by_themself | with_help (s.31(6)/s.32(8)), with the help, who decided and when;
--  recipient_agreed_on: when a nominated person agreed to receive the payments
--    (s.31(4)(b)) or an authorised person asked for them (s.32(1)(c));
--  authorised_as: attorney_or_deputy (s.32(4)(a)) | suitable (s.32(4)(b)-(c)),
--    with the attorney's or deputy's record (representative_id), the council's
--    decision that they are suitable, and the attorney or deputy who supports
--    it where there is one (supported_by_id, s.32(5)).
ALTER TABLE support_plan_parts ADD COLUMN managing TEXT;
ALTER TABLE support_plan_parts ADD COLUMN managing_help TEXT;
ALTER TABLE support_plan_parts ADD COLUMN managing_decided_by TEXT;
ALTER TABLE support_plan_parts ADD COLUMN managing_decided_on TEXT;
ALTER TABLE support_plan_parts ADD COLUMN recipient_agreed_on TEXT;
ALTER TABLE support_plan_parts ADD COLUMN authorised_as TEXT;
ALTER TABLE support_plan_parts ADD COLUMN representative_id BIGINT REFERENCES person_relationships (id);
ALTER TABLE support_plan_parts ADD COLUMN suitable_decided_by TEXT;
ALTER TABLE support_plan_parts ADD COLUMN suitable_decided_on TEXT;
ALTER TABLE support_plan_parts ADD COLUMN supported_by_id BIGINT REFERENCES person_relationships (id);

ALTER TABLE budget_parts ADD COLUMN managing TEXT;
ALTER TABLE budget_parts ADD COLUMN managing_help TEXT;
ALTER TABLE budget_parts ADD COLUMN managing_decided_by TEXT;
ALTER TABLE budget_parts ADD COLUMN managing_decided_on TEXT;
ALTER TABLE budget_parts ADD COLUMN recipient_agreed_on TEXT;
ALTER TABLE budget_parts ADD COLUMN authorised_as TEXT;
ALTER TABLE budget_parts ADD COLUMN representative_id BIGINT REFERENCES person_relationships (id);
ALTER TABLE budget_parts ADD COLUMN suitable_decided_by TEXT;
ALTER TABLE budget_parts ADD COLUMN suitable_decided_on TEXT;
ALTER TABLE budget_parts ADD COLUMN supported_by_id BIGINT REFERENCES person_relationships (id);

-- Who a support line pays, as the Care and Support (Direct Payments)
-- Regulations 2014 reg. 3(3) sorts people: a spouse or civil partner (or
-- someone living as one), caught wherever they live; a close relative, caught
-- only when living in the same household (family_in_household, kept as the
-- household answer); another relative; or nobody related. Lines recorded
-- before were asked only "a close family member living in the same
-- household?" of a paid family member; a yes is a close relative in the
-- household (a spouse answered yes too is caught either way), and the rest
-- stay unanswered, to be asked when the plan next changes.
ALTER TABLE support_plan_lines ADD COLUMN payee_relationship TEXT;
UPDATE support_plan_lines SET payee_relationship = 'close_relative' WHERE family_in_household = 1;

-- An agreement carried to a later budget version of the same part, with who
-- receives it and where it is held unchanged, names the one it came from.
ALTER TABLE direct_payment_agreements ADD COLUMN carried_from BIGINT REFERENCES direct_payment_agreements (id);
