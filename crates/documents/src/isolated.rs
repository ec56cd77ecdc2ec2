//! Reading a paper in a child process, so that a PDF which makes the parser panic,
//! overflow its stack, exhaust memory or never finish costs a refusal ("this PDF
//! could not be read"), never the window.
//!
//! Why a process: the release profile aborts on panic, so `catch_unwind` catches
//! nothing there, and a stack overflow aborts in every profile. hayro-syntax parses
//! nested arrays and dictionaries recursively with no depth limit, so
//! `[[[[…]]]]` nested 100,000 deep is enough.
//!
//! The child is Secretariat's own executable started as `secretariat __check-paper`
//! ([`CHILD_ARG`]; `main` hands it to [`serve_paper_check`] before anything else
//! starts): the file's bytes on stdin, one JSON verdict on stdout. It reads the file
//! as [`crate::check_paper`] does and then puts every page into a one-item agenda
//! pack, which is all the pack will ever do with it, on a thread with the stack
//! tokio gives the app's typesetting threads (2 MiB), under a CPU and an
//! address-space limit. So a paper that passes here is one the app's own pack build
//! has already survived, and the pack can read stored papers in-process.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::agenda::{Agenda, AgendaLine, PaperFile, PaperLine};
use crate::paper::{self, PaperError, PaperInfo};
use crate::{DocumentError, Documents};

/// The argument that makes Secretariat's executable the paper-checking child.
/// Not a command: clap would refuse it, so it cannot collide with one.
pub const CHILD_ARG: &str = "__check-paper";

/// The stack the child reads the paper on: what tokio gives the blocking threads the
/// app typesets on (its default `thread_stack_size`), so nothing that passes in the
/// child can overflow there.
const CHILD_STACK: usize = 2 * 1024 * 1024;

/// CPU seconds the child may use; the kernel ends it after that.
const CHILD_CPU_SECONDS: u64 = 30;

/// Address space the child may map: the executable with its libraries, typst's fonts
/// and a 20 MB paper laid out fit with room to spare; a paper that makes the parser
/// allocate without end stops here.
const CHILD_ADDRESS_SPACE: u64 = 4 * 1024 * 1024 * 1024;

/// How long the parent waits for a verdict before it ends the child.
const WAIT: Duration = Duration::from_secs(60);

/// What the child answers on stdout.
#[derive(Debug, Serialize, Deserialize)]
enum Verdict {
    Read(PaperInfo),
    Refused(PaperError),
}

/// Checks papers in a child process. Cheap to clone; every check is a new child.
#[derive(Debug, Clone)]
pub struct PaperChecker {
    program: PathBuf,
    args: Vec<OsString>,
}

impl PaperChecker {
    /// The running executable as the child: right for Secretariat's own binary, whose
    /// `main` serves [`CHILD_ARG`].
    pub fn this_program() -> std::io::Result<Self> {
        Ok(Self::program(std::env::current_exe()?))
    }

    /// Another executable whose `main` serves [`CHILD_ARG`] (tests point at a small one).
    pub fn program(path: impl Into<PathBuf>) -> Self {
        Self { program: path.into(), args: vec![CHILD_ARG.into()] }
    }

    /// Checks a file offered as a paper as [`crate::check_paper`] does, and also puts
    /// its pages into a pack, all in a child process. A child that crashes, is killed
    /// by its limits or does not answer gives [`PaperError::Unreadable`]. A file over
    /// `max_bytes` is refused unread, before any child starts.
    pub fn check(&self, bytes: &[u8], max_bytes: usize) -> Result<PaperInfo, PaperError> {
        if bytes.len() > max_bytes {
            return Err(PaperError::TooLarge { max_bytes });
        }
        match self.ask(bytes) {
            Ok(Verdict::Read(info)) => Ok(info),
            Ok(Verdict::Refused(error)) => Err(error),
            Err(why) => {
                debug_note(&why);
                Err(PaperError::Unreadable)
            }
        }
    }

    fn ask(&self, bytes: &[u8]) -> Result<Verdict, NoVerdict> {
        let mut command = Command::new(&self.program);
        // The child reads nothing from the environment, and must not inherit a passphrase
        // or a data folder; only where to find its libraries is passed on.
        command.args(&self.args).env_clear();
        if let Some(path) = std::env::var_os("LD_LIBRARY_PATH") {
            command.env("LD_LIBRARY_PATH", path);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| NoVerdict(format!("the checker {} could not be started: {e}", self.program.display())))?;
        let mut stdin = child.stdin.take().ok_or(NoVerdict("no stdin".into()))?;
        let mut stdout = child.stdout.take().ok_or(NoVerdict("no stdout".into()))?;
        let (sent, answered) = mpsc::channel();
        std::thread::scope(|scope| {
            // A child that dies early closes the pipe; the write then fails, and the
            // verdict below says why.
            scope.spawn(move || {
                let _ = stdin.write_all(bytes);
            });
            scope.spawn(move || {
                let mut out = Vec::new();
                let _ = stdout.read_to_end(&mut out);
                let _ = sent.send(out);
            });
            let out = match answered.recv_timeout(WAIT) {
                Ok(out) => out,
                Err(_) => {
                    // Ending the child closes its end of both pipes, which frees both threads.
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(NoVerdict(format!("no answer in {} s", WAIT.as_secs())));
                }
            };
            let status = child.wait().map_err(|e| NoVerdict(e.to_string()))?;
            if !status.success() {
                return Err(NoVerdict(format!("the checker ended with {status}")));
            }
            serde_json::from_slice(&out).map_err(|e| NoVerdict(format!("the checker's answer could not be read: {e}")))
        })
    }
}

/// Why the checking child gave no verdict (it could not start, ended early, timed out, or
/// answered nothing readable): for the debug note only.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct NoVerdict(String);

/// Why a child gave no verdict, on stderr in debug builds only: the crate logs nothing,
/// and the person is told "could not be read" either way.
fn debug_note(why: &NoVerdict) {
    if cfg!(debug_assertions) {
        eprintln!("secretariat: paper check: {why}");
    }
}

/// The child's `main`: reads one file from stdin, answers one verdict on stdout, and
/// returns the exit code. Call it only in a process started for it (it sets limits on
/// the whole process).
pub fn serve_paper_check() -> i32 {
    limit_this_process();
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return 2;
    }
    let verdict = std::thread::Builder::new()
        .name("paper-check".into())
        .stack_size(CHILD_STACK)
        .spawn(move || match check_for_the_pack(&bytes) {
            Ok(info) => Verdict::Read(info),
            Err(error) => Verdict::Refused(error),
        })
        .ok()
        .and_then(|thread| thread.join().ok());
    let Some(verdict) = verdict else { return 2 };
    let Ok(json) = serde_json::to_vec(&verdict) else {
        return 2;
    };
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(&json).and_then(|()| stdout.flush()).is_err() {
        return 2;
    }
    0
}

/// What the child does: the paper check, then the pack's own page import.
fn check_for_the_pack(bytes: &[u8]) -> Result<PaperInfo, PaperError> {
    let info = paper::check_paper(bytes, usize::MAX)?;
    let agenda = Agenda {
        group_name: String::new(),
        meeting_title: String::new(),
        when: String::new(),
        venue: String::new(),
        online_link: String::new(),
        publication: String::new(),
        generated: String::new(),
        items: vec![AgendaLine {
            number: "1".into(),
            start: String::new(),
            title: String::new(),
            purpose: String::new(),
            presenter: None,
            minutes: 0,
            private: false,
            papers: vec![PaperLine { key: "paper".into(), title: "paper".into(), supplement: false }],
            notes: vec![],
        }],
    };
    let file = PaperFile { key: "paper".into(), bytes: bytes.to_vec() };
    match Documents::new().agenda_pack(&agenda, &[file]) {
        Ok(_) => Ok(info),
        Err(DocumentError::Paper { error, .. }) => Err(error),
        Err(_) => Err(PaperError::Damaged("its pages could not be placed in a pack".into())),
    }
}

/// CPU time and address space, so a file that loops or allocates without end ends
/// the child; no core file, since the child holds the paper's bytes.
#[cfg(unix)]
fn limit_this_process() {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let limit = |resource, value: u64| {
        let _ = setrlimit(resource, Rlimit { current: Some(value), maximum: Some(value) });
    };
    limit(Resource::Core, 0);
    limit(Resource::Cpu, CHILD_CPU_SECONDS);
    limit(Resource::As, CHILD_ADDRESS_SPACE);
}

/// Elsewhere only the parent's wait bounds the child.
#[cfg(not(unix))]
fn limit_this_process() {}
