// The only module that talks to Rust. Every command the window may call is here,
// typed with the bindings generated from the Rust types; a failure arrives as an
// `ApiFailure` carrying `{kind, message, field?}`.
import { invoke } from '@tauri-apps/api/core';
import type {
  AddWorkToAgenda,
  DeclareInterest,
  DigestRequest,
  LinkWorkItem,
  SaveWorkEntry,
  SetWorkStatus,
  WorkKind,
  WorkPage,
  WorkView,
  AddPlace,
  CloseSubgroup,
  EndPlace,
  MoveReportBack,
  RecordReport,
  RequestReportBack,
  SaveSubgroup,
  SubgroupPage,
  SubgroupsView,
  ActionStatus,
  ActionView,
  AddAction,
  AddDecision,
  AddPosition,
  AttendanceYear,
  ConsensusBase,
  DecideStrike,
  DecisionsView,
  HoldInPrivate,
  MeetingRecord,
  PublicDecision,
  SaveAttendance,
  SaveNotes,
  AddNomination,
  CloseNominations,
  CreateElection,
  Declare,
  ElectionPage,
  ElectionsView,
  EnterPaper,
  Method,
  AddInvitee,
  AttachPaper,
  ArchivedDocument,
  PaperPreview,
  RenamePaper,
  MeetingPage,
  MeetingRow,
  PlanSeries,
  SaveAgendaItem,
  SaveMeeting,
  ApiError,
  Appoint,
  AppState,
  Compliance,
  EmployerChange,
  EmployerChangePreview,
  EndTerm,
  FillSeat,
  ImportPreview,
  ImportRequest,
  MembersView,
  OrganisationRecord,
  PersonDetail,
  DocumentKind,
  SaveOrganisation,
  SavePerson,
  CreateGroupRequest,
  ErrorKind,
  GroupCreated,
  GroupHome,
  Nation,
  LoadDemoRequest,
  RecoverRequest,
  BackupCheck,
  BackupMade,
  BackupsView,
  Restored,
  VerifyReport,
  PurgeRetention,
  ErasePerson,
  ErasureResult,
  RetentionPurged,
  RetentionReport,
} from './bindings';

export class ApiFailure extends Error {
  readonly kind: ErrorKind;
  readonly field?: string;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.kind = error.kind;
    this.field = error.field;
  }
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'kind' in value && 'message' in value;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isApiError(error)) throw new ApiFailure(error);
    throw new ApiFailure({ kind: 'internal', message: String(error) });
  }
}

export const api = {
  appState: () => call<AppState>('app_state'),
  createGroup: (request: CreateGroupRequest) => call<GroupCreated>('create_group', { request }),
  loadDemo: (request: LoadDemoRequest) => call<GroupCreated>('load_demo', { request }),
  recover: (request: RecoverRequest) => call<AppState>('recover', { request }),
  groupHome: (groupId: number) => call<GroupHome>('group_home', { groupId }),
  /** Whose bank holidays proposed deadlines skip; the group's home. */
  setBankHolidays: (groupId: number, nation: Nation) => call<GroupHome>('set_bank_holidays', { groupId, nation }),
  /** Tells `scripts/bench` that Home is painted with data; does nothing unless the bench asked for it. */
  startupMark: () => call<null>('startup_mark'),
  compliance: (groupId: number, on?: string) => call<Compliance>('compliance', { groupId, on: on ?? null }),
  members: (groupId: number) => call<MembersView>('members', { groupId }),
  person: (groupId: number, personId: number) => call<PersonDetail>('person', { groupId, personId }),
  organisation: (groupId: number, organisationId: number) =>
    call<OrganisationRecord>('organisation', { groupId, organisationId }),
  saveOrganisation: (request: SaveOrganisation) => call<OrganisationRecord>('save_organisation', { request }),
  savePerson: (request: SavePerson) => call<PersonDetail>('save_person', { request }),
  previewEmployerChange: (request: EmployerChange) =>
    call<EmployerChangePreview>('preview_employer_change', { request }),
  changeEmployer: (request: EmployerChange) => call<PersonDetail>('change_employer', { request }),
  fillSeat: (request: FillSeat) => call<MembersView>('fill_seat', { request }),
  endTerm: (request: EndTerm) => call<MembersView>('end_term', { request }),
  appoint: (request: Appoint) => call<MembersView>('appoint', { request }),
  addInvitee: (request: AddInvitee) => call<MembersView>('add_invitee', { request }),
  previewImport: (request: ImportRequest) => call<ImportPreview>('preview_import', { request }),
  importRegister: (request: ImportRequest) => call<ImportPreview>('import_register', { request }),
  saveDocument: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    call<string | null>('save_document', { groupId, kind, recordId }),
  openDocument: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    call<string>('open_document', { groupId, kind, recordId }),
  /** Writes the document where "Open in viewer" would and shows it in the file manager; its path. */
  showDocumentInFolder: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    call<string>('show_document_in_folder', { groupId, kind, recordId }),
  documentArchive: (groupId: number) => call<ArchivedDocument[]>('document_archive', { groupId }),
  meetings: (groupId: number) => call<MeetingRow[]>('meetings', { groupId }),
  meeting: (groupId: number, meetingId: number) => call<MeetingPage>('meeting', { groupId, meetingId }),
  saveMeeting: (request: SaveMeeting) => call<MeetingPage>('save_meeting', { request }),
  planSeries: (request: PlanSeries) => call<MeetingRow[]>('plan_series', { request }),
  saveAgendaItem: (request: SaveAgendaItem) => call<MeetingPage>('save_agenda_item', { request }),
  moveAgendaItem: (groupId: number, meetingId: number, itemId: number, by: number) =>
    call<MeetingPage>('move_agenda_item', { groupId, meetingId, itemId, by }),
  removeAgendaItem: (groupId: number, meetingId: number, itemId: number) =>
    call<MeetingPage>('remove_agenda_item', { groupId, meetingId, itemId }),
  attachPaper: (request: AttachPaper) => call<MeetingPage>('attach_paper', { request }),
  inspectPaper: (groupId: number, fileName: string, dataBase64: string) =>
    call<PaperPreview>('inspect_paper', { groupId, fileName, dataBase64 }),
  renamePaper: (request: RenamePaper) => call<MeetingPage>('rename_paper', { request }),
  markPublished: (groupId: number, meetingId: number) => call<MeetingPage>('mark_published', { groupId, meetingId }),
  buildPack: (groupId: number, meetingId: number) => call<MeetingPage>('build_pack', { groupId, meetingId }),
  elections: (groupId: number) => call<ElectionsView>('elections', { groupId }),
  election: (groupId: number, electionId: number) => call<ElectionPage>('election', { groupId, electionId }),
  createElection: (request: CreateElection) => call<ElectionPage>('create_election', { request }),
  addNomination: (request: AddNomination) => call<ElectionPage>('add_nomination', { request }),
  /** Closes nominations before the date in the call, for a reason (audited). */
  closeNominationsEarly: (request: CloseNominations) => call<ElectionPage>('close_nominations_early', { request }),
  withdrawNomination: (groupId: number, electionId: number, nominationId: number) =>
    call<ElectionPage>('withdraw_nomination', { groupId, electionId, nominationId }),
  setElectionMethod: (groupId: number, electionId: number, method: Method) =>
    call<ElectionPage>('set_election_method', { groupId, electionId, method }),
  openVoting: (groupId: number, electionId: number, pollCloses: string | null, electors: number[] | null = null) =>
    call<ElectionPage>('open_voting', { groupId, electionId, electors, pollCloses }),
  issuePaper: (groupId: number, electionId: number, personId: number) =>
    call<ElectionPage>('issue_paper', { groupId, electionId, personId }),
  printBallots: (groupId: number, electionId: number, copies: number) =>
    call<ElectionPage>('print_ballots', { groupId, electionId, copies }),
  reprintBallots: (groupId: number, electionId: number, serials: number[]) =>
    call<ElectionPage>('reprint_ballots', { groupId, electionId, serials }),
  markUnused: (groupId: number, electionId: number, serials: number[]) =>
    call<ElectionPage>('mark_unused', { groupId, electionId, serials }),
  enterPaper: (request: EnterPaper) => call<ElectionPage>('enter_paper', { request }),
  verifyPaper: (groupId: number, electionId: number, paperId: number, verifiedBy: string) =>
    call<ElectionPage>('verify_paper', { groupId, electionId, paperId, verifiedBy }),
  removePaper: (groupId: number, electionId: number, paperId: number) =>
    call<ElectionPage>('remove_paper', { groupId, electionId, paperId }),
  countElection: (groupId: number, electionId: number) => call<ElectionPage>('count_election', { groupId, electionId }),
  declareResult: (request: Declare) => call<ElectionPage>('declare_result', { request }),
  cancelElection: (groupId: number, electionId: number) => call<ElectionPage>('cancel_election', { groupId, electionId }),
  meetingRecord: (groupId: number, meetingId: number) => call<MeetingRecord>('meeting_record', { groupId, meetingId }),
  saveAttendance: (request: SaveAttendance) => call<MeetingRecord>('save_attendance', { request }),
  attendanceYear: (groupId: number, year: number) => call<AttendanceYear>('attendance_year', { groupId, year }),
  decideStrike: (request: DecideStrike) => call<AttendanceYear>('decide_strike', { request }),
  saveItemNotes: (request: SaveNotes) => call<MeetingRecord>('save_item_notes', { request }),
  holdInPrivate: (request: HoldInPrivate) => call<MeetingRecord>('hold_in_private', { request }),
  setMinuteTaker: (groupId: number, meetingId: number, name: string) => call<MeetingRecord>('set_minute_taker', { groupId, meetingId, name }),
  approveMinutes: (groupId: number, meetingId: number, atMeeting: number, note: string) =>
    call<MeetingRecord>('approve_minutes', { groupId, meetingId, atMeeting, note }),
  addCorrection: (groupId: number, meetingId: number, itemId: number | null, correction: string) =>
    call<MeetingRecord>('add_correction', { groupId, meetingId, itemId, correction }),
  addAction: (request: AddAction) => call<MeetingRecord>('add_action', { request }),
  setActionStatus: (groupId: number, actionId: number, status: ActionStatus) =>
    call<ActionView[]>('set_action_status', { groupId, actionId, status }),
  decisions: (groupId: number) => call<DecisionsView>('decisions', { groupId }),
  addDecision: (request: AddDecision) => call<DecisionsView>('add_decision', { request }),
  setConsensusBase: (groupId: number, base: ConsensusBase) => call<DecisionsView>('set_consensus_base', { groupId, base }),
  addPosition: (request: AddPosition) => call<DecisionsView>('add_position', { request }),
  volunteer: (groupId: number, positionId: number, personId: number) => call<DecisionsView>('volunteer', { groupId, positionId, personId }),
  withdrawVolunteer: (groupId: number, positionId: number, personId: number) =>
    call<DecisionsView>('withdraw_volunteer', { groupId, positionId, personId }),
  startOutline: (groupId: number, positionId: number) => call<DecisionsView>('start_outline', { groupId, positionId }),
  addViewpoint: (groupId: number, positionId: number, viewpoint: string) =>
    call<DecisionsView>('add_viewpoint', { groupId, positionId, viewpoint }),
  decidePublicPosition: (request: PublicDecision) => call<DecisionsView>('decide_public_position', { request }),
  subgroups: (groupId: number) => call<SubgroupsView>('subgroups', { groupId }),
  subgroup: (groupId: number, subgroupId: number) => call<SubgroupPage>('subgroup', { groupId, subgroupId }),
  saveSubgroup: (request: SaveSubgroup) => call<SubgroupPage>('save_subgroup', { request }),
  addSubgroupPlace: (request: AddPlace) => call<SubgroupPage>('add_subgroup_place', { request }),
  endSubgroupPlace: (request: EndPlace) => call<SubgroupPage>('end_subgroup_place', { request }),
  closeSubgroup: (request: CloseSubgroup) => call<SubgroupPage>('close_subgroup', { request }),
  requestReportBack: (request: RequestReportBack) => call<SubgroupPage>('request_report_back', { request }),
  recordReport: (request: RecordReport) => call<SubgroupPage>('record_report', { request }),
  moveReportBack: (request: MoveReportBack) => call<SubgroupPage>('move_report_back', { request }),
  withdrawReportBack: (groupId: number, subgroupId: number, reportBackId: number) =>
    call<SubgroupPage>('withdraw_report_back', { groupId, subgroupId, reportBackId }),
  work: (groupId: number, kind?: WorkKind) => call<WorkView>('work', { groupId, kind: kind ?? null }),
  workEntry: (groupId: number, entryId: number) => call<WorkPage>('work_entry', { groupId, entryId }),
  saveWorkEntry: (request: SaveWorkEntry) => call<WorkPage>('save_work_entry', { request }),
  setWorkStatus: (request: SetWorkStatus) => call<WorkPage>('set_work_status', { request }),
  addWorkToAgenda: (request: AddWorkToAgenda) => call<WorkPage>('add_work_to_agenda', { request }),
  linkWorkItem: (request: LinkWorkItem) => call<WorkPage>('link_work_item', { request }),
  unlinkWorkItem: (request: LinkWorkItem) => call<WorkPage>('unlink_work_item', { request }),
  /** The digest for the wider community (ToR §3b, §5d), saved through the native dialog; `null` when cancelled. */
  saveDigest: (request: DigestRequest) => call<string | null>('save_digest', { request }),
  openDigest: (request: DigestRequest) => call<string>('open_digest', { request }),
  declareInterest: (request: DeclareInterest) => call<MeetingRecord>('declare_interest', { request }),
  removeDeclaration: (groupId: number, meetingId: number, declarationId: number) =>
    call<MeetingRecord>('remove_declaration', { groupId, meetingId, declarationId }),
  backups: () => call<BackupsView>('backups'),
  backUpNow: () => call<BackupMade>('back_up_now'),
  /** Rust asks for the folder in the native dialog; `null` when the person cancels. */
  chooseBackupFolder: () => call<BackupsView | null>('choose_backup_folder'),
  useDefaultBackupFolder: () => call<BackupsView>('use_default_backup_folder'),
  /** Rust asks for the file in the native dialog and checks it; `null` when the person cancels. */
  chooseBackupToRestore: () => call<BackupCheck | null>('choose_backup_to_restore'),
  /** Restores the file last chosen with `chooseBackupToRestore`. */
  restoreBackup: () => call<Restored>('restore_backup'),
  verifyDatabase: () => call<VerifyReport>('verify_database'),
  /** The retention dry run: what is due for purging today, per category. Changes nothing. */
  retentionReport: (groupId: number) => call<RetentionReport>('retention_report', { groupId }),
  /** Backs up, then purges what today's dry run lists; refused if its total is not `confirmed_total`. */
  purgeRetention: (request: PurgeRetention) => call<RetentionPurged>('purge_retention', { request }),
  /** Rust asks where to save the subject access PDF (UK GDPR Art. 15) and writes the JSON beside it; `null` when cancelled. */
  saveSubjectAccess: (groupId: number, personId: number) => call<string | null>('save_subject_access', { groupId, personId }),
  /** Erases a person (UK GDPR Art. 17) after a backup, or with `dry_run` lists what it would do. */
  erasePerson: (request: ErasePerson) => call<ErasureResult>('erase_person', { request }),
};

/** Turns a failure into the form's error list: `{field?, message}`. */
export function formErrors(error: unknown): { field?: string; message: string }[] {
  const failure = error instanceof ApiFailure ? error : new ApiFailure({ kind: 'internal', message: String(error) });
  return [{ field: failure.field, message: failure.message }];
}

/** A file's bytes as base64, for `attachPaper`. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
