-- The foundation: groups with their settings and seats, the membership register that
-- seats are filled from, meetings, and the audit log. Every table below `groups` is
-- keyed by its group, so one database holds several groups.
-- Shipped migrations are never edited: change the schema in a new file.

CREATE TABLE groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    template    TEXT NOT NULL,
    created_at  TEXT NOT NULL              -- UTC instant, RFC 3339
) STRICT;

-- The numbers of the group's Terms of Reference (template defaults, changeable).
CREATE TABLE group_settings (
    group_id                     INTEGER PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
    stakeholder_seats            INTEGER NOT NULL CHECK (stakeholder_seats >= 0),   -- ToR §11
    supplier_seats               INTEGER NOT NULL CHECK (supplier_seats >= 0),      -- ToR §12
    target_size                  INTEGER NOT NULL CHECK (target_size >= 0),         -- ToR §10
    term_months                  INTEGER NOT NULL CHECK (term_months > 0),          -- ToR §14
    min_sme_suppliers            INTEGER NOT NULL CHECK (min_sme_suppliers >= 0),   -- ToR §13
    max_members_per_organisation INTEGER NOT NULL CHECK (max_members_per_organisation > 0), -- ToR §14
    strike_absences              INTEGER NOT NULL CHECK (strike_absences > 0),      -- ToR §17
    grace_months                 INTEGER NOT NULL CHECK (grace_months >= 0),        -- ToR §15
    publication_lead_days        INTEGER NOT NULL CHECK (publication_lead_days >= 0), -- ToR §20
    funds_consensus_percent      INTEGER NOT NULL CHECK (funds_consensus_percent BETWEEN 1 AND 100), -- ToR §22
    position_volunteers          INTEGER NOT NULL CHECK (position_volunteers >= 0), -- ToR §23
    time_zone                    TEXT NOT NULL
) STRICT;

CREATE TABLE seats (
    id        INTEGER PRIMARY KEY,
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('stakeholder', 'supplier')),
    position  INTEGER NOT NULL CHECK (position > 0),
    title     TEXT NOT NULL,
    UNIQUE (group_id, kind, position)
) STRICT;

CREATE TABLE organisations (
    id                 INTEGER PRIMARY KEY,
    group_id           INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    techuk_status      TEXT NOT NULL CHECK (techuk_status IN ('member', 'applying', 'not_member')),
    applied_on         TEXT,                     -- date the membership application was made
    sme                INTEGER NOT NULL CHECK (sme IN (0, 1)),
    sme_confirmed_on   TEXT,
    sector             TEXT NOT NULL DEFAULT '',
    UNIQUE (group_id, name)
) STRICT;

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL DEFAULT '',
    job_title       TEXT NOT NULL DEFAULT '',
    manager_status  TEXT NOT NULL DEFAULT 'unknown' CHECK (manager_status IN ('yes', 'no', 'unknown'))
) STRICT;
CREATE INDEX people_by_group ON people (group_id, name);

-- Employment history; the current employer is the open entry (ToR §15).
CREATE TABLE employments (
    id               INTEGER PRIMARY KEY,
    group_id         INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    person_id        INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
    start_date       TEXT NOT NULL,
    end_date         TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX employments_by_person ON employments (group_id, person_id, start_date);

-- A person holds a seat for a term (ToR §14, §16).
CREATE TABLE terms (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    seat_id     INTEGER NOT NULL REFERENCES seats(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    obtained    TEXT NOT NULL CHECK (obtained IN ('election', 'appointment', 're-election', 'unopposed')),
    ended_on    TEXT,                        -- set when a term ends early
    end_reason  TEXT,
    CHECK (end_date > start_date),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
) STRICT;
CREATE INDEX terms_by_seat ON terms (group_id, seat_id, start_date);

CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    group_id     INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    starts_at    TEXT NOT NULL,              -- local date-time in the group's time zone
    ends_at      TEXT NOT NULL,
    venue        TEXT NOT NULL DEFAULT '',
    online_link  TEXT NOT NULL DEFAULT '',
    compulsory   INTEGER NOT NULL DEFAULT 1 CHECK (compulsory IN (0, 1)),  -- ToR §17
    CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX meetings_by_date ON meetings (group_id, starts_at);

-- Every change, in sequence. Ordered by seq, never by time: clocks go backwards.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id   INTEGER REFERENCES groups(id),
    at         TEXT NOT NULL,                -- UTC instant, RFC 3339
    actor      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER,
    action     TEXT NOT NULL,
    change     TEXT NOT NULL                 -- JSON
) STRICT;
