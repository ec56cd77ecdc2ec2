//! What the Documents archive lists beyond the records other modules read
//! (issue #18): the packs kept, supplements, approved minutes, the documents
//! kept as they went out, and the ballot papers' print runs — numbers and
//! counts, never who.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::error::{Result, StoreError};
use crate::write::GroupId;
use crate::{Store, Writer};
use secretariat_rules::register::Id;

/// What kind of document a kept copy is (`issued_documents.kind`): each is kept once it is
/// final, as first made from then on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuedKind {
    /// A meeting's agenda pack as circulated (ToR §20), and each version built with
    /// supplements after that; the record is the meeting.
    AgendaPack,
    /// A meeting's minutes once approved (ToR §21); the record is the meeting.
    Minutes,
    /// An election's call for nominations (ToR §14); the record is the election.
    CallForNominations,
    /// An election's declared result; the record is the election.
    ElectionResult,
    /// A past calendar year's attendance (ToR §17); the record is the year.
    AttendanceReport,
    /// A closed sub-group's roster (ToR §18); the record is the sub-group.
    SubgroupRoster,
}

impl IssuedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IssuedKind::AgendaPack => "agenda_pack",
            IssuedKind::Minutes => "minutes",
            IssuedKind::CallForNominations => "call_for_nominations",
            IssuedKind::ElectionResult => "election_result",
            IssuedKind::AttendanceReport => "attendance_report",
            IssuedKind::SubgroupRoster => "subgroup_roster",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [
            IssuedKind::AgendaPack,
            IssuedKind::Minutes,
            IssuedKind::CallForNominations,
            IssuedKind::ElectionResult,
            IssuedKind::AttendanceReport,
            IssuedKind::SubgroupRoster,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// A document kept as it went out, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuedCopy {
    pub id: Id,
    pub kind: IssuedKind,
    pub record_id: Id,
    pub file_name: String,
    /// UTC instant, RFC 3339.
    pub made_at: String,
    pub pages: Option<u32>,
    pub size: u32,
}

/// An agenda pack as kept with its meeting: when it was last built and its
/// pages, and how many of the meeting's paper versions came as supplements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptPack {
    pub meeting_id: Id,
    /// UTC instant, RFC 3339.
    pub built_at: String,
    pub pages: u32,
    pub supplements: u32,
}

/// One print run of an election's ballot papers: its serial numbers and how
/// many, never to whom (ToR §13–§14 elections are secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintRun {
    pub election_id: Id,
    pub batch: u32,
    pub papers: u32,
    pub first_serial: u32,
    pub last_serial: u32,
}

impl Store {
    /// Every document kept as it went out, oldest first.
    pub async fn issued_copies(&self, group: GroupId) -> Result<Vec<IssuedCopy>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: Id,
            kind: String,
            record_id: Id,
            file_name: String,
            made_at: String,
            pages: Option<u32>,
            size: u32,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, kind, record_id, file_name, made_at, pages, length(bytes) AS size FROM issued_documents WHERE group_id = ? ORDER BY made_at, id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(IssuedCopy {
                    id: r.id,
                    kind: IssuedKind::parse(&r.kind)?,
                    record_id: r.record_id,
                    file_name: r.file_name,
                    made_at: r.made_at,
                    pages: r.pages,
                    size: r.size,
                })
            })
            .collect())
    }

    /// A kept copy's file name, pages and bytes, exactly as it went out.
    pub async fn issued_copy(&self, group: GroupId, id: Id) -> Result<(String, Option<u32>, Vec<u8>)> {
        sqlx::query_as("SELECT file_name, pages, bytes FROM issued_documents WHERE id = ? AND group_id = ?")
            .bind(id)
            .bind(group)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Kept document {id}") })
    }

    /// Every agenda pack kept, with its meeting's supplements.
    pub async fn kept_packs(&self, group: GroupId) -> Result<Vec<KeptPack>> {
        let rows: Vec<(Id, String, u32, u32)> = sqlx::query_as(
            "SELECT p.meeting_id, p.built_at, p.pages, \
                    (SELECT count(*) FROM paper_versions v JOIN papers q ON q.id = v.paper_id \
                       JOIN agenda_items i ON i.id = q.agenda_item_id WHERE i.meeting_id = p.meeting_id AND v.supplement) \
             FROM agenda_packs p WHERE p.group_id = ? ORDER BY p.meeting_id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(meeting_id, built_at, pages, supplements)| KeptPack { meeting_id, built_at, pages, supplements }).collect())
    }

    /// Each meeting whose minutes are approved, with the day they were.
    pub async fn approved_minutes(&self, group: GroupId) -> Result<Vec<(Id, NaiveDate)>> {
        Ok(sqlx::query_as(
            "SELECT n.meeting_id, n.approved_on FROM minutes n JOIN meetings m ON m.id = n.meeting_id \
             WHERE m.group_id = ? AND n.approved_on IS NOT NULL ORDER BY n.approved_on, n.meeting_id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every print run of ballot papers: serial range and count per batch.
    pub async fn print_runs(&self, group: GroupId) -> Result<Vec<PrintRun>> {
        let rows: Vec<(Id, u32, u32, u32, u32)> = sqlx::query_as(
            "SELECT b.election_id, b.batch, count(*), min(b.serial), max(b.serial) FROM ballot_papers b \
             JOIN elections e ON e.id = b.election_id WHERE e.group_id = ? GROUP BY b.election_id, b.batch ORDER BY b.election_id, b.batch",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(election_id, batch, papers, first_serial, last_serial)| PrintRun { election_id, batch, papers, first_serial, last_serial })
            .collect())
    }
}

impl Writer {
    /// Keeps a final document as it went out, unless a copy of it is kept already (the first
    /// copy made once it was final is the one that went out) — or, for an agenda pack, unless
    /// its latest kept version is these very bytes (every circulated version is kept). Audited
    /// with its size and SHA-256, never its content. True when this copy is the one kept.
    pub async fn keep_issued(&mut self, group: GroupId, kind: IssuedKind, record: Id, file_name: &str, pages: Option<u32>, bytes: &[u8]) -> Result<bool> {
        let sha256 = format!("{:x}", Sha256::digest(bytes));
        if kind == IssuedKind::AgendaPack {
            let latest: Option<String> = sqlx::query_scalar(
                "SELECT sha256 FROM issued_documents WHERE group_id = ? AND kind = ? AND record_id = ? ORDER BY made_at DESC, id DESC LIMIT 1",
            )
            .bind(group)
            .bind(kind.as_str())
            .bind(record)
            .fetch_optional(self.conn())
            .await?;
            if latest.as_deref() == Some(sha256.as_str()) {
                return Ok(false);
            }
        }
        let kept: Option<Id> = sqlx::query_scalar(
            "INSERT INTO issued_documents (group_id, kind, record_id, file_name, made_at, pages, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (group_id, kind, record_id) WHERE kind <> 'agenda_pack' DO NOTHING RETURNING id",
        )
        .bind(group)
        .bind(kind.as_str())
        .bind(record)
        .bind(file_name)
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(pages)
        .bind(&sha256)
        .bind(bytes)
        .fetch_optional(self.conn())
        .await?;
        let Some(id) = kept else { return Ok(false) };
        self.audit(
            Some(group),
            "issued_document",
            id,
            "keep",
            json!({ "kind": kind, "record_id": record, "pages": pages, "bytes": bytes.len(), "sha256": sha256 }),
        )
        .await?;
        Ok(true)
    }
}
