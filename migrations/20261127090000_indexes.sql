-- Indexes for the list screens at scale (issue #9, docs/PERFORMANCE.md). SQLite does not
-- index a foreign key by itself, and the existing indexes lead with group_id, which a join on
-- the foreign key alone cannot use: `EXPLAIN QUERY PLAN` showed each query below scanning the
-- whole table (every group's rows) once per outer row. Each index names the queries it serves.

-- A person's employer on a day: `people`, `seats`, `invitees`, `person_detail`, the people
-- queries of sub-groups and circulation (`LEFT JOIN employments e ON e.person_id = p.id …`).
CREATE INDEX employments_by_person_only ON employments (person_id, start_date);

-- An organisation's current contacts: `organisations` (`SELECT count(*) FROM employments e
-- WHERE e.organisation_id = o.id …`) and the organisation record.
CREATE INDEX employments_by_organisation ON employments (organisation_id, start_date);

-- A seat's holder on a day: `seats` (`LEFT JOIN terms t ON t.seat_id = s.id …`) and the
-- overlapping-term check of a new term.
CREATE INDEX terms_by_seat_only ON terms (seat_id, start_date);

-- A person's terms: `person_detail`, the one-seat-at-a-time check, circulation's recipients.
CREATE INDEX terms_by_person ON terms (person_id, start_date);

-- The Decisions screen and the sub-group page (`decisions`: WHERE group_id = ? ORDER BY
-- decided_on DESC, id DESC).
CREATE INDEX decisions_by_group ON decisions (group_id, decided_on);

-- The Decisions screen (`positions`: WHERE group_id = ? ORDER BY proposed_on DESC).
CREATE INDEX positions_by_group ON positions (group_id, proposed_on);

-- A position's viewpoints (`WHERE position_id = ? ORDER BY id`).
CREATE INDEX position_viewpoints_by_position ON position_viewpoints (position_id);

-- The ToR §17 decisions of a group (`strike_decisions`: WHERE group_id = ?).
CREATE INDEX strike_decisions_by_group ON strike_decisions (group_id, decided_on);

-- A meeting's corrections to its minutes (meeting record: WHERE meeting_id = ?).
CREATE INDEX minute_corrections_by_meeting ON minute_corrections (meeting_id);

-- The actions and decisions of one meeting (the meeting record).
CREATE INDEX actions_by_meeting ON actions (meeting_id);
CREATE INDEX decisions_by_meeting ON decisions (meeting_id);

-- Whether a seat is in an open election (`WHERE es.seat_id = ?`).
CREATE INDEX election_seats_by_seat ON election_seats (seat_id);

-- A sub-group's places and report-backs by the sub-group alone: the sub-groups list's counts
-- and lead (`x.subgroup_id = s.id`, `l.subgroup_id = s.id`), a sub-group's lead on a day,
-- whether it has open places or report-backs.
CREATE INDEX subgroup_places_by_subgroup_only ON subgroup_places (subgroup_id, place, start_date);
CREATE INDEX report_backs_by_subgroup_only ON report_backs (subgroup_id);

-- Standing invitees by person (circulation's recipients: EXISTS … i.person_id = p.id).
CREATE INDEX invitees_by_person ON invitees (person_id);
