//! Declares the app's own commands to Tauri, so each gets an `allow-…` permission
//! and nothing is callable from the window unless `capabilities/main.json` grants it.

/// Every command the window may call; keep in step with `src/commands/mod.rs`.
const COMMANDS: &[&str] = &[
    "app_state",
    "create_group",
    "load_demo",
    "recover",
    "group_home",
    "compliance",
    "members",
    "person",
    "organisation",
    "save_organisation",
    "save_person",
    "preview_employer_change",
    "change_employer",
    "fill_seat",
    "end_term",
    "appoint",
    "add_invitee",
    "preview_import",
    "import_register",
    "save_document",
    "open_document",
    "meetings",
    "meeting",
    "save_meeting",
    "plan_series",
    "save_agenda_item",
    "move_agenda_item",
    "remove_agenda_item",
    "attach_paper",
    "mark_published",
    "build_pack",
    "elections",
    "election",
    "create_election",
    "add_nomination",
    "withdraw_nomination",
    "set_election_method",
    "open_voting",
    "issue_paper",
    "print_ballots",
    "reprint_ballots",
    "mark_unused",
    "enter_paper",
    "verify_paper",
    "remove_paper",
    "count_election",
    "declare_result",
    "cancel_election",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
