//! The TypeScript the UI compiles against is generated from the Rust types here.
//! This test fails when `ui/src/lib/bindings.ts` is stale; regenerate it with
//! `UPDATE_BINDINGS=1 cargo test -p secretariat-api --test bindings`.

use secretariat_api::backups::{BackupCheck, BackupRow, BackupsView, SetBackupFolder};
use secretariat_api::elections::{
    AddNomination, CloseNominations, CreateElection, Declare, ElectionPage, ElectionsView, EnterPaper, NominationChecks, ReconciliationView,
};
use secretariat_api::minutes::{
    AddAction, AddDecision, AddPosition, AttendanceLine, AttendanceMark, AttendanceYear, AttendanceYearRow, DecideStrike, DecisionsView, HoldInPrivate,
    MeetingRecord, PositionLine, PublicDecision, SaveAttendance, SaveNotes,
};
use secretariat_api::privacy::{ErasePerson, ErasureResult};
use secretariat_api::retention::{PurgeRetention, RetentionPurged};
use secretariat_api::subgroups::{
    AddPlace, CloseSubgroup, EndPlace, MemberChoice, MoveReportBack, RecordReport, ReportBackDue, ReportBackRow, RequestReportBack, SaveSubgroup, SubgroupPage,
    SubgroupsView,
};
use secretariat_api::types::*;
use secretariat_api::work::{
    AddWorkToAgenda, DeclareInterest, DigestRequest, LinkWorkItem, SaveWorkEntry, SetWorkStatus, SubgroupChoice, WorkKindInfo, WorkPage, WorkView,
};
use secretariat_api::{ApiError, ErrorKind};
use secretariat_rules::elections::{CandidateState, Count, Method, Reconciliation, Rejection, Stage, StageAction, TiePurpose, TieRecord, TieResolution, Votes};
use secretariat_rules::meetings::{MonthlyRule, Publication};
use secretariat_rules::retention::{DueItem, RetentionCategory, RetentionReport, RetentionSchedule, RetentionSection};
use secretariat_rules::tor::s12_s16_elections::{Eligibility, NominationCheck, Vacancy};
use secretariat_rules::tor::s17_attendance::{Discretion, Presence};
use secretariat_rules::tor::s18_subgroups::{Expertise, Place, ReportBackState};
use secretariat_rules::tor::s21_s24_decisions::{Consensus, ConsensusBase};
use secretariat_rules::work::{HorizonKind, WorkKind, WorkNeed, WorkStatus, WorkThresholds};
use secretariat_rules::working_days::Nation;
use secretariat_rules::{
    Finding, GroupSettings, ManagerStatus, MoveOutcome, Obtained, Role, SeatKind, SettingLine, Severity, Subject, SubjectKind, TechukStatus, Template, Tor,
};
use secretariat_store::{
    ActionInput, ActionStatus, ActionView, AttendanceInput, Capacity, CorrectionView, DecisionInput, DecisionKind, DecisionOutcome, DecisionView, ItemMinutes,
    MinutesView, PositionInput, PositionView, PrivateSession, PublicPosition, StrikeDecisionInput, StrikeDecisionView, ViewpointView, Volunteer,
};
use secretariat_store::{
    AgendaItemInput, AgendaItemView, AppointmentView, EmploymentView, EndReason, Group, GroupCounts, GroupSummary, InviteeView, MeetingDetail, MeetingInput,
    MeetingSummary, OrganisationInput, OrganisationRecord, OrganisationView, PaperView, PersonDetail, PersonInput, PersonView, Purpose, SeatHolder, SeatView,
    SeriesInput, TermView,
};
use secretariat_store::{AuditBreak, AuditCheck, BackupFile, BackupMade, Restored, VerifyReport};
use secretariat_store::{DecisionRef, MeetingRef, PlaceView, ReportBackInput, ReportBackView, ReportPaperView, SubgroupDetail, SubgroupInput, SubgroupSummary};
use secretariat_store::{
    DeclarationInput, DeclarationView, PaperChoice, StatusChange, WorkActionRef, WorkEntryDetail, WorkEntryInput, WorkEntrySummary, WorkItemLink,
};
use secretariat_store::{
    ElectionFor, ElectionInput, ElectionRecord, ElectionState, ElectionSummary, ElectorView, NominationView, Outcome, ReturnedPaperView, SeatRef, SerialState,
    SerialView,
};
use secretariat_store::{Erasure, ErasureLine, SubjectAccess, SubjectAudit, SubjectPerson, SubjectRow};
use ts_rs::{Config, TS};

fn generate() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ApiError::decl(&cfg),
        ErrorKind::decl(&cfg),
        AppState::decl(&cfg),
        TemplateInfo::decl(&cfg),
        CreateGroupRequest::decl(&cfg),
        LoadDemoRequest::decl(&cfg),
        RecoverRequest::decl(&cfg),
        GroupCreated::decl(&cfg),
        GroupHome::decl(&cfg),
        Status::decl(&cfg),
        GroupStatus::decl(&cfg),
        GroupSummary::decl(&cfg),
        Group::decl(&cfg),
        GroupSettings::decl(&cfg),
        GroupCounts::decl(&cfg),
        SettingLine::decl(&cfg),
        Tor::decl(&cfg),
        Template::decl(&cfg),
        SeatKind::decl(&cfg),
        SeatView::decl(&cfg),
        SeatHolder::decl(&cfg),
        PersonView::decl(&cfg),
        OrganisationView::decl(&cfg),
        Compliance::decl(&cfg),
        Finding::decl(&cfg),
        Severity::decl(&cfg),
        Subject::decl(&cfg),
        SubjectKind::decl(&cfg),
        MoveOutcome::decl(&cfg),
        MembersView::decl(&cfg),
        SaveOrganisation::decl(&cfg),
        OrganisationInput::decl(&cfg),
        OrganisationRecord::decl(&cfg),
        SavePerson::decl(&cfg),
        FirstEmployer::decl(&cfg),
        PersonInput::decl(&cfg),
        PersonDetail::decl(&cfg),
        EmploymentView::decl(&cfg),
        TermView::decl(&cfg),
        AppointmentView::decl(&cfg),
        InviteeView::decl(&cfg),
        EmployerChange::decl(&cfg),
        EmployerChangePreview::decl(&cfg),
        FillSeat::decl(&cfg),
        EndTerm::decl(&cfg),
        EndReason::decl(&cfg),
        Appoint::decl(&cfg),
        AddInvitee::decl(&cfg),
        RegisterKind::decl(&cfg),
        ImportRequest::decl(&cfg),
        ImportRow::decl(&cfg),
        ImportPreview::decl(&cfg),
        TechukStatus::decl(&cfg),
        ManagerStatus::decl(&cfg),
        Obtained::decl(&cfg),
        Role::decl(&cfg),
        DocumentKind::decl(&cfg),
        MeetingRow::decl(&cfg),
        MeetingPage::decl(&cfg),
        SaveMeeting::decl(&cfg),
        PlanSeries::decl(&cfg),
        SaveAgendaItem::decl(&cfg),
        AttachPaper::decl(&cfg),
        PaperPreview::decl(&cfg),
        ArchivedDocument::decl(&cfg),
        DocumentRef::decl(&cfg),
        RenamePaper::decl(&cfg),
        NextMeeting::decl(&cfg),
        PackInfo::decl(&cfg),
        MeetingSummary::decl(&cfg),
        MeetingDetail::decl(&cfg),
        MeetingInput::decl(&cfg),
        SeriesInput::decl(&cfg),
        AgendaItemInput::decl(&cfg),
        AgendaItemView::decl(&cfg),
        PaperView::decl(&cfg),
        Purpose::decl(&cfg),
        MonthlyRule::decl(&cfg),
        Publication::decl(&cfg),
        ElectionStep::decl(&cfg),
        ElectionsView::decl(&cfg),
        ElectionPage::decl(&cfg),
        CreateElection::decl(&cfg),
        AddNomination::decl(&cfg),
        CloseNominations::decl(&cfg),
        EnterPaper::decl(&cfg),
        Declare::decl(&cfg),
        NominationChecks::decl(&cfg),
        ReconciliationView::decl(&cfg),
        Reconciliation::decl(&cfg),
        Vacancy::decl(&cfg),
        Eligibility::decl(&cfg),
        NominationCheck::decl(&cfg),
        ElectionFor::decl(&cfg),
        ElectionInput::decl(&cfg),
        ElectionRecord::decl(&cfg),
        ElectionState::decl(&cfg),
        ElectionSummary::decl(&cfg),
        ElectorView::decl(&cfg),
        NominationView::decl(&cfg),
        Outcome::decl(&cfg),
        ReturnedPaperView::decl(&cfg),
        SeatRef::decl(&cfg),
        SerialState::decl(&cfg),
        SerialView::decl(&cfg),
        Method::decl(&cfg),
        Rejection::decl(&cfg),
        Count::decl(&cfg),
        Stage::decl(&cfg),
        StageAction::decl(&cfg),
        CandidateState::decl(&cfg),
        TieRecord::decl(&cfg),
        TiePurpose::decl(&cfg),
        TieResolution::decl(&cfg),
        Votes::decl(&cfg),
        MeetingRecord::decl(&cfg),
        AttendanceLine::decl(&cfg),
        SaveAttendance::decl(&cfg),
        AttendanceYear::decl(&cfg),
        AttendanceYearRow::decl(&cfg),
        AttendanceMark::decl(&cfg),
        DecideStrike::decl(&cfg),
        SaveNotes::decl(&cfg),
        HoldInPrivate::decl(&cfg),
        AddAction::decl(&cfg),
        AddDecision::decl(&cfg),
        DecisionsView::decl(&cfg),
        PositionLine::decl(&cfg),
        AddPosition::decl(&cfg),
        PublicDecision::decl(&cfg),
        Presence::decl(&cfg),
        Discretion::decl(&cfg),
        Consensus::decl(&cfg),
        ConsensusBase::decl(&cfg),
        ActionInput::decl(&cfg),
        ActionStatus::decl(&cfg),
        ActionView::decl(&cfg),
        AttendanceInput::decl(&cfg),
        Capacity::decl(&cfg),
        CorrectionView::decl(&cfg),
        DecisionInput::decl(&cfg),
        DecisionKind::decl(&cfg),
        DecisionOutcome::decl(&cfg),
        DecisionView::decl(&cfg),
        ItemMinutes::decl(&cfg),
        MinutesView::decl(&cfg),
        PositionInput::decl(&cfg),
        PositionView::decl(&cfg),
        PrivateSession::decl(&cfg),
        PublicPosition::decl(&cfg),
        StrikeDecisionInput::decl(&cfg),
        StrikeDecisionView::decl(&cfg),
        ViewpointView::decl(&cfg),
        Volunteer::decl(&cfg),
        SubgroupsView::decl(&cfg),
        SubgroupPage::decl(&cfg),
        MemberChoice::decl(&cfg),
        ReportBackRow::decl(&cfg),
        ReportBackDue::decl(&cfg),
        SaveSubgroup::decl(&cfg),
        AddPlace::decl(&cfg),
        EndPlace::decl(&cfg),
        CloseSubgroup::decl(&cfg),
        RequestReportBack::decl(&cfg),
        RecordReport::decl(&cfg),
        MoveReportBack::decl(&cfg),
        SubgroupInput::decl(&cfg),
        SubgroupSummary::decl(&cfg),
        SubgroupDetail::decl(&cfg),
        PlaceView::decl(&cfg),
        ReportBackInput::decl(&cfg),
        ReportBackView::decl(&cfg),
        ReportPaperView::decl(&cfg),
        MeetingRef::decl(&cfg),
        DecisionRef::decl(&cfg),
        Expertise::decl(&cfg),
        Place::decl(&cfg),
        ReportBackState::decl(&cfg),
        BackupsView::decl(&cfg),
        BackupRow::decl(&cfg),
        BackupFile::decl(&cfg),
        BackupMade::decl(&cfg),
        BackupCheck::decl(&cfg),
        SetBackupFolder::decl(&cfg),
        Restored::decl(&cfg),
        VerifyReport::decl(&cfg),
        RetentionSchedule::decl(&cfg),
        Nation::decl(&cfg),
        RetentionCategory::decl(&cfg),
        DueItem::decl(&cfg),
        RetentionSection::decl(&cfg),
        RetentionReport::decl(&cfg),
        PurgeRetention::decl(&cfg),
        RetentionPurged::decl(&cfg),
        AuditCheck::decl(&cfg),
        ErasePerson::decl(&cfg),
        ErasureResult::decl(&cfg),
        Erasure::decl(&cfg),
        ErasureLine::decl(&cfg),
        SubjectAccess::decl(&cfg),
        SubjectPerson::decl(&cfg),
        SubjectRow::decl(&cfg),
        SubjectAudit::decl(&cfg),
        AuditBreak::decl(&cfg),
        WorkKind::decl(&cfg),
        WorkStatus::decl(&cfg),
        HorizonKind::decl(&cfg),
        WorkNeed::decl(&cfg),
        WorkKindInfo::decl(&cfg),
        SubgroupChoice::decl(&cfg),
        WorkView::decl(&cfg),
        WorkPage::decl(&cfg),
        SaveWorkEntry::decl(&cfg),
        SetWorkStatus::decl(&cfg),
        AddWorkToAgenda::decl(&cfg),
        LinkWorkItem::decl(&cfg),
        DigestRequest::decl(&cfg),
        WorkThresholds::decl(&cfg),
        PaperChoice::decl(&cfg),
        DeclareInterest::decl(&cfg),
        WorkEntryInput::decl(&cfg),
        WorkEntrySummary::decl(&cfg),
        WorkEntryDetail::decl(&cfg),
        StatusChange::decl(&cfg),
        WorkItemLink::decl(&cfg),
        WorkActionRef::decl(&cfg),
        DeclarationInput::decl(&cfg),
        DeclarationView::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in crates/api, crates/store and crates/rules by\n\
         // `UPDATE_BINDINGS=1 cargo test -p secretariat-api --test bindings`. Do not edit.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn bindings_are_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let fresh = generate();
    if std::env::var("UPDATE_BINDINGS").as_deref() == Ok("1") {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == fresh, "ui/src/lib/bindings.ts is stale: run UPDATE_BINDINGS=1 cargo test -p secretariat-api --test bindings");
}
