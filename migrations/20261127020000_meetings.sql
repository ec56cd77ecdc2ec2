-- Meetings (ToR §19) and their agendas and papers (ToR §20).

-- The items every new agenda starts with, and the largest paper accepted.
ALTER TABLE group_settings ADD COLUMN standard_agenda TEXT NOT NULL
    DEFAULT '["Welcome and apologies","Minutes of the last meeting","Matters arising and open actions","Any other business"]';
ALTER TABLE group_settings ADD COLUMN paper_limit_mb INTEGER NOT NULL DEFAULT 20 CHECK (paper_limit_mb > 0);

-- A monthly series, e.g. "second Tuesday, 14:00–16:00, Europe/London" (ToR §19).
CREATE TABLE meeting_series (
    id           INTEGER PRIMARY KEY,
    group_id     INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    week         INTEGER NOT NULL CHECK (week IN (-1, 1, 2, 3, 4)),   -- -1: the last
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),    -- 0: Monday
    start_time   TEXT NOT NULL,
    end_time     TEXT NOT NULL,
    venue        TEXT NOT NULL DEFAULT '',
    online_link  TEXT NOT NULL DEFAULT '',
    compulsory   INTEGER NOT NULL DEFAULT 1 CHECK (compulsory IN (0, 1)),
    CHECK (end_time > start_time)
) STRICT;

ALTER TABLE meetings ADD COLUMN series_id INTEGER REFERENCES meeting_series(id);
-- The day the agenda pack was published (circulated); papers added later are supplements.
ALTER TABLE meetings ADD COLUMN published_on TEXT;

CREATE TABLE agenda_items (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    meeting_id    INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    purpose       TEXT NOT NULL CHECK (purpose IN ('noting', 'discussion', 'decision', 'approval')),
    presenter_id  INTEGER REFERENCES people(id),
    minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 600),
    private       INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1))   -- ToR §21
) STRICT;
CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id, position);

-- Papers are kept inside the encrypted database, never as loose files; replacing one adds a version.
CREATE TABLE papers (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    agenda_item_id  INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    title           TEXT NOT NULL
) STRICT;
CREATE INDEX papers_by_item ON papers (agenda_item_id);

CREATE TABLE paper_versions (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    paper_id    INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version > 0),
    file_name   TEXT NOT NULL,
    pages       INTEGER NOT NULL CHECK (pages > 0),
    bytes       BLOB NOT NULL,
    added_at    TEXT NOT NULL,                       -- UTC instant
    supplement  INTEGER NOT NULL CHECK (supplement IN (0, 1)),
    UNIQUE (paper_id, version)
) STRICT;

-- The agenda pack as last built: what is circulated, kept as the record of it.
CREATE TABLE agenda_packs (
    meeting_id  INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    built_at    TEXT NOT NULL,                       -- UTC instant
    pages       INTEGER NOT NULL CHECK (pages > 0),
    bytes       BLOB NOT NULL
) STRICT;
