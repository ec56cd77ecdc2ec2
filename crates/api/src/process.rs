//! The first thing `main` does, for the window and the command line alike: the store's
//! process hardening (`secretariat_store::process`: OpenSSL without its exit handler, no
//! core dumps), then the recovery passphrase taken out of the environment. And the last:
//! [`exit`], which closes any database still open before the process ends.
//!
//! `SECRETARIAT_PASSPHRASE` is read once and removed, so the programs the app starts — the
//! PDF viewer, the mail client, WebKit's helpers — do not inherit it. [`SessionConfig::from_env`]
//! takes it from here.
//!
//! [`SessionConfig::from_env`]: crate::SessionConfig::from_env

use crate::session::ENV_PASSPHRASE;
use secretariat_store::Passphrase;
use std::sync::Mutex;

pub use secretariat_store::process::{Hardened, exit};

static TAKEN: Mutex<Option<Passphrase>> = Mutex::new(None);

/// Hardens the process and takes the passphrase out of the environment. Call it first in
/// `main`, while the process has one thread.
pub fn harden() -> Hardened {
    let hardened = secretariat_store::process::harden();
    take_passphrase();
    hardened
}

#[allow(unsafe_code)]
fn take_passphrase() {
    let Some(value) = std::env::var_os(ENV_PASSPHRASE) else { return };
    // SAFETY: `remove_var` is unsound only while another thread reads or writes the
    // environment; `harden` runs first in `main`, before any other thread is started (the
    // async runtime, the window and the database pools all come later). One of the
    // workspace's three `unsafe` blocks (Cargo.toml lists them; tests/repo holds the list).
    unsafe { std::env::remove_var(ENV_PASSPHRASE) };
    if let Some(text) = value.to_str().filter(|t| !t.is_empty()) {
        *TAKEN.lock().unwrap_or_else(|e| e.into_inner()) = Some(Passphrase::new(text));
    }
}

/// The passphrase [`harden`] took from the environment, or else the environment's own (a
/// process that did not call `harden`, such as a test).
pub(crate) fn passphrase_from_env() -> Option<Passphrase> {
    let taken = TAKEN.lock().unwrap_or_else(|e| e.into_inner()).clone();
    taken.or_else(|| std::env::var(ENV_PASSPHRASE).ok().filter(|p| !p.is_empty()).map(Passphrase::new))
}
