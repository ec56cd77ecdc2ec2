//! Declares the app's own commands to Tauri, so each gets an `allow-…` permission
//! and nothing is callable from the window unless `capabilities/main.json` grants it.
//!
//! The commands are the contract's one list (`crates/api/src/contract.rs`, one
//! `module::command(Request) -> Reply;` per line), read here as text: a build script
//! cannot use the crate it is building for, and compiling the api crate a second time
//! for the build machine would cost minutes.

const CONTRACT: &str = "../crates/api/src/contract.rs";

/// The command names, in the list's order.
fn commands(contract: &str) -> Vec<String> {
    let list = contract.split("macro_rules! for_each_command").nth(1).expect("the contract declares for_each_command!");
    list.lines()
        .filter_map(|line| {
            let (path, _) = line.trim().split_once('(')?;
            let (module, name) = path.split_once("::")?;
            let ident = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            (ident(module) && ident(name)).then(|| name.to_owned())
        })
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed={CONTRACT}");
    let contract = std::fs::read_to_string(CONTRACT).expect("crates/api/src/contract.rs is readable");
    let commands = commands(&contract);
    assert!(commands.len() > 50, "the contract's commands were not found in {CONTRACT}");
    let names: Vec<&'static str> = commands.into_iter().map(|c| &*Box::leak(c.into_boxed_str())).collect();
    let names: &'static [&'static str] = Box::leak(names.into_boxed_slice());
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names))).expect("tauri build script");
}
