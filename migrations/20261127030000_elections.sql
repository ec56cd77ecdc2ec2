-- Elections (ToR §12–§16): an open call for nominations, the nominations, the
-- electorate, numbered ballot papers, the returned papers as entered, and the count.
--
-- Secrecy: no table links an elector to a serial number. `electors` records only
-- that a person was issued a paper; `ballot_papers` and `returned_papers` know
-- serials and marks but never a person. Issuing a paper does not touch
-- `ballot_papers`, so not even the order of writes links the two.

CREATE TABLE elections (
    id                 INTEGER PRIMARY KEY,
    group_id           INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    title              TEXT NOT NULL,
    seat_kind          TEXT CHECK (seat_kind IN ('stakeholder', 'supplier')),  -- seats election
    role               TEXT CHECK (role IN ('chair', 'vice_chair')),            -- or a role election
    seats              INTEGER NOT NULL CHECK (seats > 0),
    call_issued_on     TEXT NOT NULL,                   -- the open call (ToR §14)
    nominations_close  TEXT NOT NULL,
    poll_closes        TEXT,                            -- papers must be back by then (set when the vote opens)
    method             TEXT CHECK (method IN ('scottish-stv', 'block', 'plurality', 'instant-runoff')),
    returning_officer  TEXT NOT NULL DEFAULT '',
    state              TEXT NOT NULL DEFAULT 'nominations'
                       CHECK (state IN ('nominations', 'voting', 'counted', 'declared', 'cancelled')),
    count              TEXT,                            -- JSON: the count with its stages and lots
    declared_on        TEXT,
    outcome            TEXT CHECK (outcome IN ('unopposed', 'elected')),
    CHECK ((seat_kind IS NULL) <> (role IS NULL)),
    CHECK (nominations_close >= call_issued_on),
    CHECK ((state = 'declared') = (declared_on IS NOT NULL))
) STRICT;
CREATE INDEX elections_by_group ON elections (group_id, call_issued_on);

-- The seats an election fills (a seats election only).
CREATE TABLE election_seats (
    election_id  INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
    seat_id      INTEGER NOT NULL REFERENCES seats(id),
    PRIMARY KEY (election_id, seat_id)
) STRICT;

CREATE TABLE nominations (
    id               INTEGER PRIMARY KEY,
    election_id      INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
    person_id        INTEGER NOT NULL REFERENCES people(id),
    organisation_id  INTEGER REFERENCES organisations(id),
    proposer         TEXT NOT NULL DEFAULT '',
    statement        TEXT NOT NULL DEFAULT '',
    received_on      TEXT NOT NULL,
    withdrawn_on     TEXT,
    UNIQUE (election_id, person_id)
) STRICT;

-- Who may vote, and whether they were issued a paper: never which one.
CREATE TABLE electors (
    election_id  INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    issued       INTEGER NOT NULL DEFAULT 0 CHECK (issued IN (0, 1)),
    PRIMARY KEY (election_id, person_id)
) STRICT;

-- Every serial number printed, each used once. A reprint marks the replaced
-- serials spoilt; at the count the returning officer marks the unused ones.
CREATE TABLE ballot_papers (
    election_id  INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
    serial       INTEGER NOT NULL CHECK (serial > 0),
    state        TEXT NOT NULL DEFAULT 'printed' CHECK (state IN ('printed', 'spoilt', 'unused')),
    batch        INTEGER NOT NULL CHECK (batch > 0),   -- one print run; a batch can be printed again
    PRIMARY KEY (election_id, serial)
) STRICT;

-- The papers that came back, as entered at the count: the marks (JSON
-- [[nomination_id, preference]...]; a mark is preference 1) or the reason the
-- paper was rejected. A paper without a serial is entered with none.
CREATE TABLE returned_papers (
    id           INTEGER PRIMARY KEY,
    election_id  INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
    serial       INTEGER,
    choices      TEXT NOT NULL DEFAULT '[]',
    rejection    TEXT CHECK (rejection IN ('no_mark', 'too_many_marks', 'voter_identifiable', 'no_serial',
                                           'no_first_preference', 'more_than_one_first_preference')),
    entered_by   TEXT NOT NULL,
    verified_by  TEXT,
    UNIQUE (election_id, serial),
    CHECK (serial IS NOT NULL OR rejection = 'no_serial')
) STRICT;
