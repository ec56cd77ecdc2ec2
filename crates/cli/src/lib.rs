//! `secretariat <command>`: the same program as the window, run headless for
//! scripts. Parsing is clap's; each command is a call on a [`Session`] and a few
//! lines of output. Conventions every command keeps: `--help`; exit 0 on
//! success, non-zero with a one-line reason on stderr; `--json` on every command
//! that lists or reports.

use clap::{Args, Parser, Subcommand};
use secretariat_api::GroupSummary;
use secretariat_api::types::{ArchivedDocument, Compliance, DocumentKind, GroupCreated, ImportPreview, RegisterKind, Status};
use secretariat_api::{ApiError, ENV_DATA_DIR, ErrorKind, Session, SessionConfig};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

/// Secretariat: membership, meetings, agenda packs and elections for a standing working group.
///
/// Without a command it opens the window. With one it runs headless and exits.
/// The database key is kept in the OS keychain; where there is none (CI, servers),
/// set SECRETARIAT_PASSPHRASE to the recovery passphrase, as restic does with
/// RESTIC_PASSWORD.
#[derive(Debug, Parser)]
#[command(name = "secretariat", version, propagate_version = true)]
pub struct Invocation {
    /// The folder holding the database and its key file [default: the OS app-data folder]
    #[arg(long, global = true, value_name = "DIR", env = ENV_DATA_DIR)]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a working group from a template (and the encrypted database, on first use).
    ///
    /// On first use the recovery passphrase is read from SECRETARIAT_PASSPHRASE.
    Init(InitArgs),
    /// Load a fictional demo group: 12 members, an invitee, a year of meetings, a past election and one open, two sub-groups.
    ///
    /// With --scale N: N synthetic groups with ten years of history each instead (for measuring).
    Demo(DemoArgs),
    /// Show the data folder, that the database is encrypted, and each group's seats.
    ///
    /// Exit status: 0 when it can say where things stand (a folder with no database yet
    /// included: it says so, and how to create one); 1 when the database cannot be opened.
    Status(JsonFlag),
    /// Check the Terms of Reference rules on a date: breaches, warnings and notices.
    ///
    /// Exit status: 0 when nothing is found, 1 when only warnings or notices are,
    /// 2 when there is a breach, and 3 when the check itself could not run.
    Check(CheckArgs),
    /// Import people or organisations from a CSV file (all rows, or none if any row has a problem).
    ///
    /// People: name,email,job_title,manager_status,organisation,employed_since.
    /// Organisations: name,techuk_status,applied_on,sme,sme_confirmed_on,sector.
    Import(ImportArgs),
    /// Export people or organisations as CSV (to standard output, or to a file with -o).
    Export(ExportArgs),
    /// Write the membership list and composition report (PDF).
    Membership(MembershipArgs),
    /// List or add meetings (ToR §19).
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// Write a meeting's agenda (PDF).
    Agenda(MeetingDocArgs),
    /// Build a meeting's agenda pack: cover, agenda, contents and every paper (PDF).
    Pack(MeetingDocArgs),
    /// Write the email draft circulating a meeting's pack (.eml) and mark the pack published (ToR §20).
    Circulate(MeetingDocArgs),
    /// Write calendar invitations: one meeting's, or every meeting from today (.ics).
    Ics(IcsArgs),
    /// List the sub-groups with their lead, members, invited individuals and the report-backs awaited (ToR §18).
    Subgroups {
        #[command(flatten)]
        group: GroupArg,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Write a sub-group's roster: remit, lead, members, invited individuals, report-backs (PDF, ToR §18).
    Roster(SubgroupDocArgs),
    /// List the group's work: consultations (ToR §3a), concerns (§3c), horizon items (§5a) and representation (§3d, §5f), and what needs the secretariat.
    Work(WorkArgs),
    /// Write the digest for the wider supplier community over a period (ToR §3b, §5d): a PDF, or with -o FILE.eml an email draft carrying it.
    ///
    /// Consultations open and their deadlines, forums, horizon items, concerns shared, published positions (ToR §24) and meetings to come;
    /// nothing confidential or held in private (ToR §21).
    Digest(DigestArgs),
    /// List the group's elections and the seats to fill (ToR §14).
    Elections {
        #[command(flatten)]
        group: GroupArg,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Number and print ballot papers for an election (PDF); each serial is used once.
    Ballots(BallotsArgs),
    /// Write an election's result with its count, stage by stage (PDF; a draft until declared).
    Result(ElectionDocArgs),
    /// Write an election's valid papers as a BLT file, to check the count elsewhere.
    Blt(ElectionDocArgs),
    /// Write a meeting's minutes (PDF; marked draft until approved, ToR §21).
    Minutes(MeetingDocArgs),
    /// Write a year's attendance report: each member at each meeting, and their strikes (PDF, ToR §17).
    Attendance(AttendanceArgs),
    /// Write a calendar year's record in one PDF: contents, each meeting's agenda and approved minutes, the year's attendance (ToR §17), the decisions register (ToR §22) and the elections' results, numbered and bookmarked.
    Record(RecordArgs),
    /// Write the action log: every action with its owner, due date and status (PDF).
    Actions(ActionsArgs),
    /// List the group's record: every document it has produced or circulated, newest first.
    ///
    /// Packs, approved minutes, calls, results and closed sub-groups' rosters are kept as they
    /// went out; with --kept N -o FILE, write kept copy N exactly as it went out.
    Documents(DocumentsArgs),
    /// Count a BLT ballot file, with no database: prints the stages and the elected.
    ///
    /// Ties that the rules cannot break are decided by lot: a pseudo-random draw from
    /// --seed, so the same file and seed always give the same count.
    Tally(TallyArgs),
    /// Back the database up: into the backup folder (keeping 7 daily and 4 weekly), or to a file with -o.
    ///
    /// Made with SQLCipher's export and checked before it is named; encrypted with the
    /// database's key, so the key file and recovery passphrase open it anywhere.
    Backup(BackupArgs),
    /// List the backups in the backup folder, or change the folder.
    Backups(BackupsArgs),
    /// Restore a backup: it is checked first, and the database in use is kept aside, never deleted.
    Restore(RestoreArgs),
    /// Check the database: SQLite's and SQLCipher's integrity checks and the audit log's chain.
    ///
    /// Exit status: 0 when all is well; 1, naming the first problem, otherwise.
    Verify(JsonFlag),
    /// Write the recovery sheet to print: what the passphrase is for, where everything is, how to restore (PDF).
    RecoverySheet(RecoverySheetArgs),
    /// The retention schedule: what is due for purging today, per category (a dry run; nothing changes).
    ///
    /// With --purge --yes: takes a backup, then removes what the dry run lists in one
    /// transaction (audited with counts only). Declared results, terms and approved minutes are kept.
    Retention(RetentionArgs),
    /// Everything held about one person (UK GDPR Art. 15): a readable PDF, or the same as JSON with --json.
    SubjectAccess(SubjectAccessArgs),
    /// Erase a person (UK GDPR Art. 17): the record stays as "Erased person n"; what only concerns
    /// them is deleted, their name and email are redacted everywhere else, the audit log included.
    ///
    /// --dry-run lists what would be deleted, redacted and kept, and changes nothing. Without
    /// --yes nothing is erased. A backup is taken first; it (and older backups) still hold the
    /// person's data until rotation removes them.
    Erase(EraseArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Write the backup to this file instead (outside the folder's rotation)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SubjectAccessArgs {
    /// The person: their id, or words from their name
    pub person: String,
    #[command(flatten)]
    pub group: GroupArg,
    /// Write JSON instead of a PDF
    #[arg(long)]
    pub json: bool,
    /// The file to write (FILE.pdf, or FILE.json with --json)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct EraseArgs {
    /// The person: their id, or words from their name
    pub person: String,
    #[command(flatten)]
    pub group: GroupArg,
    /// Why (required; kept with the redacted record, so do not name the person)
    #[arg(long)]
    pub reason: String,
    /// List what would be deleted, redacted and kept; change nothing
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
    /// Confirm the erasure
    #[arg(long)]
    pub yes: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RetentionArgs {
    #[command(flatten)]
    pub group: GroupArg,
    /// Remove what is due (a backup is taken first); needs --yes
    #[arg(long)]
    pub purge: bool,
    /// Confirm the purge
    #[arg(long, requires = "purge")]
    pub yes: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BackupsArgs {
    /// Keep backups in this folder from now on (a full path)
    #[arg(long, value_name = "DIR", conflicts_with = "default_folder")]
    pub set_folder: Option<PathBuf>,
    /// Keep backups in the data folder's `backups` folder again
    #[arg(long)]
    pub default_folder: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RecoverySheetArgs {
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The calendar year, e.g. 2026
    #[arg(long)]
    pub year: i32,
    #[command(flatten)]
    pub group: GroupArg,
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct DocumentsArgs {
    #[command(flatten)]
    pub group: GroupArg,
    /// Only the documents of this calendar year
    #[arg(long)]
    pub year: Option<i32>,
    /// The kept copy to write (its number in the list), with -o
    #[arg(long, value_name = "N", requires = "output")]
    pub kept: Option<i64>,
    /// The file to write the kept copy to
    #[arg(short = 'o', long = "output", value_name = "FILE", requires = "kept")]
    pub output: Option<PathBuf>,
    /// Print the list as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AttendanceArgs {
    /// The calendar year, e.g. 2026
    pub year: i32,
    #[command(flatten)]
    pub group: GroupArg,
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    #[command(flatten)]
    pub group: GroupArg,
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MethodArg {
    /// Single transferable vote under the Scottish local government rules (SSI 2007/42)
    ScottishStv,
    /// Block vote: each paper marks up to as many candidates as seats
    Block,
    /// One seat, the most votes wins
    Plurality,
    /// One seat, preferences, the lowest excluded in turn
    InstantRunoff,
}

impl From<MethodArg> for secretariat_rules::elections::Method {
    fn from(value: MethodArg) -> Self {
        use secretariat_rules::elections::Method;
        match value {
            MethodArg::ScottishStv => Method::ScottishStv,
            MethodArg::Block => Method::Block,
            MethodArg::Plurality => Method::Plurality,
            MethodArg::InstantRunoff => Method::InstantRunoff,
        }
    }
}

#[derive(Debug, Args)]
pub struct TallyArgs {
    /// The BLT file
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "scottish-stv")]
    pub method: MethodArg,
    /// Seats to fill [default: as the file says]
    #[arg(long)]
    pub seats: Option<usize>,
    /// The seed of the lot drawn for ties
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BallotsArgs {
    /// The election: its id, or words from its title; `elections` lists them
    pub election: String,
    /// How many papers to number and print
    #[arg(long)]
    pub copies: u32,
    #[command(flatten)]
    pub group: GroupArg,
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ElectionDocArgs {
    /// The election: its id, or words from its title; `elections` lists them
    pub election: String,
    #[command(flatten)]
    pub group: GroupArg,
    /// The file to write
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct DigestArgs {
    #[command(flatten)]
    pub group: GroupArg,
    /// The first day of the period, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub from: chrono::NaiveDate,
    /// The last day of the period, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub to: chrono::NaiveDate,
    /// The file to write: FILE.pdf, or FILE.eml for an email draft with the PDF attached
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.eml")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct WorkArgs {
    #[command(flatten)]
    pub group: GroupArg,
    /// One register: consultation, concern, horizon or representation [default: all]
    #[arg(long, value_name = "K", value_parser = secretariat_api::work::parse_kind)]
    pub kind: Option<secretariat_rules::work::WorkKind>,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SubgroupDocArgs {
    /// The sub-group: its id, or words from its name; `subgroups` lists them
    pub subgroup: String,
    #[command(flatten)]
    pub group: GroupArg,
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// List the group's meetings with each pack's publication deadline.
    List {
        #[command(flatten)]
        group: GroupArg,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Add a meeting; its agenda starts with the group's standard items.
    Add(MeetingAddArgs),
}

#[derive(Debug, Args)]
pub struct MeetingAddArgs {
    /// The day, YYYY-MM-DD
    #[arg(long, value_parser = parse_date_arg)]
    pub date: chrono::NaiveDate,
    /// Start time, HH:MM
    #[arg(long, default_value = "14:00", value_parser = parse_time_arg)]
    pub start: chrono::NaiveTime,
    /// End time, HH:MM
    #[arg(long, default_value = "16:00", value_parser = parse_time_arg)]
    pub end: chrono::NaiveTime,
    #[arg(long, default_value = "Working group meeting")]
    pub title: String,
    #[arg(long, default_value = "")]
    pub venue: String,
    /// The online link (https://…)
    #[arg(long, default_value = "")]
    pub link: String,
    /// The meeting does not count for the strike policy (ToR §17)
    #[arg(long)]
    pub not_compulsory: bool,
    #[command(flatten)]
    pub group: GroupArg,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MeetingDocArgs {
    /// The meeting: its id, or its date (YYYY-MM-DD); `meeting list` shows both
    pub meeting: String,
    #[command(flatten)]
    pub group: GroupArg,
    /// The file to write
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct IcsArgs {
    /// One meeting (id or date) [default: every meeting from today]
    pub meeting: Option<String>,
    #[command(flatten)]
    pub group: GroupArg,
    /// The file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.ics")]
    pub output: PathBuf,
}

fn parse_time_arg(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| format!("'{text}' is not a time; write it as HH:MM, e.g. 14:00."))
}

#[derive(Debug, Args)]
pub struct MembershipArgs {
    /// The day the report describes, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub on: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub group: GroupArg,
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct GroupArg {
    /// The group, by id or name [default: the only group; needed when there are several]
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The day to check, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub on: Option<chrono::NaiveDate>,
    /// Check one group [default: every group]
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RegisterArg {
    People,
    Organisations,
}

impl From<RegisterArg> for RegisterKind {
    fn from(value: RegisterArg) -> Self {
        match value {
            RegisterArg::People => RegisterKind::People,
            RegisterArg::Organisations => RegisterKind::Organisations,
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(value_enum)]
    pub register: RegisterArg,
    /// The CSV file
    pub file: PathBuf,
    #[command(flatten)]
    pub group: GroupArg,
    /// Check the file and report, saving nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export
    #[arg(value_enum)]
    pub register: RegisterArg,
    #[command(flatten)]
    pub group: GroupArg,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn parse_date_arg(text: &str) -> Result<chrono::NaiveDate, String> {
    secretariat_api::parse_date(text)
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The group's name
    #[arg(long, value_name = "NAME")]
    pub group: String,
    /// The Terms of Reference to start from
    #[arg(long, value_name = "TEMPLATE", default_value = "techuk-interop")]
    pub template: String,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Instead of the demo group, write N synthetic groups, each with years of meetings,
    /// attendance, minutes, actions, decisions, elections and sub-groups (progress on stderr)
    #[arg(long, value_name = "N")]
    pub scale: Option<u32>,
    /// Years of history per synthetic group (with --scale)
    #[arg(long, default_value_t = 10, requires = "scale")]
    pub years: u32,
    /// The random seed (with --scale): the same seed and day give the same records
    #[arg(long, default_value_t = 1, requires = "scale")]
    pub seed: u64,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

/// Parses the command line. `Err` carries clap's message (including `--help`).
pub fn parse<I, T>(args: I) -> Result<Invocation, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    Invocation::try_parse_from(args)
}

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
    match command {
        Command::Check(args) => check(session, args, out).await,
        Command::Import(args) => import(session, args, out).await,
        Command::Export(args) => export(session, args, out).await.map(|()| 0),
        Command::Meeting(MeetingCommand::List { group, json }) => {
            let group = resolve_group(session, group.group.as_deref()).await?;
            let rows = session.meeting_rows(group.id).await?;
            if json {
                print_json(out, &rows)?;
            } else {
                let mut text = String::new();
                for r in &rows {
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
                out.write_all(text.as_bytes()).map_err(io_error)?;
            }
            Ok(0)
        }
        Command::Meeting(MeetingCommand::Add(args)) => {
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
                print_json(out, &page.detail.meeting)?;
            } else {
                let m = &page.detail.meeting;
                writeln!(
                    out,
                    "Added meeting #{} on {}, {} agenda items; the pack is due {} (ToR §20).",
                    m.id,
                    secretariat_rules::uk_date(m.starts_at.date()),
                    page.detail.items.len(),
                    secretariat_rules::uk_date(page.deadline)
                )
                .map_err(io_error)?;
            }
            Ok(0)
        }
        Command::Agenda(args) => meeting_document(session, args, DocumentKind::Agenda, out).await,
        Command::Pack(args) => meeting_document(session, args, DocumentKind::AgendaPack, out).await,
        Command::Circulate(args) => meeting_document(session, args, DocumentKind::CirculationDraft, out).await,
        Command::Ics(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let (kind, meeting) = match &args.meeting {
                Some(name) => (DocumentKind::MeetingInvite, Some(session.find_meeting(group.id, name).await?)),
                None => (DocumentKind::SeriesCalendar, None),
            };
            let made = session.make_document(group.id, kind, meeting, None).await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Wrote {}.", args.output.display()).map_err(io_error)?;
            Ok(0)
        }
        Command::Subgroups { group, json } => {
            let group = resolve_group(session, group.group.as_deref()).await?;
            let view = session.subgroups_view(group.id).await?;
            if json {
                print_json(out, &serde_json::json!({ "subgroups": view.subgroups, "report_backs_awaited": view.awaited }))?;
            } else {
                out.write_all(subgroup_lines(&view).as_bytes()).map_err(io_error)?;
            }
            Ok(0)
        }
        Command::Work(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let view = session.work_view(group.id, args.kind).await?;
            if args.json {
                print_json(out, &serde_json::json!({ "entries": view.entries, "needs": view.needs }))?;
            } else {
                out.write_all(work_lines(&view).as_bytes()).map_err(io_error)?;
            }
            Ok(0)
        }
        Command::Digest(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let eml = args.output.extension().is_some_and(|e| e.eq_ignore_ascii_case("eml"));
            let made = session.digest_document(secretariat_api::work::DigestRequest { group_id: group.id, from: args.from, to: args.to, eml }).await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Wrote {} ({} KB).", args.output.display(), made.bytes.len().div_ceil(1024)).map_err(io_error)?;
            Ok(0)
        }
        Command::Roster(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let subgroup = session.find_subgroup(group.id, &args.subgroup).await?;
            let made = session.make_document(group.id, DocumentKind::SubgroupRoster, Some(subgroup), None).await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Wrote {} ({} KB).", args.output.display(), made.bytes.len().div_ceil(1024)).map_err(io_error)?;
            Ok(0)
        }
        Command::Tally(args) => tally(args, out).map(|()| 0),
        Command::Minutes(args) => meeting_document(session, args, DocumentKind::Minutes, out).await,
        Command::Attendance(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let made = session.make_document(group.id, DocumentKind::AttendanceReport, Some(i64::from(args.year)), None).await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Wrote {} ({} KB).", args.output.display(), made.bytes.len().div_ceil(1024)).map_err(io_error)?;
            Ok(0)
        }
        Command::Record(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let made = session.make_document(group.id, DocumentKind::YearRecord, Some(i64::from(args.year)), None).await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Wrote the record of {} to {} ({} pages).", args.year, args.output.display(), made.pages.unwrap_or_default()).map_err(io_error)?;
            Ok(0)
        }
        Command::Documents(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            if let (Some(copy), Some(output)) = (args.kept, &args.output) {
                let made = session.make_document(group.id, DocumentKind::KeptCopy, Some(copy), None).await?;
                write_file(output, &made.bytes)?;
                writeln!(out, "Wrote {} as it went out ({} KB).", output.display(), made.bytes.len().div_ceil(1024)).map_err(io_error)?;
                return Ok(0);
            }
            let record: Vec<_> = session.document_archive(group.id).await?.into_iter().filter(|d| args.year.is_none_or(|y| d.year == y)).collect();
            if args.json {
                print_json(out, &serde_json::json!({ "documents": record }))?;
            } else {
                out.write_all(archive_lines(&record).as_bytes()).map_err(io_error)?;
            }
            Ok(0)
        }
        Command::Actions(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let made = session.make_document(group.id, DocumentKind::ActionLog, None, None).await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Wrote {} ({} KB).", args.output.display(), made.bytes.len().div_ceil(1024)).map_err(io_error)?;
            Ok(0)
        }
        Command::Elections { group, json } => {
            let group = resolve_group(session, group.group.as_deref()).await?;
            let view = session.elections_view(group.id).await?;
            if json {
                print_json(out, &view)?;
            } else {
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
                out.write_all(text.as_bytes()).map_err(io_error)?;
            }
            Ok(0)
        }
        Command::Ballots(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let election = session.find_election(group.id, &args.election).await?;
            session.print_ballots(group.id, election, args.copies).await?;
            let made = session.make_document(group.id, DocumentKind::BallotPapers, Some(election), None).await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Numbered and wrote {} ballot papers to {}.", args.copies, args.output.display()).map_err(io_error)?;
            Ok(0)
        }
        Command::Result(args) => election_document(session, args, DocumentKind::ElectionResult, out).await,
        Command::Blt(args) => election_document(session, args, DocumentKind::ElectionBlt, out).await,
        Command::Membership(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let made = session.make_document(group.id, DocumentKind::MembershipReport, None, args.on).await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Wrote {} ({} KB).", args.output.display(), made.bytes.len().div_ceil(1024)).map_err(io_error)?;
            Ok(0)
        }
        Command::Backup(args) => backup(session, args, out).await.map(|()| 0),
        Command::Backups(args) => backups(session, args, out).await.map(|()| 0),
        Command::Restore(args) => {
            let restored = session.restore(&args.file).await?;
            writeln!(out, "Restored {}.", restored.restored_from).map_err(io_error)?;
            if let Some(aside) = restored.set_aside {
                writeln!(out, "The database that was in use is kept as {aside}.").map_err(io_error)?;
            }
            Ok(0)
        }
        Command::Verify(flag) => verify(session, flag.json, out).await,
        Command::Retention(args) => retention(session, args, out).await.map(|()| 0),
        Command::SubjectAccess(args) => {
            let group = resolve_group(session, args.group.group.as_deref()).await?;
            let person = session.find_person(group.id, &args.person).await?;
            let files = session.subject_access_files(group.id, person).await?;
            let bytes = if args.json { files.json.into_bytes() } else { files.pdf };
            write_file(&args.output, &bytes)?;
            writeln!(out, "Wrote {} ({} KB).", args.output.display(), bytes.len().div_ceil(1024)).map_err(io_error)?;
            Ok(0)
        }
        Command::Erase(args) => erase(session, args, out).await.map(|()| 0),
        Command::RecoverySheet(args) => {
            let made = session.recovery_sheet().await?;
            write_file(&args.output, &made.bytes)?;
            writeln!(out, "Wrote {} ({} KB). Print it and keep it with the recovery passphrase.", args.output.display(), made.bytes.len().div_ceil(1024))
                .map_err(io_error)?;
            Ok(0)
        }
        other => run_setup(session, other, out).await.map(|()| 0),
    }
}

/// An erasure's dry run, or (with --yes) the erasure.
async fn erase(session: &Session, args: EraseArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    use secretariat_api::privacy::ErasePerson;
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let person = session.find_person(group.id, &args.person).await?;
    let request = |dry_run| ErasePerson { group_id: group.id, person_id: person, reason: args.reason.clone(), dry_run };
    let plan = session.erase_person(request(true)).await?;
    if !args.dry_run && !args.yes {
        out.write_all(erasure_lines(&plan.erasure, false).as_bytes()).map_err(io_error)?;
        return Err(ApiError::invalid("yes", format!("Add --yes to erase {} (or --dry-run to only list it); nothing was changed.", plan.erasure.name)));
    }
    let result = if args.dry_run { plan } else { session.erase_person(request(false)).await? };
    if args.json {
        return print_json(out, &result);
    }
    let mut text = erasure_lines(&result.erasure, result.erasure.committed);
    match &result.backup {
        Some(backup) => text.push_str(&format!(
            "A backup was taken first ({backup}). It and older backups in {} still hold {}'s data until rotation removes them.\n",
            result.backup_folder, result.erasure.name
        )),
        None => text.push_str("Nothing was changed (dry run).\n"),
    }
    out.write_all(text.as_bytes()).map_err(io_error)
}

fn erasure_lines(erasure: &secretariat_store::Erasure, done: bool) -> String {
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
        let text = format!(
            "{}Removed {} records. The backup taken first, {}, still holds them.\n",
            retention_lines(&group.name, &purged.purged),
            purged.removed,
            purged.backup
        );
        return out.write_all(text.as_bytes()).map_err(io_error);
    }
    if args.json {
        return print_json(out, &report);
    }
    let mut text = retention_lines(&group.name, &report);
    text.push_str(&match report.total() {
        0 => "Nothing is due for purging.\n".to_owned(),
        n => format!("{n} records are due. `secretariat retention --purge --yes` removes them, after a backup.\n"),
    });
    out.write_all(text.as_bytes()).map_err(io_error)
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

async fn backup(session: &Session, args: BackupArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    if let Some(file) = args.output {
        session.back_up_to(&file).await?;
        if args.json {
            return print_json(out, &serde_json::json!({ "path": file }));
        }
        return writeln!(out, "Backed up to {} (checked).", file.display()).map_err(io_error);
    }
    let made = session.back_up_now().await?;
    if args.json {
        return print_json(out, &made);
    }
    let mut text = format!("Backed up to {} ({} KB, checked).\n", made.backup.path, made.backup.bytes.div_ceil(1024));
    if !made.removed.is_empty() {
        text.push_str(&format!("Rotation removed {}.\n", made.removed.join(", ")));
    }
    out.write_all(text.as_bytes()).map_err(io_error)
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
    out.write_all(text.as_bytes()).map_err(io_error)
}

/// Prints what `verify` found; a problem is also the command's error, so it exits 1 naming it.
async fn verify(session: &Session, json: bool, out: &mut dyn Write) -> Result<i32, ApiError> {
    let report = session.verify().await?;
    if json {
        print_json(out, &report)?;
    } else {
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
        out.write_all(text.as_bytes()).map_err(io_error)?;
    }
    match report.first_problem() {
        None => Ok(0),
        Some(problem) => Err(ApiError::new(ErrorKind::Internal, problem)),
    }
}

async fn run_setup(session: &Session, command: Command, out: &mut dyn Write) -> Result<(), ApiError> {
    match command {
        Command::Init(args) => {
            let request = secretariat_api::types::CreateGroupRequest { name: args.group, template: args.template, ..Default::default() };
            let created = session.create_group(request).await?;
            let home = session.group_home(created.group.id).await?;
            if args.json {
                return print_json(out, &created);
            }
            let (stakeholder, supplier) = (home.group.settings.stakeholder_seats, home.group.settings.supplier_seats);
            write_lines(
                out,
                &format!(
                    "Created group #{} \u{201c}{}\u{201d} from template {}: {} seats ({stakeholder} stakeholder, {supplier} supplier), {} vacant.",
                    created.group.id,
                    created.group.name,
                    created.group.template,
                    home.seats.len(),
                    home.vacant_seats
                ),
                &created,
            )
        }
        Command::Demo(DemoArgs { scale: Some(groups), years, seed, json }) => {
            let options = secretariat_api::scale::ScaleOptions { groups, years, seed };
            let started = std::time::Instant::now();
            let report = session.load_scale(options, &mut |line| eprintln!("{line}")).await?;
            let seconds = started.elapsed().as_secs_f64();
            if json {
                return print_json(out, &report);
            }
            let r = &report;
            writeln!(
                out,
                "Wrote {groups} synthetic groups ({years} years each, seed {seed}) in {seconds:.1} s: {} organisations, {} people, {} meetings \
                     ({} agenda items, {} papers), {} attendance rows, {} actions ({} open), {} decisions, {} elections declared \
                     ({} returned papers) and {} open, {} sub-groups.",
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
            .map_err(io_error)
        }
        Command::Demo(DemoArgs { json, .. }) => {
            let flag = JsonFlag { json };
            let created = session.load_demo(Default::default()).await?;
            let home = session.group_home(created.group.id).await?;
            if flag.json {
                return print_json(out, &created);
            }
            let c = home.counts;
            write_lines(
                out,
                &format!(
                    "Loaded the demo group #{} \u{201c}{}\u{201d}: {} organisations, {} people, {} meetings, {} of {} seats filled.",
                    created.group.id,
                    created.group.name,
                    c.organisations,
                    c.people,
                    c.meetings,
                    home.seats.len() as u32 - home.vacant_seats,
                    home.seats.len()
                ),
                &created,
            )
        }
        Command::Status(flag) => {
            let status = session.status().await?;
            if flag.json {
                return print_json(out, &status);
            }
            print_status(out, &status)
        }
        _ => unreachable!("handled in run"),
    }
}

async fn meeting_document(session: &Session, args: MeetingDocArgs, kind: DocumentKind, out: &mut dyn Write) -> Result<i32, ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let meeting = session.find_meeting(group.id, &args.meeting).await?;
    let made = session.make_document(group.id, kind, Some(meeting), None).await?;
    write_file(&args.output, &made.bytes)?;
    if kind == DocumentKind::CirculationDraft {
        session.mark_published(group.id, meeting).await?;
    }
    let pages = made.pages.map(|p| format!(", {p} pages")).unwrap_or_default();
    writeln!(out, "Wrote {} ({} KB{pages}).", args.output.display(), made.bytes.len().div_ceil(1024)).map_err(io_error)?;
    Ok(0)
}

async fn election_document(session: &Session, args: ElectionDocArgs, kind: DocumentKind, out: &mut dyn Write) -> Result<i32, ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let election = session.find_election(group.id, &args.election).await?;
    let made = session.make_document(group.id, kind, Some(election), None).await?;
    write_file(&args.output, &made.bytes)?;
    writeln!(out, "Wrote {} ({} KB).", args.output.display(), made.bytes.len().div_ceil(1024)).map_err(io_error)?;
    Ok(0)
}

/// The sub-groups, one line each, then the report-backs awaited (ToR §18).
/// The record as lines: date, kind and title, then how it went out; a kept copy with its number.
fn archive_lines(record: &[ArchivedDocument]) -> String {
    if record.is_empty() {
        return "Nothing in the record yet.\n".into();
    }
    let mut text = String::new();
    for d in record {
        let on = d.on.map_or_else(|| d.year.to_string(), secretariat_rules::uk_date);
        text.push_str(&format!("{on:<16} {:<22} {}\n", d.kind_label, d.title));
        let kept = match (d.kind, d.record_id) {
            (DocumentKind::KeptCopy, Some(n)) => format!(" [kept copy {n}: secretariat documents --kept {n} -o FILE]"),
            _ => String::new(),
        };
        text.push_str(&format!("{:16} {}{kept}\n", "", d.detail));
    }
    text
}

fn subgroup_lines(view: &secretariat_api::subgroups::SubgroupsView) -> String {
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
fn work_lines(view: &secretariat_api::work::WorkView) -> String {
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
    out.write_all(text.as_bytes()).map_err(io_error)
}

fn publication_words(p: &secretariat_rules::meetings::Publication, deadline: chrono::NaiveDate) -> String {
    use secretariat_rules::meetings::Publication::*;
    let due = secretariat_rules::uk_date(deadline);
    match p {
        Published { on, late } => format!("published {}{}", secretariat_rules::uk_date(*on), if *late { ", late" } else { "" }),
        OnTrack { days_left } => format!("due {due}, in {days_left} days"),
        DueToday => "due today".into(),
        Late { days_late } => format!("LATE: due {due}, {days_late} days ago"),
        Past => "not published".into(),
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
    let mut text = String::new();
    for (group, c) in &results {
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
            let due = f.due.map(|d| format!(" (by {})", secretariat_rules::uk_date(d))).unwrap_or_default();
            text.push_str(&format!("  {:<8} {:<8} {}{due}\n", f.severity.label().to_uppercase(), f.tor.to_string(), f.message));
        }
    }
    out.write_all(text.as_bytes()).map_err(io_error)?;
    Ok(code)
}

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
        print_import(out, &result, args.dry_run)?;
    }
    Ok(if result.file_errors.is_empty() && result.valid_rows as usize == result.rows.len() { 0 } else { 1 })
}

fn print_import(out: &mut dyn Write, preview: &ImportPreview, dry_run: bool) -> Result<(), ApiError> {
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
    out.write_all(text.as_bytes()).map_err(io_error)
}

async fn export(session: &Session, args: ExportArgs, out: &mut dyn Write) -> Result<(), ApiError> {
    let group = resolve_group(session, args.group.group.as_deref()).await?;
    let csv = session.export(group.id, args.register.into()).await?;
    match args.output {
        None => out.write_all(csv.as_bytes()).map_err(io_error),
        Some(path) => write_file(&path, csv.as_bytes()),
    }
}

fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), ApiError> {
    secretariat_api::write_atomically(path, bytes).map_err(|e| ApiError::invalid("output", format!("Could not write {}: {e}", path.display())))
}

fn io_error(error: std::io::Error) -> ApiError {
    ApiError::new(ErrorKind::Internal, format!("could not write the output: {error}"))
}

fn print_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<(), ApiError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| io_error(e.into()))?;
    writeln!(out).map_err(io_error)
}

/// A created-group line, and the keychain warning under it when there is one.
fn write_lines(out: &mut dyn Write, line: &str, created: &GroupCreated) -> Result<(), ApiError> {
    writeln!(out, "{line}").map_err(io_error)?;
    if let Some(warning) = &created.keychain_warning {
        writeln!(out, "Note: {warning}").map_err(io_error)?;
    }
    Ok(())
}

fn print_status(out: &mut dyn Write, status: &Status) -> Result<(), ApiError> {
    if !status.database_exists {
        let text = format!(
            "Data folder: {}\nDatabase:    none yet. Create one with `secretariat init --group NAME` (or start the window and create a working group).\n",
            status.data_dir
        );
        return out.write_all(text.as_bytes()).map_err(io_error);
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
    out.write_all(text.as_bytes()).map_err(io_error)
}
