//! `secretariat <command>`: the same program as the window, run headless for
//! scripts. Parsing is clap's; each command is a call on a [`Session`] and a few
//! lines of output. Conventions every command keeps: `--help`; exit 0 on
//! success, non-zero with a one-line reason on stderr; `--json` on every command
//! that lists or reports.

use clap::{Args, Parser, Subcommand};
use secretariat_api::types::{GroupCreated, Status};
use secretariat_api::{ApiError, Session, SessionConfig, ENV_DATA_DIR};
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
    /// Load a fictional demo group: 12 members across 11 organisations and a year of meetings.
    Demo(JsonFlag),
    /// Show the data folder, that the database is encrypted, and each group's seats.
    Status(JsonFlag),
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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr().lock());
    runtime.block_on(async {
        let session = match SessionConfig::from_env(data_dir) {
            Ok(config) => Session::new(config),
            Err(error) => return report(&error, &mut stderr),
        };
        let result = run(&session, command, &mut stdout).await;
        session.close().await;
        match result {
            Ok(()) => 0,
            Err(error) => report(&error, &mut stderr),
        }
    })
}

fn report(error: &ApiError, stderr: &mut dyn Write) -> i32 {
    // One line, so scripts can show it as it is.
    let line = error.message.replace('\n', " ");
    let _ = writeln!(stderr, "secretariat: {line}");
    1
}

/// Runs one command on a session, writing what it reports to `out`.
pub async fn run(session: &Session, command: Command, out: &mut dyn Write) -> Result<(), ApiError> {
    match command {
        Command::Init(args) => {
            let request = secretariat_api::types::CreateGroupRequest {
                name: args.group,
                template: args.template,
                ..Default::default()
            };
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
        Command::Demo(flag) => {
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
    }
}

fn io_error(error: std::io::Error) -> ApiError {
    ApiError::new(secretariat_api::ErrorKind::Internal, format!("could not write the output: {error}"))
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
