// Generated from the contract in crates/api/src/contract.rs by
// `UPDATE_BINDINGS=1 cargo test -p secretariat-api --test bindings`. Do not edit.

import type { ActionView, AddAction, AddCorrection, AddDecision, AddInvitee, AddNomination, AddPlace, AddPosition, AddViewpoint, AddWorkToAgenda, AmendTor, AmendmentEffect, AmendmentPreview, AppState, Appoint, ApproveMinutes, ArchivedDocument, AttachPaper, AttendanceYear, BackupCheck, BackupMade, BackupsView, CloseNominations, CloseSubgroup, Compliance, ComplianceOn, CreateElection, CreateGroupRequest, DecideStrike, DecisionsView, Declare, DeclareInterest, DigestRequest, DocumentRequest, ElectionPage, ElectionsView, EmployerChange, EmployerChangePreview, EndPlace, EndTerm, EnterPaper, ErasePerson, ErasureResult, FillSeat, GroupCreated, GroupHome, GroupShape, HoldInPrivate, ImportPreview, ImportRequest, InspectPaper, IssuePaper, LinkWorkItem, LoadDemoRequest, MeetingPage, MeetingRecord, MeetingRow, MembersView, MoveAgendaItem, MoveReportBack, OfAgendaItem, OfAmendment, OfDeclaration, OfElection, OfGroup, OfMeeting, OfNomination, OfOrganisation, OfPerson, OfPosition, OfReportBack, OfReturnedPaper, OfSubgroup, OfVolunteer, OfWorkEntry, OfYear, OpenVoting, OrganisationRecord, PaperPreview, PersonDetail, PlanSeries, PrintBallots, PublicDecision, PurgeRetention, RecordReport, RecoverRequest, RenamePaper, RequestReportBack, Restored, RetentionPurged, RetentionReport, SaveAgendaItem, SaveAttendance, SaveMeeting, SaveNotes, SaveOrganisation, SavePerson, SaveSubgroup, SaveWorkEntry, Serials, SetActionStatus, SetBankHolidays, SetConsensusBase, SetElectionMethod, SetMinuteTaker, SetTorText, SetWorkStatus, SubgroupPage, SubgroupsView, TorView, VerifyPaper, VerifyReport, WorkFilter, WorkPage, WorkView } from './bindings';

/** Every command the window may call: what it takes (sent as `request`; `null`: nothing) and what it answers. */
export interface Commands {
  app_state: { request: null; reply: AppState };
  create_group: { request: CreateGroupRequest; reply: GroupCreated };
  load_demo: { request: LoadDemoRequest; reply: GroupCreated };
  recover: { request: RecoverRequest; reply: AppState };
  choose_rules_file: { request: null; reply: GroupShape | null };
  save_rules_file: { request: OfGroup; reply: string | null };
  group_home: { request: OfGroup; reply: GroupHome };
  set_bank_holidays: { request: SetBankHolidays; reply: GroupHome };
  tor: { request: ComplianceOn; reply: TorView };
  preview_amendment: { request: AmendTor; reply: AmendmentPreview };
  amend_tor: { request: AmendTor; reply: TorView };
  withdraw_amendment: { request: OfAmendment; reply: TorView };
  set_tor_text: { request: SetTorText; reply: TorView };
  startup_mark: { request: null; reply: null };
  compliance: { request: ComplianceOn; reply: Compliance };
  members: { request: OfGroup; reply: MembersView };
  person: { request: OfPerson; reply: PersonDetail };
  organisation: { request: OfOrganisation; reply: OrganisationRecord };
  save_organisation: { request: SaveOrganisation; reply: OrganisationRecord };
  save_person: { request: SavePerson; reply: PersonDetail };
  preview_employer_change: { request: EmployerChange; reply: EmployerChangePreview };
  preview_save_organisation: { request: SaveOrganisation; reply: AmendmentEffect };
  preview_save_person: { request: SavePerson; reply: AmendmentEffect };
  preview_fill_seat: { request: FillSeat; reply: AmendmentEffect };
  preview_appoint: { request: Appoint; reply: AmendmentEffect };
  change_employer: { request: EmployerChange; reply: PersonDetail };
  fill_seat: { request: FillSeat; reply: MembersView };
  end_term: { request: EndTerm; reply: MembersView };
  appoint: { request: Appoint; reply: MembersView };
  add_invitee: { request: AddInvitee; reply: MembersView };
  preview_import: { request: ImportRequest; reply: ImportPreview };
  import_register: { request: ImportRequest; reply: ImportPreview };
  save_document: { request: DocumentRequest; reply: string | null };
  open_document: { request: DocumentRequest; reply: string };
  save_digest: { request: DigestRequest; reply: string | null };
  open_digest: { request: DigestRequest; reply: string };
  show_document_in_folder: { request: DocumentRequest; reply: string };
  document_archive: { request: OfGroup; reply: Array<ArchivedDocument> };
  meetings: { request: OfGroup; reply: Array<MeetingRow> };
  meeting: { request: OfMeeting; reply: MeetingPage };
  save_meeting: { request: SaveMeeting; reply: MeetingPage };
  plan_series: { request: PlanSeries; reply: Array<MeetingRow> };
  save_agenda_item: { request: SaveAgendaItem; reply: MeetingPage };
  move_agenda_item: { request: MoveAgendaItem; reply: MeetingPage };
  remove_agenda_item: { request: OfAgendaItem; reply: MeetingPage };
  attach_paper: { request: AttachPaper; reply: MeetingPage };
  attach_terms_of_reference: { request: OfAgendaItem; reply: MeetingPage };
  inspect_paper: { request: InspectPaper; reply: PaperPreview };
  rename_paper: { request: RenamePaper; reply: MeetingPage };
  mark_published: { request: OfMeeting; reply: MeetingPage };
  build_pack: { request: OfMeeting; reply: MeetingPage };
  elections: { request: OfGroup; reply: ElectionsView };
  election: { request: OfElection; reply: ElectionPage };
  create_election: { request: CreateElection; reply: ElectionPage };
  add_nomination: { request: AddNomination; reply: ElectionPage };
  close_nominations_early: { request: CloseNominations; reply: ElectionPage };
  withdraw_nomination: { request: OfNomination; reply: ElectionPage };
  set_election_method: { request: SetElectionMethod; reply: ElectionPage };
  open_voting: { request: OpenVoting; reply: ElectionPage };
  issue_paper: { request: IssuePaper; reply: ElectionPage };
  print_ballots: { request: PrintBallots; reply: ElectionPage };
  reprint_ballots: { request: Serials; reply: ElectionPage };
  mark_unused: { request: Serials; reply: ElectionPage };
  enter_paper: { request: EnterPaper; reply: ElectionPage };
  verify_paper: { request: VerifyPaper; reply: ElectionPage };
  remove_paper: { request: OfReturnedPaper; reply: ElectionPage };
  count_election: { request: OfElection; reply: ElectionPage };
  declare_result: { request: Declare; reply: ElectionPage };
  cancel_election: { request: OfElection; reply: ElectionPage };
  meeting_record: { request: OfMeeting; reply: MeetingRecord };
  save_attendance: { request: SaveAttendance; reply: MeetingRecord };
  attendance_year: { request: OfYear; reply: AttendanceYear };
  decide_strike: { request: DecideStrike; reply: AttendanceYear };
  save_item_notes: { request: SaveNotes; reply: MeetingRecord };
  hold_in_private: { request: HoldInPrivate; reply: MeetingRecord };
  set_minute_taker: { request: SetMinuteTaker; reply: MeetingRecord };
  approve_minutes: { request: ApproveMinutes; reply: MeetingRecord };
  add_correction: { request: AddCorrection; reply: MeetingRecord };
  add_action: { request: AddAction; reply: MeetingRecord };
  set_action_status: { request: SetActionStatus; reply: Array<ActionView> };
  decisions: { request: OfGroup; reply: DecisionsView };
  add_decision: { request: AddDecision; reply: DecisionsView };
  set_consensus_base: { request: SetConsensusBase; reply: DecisionsView };
  add_position: { request: AddPosition; reply: DecisionsView };
  volunteer: { request: OfVolunteer; reply: DecisionsView };
  withdraw_volunteer: { request: OfVolunteer; reply: DecisionsView };
  start_outline: { request: OfPosition; reply: DecisionsView };
  add_viewpoint: { request: AddViewpoint; reply: DecisionsView };
  decide_public_position: { request: PublicDecision; reply: DecisionsView };
  subgroups: { request: OfGroup; reply: SubgroupsView };
  subgroup: { request: OfSubgroup; reply: SubgroupPage };
  save_subgroup: { request: SaveSubgroup; reply: SubgroupPage };
  add_subgroup_place: { request: AddPlace; reply: SubgroupPage };
  end_subgroup_place: { request: EndPlace; reply: SubgroupPage };
  close_subgroup: { request: CloseSubgroup; reply: SubgroupPage };
  request_report_back: { request: RequestReportBack; reply: SubgroupPage };
  record_report: { request: RecordReport; reply: SubgroupPage };
  move_report_back: { request: MoveReportBack; reply: SubgroupPage };
  withdraw_report_back: { request: OfReportBack; reply: SubgroupPage };
  work: { request: WorkFilter; reply: WorkView };
  work_entry: { request: OfWorkEntry; reply: WorkPage };
  save_work_entry: { request: SaveWorkEntry; reply: WorkPage };
  set_work_status: { request: SetWorkStatus; reply: WorkPage };
  add_work_to_agenda: { request: AddWorkToAgenda; reply: WorkPage };
  link_work_item: { request: LinkWorkItem; reply: WorkPage };
  unlink_work_item: { request: LinkWorkItem; reply: WorkPage };
  declare_interest: { request: DeclareInterest; reply: MeetingRecord };
  remove_declaration: { request: OfDeclaration; reply: MeetingRecord };
  backups: { request: null; reply: BackupsView };
  back_up_now: { request: null; reply: BackupMade };
  choose_backup_folder: { request: null; reply: BackupsView | null };
  use_default_backup_folder: { request: null; reply: BackupsView };
  choose_backup_to_restore: { request: null; reply: BackupCheck | null };
  restore_backup: { request: null; reply: Restored };
  verify_database: { request: null; reply: VerifyReport };
  retention_report: { request: OfGroup; reply: RetentionReport };
  purge_retention: { request: PurgeRetention; reply: RetentionPurged };
  save_subject_access: { request: OfPerson; reply: string | null };
  erase_person: { request: ErasePerson; reply: ErasureResult };
}

export type Command = keyof Commands;

/** How a command is called: `api.ts`'s `call`, which turns a failure into an `ApiFailure`. */
export type Call = <K extends Command>(command: K, ...request: Commands[K]['request'] extends null ? [] : [Commands[K]['request']]) => Promise<Commands[K]['reply']>;

/** One function per command, each calling it through `call` with its request. */
export function commands(call: Call) {
  return {
    app_state: () => call('app_state'),
    create_group: (request: CreateGroupRequest) => call('create_group', request),
    load_demo: (request: LoadDemoRequest) => call('load_demo', request),
    recover: (request: RecoverRequest) => call('recover', request),
    choose_rules_file: () => call('choose_rules_file'),
    save_rules_file: (request: OfGroup) => call('save_rules_file', request),
    group_home: (request: OfGroup) => call('group_home', request),
    set_bank_holidays: (request: SetBankHolidays) => call('set_bank_holidays', request),
    tor: (request: ComplianceOn) => call('tor', request),
    preview_amendment: (request: AmendTor) => call('preview_amendment', request),
    amend_tor: (request: AmendTor) => call('amend_tor', request),
    withdraw_amendment: (request: OfAmendment) => call('withdraw_amendment', request),
    set_tor_text: (request: SetTorText) => call('set_tor_text', request),
    startup_mark: () => call('startup_mark'),
    compliance: (request: ComplianceOn) => call('compliance', request),
    members: (request: OfGroup) => call('members', request),
    person: (request: OfPerson) => call('person', request),
    organisation: (request: OfOrganisation) => call('organisation', request),
    save_organisation: (request: SaveOrganisation) => call('save_organisation', request),
    save_person: (request: SavePerson) => call('save_person', request),
    preview_employer_change: (request: EmployerChange) => call('preview_employer_change', request),
    preview_save_organisation: (request: SaveOrganisation) => call('preview_save_organisation', request),
    preview_save_person: (request: SavePerson) => call('preview_save_person', request),
    preview_fill_seat: (request: FillSeat) => call('preview_fill_seat', request),
    preview_appoint: (request: Appoint) => call('preview_appoint', request),
    change_employer: (request: EmployerChange) => call('change_employer', request),
    fill_seat: (request: FillSeat) => call('fill_seat', request),
    end_term: (request: EndTerm) => call('end_term', request),
    appoint: (request: Appoint) => call('appoint', request),
    add_invitee: (request: AddInvitee) => call('add_invitee', request),
    preview_import: (request: ImportRequest) => call('preview_import', request),
    import_register: (request: ImportRequest) => call('import_register', request),
    save_document: (request: DocumentRequest) => call('save_document', request),
    open_document: (request: DocumentRequest) => call('open_document', request),
    save_digest: (request: DigestRequest) => call('save_digest', request),
    open_digest: (request: DigestRequest) => call('open_digest', request),
    show_document_in_folder: (request: DocumentRequest) => call('show_document_in_folder', request),
    document_archive: (request: OfGroup) => call('document_archive', request),
    meetings: (request: OfGroup) => call('meetings', request),
    meeting: (request: OfMeeting) => call('meeting', request),
    save_meeting: (request: SaveMeeting) => call('save_meeting', request),
    plan_series: (request: PlanSeries) => call('plan_series', request),
    save_agenda_item: (request: SaveAgendaItem) => call('save_agenda_item', request),
    move_agenda_item: (request: MoveAgendaItem) => call('move_agenda_item', request),
    remove_agenda_item: (request: OfAgendaItem) => call('remove_agenda_item', request),
    attach_paper: (request: AttachPaper) => call('attach_paper', request),
    attach_terms_of_reference: (request: OfAgendaItem) => call('attach_terms_of_reference', request),
    inspect_paper: (request: InspectPaper) => call('inspect_paper', request),
    rename_paper: (request: RenamePaper) => call('rename_paper', request),
    mark_published: (request: OfMeeting) => call('mark_published', request),
    build_pack: (request: OfMeeting) => call('build_pack', request),
    elections: (request: OfGroup) => call('elections', request),
    election: (request: OfElection) => call('election', request),
    create_election: (request: CreateElection) => call('create_election', request),
    add_nomination: (request: AddNomination) => call('add_nomination', request),
    close_nominations_early: (request: CloseNominations) => call('close_nominations_early', request),
    withdraw_nomination: (request: OfNomination) => call('withdraw_nomination', request),
    set_election_method: (request: SetElectionMethod) => call('set_election_method', request),
    open_voting: (request: OpenVoting) => call('open_voting', request),
    issue_paper: (request: IssuePaper) => call('issue_paper', request),
    print_ballots: (request: PrintBallots) => call('print_ballots', request),
    reprint_ballots: (request: Serials) => call('reprint_ballots', request),
    mark_unused: (request: Serials) => call('mark_unused', request),
    enter_paper: (request: EnterPaper) => call('enter_paper', request),
    verify_paper: (request: VerifyPaper) => call('verify_paper', request),
    remove_paper: (request: OfReturnedPaper) => call('remove_paper', request),
    count_election: (request: OfElection) => call('count_election', request),
    declare_result: (request: Declare) => call('declare_result', request),
    cancel_election: (request: OfElection) => call('cancel_election', request),
    meeting_record: (request: OfMeeting) => call('meeting_record', request),
    save_attendance: (request: SaveAttendance) => call('save_attendance', request),
    attendance_year: (request: OfYear) => call('attendance_year', request),
    decide_strike: (request: DecideStrike) => call('decide_strike', request),
    save_item_notes: (request: SaveNotes) => call('save_item_notes', request),
    hold_in_private: (request: HoldInPrivate) => call('hold_in_private', request),
    set_minute_taker: (request: SetMinuteTaker) => call('set_minute_taker', request),
    approve_minutes: (request: ApproveMinutes) => call('approve_minutes', request),
    add_correction: (request: AddCorrection) => call('add_correction', request),
    add_action: (request: AddAction) => call('add_action', request),
    set_action_status: (request: SetActionStatus) => call('set_action_status', request),
    decisions: (request: OfGroup) => call('decisions', request),
    add_decision: (request: AddDecision) => call('add_decision', request),
    set_consensus_base: (request: SetConsensusBase) => call('set_consensus_base', request),
    add_position: (request: AddPosition) => call('add_position', request),
    volunteer: (request: OfVolunteer) => call('volunteer', request),
    withdraw_volunteer: (request: OfVolunteer) => call('withdraw_volunteer', request),
    start_outline: (request: OfPosition) => call('start_outline', request),
    add_viewpoint: (request: AddViewpoint) => call('add_viewpoint', request),
    decide_public_position: (request: PublicDecision) => call('decide_public_position', request),
    subgroups: (request: OfGroup) => call('subgroups', request),
    subgroup: (request: OfSubgroup) => call('subgroup', request),
    save_subgroup: (request: SaveSubgroup) => call('save_subgroup', request),
    add_subgroup_place: (request: AddPlace) => call('add_subgroup_place', request),
    end_subgroup_place: (request: EndPlace) => call('end_subgroup_place', request),
    close_subgroup: (request: CloseSubgroup) => call('close_subgroup', request),
    request_report_back: (request: RequestReportBack) => call('request_report_back', request),
    record_report: (request: RecordReport) => call('record_report', request),
    move_report_back: (request: MoveReportBack) => call('move_report_back', request),
    withdraw_report_back: (request: OfReportBack) => call('withdraw_report_back', request),
    work: (request: WorkFilter) => call('work', request),
    work_entry: (request: OfWorkEntry) => call('work_entry', request),
    save_work_entry: (request: SaveWorkEntry) => call('save_work_entry', request),
    set_work_status: (request: SetWorkStatus) => call('set_work_status', request),
    add_work_to_agenda: (request: AddWorkToAgenda) => call('add_work_to_agenda', request),
    link_work_item: (request: LinkWorkItem) => call('link_work_item', request),
    unlink_work_item: (request: LinkWorkItem) => call('unlink_work_item', request),
    declare_interest: (request: DeclareInterest) => call('declare_interest', request),
    remove_declaration: (request: OfDeclaration) => call('remove_declaration', request),
    backups: () => call('backups'),
    back_up_now: () => call('back_up_now'),
    choose_backup_folder: () => call('choose_backup_folder'),
    use_default_backup_folder: () => call('use_default_backup_folder'),
    choose_backup_to_restore: () => call('choose_backup_to_restore'),
    restore_backup: () => call('restore_backup'),
    verify_database: () => call('verify_database'),
    retention_report: (request: OfGroup) => call('retention_report', request),
    purge_retention: (request: PurgeRetention) => call('purge_retention', request),
    save_subject_access: (request: OfPerson) => call('save_subject_access', request),
    erase_person: (request: ErasePerson) => call('erase_person', request),
  };
}
