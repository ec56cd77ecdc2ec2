//! `secretariat <command>`: the same program as the window, run headless for
//! scripts. Parsing is clap's; each command is a call on a [`Session`] and a few
//! lines of output. Conventions every command keeps: `--help`; exit 0 on
//! success, non-zero with a one-line reason on stderr; `--json` on every command
//! that lists or reports.
//!
//! The arguments are in `args.rs`, running a command in `dispatch.rs` (one arm per
//! command) and what commands print, and the files they write, in `print.rs`.
//!
//! [`Session`]: secretariat_api::Session

mod args;
mod dispatch;
mod print;

pub use args::*;
pub use dispatch::{run, run_headless};

use clap::Parser;
use std::ffi::OsString;

/// Parses the command line. `Err` carries clap's message (including `--help`).
pub fn parse<I, T>(args: I) -> Result<Invocation, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    Invocation::try_parse_from(args)
}
