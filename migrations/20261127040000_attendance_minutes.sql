-- Attendance and the strike policy (ToR §17), minutes with private sessions (ToR §21),
-- actions, decisions (ToR §22) and positions (ToR §23–§24).

-- Whether the §22 percentage is of the group's members or of those present.
ALTER TABLE group_settings ADD COLUMN funds_consensus_base TEXT NOT NULL DEFAULT 'members'
    CHECK (funds_consensus_base IN ('members', 'present'));

-- Who was at a meeting. Members are marked present, apologies or absent (apologies count
-- as absence for ToR §17); invitees and observers are listed apart. A substitute is
-- recorded but does not clear the member's absence.
CREATE TABLE attendance (
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    capacity    TEXT NOT NULL CHECK (capacity IN ('member', 'invitee', 'observer')),
    presence    TEXT NOT NULL CHECK (presence IN ('present', 'apologies', 'absent')),
    online      INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    substitute  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, person_id)
) STRICT;

-- The discretion decision of the Chair, Vice-Chair and programme manager (ToR §17).
CREATE TABLE strike_decisions (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    year        INTEGER NOT NULL,
    strikes     INTEGER NOT NULL CHECK (strikes > 0),   -- the strikes the decision considered
    decision    TEXT NOT NULL CHECK (decision IN ('eject', 'retain')),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    decided_on  TEXT NOT NULL,
    decided_by  TEXT NOT NULL CHECK (decided_by <> '')
) STRICT;

-- A meeting's minutes: draft until approved at a later meeting, then locked.
CREATE TABLE minutes (
    meeting_id           INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    minute_taker         TEXT NOT NULL,
    approved_on          TEXT,
    approved_at_meeting  INTEGER REFERENCES meetings(id),
    approval_note        TEXT NOT NULL DEFAULT ''     -- corrections agreed when approving
) STRICT;

-- The notes of one agenda item.
CREATE TABLE item_notes (
    agenda_item_id  INTEGER PRIMARY KEY REFERENCES agenda_items(id) ON DELETE CASCADE,
    notes           TEXT NOT NULL
) STRICT;

-- An item held as a private session (ToR §21): who asked, and the Chair's agreement.
-- It has no notes: the minutes say only that a private session was held.
CREATE TABLE private_sessions (
    agenda_item_id  INTEGER PRIMARY KEY REFERENCES agenda_items(id) ON DELETE CASCADE,
    requested_by    TEXT NOT NULL CHECK (requested_by <> ''),
    chair_agreed    INTEGER NOT NULL CHECK (chair_agreed = 1)
) STRICT;

CREATE TRIGGER private_sessions_have_no_notes BEFORE INSERT ON item_notes
WHEN EXISTS (SELECT 1 FROM private_sessions WHERE agenda_item_id = NEW.agenda_item_id)
BEGIN SELECT RAISE(ABORT, 'a private session is not minuted (ToR §21)'); END;

CREATE TRIGGER private_sessions_drop_notes BEFORE INSERT ON private_sessions
WHEN EXISTS (SELECT 1 FROM item_notes WHERE agenda_item_id = NEW.agenda_item_id)
BEGIN SELECT RAISE(ABORT, 'remove the item''s notes before holding it in private (ToR §21)'); END;

-- A change to approved minutes, recorded rather than made silently.
CREATE TABLE minute_corrections (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id  INTEGER REFERENCES agenda_items(id) ON DELETE CASCADE,
    correction      TEXT NOT NULL CHECK (correction <> ''),
    recorded_on     TEXT NOT NULL
) STRICT;

CREATE TABLE actions (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id  INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    description     TEXT NOT NULL,
    owner_id        INTEGER NOT NULL REFERENCES people(id),
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    closed_on       TEXT,
    CHECK ((status = 'open') = (closed_on IS NULL))
) STRICT;
CREATE INDEX actions_by_group ON actions (group_id, status, due_on);

-- The decision register (ToR §22). A decision to commission work with member funds
-- records those in favour and the base, and cannot be carried below the threshold.
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    meeting_id      INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    agenda_item_id  INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    decided_on      TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('general', 'commission_funds', 'position', 'membership')),
    text            TEXT NOT NULL,
    in_favour       INTEGER,
    base            INTEGER,
    base_kind       TEXT CHECK (base_kind IN ('members', 'present')),
    threshold       INTEGER,
    outcome         TEXT NOT NULL CHECK (outcome IN ('carried', 'not_carried', 'noted')),
    CHECK ((kind = 'commission_funds') = (in_favour IS NOT NULL AND base IS NOT NULL AND base_kind IS NOT NULL AND threshold IS NOT NULL)),
    CHECK (kind <> 'commission_funds' OR outcome <> 'carried' OR in_favour * 100 >= threshold * base)
) STRICT;

-- Positions (ToR §23–§24). There are no numbers here on purpose: the differing
-- viewpoints are set out as text, never counted (ToR §24).
CREATE TABLE positions (
    id                   INTEGER PRIMARY KEY,
    group_id             INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    title                TEXT NOT NULL,
    summary              TEXT NOT NULL DEFAULT '',
    proposed_on          TEXT NOT NULL,
    outline_started_on   TEXT,
    divided              INTEGER NOT NULL DEFAULT 0 CHECK (divided IN (0, 1)),
    public_decision      TEXT CHECK (public_decision IN ('take', 'not_take')),
    public_reason        TEXT NOT NULL DEFAULT '',
    public_decided_by    TEXT NOT NULL DEFAULT '',
    public_decided_on    TEXT,
    CHECK (public_decision IS NULL OR (public_reason <> '' AND public_decided_by <> '' AND public_decided_on IS NOT NULL))
) STRICT;

CREATE TABLE position_volunteers (
    position_id    INTEGER NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES people(id),
    volunteered_on TEXT NOT NULL,
    PRIMARY KEY (position_id, person_id)
) STRICT;

CREATE TABLE position_viewpoints (
    id           INTEGER PRIMARY KEY,
    position_id  INTEGER NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    viewpoint    TEXT NOT NULL CHECK (viewpoint <> '')
) STRICT;
