-- The membership register's remaining records: role appointments (ToR §8–§9) and
-- standing invitees (ToR §12), and the group setting for term reminders.

ALTER TABLE group_settings ADD COLUMN term_reminder_days INTEGER NOT NULL DEFAULT 60 CHECK (term_reminder_days >= 0);

-- SRO, Chair and Vice-Chair, with who agreed the appointment (ToR §8–§9).
CREATE TABLE appointments (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('sro', 'chair', 'vice_chair')),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    agreed_by   TEXT NOT NULL DEFAULT '',
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX appointments_by_role ON appointments (group_id, role, start_date);

-- Stakeholders invited to attend regularly, who are not members (ToR §12).
CREATE TABLE invitees (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    note        TEXT NOT NULL DEFAULT '',
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX invitees_by_group ON invitees (group_id, start_date);

-- One person per email address within a group, where an address is given.
CREATE UNIQUE INDEX people_unique_email ON people (group_id, lower(email)) WHERE email <> '';
