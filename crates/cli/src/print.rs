//! What the commands print. Each `*_lines` function renders one answer as text, every
//! line ending in a newline; [`print_json`] is the `--json` form. Writing a command's
//! file and the "Wrote FILE (N KB)." line after it are here too ([`write_file`], [`Wrote`]),
//! so every wording of that line is in one place.

use secretariat_api::GroupSummary;
use secretariat_api::types::{
    ArchivedDocument, Compliance, DocumentKind, GroupCreated, GroupHome, ImportPreview, MeetingPage, MeetingRow, RegisterKind, Status,
};
use secretariat_api::{ApiError, ErrorKind};
use std::io::Write;
use std::path::Path;

/// Writes text as it is.
pub(crate) fn print_text(out: &mut dyn Write, text: &str) -> Result<(), ApiError> {
    out.write_all(text.as_bytes()).map_err(io_error)
}

/// Writes a value as pretty JSON and a newline (`--json`).
pub(crate) fn print_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<(), ApiError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| io_error(e.into()))?;
    writeln!(out).map_err(io_error)
}

fn io_error(error: std::io::Error) -> ApiError {
    ApiError::new(ErrorKind::Internal, format!("could not write the output: {error}"))
}

/// Writes a command's output file atomically (whole or not at all); the caller then says
/// so with [`Written::report`], once anything else the command does has succeeded.
pub(crate) fn write_file<'a>(path: &'a Path, bytes: &[u8]) -> Result<Written<'a>, ApiError> {
    secretariat_api::write_atomically(path, bytes).map_err(|e| ApiError::invalid("output", format!("Could not write {}: {e}", path.display())))?;
    Ok(Written { path, bytes: bytes.len() })
}

/// A file [`write_file`] wrote, to be reported.
#[must_use = "say that the file was written, with `report`"]
pub(crate) struct Written<'a> {
    path: &'a Path,
    bytes: usize,
}

/// How the line reporting a written file reads.
pub(crate) enum Wrote {
    /// `Wrote FILE (N KB).`
    Size,
    /// `Wrote FILE.` (a calendar file)
    Path,
    /// `Wrote FILE (N KB, P pages).`, or as [`Wrote::Size`] when the document has no pages
    SizeAndPages(Option<usize>),
    /// `Wrote FILE as it went out (N KB).` (a kept copy)
    AsItWentOut,
    /// `Wrote FILE (N KB). Print it and keep it with the recovery passphrase.`
    RecoverySheet,
    /// `Wrote the record of YEAR to FILE (P pages).`
    YearRecord { year: i32, pages: usize },
    /// `Numbered and wrote N ballot papers to FILE.`
    BallotPapers { copies: u32 },
}

impl Written<'_> {
    /// Prints the one line saying what was written.
    pub(crate) fn report(self, out: &mut dyn Write, wrote: Wrote) -> Result<(), ApiError> {
        let (path, kb) = (self.path.display(), self.bytes.div_ceil(1024));
        let line = match wrote {
            Wrote::Size => format!("Wrote {path} ({kb} KB)."),
            Wrote::Path => format!("Wrote {path}."),
            Wrote::SizeAndPages(pages) => {
                let pages = pages.map(|p| format!(", {p} pages")).unwrap_or_default();
                format!("Wrote {path} ({kb} KB{pages}).")
            }
            Wrote::AsItWentOut => format!("Wrote {path} as it went out ({kb} KB)."),
            Wrote::RecoverySheet => format!("Wrote {path} ({kb} KB). Print it and keep it with the recovery passphrase."),
            Wrote::YearRecord { year, pages } => format!("Wrote the record of {year} to {path} ({pages} pages)."),
            Wrote::BallotPapers { copies } => format!("Numbered and wrote {copies} ballot papers to {path}."),
        };
        writeln!(out, "{line}").map_err(io_error)
    }
}

/// A created group, and the keychain warning under it when there is one.
pub(crate) fn group_created_lines(created: &GroupCreated, home: &GroupHome) -> String {
    let (stakeholder, supplier) = (home.group.settings.stakeholder_seats, home.group.settings.supplier_seats);
    created_lines(
        format!(
            "Created group #{} \u{201c}{}\u{201d} from template {}: {} seats ({stakeholder} stakeholder, {supplier} supplier), {} vacant.",
            created.group.id,
            created.group.name,
            created.group.template,
            home.seats.len(),
            home.vacant_seats
        ),
        created,
    )
}

/// The demo group loaded, and the keychain warning under it when there is one.
pub(crate) fn demo_loaded_lines(created: &GroupCreated, home: &GroupHome) -> String {
    let c = &home.counts;
    created_lines(
        format!(
            "Loaded the demo group #{} \u{201c}{}\u{201d}: {} organisations, {} people, {} meetings, {} of {} seats filled.",
            created.group.id,
            created.group.name,
            c.organisations,
            c.people,
            c.meetings,
            home.seats.len() as u32 - home.vacant_seats,
            home.seats.len()
        ),
        created,
    )
}

/// The rules in force on a day, each with its paragraph, then the rules that do not apply.
pub(crate) fn tor_lines(group: &str, view: &secretariat_api::tor::TorView) -> String {
    let mut text = format!("{group}: the Terms of Reference in force on {}\n", secretariat_rules::uk_date(view.on));
    for line in view.lines.iter().filter(|l| !l.switch) {
        let note = match (line.applies, line.amended_from) {
            (false, _) => " (does not apply)".to_owned(),
            (true, Some(from)) => format!(" (amended from {})", secretariat_rules::uk_date(from)),
            (true, None) => String::new(),
        };
        text.push_str(&format!("  {:<8} {}: {}{note}\n", line.tor.to_string(), line.label, line.described));
    }
    if !view.not_applying.is_empty() {
        text.push_str("Not in the group's Terms of Reference:\n");
        for rule in &view.not_applying {
            text.push_str(&format!("  {:<8} {}\n", rule.tor.to_string(), rule.label));
        }
    }
    let n = view.amendments.len();
    text.push_str(&format!("{n} {} recorded; `secretariat tor --history` lists them.\n", if n == 1 { "amendment" } else { "amendments" }));
    text
}

/// The amendments, in the order they apply: from when, what changed, who agreed it.
pub(crate) fn tor_history_lines(group: &str, amendments: &[secretariat_api::types::AmendmentView]) -> String {
    if amendments.is_empty() {
        return format!("{group}: the Terms of Reference have not been amended.\n");
    }
    let mut text = format!("{group}: amendments of the Terms of Reference\n");
    for a in amendments {
        text.push_str(&format!("  {}  {:<8} {}\n", secretariat_rules::uk_date(a.from), a.tor.to_string(), a.change()));
        if let Some(m) = &a.meeting {
            text.push_str(&format!("      agreed at {}, {}\n", m.title, secretariat_rules::uk_date(m.on)));
        }
        if let Some(d) = &a.decision {
            text.push_str(&format!("      decision of {}: {}\n", secretariat_rules::uk_date(d.decided_on), d.text));
        }
        if !a.note.is_empty() {
            text.push_str(&format!("      note: {}\n", a.note));
        }
    }
    text
}

/// What an amendment changes in the findings, then what was saved.
pub(crate) fn amendment_saved_lines(saved: &secretariat_api::types::AmendmentView, effect: Option<&secretariat_api::types::AmendmentEffect>) -> String {
    let mut text = effect.map(effect_lines).unwrap_or_default();
    text.push_str(&format!("Saved: {} from {} ({}).\n", saved.change(), secretariat_rules::uk_date(saved.from), saved.tor));
    text
}

/// What a save brings or clears in the ToR check, on the day it is judged.
pub(crate) fn effect_lines(effect: &secretariat_api::types::AmendmentEffect) -> String {
    let on = secretariat_rules::uk_date(effect.on);
    let finding = |f: &secretariat_rules::Finding| format!("  {:<8} {:<8} {}\n", f.severity.label().to_uppercase(), f.tor.to_string(), f.message);
    let findings = |n: usize| if n == 1 { "finding" } else { "findings" };
    let mut text = String::new();
    if effect.new.is_empty() && effect.cleared.is_empty() {
        text.push_str(&format!("On {on} the findings are unchanged.\n"));
    }
    if !effect.new.is_empty() {
        text.push_str(&format!("On {on}, {} new {}:\n", effect.new.len(), findings(effect.new.len())));
        effect.new.iter().for_each(|f| text.push_str(&finding(f)));
    }
    if !effect.cleared.is_empty() {
        text.push_str(&format!("On {on}, {} {} cleared:\n", effect.cleared.len(), findings(effect.cleared.len())));
        effect.cleared.iter().for_each(|f| text.push_str(&finding(f)));
    }
    text
}

fn organisation_facts_line(from: Option<chrono::NaiveDate>, techuk: secretariat_rules::TechukStatus, sme: bool, sector: &str) -> String {
    let from = from.map_or_else(|| "as first recorded".to_owned(), |d| format!("from {}", secretariat_rules::uk_date(d)));
    let sector = if sector.is_empty() { String::new() } else { format!(", {sector}") };
    format!("{from}: {}, {}{sector}", techuk.label(), if sme { "SME" } else { "not an SME" })
}

/// A dated status change: its consequences, then what was saved.
pub(crate) fn organisation_status_lines(
    record: &secretariat_api::types::OrganisationRecord,
    from: chrono::NaiveDate,
    effect: &secretariat_api::types::AmendmentEffect,
) -> String {
    let mut text = effect_lines(effect);
    let entry = record.history.iter().rev().find(|e| e.from.is_none_or(|f| f <= from)).expect("a history is never empty");
    text.push_str(&format!("Saved: {} {}.\n", record.input.name, organisation_facts_line(entry.from, entry.techuk_status, entry.sme, &entry.sector)));
    text
}

/// An organisation's facts through time, first entry first.
pub(crate) fn organisation_history_lines(record: &secretariat_api::types::OrganisationRecord) -> String {
    let mut text = format!("{}\n", record.input.name);
    for e in &record.history {
        text.push_str(&format!("  {}\n", organisation_facts_line(e.from, e.techuk_status, e.sme, &e.sector)));
    }
    text
}

fn created_lines(line: String, created: &GroupCreated) -> String {
    let mut text = format!("{line}\n");
    if let Some(warning) = &created.keychain_warning {
        text.push_str(&format!("Note: {warning}\n"));
    }
    text
}

/// What `demo --scale` wrote, and how long it took.
pub(crate) fn scale_lines(r: &secretariat_api::scale::ScaleReport, (groups, years, seed): (u32, u32, u64), seconds: f64) -> String {
    format!(
        "Wrote {groups} synthetic groups ({years} years each, seed {seed}) in {seconds:.1} s: {} organisations, {} people, {} meetings \
                     ({} agenda items, {} papers), {} attendance rows, {} actions ({} open), {} decisions, {} elections declared \
                     ({} returned papers) and {} open, {} sub-groups.\n",
        r.organisations,
        r.people,
        r.meetings,
        r.agenda_items,
        r.papers,
        r.attendance_rows,
        r.actions,
        r.open_actions,
        r.decisions,
        r.declared_elections,
        r.returned_papers,
        r.open_elections,
        r.subgroups
    )
}

/// Where the data is, that it is encrypted, and each group's seats; or how to create a database.
pub(crate) fn status_lines(status: &Status) -> String {
    if !status.database_exists {
        return format!(
            "Data folder: {}\nDatabase:    none yet. Create one with `secretariat init --group NAME` (or start the window and create a working group).\n",
            status.data_dir
        );
    }
    let encryption = if status.encrypted { format!("encrypted, {}", status.cipher) } else { "NOT ENCRYPTED".into() };
    let mut text = format!(
        "Data folder: {}\nDatabase:    {} ({encryption})\nKey file:    {}\nGroups:      {}\n",
        status.data_dir,
        status.database_file,
        status.key_file,
        status.groups.len()
    );
    for g in &status.groups {
        text.push_str(&format!(
            "  #{} {} ({}): {} seats, {} vacant; {} organisations, {} people, {} meetings\n",
            g.id, g.name, g.template, g.seats, g.vacant_seats, g.counts.organisations, g.counts.people, g.counts.meetings
        ));
    }
    text
}

/// Each group's counts of findings, then the findings.
pub(crate) fn check_lines(results: &[(GroupSummary, Compliance)]) -> String {
    let mut text = String::new();
    for (group, c) in results {
        text.push_str(&format!(
            "{} on {}: {} {}, {} {}, {} {}\n",
            group.name,
            secretariat_rules::uk_date(c.on),
            c.breaches,
            if c.breaches == 1 { "breach" } else { "breaches" },
            c.warnings,
            if c.warnings == 1 { "warning" } else { "warnings" },
            c.notices,
            if c.notices == 1 { "notice" } else { "notices" },
        ));
        for f in &c.findings {
            let when = f.when().map(|w| format!(" ({w})")).unwrap_or_default();
            text.push_str(&format!("  {:<8} {:<8} {}{when}\n", f.severity.label().to_uppercase(), f.tor.to_string(), f.message));
        }
    }
    text
}

/// An import's problems, then what was (or would be) imported.
pub(crate) fn import_lines(preview: &ImportPreview, dry_run: bool) -> String {
    let what = match preview.kind {
        RegisterKind::People => "people",
        RegisterKind::Organisations => "organisations",
    };
    let mut text = String::new();
    for e in &preview.file_errors {
        text.push_str(&format!("{e}\n"));
    }
    for row in preview.rows.iter().filter(|r| !r.errors.is_empty()) {
        text.push_str(&format!("line {}: {}: {}\n", row.line, if row.name.is_empty() { "(no name)" } else { &row.name }, row.errors.join("; ")));
    }
    let problems = preview.rows.len() - preview.valid_rows as usize;
    text.push_str(&if preview.saved {
        format!("Imported {} {what}.\n", preview.valid_rows)
    } else if problems > 0 || !preview.file_errors.is_empty() {
        format!("Nothing was imported: {problems} of {} rows have problems.\n", preview.rows.len())
    } else if dry_run {
        format!("{} {what} would be imported; nothing was saved (--dry-run).\n", preview.valid_rows)
    } else {
        String::new()
    });
    text
}

/// The meetings, one line each, with where each pack's publication stands (ToR §20).
pub(crate) fn meeting_lines(rows: &[MeetingRow]) -> String {
    let mut text = String::new();
    for r in rows {
        let m = &r.meeting;
        text.push_str(&format!(
            "#{:<4} {}  {}–{}  {}  [{} items, {} papers; pack {}]\n",
            m.id,
            m.starts_at.format("%Y-%m-%d"),
            m.starts_at.format("%H:%M"),
            m.ends_at.format("%H:%M"),
            m.title,
            m.items,
            m.papers,
            publication_words(&r.publication, r.deadline)
        ));
    }
    text
}

fn publication_words(p: &secretariat_rules::meetings::Publication, deadline: chrono::NaiveDate) -> String {
    use secretariat_rules::meetings::Publication;
    let due = secretariat_rules::uk_date(deadline);
    match p {
        Publication::Published { on, late } => format!("published {}{}", secretariat_rules::uk_date(*on), if *late { ", late" } else { "" }),
        Publication::OnTrack { days_left } => format!("due {due}, in {days_left} days"),
        Publication::DueToday => "due today".into(),
        Publication::Late { days_late } => format!("LATE: due {due}, {days_late} days ago"),
        Publication::Past => "not published".into(),
    }
}

/// A meeting added, with its agenda and when its pack is due.
pub(crate) fn meeting_added_lines(page: &MeetingPage) -> String {
    let m = &page.detail.meeting;
    format!(
        "Added meeting #{} on {}, {} agenda items; the pack is due {} (ToR §20).\n",
        m.id,
        secretariat_rules::uk_date(m.starts_at.date()),
        page.detail.items.len(),
        secretariat_rules::uk_date(page.deadline)
    )
}

/// The sub-groups, one line each, then the report-backs awaited (ToR §18).
pub(crate) fn subgroup_lines(view: &secretariat_api::subgroups::SubgroupsView) -> String {
    use secretariat_rules::tor::s18_subgroups::ReportBackState;
    use secretariat_rules::uk_date;
    let count = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = String::new();
    for s in &view.subgroups {
        let lead = s.lead.as_deref().map_or_else(|| "NO LEAD (ToR §18)".to_owned(), |l| format!("lead {l}"));
        let state = match (&s.closed_on, &s.closed_reason) {
            (Some(on), Some(reason)) => format!("closed {}: {reason}", uk_date(*on)),
            _ => format!("since {}", uk_date(s.start)),
        };
        text.push_str(&format!(
            "#{:<4} {} — {lead}; {}, {}; {state}\n",
            s.id,
            s.name,
            count(s.members, "member", "members"),
            count(s.invitees, "invited individual", "invited individuals"),
        ));
    }
    for row in &view.awaited {
        let r = &row.report_back;
        let label = if row.state == ReportBackState::Overdue { "OVERDUE" } else { "due" };
        text.push_str(&format!("Report-back {label}: {} — {}, at the meeting of {}\n", r.subgroup, r.topic, uk_date(r.due.starts_at.date())));
    }
    if text.is_empty() {
        text.push_str("No sub-groups yet.\n");
    }
    text
}

/// The work registers, one line an entry, then what needs the secretariat (ToR §3, §5).
pub(crate) fn work_lines(view: &secretariat_api::work::WorkView) -> String {
    use secretariat_rules::uk_date;
    let mut text = String::new();
    for e in &view.entries {
        let mut details = vec![format!("{} {}", e.kind.singular(), uk_date(e.opened_on))];
        if !e.source.is_empty() {
            details.push(e.source.clone());
        }
        if let Some(deadline) = e.deadline {
            details.push(format!("deadline {}", uk_date(deadline)));
        }
        if let Some(owner) = &e.owner {
            details.push(format!("owner {owner}"));
        }
        if let Some(subgroup) = &e.subgroup {
            details.push(format!("sub-group {subgroup}"));
        }
        if e.confidential {
            details.push("in confidence".to_owned());
        }
        text.push_str(&format!("#{:<4} [{}] {} — {} ({})\n", e.id, e.status.label(), e.title, details.join("; "), e.tor));
    }
    for need in &view.needs {
        text.push_str(&format!("Needs the secretariat: {} ({})\n", need.message, need.tor));
    }
    if text.is_empty() {
        text.push_str("No work recorded yet.\n");
    }
    text
}

/// The elections, one line each, then the seats to fill (ToR §14).
pub(crate) fn elections_lines(view: &secretariat_api::elections::ElectionsView) -> String {
    let mut text = String::new();
    for e in &view.elections {
        text.push_str(&format!(
            "#{:<4} {}  {}  [{:?}; {} standing for {} seat{}]\n",
            e.id,
            e.call_issued_on,
            e.title,
            e.state,
            e.standing,
            e.seats,
            if e.seats == 1 { "" } else { "s" }
        ));
    }
    for v in &view.vacancies {
        text.push_str(&format!("Vacancy: {} — {}\n", v.title, v.reason));
    }
    if text.is_empty() {
        text.push_str("No elections, and no seats to fill.\n");
    }
    text
}

/// A count of a BLT file: its title and seats, each stage's totals, ties decided by lot, the elected.
pub(crate) fn tally_lines(election: &secretariat_rules::elections::Election, result: &secretariat_rules::elections::Count) -> String {
    let mut text = format!("{}\n{} seat{}; ", election.title, election.seats, if election.seats == 1 { "" } else { "s" });
    text.push_str(&format!("valid votes {}", result.valid_votes));
    if let Some(quota) = result.quota {
        text.push_str(&format!("; quota {quota}"));
    }
    text.push('\n');
    for stage in &result.stages {
        text.push_str(&format!("Stage {}: {}\n", stage.number, stage.description));
        for (i, name) in result.candidates.iter().enumerate() {
            text.push_str(&format!("  {:<32} {:>14}  {}\n", name, stage.totals[i].to_string(), secretariat_api::elections::state_words(stage.states[i])));
        }
        text.push_str(&format!("  {:<32} {:>14}\n", "Non-transferable", stage.non_transferable.to_string()));
    }
    for tie in &result.ties {
        text.push_str(&format!("{}\n", secretariat_api::elections::tie_words(tie, &result.candidates)));
    }
    let elected: Vec<&str> = result.elected.iter().map(|&i| result.candidates[i].as_str()).collect();
    text.push_str(&format!("Elected: {}\n", elected.join(", ")));
    text
}

/// The record as lines: date, kind and title, then how it went out; a kept copy with its number.
pub(crate) fn archive_lines(record: &[ArchivedDocument]) -> String {
    if record.is_empty() {
        return "Nothing in the record yet.\n".into();
    }
    let mut text = String::new();
    for d in record {
        let on = d.on.map_or_else(|| d.year.to_string(), secretariat_rules::uk_date);
        text.push_str(&format!("{on:<16} {:<22} {}\n", d.kind_label, d.title));
        // Only a kept copy has a number to ask for; every other kind of document is listed without one.
        let kept = match d.record_id.filter(|_| d.kind == DocumentKind::KeptCopy) {
            Some(n) => format!(" [kept copy {n}: secretariat documents --kept {n} -o FILE]"),
            None => String::new(),
        };
        text.push_str(&format!("{:16} {}{kept}\n", "", d.detail));
    }
    text
}

/// An erasure, done or as it would be: what is deleted, redacted and kept.
pub(crate) fn erasure_lines(erasure: &secretariat_store::Erasure, done: bool) -> String {
    let mut text = if done {
        format!("Erased {}: the record is now \u{201c}{}\u{201d}.\n", erasure.name, erasure.erased_name)
    } else {
        format!("Erasing {} would keep the record as \u{201c}{}\u{201d}, and:\n", erasure.name, erasure.erased_name)
    };
    for (heading, lines) in [("Deleted", &erasure.deleted), ("Redacted", &erasure.redacted), ("Kept", &erasure.kept)] {
        if lines.is_empty() {
            continue;
        }
        text.push_str(&format!("{heading}:\n"));
        for line in lines.iter() {
            if line.count > 0 {
                text.push_str(&format!("  {:>4}  {}\n", line.count, line.what));
            } else {
                text.push_str(&format!("        {}\n", line.what));
            }
        }
    }
    text
}

/// An erasure or its dry run, then the backup taken first (or that nothing changed).
pub(crate) fn erased_lines(result: &secretariat_api::privacy::ErasureResult) -> String {
    let mut text = erasure_lines(&result.erasure, result.erasure.committed);
    match &result.backup {
        Some(backup) => text.push_str(&format!(
            "A backup was taken first ({backup}). It and older backups in {} still hold {}'s data until rotation removes them.\n",
            result.backup_folder, result.erasure.name
        )),
        None => text.push_str("Nothing was changed (dry run).\n"),
    }
    text
}

/// The retention schedule's dry run: each category, what is due in it, and what the total means.
pub(crate) fn retention_due_lines(group: &str, report: &secretariat_rules::retention::RetentionReport) -> String {
    let mut text = retention_lines(group, report);
    text.push_str(&match report.total() {
        0 => "Nothing is due for purging.\n".to_owned(),
        n => format!("{n} records are due. `secretariat retention --purge --yes` removes them, after a backup.\n"),
    });
    text
}

/// A purge: what it removed, and the backup that still holds it.
pub(crate) fn purged_lines(group: &str, purged: &secretariat_api::retention::RetentionPurged) -> String {
    format!("{}Removed {} records. The backup taken first, {}, still holds them.\n", retention_lines(group, &purged.purged), purged.removed, purged.backup)
}

fn retention_lines(group: &str, report: &secretariat_rules::retention::RetentionReport) -> String {
    let mut text = format!("Retention for {group} on {}\n", secretariat_rules::uk_date(report.on));
    for section in &report.sections {
        text.push_str(&format!("\n{} ({}): ", section.title, section.period));
        if section.due.is_empty() {
            text.push_str("nothing due\n");
        } else {
            text.push_str(&format!("{} due\n", plural_records(section.total)));
            for item in &section.due {
                text.push_str(&format!("  {} — {} (due {})\n", item.label, plural_records(item.count), secretariat_rules::uk_date(item.due_on)));
            }
        }
        text.push_str(&format!("  Removes: {}\n  Keeps: {}\n", section.removes, section.keeps));
    }
    text.push('\n');
    text
}

fn plural_records(n: u32) -> String {
    format!("{n} {}", if n == 1 { "record" } else { "records" })
}

/// A backup written to a file of the user's choosing.
pub(crate) fn backed_up_to_lines(file: &Path) -> String {
    format!("Backed up to {} (checked).\n", file.display())
}

/// A backup into the backup folder, and what rotation removed.
pub(crate) fn backup_made_lines(made: &secretariat_store::BackupMade) -> String {
    let mut text = format!("Backed up to {} ({} KB, checked).\n", made.backup.path, made.backup.bytes.div_ceil(1024));
    if !made.removed.is_empty() {
        text.push_str(&format!("Rotation removed {}.\n", made.removed.join(", ")));
    }
    text
}

/// The backup folder and the backups in it, newest first.
pub(crate) fn backups_lines(view: &secretariat_api::backups::BackupsView) -> String {
    let mut text = format!("Backup folder: {}{}\n", view.folder, if view.default_folder { " (the default)" } else { "" });
    for row in &view.backups {
        text.push_str(&format!(
            "  {}  {}  {:>6} KB{}\n",
            row.made_local.format("%Y-%m-%d %H:%M"),
            row.file.name,
            row.file.bytes.div_ceil(1024),
            if row.file.before_migration { "  (before an upgrade)" } else { "" }
        ));
    }
    if view.backups.is_empty() {
        text.push_str("  No backups yet: `secretariat backup` makes one.\n");
    }
    text
}

/// A restore, and where the database that was in use is kept.
pub(crate) fn restored_lines(restored: &secretariat_store::Restored) -> String {
    let mut text = format!("Restored {}.\n", restored.restored_from);
    if let Some(aside) = &restored.set_aside {
        text.push_str(&format!("The database that was in use is kept as {aside}.\n"));
    }
    text
}

/// What `verify` found: each check, ok or its first problem.
pub(crate) fn verify_lines(report: &secretariat_store::VerifyReport) -> String {
    let line = |problems: &[String]| if problems.is_empty() { "ok".to_owned() } else { format!("{} problem(s): {}", problems.len(), problems[0]) };
    let audit = &report.audit;
    let chain = match &audit.first_broken {
        None => "chain intact".to_owned(),
        Some(b) => format!("BROKEN at row {}: {}", b.seq, b.reason),
    };
    let legacy = if audit.legacy_rows > 0 { format!(" ({} from before the chain, not checked)", audit.legacy_rows) } else { String::new() };
    let mut text = format!(
        "Integrity check:   {}\nEncrypted pages:   {}\nAudit log:         {} rows{legacy}, {chain}\n",
        line(&report.integrity_problems),
        line(&report.cipher_problems),
        audit.rows,
    );
    if let Some(note) = audit.note() {
        text.push_str(&format!("                   {note}\n"));
    }
    text.push_str(&format!("Email addresses:   {}\n", line(&report.bad_email_addresses)));
    text
}

/// "Nominations for … closed on …: 3 nominees standing." and what comes next.
pub(crate) fn nominations_closed_lines(page: &secretariat_api::elections::ElectionPage) -> String {
    let s = &page.record.summary;
    let standing = page.record.nominations.iter().filter(|n| n.withdrawn_on.is_none()).count();
    format!(
        "Nominations for \u{201c}{}\u{201d} closed on {}: {standing} nominee{} standing.\nNext: {}\n",
        s.title,
        secretariat_rules::uk_date(s.nominations_close),
        if standing == 1 { "" } else { "s" },
        page.next_step
    )
}
