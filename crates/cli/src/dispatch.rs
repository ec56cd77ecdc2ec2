//! Running a command: [`run`] has one arm per [`Command`], each a call on the api's
//! [`Session`] and a rendering from [`crate::print`]; [`run_headless`] wraps it for the
//! binary with a runtime, a session from the environment and the exit status.

use crate::args::*;
use crate::print::{self, Wrote, print_json, print_text, write_file};
use secretariat_api::GroupSummary;
use secretariat_api::documents::{Document, ElectionDocument};
use secretariat_api::types::{Compliance, DocumentKind};
use secretariat_api::{ApiError, ErrorKind, Session, SessionConfig};
use std::io::Write;
use std::path::PathBuf;

/// Runs one command headless against a real configuration and returns the exit code.
pub fn run_headless(data_dir: Option<PathBuf>, command: Command) -> i32 {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a tokio runtime");
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr().lock());
    runtime.block_on(async {
        let session = match SessionConfig::from_env(data_dir) {
            Ok(config) => Session::new(config),
            Err(error) => {
                report(&error, &mut stderr);
                return 1;
            }
        };
        let failure_code = if matches!(command, Command::Check(_)) { 3 } else { 1 };
        let result = run(&session, command, &mut stdout).await;
        session.close().await;
        match result {
            Ok(code) => code,
            Err(error) => {
                report(&error, &mut stderr);
                failure_code
            }
        }
    })
}

fn report(error: &ApiError, stderr: &mut dyn Write) {
    // One line, so scripts can show it as it is.
    let line = error.message.replace('\n', " ");
    let _ = writeln!(stderr, "secretariat: {line}");
}

/// Runs one command on a session, writing what it reports to `out`; returns the exit code.
pub async fn run(session: &Session, command: Command, out: &mut dyn Write) -> Result<i32, ApiError> {
    // Most commands exit 0 when they succeed; `check`, `import` and `verify` say what they found.
    match command {
        Command::Init(args) => init(session, args, out).await.map(|()| 0),
        Command::Demo(args) => demo(session, args, out).await.map(|()| 0),
        Command::Rules(RulesCommand::Export { group, output }) => rules_export(session, group, output, out).await.map(|()| 0),
        Command::Status(flag) => status(session, flag, out).await.map(|()| 0),
        Command::Check(args) => check(session, args, out).await,
        Command::Import(args) => import(session, args, out).await,
        Command::Export(args) => export(session, args, out).await.map(|()| 0),
        Command::Organisation(OrganisationCommand::Status(args)) => organisation_status(session, args, out).await.map(|()| 0),
        Command::Organisation(OrganisationCommand::History { organisation, group, json }) => {
            organisation_history(session, &organisation, group, json, out).await.map(|()| 0)
        }
        Command::Membership(args) => membership(session, args, out).await.map(|()| 0),
        Command::Tor(args) => tor(session, args, out).await.map(|()| 0),
        Command::Meeting(MeetingCommand::List { group, json }) => meeting_list(session, group, json, out).await.map(|()| 0),
        Command::Meeting(MeetingCommand::Add(args)) => meeting_add(session, args, out).await.map(|()| 0),
        Command::Agenda(args) => meeting_document(session, args, DocumentKind::Agenda, out).await.map(|()| 0),
        Command::Pack(args) => meeting_document(session, args, DocumentKind::AgendaPack, out).await.map(|()| 0),
        Command::Circulate(args) => meeting_document(session, args, DocumentKind::CirculationDraft, out).await.map(|()| 0),
        Command::Ics(args) => ics(session, args, out).await.map(|()| 0),
        Command::Subgroups { group, json } => subgroups(session, group, json, out).await.map(|()| 0),
        Command::Roster(args) => roster(session, args, out).await.map(|()| 0),
        Command::Work(args) => work(session, args, out).await.map(|()| 0),
        Command::Digest(args) => digest(session, args, out).await.map(|()| 0),
        Command::Elections { group, json } => elections(session, group, json, out).await.map(|()| 0),
        Command::CloseNominations(args) => close_nominations(session, args, out).await.map(|()| 0),
        Command::Ballots(args) => ballots(session, args, out).await.map(|()| 0),
        Command::Result(args) => election_document(session, args, ElectionDocument::Result, out).await.map(|()| 0),
        Command::Blt(args) => election_document(session, args, ElectionDocument::Blt, out).await.map(|()| 0),
        Command::Minutes(args) => meeting_document(session, args, DocumentKind::Minutes, out).await.map(|()| 0),
        Command::Attendance(args) => attendance(session, args, out).await.map(|()| 0),
        Command::Record(args) => record(session, args, out).await.map(|()| 0),
        Command::Actions(args) => actions(session, args, out).await.map(|()| 0),
        Command::Documents(args) => documents(session, args, out).await.map(|()| 0),
        Command::Tally(args) => tally(args, out).map(|()| 0),
        Command::Backup(args) => backup(session, args, out).await.map(|()| 0),
        Command::Backups(args) => backups(session, args, out).await.map(|()| 0),
        Command::Restore(args) => restore(session, args, out).await.map(|()| 0),
        Command::Verify(flag) => verify(session, flag, out).await,
        Command::RecoverySheet(args) => recovery_sheet(session, args, out).await.map(|()| 0),
        Command::Retention(args) => retention(session, args, out).await.map(|()| 0),
        Command::SubjectAccess(args) => subject_access(session, args, out).await.map(|()| 0),
        Command::Erase(args) => erase(session, args, out).await.map(|()| 0),
    }
}

/// The group a command acts on: by id or name, or the only one there is.
async fn resolve_group(session: &Session, wanted: Option<&str>) -> Result<GroupSummary, ApiError> {
    let groups = session.groups().await?;
    match wanted {
        Some(wanted) => groups
            .into_iter()
            .find(|g| g.id.to_string() == wanted || g.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| ApiError::invalid("group", format!("There is no group '{wanted}'; `secretariat status` lists them."))),
        None => match groups.len() {
            1 => Ok(groups.into_iter().next().expect("one group")),
            0 => Err(ApiError::new(ErrorKind::NotFound, "There are no groups yet; create one with `secretariat init`.")),
            n => Err(ApiError::invalid(
                "group",
                format!(
                    "There are {n} groups; choose one with --group ({}).",
                    groups.iter().map(|g| format!("{} = {}", g.id, g.name)).collect::<Vec<_>>().join(", ")
                ),
            )),
        },
    }
}

async fn init(session: &Session, args: InitArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let shape = match &args.rules {
        Some(path) => Some(session.read_rules_file(path).await?),
        None => None,
    };
    let request = secretariat_api::types::CreateGroupRequest { name: args.group, template: args.template, shape, ..Default::default() };
    let created = session.create_group(request).await?;
    let home = session.group_home(created.group.id).await?;
    if args.json {
        return print_json(out, &created);
    }
    print_text(out, &print::group_created_lines(&created, &home))
}

/// The group's rules file: its rules in force today and its seats.
async fn rules_export(session: &Session, group: GroupArg, output: Option<PathBuf>, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, group.group.as_deref()).await?;
    let file = session.rules_file(secretariat_api::contract::OfGroup { group_id: group.id }).await?;
    match output {
        None => print_text(out, &file.text),
        Some(path) => write_file(&path, file.text.as_bytes())?.report(out, Wrote::Path),
    }
}

/// The demo group, or with --scale the synthetic groups for measuring (progress on stderr).
async fn demo(session: &Session, args: DemoArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let DemoArgs { scale, years, seed, json } = args;
    match scale {
        Some(groups) => {
            let options = secretariat_api::scale::ScaleOptions { groups, years, seed };
            let started = std::time::Instant::now();
            let report = session.load_scale(options, &mut |line| eprintln!("{line}")).await?;
            let seconds = started.elapsed().as_secs_f64();
            if json {
                return print_json(out, &report);
            }
            print_text(out, &print::scale_lines(&report, (groups, years, seed), seconds))
        }
        None => {
            let created = session.load_demo(Default::default()).await?;
            let home = session.group_home(created.group.id).await?;
            if json {
                return print_json(out, &created);
            }
            print_text(out, &print::demo_loaded_lines(&created, &home))
        }
    }
}

/// A dated status change: its consequences under the ToR first, then what was saved.
async fn organisation_status(session: &Session, args: OrganisationStatusArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let organisation_id = session.find_organisation(group.id, &args.organisation).await?;
    let request =
        secretariat_api::types::ChangeOrganisationStatus { group_id: group.id, organisation_id, techuk_status: args.status, sme: args.sme, from: args.from };
    let effect = session.preview_organisation_status(request.clone()).await?;
    let record = session.change_organisation_status(request).await?;
    if args.json {
        return print_json(out, &serde_json::json!({ "consequences": effect, "organisation": record }));
    }
    print_text(out, &print::organisation_status_lines(&record, args.from, &effect))
}

async fn organisation_history(session: &Session, organisation: &str, group: GroupArg, json: bool, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, group.group.as_deref()).await?;
    let id = session.find_organisation(group.id, organisation).await?;
    let record = session.organisation(group.id, id).await?;
    if json {
        return print_json(out, &record);
    }
    print_text(out, &print::organisation_history_lines(&record))
}

async fn status(session: &Session, flag: JsonFlag, out: &mut dyn Write) -> Result<(), ApiError> {
    let status = session.status().await?;
    if flag.json {
        return print_json(out, &status);
    }
    print_text(out, &print::status_lines(&status))
}

/// Exit status: 2 when there is a breach, 1 when only warnings or notices, 0 when nothing is found.
async fn check(session: &Session, args: CheckArgs, out: &mut dyn Write) -> Result<i32, ApiError> {
    let groups = match &args.group {
        Some(_) => vec![resolve_group(session, args.group.as_deref()).await?],
        None => session.groups().await?,
    };
    let mut results: Vec<(GroupSummary, Compliance)> = Vec::new();
    for group in groups {
        let compliance = session.compliance(group.id, args.on).await?;
        results.push((group, compliance));
    }
    let code = if results.iter().any(|(_, c)| c.breaches > 0) {
        2
    } else if results.iter().any(|(_, c)| !c.findings.is_empty()) {
        1
    } else {
        0
    };
    if args.json {
        let value: Vec<_> = results.iter().map(|(g, c)| serde_json::json!({ "group": g, "compliance": c })).collect();
        print_json(out, &value)?;
        return Ok(code);
    }
    print_text(out, &print::check_lines(&results))?;
    Ok(code)
}

/// Exit status: 1 when any row (or the file) has a problem, and then nothing is saved.
async fn import(session: &Session, args: ImportArgs, out: &mut dyn Write) -> Result<i32, ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let csv = std::fs::read_to_string(&args.file).map_err(|e| ApiError::invalid("file", format!("Could not read {}: {e}", args.file.display())))?;
    let request = secretariat_api::types::ImportRequest { group_id: group.id, kind: args.register.into(), csv };
    let preview = session.preview_import(request.clone()).await?;
    let can_save = preview.file_errors.is_empty() && preview.valid_rows as usize == preview.rows.len();
    let result = if can_save && !args.dry_run { session.import(request).await? } else { preview };
    if args.json {
        print_json(out, &result)?;
    } else {
        print_text(out, &print::import_lines(&result, args.dry_run))?;
    }
    Ok(if result.file_errors.is_empty() && result.valid_rows as usize == result.rows.len() { 0 } else { 1 })
}

async fn export(session: &Session, args: ExportArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let csv = session.export(group.id, args.register.into()).await?;
    match args.output {
        None => print_text(out, &csv),
        // Written without a word, as it is to standard output.
        Some(path) => write_file(&path, csv.as_bytes()).map(|_written| ()),
    }
}

async fn membership(session: &Session, args: MembershipArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let made = session.make_document(group.id, Document::MembershipReport { on: args.on }).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::Size)
}

/// The rules in force on a day, the amendments, the consolidated PDF, or an amendment.
async fn tor(session: &Session, args: TorArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    if let Some(TorCommand::Amend(amend)) = args.command {
        return tor_amend(session, amend, out).await;
    }
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    if let Some(output) = &args.output {
        let made = session.make_document(group.id, Document::TermsOfReference { on: args.on }).await?;
        return write_file(output, &made.bytes)?.report(out, Wrote::Size);
    }
    let view = session.tor(group.id, args.on).await?;
    match (args.history, args.json) {
        (true, true) => print_json(out, &view.amendments),
        (true, false) => print_text(out, &print::tor_history_lines(&group.name, &view.amendments)),
        (false, true) => print_json(out, &view),
        (false, false) => print_text(out, &print::tor_lines(&group.name, &view)),
    }
}

/// An amendment from the command line: the same preview and checks as the window, then saved.
async fn tor_amend(session: &Session, args: TorAmendArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    use secretariat_api::tor::AmendTor;
    use secretariat_api::types::{AmendmentInput, TorSetting};
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let setting = TorSetting::parse(args.setting.trim()).ok_or_else(|| {
        let keys: Vec<&str> = TorSetting::ALL.iter().map(|s| s.key()).collect();
        ApiError::invalid("setting", format!("There is no setting '{}'; choose one of {}.", args.setting, keys.join(", ")))
    })?;
    let value = setting.parse_value(&args.value).map_err(|e| ApiError::invalid(e.field, e.message))?;
    let meeting_id = match &args.meeting {
        Some(meeting) => Some(session.find_meeting(group.id, meeting).await?),
        None => None,
    };
    let input = AmendmentInput { setting, value, from: args.from, meeting_id, decision_id: args.decision, note: args.note };
    let request = AmendTor { group_id: group.id, input };
    let preview = session.preview_amendment(request.clone()).await?;
    if let Some(problem) = preview.problem {
        return Err(problem);
    }
    let view = session.amend_tor(request).await?;
    let saved = view.amendments.iter().max_by_key(|a| a.id).ok_or_else(|| ApiError::new(ErrorKind::Internal, "the amendment was not saved"))?;
    if args.json {
        return print_json(out, &serde_json::json!({ "amendment": saved, "effect": preview.effect }));
    }
    print_text(out, &print::amendment_saved_lines(saved, preview.effect.as_ref()))
}

async fn meeting_list(session: &Session, group: GroupArg, json: bool, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, group.group.as_deref()).await?;
    let rows = session.meeting_rows(group.id).await?;
    if json {
        return print_json(out, &rows);
    }
    print_text(out, &print::meeting_lines(&rows))
}

async fn meeting_add(session: &Session, args: MeetingAddArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let page = session
        .save_meeting(secretariat_api::types::SaveMeeting {
            group_id: group.id,
            id: None,
            input: secretariat_store::MeetingInput {
                title: args.title,
                starts_at: args.date.and_time(args.start),
                ends_at: args.date.and_time(args.end),
                venue: args.venue,
                online_link: args.link,
                compulsory: !args.not_compulsory,
            },
        })
        .await?;
    if args.json {
        return print_json(out, &page.detail.meeting);
    }
    print_text(out, &print::meeting_added_lines(&page))
}

/// A meeting's agenda, pack, minutes or circulation draft; circulating also marks the pack published.
async fn meeting_document(session: &Session, args: MeetingDocArgs, kind: DocumentKind, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let meeting = session.find_meeting(group.id, &args.meeting).await?;
    let made = session.make_document(group.id, Document::of(kind, Some(meeting))?).await?;
    let written = write_file(&args.output, &made.bytes)?;
    if kind == DocumentKind::CirculationDraft {
        session.mark_published(group.id, meeting).await?;
    }
    written.report(out, Wrote::SizeAndPages(made.pages))
}

async fn ics(session: &Session, args: IcsArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let document = match &args.meeting {
        Some(name) => Document::MeetingInvite { meeting_id: session.find_meeting(group.id, name).await? },
        None => Document::SeriesCalendar,
    };
    let made = session.make_document(group.id, document).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::Path)
}

async fn subgroups(session: &Session, group: GroupArg, json: bool, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, group.group.as_deref()).await?;
    let view = session.subgroups_view(group.id).await?;
    if json {
        return print_json(out, &serde_json::json!({ "subgroups": view.subgroups, "report_backs_awaited": view.awaited }));
    }
    print_text(out, &print::subgroup_lines(&view))
}

async fn roster(session: &Session, args: SubgroupDocArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let subgroup = session.find_subgroup(group.id, &args.subgroup).await?;
    let made = session.make_document(group.id, Document::SubgroupRoster { subgroup_id: subgroup }).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::Size)
}

async fn work(session: &Session, args: WorkArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let view = session.work_view(group.id, args.kind).await?;
    if args.json {
        return print_json(out, &serde_json::json!({ "entries": view.entries, "needs": view.needs }));
    }
    print_text(out, &print::work_lines(&view))
}

/// The digest as a PDF, or as an email draft carrying it when the file ends in `.eml`.
async fn digest(session: &Session, args: DigestArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let eml = args.output.extension().is_some_and(|e| e.eq_ignore_ascii_case("eml"));
    let made = session.digest_document(secretariat_api::work::DigestRequest { group_id: group.id, from: args.from, to: args.to, eml }).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::Size)
}

async fn elections(session: &Session, group: GroupArg, json: bool, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, group.group.as_deref()).await?;
    let view = session.elections_view(group.id).await?;
    if json {
        return print_json(out, &view);
    }
    print_text(out, &print::elections_lines(&view))
}

/// Closes nominations before the date in the call, for a reason (issue #18).
async fn close_nominations(session: &Session, args: CloseNominationsArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let election_id = session.find_election(group.id, &args.election).await?;
    let on = args.on.unwrap_or_else(|| session.today());
    let request = secretariat_api::elections::CloseNominations { group_id: group.id, election_id, on, reason: args.reason };
    let page = session.close_nominations_early(request).await?;
    print_text(out, &print::nominations_closed_lines(&page))
}

/// Numbers a print run of ballot papers, then writes it.
async fn ballots(session: &Session, args: BallotsArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let election = session.find_election(group.id, &args.election).await?;
    session.print_ballots(group.id, election, args.copies).await?;
    let made = session.make_document(group.id, Document::Election { election_id: election, document: ElectionDocument::BallotPapers }).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::BallotPapers { copies: args.copies })
}

/// An election's result or BLT file.
async fn election_document(session: &Session, args: ElectionDocArgs, document: ElectionDocument, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let election = session.find_election(group.id, &args.election).await?;
    let made = session.make_document(group.id, Document::Election { election_id: election, document }).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::Size)
}

async fn attendance(session: &Session, args: AttendanceArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let made = session.make_document(group.id, Document::AttendanceReport { year: args.year }).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::Size)
}

async fn record(session: &Session, args: RecordArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let made = session.make_document(group.id, Document::YearRecord { year: args.year }).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::YearRecord { year: args.year, pages: made.pages.unwrap_or_default() })
}

async fn actions(session: &Session, args: ActionsArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let made = session.make_document(group.id, Document::ActionLog).await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::Size)
}

/// The group's record, or (with --kept N -o FILE) kept copy N exactly as it went out.
async fn documents(session: &Session, args: DocumentsArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    if let (Some(copy), Some(output)) = (args.kept, &args.output) {
        let made = session.make_document(group.id, Document::KeptCopy { copy_id: copy }).await?;
        return write_file(output, &made.bytes)?.report(out, Wrote::AsItWentOut);
    }
    let record: Vec<_> = session.document_archive(group.id).await?.into_iter().filter(|d| args.year.is_none_or(|y| d.year == y)).collect();
    if args.json {
        return print_json(out, &serde_json::json!({ "documents": record }));
    }
    print_text(out, &print::archive_lines(&record))
}

/// Counts a BLT file with no database.
fn tally(args: TallyArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    use secretariat_rules::elections::{SeededLot, count, parse_blt};
    let text = std::fs::read_to_string(&args.file).map_err(|e| ApiError::invalid("file", format!("Could not read {}: {e}", args.file.display())))?;
    let blt = parse_blt(&text).map_err(|e| ApiError::invalid("file", format!("{}: {e}", args.file.display())))?;
    let mut election = blt.to_election();
    if let Some(seats) = args.seats {
        election.seats = seats;
    }
    let result = count(args.method.into(), &election, &mut SeededLot(args.seed)).map_err(|e| ApiError::invalid("file", e.to_string()))?;
    if args.json {
        return print_json(out, &result);
    }
    print_text(out, &print::tally_lines(&election, &result))
}

async fn backup(session: &Session, args: BackupArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    if let Some(file) = args.output {
        session.back_up_to(&file).await?;
        if args.json {
            return print_json(out, &serde_json::json!({ "path": file }));
        }
        return print_text(out, &print::backed_up_to_lines(&file));
    }
    let made = session.back_up_now().await?;
    if args.json {
        return print_json(out, &made);
    }
    print_text(out, &print::backup_made_lines(&made))
}

async fn backups(session: &Session, args: BackupsArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let view = if args.set_folder.is_some() || args.default_folder {
        let folder = args.set_folder.map(|f| f.display().to_string());
        session.set_backup_folder(secretariat_api::backups::SetBackupFolder { folder }).await?
    } else {
        session.backups().await?
    };
    if args.json {
        return print_json(out, &view);
    }
    print_text(out, &print::backups_lines(&view))
}

async fn restore(session: &Session, args: RestoreArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let restored = session.restore(&args.file).await?;
    print_text(out, &print::restored_lines(&restored))
}

/// Prints what `verify` found; a problem is also the command's error, so it exits 1 naming it.
async fn verify(session: &Session, flag: JsonFlag, out: &mut dyn Write) -> Result<i32, ApiError> {
    let report = session.verify().await?;
    if flag.json {
        print_json(out, &report)?;
    } else {
        print_text(out, &print::verify_lines(&report))?;
    }
    match report.first_problem() {
        None => Ok(0),
        Some(problem) => Err(ApiError::new(ErrorKind::Internal, problem)),
    }
}

async fn recovery_sheet(session: &Session, args: RecoverySheetArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let made = session.recovery_sheet().await?;
    write_file(&args.output, &made.bytes)?.report(out, Wrote::RecoverySheet)
}

/// The retention dry run, or (with --purge --yes) the purge of what it lists.
async fn retention(session: &Session, args: RetentionArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let report = session.retention_report(group.id).await?;
    if args.purge && !args.yes {
        return Err(ApiError::invalid(
            "yes",
            format!("Add --yes to remove the {} records listed by `secretariat retention`; nothing was changed.", report.total()),
        ));
    }
    if args.purge {
        let purged = session.purge_retention(secretariat_api::retention::PurgeRetention { group_id: group.id, confirmed_total: report.total() }).await?;
        if args.json {
            return print_json(out, &purged);
        }
        return print_text(out, &print::purged_lines(&group.name, &purged));
    }
    if args.json {
        return print_json(out, &report);
    }
    print_text(out, &print::retention_due_lines(&group.name, &report))
}

/// Everything held about one person, as a PDF or (with --json) JSON.
async fn subject_access(session: &Session, args: SubjectAccessArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let person = session.find_person(group.id, &args.person).await?;
    let files = session.subject_access_files(group.id, person).await?;
    let bytes = if args.json { files.json.into_bytes() } else { files.pdf };
    write_file(&args.output, &bytes)?.report(out, Wrote::Size)
}

/// An erasure's dry run, or (with --yes) the erasure.
async fn erase(session: &Session, args: EraseArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    use secretariat_api::privacy::ErasePerson;
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let person = session.find_person(group.id, &args.person).await?;
    let request = |dry_run| ErasePerson { group_id: group.id, person_id: person, reason: args.reason.clone(), dry_run };
    let plan = session.erase_person(request(true)).await?;
    if !args.dry_run && !args.yes {
        print_text(out, &print::erasure_lines(&plan.erasure, false))?;
        return Err(ApiError::invalid("yes", format!("Add --yes to erase {} (or --dry-run to only list it); nothing was changed.", plan.erasure.name)));
    }
    let result = if args.dry_run { plan } else { session.erase_person(request(false)).await? };
    if args.json {
        return print_json(out, &result);
    }
    print_text(out, &print::erased_lines(&result))
}
