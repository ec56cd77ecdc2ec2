// The only module that talks to Rust. Every command the window may call is here,
// typed with the bindings generated from the Rust types; a failure arrives as an
// `ApiFailure` carrying `{kind, message, field?}`.
import { invoke } from '@tauri-apps/api/core';
import type { Command, Commands } from './commands';
import type {
  AddWorkToAgenda,
  DeclareInterest,
  DigestRequest,
  LinkWorkItem,
  SaveWorkEntry,
  SetWorkStatus,
  WorkKind,
  AddPlace,
  CloseSubgroup,
  EndPlace,
  MoveReportBack,
  RecordReport,
  RequestReportBack,
  SaveSubgroup,
  ActionStatus,
  AddAction,
  AddDecision,
  AddPosition,
  ConsensusBase,
  DecideStrike,
  HoldInPrivate,
  PublicDecision,
  SaveAttendance,
  SaveNotes,
  AddNomination,
  CloseNominations,
  CreateElection,
  Declare,
  EnterPaper,
  Method,
  AddInvitee,
  AttachPaper,
  RenamePaper,
  PlanSeries,
  SaveAgendaItem,
  SaveMeeting,
  ApiError,
  Appoint,
  EmployerChange,
  EndTerm,
  FillSeat,
  ImportRequest,
  DocumentKind,
  SaveOrganisation,
  SavePerson,
  CreateGroupRequest,
  ErrorKind,
  Nation,
  LoadDemoRequest,
  RecoverRequest,
  PurgeRetention,
  ErasePerson,
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

/**
 * Calls a command of the contract (`commands.ts`, generated from crates/api/src/contract.rs)
 * with its request, typed end to end: a command renamed or retyped in Rust fails the type check.
 */
async function call<K extends Command>(command: K, ...request: Commands[K]['request'] extends null ? [] : [Commands[K]['request']]): Promise<Commands[K]['reply']> {
  try {
    return await invoke<Commands[K]['reply']>(command, request.length ? { request: request[0] } : undefined);
  } catch (error) {
    if (isApiError(error)) throw new ApiFailure(error);
    throw new ApiFailure({ kind: 'internal', message: String(error) });
  }
}

export const api = {
  appState: () => call('app_state'),
  createGroup: (request: CreateGroupRequest) => call('create_group', request),
  loadDemo: (request: LoadDemoRequest) => call('load_demo', request),
  recover: (request: RecoverRequest) => call('recover', request),
  groupHome: (groupId: number) => call('group_home', { group_id: groupId }),
  /** Whose bank holidays proposed deadlines skip; the group's home. */
  setBankHolidays: (groupId: number, nation: Nation) => call('set_bank_holidays', { group_id: groupId, nation }),
  /** Tells `scripts/bench` that Home is painted with data; does nothing unless the bench asked for it. */
  startupMark: () => call('startup_mark'),
  compliance: (groupId: number, on?: string) => call('compliance', { group_id: groupId, on: on ?? null }),
  members: (groupId: number) => call('members', { group_id: groupId }),
  person: (groupId: number, personId: number) => call('person', { group_id: groupId, person_id: personId }),
  organisation: (groupId: number, organisationId: number) =>
    call('organisation', { group_id: groupId, organisation_id: organisationId }),
  saveOrganisation: (request: SaveOrganisation) => call('save_organisation', request),
  savePerson: (request: SavePerson) => call('save_person', request),
  previewEmployerChange: (request: EmployerChange) =>
    call('preview_employer_change', request),
  changeEmployer: (request: EmployerChange) => call('change_employer', request),
  fillSeat: (request: FillSeat) => call('fill_seat', request),
  endTerm: (request: EndTerm) => call('end_term', request),
  appoint: (request: Appoint) => call('appoint', request),
  addInvitee: (request: AddInvitee) => call('add_invitee', request),
  previewImport: (request: ImportRequest) => call('preview_import', request),
  importRegister: (request: ImportRequest) => call('import_register', request),
  saveDocument: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    call('save_document', { group_id: groupId, kind, record_id: recordId }),
  openDocument: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    call('open_document', { group_id: groupId, kind, record_id: recordId }),
  /** Writes the document where "Open in viewer" would and shows it in the file manager; its path. */
  showDocumentInFolder: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    call('show_document_in_folder', { group_id: groupId, kind, record_id: recordId }),
  documentArchive: (groupId: number) => call('document_archive', { group_id: groupId }),
  meetings: (groupId: number) => call('meetings', { group_id: groupId }),
  meeting: (groupId: number, meetingId: number) => call('meeting', { group_id: groupId, meeting_id: meetingId }),
  saveMeeting: (request: SaveMeeting) => call('save_meeting', request),
  planSeries: (request: PlanSeries) => call('plan_series', request),
  saveAgendaItem: (request: SaveAgendaItem) => call('save_agenda_item', request),
  moveAgendaItem: (groupId: number, meetingId: number, itemId: number, by: number) =>
    call('move_agenda_item', { group_id: groupId, meeting_id: meetingId, item_id: itemId, by }),
  removeAgendaItem: (groupId: number, meetingId: number, itemId: number) =>
    call('remove_agenda_item', { group_id: groupId, meeting_id: meetingId, item_id: itemId }),
  attachPaper: (request: AttachPaper) => call('attach_paper', request),
  inspectPaper: (groupId: number, fileName: string, dataBase64: string) =>
    call('inspect_paper', { group_id: groupId, file_name: fileName, data_base64: dataBase64 }),
  renamePaper: (request: RenamePaper) => call('rename_paper', request),
  markPublished: (groupId: number, meetingId: number) => call('mark_published', { group_id: groupId, meeting_id: meetingId }),
  buildPack: (groupId: number, meetingId: number) => call('build_pack', { group_id: groupId, meeting_id: meetingId }),
  elections: (groupId: number) => call('elections', { group_id: groupId }),
  election: (groupId: number, electionId: number) => call('election', { group_id: groupId, election_id: electionId }),
  createElection: (request: CreateElection) => call('create_election', request),
  addNomination: (request: AddNomination) => call('add_nomination', request),
  /** Closes nominations before the date in the call, for a reason (audited). */
  closeNominationsEarly: (request: CloseNominations) => call('close_nominations_early', request),
  withdrawNomination: (groupId: number, electionId: number, nominationId: number) =>
    call('withdraw_nomination', { group_id: groupId, election_id: electionId, nomination_id: nominationId }),
  setElectionMethod: (groupId: number, electionId: number, method: Method) =>
    call('set_election_method', { group_id: groupId, election_id: electionId, method }),
  openVoting: (groupId: number, electionId: number, pollCloses: string | null, electors: number[] | null = null) =>
    call('open_voting', { group_id: groupId, election_id: electionId, electors, poll_closes: pollCloses }),
  issuePaper: (groupId: number, electionId: number, personId: number) =>
    call('issue_paper', { group_id: groupId, election_id: electionId, person_id: personId }),
  printBallots: (groupId: number, electionId: number, copies: number) =>
    call('print_ballots', { group_id: groupId, election_id: electionId, copies }),
  reprintBallots: (groupId: number, electionId: number, serials: number[]) =>
    call('reprint_ballots', { group_id: groupId, election_id: electionId, serials }),
  markUnused: (groupId: number, electionId: number, serials: number[]) =>
    call('mark_unused', { group_id: groupId, election_id: electionId, serials }),
  enterPaper: (request: EnterPaper) => call('enter_paper', request),
  verifyPaper: (groupId: number, electionId: number, paperId: number, verifiedBy: string) =>
    call('verify_paper', { group_id: groupId, election_id: electionId, paper_id: paperId, verified_by: verifiedBy }),
  removePaper: (groupId: number, electionId: number, paperId: number) =>
    call('remove_paper', { group_id: groupId, election_id: electionId, paper_id: paperId }),
  countElection: (groupId: number, electionId: number) => call('count_election', { group_id: groupId, election_id: electionId }),
  declareResult: (request: Declare) => call('declare_result', request),
  cancelElection: (groupId: number, electionId: number) => call('cancel_election', { group_id: groupId, election_id: electionId }),
  meetingRecord: (groupId: number, meetingId: number) => call('meeting_record', { group_id: groupId, meeting_id: meetingId }),
  saveAttendance: (request: SaveAttendance) => call('save_attendance', request),
  attendanceYear: (groupId: number, year: number) => call('attendance_year', { group_id: groupId, year }),
  decideStrike: (request: DecideStrike) => call('decide_strike', request),
  saveItemNotes: (request: SaveNotes) => call('save_item_notes', request),
  holdInPrivate: (request: HoldInPrivate) => call('hold_in_private', request),
  setMinuteTaker: (groupId: number, meetingId: number, name: string) => call('set_minute_taker', { group_id: groupId, meeting_id: meetingId, name }),
  approveMinutes: (groupId: number, meetingId: number, atMeeting: number, note: string) =>
    call('approve_minutes', { group_id: groupId, meeting_id: meetingId, at_meeting: atMeeting, note }),
  addCorrection: (groupId: number, meetingId: number, itemId: number | null, correction: string) =>
    call('add_correction', { group_id: groupId, meeting_id: meetingId, item_id: itemId, correction }),
  addAction: (request: AddAction) => call('add_action', request),
  setActionStatus: (groupId: number, actionId: number, status: ActionStatus) =>
    call('set_action_status', { group_id: groupId, action_id: actionId, status }),
  decisions: (groupId: number) => call('decisions', { group_id: groupId }),
  addDecision: (request: AddDecision) => call('add_decision', request),
  setConsensusBase: (groupId: number, base: ConsensusBase) => call('set_consensus_base', { group_id: groupId, base }),
  addPosition: (request: AddPosition) => call('add_position', request),
  volunteer: (groupId: number, positionId: number, personId: number) => call('volunteer', { group_id: groupId, position_id: positionId, person_id: personId }),
  withdrawVolunteer: (groupId: number, positionId: number, personId: number) =>
    call('withdraw_volunteer', { group_id: groupId, position_id: positionId, person_id: personId }),
  startOutline: (groupId: number, positionId: number) => call('start_outline', { group_id: groupId, position_id: positionId }),
  addViewpoint: (groupId: number, positionId: number, viewpoint: string) =>
    call('add_viewpoint', { group_id: groupId, position_id: positionId, viewpoint }),
  decidePublicPosition: (request: PublicDecision) => call('decide_public_position', request),
  subgroups: (groupId: number) => call('subgroups', { group_id: groupId }),
  subgroup: (groupId: number, subgroupId: number) => call('subgroup', { group_id: groupId, subgroup_id: subgroupId }),
  saveSubgroup: (request: SaveSubgroup) => call('save_subgroup', request),
  addSubgroupPlace: (request: AddPlace) => call('add_subgroup_place', request),
  endSubgroupPlace: (request: EndPlace) => call('end_subgroup_place', request),
  closeSubgroup: (request: CloseSubgroup) => call('close_subgroup', request),
  requestReportBack: (request: RequestReportBack) => call('request_report_back', request),
  recordReport: (request: RecordReport) => call('record_report', request),
  moveReportBack: (request: MoveReportBack) => call('move_report_back', request),
  withdrawReportBack: (groupId: number, subgroupId: number, reportBackId: number) =>
    call('withdraw_report_back', { group_id: groupId, subgroup_id: subgroupId, report_back_id: reportBackId }),
  work: (groupId: number, kind?: WorkKind) => call('work', { group_id: groupId, kind: kind ?? null }),
  workEntry: (groupId: number, entryId: number) => call('work_entry', { group_id: groupId, entry_id: entryId }),
  saveWorkEntry: (request: SaveWorkEntry) => call('save_work_entry', request),
  setWorkStatus: (request: SetWorkStatus) => call('set_work_status', request),
  addWorkToAgenda: (request: AddWorkToAgenda) => call('add_work_to_agenda', request),
  linkWorkItem: (request: LinkWorkItem) => call('link_work_item', request),
  unlinkWorkItem: (request: LinkWorkItem) => call('unlink_work_item', request),
  /** The digest for the wider community (ToR §3b, §5d), saved through the native dialog; `null` when cancelled. */
  saveDigest: (request: DigestRequest) => call('save_digest', request),
  openDigest: (request: DigestRequest) => call('open_digest', request),
  declareInterest: (request: DeclareInterest) => call('declare_interest', request),
  removeDeclaration: (groupId: number, meetingId: number, declarationId: number) =>
    call('remove_declaration', { group_id: groupId, meeting_id: meetingId, declaration_id: declarationId }),
  backups: () => call('backups'),
  backUpNow: () => call('back_up_now'),
  /** Rust asks for the folder in the native dialog; `null` when the person cancels. */
  chooseBackupFolder: () => call('choose_backup_folder'),
  useDefaultBackupFolder: () => call('use_default_backup_folder'),
  /** Rust asks for the file in the native dialog and checks it; `null` when the person cancels. */
  chooseBackupToRestore: () => call('choose_backup_to_restore'),
  /** Restores the file last chosen with `chooseBackupToRestore`. */
  restoreBackup: () => call('restore_backup'),
  verifyDatabase: () => call('verify_database'),
  /** The retention dry run: what is due for purging today, per category. Changes nothing. */
  retentionReport: (groupId: number) => call('retention_report', { group_id: groupId }),
  /** Backs up, then purges what today's dry run lists; refused if its total is not `confirmed_total`. */
  purgeRetention: (request: PurgeRetention) => call('purge_retention', request),
  /** Rust asks where to save the subject access PDF (UK GDPR Art. 15) and writes the JSON beside it; `null` when cancelled. */
  saveSubjectAccess: (groupId: number, personId: number) => call('save_subject_access', { group_id: groupId, person_id: personId }),
  /** Erases a person (UK GDPR Art. 17) after a backup, or with `dry_run` lists what it would do. */
  erasePerson: (request: ErasePerson) => call('erase_person', request),
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
