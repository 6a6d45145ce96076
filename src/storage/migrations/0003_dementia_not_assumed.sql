-- dementia never assumed: "Not known" is the default, and earlier "No" values become "Not known"
-- Until now a person recorded without saying got dementia "No" (the column
-- default, the record's default and a pre-ticked radio button), so "No" cannot
-- be told apart from "never asked". Every "No" becomes "Not known", which a
-- worker confirms or changes at the next contact; "Suspected" and "Diagnosed"
-- were always chosen by someone and stay.
UPDATE people SET dementia = 'Not known' WHERE dementia = 'No';
