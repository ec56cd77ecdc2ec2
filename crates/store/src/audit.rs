//! The tamper-evident audit log: every row is chained to the one before it by an
//! HMAC keyed from the database key, and triggers refuse UPDATE and DELETE.
//!
//! `mac(n) = hex(HMAC-SHA256(audit_key, encode(mac(n-1), seq, group_id, at, actor,
//! entity, entity_id, action, change)))`, where
//!
//! - `audit_key = HMAC-SHA256(database_key, "secretariat audit v1")`, so the chain
//!   cannot be recomputed without the key and the key itself is never the MAC key;
//! - `encode` writes each field in that order as one byte `0` for NULL, or one byte
//!   `1`, the length of its UTF-8 bytes as 8 bytes big-endian, then the bytes
//!   (integers in decimal). Lengths make the encoding unambiguous: no two rows
//!   encode alike by moving text from one field to the next;
//! - `mac(n-1)` is the stored mac of the row just before in `seq` order, NULL for
//!   the first row or when that row has none.
//!
//! Order is `seq`, never `at`: a clock that goes backwards changes nothing.
//! Rows written before the chain existed have no mac; `audit_chain.legacy_until`
//! (set by the migration that added the chain) says where that legacy prefix ends,
//! so stripping macs later reads as a break, not as more legacy.
//!
//! From the privacy migration on (rows from `audit_chain_v2.v2_from`, "v2"), the last
//! field is not `change` but `change_digest = hex(HMAC-SHA256(digest_key, change))`,
//! stored beside it, with `digest_key = HMAC-SHA256(database_key, "secretariat audit
//! change v2")`. The mac no longer needs the change's bytes, so an erasure (UK GDPR
//! Art. 17) can replace `change` by [`REDACTED`] and the row still verifies; an unredacted
//! v2 row is checked against its digest too. A v1 row that was redacted cannot have its
//! own content checked any more, but the next row's mac covers its stored mac, so the
//! chain around it holds: `verify` counts such rows rather than calling them breaks. A
//! row is accepted as redacted only when `audit_redactions` lists it *and* the erasure's
//! own (chained) audit row names its seq in `audit_rows_redacted`: a `change` swapped for
//! the marker behind Secretariat's back breaks the chain like any other edit.
//!
//! What it proves: a row changed, removed or inserted by anything other than
//! Secretariat's own writer breaks the chain at that row, and rows cut off the end
//! are seen against SQLite's own sequence. What it cannot: someone holding the
//! database key can recompute the whole chain; the chain is evidence, not a seal.

use crate::error::{Result, StoreError};
use crate::key::DatabaseKey;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use sqlx::SqliteConnection;
use std::fmt;
use ts_rs::TS;
use zeroize::Zeroizing;

type HmacSha256 = Hmac<Sha256>;

/// What an erased row's `change` becomes (the trigger allows exactly this text).
pub(crate) const REDACTED: &str = r#"{"redacted":true}"#;

/// The audit chain's MAC key and the v2 change-digest key, both derived from the
/// database key. Redacted, wiped on drop.
pub(crate) struct AuditKey(Zeroizing<[u8; 32]>, Zeroizing<[u8; 32]>);

fn derive_bytes(key: &DatabaseKey, label: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut mac = HmacSha256::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(label);
    let mut bytes = Zeroizing::new([0u8; 32]);
    bytes.copy_from_slice(&mac.finalize().into_bytes());
    bytes
}

impl AuditKey {
    pub(crate) fn derive(key: &DatabaseKey) -> Self {
        Self(derive_bytes(key, b"secretariat audit v1"), derive_bytes(key, b"secretariat audit change v2"))
    }
}

/// The keyed digest of a change that a v2 row's mac covers in place of its bytes.
pub(crate) fn change_digest(key: &AuditKey, change: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(&key.1[..]).expect("HMAC takes a key of any length");
    mac.update(change.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuditKey(redacted)")
    }
}

/// One audit row's fields, as the chain sees them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct AuditRow {
    pub seq: i64,
    pub group_id: Option<i64>,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub change: String,
    pub mac: Option<String>,
    /// Set on v2 rows only.
    pub change_digest: Option<String>,
}

fn field(out: &mut Vec<u8>, value: Option<&[u8]>) {
    match value {
        None => out.push(0),
        Some(bytes) => {
            out.push(1);
            out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
            out.extend_from_slice(bytes);
        }
    }
}

/// The v1 mac of `row` following a row whose mac was `previous`: over `change` itself.
pub(crate) fn row_mac(key: &AuditKey, previous: Option<&str>, row: &AuditRow) -> String {
    mac_over(key, previous, row, &row.change)
}

/// The v2 mac: over the stored `change_digest` in place of `change`.
pub(crate) fn row_mac_v2(key: &AuditKey, previous: Option<&str>, row: &AuditRow) -> String {
    mac_over(key, previous, row, row.change_digest.as_deref().unwrap_or_default())
}

fn mac_over(key: &AuditKey, previous: Option<&str>, row: &AuditRow, last: &str) -> String {
    let int = |n: Option<i64>| n.map(|n| n.to_string());
    let mut message = Vec::with_capacity(128 + row.change.len());
    field(&mut message, previous.map(str::as_bytes));
    field(&mut message, Some(row.seq.to_string().as_bytes()));
    field(&mut message, int(row.group_id).as_deref().map(str::as_bytes));
    field(&mut message, Some(row.at.as_bytes()));
    field(&mut message, Some(row.actor.as_bytes()));
    field(&mut message, Some(row.entity.as_bytes()));
    field(&mut message, int(row.entity_id).as_deref().map(str::as_bytes));
    field(&mut message, Some(row.action.as_bytes()));
    field(&mut message, Some(last.as_bytes()));
    let mut mac = HmacSha256::new_from_slice(&key.0[..]).expect("HMAC takes a key of any length");
    mac.update(&message);
    hex::encode(mac.finalize().into_bytes())
}

/// Appends a row to the chain, in the caller's transaction (the writer's
/// `BEGIN IMMEDIATE` holds the write lock, so no other row can slip in between
/// reading the last mac and inserting this one: the chain cannot fork).
pub(crate) async fn append(conn: &mut SqliteConnection, key: &AuditKey, mut row: AuditRow) -> Result<()> {
    let last: Option<(i64, Option<String>)> = sqlx::query_as("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1").fetch_optional(&mut *conn).await?;
    // AUTOINCREMENT never reuses a number, even one whose row is gone.
    let allocated: Option<i64> = sqlx::query_scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetch_optional(&mut *conn).await?;
    let (last_seq, previous) = last.map_or((0, None), |(seq, mac)| (seq, mac));
    row.seq = last_seq.max(allocated.unwrap_or(0)) + 1;
    let mac = if row.seq >= v2_from(conn).await? {
        row.change_digest = Some(change_digest(key, &row.change));
        row_mac_v2(key, previous.as_deref(), &row)
    } else {
        row.change_digest = None;
        row_mac(key, previous.as_deref(), &row)
    };
    sqlx::query(
        "INSERT INTO audit_log (seq, group_id, at, actor, entity, entity_id, action, change, mac, change_digest) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(row.seq)
    .bind(row.group_id)
    .bind(&row.at)
    .bind(&row.actor)
    .bind(&row.entity)
    .bind(row.entity_id)
    .bind(&row.action)
    .bind(&row.change)
    .bind(mac)
    .bind(&row.change_digest)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The first seq whose mac covers the change's digest.
async fn v2_from(conn: &mut SqliteConnection) -> Result<i64> {
    sqlx::query_scalar("SELECT v2_from FROM audit_chain_v2 WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Database("the audit chain's v2 starting point is missing".into()))
}

/// What walking the audit chain found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditCheck {
    /// Rows in the log.
    pub rows: u64,
    /// Rows written before the chain existed, which carry no mac and are not checked.
    pub legacy_rows: u64,
    /// Rows whose `change` an erasure replaced by the redaction marker (UK GDPR Art. 17).
    pub redacted_rows: u64,
    /// Of those, rows written before v2, whose own content can no longer be checked; the
    /// chain around them still is (the next row's mac covers their stored mac).
    pub redacted_unchecked_rows: u64,
    /// The first row at which the chain breaks, if it does.
    pub first_broken: Option<AuditBreak>,
}

impl AuditCheck {
    /// What a reader should know besides a break: redacted rows, in words.
    pub fn note(&self) -> Option<String> {
        match (self.redacted_rows, self.redacted_unchecked_rows) {
            (0, _) => None,
            (n, 0) => Some(format!("{n} audit row{} redacted by an erasure; the chain through them was checked.", plural(n))),
            (n, old) => Some(format!(
                "{n} audit row{} redacted by an erasure; {old} of them predate the digest chain, so their own content can no longer be checked, but the chain around them was.",
                plural(n)
            )),
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Where the audit chain breaks, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditBreak {
    pub seq: i64,
    pub reason: String,
}

/// The rows accepted as redacted: listed in `audit_redactions` and named by an erasure's
/// own audit row (whose mac the walk checks like any other).
async fn redactions(conn: &mut SqliteConnection) -> Result<std::collections::HashSet<i64>> {
    let listed: Vec<i64> = sqlx::query_scalar("SELECT seq FROM audit_redactions").fetch_all(&mut *conn).await?;
    if listed.is_empty() {
        return Ok(Default::default());
    }
    let named: std::collections::HashSet<i64> = sqlx::query_scalar(
        "SELECT r.value FROM audit_log a, json_each(a.change, '$.audit_rows_redacted') r \
         WHERE a.entity = 'person' AND a.action = 'erase' AND json_valid(a.change)",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    Ok(listed.into_iter().filter(|seq| named.contains(seq)).collect())
}

/// Walks the whole chain in `seq` order and reports the first row that does not
/// follow from the one before.
pub(crate) async fn walk(conn: &mut SqliteConnection, key: &AuditKey) -> Result<AuditCheck> {
    let legacy_until: i64 = sqlx::query_scalar("SELECT legacy_until FROM audit_chain WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Database("the audit chain's starting point is missing".into()))?;
    let v2_from = v2_from(conn).await?;
    let redactions = redactions(conn).await?;
    let mut check = AuditCheck { rows: 0, legacy_rows: 0, redacted_rows: 0, redacted_unchecked_rows: 0, first_broken: None };
    let mut previous: Option<String> = None;
    let mut after = i64::MIN;
    let mut last_seq = 0;
    loop {
        let read = sqlx::query_as(
            "SELECT seq, group_id, at, actor, entity, entity_id, action, change, mac, change_digest FROM audit_log \
             WHERE seq > ? ORDER BY seq LIMIT 1000",
        )
        .bind(after)
        .fetch_all(&mut *conn)
        .await;
        let page: Vec<AuditRow> = match read {
            Ok(page) => page,
            // A damaged page of the log: the chain cannot be followed past the last row read.
            Err(error) => {
                tracing::debug!(%error, "the audit log could not be read through");
                if check.first_broken.is_none() {
                    check.first_broken = Some(AuditBreak { seq: last_seq + 1, reason: "the log cannot be read from here on: the file is damaged".to_owned() });
                }
                return Ok(check);
            }
        };
        let Some(end) = page.last() else { break };
        after = end.seq;
        for row in page {
            check.rows += 1;
            last_seq = row.seq;
            if row.seq <= legacy_until {
                check.legacy_rows += 1;
            } else if check.first_broken.is_none() {
                const MISMATCH: &str = "its mac does not match: this row was changed, or a row just before it was removed or inserted";
                let redacted = row.change == REDACTED && redactions.contains(&row.seq);
                let reason = match &row.mac {
                    None => Some("it has no mac: it was not written by Secretariat's audit writer"),
                    Some(_) if row.seq >= v2_from && row.change_digest.is_none() => {
                        Some("it has no change digest: it was not written by Secretariat's audit writer")
                    }
                    Some(mac) if row.seq >= v2_from => {
                        let digest_matches = redacted || row.change_digest.as_deref() == Some(&change_digest(key, &row.change));
                        (*mac != row_mac_v2(key, previous.as_deref(), &row) || !digest_matches).then_some(MISMATCH)
                    }
                    // A redacted v1 row: its content is gone, so only its place in the chain can be checked.
                    Some(_) if redacted => None,
                    Some(mac) => (*mac != row_mac(key, previous.as_deref(), &row)).then_some(MISMATCH),
                };
                if reason.is_none() && redacted {
                    check.redacted_rows += 1;
                    if row.seq < v2_from {
                        check.redacted_unchecked_rows += 1;
                    }
                }
                if let Some(reason) = reason {
                    check.first_broken = Some(AuditBreak { seq: row.seq, reason: reason.to_owned() });
                }
            }
            previous = row.mac;
        }
    }
    if check.first_broken.is_none() {
        let allocated: Option<i64> = sqlx::query_scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetch_optional(&mut *conn).await?;
        if let Some(allocated) = allocated.filter(|&a| a > last_seq) {
            check.first_broken =
                Some(AuditBreak { seq: last_seq + 1, reason: format!("rows {} to {allocated} are missing: the log was cut short", last_seq + 1) });
        }
    }
    Ok(check)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(seq: i64, change: &str) -> AuditRow {
        AuditRow {
            seq,
            group_id: Some(1),
            at: "2026-11-27T10:00:00+00:00".into(),
            actor: "pat".into(),
            entity: "person".into(),
            entity_id: Some(3),
            action: "update".into(),
            change: change.into(),
            mac: None,
            change_digest: None,
        }
    }

    #[test]
    fn the_mac_depends_on_every_field_and_on_the_row_before() {
        let key = AuditKey::derive(&DatabaseKey::from_bytes([7; 32]));
        let base = row_mac(&key, Some("ab"), &row(5, "{}"));
        assert_eq!(base.len(), 64);
        assert_eq!(base, row_mac(&key, Some("ab"), &row(5, "{}")));
        let variants = [
            row_mac(&key, None, &row(5, "{}")),
            row_mac(&key, Some("ac"), &row(5, "{}")),
            row_mac(&key, Some("ab"), &row(6, "{}")),
            row_mac(&key, Some("ab"), &AuditRow { group_id: None, ..row(5, "{}") }),
            row_mac(&key, Some("ab"), &AuditRow { at: "2026-11-27T09:00:00+00:00".into(), ..row(5, "{}") }),
            row_mac(&key, Some("ab"), &AuditRow { actor: "sam".into(), ..row(5, "{}") }),
            row_mac(&key, Some("ab"), &AuditRow { entity_id: None, ..row(5, "{}") }),
            row_mac(&key, Some("ab"), &AuditRow { action: "create".into(), ..row(5, "{}") }),
            row_mac(&key, Some("ab"), &row(5, "{\"a\":1}")),
            row_mac(&AuditKey::derive(&DatabaseKey::from_bytes([8; 32])), Some("ab"), &row(5, "{}")),
        ];
        for (n, other) in variants.iter().enumerate() {
            assert_ne!(&base, other, "variant {n} gave the same mac");
        }
    }

    #[test]
    fn a_v2_mac_covers_the_change_digest_not_the_change_and_the_digest_is_keyed() {
        let key = AuditKey::derive(&DatabaseKey::from_bytes([7; 32]));
        let digest = change_digest(&key, r#"{"name":"Pat"}"#);
        let with = |change: &str, digest: &str| AuditRow { change_digest: Some(digest.to_owned()), ..row(5, change) };
        let base = row_mac_v2(&key, Some("ab"), &with(r#"{"name":"Pat"}"#, &digest));
        // Redacting the change leaves the mac as it was; changing the digest does not.
        assert_eq!(base, row_mac_v2(&key, Some("ab"), &with(REDACTED, &digest)));
        assert_ne!(base, row_mac_v2(&key, Some("ab"), &with(REDACTED, &change_digest(&key, "{}"))));
        // The digest needs the key: another database's key gives another digest.
        let other = AuditKey::derive(&DatabaseKey::from_bytes([8; 32]));
        assert_ne!(digest, change_digest(&other, r#"{"name":"Pat"}"#));
        assert_ne!(digest, row_mac(&key, None, &row(5, r#"{"name":"Pat"}"#)), "the digest key is not the chain's key");
    }

    #[test]
    fn moving_text_between_fields_changes_the_mac() {
        let key = AuditKey::derive(&DatabaseKey::from_bytes([7; 32]));
        let a = AuditRow { actor: "pa".into(), entity: "tperson".into(), ..row(1, "{}") };
        let b = AuditRow { actor: "pat".into(), entity: "person".into(), ..row(1, "{}") };
        assert_ne!(row_mac(&key, None, &a), row_mac(&key, None, &b));
        // NULL and the empty string differ too.
        assert_ne!(row_mac(&key, None, &row(1, "")), row_mac(&key, Some(""), &row(1, "")));
    }

    #[tokio::test]
    async fn a_row_written_after_the_clock_went_back_still_verifies() {
        use crate::{DataPaths, KdfParams, MemoryKeychain, Passphrase, Store};
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::create(
            &DataPaths::new(dir.path()),
            &Passphrase::new("correct horse battery staple"),
            std::sync::Arc::new(MemoryKeychain::default()),
            KdfParams::fast_for_tests(),
        )
        .await
        .unwrap();
        let now = chrono::Utc::now();
        let mut w = store.begin().await.unwrap();
        w.audit_at(now, None, "test", Some(1), "create", serde_json::json!({ "n": 1 })).await.unwrap();
        // The clock is put back a year between two changes.
        w.audit_at(now - chrono::Duration::days(365), None, "test", Some(2), "create", serde_json::json!({ "n": 2 })).await.unwrap();
        w.commit().await.unwrap();
        let mut w = store.begin().await.unwrap();
        w.audit_at(now - chrono::Duration::days(364), None, "test", Some(3), "create", serde_json::json!({ "n": 3 })).await.unwrap();
        w.commit().await.unwrap();

        let report = store.verify().await.unwrap();
        assert!(report.is_ok(), "{report:?}");
        assert_eq!((report.audit.rows, report.audit.legacy_rows), (3, 0));
        let times: Vec<(i64, String)> = sqlx::query_as("SELECT seq, at FROM audit_log ORDER BY seq").fetch_all(&store.pool).await.unwrap();
        assert!(times[1].1 < times[0].1, "the second row is earlier in time: {times:?}");
        store.close().await;
    }

    #[test]
    fn the_audit_key_is_not_the_database_key_and_never_prints() {
        let db = DatabaseKey::from_bytes([9; 32]);
        let key = AuditKey::derive(&db);
        assert_ne!(&key.0[..], &db.as_bytes()[..]);
        assert_eq!(format!("{key:?}"), "AuditKey(redacted)");
    }
}
