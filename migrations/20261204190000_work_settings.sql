-- The work registers' thresholds become group settings (issue #19): how far ahead Home lists
-- consultation deadlines (ToR §3a) and how long a horizon item may go unreviewed (ToR §5a).
-- The defaults are `WorkThresholds::default()` in crates/rules/src/work.rs, which says why.
ALTER TABLE group_settings ADD COLUMN work_deadline_warning_days INTEGER NOT NULL DEFAULT 14
    CHECK (work_deadline_warning_days BETWEEN 1 AND 365);
ALTER TABLE group_settings ADD COLUMN work_review_months INTEGER NOT NULL DEFAULT 3
    CHECK (work_review_months BETWEEN 1 AND 60);

-- Declarations of interest become a standard item of every new agenda, straight after the
-- welcome (before any business). Groups whose standard agenda already has it keep theirs;
-- meetings already planned keep their agendas.
UPDATE group_settings
SET standard_agenda = (
    SELECT json_group_array(title) FROM (
        SELECT value AS title, CASE WHEN key = 0 THEN 0 ELSE key + 1 END AS place FROM json_each(group_settings.standard_agenda)
        UNION ALL
        SELECT 'Declarations of interest', CASE WHEN json_array_length(group_settings.standard_agenda) = 0 THEN 0 ELSE 1 END
        ORDER BY place
    )
)
WHERE NOT EXISTS (SELECT 1 FROM json_each(group_settings.standard_agenda) WHERE lower(value) = 'declarations of interest');
