-- The tamper-evident audit log and the app's own settings.
--
-- Each audit row from here on carries `mac`: HMAC-SHA256, keyed from the database key,
-- over the previous row's mac and this row's fields (crates/store/src/audit.rs says
-- exactly how). Rows written before this migration have no mac: they are a legacy
-- prefix, and `audit_chain.legacy_until` records where it ends, so a mac removed later
-- is a break, not more legacy. Rows are ordered by seq, never by time.
-- Shipped migrations are never edited: change the schema in a new file.

ALTER TABLE audit_log ADD COLUMN mac TEXT;

CREATE TABLE audit_chain (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    legacy_until  INTEGER NOT NULL          -- the last seq written without a mac (0: none)
) STRICT;
INSERT INTO audit_chain (id, legacy_until) VALUES (1, (SELECT coalesce(max(seq), 0) FROM audit_log));

-- The log is append-only: nothing changes or removes a row once written.
CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: its rows cannot be changed.');
END;

CREATE TRIGGER audit_log_refuses_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: its rows cannot be deleted.');
END;

CREATE TRIGGER audit_chain_refuses_update BEFORE UPDATE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'Where the audit chain starts cannot be changed.');
END;

CREATE TRIGGER audit_chain_refuses_delete BEFORE DELETE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'Where the audit chain starts cannot be changed.');
END;

-- Settings of the app rather than of a group: where backups go (`backup_folder`;
-- absent means `<data folder>/backups`).
CREATE TABLE app_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
