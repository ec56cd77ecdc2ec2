//! Secretariat's one program: with a command it runs headless (`secretariat status`),
//! without one it opens the window.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod commands;

fn main() {
    // Before anything else (and before any thread): OpenSSL without its exit handler, no core
    // dumps, the passphrase out of the environment (`secretariat_api::process`).
    secretariat_api::process::harden();
    let invocation = match secretariat_cli::parse(std::env::args_os()) {
        Ok(invocation) => invocation,
        Err(error) => error.exit(),
    };
    match invocation.command {
        // Through `process::exit`: any database still open is closed before the process ends.
        Some(command) => secretariat_api::process::exit(secretariat_cli::run_headless(invocation.data_dir, command)),
        None => app::run(invocation.data_dir),
    }
}
