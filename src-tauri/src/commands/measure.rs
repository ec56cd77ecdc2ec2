//! The start-up mark for `scripts/bench`: the window calls `startup_mark` once, after Home is
//! painted with the group's data. Only when `SECRETARIAT_STARTUP_MARK` names a file does it
//! write anything (the word `home`, to a temporary name then renamed into place); the bench
//! harness times process start to the moment that file appears, on its own clock. Without the
//! variable the command does nothing, so the window may call it unconditionally.

use std::sync::{Once, OnceLock};
use std::time::Instant;

static MARKED: Once = Once::new();
static STARTED: OnceLock<Option<Instant>> = OnceLock::new();

/// Starts the start-up clock (first thing in `app::run`) if `SECRETARIAT_STARTUP_MARK` is set.
pub fn start_clock() {
    STARTED.get_or_init(|| std::env::var_os("SECRETARIAT_STARTUP_MARK").map(|_| Instant::now()));
}

/// In measurement mode only, one line on stderr: a stage of the start-up and the
/// milliseconds since `start_clock`. Names only; never a value from the database or the key.
pub fn stage(name: &str) {
    if let Some(Some(started)) = STARTED.get() {
        eprintln!("secretariat: start-up {name} at {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    }
}

#[tauri::command]
pub fn startup_mark() {
    MARKED.call_once(|| {
        stage("home painted (startup_mark)");
        if let Some(path) = std::env::var_os("SECRETARIAT_STARTUP_MARK") {
            write_mark(std::path::Path::new(&path));
        }
    });
}

/// A measurement aid: a failure is reported on stderr and otherwise ignored.
fn write_mark(path: &std::path::Path) {
    let temp = path.with_extension("partial");
    if let Err(error) = std::fs::write(&temp, "home\n").and_then(|()| std::fs::rename(&temp, path)) {
        eprintln!("secretariat: the start-up mark {} could not be written: {error}", path.display());
    }
}
