//! The contract between Rust and the window (issue #16): every command the window may call,
//! with its one request type and its reply, declared once in [`for_each_command!`]. From it:
//!
//! - the shell registers the commands (`src-tauri/src/commands/mod.rs` expands the list into
//!   `generate_handler!` and checks at compile time that each command takes the request and
//!   answers the reply declared here);
//! - `src-tauri/build.rs` reads the names from this file to give each its `allow-…` permission;
//! - `ui/src/lib/commands.ts` is generated from it (the `bindings` test fails when it is stale,
//!   or when `capabilities/main.json` does not grant exactly these commands), so a command
//!   added, renamed or retyped in Rust fails the UI's type check, not a click at run time.
//!
//! Why our own list and not tauri-specta: the types already cross with ts-rs (`bindings.ts`);
//! tauri-specta would need a second derive (specta) on every type and is still a release
//! candidate for Tauri 2. One `macro_rules!` list over the existing types is all it takes.
//!
//! The requests below are the small ones: a record named by its ids, or an id and one value.
//! The larger requests live with their area (`SaveMeeting` in `types`, `CreateElection` in
//! `elections`, …).

use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

use crate::types::{ActionStatus, ConsensusBase, DocumentKind, Method, Nation, WorkKind};
/// A group.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfGroup {
    pub group_id: i64,
}
/// Whose bank holidays the group's proposed deadlines skip.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetBankHolidays {
    pub group_id: i64,
    pub nation: Nation,
}
/// The rules checked on a day (today when none).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ComplianceOn {
    pub group_id: i64,
    pub on: Option<NaiveDate>,
}
/// A person of the register.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfPerson {
    pub group_id: i64,
    pub person_id: i64,
}
/// An organisation of the register.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfOrganisation {
    pub group_id: i64,
    pub organisation_id: i64,
}
/// A document to make: its kind and the meeting, election, sub-group, year or kept copy it is about.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DocumentRequest {
    pub group_id: i64,
    pub kind: DocumentKind,
    pub record_id: Option<i64>,
}
/// A meeting.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfMeeting {
    pub group_id: i64,
    pub meeting_id: i64,
}
/// An agenda item moved up (negative) or down (positive) by places.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MoveAgendaItem {
    pub group_id: i64,
    pub meeting_id: i64,
    pub item_id: i64,
    pub by: i32,
}
/// An agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfAgendaItem {
    pub group_id: i64,
    pub meeting_id: i64,
    pub item_id: i64,
}
/// A file offered as a paper, checked before it is attached (its title and pages).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct InspectPaper {
    pub group_id: i64,
    pub file_name: String,
    pub data_base64: String,
}
/// An election.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfElection {
    pub group_id: i64,
    pub election_id: i64,
}
/// A nomination in an election.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfNomination {
    pub group_id: i64,
    pub election_id: i64,
    pub nomination_id: i64,
}
/// How an election is counted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetElectionMethod {
    pub group_id: i64,
    pub election_id: i64,
    pub method: Method,
}
/// Voting opened: who may vote (the proposed electorate when none) and when the poll closes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OpenVoting {
    pub group_id: i64,
    pub election_id: i64,
    pub electors: Option<Vec<i64>>,
    pub poll_closes: Option<NaiveDate>,
}
/// A ballot paper issued to an elector (never which).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct IssuePaper {
    pub group_id: i64,
    pub election_id: i64,
    pub person_id: i64,
}
/// A print run of numbered ballot papers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PrintBallots {
    pub group_id: i64,
    pub election_id: i64,
    pub copies: u32,
}
/// Ballot papers by serial number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct Serials {
    pub group_id: i64,
    pub election_id: i64,
    pub serials: Vec<u32>,
}
/// An entered paper checked by a second person.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct VerifyPaper {
    pub group_id: i64,
    pub election_id: i64,
    pub paper_id: i64,
    pub verified_by: String,
}
/// A returned paper as entered.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfReturnedPaper {
    pub group_id: i64,
    pub election_id: i64,
    pub paper_id: i64,
}
/// A calendar year's record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfYear {
    pub group_id: i64,
    pub year: i32,
}
/// Who takes the meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetMinuteTaker {
    pub group_id: i64,
    pub meeting_id: i64,
    pub name: String,
}
/// Minutes approved at a later meeting (ToR §21).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ApproveMinutes {
    pub group_id: i64,
    pub meeting_id: i64,
    pub at_meeting: i64,
    pub note: String,
}
/// A correction to approved minutes, kept beside them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddCorrection {
    pub group_id: i64,
    pub meeting_id: i64,
    pub item_id: Option<i64>,
    pub correction: String,
}
/// An action's status.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetActionStatus {
    pub group_id: i64,
    pub action_id: i64,
    pub status: ActionStatus,
}
/// What a consensus is measured against (ToR §22).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetConsensusBase {
    pub group_id: i64,
    pub base: ConsensusBase,
}
/// A member volunteering for a position (ToR §23).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfVolunteer {
    pub group_id: i64,
    pub position_id: i64,
    pub person_id: i64,
}
/// A position (ToR §23–§24).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfPosition {
    pub group_id: i64,
    pub position_id: i64,
}
/// A viewpoint set out in a position, never quantified (ToR §24).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddViewpoint {
    pub group_id: i64,
    pub position_id: i64,
    pub viewpoint: String,
}
/// A sub-group (ToR §18).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfSubgroup {
    pub group_id: i64,
    pub subgroup_id: i64,
}
/// A sub-group's report-back.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfReportBack {
    pub group_id: i64,
    pub subgroup_id: i64,
    pub report_back_id: i64,
}
/// The group's work, of one kind or all.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct WorkFilter {
    pub group_id: i64,
    pub kind: Option<WorkKind>,
}
/// An entry of the work registers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfWorkEntry {
    pub group_id: i64,
    pub entry_id: i64,
}
/// A declaration of interest at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfDeclaration {
    pub group_id: i64,
    pub meeting_id: i64,
    pub declaration_id: i64,
}
/// Every type a command takes or answers, in one namespace: the list below names them
/// unqualified, and whoever expands it imports this (`use secretariat_api::contract::wire::*`).
pub mod wire {
    pub use super::*;
    pub use crate::backups::{BackupCheck, BackupsView};
    pub use crate::elections::{AddNomination, CloseNominations, CreateElection, Declare, ElectionPage, ElectionsView, EnterPaper};
    pub use crate::minutes::{
        AddAction, AddDecision, AddPosition, AttendanceYear, DecideStrike, DecisionsView, HoldInPrivate, MeetingRecord, PublicDecision, SaveAttendance,
        SaveNotes,
    };
    pub use crate::privacy::{ErasePerson, ErasureResult};
    pub use crate::retention::{PurgeRetention, RetentionPurged};
    pub use crate::subgroups::{AddPlace, CloseSubgroup, EndPlace, MoveReportBack, RecordReport, RequestReportBack, SaveSubgroup, SubgroupPage, SubgroupsView};
    pub use crate::tor::{AmendTor, AmendmentPreview, OfAmendment, SetTorText, TorView};
    pub use crate::types::*;
    pub use crate::work::{AddWorkToAgenda, DeclareInterest, DigestRequest, LinkWorkItem, SaveWorkEntry, SetWorkStatus, WorkPage, WorkView};
}

/// The one list: `module::command(Request) -> Reply;`, or `module::command() -> Reply;` for a
/// command that takes nothing. Expands `$then!` with the list; the module is the shell's
/// (`src-tauri/src/commands/<module>.rs`). Keep one command per line: build.rs reads them.
#[macro_export]
macro_rules! for_each_command {
    ($then:ident) => {
        $then! {
            setup::app_state() -> AppState;
            setup::create_group(CreateGroupRequest) -> GroupCreated;
            setup::load_demo(LoadDemoRequest) -> GroupCreated;
            setup::recover(RecoverRequest) -> AppState;
            setup::choose_rules_file() -> Option<GroupShape>;
            groups::save_rules_file(OfGroup) -> Option<String>;
            groups::group_home(OfGroup) -> GroupHome;
            groups::set_bank_holidays(SetBankHolidays) -> GroupHome;
            tor::tor(ComplianceOn) -> TorView;
            tor::preview_amendment(AmendTor) -> AmendmentPreview;
            tor::amend_tor(AmendTor) -> TorView;
            tor::withdraw_amendment(OfAmendment) -> TorView;
            tor::set_tor_text(SetTorText) -> TorView;
            measure::startup_mark() -> ();
            members::compliance(ComplianceOn) -> Compliance;
            members::members(OfGroup) -> MembersView;
            members::person(OfPerson) -> PersonDetail;
            members::organisation(OfOrganisation) -> OrganisationRecord;
            members::save_organisation(SaveOrganisation) -> OrganisationRecord;
            members::save_person(SavePerson) -> PersonDetail;
            members::preview_employer_change(EmployerChange) -> EmployerChangePreview;
            members::preview_save_organisation(SaveOrganisation) -> AmendmentEffect;
            members::preview_save_person(SavePerson) -> AmendmentEffect;
            members::preview_fill_seat(FillSeat) -> AmendmentEffect;
            members::preview_appoint(Appoint) -> AmendmentEffect;
            members::change_employer(EmployerChange) -> PersonDetail;
            members::fill_seat(FillSeat) -> MembersView;
            members::end_term(EndTerm) -> MembersView;
            members::appoint(Appoint) -> MembersView;
            members::add_invitee(AddInvitee) -> MembersView;
            members::preview_import(ImportRequest) -> ImportPreview;
            members::import_register(ImportRequest) -> ImportPreview;
            documents::save_document(DocumentRequest) -> Option<String>;
            documents::open_document(DocumentRequest) -> String;
            documents::save_digest(DigestRequest) -> Option<String>;
            documents::open_digest(DigestRequest) -> String;
            documents::show_document_in_folder(DocumentRequest) -> String;
            documents::document_archive(OfGroup) -> Vec<ArchivedDocument>;
            meetings::meetings(OfGroup) -> Vec<MeetingRow>;
            meetings::meeting(OfMeeting) -> MeetingPage;
            meetings::save_meeting(SaveMeeting) -> MeetingPage;
            meetings::plan_series(PlanSeries) -> Vec<MeetingRow>;
            meetings::save_agenda_item(SaveAgendaItem) -> MeetingPage;
            meetings::move_agenda_item(MoveAgendaItem) -> MeetingPage;
            meetings::remove_agenda_item(OfAgendaItem) -> MeetingPage;
            meetings::attach_paper(AttachPaper) -> MeetingPage;
            meetings::attach_terms_of_reference(OfAgendaItem) -> MeetingPage;
            meetings::inspect_paper(InspectPaper) -> PaperPreview;
            meetings::rename_paper(RenamePaper) -> MeetingPage;
            meetings::mark_published(OfMeeting) -> MeetingPage;
            meetings::build_pack(OfMeeting) -> MeetingPage;
            elections::elections(OfGroup) -> ElectionsView;
            elections::election(OfElection) -> ElectionPage;
            elections::create_election(CreateElection) -> ElectionPage;
            elections::add_nomination(AddNomination) -> ElectionPage;
            elections::close_nominations_early(CloseNominations) -> ElectionPage;
            elections::withdraw_nomination(OfNomination) -> ElectionPage;
            elections::set_election_method(SetElectionMethod) -> ElectionPage;
            elections::open_voting(OpenVoting) -> ElectionPage;
            elections::issue_paper(IssuePaper) -> ElectionPage;
            elections::print_ballots(PrintBallots) -> ElectionPage;
            elections::reprint_ballots(Serials) -> ElectionPage;
            elections::mark_unused(Serials) -> ElectionPage;
            elections::enter_paper(EnterPaper) -> ElectionPage;
            elections::verify_paper(VerifyPaper) -> ElectionPage;
            elections::remove_paper(OfReturnedPaper) -> ElectionPage;
            elections::count_election(OfElection) -> ElectionPage;
            elections::declare_result(Declare) -> ElectionPage;
            elections::cancel_election(OfElection) -> ElectionPage;
            minutes::meeting_record(OfMeeting) -> MeetingRecord;
            minutes::save_attendance(SaveAttendance) -> MeetingRecord;
            minutes::attendance_year(OfYear) -> AttendanceYear;
            minutes::decide_strike(DecideStrike) -> AttendanceYear;
            minutes::save_item_notes(SaveNotes) -> MeetingRecord;
            minutes::hold_in_private(HoldInPrivate) -> MeetingRecord;
            minutes::set_minute_taker(SetMinuteTaker) -> MeetingRecord;
            minutes::approve_minutes(ApproveMinutes) -> MeetingRecord;
            minutes::add_correction(AddCorrection) -> MeetingRecord;
            minutes::add_action(AddAction) -> MeetingRecord;
            minutes::set_action_status(SetActionStatus) -> Vec<ActionView>;
            minutes::decisions(OfGroup) -> DecisionsView;
            minutes::add_decision(AddDecision) -> DecisionsView;
            minutes::set_consensus_base(SetConsensusBase) -> DecisionsView;
            minutes::add_position(AddPosition) -> DecisionsView;
            minutes::volunteer(OfVolunteer) -> DecisionsView;
            minutes::withdraw_volunteer(OfVolunteer) -> DecisionsView;
            minutes::start_outline(OfPosition) -> DecisionsView;
            minutes::add_viewpoint(AddViewpoint) -> DecisionsView;
            minutes::decide_public_position(PublicDecision) -> DecisionsView;
            subgroups::subgroups(OfGroup) -> SubgroupsView;
            subgroups::subgroup(OfSubgroup) -> SubgroupPage;
            subgroups::save_subgroup(SaveSubgroup) -> SubgroupPage;
            subgroups::add_subgroup_place(AddPlace) -> SubgroupPage;
            subgroups::end_subgroup_place(EndPlace) -> SubgroupPage;
            subgroups::close_subgroup(CloseSubgroup) -> SubgroupPage;
            subgroups::request_report_back(RequestReportBack) -> SubgroupPage;
            subgroups::record_report(RecordReport) -> SubgroupPage;
            subgroups::move_report_back(MoveReportBack) -> SubgroupPage;
            subgroups::withdraw_report_back(OfReportBack) -> SubgroupPage;
            work::work(WorkFilter) -> WorkView;
            work::work_entry(OfWorkEntry) -> WorkPage;
            work::save_work_entry(SaveWorkEntry) -> WorkPage;
            work::set_work_status(SetWorkStatus) -> WorkPage;
            work::add_work_to_agenda(AddWorkToAgenda) -> WorkPage;
            work::link_work_item(LinkWorkItem) -> WorkPage;
            work::unlink_work_item(LinkWorkItem) -> WorkPage;
            work::declare_interest(DeclareInterest) -> MeetingRecord;
            work::remove_declaration(OfDeclaration) -> MeetingRecord;
            backups::backups() -> BackupsView;
            backups::back_up_now() -> BackupMade;
            backups::choose_backup_folder() -> Option<BackupsView>;
            backups::use_default_backup_folder() -> BackupsView;
            backups::choose_backup_to_restore() -> Option<BackupCheck>;
            backups::restore_backup() -> Restored;
            backups::verify_database() -> VerifyReport;
            retention::retention_report(OfGroup) -> RetentionReport;
            retention::purge_retention(PurgeRetention) -> RetentionPurged;
            privacy::save_subject_access(OfPerson) -> Option<String>;
            privacy::erase_person(ErasePerson) -> ErasureResult;
        }
    };
}
