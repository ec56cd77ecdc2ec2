//! The commands the window may call, grouped by area. Each makes one call on the
//! [`Session`](secretariat_api::Session) (the document commands then save or open what
//! was made); errors cross as `ApiError`
//! (`{kind, message, field?}`). Keep the list in step with `build.rs` and
//! `capabilities/main.json`.

/// What every command answers: its value, or an `ApiError` the window shows where it belongs.
type Reply<T> = Result<T, secretariat_api::ApiError>;

mod backups;
mod documents;
mod elections;
mod groups;
pub(crate) mod measure;
mod meetings;
mod members;
mod minutes;
mod privacy;
mod retention;
mod setup;
mod subgroups;
mod work;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        setup::app_state,
        setup::create_group,
        setup::load_demo,
        setup::recover,
        groups::group_home,
        groups::set_bank_holidays,
        members::compliance,
        members::members,
        members::person,
        members::organisation,
        members::save_organisation,
        members::save_person,
        members::preview_employer_change,
        members::change_employer,
        members::fill_seat,
        members::end_term,
        members::appoint,
        members::add_invitee,
        members::preview_import,
        members::import_register,
        documents::save_document,
        documents::open_document,
        documents::save_digest,
        documents::open_digest,
        documents::show_document_in_folder,
        documents::document_archive,
        meetings::meetings,
        meetings::meeting,
        meetings::save_meeting,
        meetings::plan_series,
        meetings::save_agenda_item,
        meetings::move_agenda_item,
        meetings::remove_agenda_item,
        meetings::attach_paper,
        meetings::inspect_paper,
        meetings::rename_paper,
        meetings::mark_published,
        meetings::build_pack,
        elections::elections,
        elections::election,
        elections::create_election,
        elections::add_nomination,
        elections::close_nominations_early,
        elections::withdraw_nomination,
        elections::set_election_method,
        elections::open_voting,
        elections::issue_paper,
        elections::print_ballots,
        elections::reprint_ballots,
        elections::mark_unused,
        elections::enter_paper,
        elections::verify_paper,
        elections::remove_paper,
        elections::count_election,
        elections::declare_result,
        elections::cancel_election,
        minutes::meeting_record,
        minutes::save_attendance,
        minutes::attendance_year,
        minutes::decide_strike,
        minutes::save_item_notes,
        minutes::hold_in_private,
        minutes::set_minute_taker,
        minutes::approve_minutes,
        minutes::add_correction,
        minutes::add_action,
        minutes::set_action_status,
        minutes::decisions,
        minutes::add_decision,
        minutes::set_consensus_base,
        minutes::add_position,
        minutes::volunteer,
        minutes::withdraw_volunteer,
        minutes::start_outline,
        minutes::add_viewpoint,
        minutes::decide_public_position,
        subgroups::subgroups,
        subgroups::subgroup,
        subgroups::save_subgroup,
        subgroups::add_subgroup_place,
        subgroups::end_subgroup_place,
        subgroups::close_subgroup,
        subgroups::request_report_back,
        subgroups::record_report,
        subgroups::move_report_back,
        subgroups::withdraw_report_back,
        work::work,
        work::work_entry,
        work::save_work_entry,
        work::set_work_status,
        work::add_work_to_agenda,
        work::link_work_item,
        work::unlink_work_item,
        work::declare_interest,
        work::remove_declaration,
        backups::backups,
        backups::back_up_now,
        backups::choose_backup_folder,
        backups::use_default_backup_folder,
        backups::choose_backup_to_restore,
        backups::restore_backup,
        backups::verify_database,
        retention::retention_report,
        retention::purge_retention,
        privacy::save_subject_access,
        privacy::erase_person,
        measure::startup_mark,
    ]
}
