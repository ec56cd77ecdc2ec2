//! The retention schedule's two halves in the store: gathering the facts the rules
//! decide on ([`Store::retention_facts`]) and purging exactly what a report lists
//! ([`Writer::purge_retention`]), in one transaction, audited with counts only.
//!
//! What each category removes and keeps is decided in `secretariat_rules::retention`;
//! here it becomes SQL. The caller backs up first and checkpoints after (so the
//! removed pages leave the `-wal` too; `secure_delete` is on, so they are overwritten).

use crate::Store;
use crate::error::{Result, StoreError};
use crate::write::{GroupId, Writer};
use chrono::NaiveDate;
use secretariat_rules::retention::{ElectionFacts, MeetingFacts, RetentionCategory, RetentionFacts, RetentionReport};
use serde_json::json;
use sqlx::SqliteConnection;

/// Attendance of a meeting that no approved minutes record (`?1` is the meeting).
const UNRECORDED_ATTENDANCE: &str =
    "FROM attendance WHERE meeting_id = ?1 AND NOT EXISTS (SELECT 1 FROM minutes WHERE meeting_id = ?1 AND approved_on IS NOT NULL)";

/// A declared election's nominations: ids of the withdrawn ones, and of the standing
/// ones who were not elected and still have a statement or a proposer.
async fn unsuccessful_nominations(conn: &mut SqliteConnection, election: i64, outcome: &str, count: Option<&str>) -> Result<Vec<i64>> {
    // Same order as the count's candidates: standing nominations by name (see `Store::election`).
    let nominations: Vec<(i64, bool, bool)> = sqlx::query_as(
        "SELECT n.id, n.withdrawn_on IS NOT NULL, n.statement <> '' OR n.proposer <> '' \
         FROM nominations n JOIN people p ON p.id = n.person_id WHERE n.election_id = ? ORDER BY p.name COLLATE NOCASE, n.id",
    )
    .bind(election)
    .fetch_all(&mut *conn)
    .await?;
    // An unopposed election elected everyone standing; a counted one, the count's `elected`
    // (indexes into its candidates, who are the standing nominations in this order).
    let elected: Option<Vec<usize>> = match (outcome, count) {
        ("elected", Some(json)) => {
            let value: serde_json::Value =
                serde_json::from_str(json).map_err(|e| StoreError::Database(format!("election {election}'s count cannot be read: {e}")))?;
            let indexes = value["count"]["elected"].as_array().ok_or_else(|| StoreError::Database(format!("election {election}'s count names no winners")))?;
            Some(indexes.iter().filter_map(|i| i.as_u64()).map(|i| i as usize).collect())
        }
        _ => None, // unopposed: all standing were elected
    };
    let mut standing = 0usize;
    let mut ids = Vec::new();
    for (id, withdrawn, has_content) in nominations {
        if withdrawn {
            ids.push(id);
            continue;
        }
        let won = elected.as_ref().is_none_or(|winners| winners.contains(&standing));
        standing += 1;
        if !won && has_content {
            ids.push(id);
        }
    }
    Ok(ids)
}

impl Store {
    /// What the schedule applies to in a group: its declared elections and its meetings,
    /// with how much each still holds that a purge would remove.
    pub async fn retention_facts(&self, group: GroupId) -> Result<RetentionFacts> {
        let mut conn = self.pool.acquire().await?;
        let elections: Vec<(i64, String, NaiveDate, String, Option<String>, u32)> = sqlx::query_as(
            "SELECT e.id, e.title, e.declared_on, e.outcome, e.count, \
                    (SELECT count(*) FROM returned_papers WHERE election_id = e.id) \
                  + (SELECT count(*) FROM ballot_papers WHERE election_id = e.id) \
                  + (SELECT count(*) FROM electors WHERE election_id = e.id) \
             FROM elections e WHERE e.group_id = ? AND e.state = 'declared' ORDER BY e.declared_on, e.id",
        )
        .bind(group)
        .fetch_all(&mut *conn)
        .await?;
        let mut facts = RetentionFacts::default();
        for (id, title, declared_on, outcome, count, ballot_records) in elections {
            let unsuccessful = unsuccessful_nominations(&mut conn, id, &outcome, count.as_deref()).await?;
            facts.elections.push(ElectionFacts { id, title, declared_on, ballot_records, unsuccessful_nominations: unsuccessful.len() as u32 });
        }
        let sql = format!(
            "SELECT m.id, m.title, substr(m.starts_at, 1, 10), \
                    (SELECT count(*) FROM paper_versions v JOIN papers p ON p.id = v.paper_id JOIN agenda_items i ON i.id = p.agenda_item_id \
                      WHERE i.meeting_id = m.id) \
                  + (SELECT count(*) FROM agenda_packs WHERE meeting_id = m.id) \
                  + (SELECT count(*) FROM issued_documents WHERE group_id = m.group_id AND kind = 'agenda_pack' AND record_id = m.id), \
                    (SELECT count(*) {}) \
             FROM meetings m WHERE m.group_id = ? ORDER BY m.starts_at, m.id",
            UNRECORDED_ATTENDANCE.replace("?1", "m.id")
        );
        let meetings: Vec<(i64, String, NaiveDate, u32, u32)> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(group).fetch_all(&mut *conn).await?;
        facts.meetings =
            meetings.into_iter().map(|(id, title, date, paper_files, attendance)| MeetingFacts { id, title, date, paper_files, attendance }).collect();
        Ok(facts)
    }
}

impl Writer {
    /// Removes what `report` lists as due, in this transaction, and records one audit
    /// row per election, meeting or year purged with the counts removed (never what
    /// was removed). Returns the number of records removed.
    ///
    /// Each deletion is limited to this group and re-applies the category's rule (only
    /// declared elections, only attendance no approved minutes record), so a report
    /// from another group or a stale one cannot reach further than the schedule allows.
    pub async fn purge_retention(&mut self, group: GroupId, report: &RetentionReport) -> Result<u32> {
        let mut removed = 0u32;
        for section in &report.sections {
            for item in &section.due {
                let (entity, entity_id, change, n) = match section.category {
                    RetentionCategory::BallotsAndCounts => {
                        self.require_declared(group, item.id).await?;
                        let mut n = 0;
                        for table in ["returned_papers", "ballot_papers", "electors"] {
                            let sql = format!("DELETE FROM {table} WHERE election_id = ?");
                            n += sqlx::query(sqlx::AssertSqlSafe(sql)).bind(item.id).execute(self.conn()).await?.rows_affected();
                        }
                        ("election", Some(item.id), json!({ "ballot_records_removed": n }), n)
                    }
                    RetentionCategory::CandidatesAndNominations => {
                        let (outcome, count) = self.require_declared(group, item.id).await?;
                        let ids = unsuccessful_nominations(self.conn(), item.id, &outcome, count.as_deref()).await?;
                        let (mut withdrawn, mut cleared) = (0u64, 0u64);
                        for id in ids {
                            let gone = sqlx::query("DELETE FROM nominations WHERE id = ? AND withdrawn_on IS NOT NULL")
                                .bind(id)
                                .execute(self.conn())
                                .await?
                                .rows_affected();
                            if gone == 0 {
                                sqlx::query("UPDATE nominations SET statement = '', proposer = '' WHERE id = ?").bind(id).execute(self.conn()).await?;
                                cleared += 1;
                            }
                            withdrawn += gone;
                        }
                        ("election", Some(item.id), json!({ "withdrawn_nominations_removed": withdrawn, "statements_cleared": cleared }), withdrawn + cleared)
                    }
                    RetentionCategory::Attendance => {
                        let year = format!("{:04}", item.id);
                        let meetings: Vec<i64> = sqlx::query_scalar("SELECT id FROM meetings WHERE group_id = ? AND substr(starts_at, 1, 4) = ?")
                            .bind(group)
                            .bind(&year)
                            .fetch_all(self.conn())
                            .await?;
                        let mut n = 0;
                        for meeting in meetings {
                            let sql = format!("DELETE {UNRECORDED_ATTENDANCE}");
                            n += sqlx::query(sqlx::AssertSqlSafe(sql)).bind(meeting).execute(self.conn()).await?.rows_affected();
                        }
                        ("attendance_year", None, json!({ "year": item.id, "attendance_removed": n }), n)
                    }
                    RetentionCategory::MinutesAndPapers => {
                        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM meetings WHERE id = ? AND group_id = ?")
                            .bind(item.id)
                            .bind(group)
                            .fetch_optional(self.conn())
                            .await?;
                        if found.is_none() {
                            return Err(StoreError::NotFound { what: format!("Meeting {}", item.id) });
                        }
                        let versions = sqlx::query(
                            "DELETE FROM paper_versions WHERE paper_id IN \
                             (SELECT p.id FROM papers p JOIN agenda_items i ON i.id = p.agenda_item_id WHERE i.meeting_id = ?)",
                        )
                        .bind(item.id)
                        .execute(self.conn())
                        .await?
                        .rows_affected();
                        let papers = sqlx::query("DELETE FROM papers WHERE agenda_item_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?)")
                            .bind(item.id)
                            .execute(self.conn())
                            .await?
                            .rows_affected();
                        let packs = sqlx::query("DELETE FROM agenda_packs WHERE meeting_id = ?").bind(item.id).execute(self.conn()).await?.rows_affected()
                            // The packs kept as circulated hold the same papers: they go with them.
                            + sqlx::query("DELETE FROM issued_documents WHERE group_id = ? AND kind = 'agenda_pack' AND record_id = ?")
                                .bind(group)
                                .bind(item.id)
                                .execute(self.conn())
                                .await?
                                .rows_affected();
                        (
                            "meeting",
                            Some(item.id),
                            json!({ "papers_removed": papers, "paper_files_removed": versions, "agenda_packs_removed": packs }),
                            versions + packs,
                        )
                    }
                };
                let category = serde_json::to_value(section.category).expect("a category serialises");
                let mut change = change;
                change["category"] = category;
                change["due_on"] = json!(item.due_on);
                self.audit_at(chrono::Utc::now(), Some(group), entity, entity_id, "retention_purge", change).await?;
                removed += n as u32;
            }
        }
        Ok(removed)
    }

    /// The election's outcome and stored count, if it is this group's and declared.
    async fn require_declared(&mut self, group: GroupId, election: i64) -> Result<(String, Option<String>)> {
        let row: Option<(String, Option<String>)> = sqlx::query_as("SELECT outcome, count FROM elections WHERE id = ? AND group_id = ? AND state = 'declared'")
            .bind(election)
            .bind(group)
            .fetch_optional(self.conn())
            .await?;
        row.ok_or_else(|| StoreError::NotFound { what: format!("Declared election {election}") })
    }
}
