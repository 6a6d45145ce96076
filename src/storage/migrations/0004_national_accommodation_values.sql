-- accommodation status holds only national Accommodation_Status values
-- Two values offered before were not national: "Temporary accommodation" is
-- the national "Other temporary accommodation"; "Other" has no national
-- equivalent and becomes "Unknown", for a worker to record properly.
UPDATE people SET accommodation_status = 'Other temporary accommodation' WHERE accommodation_status = 'Temporary accommodation';
UPDATE people SET accommodation_status = 'Unknown' WHERE accommodation_status = 'Other';
