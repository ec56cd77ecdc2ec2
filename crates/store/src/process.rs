//! The process that holds the decrypted database, made safer before anything else runs.
//!
//! [`harden`] is the first call of `main` (the window and the command line alike) and of
//! any program that opens the store:
//!
//! - **OpenSSL without its exit handler.** OpenSSL registers an `atexit` handler that frees
//!   its state when the process ends; a SQLCipher connection still working on another thread
//!   (a pool's worker finishing a read) then decrypts with freed state and the exit can
//!   crash (seen in tests). Initialising OpenSSL first with `OPENSSL_INIT_NO_ATEXIT`, which
//!   `openssl_sys::init` does, means the handler is never registered; the operating system
//!   reclaims the memory anyway.
//! - **Every pool closed before the process ends.** SQLCipher has exit handlers of its own
//!   (an `atexit` handler and a `.fini_array` destructor, registered unconditionally) that
//!   free its providers and private heap; a connection thread in `sqlite3Codec` at that
//!   moment crashes the exit (3 in 60 exits mid-write in `tests/process.rs` of the api crate,
//!   with OpenSSL's handler already gone). They cannot be switched off, so [`exit`] closes
//!   every pool still open (waiting for the query in flight, at most 5 s) and then ends the
//!   process without running exit handlers at all (`_exit`), so that not even a connection
//!   sqlx is still tearing down after a failed open meets them. The command line ends
//!   through it; the window closes its session on its exit event, as before.
//! - **No core dumps.** A core dump would hold decrypted pages and the key schedule. The
//!   core file size limit is set to 0 (inherited by every process the app starts: WebKit's
//!   helpers, viewers), and on Linux the process is also made non-dumpable
//!   (`PR_SET_DUMPABLE` 0), which stops core dumps even where a crash handler is piped in
//!   and stops other processes of the same user from attaching to read its memory. Windows
//!   writes no dump unless Windows Error Reporting is set up to; nothing is changed there.
//!
//! SQLCipher's own log is silenced where each connection is opened (`db.rs`): the person
//! sees our message about a damaged file, not SQLCipher's lines on stderr.

use sqlx::SqlitePool;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// A store's pool, as [`exit`] finds it: registered while the store (or a clone) is alive.
#[derive(Debug)]
pub(crate) struct OpenPool(SqlitePool);

static OPEN_POOLS: Mutex<Vec<Weak<OpenPool>>> = Mutex::new(Vec::new());

pub(crate) fn register(pool: &SqlitePool) -> Arc<OpenPool> {
    let open = Arc::new(OpenPool(pool.clone()));
    let mut pools = OPEN_POOLS.lock().unwrap_or_else(|e| e.into_inner());
    pools.retain(|p| p.strong_count() > 0);
    pools.push(Arc::downgrade(&open));
    open
}

/// Ends the process with `code`: every database pool still open is closed (so each database
/// is left checkpointed, as a close leaves it), standard output and error are flushed, and the
/// process ends without running the C library's exit handlers (see the module docs).
pub fn exit(code: i32) -> ! {
    use std::io::Write;
    close_open_pools(Duration::from_secs(5));
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    end_now(code)
}

/// `_exit`: ends the process at once, without `atexit` handlers or `.fini_array` destructors.
/// SQLCipher's free its providers and private heap, and a connection thread that sqlx is still
/// closing in the background (after a failed open, say) can be in SQLCipher when they run.
/// Nothing of ours needs them: the databases are closed above, and the OS reclaims the rest.
#[cfg(unix)]
#[allow(unsafe_code)]
fn end_now(code: i32) -> ! {
    // SAFETY: `_exit` takes no pointers and never returns; ending the process while other
    // threads run is what it is for. One of the workspace's three `unsafe` blocks (Cargo.toml
    // lists them; tests/repo holds the list).
    unsafe { libc::_exit(code) }
}

#[cfg(not(unix))]
fn end_now(code: i32) -> ! {
    std::process::exit(code)
}

fn close_open_pools(limit: Duration) {
    let pools: Vec<SqlitePool> = OPEN_POOLS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter_map(Weak::upgrade)
        .map(|open| open.0.clone())
        .filter(|pool| !pool.is_closed())
        .collect();
    if pools.is_empty() {
        return;
    }
    // On a thread of its own: `exit` may be called from inside an async runtime.
    let closing = std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
        runtime.block_on(async {
            let all = async {
                for pool in &pools {
                    pool.close().await;
                }
            };
            if tokio::time::timeout(limit, all).await.is_err() {
                tracing::warn!("a database connection was still busy when the process ended");
            }
        });
    });
    let _ = closing.join();
}

/// What [`harden`] managed; each step is best effort, and a failure is logged, never fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hardened {
    pub core_dumps_off: bool,
}

/// Call first thing in `main`, before any thread or connection starts.
pub fn harden() -> Hardened {
    openssl_sys::init();
    Hardened { core_dumps_off: disable_core_dumps() }
}

#[cfg(unix)]
fn disable_core_dumps() -> bool {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let limited = setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) });
    if let Err(error) = &limited {
        tracing::warn!(%error, "could not turn core dumps off");
    }
    #[cfg(target_os = "linux")]
    let undumpable = {
        let set = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
        if let Err(error) = &set {
            tracing::warn!(%error, "could not make the process non-dumpable");
        }
        set.is_ok()
    };
    #[cfg(not(target_os = "linux"))]
    let undumpable = true;
    limited.is_ok() && undumpable
}

#[cfg(not(unix))]
fn disable_core_dumps() -> bool {
    // Windows writes a crash dump only where Windows Error Reporting's LocalDumps is set up.
    true
}

/// Whether core dumps are off for this process (for tests and `status`).
#[cfg(unix)]
pub fn core_dumps_off() -> bool {
    let limit = rustix::process::getrlimit(rustix::process::Resource::Core);
    let limited = limit.current == Some(0);
    #[cfg(target_os = "linux")]
    let undumpable = rustix::process::dumpable_behavior().is_ok_and(|b| b == rustix::process::DumpableBehavior::NotDumpable);
    #[cfg(not(target_os = "linux"))]
    let undumpable = true;
    limited && undumpable
}
