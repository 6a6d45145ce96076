-- the national Service_Type of a Service event (docs/reports.md "Who counts")
-- In the client level data a Service event carries its Service_Type: long-term
-- support in the community, in residential or nursing care, in prison, a kind
-- of short-term support, or support for a carer. Without it the
-- self-directed-support report took every open Service event for long-term
-- community support, so reablement counted as long-term support. Stored in the
-- release 1 spelling, as support plan lines store it (planning.md). Events
-- recorded before this column have none (NULL): the report counts them as it
-- did, and says so.
ALTER TABLE case_events ADD COLUMN service_type TEXT;
