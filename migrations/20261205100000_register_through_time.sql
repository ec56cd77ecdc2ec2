-- The register through time (issue #14): the facts the rules read have dated histories, and
-- the group's Terms of Reference can be amended from a date.
--
-- An organisation's techUK status, SME status and sector, and a person's manager status, are
-- kept as entries "from a date". The first entry of each (from_date NULL) is the value as
-- first recorded, in force from the beginning: the register does not know what came before.
-- The columns of `organisations` and `people` keep the latest entry's values, written in the
-- same transaction as the entry, for the lists and exports that show the record as it stands.

CREATE TABLE organisation_facts (
    id               INTEGER PRIMARY KEY,
    group_id         INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    from_date        TEXT,                                   -- NULL: as first recorded
    techuk_status    TEXT NOT NULL CHECK (techuk_status IN ('member', 'applying', 'not_member')),  -- ToR §12, §15
    sme              INTEGER NOT NULL CHECK (sme IN (0, 1)),                                       -- ToR §13
    sector           TEXT NOT NULL DEFAULT '',
    recorded_at      TEXT NOT NULL,                          -- UTC instant, RFC 3339
    UNIQUE (organisation_id, from_date)
) STRICT;
CREATE UNIQUE INDEX organisation_facts_first ON organisation_facts (organisation_id) WHERE from_date IS NULL;
CREATE INDEX organisation_facts_by_group ON organisation_facts (group_id, organisation_id, from_date);

INSERT INTO organisation_facts (group_id, organisation_id, from_date, techuk_status, sme, sector, recorded_at)
SELECT group_id, id, NULL, techuk_status, sme, sector, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM organisations;

CREATE TABLE person_facts (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    from_date       TEXT,                                    -- NULL: as first recorded
    manager_status  TEXT NOT NULL CHECK (manager_status IN ('yes', 'no', 'unknown')),  -- ToR §12
    recorded_at     TEXT NOT NULL,
    UNIQUE (person_id, from_date)
) STRICT;
CREATE UNIQUE INDEX person_facts_first ON person_facts (person_id) WHERE from_date IS NULL;
CREATE INDEX person_facts_by_group ON person_facts (group_id, person_id, from_date);

INSERT INTO person_facts (group_id, person_id, from_date, manager_status, recorded_at)
SELECT group_id, id, NULL, manager_status, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people;

-- Amendments of the Terms of Reference: a setting's new value from a date, and who agreed it
-- (the meeting, the decision of ToR §22, or a note). `group_settings` keeps the rules the
-- group began with; the rules on a day are those with every amendment in force applied.
-- `setting` is a key of `TorSetting` (crates/rules/src/amendments.rs); a rule switched off is 0.
CREATE TABLE tor_amendments (
    id           INTEGER PRIMARY KEY,
    group_id     INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    setting      TEXT NOT NULL,
    value        INTEGER NOT NULL CHECK (value >= 0),
    previous     INTEGER NOT NULL CHECK (previous >= 0),     -- the value in force the day before, as recorded
    from_date    TEXT NOT NULL,
    meeting_id   INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    decision_id  INTEGER REFERENCES decisions(id) ON DELETE SET NULL,
    note         TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX tor_amendments_by_group ON tor_amendments (group_id, from_date);

-- Seats an amendment adds or retires (a retired seat keeps its terms and history), and
-- which amendment did, so withdrawing a mistaken amendment undoes exactly its seats.
ALTER TABLE seats ADD COLUMN added_on TEXT;
ALTER TABLE seats ADD COLUMN retired_on TEXT;
ALTER TABLE seats ADD COLUMN added_by INTEGER REFERENCES tor_amendments(id) ON DELETE SET NULL;
ALTER TABLE seats ADD COLUMN retired_by INTEGER REFERENCES tor_amendments(id) ON DELETE SET NULL;

-- Rules the group's Terms of Reference do not have at all, as a JSON list of `RuleSwitch`
-- names (e.g. ["strike_policy"]); and the text of the Terms of Reference, kept with them.
ALTER TABLE group_settings ADD COLUMN rules_off TEXT NOT NULL DEFAULT '[]';
ALTER TABLE group_settings ADD COLUMN tor_text TEXT NOT NULL DEFAULT '';
