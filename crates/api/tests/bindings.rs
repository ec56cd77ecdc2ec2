//! The TypeScript the UI compiles against is generated from the Rust types here.
//! This test fails when `ui/src/lib/bindings.ts` is stale; regenerate it with
//! `UPDATE_BINDINGS=1 cargo test -p secretariat-api --test bindings`. Every type comes from this
//! crate (the rules' and the store's through `types`): the api crate owns the contract.

use secretariat_api::backups::{BackupCheck, BackupRow, BackupsView, SetBackupFolder};
use secretariat_api::contract::wire::*;
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
use secretariat_api::tor::{RuleOff, TorLine};
use secretariat_api::work::{
    AddWorkToAgenda, DeclareInterest, DigestRequest, LinkWorkItem, SaveWorkEntry, SetWorkStatus, SubgroupChoice, WorkKindInfo, WorkPage, WorkView,
};
use secretariat_api::{ApiError, ErrorKind};
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
        GroupShape::decl(&cfg),
        secretariat_rules::shape::SeatShape::decl(&cfg),
        secretariat_rules::shape::RuleNumbers::decl(&cfg),
        secretariat_rules::shape::GroupHabits::decl(&cfg),
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
        DayBoard::decl(&cfg),
        Finding::decl(&cfg),
        Severity::decl(&cfg),
        Subject::decl(&cfg),
        SubjectKind::decl(&cfg),
        MoveOutcome::decl(&cfg),
        MembersView::decl(&cfg),
        SaveOrganisation::decl(&cfg),
        FactChange::decl(&cfg),
        OrganisationFactsEntry::decl(&cfg),
        ManagerStatusEntry::decl(&cfg),
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
        // The contract's small requests (crates/api/src/contract.rs).
        OfGroup::decl(&cfg),
        SetBankHolidays::decl(&cfg),
        ComplianceOn::decl(&cfg),
        OfPerson::decl(&cfg),
        OfOrganisation::decl(&cfg),
        DocumentRequest::decl(&cfg),
        OfMeeting::decl(&cfg),
        MoveAgendaItem::decl(&cfg),
        OfAgendaItem::decl(&cfg),
        InspectPaper::decl(&cfg),
        OfElection::decl(&cfg),
        OfNomination::decl(&cfg),
        SetElectionMethod::decl(&cfg),
        OpenVoting::decl(&cfg),
        IssuePaper::decl(&cfg),
        PrintBallots::decl(&cfg),
        Serials::decl(&cfg),
        VerifyPaper::decl(&cfg),
        OfReturnedPaper::decl(&cfg),
        OfYear::decl(&cfg),
        SetMinuteTaker::decl(&cfg),
        ApproveMinutes::decl(&cfg),
        AddCorrection::decl(&cfg),
        SetActionStatus::decl(&cfg),
        SetConsensusBase::decl(&cfg),
        OfVolunteer::decl(&cfg),
        OfPosition::decl(&cfg),
        AddViewpoint::decl(&cfg),
        OfSubgroup::decl(&cfg),
        OfReportBack::decl(&cfg),
        WorkFilter::decl(&cfg),
        OfWorkEntry::decl(&cfg),
        OfDeclaration::decl(&cfg),
        RuleSwitch::decl(&cfg),
        TorSetting::decl(&cfg),
        AmendmentEffect::decl(&cfg),
        AmendmentInput::decl(&cfg),
        AmendmentView::decl(&cfg),
        AmendmentMeeting::decl(&cfg),
        AmendmentDecision::decl(&cfg),
        TorView::decl(&cfg),
        TorLine::decl(&cfg),
        RuleOff::decl(&cfg),
        AmendTor::decl(&cfg),
        AmendmentPreview::decl(&cfg),
        OfAmendment::decl(&cfg),
        SetTorText::decl(&cfg),
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

/// One command of the contract: its name, its request's TypeScript (none: it takes nothing)
/// and its reply's.
struct Entry {
    name: &'static str,
    request: Option<String>,
    reply: String,
}

macro_rules! entries {
    ($($module:ident :: $name:ident ( $($request:ty)? ) -> $reply:ty ;)*) => {
        fn entries(cfg: &Config) -> Vec<Entry> {
            vec![$(Entry {
                name: stringify!($name),
                request: {
                    let named: &[String] = &[$(<$request as TS>::name(cfg))?];
                    named.first().cloned()
                },
                reply: <$reply as TS>::name(cfg),
            }),*]
        }
    };
}
secretariat_api::for_each_command!(entries);

/// `ui/src/lib/commands.ts`: the contract as one TypeScript interface, which `api.ts`'s one
/// `call` and the UI tests' doubles are typed by.
fn generate_commands() -> String {
    let cfg = Config::new().with_large_int("number");
    let entries = entries(&cfg);
    let mut types = std::collections::BTreeSet::new();
    for e in &entries {
        for text in e.request.iter().chain([&e.reply]) {
            for word in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
                if word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Array" {
                    types.insert(word.to_owned());
                }
            }
        }
    }
    let mut out = String::from(
        "// Generated from the contract in crates/api/src/contract.rs by\n\
         // `UPDATE_BINDINGS=1 cargo test -p secretariat-api --test bindings`. Do not edit.\n\n",
    );
    out.push_str(&format!("import type {{ {} }} from './bindings';\n\n", types.into_iter().collect::<Vec<_>>().join(", ")));
    out.push_str(
        "/** Every command the window may call: what it takes (sent as `request`; `null`: nothing) and what it answers. */\nexport interface Commands {\n",
    );
    for e in &entries {
        out.push_str(&format!("  {}: {{ request: {}; reply: {} }};\n", e.name, e.request.as_deref().unwrap_or("null"), e.reply));
    }
    out.push_str("}\n\nexport type Command = keyof Commands;\n\n");
    out.push_str(
        "/** How a command is called: `api.ts`'s `call`, which turns a failure into an `ApiFailure`. */\n\
         export type Call = <K extends Command>(command: K, ...request: Commands[K]['request'] extends null ? [] : [Commands[K]['request']]) => Promise<Commands[K]['reply']>;\n\n\
         /** One function per command, each calling it through `call` with its request. */\n\
         export function commands(call: Call) {\n  return {\n",
    );
    for e in &entries {
        match &e.request {
            Some(request) => out.push_str(&format!("    {0}: (request: {1}) => call('{0}', request),\n", e.name, request)),
            None => out.push_str(&format!("    {0}: () => call('{0}'),\n", e.name)),
        }
    }
    out.push_str("  };\n}\n");
    out
}

#[test]
fn the_commands_are_generated_from_the_contract_and_granted_exactly() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join("ui/src/lib/commands.ts");
    let fresh = generate_commands();
    if std::env::var("UPDATE_BINDINGS").as_deref() == Ok("1") {
        std::fs::write(&path, &fresh).unwrap();
    } else {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == fresh, "ui/src/lib/commands.ts is stale: run UPDATE_BINDINGS=1 cargo test -p secretariat-api --test bindings");
    }

    // The capability grants exactly the contract's commands (each `allow-<name>`), besides the plugins'.
    let capability: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("src-tauri/capabilities/main.json")).unwrap()).unwrap();
    let granted: std::collections::BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    let declared: std::collections::BTreeSet<String> = entries(&Config::new()).iter().map(|e| e.name.to_owned()).collect();
    assert_eq!(granted, declared, "src-tauri/capabilities/main.json must grant exactly the commands of crates/api/src/contract.rs");
}
