-- Privacy (UK GDPR): erasure of a person (Art. 17) and an audit chain that no longer needs
-- a row's personal content to verify.
--
-- A person is erased, not deleted: the `people` row stays so that the records the group must
-- keep (terms held, election results, attendance counted for ToR §17, approved minutes) keep
-- their shape, but it is redacted ("Erased person n") and says when and why.
--
-- Audit rows are append-only, yet their `change` JSON often holds a person's name or email.
-- From this migration on a row's mac covers a keyed digest of `change` (`change_digest`)
-- instead of its bytes (crates/store/src/audit.rs, "v2"), so `change` can be replaced by the
-- redaction marker and the row still verifies. Rows written before (v1) can be redacted too;
-- their own content can then no longer be checked, but the next row's mac still covers their
-- stored mac, so the chain around them holds. `audit_chain_v2.v2_from` says where v2 starts.
-- Shipped migrations are never edited: change the schema in a new file.

ALTER TABLE people ADD COLUMN erased_on TEXT;
ALTER TABLE people ADD COLUMN erasure_reason TEXT;

ALTER TABLE audit_log ADD COLUMN change_digest TEXT;

CREATE TABLE audit_chain_v2 (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    v2_from  INTEGER NOT NULL          -- the first seq whose mac covers change_digest
) STRICT;
INSERT INTO audit_chain_v2 (id, v2_from) VALUES (1, 1 + max(
    (SELECT coalesce(max(seq), 0) FROM audit_log),
    (SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'audit_log')));

CREATE TRIGGER audit_chain_v2_refuses_update BEFORE UPDATE ON audit_chain_v2
BEGIN
    SELECT RAISE(ABORT, 'Where the audit chain starts cannot be changed.');
END;

CREATE TRIGGER audit_chain_v2_refuses_delete BEFORE DELETE ON audit_chain_v2
BEGIN
    SELECT RAISE(ABORT, 'Where the audit chain starts cannot be changed.');
END;

-- Audit rows whose `change` an erasure replaced with the marker: which row, for whom, why, when.
-- The erasure's own audit row lists the same seqs, and `verify` accepts a redacted row only
-- when both say so.
CREATE TABLE audit_redactions (
    seq        INTEGER PRIMARY KEY REFERENCES audit_log(seq),
    person_id  INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason <> ''),
    at         TEXT NOT NULL                -- UTC instant, RFC 3339
) STRICT;

CREATE TRIGGER audit_redactions_refuse_update BEFORE UPDATE ON audit_redactions
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: its redactions cannot be changed.');
END;

CREATE TRIGGER audit_redactions_refuse_delete BEFORE DELETE ON audit_redactions
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: its redactions cannot be deleted.');
END;

-- The one change an audit row may undergo: its `change` (and nothing else) replaced by the
-- redaction marker, on a row an erasure listed in `audit_redactions`.
DROP TRIGGER audit_log_refuses_update;
CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
WHEN NOT (
        NEW.change = '{"redacted":true}'
    AND NEW.seq = OLD.seq
    AND NEW.group_id IS OLD.group_id
    AND NEW.at = OLD.at
    AND NEW.actor = OLD.actor
    AND NEW.entity = OLD.entity
    AND NEW.entity_id IS OLD.entity_id
    AND NEW.action = OLD.action
    AND NEW.mac IS OLD.mac
    AND NEW.change_digest IS OLD.change_digest
    AND EXISTS (SELECT 1 FROM audit_redactions WHERE seq = OLD.seq)
)
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: its rows cannot be changed.');
END;
