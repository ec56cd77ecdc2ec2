//! Secretariat's one program: with a command it runs headless (`secretariat status`),
//! without one it opens the window; with `__check-paper` it is the child that reads
//! an offered PDF.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod commands;
mod console;
#[cfg(target_os = "linux")]
mod webkit;

fn main() {
    // Before anything else (and before any thread): OpenSSL without its exit handler, no core
    // dumps, the passphrase out of the environment (`secretariat_api::process`).
    secretariat_api::process::harden();
    // Before anything is printed (clap's --help and errors included).
    console::attach_to_parent();
    // The paper-checking child (`secretariat_api::PaperChecker`): the window and the
    // command line start this executable again to read an offered PDF, so that a file
    // which crashes the parser ends the child, not them. Before clap, which would refuse it.
    if std::env::args_os().nth(1).is_some_and(|arg| arg == secretariat_api::PAPER_CHECK_ARG) {
        std::process::exit(secretariat_api::serve_paper_check());
    }
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
