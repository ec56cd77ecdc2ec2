//! Privacy (UK GDPR): what is held about one person (subject access, Art. 15) and their
//! erasure (Art. 17).
//!
//! **What is "about" a person.** Every row that references them (`person_id`, `owner_id`,
//! `presenter_id`), every free-text field that contains their name (as a whole word, any
//! case) or their email address, and every audit row that
//! (a) is about the person or their electorate entry (`entity` `person`/`elector`, `entity_id` theirs);
//! (b) names them in its change (`person_id`, `owner_id` or `presenter_id`, also an agenda
//!     item's, or an attendance mark);
//! (c) is about one of their own rows (employment, term, appointment, invitation, nomination,
//!     §17 decision, sub-group place, action), so that "end" and "withdraw" rows count too; or
//! (d) contains their name or email as text.
//! Only the full name as recorded is searched (and the same without leading titles such as
//! "Dr" or "Chief Inspector", when two words remain): a first name alone is not found,
//! which is why the erasure's dry run lists every field it will change.
//!
//! **Erasure.** The `people` row stays, redacted ("Erased person n", no email or job title),
//! with the day and the reason, so the records the group must keep keep their shape: terms
//! held (ToR §14, §16), election results and the electorate (ToR §14), attendance counted for
//! the strike policy (ToR §17) and its decisions, actions, presenters, volunteers for positions
//! (ToR §23), sub-group leads and members (ToR §18), the work entries they owned or
//! represented the group in (ToR §3, §5) and their declarations of interest, which are
//! part of the minutes. What exists only about the person and
//! the group need not keep is deleted: employment history, standing invitations (ToR §12),
//! sub-group invitations with their expertise, and nomination statements (cleared; the
//! nomination stays because ballot papers refer to it). Free text anywhere that contains the
//! name or email has it replaced by "[redacted]". Audit rows about them have their `change`
//! replaced by the marker (see `audit.rs`), and the erasure is itself audited with counts only.
//! It is one `Writer` transaction, then `PRAGMA wal_checkpoint(TRUNCATE)`; with
//! `secure_delete` on, the old bytes are overwritten, not merely unlinked.
//! PDFs stored inside the database (papers, built agenda packs) are kept as circulated and
//! are not searched: they are documents of the meeting, not records about the person.

use crate::Store;
use crate::audit::REDACTED;
use crate::error::{Result, StoreError};
use crate::fields::{invalid, text};
use crate::write::{GroupId, Writer};
use chrono::NaiveDate;
use secretariat_rules::register::Id;
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

/// What replaces a name or email address in free text.
pub const REDACTION: &str = "[redacted]";

/// Everything held about one person in one group (UK GDPR Art. 15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubjectAccess {
    pub group: String,
    pub person: SubjectPerson,
    pub employments: Vec<SubjectRow>,
    pub terms: Vec<SubjectRow>,
    pub roles: Vec<SubjectRow>,
    pub invitations: Vec<SubjectRow>,
    pub attendance: Vec<SubjectRow>,
    pub strike_decisions: Vec<SubjectRow>,
    pub nominations: Vec<SubjectRow>,
    /// Elections they could vote in, and whether a paper was issued (never which one).
    pub electorates: Vec<SubjectRow>,
    pub presented: Vec<SubjectRow>,
    pub actions: Vec<SubjectRow>,
    pub positions: Vec<SubjectRow>,
    pub subgroups: Vec<SubjectRow>,
    /// Work register entries they own or represented the group in (ToR §3, §5).
    pub work: Vec<SubjectRow>,
    /// Their declarations of interest at meetings, item by item.
    pub declarations: Vec<SubjectRow>,
    /// Free text elsewhere that contains their name or email address.
    pub mentions: Vec<SubjectRow>,
    pub audit: Vec<SubjectAudit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubjectPerson {
    pub id: Id,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub manager_status: String,
    /// How their name sorts on ballot papers, when corrected ('' = from the name).
    pub sort_as: String,
    pub erased_on: Option<String>,
    pub erasure_reason: Option<String>,
}

/// One record, as a heading (what and when) and its details in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubjectRow {
    pub what: String,
    pub when: String,
    pub details: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubjectAudit {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    /// The change as recorded (JSON), or the redaction marker.
    pub change: String,
}

/// What an erasure deletes, redacts and keeps (the dry run and the real one alike).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Erasure {
    pub person_id: Id,
    /// The name the person had (shown in the confirmation; not kept after erasure).
    pub name: String,
    /// What the person is called afterwards.
    pub erased_name: String,
    pub deleted: Vec<ErasureLine>,
    pub redacted: Vec<ErasureLine>,
    pub kept: Vec<ErasureLine>,
    /// Whether it was saved (false for a dry run).
    pub committed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErasureLine {
    pub what: String,
    pub count: u32,
}

/// A free-text field to search and redact: the words for it, its table and column, and a
/// query giving `(rowid, text, when)` for one group.
struct FreeText {
    what: &'static str,
    table: &'static str,
    column: &'static str,
    select: &'static str,
}

macro_rules! free_text {
    ($what:expr, $table:literal, $column:literal, $when:literal, $group:literal) => {
        FreeText {
            what: $what,
            table: $table,
            column: $column,
            select: concat!("SELECT t.rowid, t.", $column, ", ", $when, " FROM ", $table, " t WHERE ", $group, " AND t.", $column, " <> ''"),
        }
    };
}

/// Every free-text field that could hold a person's name or email. Names recorded as text
/// (who agreed, who took the minutes) are included: the person may have been one of them.
const FREE_TEXT: &[FreeText] = &[
    free_text!(
        "Minutes notes",
        "item_notes",
        "notes",
        "(SELECT substr(m.starts_at, 1, 10) || ' ' || m.title FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = t.agenda_item_id)",
        "t.agenda_item_id IN (SELECT id FROM agenda_items WHERE group_id = ?1)"
    ),
    free_text!(
        "Minutes correction",
        "minute_corrections",
        "correction",
        "(SELECT substr(m.starts_at, 1, 10) || ' ' || m.title FROM meetings m WHERE m.id = t.meeting_id)",
        "t.meeting_id IN (SELECT id FROM meetings WHERE group_id = ?1)"
    ),
    free_text!(
        "Minutes approval note",
        "minutes",
        "approval_note",
        "(SELECT substr(m.starts_at, 1, 10) || ' ' || m.title FROM meetings m WHERE m.id = t.meeting_id)",
        "t.meeting_id IN (SELECT id FROM meetings WHERE group_id = ?1)"
    ),
    free_text!(
        "Minute taker",
        "minutes",
        "minute_taker",
        "(SELECT substr(m.starts_at, 1, 10) || ' ' || m.title FROM meetings m WHERE m.id = t.meeting_id)",
        "t.meeting_id IN (SELECT id FROM meetings WHERE group_id = ?1)"
    ),
    free_text!(
        "Private session requested by",
        "private_sessions",
        "requested_by",
        "(SELECT substr(m.starts_at, 1, 10) || ' ' || m.title FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = t.agenda_item_id)",
        "t.agenda_item_id IN (SELECT id FROM agenda_items WHERE group_id = ?1)"
    ),
    free_text!(
        "Agenda item title",
        "agenda_items",
        "title",
        "(SELECT substr(m.starts_at, 1, 10) || ' ' || m.title FROM meetings m WHERE m.id = t.meeting_id)",
        "t.group_id = ?1"
    ),
    free_text!("Meeting title", "meetings", "title", "substr(t.starts_at, 1, 10)", "t.group_id = ?1"),
    free_text!("Action", "actions", "description", "t.due_on", "t.group_id = ?1"),
    free_text!("Decision", "decisions", "text", "t.decided_on", "t.group_id = ?1"),
    free_text!("Position title", "positions", "title", "t.proposed_on", "t.group_id = ?1"),
    free_text!("Position summary", "positions", "summary", "t.proposed_on", "t.group_id = ?1"),
    free_text!("Position decision reason", "positions", "public_reason", "t.proposed_on", "t.group_id = ?1"),
    free_text!("Position decided by", "positions", "public_decided_by", "t.proposed_on", "t.group_id = ?1"),
    free_text!(
        "Position viewpoint",
        "position_viewpoints",
        "viewpoint",
        "(SELECT p.proposed_on FROM positions p WHERE p.id = t.position_id)",
        "t.position_id IN (SELECT id FROM positions WHERE group_id = ?1)"
    ),
    free_text!("Strike decision reason (ToR §17)", "strike_decisions", "reason", "t.decided_on", "t.group_id = ?1"),
    free_text!("Strike decision taken by (ToR §17)", "strike_decisions", "decided_by", "t.decided_on", "t.group_id = ?1"),
    free_text!("Appointment agreed by", "appointments", "agreed_by", "t.start_date", "t.group_id = ?1"),
    free_text!("Term end reason", "terms", "end_reason", "t.ended_on", "t.group_id = ?1"),
    free_text!("Invitation note", "invitees", "note", "t.start_date", "t.group_id = ?1"),
    free_text!(
        "Attendance substitute",
        "attendance",
        "substitute",
        "(SELECT substr(m.starts_at, 1, 10) || ' ' || m.title FROM meetings m WHERE m.id = t.meeting_id)",
        "t.meeting_id IN (SELECT id FROM meetings WHERE group_id = ?1)"
    ),
    free_text!("Nomination proposer", "nominations", "proposer", "t.received_on", "t.election_id IN (SELECT id FROM elections WHERE group_id = ?1)"),
    free_text!("Nomination statement", "nominations", "statement", "t.received_on", "t.election_id IN (SELECT id FROM elections WHERE group_id = ?1)"),
    free_text!("Returning officer", "elections", "returning_officer", "t.call_issued_on", "t.group_id = ?1"),
    free_text!("Election title", "elections", "title", "t.call_issued_on", "t.group_id = ?1"),
    free_text!("Paper entered by", "returned_papers", "entered_by", "''", "t.election_id IN (SELECT id FROM elections WHERE group_id = ?1)"),
    free_text!("Paper verified by", "returned_papers", "verified_by", "''", "t.election_id IN (SELECT id FROM elections WHERE group_id = ?1)"),
    free_text!("Sub-group remit", "subgroups", "remit", "t.start_date", "t.group_id = ?1"),
    free_text!("Sub-group created by", "subgroups", "created_by", "t.start_date", "t.group_id = ?1"),
    free_text!("Sub-group closing reason", "subgroups", "closed_reason", "t.closed_on", "t.group_id = ?1"),
    free_text!("Sub-group expertise note", "subgroup_places", "expertise_note", "t.start_date", "t.group_id = ?1"),
    free_text!("Report-back topic", "report_backs", "topic", "t.requested_on", "t.group_id = ?1"),
    free_text!("Report-back", "report_backs", "report", "t.requested_on", "t.group_id = ?1"),
    free_text!("Work entry title (ToR §3, §5)", "work_entries", "title", "t.opened_on", "t.group_id = ?1"),
    free_text!("Work entry summary (ToR §3, §5)", "work_entries", "summary", "t.opened_on", "t.group_id = ?1"),
    free_text!("Work entry source or forum (ToR §3, §5)", "work_entries", "source", "t.opened_on", "t.group_id = ?1"),
    free_text!("Horizon item assessment (ToR §5a)", "work_entries", "assessment", "t.opened_on", "t.group_id = ?1"),
    free_text!("Work entry outcome (ToR §3, §5)", "work_entries", "outcome", "t.opened_on", "t.group_id = ?1"),
    free_text!("Work entry status note", "work_status_changes", "note", "t.on_date", "t.group_id = ?1"),
    free_text!("Declaration of interest", "declarations", "nature", "t.declared_on", "t.group_id = ?1"),
];

/// Finds `needle` in `text` as a whole word, ignoring case; returns char ranges.
fn find_word(text: &[char], needle: &[char]) -> Vec<(usize, usize)> {
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let mut found = Vec::new();
    if needle.is_empty() || needle.len() > text.len() {
        return found;
    }
    let mut i = 0;
    while i + needle.len() <= text.len() {
        let matches = text[i..i + needle.len()].iter().zip(needle).all(|(&a, &b)| fold(a) == fold(b));
        let before_ok = i == 0 || !text[i - 1].is_alphanumeric();
        let after = i + needle.len();
        let after_ok = after == text.len() || !text[after].is_alphanumeric();
        if matches && before_ok && after_ok {
            found.push((i, after));
            i = after;
        } else {
            i += 1;
        }
    }
    found
}

/// Words that may open a recorded name without being part of how others write it.
const TITLES: &[&str] = &[
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Cllr",
    "Chief",
    "Deputy",
    "Assistant",
    "Detective",
    "Inspector",
    "Superintendent",
    "Sergeant",
    "Constable",
    "Commander",
    "Commissioner",
    "DCI",
    "DI",
    "DS",
    "PC",
];

/// The person's identifiers to look for in text: the name and, where there is one, the email.
#[derive(Debug, Clone)]
pub(crate) struct Needles(Vec<Vec<char>>);

impl Needles {
    fn new(name: &str, email: &str) -> Self {
        let mut list: Vec<Vec<char>> = [name, email].iter().map(|s| s.trim()).filter(|s| !s.is_empty()).map(|s| s.chars().collect()).collect();
        // "Dr Aisha Rahman" is written "Aisha Rahman" in minutes: the name without its
        // leading titles is looked for too, when two words or more remain.
        let words: Vec<&str> = name.split_whitespace().collect();
        let titles = words.iter().take_while(|w| TITLES.iter().any(|t| t.eq_ignore_ascii_case(w.trim_end_matches('.')))).count();
        if titles > 0 && words.len() - titles >= 2 {
            list.push(words[titles..].join(" ").chars().collect());
        }
        // The longer first, so an email that contains the name is replaced whole.
        list.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Self(list)
    }

    fn mentioned_in(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        self.0.iter().any(|n| !find_word(&chars, n).is_empty())
    }

    /// `text` with every mention replaced by [`REDACTION`]; `None` when there is none.
    fn redact(&self, text: &str) -> Option<String> {
        let mut chars: Vec<char> = text.chars().collect();
        let mut changed = false;
        for needle in &self.0 {
            let found = find_word(&chars, needle);
            for &(start, end) in found.iter().rev() {
                chars.splice(start..end, REDACTION.chars());
                changed = true;
            }
        }
        changed.then(|| chars.into_iter().collect())
    }
}

/// seq, at, actor, entity, entity_id, action, change, and whether (a)–(c) link it to the person.
type AuditCandidate = (i64, String, String, String, Option<i64>, String, String, bool);

/// The audit rows about a person, by the rule in the module's header: (a)–(c) in SQL, then
/// (d) by searching each remaining row's change for the name or email.
async fn audit_rows_about(conn: &mut SqliteConnection, group: GroupId, person: Id, needles: &Needles) -> Result<Vec<SubjectAudit>> {
    let rows: Vec<AuditCandidate> = sqlx::query_as(
        "SELECT a.seq, a.at, a.actor, a.entity, a.entity_id, a.action, a.change, \
         (   (a.entity IN ('person', 'elector') AND a.entity_id = ?2) \
          OR (json_valid(a.change) AND (json_extract(a.change, '$.person_id') = ?2 OR json_extract(a.change, '$.owner_id') = ?2 \
                 OR json_extract(a.change, '$.presenter_id') = ?2 OR json_extract(a.change, '$.item.presenter_id') = ?2 \
                 OR (a.entity = 'attendance' AND EXISTS (SELECT 1 FROM json_each(a.change, '$.marks') m WHERE json_extract(m.value, '$[0]') = ?2)))) \
          OR (a.entity = 'employment' AND a.entity_id IN (SELECT id FROM employments WHERE person_id = ?2)) \
          OR (a.entity = 'term' AND a.entity_id IN (SELECT id FROM terms WHERE person_id = ?2)) \
          OR (a.entity = 'appointment' AND a.entity_id IN (SELECT id FROM appointments WHERE person_id = ?2)) \
          OR (a.entity = 'invitee' AND a.entity_id IN (SELECT id FROM invitees WHERE person_id = ?2)) \
          OR (a.entity = 'nomination' AND a.entity_id IN (SELECT id FROM nominations WHERE person_id = ?2)) \
          OR (a.entity = 'strike_decision' AND a.entity_id IN (SELECT id FROM strike_decisions WHERE person_id = ?2)) \
          OR (a.entity = 'subgroup_place' AND a.entity_id IN (SELECT id FROM subgroup_places WHERE person_id = ?2)) \
          OR (a.entity = 'action' AND a.entity_id IN (SELECT id FROM actions WHERE owner_id = ?2)) \
          OR (a.entity = 'work_entry' AND a.entity_id IN (SELECT id FROM work_entries WHERE owner_id = ?2)) \
          OR (a.entity = 'declaration' AND a.entity_id IN (SELECT id FROM declarations WHERE person_id = ?2)) \
         ) AS linked \
         FROM audit_log a WHERE a.group_id = ?1 OR a.group_id IS NULL ORDER BY a.seq",
    )
    .bind(group)
    .bind(person)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|row| row.7 || needles.mentioned_in(&row.6))
        .map(|(seq, at, actor, entity, entity_id, action, change, _)| SubjectAudit { seq, at, actor, entity, entity_id, action, change })
        .collect())
}

type PersonFields = (String, String, String, String, String, Option<String>, Option<String>);

async fn person_row(conn: &mut SqliteConnection, group: GroupId, person: Id) -> Result<SubjectPerson> {
    let row: Option<PersonFields> =
        sqlx::query_as("SELECT name, email, job_title, manager_status, sort_as, erased_on, erasure_reason FROM people WHERE id = ? AND group_id = ?")
            .bind(person)
            .bind(group)
            .fetch_optional(&mut *conn)
            .await?;
    let (name, email, job_title, manager_status, sort_as, erased_on, erasure_reason) =
        row.ok_or_else(|| StoreError::NotFound { what: format!("Person {person}") })?;
    Ok(SubjectPerson { id: person, name, email, job_title, manager_status, sort_as, erased_on, erasure_reason })
}

/// Rows of `(what, when, details)` from one query bound to the group and the person.
async fn rows(conn: &mut SqliteConnection, sql: &'static str, group: GroupId, person: Id) -> Result<Vec<SubjectRow>> {
    let found: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(sql).bind(group).bind(person).fetch_all(&mut *conn).await?;
    Ok(found.into_iter().map(|(what, when, details)| SubjectRow { what, when: when.unwrap_or_default(), details: details.unwrap_or_default() }).collect())
}

/// Free text in the group that mentions the person.
async fn mentions(conn: &mut SqliteConnection, group: GroupId, needles: &Needles) -> Result<Vec<(&'static FreeText, i64, SubjectRow)>> {
    let mut found = Vec::new();
    for field in FREE_TEXT {
        let candidates: Vec<(i64, String, Option<String>)> = sqlx::query_as(sqlx::AssertSqlSafe(field.select)).bind(group).fetch_all(&mut *conn).await?;
        for (rowid, text, when) in candidates {
            if needles.mentioned_in(&text) {
                found.push((field, rowid, SubjectRow { what: field.what.to_owned(), when: when.unwrap_or_default(), details: text }));
            }
        }
    }
    Ok(found)
}

async fn subject_access(conn: &mut SqliteConnection, group: GroupId, person: Id) -> Result<SubjectAccess> {
    let group_name: String = sqlx::query_scalar("SELECT name FROM groups WHERE id = ?")
        .bind(group)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound { what: format!("Group {group}") })?;
    let person_row = person_row(conn, group, person).await?;
    let needles = needles_for(&person_row);
    let c = &mut *conn;
    Ok(SubjectAccess {
        group: group_name,
        employments: rows(c, "SELECT o.name, e.start_date || ' to ' || coalesce(e.end_date, 'now'), '' FROM employments e \
            JOIN organisations o ON o.id = e.organisation_id WHERE e.group_id = ?1 AND e.person_id = ?2 ORDER BY e.start_date", group, person).await?,
        terms: rows(c, "SELECT s.title, t.start_date || ' to ' || t.end_date, 'Obtained by ' || t.obtained || \
            coalesce('; ended ' || t.ended_on || ' (' || t.end_reason || ')', '') FROM terms t JOIN seats s ON s.id = t.seat_id \
            WHERE t.group_id = ?1 AND t.person_id = ?2 ORDER BY t.start_date", group, person).await?,
        roles: rows(c, "SELECT CASE a.role WHEN 'sro' THEN 'Senior Responsible Officer' WHEN 'chair' THEN 'Chair' ELSE 'Vice-Chair' END, \
            a.start_date || ' to ' || coalesce(a.end_date, 'now'), CASE WHEN a.agreed_by <> '' THEN 'Agreed by ' || a.agreed_by ELSE '' END \
            FROM appointments a WHERE a.group_id = ?1 AND a.person_id = ?2 ORDER BY a.start_date", group, person).await?,
        invitations: rows(c, "SELECT 'Standing invitee (ToR §12)', i.start_date || ' to ' || coalesce(i.end_date, 'now'), i.note \
            FROM invitees i WHERE i.group_id = ?1 AND i.person_id = ?2 ORDER BY i.start_date", group, person).await?,
        attendance: rows(c, "SELECT m.title, substr(m.starts_at, 1, 16), a.capacity || ', ' || a.presence || \
            CASE WHEN a.online = 1 THEN ', online' ELSE '' END || CASE WHEN a.substitute <> '' THEN ', substitute: ' || a.substitute ELSE '' END \
            || CASE WHEN m.compulsory = 1 THEN ' (compulsory meeting, ToR §17)' ELSE '' END \
            FROM attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.group_id = ?1 AND a.person_id = ?2 ORDER BY m.starts_at", group, person).await?,
        strike_decisions: rows(c, "SELECT 'Strike decision ' || d.year || ': ' || d.decision, d.decided_on, \
            d.strikes || ' strikes considered; ' || d.reason || ' (decided by ' || d.decided_by || ')' \
            FROM strike_decisions d WHERE d.group_id = ?1 AND d.person_id = ?2 ORDER BY d.decided_on", group, person).await?,
        nominations: rows(c, "SELECT e.title, n.received_on, coalesce('For ' || o.name || '. ', '') || \
            CASE WHEN n.proposer <> '' THEN 'Proposed by ' || n.proposer || '. ' ELSE '' END || \
            coalesce('Withdrawn ' || n.withdrawn_on || '. ', '') || CASE WHEN n.statement <> '' THEN 'Statement: ' || n.statement ELSE '' END \
            FROM nominations n JOIN elections e ON e.id = n.election_id LEFT JOIN organisations o ON o.id = n.organisation_id \
            WHERE e.group_id = ?1 AND n.person_id = ?2 ORDER BY n.received_on", group, person).await?,
        electorates: rows(c, "SELECT e.title, e.call_issued_on, CASE WHEN l.issued = 1 THEN 'On the electorate; a ballot paper was issued (which one is not recorded)' \
            ELSE 'On the electorate; no ballot paper issued' END FROM electors l JOIN elections e ON e.id = l.election_id \
            WHERE e.group_id = ?1 AND l.person_id = ?2 ORDER BY e.call_issued_on", group, person).await?,
        presented: rows(c, "SELECT 'Presenter: ' || i.title, substr(m.starts_at, 1, 10), m.title FROM agenda_items i \
            JOIN meetings m ON m.id = i.meeting_id WHERE i.group_id = ?1 AND i.presenter_id = ?2 ORDER BY m.starts_at", group, person).await?,
        actions: rows(c, "SELECT a.description, a.due_on, 'Owner; raised at ' || m.title || '; ' || a.status || coalesce(' ' || a.closed_on, '') \
            FROM actions a JOIN meetings m ON m.id = a.meeting_id WHERE a.group_id = ?1 AND a.owner_id = ?2 ORDER BY a.due_on", group, person).await?,
        positions: rows(c, "SELECT 'Volunteered for: ' || p.title, v.volunteered_on, 'ToR §23' FROM position_volunteers v \
            JOIN positions p ON p.id = v.position_id WHERE p.group_id = ?1 AND v.person_id = ?2 ORDER BY v.volunteered_on", group, person).await?,
        subgroups: rows(c, "SELECT s.name || ': ' || p.place, p.start_date || ' to ' || coalesce(p.end_date, 'now'), \
            CASE WHEN p.expertise <> '[]' THEN 'Expertise: ' || (SELECT group_concat(value, ', ') FROM json_each(p.expertise)) || '. ' ELSE '' END || p.expertise_note \
            FROM subgroup_places p JOIN subgroups s ON s.id = p.subgroup_id WHERE p.group_id = ?1 AND p.person_id = ?2 ORDER BY p.start_date", group, person).await?,
        work: rows(c, "SELECT CASE w.kind WHEN 'consultation' THEN 'Consultation (ToR §3a): ' WHEN 'concern' THEN 'Concern (ToR §3c): ' \
            WHEN 'horizon' THEN 'Horizon item (ToR §5a): ' ELSE 'Represented the group (ToR §3d, §5f): ' END || w.title, w.opened_on, \
            CASE w.kind WHEN 'representation' THEN 'At ' || w.source || '; ' ELSE 'Owner; ' END || 'status ' || w.status \
            FROM work_entries w WHERE w.group_id = ?1 AND w.owner_id = ?2 ORDER BY w.opened_on", group, person).await?,
        declarations: rows(c, "SELECT 'Declaration of interest: ' || i.title, substr(m.starts_at, 1, 10) || ' ' || m.title, \
            CASE WHEN d.interest = 1 THEN 'Interest: ' || d.nature ELSE 'No interest' END \
            FROM declarations d JOIN meetings m ON m.id = d.meeting_id JOIN agenda_items i ON i.id = d.agenda_item_id \
            WHERE d.group_id = ?1 AND d.person_id = ?2 ORDER BY m.starts_at, i.position", group, person).await?,
        mentions: mentions(c, group, &needles).await?.into_iter().map(|(_, _, row)| row).collect(),
        audit: audit_rows_about(c, group, person, &needles).await?.into_iter().map(|row| own_marks_only(row, person)).collect(),
        person: person_row,
    })
}

/// An attendance row records everyone's marks; a copy for one person keeps only theirs
/// (UK GDPR Art. 15(4): the copy must not give away others' data).
fn own_marks_only(mut row: SubjectAudit, person: Id) -> SubjectAudit {
    if row.entity != "attendance" {
        return row;
    }
    if let Ok(serde_json::Value::Object(mut change)) = serde_json::from_str::<serde_json::Value>(&row.change)
        && let Some(serde_json::Value::Array(marks)) = change.get("marks")
    {
        let total = marks.len();
        let own: Vec<serde_json::Value> = marks.iter().filter(|m| m.get(0).and_then(|v| v.as_i64()) == Some(person)).cloned().collect();
        change.insert("others_left_out".into(), json!(total - own.len()));
        change.insert("marks".into(), json!(own));
        row.change = serde_json::Value::Object(change).to_string();
    }
    row
}

fn needles_for(person: &SubjectPerson) -> Needles {
    if person.erased_on.is_some() { Needles(Vec::new()) } else { Needles::new(&person.name, &person.email) }
}

impl Store {
    /// Everything held about one person in a group (UK GDPR Art. 15), in one read transaction.
    pub async fn subject_access(&self, group: GroupId, person: Id) -> Result<SubjectAccess> {
        let mut tx = self.pool.begin().await?;
        let access = subject_access(&mut tx, group, person).await?;
        tx.rollback().await?;
        Ok(access)
    }

    /// Erases a person (UK GDPR Art. 17) as the module's header describes, or with `dry_run`
    /// does all of it in a transaction that is rolled back, so the list is exactly what
    /// erasing does. After a real erasure the WAL is checkpointed and truncated, so the
    /// overwritten pages leave no copy beside the database.
    /// A dry run needs no reason yet (the confirmation asks for it): nothing of it is kept.
    pub async fn erase_person(&self, group: GroupId, person: Id, reason: &str, on: NaiveDate, dry_run: bool) -> Result<Erasure> {
        let reason = if dry_run && reason.trim().is_empty() { "(dry run)" } else { reason };
        let mut w = self.begin().await?;
        let erasure = w.erase_person(group, person, reason, on).await?;
        if dry_run {
            w.rollback().await?;
            return Ok(erasure);
        }
        w.commit().await?;
        self.checkpoint().await?;
        Ok(Erasure { committed: true, ..erasure })
    }

    /// A person by id, or by words from their name (case-insensitive, every word), as the
    /// command line names them.
    pub async fn find_person(&self, group: GroupId, words: &str) -> Result<Option<Id>> {
        if let Ok(id) = words.trim().parse::<Id>() {
            let found: Option<Id> =
                sqlx::query_scalar("SELECT id FROM people WHERE id = ? AND group_id = ?").bind(id).bind(group).fetch_optional(&self.pool).await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let people: Vec<(Id, String)> = sqlx::query_as("SELECT id, name FROM people WHERE group_id = ?").bind(group).fetch_all(&self.pool).await?;
        let wanted: Vec<String> = words.split_whitespace().map(str::to_lowercase).collect();
        let matches: Vec<&(Id, String)> =
            people.iter().filter(|(_, name)| !wanted.is_empty() && wanted.iter().all(|w| name.to_lowercase().contains(w.as_str()))).collect();
        match matches.as_slice() {
            [one] => Ok(Some(one.0)),
            [] => Ok(None),
            many => Err(invalid(
                "person",
                format!(
                    "\u{201c}{}\u{201d} names more than one person ({}); give their id.",
                    words.trim(),
                    many.iter().map(|(id, name)| format!("{name}: {id}")).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }

    /// Moves every page in the WAL into the database and truncates the WAL to nothing.
    pub async fn checkpoint(&self) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&mut *conn).await?;
        if busy != 0 {
            return Err(StoreError::Database(
                "the log could not be emptied into the database because another reader was busy; close other windows and try again".into(),
            ));
        }
        Ok(())
    }
}

async fn count(conn: &mut SqliteConnection, sql: &'static str, person: Id) -> Result<u32> {
    let n: i64 = sqlx::query_scalar(sql).bind(person).fetch_one(&mut *conn).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

fn line(lines: &mut Vec<ErasureLine>, what: &str, count: u32) {
    if count > 0 {
        lines.push(ErasureLine { what: what.to_owned(), count });
    }
}

impl Writer {
    /// The erasure itself, in this transaction (see [`Store::erase_person`]).
    pub async fn erase_person(&mut self, group: GroupId, person: Id, reason: &str, on: NaiveDate) -> Result<Erasure> {
        let reason = text("reason", "The reason for the erasure", reason, 500)?;
        let subject = person_row(self.conn(), group, person).await?;
        if let Some(day) = &subject.erased_on {
            return Err(invalid("person_id", format!("This person was already erased on {day}.")));
        }
        let needles = needles_for(&subject);
        if needles.mentioned_in(&reason) {
            return Err(invalid(
                "reason",
                "The reason would keep the person's name or email: give it without them (for example \u{201c}request by email of 3 March\u{201d}).",
            ));
        }
        let day = on.to_string();
        let current_term: Option<String> = sqlx::query_scalar(
            "SELECT s.title FROM terms t JOIN seats s ON s.id = t.seat_id WHERE t.person_id = ?1 AND t.start_date <= ?2 \
             AND coalesce(t.ended_on, t.end_date) >= ?2 LIMIT 1",
        )
        .bind(person)
        .bind(&day)
        .fetch_optional(self.conn())
        .await?;
        if let Some(seat) = current_term {
            return Err(invalid(
                "person_id",
                format!(
                    "{} holds the seat \u{201c}{seat}\u{201d} today. End their term first (ToR §14): a member's record is needed while they sit.",
                    subject.name
                ),
            ));
        }
        let open_role: Option<String> =
            sqlx::query_scalar("SELECT role FROM appointments WHERE person_id = ?1 AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2) LIMIT 1")
                .bind(person)
                .bind(&day)
                .fetch_optional(self.conn())
                .await?;
        if open_role.is_some() {
            return Err(invalid("person_id", format!("{} holds a role (ToR §8–§9) today. Appoint someone else first.", subject.name)));
        }

        // The audit rows about them, found before their own rows are deleted (rule (c)).
        let audit = audit_rows_about(self.conn(), group, person, &needles).await?;
        let mentions = mentions(self.conn(), group, &needles).await?;

        let (mut deleted, mut redacted, mut kept) = (Vec::new(), Vec::new(), Vec::new());
        let c = self.conn();
        line(&mut kept, "Terms held (ToR §14, §16)", count(c, "SELECT count(*) FROM terms WHERE person_id = ?", person).await?);
        line(&mut kept, "Roles held (ToR §8–§9)", count(c, "SELECT count(*) FROM appointments WHERE person_id = ?", person).await?);
        line(&mut kept, "Attendance records (ToR §17)", count(c, "SELECT count(*) FROM attendance WHERE person_id = ?", person).await?);
        line(&mut kept, "Strike decisions (ToR §17)", count(c, "SELECT count(*) FROM strike_decisions WHERE person_id = ?", person).await?);
        line(
            &mut kept,
            "Nominations (statements cleared; results refer to them)",
            count(c, "SELECT count(*) FROM nominations WHERE person_id = ?", person).await?,
        );
        line(&mut kept, "Electorate entries (whether a paper was issued)", count(c, "SELECT count(*) FROM electors WHERE person_id = ?", person).await?);
        line(&mut kept, "Agenda items they presented", count(c, "SELECT count(*) FROM agenda_items WHERE presenter_id = ?", person).await?);
        line(&mut kept, "Actions they owned", count(c, "SELECT count(*) FROM actions WHERE owner_id = ?", person).await?);
        line(&mut kept, "Volunteers for positions (ToR §23)", count(c, "SELECT count(*) FROM position_volunteers WHERE person_id = ?", person).await?);
        line(
            &mut kept,
            "Work entries they own or represented the group in (ToR §3, §5)",
            count(c, "SELECT count(*) FROM work_entries WHERE owner_id = ?", person).await?,
        );
        line(&mut kept, "Declarations of interest (part of the minutes)", count(c, "SELECT count(*) FROM declarations WHERE person_id = ?", person).await?);
        line(
            &mut kept,
            "Sub-group places as lead or member (ToR §18)",
            count(c, "SELECT count(*) FROM subgroup_places WHERE person_id = ? AND place <> 'invitee'", person).await?,
        );

        // Deleted: what exists only about them and the group need not keep.
        for (what, sql) in [
            ("Employment history", "DELETE FROM employments WHERE person_id = ?"),
            ("Standing invitations (ToR §12)", "DELETE FROM invitees WHERE person_id = ?"),
            ("Sub-group invitations with their expertise (ToR §18)", "DELETE FROM subgroup_places WHERE person_id = ? AND place = 'invitee'"),
        ] {
            let n = sqlx::query(sql).bind(person).execute(self.conn()).await?.rows_affected();
            line(&mut deleted, what, u32::try_from(n).unwrap_or(u32::MAX));
        }
        let statements = sqlx::query("UPDATE nominations SET statement = '' WHERE person_id = ? AND statement <> ''")
            .bind(person)
            .execute(self.conn())
            .await?
            .rows_affected();
        line(&mut deleted, "Nomination statements", u32::try_from(statements).unwrap_or(u32::MAX));
        let notes = sqlx::query("UPDATE subgroup_places SET expertise_note = '' WHERE person_id = ? AND expertise_note <> ''")
            .bind(person)
            .execute(self.conn())
            .await?
            .rows_affected();
        line(&mut deleted, "Expertise notes on their sub-group places", u32::try_from(notes).unwrap_or(u32::MAX));

        // Redacted: free text that names them, wherever it is.
        let mut by_field: Vec<(&'static str, u32)> = Vec::new();
        for (field, rowid, row) in &mentions {
            // The rows just deleted or cleared are gone; the rest is redacted in place.
            let current: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {} FROM {} WHERE rowid = ?", field.column, field.table)))
                .bind(rowid)
                .fetch_optional(self.conn())
                .await?;
            let Some(current) = current else { continue };
            let Some(new) = needles.redact(&current) else { continue };
            sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE {} SET {} = ? WHERE rowid = ?", field.table, field.column)))
                .bind(&new)
                .bind(rowid)
                .execute(self.conn())
                .await?;
            let _ = row;
            match by_field.iter_mut().find(|(what, _)| *what == field.what) {
                Some((_, n)) => *n += 1,
                None => by_field.push((field.what, 1)),
            }
        }
        for (what, n) in by_field {
            line(&mut redacted, &format!("{what}: name or email replaced by \u{201c}{REDACTION}\u{201d}"), n);
        }

        // The person: kept, without anything that identifies them.
        let erased_name = format!("Erased person {person}");
        sqlx::query(
            "UPDATE people SET name = ?, email = '', job_title = '', manager_status = 'unknown', sort_as = '', erased_on = ?, erasure_reason = ? WHERE id = ?",
        )
        .bind(&erased_name)
        .bind(&day)
        .bind(&reason)
        .bind(person)
        .execute(self.conn())
        .await?;
        // Their manager status through time is about them too (ToR §12's record of it goes).
        sqlx::query("DELETE FROM person_facts WHERE person_id = ? AND from_date IS NOT NULL").bind(person).execute(self.conn()).await?;
        sqlx::query("UPDATE person_facts SET manager_status = 'unknown' WHERE person_id = ?").bind(person).execute(self.conn()).await?;
        line(&mut redacted, "Name, email address and job title", 1);

        // The audit rows about them: `change` replaced by the marker, each listed.
        let at = chrono::Utc::now();
        let mut seqs = Vec::with_capacity(audit.len());
        for row in audit.iter().filter(|r| r.change != REDACTED) {
            sqlx::query("INSERT INTO audit_redactions (seq, person_id, reason, at) VALUES (?, ?, ?, ?)")
                .bind(row.seq)
                .bind(person)
                .bind(&reason)
                .bind(at.to_rfc3339())
                .execute(self.conn())
                .await?;
            sqlx::query("UPDATE audit_log SET change = ? WHERE seq = ?").bind(REDACTED).bind(row.seq).execute(self.conn()).await?;
            seqs.push(row.seq);
        }
        line(&mut redacted, "Audit log entries (their content; the entries stay in the chain)", u32::try_from(seqs.len()).unwrap_or(u32::MAX));
        kept.push(ErasureLine {
            what: "Papers, agenda packs and documents kept as issued (PDFs) are kept as circulated and are not searched".into(),
            count: 0,
        });

        let counts = |lines: &[ErasureLine]| lines.iter().filter(|l| l.count > 0).map(|l| json!([l.what, l.count])).collect::<Vec<_>>();
        self.audit_at(
            at,
            Some(group),
            "person",
            Some(person),
            "erase",
            json!({ "reason": reason, "on": day, "deleted": counts(&deleted), "redacted": counts(&redacted), "audit_rows_redacted": seqs }),
        )
        .await?;
        Ok(Erasure { person_id: person, name: subject.name, erased_name, deleted, redacted, kept, committed: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_as_a_whole_word_in_any_case() {
        let n = Needles::new("Pat Lee", "pat@example.org");
        assert!(n.mentioned_in("Thanks to PAT LEE for the paper"));
        assert!(n.mentioned_in("write to pat@example.org."));
        assert!(!n.mentioned_in("Pat Leeson presented"), "a longer word is another name");
        assert_eq!(n.redact("Pat Lee (pat@example.org) and pat lee").as_deref(), Some("[redacted] ([redacted]) and [redacted]"));
        assert_eq!(n.redact("nothing here"), None);
        let titled = Needles::new("Chief Inspector Ruth Adebayo", "");
        assert_eq!(titled.redact("Thanks to Ruth Adebayo.").as_deref(), Some("Thanks to [redacted]."));
        assert_eq!(titled.redact("Chief Inspector Ruth Adebayo spoke").as_deref(), Some("[redacted] spoke"));
        assert!(!Needles::new("Dr Rahman", "").mentioned_in("Rahman"), "a surname alone is too little to look for");
    }
}
