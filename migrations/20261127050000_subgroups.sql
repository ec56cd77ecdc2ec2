-- Sub-groups (ToR §18): "The working group shall have the power to create sub-groups …
-- led by working group members and comprised – where required – of other invited
-- individuals (including data, architecture, integration and API technical authorities) …
-- The chair of these sub-groups shall report back to the working group when requested."

-- A sub-group, created by a decision of the group (ToR §18): the decision or the meeting
-- whose minutes record it, where there is one, and a reference in words ("Minute 5.2").
CREATE TABLE subgroups (
    id             INTEGER PRIMARY KEY,
    group_id       INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    remit          TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    decision_id    INTEGER REFERENCES decisions(id) ON DELETE SET NULL,
    meeting_id     INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    closed_on      TEXT,
    closed_reason  TEXT,
    CHECK ((closed_on IS NULL) = (closed_reason IS NULL)),
    CHECK (closed_on IS NULL OR closed_on >= start_date),
    UNIQUE (group_id, name)
) STRICT;

-- Who is in a sub-group and how (ToR §18): its lead and members hold seats on the working
-- group; invited individuals do not, and are invited for their expertise (a JSON list of
-- data, architecture, integration, api, other). A person is a `people` row, shared with
-- the rest of the register. Dates are inclusive; an open place has no end date.
CREATE TABLE subgroup_places (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    subgroup_id     INTEGER NOT NULL REFERENCES subgroups(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    place           TEXT NOT NULL CHECK (place IN ('lead', 'member', 'invitee')),
    expertise       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(expertise) AND json_type(expertise) = 'array'),
    expertise_note  TEXT NOT NULL DEFAULT '',
    start_date      TEXT NOT NULL,
    end_date        TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX subgroup_places_by_subgroup ON subgroup_places (group_id, subgroup_id, start_date);
-- One open place per person in a sub-group, and one open lead.
CREATE UNIQUE INDEX subgroup_places_one_open ON subgroup_places (subgroup_id, person_id) WHERE end_date IS NULL;
CREATE UNIQUE INDEX subgroup_places_one_lead ON subgroup_places (subgroup_id) WHERE end_date IS NULL AND place = 'lead';

-- A report-back the group requested (ToR §18): asked for on a day (at a meeting, where it
-- was), due at a meeting. The request puts an item on that meeting's agenda; the report's
-- paper is a paper on that item, so it goes into the agenda pack. A report is its text,
-- its paper, or both.
CREATE TABLE report_backs (
    id                       INTEGER PRIMARY KEY,
    group_id                 INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    subgroup_id              INTEGER NOT NULL REFERENCES subgroups(id) ON DELETE CASCADE,
    topic                    TEXT NOT NULL,
    requested_on             TEXT NOT NULL,
    requested_at_meeting_id  INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    due_meeting_id           INTEGER NOT NULL REFERENCES meetings(id),
    agenda_item_id           INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    received_on              TEXT,
    report                   TEXT NOT NULL DEFAULT '',
    paper_id                 INTEGER REFERENCES papers(id) ON DELETE SET NULL,
    withdrawn_on             TEXT,
    CHECK (received_on IS NULL OR withdrawn_on IS NULL)
) STRICT;
CREATE INDEX report_backs_by_subgroup ON report_backs (group_id, subgroup_id, requested_on);
CREATE INDEX report_backs_by_meeting ON report_backs (due_meeting_id);
