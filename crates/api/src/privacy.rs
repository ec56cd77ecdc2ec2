//! Privacy (UK GDPR) as the window and the command line ask for it: subject access
//! (Art. 15) as JSON and a readable PDF, and erasure (Art. 17) with its dry run.
//!
//! An erasure is preceded by a backup (rotation keeps it like any other). That backup,
//! and older ones, still hold the person's data until rotation removes them; the
//! window and the README say so rather than pretend otherwise.

use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::session::{Session, file_stem};
use secretariat_documents::{SubjectAccessLine, SubjectAccessReport, SubjectAccessSection, SubjectAuditLine};
use secretariat_rules::uk_date;
use secretariat_store::{Erasure, REDACTION, SubjectAccess, SubjectRow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Erase a person (or, with `dry_run`, list what erasing would do).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ErasePerson {
    pub group_id: i64,
    pub person_id: i64,
    /// Why: required, kept with the redacted record; it must not name the person.
    pub reason: String,
    pub dry_run: bool,
}

/// What an erasure did (or would do), and the backup taken before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErasureResult {
    pub erasure: Erasure,
    /// The backup taken just before (none for a dry run); it still holds the erased data.
    pub backup: Option<String>,
    /// Where backups are kept: they hold the person's data until rotation removes them.
    pub backup_folder: String,
}

/// A subject access export: the file names and their contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectAccessFiles {
    /// e.g. "Interop WG - subject access - Priya Raman" (add ".pdf" / ".json").
    pub stem: String,
    pub json: String,
    pub pdf: Vec<u8>,
}

impl Session {
    /// A person by id or by words from their name, as the command line names them.
    pub async fn find_person(&self, group_id: i64, words: &str) -> ApiResult<i64> {
        let store = self.open_store().await?;
        store.find_person(group_id, words).await?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, format!("There is no person \u{201c}{}\u{201d} in this group; `secretariat members` lists them.", words.trim()))
        })
    }

    /// Everything held about one person (UK GDPR Art. 15).
    pub async fn subject_access(&self, group_id: i64, person_id: i64) -> ApiResult<SubjectAccess> {
        Ok(self.open_store().await?.subject_access(group_id, person_id).await?)
    }

    /// The subject access export as JSON and as a PDF.
    pub async fn subject_access_files(&self, group_id: i64, person_id: i64) -> ApiResult<SubjectAccessFiles> {
        let access = self.subject_access(group_id, person_id).await?;
        let json = serde_json::to_string_pretty(&access).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        let report = subject_access_report(&access, self.today());
        let stem = format!("{} - subject access - {}", file_stem(&access.group), file_stem(&access.person.name));
        let pdf = self.typeset(move |d| d.subject_access(&report)).await?;
        Ok(SubjectAccessFiles { stem, json, pdf })
    }

    /// Erases a person (UK GDPR Art. 17) after a backup, or lists what it would do.
    pub async fn erase_person(&self, request: ErasePerson) -> ApiResult<ErasureResult> {
        let store = self.open_store().await?;
        let backup_folder = store.backup_folder().await?.display().to_string();
        let today = self.today();
        if request.dry_run {
            let erasure = store.erase_person(request.group_id, request.person_id, &request.reason, today, true).await?;
            return Ok(ErasureResult { erasure, backup: None, backup_folder });
        }
        // Check it would succeed before taking a backup for nothing.
        store.erase_person(request.group_id, request.person_id, &request.reason, today, true).await?;
        let backup = store.back_up().await?;
        let erasure = store.erase_person(request.group_id, request.person_id, &request.reason, today, false).await?;
        Ok(ErasureResult { erasure, backup: Some(backup.backup.name), backup_folder })
    }
}

/// A recorded change in words that wrap: `{"name":"Pat","to":null}` reads "name: Pat; to: none".
/// The JSON copy keeps it exactly as recorded.
fn readable_change(change: &str) -> String {
    fn words(value: &serde_json::Value) -> String {
        match value {
            serde_json::Value::Null => "none".to_owned(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(items) => format!("[{}]", items.iter().map(words).collect::<Vec<_>>().join(", ")),
            serde_json::Value::Object(map) => map.iter().map(|(k, v)| format!("{}: {}", k.replace('_', " "), words(v))).collect::<Vec<_>>().join("; "),
            other => other.to_string(),
        }
    }
    serde_json::from_str::<serde_json::Value>(change).map_or_else(|_| change.to_owned(), |value| words(&value))
}

fn rows(rows: &[SubjectRow]) -> Vec<SubjectAccessLine> {
    rows.iter().map(|r| SubjectAccessLine { what: r.what.clone(), when: r.when.clone(), details: r.details.clone() }).collect()
}

fn section(title: &str, note: &str, empty: &str, lines: Vec<SubjectAccessLine>) -> SubjectAccessSection {
    SubjectAccessSection { title: title.into(), note: note.into(), empty: empty.into(), rows: lines }
}

/// The report's wording of a subject access (the JSON carries the same records as they are).
pub fn subject_access_report(access: &SubjectAccess, today: chrono::NaiveDate) -> SubjectAccessReport {
    let p = &access.person;
    let mut identity = vec![
        ("Name".to_owned(), p.name.clone()),
        ("Email".to_owned(), p.email.clone()),
        ("Job title".to_owned(), p.job_title.clone()),
        ("Manager status (ToR §12)".to_owned(), p.manager_status.clone()),
        ("Record number".to_owned(), p.id.to_string()),
    ];
    if !p.sort_as.is_empty() {
        identity.insert(1, ("Sort as (ballot papers)".to_owned(), p.sort_as.clone()));
    }
    if let Some(on) = &p.erased_on {
        identity.push(("Erased (UK GDPR Art. 17)".to_owned(), format!("{on}: {}", p.erasure_reason.clone().unwrap_or_default())));
    }
    let mut terms = rows(&access.terms);
    terms.extend(rows(&access.roles));
    let mut elections = rows(&access.nominations);
    elections.extend(rows(&access.electorates));
    let mut minutes = rows(&access.presented);
    minutes.extend(rows(&access.actions));
    minutes.extend(rows(&access.positions));
    minutes.extend(rows(&access.mentions));
    let mut attendance = rows(&access.attendance);
    attendance.extend(rows(&access.strike_decisions));
    let mut work = rows(&access.work);
    work.extend(rows(&access.declarations));
    let mut subgroups = rows(&access.subgroups);
    subgroups.extend(rows(&access.invitations));
    SubjectAccessReport {
        group_name: access.group.clone(),
        person_name: p.name.clone(),
        date: uk_date(today),
        generated: format!("Generated by Secretariat on {}", uk_date(today)),
        identity,
        sections: vec![
            section("Employment", "Employers recorded, for the ToR §12–§15 rules.", "No employment is recorded.", rows(&access.employments)),
            section("Terms and roles", "Seats held (ToR §14, §16) and roles (ToR §8–§9).", "No term or role is recorded.", terms),
            section(
                "Attendance",
                "Meetings attended or missed, for the strike policy (ToR §17), and any decision under it.",
                "No attendance is recorded.",
                attendance,
            ),
            section(
                "Nominations and elections",
                "Nominations, and elections they could vote in. How anyone voted is never linked to a person: ballot papers carry only a serial number.",
                "No nomination or electorate entry is recorded.",
                elections,
            ),
            section(
                "Minutes, actions and decisions",
                "Agenda items they presented, actions they own, positions they volunteered for, and any text that mentions their name or email.",
                "Nothing in the minutes, actions or decisions mentions them.",
                minutes,
            ),
            section(
                "Sub-groups and invitations",
                "Places in sub-groups (ToR §18) and standing invitations (ToR §12).",
                "No sub-group place or invitation is recorded.",
                subgroups,
            ),
            section(
                "Work and declarations of interest",
                "Consultations, concerns, horizon items they own and forums where they represented the group (ToR §3, §5); their declarations of interest at meetings.",
                "No work entry or declaration of interest is recorded.",
                work,
            ),
        ],
        audit: access
            .audit
            .iter()
            .map(|a| SubjectAuditLine {
                seq: a.seq,
                at: a.at.get(..16).map_or_else(|| a.at.clone(), |t| format!("{} UTC", t.replace('T', " "))),
                actor: a.actor.clone(),
                what: match a.entity_id {
                    Some(id) => format!("{} {id}: {}", a.entity.replace('_', " "), a.action),
                    None => format!("{}: {}", a.entity.replace('_', " "), a.action),
                },
                change: if a.change == r#"{"redacted":true}"# { format!("Redacted by an erasure {REDACTION}") } else { readable_change(&a.change) },
            })
            .collect(),
    }
}
