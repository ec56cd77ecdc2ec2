//! What the Documents archive lists beyond the records other modules read
//! (issue #18): the packs kept, supplements, approved minutes and the
//! ballot papers' print runs — numbers and counts, never who.

use chrono::NaiveDate;
use serde::Serialize;

use crate::Store;
use crate::error::Result;
use crate::write::GroupId;
use secretariat_rules::register::Id;

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
