-- release 2 Event_Outcome values, assessment type and method, decisions that supersede, worker phone, council information
-- Event outcomes were stored in release 1 spelling; they become the release 2
-- value DHSC maps each to (docs/national-codes.md), so one outcome has one
-- spelling in the timeline and the return. Eligibility decisions keep no
-- outcome of their own: their Assessment event holds it, so case_events is
-- the only table to rewrite.
UPDATE case_events SET outcome = 'Progress to reablement/ST-Max' WHERE outcome = 'Progress to Reablement/ST-Max';
UPDATE case_events SET outcome = 'Progress to assessment, review or reassessment' WHERE outcome = 'Progress to Assessment';
UPDATE case_events SET outcome = 'Progress to assessment, review or reassessment' WHERE outcome = 'Progress to Re-assessment / Unplanned Review';
UPDATE case_events SET outcome = 'Progress to support planning or services' WHERE outcome = 'Progress to Support Planning / Services';
UPDATE case_events SET outcome = 'Progress to support planning or services' WHERE outcome = 'Progress to financial assessment';
UPDATE case_events SET outcome = 'Progress to support planning or services' WHERE outcome = 'Progress to End of Life Care';
UPDATE case_events SET outcome = 'Continuation of support or services' WHERE outcome = 'Provision of service';
UPDATE case_events SET outcome = 'Continuation of support or services' WHERE outcome = 'No change in package';
UPDATE case_events SET outcome = 'NFA: Support ended as planned' WHERE outcome = 'Service ended as planned';
UPDATE case_events SET outcome = 'NFA: Responsibility moved to another local authority' WHERE outcome = 'NFA - Moved to another LA';
UPDATE case_events SET outcome = 'NFA: Referral to NHS services or NHS funded social care' WHERE outcome = 'NFA - 100% NHS funded care';
UPDATE case_events SET outcome = 'NFA: Self-funded client or under 12wk disregard' WHERE outcome = 'NFA - Self-funded client (Inc. 12wk disregard)';
UPDATE case_events SET outcome = 'NFA: Information and advice or signposting' WHERE outcome = 'NFA - Information & Advice / Signposting only';
UPDATE case_events SET outcome = 'NFA: Support declined' WHERE outcome = 'NFA - Support declined';
UPDATE case_events SET outcome = 'NFA: Deceased' WHERE outcome = 'NFA - Deceased';
UPDATE case_events SET outcome = 'NFA: Support ended for other reason' WHERE outcome = 'NFA - Support ended: Other reason';
UPDATE case_events SET outcome = 'NFA: No services offered for other reason' WHERE outcome = 'NFA - No services offered: Other reason';
UPDATE case_events SET outcome = 'NFA: Other' WHERE outcome = 'NFA- Other';
UPDATE case_events SET outcome = 'NFA: Other' WHERE outcome = 'NFA - Other';

-- Assessment events carry the national Assessment_Type and Method_of_Assessment.
ALTER TABLE case_events ADD COLUMN assessment_type TEXT;
ALTER TABLE case_events ADD COLUMN method_of_assessment TEXT;
UPDATE case_events SET assessment_type = 'Long term assessment' WHERE event_type = 'Assessment' AND description LIKE 'Needs assessment:%';
-- A decision taken again for the same assessment supersedes the first and its
-- event: both are kept, marked with what replaced them.
ALTER TABLE case_events ADD COLUMN superseded_by BIGINT REFERENCES case_events (id);
ALTER TABLE eligibility_decisions ADD COLUMN case_event_id BIGINT REFERENCES case_events (id);
ALTER TABLE eligibility_decisions ADD COLUMN superseded_by BIGINT REFERENCES eligibility_decisions (id);
-- The worker named in a decision letter, with a phone number to reach them.
ALTER TABLE users ADD COLUMN work_phone TEXT NOT NULL DEFAULT '';
-- The council's standard information and advice for a not-eligible letter;
-- empty means Patchwork's default text.
ALTER TABLE councils ADD COLUMN standard_information TEXT NOT NULL DEFAULT '';
