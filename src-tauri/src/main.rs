//! Secretariat's one program: with a command it runs headless (`secretariat status`),
//! without one it opens the window.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod commands;
mod console;

fn main() {
    // Before anything is printed (clap's --help and errors included).
    console::attach_to_parent();
    let invocation = match secretariat_cli::parse(std::env::args_os()) {
        Ok(invocation) => invocation,
        Err(error) => error.exit(),
    };
    match invocation.command {
        Some(command) => std::process::exit(secretariat_cli::run_headless(invocation.data_dir, command)),
        None => app::run(invocation.data_dir),
    }
}
