-- The retention schedule (issue #8, UK GDPR storage limitation): how long each category
-- of record is kept, per group. The defaults are `RetentionSchedule::default()` in
-- crates/rules/src/retention.rs, which says why each was chosen; existing groups get them.
ALTER TABLE group_settings ADD COLUMN retention_ballot_months INTEGER NOT NULL DEFAULT 6
    CHECK (retention_ballot_months BETWEEN 1 AND 1200);
ALTER TABLE group_settings ADD COLUMN retention_nomination_months INTEGER NOT NULL DEFAULT 12
    CHECK (retention_nomination_months BETWEEN 1 AND 1200);
ALTER TABLE group_settings ADD COLUMN retention_attendance_years INTEGER NOT NULL DEFAULT 2
    CHECK (retention_attendance_years BETWEEN 1 AND 100);
ALTER TABLE group_settings ADD COLUMN retention_paper_years INTEGER NOT NULL DEFAULT 6
    CHECK (retention_paper_years BETWEEN 1 AND 100);
