-- The group's work (ToR §3, §5): consultations (§3a), concerns (§3c), horizon items (§5a)
-- and representation in policing forums (§3d, §5f), in one register with a kind; and
-- declarations of interest at meetings.

-- One entry of a work register. Which fields mean what depends on the kind:
--   source      consultation: who asked; concern: who raised it (in words); horizon: the
--               source reference; representation: the forum
--   opened_on   received / raised / spotted / the day of the forum
--   owner_id    who owns it; for representation, who represented the group
--   summary     what was asked / the concern / the development / what was said
--   assessment  horizon: the group's assessment
--   outcome     concern: shared with which forum; representation: the outcome
-- A confidential entry (a concern raised in confidence) never appears in the digest.
CREATE TABLE work_entries (
    id                 INTEGER PRIMARY KEY,
    group_id           INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    kind               TEXT NOT NULL CHECK (kind IN ('consultation', 'concern', 'horizon', 'representation')),
    title              TEXT NOT NULL CHECK (title <> ''),
    summary            TEXT NOT NULL DEFAULT '',
    source             TEXT NOT NULL DEFAULT '',
    horizon_kind       TEXT CHECK (horizon_kind IN ('technology', 'legislation', 'regulation', 'case_law', 'standard')),
    opened_on          TEXT NOT NULL,
    owner_id           INTEGER REFERENCES people(id),
    subgroup_id        INTEGER REFERENCES subgroups(id) ON DELETE SET NULL,
    status             TEXT NOT NULL,
    reviewed_on        TEXT NOT NULL,                 -- the last status change or review
    deadline           TEXT,
    submitted_on       TEXT,
    response_paper_id  INTEGER REFERENCES papers(id) ON DELETE SET NULL,
    assessment         TEXT NOT NULL DEFAULT '',
    outcome            TEXT NOT NULL DEFAULT '',
    confidential       INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    CHECK ((kind = 'horizon') = (horizon_kind IS NOT NULL)),
    CHECK (kind = 'consultation' OR (deadline IS NULL AND submitted_on IS NULL AND response_paper_id IS NULL)),
    CHECK (status IN ('open', 'submitted', 'raised', 'shared', 'watch', 'assess', 'act', 'planned', 'represented', 'closed'))
) STRICT;
CREATE INDEX work_entries_by_group ON work_entries (group_id, kind, status);
CREATE INDEX work_entries_by_owner ON work_entries (owner_id);

-- Every status an entry has had, with the day and a note; the first row is its opening.
-- A review that leaves the status as it was is a row too.
CREATE TABLE work_status_changes (
    id        INTEGER PRIMARY KEY,
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    entry_id  INTEGER NOT NULL REFERENCES work_entries(id) ON DELETE CASCADE,
    status    TEXT NOT NULL,
    on_date   TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX work_status_changes_by_entry ON work_status_changes (entry_id, on_date);

-- The agenda items where an entry was discussed; decisions and actions follow from the item.
CREATE TABLE work_entry_items (
    entry_id        INTEGER NOT NULL REFERENCES work_entries(id) ON DELETE CASCADE,
    agenda_item_id  INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, agenda_item_id)
) STRICT;
CREATE INDEX work_entry_items_by_item ON work_entry_items (agenda_item_id);

-- A declaration of interest: one member, one agenda item, at the meeting. "None" is a
-- declaration too (interest = 0); an interest says its nature.
CREATE TABLE declarations (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id  INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    interest        INTEGER NOT NULL CHECK (interest IN (0, 1)),
    nature          TEXT NOT NULL DEFAULT '',
    declared_on     TEXT NOT NULL,
    CHECK ((interest = 1) = (nature <> '')),
    UNIQUE (agenda_item_id, person_id)
) STRICT;
CREATE INDEX declarations_by_meeting ON declarations (meeting_id);
CREATE INDEX declarations_by_person ON declarations (person_id);
