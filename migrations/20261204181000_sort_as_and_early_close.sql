-- How a person's name sorts on ballot papers and candidate lists (issue #18): '' means the
-- default worked out from the name (crates/rules/src/names.rs); anything else is the
-- secretariat's correction ("Surname, Given names").
ALTER TABLE people ADD COLUMN sort_as TEXT NOT NULL DEFAULT '';

-- Nominations closed before the date in the call (issue #18: an error in the call, everyone
-- nominated): the returning officer's reason. NULL: they close on `nominations_close` as
-- called. When set, `nominations_close` is the day they were closed (the date called is in
-- the audit log).
ALTER TABLE elections ADD COLUMN nominations_closed_early TEXT;

-- Whose bank holidays the deadlines the app proposes skip (crates/rules/src/working_days.rs).
ALTER TABLE group_settings ADD COLUMN bank_holidays TEXT NOT NULL DEFAULT 'england-and-wales'
    CHECK (bank_holidays IN ('england-and-wales', 'scotland', 'northern-ireland'));
