// The only module that talks to Rust. Every command the window may call is here,
// typed with the bindings generated from the Rust types; a failure arrives as an
// `ApiFailure` carrying `{kind, message, field?}`.
import { invoke } from '@tauri-apps/api/core';
import { commands, type Command, type Commands } from './commands';
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
  AmendTor,
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

/** Every command of the contract as a function (generated), each through `call`. */
const command = commands(call);

export const api = {
  appState: () => command.app_state(),
  createGroup: (request: CreateGroupRequest) => command.create_group(request),
  /** Asks for another group's rules file and reads it; null when the person cancels. */
  chooseRulesFile: () => command.choose_rules_file(),
  /** Asks where to save the group's rules file; the path written, or null when cancelled. */
  saveRulesFile: (groupId: number) => command.save_rules_file({ group_id: groupId }),
  loadDemo: (request: LoadDemoRequest) => command.load_demo(request),
  recover: (request: RecoverRequest) => command.recover(request),
  groupHome: (groupId: number) => command.group_home({ group_id: groupId }),
  /** The Terms of Reference in force on a day (today when none), with the amendments (issue #14). */
  tor: (groupId: number, on?: string) => command.tor({ group_id: groupId, on: on ?? null }),
  /** What an amendment would change in Home's findings, or why it cannot be made; saves nothing. */
  previewAmendment: (request: AmendTor) => command.preview_amendment(request),
  amendTor: (request: AmendTor) => command.amend_tor(request),
  withdrawAmendment: (groupId: number, amendmentId: number) => command.withdraw_amendment({ group_id: groupId, amendment_id: amendmentId }),
  setTorText: (groupId: number, text: string) => command.set_tor_text({ group_id: groupId, text }),
  /** Whose bank holidays proposed deadlines skip; the group's home. */
  setBankHolidays: (groupId: number, nation: Nation) => command.set_bank_holidays({ group_id: groupId, nation }),
  /** Tells `scripts/bench` that Home is painted with data; does nothing unless the bench asked for it. */
  startupMark: () => command.startup_mark(),
  compliance: (groupId: number, on?: string) => command.compliance({ group_id: groupId, on: on ?? null }),
  members: (groupId: number) => command.members({ group_id: groupId }),
  person: (groupId: number, personId: number) => command.person({ group_id: groupId, person_id: personId }),
  organisation: (groupId: number, organisationId: number) =>
    command.organisation({ group_id: groupId, organisation_id: organisationId }),
  saveOrganisation: (request: SaveOrganisation) => command.save_organisation(request),
  savePerson: (request: SavePerson) => command.save_person(request),
  previewEmployerChange: (request: EmployerChange) =>
    command.preview_employer_change(request),
  changeEmployer: (request: EmployerChange) => command.change_employer(request),
  /** What saving would bring or clear in Home's findings, before anything is saved (UI.md: prevent, don't only detect). */
  previewSaveOrganisation: (request: SaveOrganisation) => command.preview_save_organisation(request),
  previewSavePerson: (request: SavePerson) => command.preview_save_person(request),
  previewFillSeat: (request: FillSeat) => command.preview_fill_seat(request),
  previewAppoint: (request: Appoint) => command.preview_appoint(request),
  fillSeat: (request: FillSeat) => command.fill_seat(request),
  endTerm: (request: EndTerm) => command.end_term(request),
  appoint: (request: Appoint) => command.appoint(request),
  addInvitee: (request: AddInvitee) => command.add_invitee(request),
  previewImport: (request: ImportRequest) => command.preview_import(request),
  importRegister: (request: ImportRequest) => command.import_register(request),
  saveDocument: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    command.save_document({ group_id: groupId, kind, record_id: recordId }),
  openDocument: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    command.open_document({ group_id: groupId, kind, record_id: recordId }),
  /** Writes the document where "Open in viewer" would and shows it in the file manager; its path. */
  showDocumentInFolder: (groupId: number, kind: DocumentKind, recordId: number | null = null) =>
    command.show_document_in_folder({ group_id: groupId, kind, record_id: recordId }),
  documentArchive: (groupId: number) => command.document_archive({ group_id: groupId }),
  meetings: (groupId: number) => command.meetings({ group_id: groupId }),
  meeting: (groupId: number, meetingId: number) => command.meeting({ group_id: groupId, meeting_id: meetingId }),
  saveMeeting: (request: SaveMeeting) => command.save_meeting(request),
  planSeries: (request: PlanSeries) => command.plan_series(request),
  saveAgendaItem: (request: SaveAgendaItem) => command.save_agenda_item(request),
  moveAgendaItem: (groupId: number, meetingId: number, itemId: number, by: number) =>
    command.move_agenda_item({ group_id: groupId, meeting_id: meetingId, item_id: itemId, by }),
  removeAgendaItem: (groupId: number, meetingId: number, itemId: number) =>
    command.remove_agenda_item({ group_id: groupId, meeting_id: meetingId, item_id: itemId }),
  attachPaper: (request: AttachPaper) => command.attach_paper(request),
  attachTermsOfReference: (groupId: number, meetingId: number, itemId: number) =>
    command.attach_terms_of_reference({ group_id: groupId, meeting_id: meetingId, item_id: itemId }),
  inspectPaper: (groupId: number, fileName: string, dataBase64: string) =>
    command.inspect_paper({ group_id: groupId, file_name: fileName, data_base64: dataBase64 }),
  renamePaper: (request: RenamePaper) => command.rename_paper(request),
  markPublished: (groupId: number, meetingId: number) => command.mark_published({ group_id: groupId, meeting_id: meetingId }),
  buildPack: (groupId: number, meetingId: number) => command.build_pack({ group_id: groupId, meeting_id: meetingId }),
  elections: (groupId: number) => command.elections({ group_id: groupId }),
  election: (groupId: number, electionId: number) => command.election({ group_id: groupId, election_id: electionId }),
  createElection: (request: CreateElection) => command.create_election(request),
  addNomination: (request: AddNomination) => command.add_nomination(request),
  /** Closes nominations before the date in the call, for a reason (audited). */
  closeNominationsEarly: (request: CloseNominations) => command.close_nominations_early(request),
  withdrawNomination: (groupId: number, electionId: number, nominationId: number) =>
    command.withdraw_nomination({ group_id: groupId, election_id: electionId, nomination_id: nominationId }),
  setElectionMethod: (groupId: number, electionId: number, method: Method) =>
    command.set_election_method({ group_id: groupId, election_id: electionId, method }),
  openVoting: (groupId: number, electionId: number, pollCloses: string | null, electors: number[] | null = null) =>
    command.open_voting({ group_id: groupId, election_id: electionId, electors, poll_closes: pollCloses }),
  issuePaper: (groupId: number, electionId: number, personId: number) =>
    command.issue_paper({ group_id: groupId, election_id: electionId, person_id: personId }),
  printBallots: (groupId: number, electionId: number, copies: number) =>
    command.print_ballots({ group_id: groupId, election_id: electionId, copies }),
  reprintBallots: (groupId: number, electionId: number, serials: number[]) =>
    command.reprint_ballots({ group_id: groupId, election_id: electionId, serials }),
  markUnused: (groupId: number, electionId: number, serials: number[]) =>
    command.mark_unused({ group_id: groupId, election_id: electionId, serials }),
  enterPaper: (request: EnterPaper) => command.enter_paper(request),
  verifyPaper: (groupId: number, electionId: number, paperId: number, verifiedBy: string) =>
    command.verify_paper({ group_id: groupId, election_id: electionId, paper_id: paperId, verified_by: verifiedBy }),
  removePaper: (groupId: number, electionId: number, paperId: number) =>
    command.remove_paper({ group_id: groupId, election_id: electionId, paper_id: paperId }),
  countElection: (groupId: number, electionId: number) => command.count_election({ group_id: groupId, election_id: electionId }),
  declareResult: (request: Declare) => command.declare_result(request),
  cancelElection: (groupId: number, electionId: number) => command.cancel_election({ group_id: groupId, election_id: electionId }),
  meetingRecord: (groupId: number, meetingId: number) => command.meeting_record({ group_id: groupId, meeting_id: meetingId }),
  saveAttendance: (request: SaveAttendance) => command.save_attendance(request),
  attendanceYear: (groupId: number, year: number) => command.attendance_year({ group_id: groupId, year }),
  decideStrike: (request: DecideStrike) => command.decide_strike(request),
  saveItemNotes: (request: SaveNotes) => command.save_item_notes(request),
  holdInPrivate: (request: HoldInPrivate) => command.hold_in_private(request),
  setMinuteTaker: (groupId: number, meetingId: number, name: string) => command.set_minute_taker({ group_id: groupId, meeting_id: meetingId, name }),
  approveMinutes: (groupId: number, meetingId: number, atMeeting: number, note: string) =>
    command.approve_minutes({ group_id: groupId, meeting_id: meetingId, at_meeting: atMeeting, note }),
  addCorrection: (groupId: number, meetingId: number, itemId: number | null, correction: string) =>
    command.add_correction({ group_id: groupId, meeting_id: meetingId, item_id: itemId, correction }),
  addAction: (request: AddAction) => command.add_action(request),
  setActionStatus: (groupId: number, actionId: number, status: ActionStatus) =>
    command.set_action_status({ group_id: groupId, action_id: actionId, status }),
  decisions: (groupId: number) => command.decisions({ group_id: groupId }),
  addDecision: (request: AddDecision) => command.add_decision(request),
  setConsensusBase: (groupId: number, base: ConsensusBase) => command.set_consensus_base({ group_id: groupId, base }),
  addPosition: (request: AddPosition) => command.add_position(request),
  volunteer: (groupId: number, positionId: number, personId: number) => command.volunteer({ group_id: groupId, position_id: positionId, person_id: personId }),
  withdrawVolunteer: (groupId: number, positionId: number, personId: number) =>
    command.withdraw_volunteer({ group_id: groupId, position_id: positionId, person_id: personId }),
  startOutline: (groupId: number, positionId: number) => command.start_outline({ group_id: groupId, position_id: positionId }),
  addViewpoint: (groupId: number, positionId: number, viewpoint: string) =>
    command.add_viewpoint({ group_id: groupId, position_id: positionId, viewpoint }),
  decidePublicPosition: (request: PublicDecision) => command.decide_public_position(request),
  subgroups: (groupId: number) => command.subgroups({ group_id: groupId }),
  subgroup: (groupId: number, subgroupId: number) => command.subgroup({ group_id: groupId, subgroup_id: subgroupId }),
  saveSubgroup: (request: SaveSubgroup) => command.save_subgroup(request),
  addSubgroupPlace: (request: AddPlace) => command.add_subgroup_place(request),
  endSubgroupPlace: (request: EndPlace) => command.end_subgroup_place(request),
  closeSubgroup: (request: CloseSubgroup) => command.close_subgroup(request),
  requestReportBack: (request: RequestReportBack) => command.request_report_back(request),
  recordReport: (request: RecordReport) => command.record_report(request),
  moveReportBack: (request: MoveReportBack) => command.move_report_back(request),
  withdrawReportBack: (groupId: number, subgroupId: number, reportBackId: number) =>
    command.withdraw_report_back({ group_id: groupId, subgroup_id: subgroupId, report_back_id: reportBackId }),
  work: (groupId: number, kind?: WorkKind) => command.work({ group_id: groupId, kind: kind ?? null }),
  workEntry: (groupId: number, entryId: number) => command.work_entry({ group_id: groupId, entry_id: entryId }),
  saveWorkEntry: (request: SaveWorkEntry) => command.save_work_entry(request),
  setWorkStatus: (request: SetWorkStatus) => command.set_work_status(request),
  addWorkToAgenda: (request: AddWorkToAgenda) => command.add_work_to_agenda(request),
  linkWorkItem: (request: LinkWorkItem) => command.link_work_item(request),
  unlinkWorkItem: (request: LinkWorkItem) => command.unlink_work_item(request),
  /** The digest for the wider community (ToR §3b, §5d), saved through the native dialog; `null` when cancelled. */
  saveDigest: (request: DigestRequest) => command.save_digest(request),
  openDigest: (request: DigestRequest) => command.open_digest(request),
  declareInterest: (request: DeclareInterest) => command.declare_interest(request),
  removeDeclaration: (groupId: number, meetingId: number, declarationId: number) =>
    command.remove_declaration({ group_id: groupId, meeting_id: meetingId, declaration_id: declarationId }),
  backups: () => command.backups(),
  backUpNow: () => command.back_up_now(),
  /** Rust asks for the folder in the native dialog; `null` when the person cancels. */
  chooseBackupFolder: () => command.choose_backup_folder(),
  useDefaultBackupFolder: () => command.use_default_backup_folder(),
  /** Rust asks for the file in the native dialog and checks it; `null` when the person cancels. */
  chooseBackupToRestore: () => command.choose_backup_to_restore(),
  /** Restores the file last chosen with `chooseBackupToRestore`. */
  restoreBackup: () => command.restore_backup(),
  verifyDatabase: () => command.verify_database(),
  /** The retention dry run: what is due for purging today, per category. Changes nothing. */
  retentionReport: (groupId: number) => command.retention_report({ group_id: groupId }),
  /** Backs up, then purges what today's dry run lists; refused if its total is not `confirmed_total`. */
  purgeRetention: (request: PurgeRetention) => command.purge_retention(request),
  /** Rust asks where to save the subject access PDF (UK GDPR Art. 15) and writes the JSON beside it; `null` when cancelled. */
  saveSubjectAccess: (groupId: number, personId: number) => command.save_subject_access({ group_id: groupId, person_id: personId }),
  /** Erases a person (UK GDPR Art. 17) after a backup, or with `dry_run` lists what it would do. */
  erasePerson: (request: ErasePerson) => command.erase_person(request),
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
