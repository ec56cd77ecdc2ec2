-- Documents kept as they went out (issue #18): the first copy made of each document once it
-- is final — a meeting's approved minutes (ToR §21), an election's call for nominations
-- (ToR §14) and its declared result, a past year's attendance report (ToR §17), a closed
-- sub-group's roster (ToR §18) — so that the Documents archive reopens it exactly as it went
-- out, whatever changes in the records later (a name corrected, nominations closed early).
-- An agenda pack is kept as circulated when it is published (ToR §20), and again each time it
-- is built with supplements after that: one row per version, never replaced (the latest build
-- stays in agenda_packs too). Ballot papers are never kept.
CREATE TABLE issued_documents (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    kind TEXT NOT NULL
        CHECK (kind IN ('agenda_pack', 'minutes', 'call_for_nominations', 'election_result', 'attendance_report', 'subgroup_roster')),
    -- The meeting, election or sub-group it is about, or the year of an attendance report.
    record_id INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    -- UTC instant, RFC 3339: when this copy was made.
    made_at TEXT NOT NULL,
    pages INTEGER,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL
);

-- One copy of each document but packs, whose every circulated version is kept.
CREATE UNIQUE INDEX issued_documents_once ON issued_documents (group_id, kind, record_id) WHERE kind <> 'agenda_pack';
CREATE INDEX issued_documents_by_record ON issued_documents (group_id, kind, record_id, made_at);
