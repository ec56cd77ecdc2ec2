//! The command line as clap reads it: [`Invocation`], one [`Command`] variant per
//! subcommand, the `*Args` structs they carry, and the value parsers for dates and times.
//! The doc comments here are the `--help` text.

use clap::{Args, Parser, Subcommand};
use secretariat_api::ENV_DATA_DIR;
use secretariat_api::types::RegisterKind;
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
    /// A group's rules as a file another group can start from (docs/RULES-FILE.md).
    #[command(subcommand)]
    Rules(RulesCommand),
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
    /// An organisation's techUK status from a date (ToR §12, §15), and its history.
    #[command(subcommand)]
    Organisation(OrganisationCommand),
    /// The Terms of Reference in force on a date, each number with its paragraph; their amendments
    /// (--history); the consolidated Terms of Reference (-o FILE.pdf); or `tor amend` to amend them.
    Tor(TorArgs),
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
    /// Close an election's nominations before the date in the call, giving the reason (audited).
    ///
    /// For an error in the call, or when everyone eligible is nominated; the call as issued
    /// is kept in the Documents archive.
    CloseNominations(CloseNominationsArgs),
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
pub struct CloseNominationsArgs {
    /// The election: its id, or words from its title; `elections` lists them
    pub election: String,
    #[command(flatten)]
    pub group: GroupArg,
    /// Why they close early (required; kept in the audit log)
    #[arg(long)]
    pub reason: String,
    /// The day they close, YYYY-MM-DD, today or earlier [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub on: Option<chrono::NaiveDate>,
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
#[command(args_conflicts_with_subcommands = true)]
pub struct TorArgs {
    #[command(subcommand)]
    pub command: Option<TorCommand>,
    /// The day whose rules to show, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub on: Option<chrono::NaiveDate>,
    /// List the amendments instead, in the order they apply
    #[arg(long, conflicts_with_all = ["on", "output"])]
    pub history: bool,
    /// Write the consolidated Terms of Reference to this PDF file: the rules in force with their paragraphs and the amendments
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf", conflicts_with = "json")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub group: GroupArg,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TorCommand {
    /// Amend a setting of the Terms of Reference from a date (checked and audited as in the window).
    ///
    /// SETTING is one of rule.sro, target_size, stakeholder_seats, supplier_seats, min_sme_suppliers,
    /// rule.sme_minimum, term_months, max_members_per_organisation, rule.one_per_company,
    /// grace_months, strike_absences, rule.strike_policy, publication_lead_days,
    /// funds_consensus_percent, position_volunteers. VALUE is a whole number, or for a rule on or off.
    /// Prints the findings the amendment brings and clears, then what was saved.
    Amend(TorAmendArgs),
}

#[derive(Debug, Args)]
pub struct TorAmendArgs {
    /// The setting, e.g. min_sme_suppliers or rule.strike_policy
    pub setting: String,
    /// The new value: a whole number, or on/off for a rule
    pub value: String,
    /// The first day the new value is in force, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub from: chrono::NaiveDate,
    /// The meeting that agreed it: its id, or its date (YYYY-MM-DD)
    #[arg(long, value_name = "MEETING")]
    pub meeting: Option<String>,
    /// The decision that agreed it (ToR §22), by its id
    #[arg(long, value_name = "ID")]
    pub decision: Option<i64>,
    /// Who agreed it and how, where there is no decision to cite
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
    #[command(flatten)]
    pub group: GroupArg,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum OrganisationCommand {
    /// Record an organisation's techUK status (and SME status) from a date; the earlier status
    /// stays in force before it. Prints what it brings or clears in the ToR check, then saves.
    Status(OrganisationStatusArgs),
    /// An organisation's techUK status, SME status and sector through time.
    History {
        /// The organisation: its id, or words from its name
        organisation: String,
        #[command(flatten)]
        group: GroupArg,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct OrganisationStatusArgs {
    /// The organisation: its id, or words from its name
    pub organisation: String,
    /// member, applying or not_member
    #[arg(value_parser = parse_techuk_status_arg)]
    pub status: secretariat_rules::TechukStatus,
    /// The first day of the new status, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub from: chrono::NaiveDate,
    /// Whether it is an SME from that date too (ToR §13): yes or no [default: unchanged]
    #[arg(long, value_name = "yes|no", value_parser = parse_yes_no_arg)]
    pub sme: Option<bool>,
    #[command(flatten)]
    pub group: GroupArg,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

fn parse_techuk_status_arg(text: &str) -> Result<secretariat_rules::TechukStatus, String> {
    secretariat_rules::TechukStatus::parse(&text.trim().to_lowercase().replace('-', "_"))
        .ok_or_else(|| format!("'{text}' is not a techUK status; write member, applying or not_member."))
}

fn parse_yes_no_arg(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "true" => Ok(true),
        "no" | "false" => Ok(false),
        _ => Err(format!("'{text}' is not yes or no.")),
    }
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

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The group's name
    #[arg(long, value_name = "NAME")]
    pub group: String,
    /// The Terms of Reference to start from: techuk-interop, or custom (twelve supplier seats, every rule on)
    #[arg(long, value_name = "TEMPLATE", default_value = "techuk-interop", conflicts_with = "rules")]
    pub template: String,
    /// Start from another group's rules file (`secretariat rules export`) instead of a template
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Write the group's rules in force today and its seats as a rules file (to standard output, or to a file with -o).
    Export {
        #[command(flatten)]
        group: GroupArg,
        /// Write to this file instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
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

// The value parsers: clap shows their `Err` as the reason an argument was refused.

fn parse_date_arg(text: &str) -> Result<chrono::NaiveDate, String> {
    secretariat_api::parse_date(text)
}

fn parse_time_arg(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| format!("'{text}' is not a time; write it as HH:MM, e.g. 14:00."))
}
