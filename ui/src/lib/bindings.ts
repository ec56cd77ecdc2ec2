// Generated from the Rust types in crates/api, crates/store and crates/rules by
// `UPDATE_BINDINGS=1 cargo test -p secretariat-api --test bindings`. Do not edit.

export type ApiError = { kind: ErrorKind, message: string, field?: string, };

export type ErrorKind = "invalid" | "not_found" | "no_database" | "already_exists" | "needs_recovery" | "wrong_passphrase" | "keychain_unavailable" | "key_file_missing" | "key_file_damaged" | "not_a_database" | "unencrypted" | "encryption_missing" | "data_folder_read_only" | "data_folder_unusable" | "already_open" | "disk_full" | "no_viewer" | "internal";

export type AppState = { "state": "no_database", data_dir: string, templates: Array<TemplateInfo>, } | { "state": "ready", data_dir: string, groups: Array<GroupSummary>, templates: Array<TemplateInfo>, today: string, } | { "state": "needs_recovery", data_dir: string, error: ApiError, } | { "state": "unavailable", data_dir: string, error: ApiError, };

export type TemplateInfo = { id: string, title: string, suggested_group_name: string, settings: Array<SettingLine>, seats: number, 
/**
 * Its seats and rules, for the custom group form to start from.
 */
shape: GroupShape, };

export type CreateGroupRequest = { name: string, template: string, 
/**
 * A custom group's seats and rules (the form, or a rules file read with
 * `choose_rules_file`); the group is then a custom one whatever `template` says.
 */
shape?: GroupShape, 
/**
 * Needed only when the database does not exist yet.
 */
recovery_passphrase?: string, recovery_passphrase_confirm?: string, };

export type LoadDemoRequest = { recovery_passphrase?: string, recovery_passphrase_confirm?: string, };

export type RecoverRequest = { recovery_passphrase: string, };

export type GroupCreated = { group: GroupSummary, 
/**
 * Set when the key could not be kept in the OS keychain: the next start will
 * ask for the recovery passphrase.
 */
keychain_warning: string | null, };

export type GroupHome = { group: Group, today: string, seats: Array<SeatView>, vacant_seats: number, settings: Array<SettingLine>, counts: GroupCounts, 
/**
 * The next meeting and its publication deadline (ToR §20).
 */
next_meeting: NextMeeting | null, 
/**
 * Elections in progress, each with its next step.
 */
elections: Array<ElectionStep>, 
/**
 * Open actions past their due date.
 */
overdue_actions: Array<ActionView>, 
/**
 * Sub-group report-backs overdue or due at the next meeting (ToR §18).
 */
report_backs: Array<ReportBackDue>, 
/**
 * Consultation deadlines within 14 days, horizon items not reviewed for 3 months,
 * concerns not yet shared (ToR §3, §5), soonest first.
 */
work: Array<WorkNeed>, };

export type Status = { data_dir: string, database_file: string, key_file: string, 
/**
 * False on a folder where no database has been created yet (then `encrypted` is false,
 * `cipher` empty and `groups` empty: there is nothing to describe).
 */
database_exists: boolean, encrypted: boolean, 
/**
 * e.g. "SQLCipher 4.10.0 community".
 */
cipher: string, groups: Array<GroupStatus>, };

export type GroupStatus = { id: number, name: string, template: string, seats: number, vacant_seats: number, counts: GroupCounts, };

export type GroupSummary = { id: number, name: string, template: string, };

export type Group = { id: number, name: string, template: Template, settings: GroupSettings, };

export type GroupSettings = { 
/**
 * Seats for stakeholders, national bodies and customers (ToR §11).
 */
stakeholder_seats: number, 
/**
 * Seats for members from the technology supplier community (ToR §12).
 */
supplier_seats: number, 
/**
 * "Approximately twelve members" (ToR §10).
 */
target_size: number, 
/**
 * Length of an individual term, in months (ToR §14: two years).
 */
term_months: number, 
/**
 * Supplier members who must come from an SME (ToR §13).
 */
min_sme_suppliers: number, 
/**
 * Members one organisation may have at once (ToR §14: one per company).
 */
max_members_per_organisation: number, 
/**
 * Absences from compulsory meetings in a calendar year that trigger the strike policy (ToR §17).
 */
strike_absences: number, 
/**
 * Months a member may stay after joining a non-member company (ToR §15).
 */
grace_months: number, 
/**
 * Days before a meeting by which its agenda and papers are published (ToR §20).
 */
publication_lead_days: number, 
/**
 * Share of members, in percent, needed to commission work with member funds (ToR §22).
 */
funds_consensus_percent: number, 
/**
 * Volunteers needed before a position outline is developed (ToR §23).
 */
position_volunteers: number, 
/**
 * IANA time zone in which the group's meetings are held.
 */
time_zone: string, 
/**
 * Days before a term ends that it is flagged for an election (a group setting).
 */
term_reminder_days: number, 
/**
 * The items every new agenda starts with.
 */
standard_agenda: Array<string>, 
/**
 * The largest paper accepted, in megabytes.
 */
paper_limit_mb: number, 
/**
 * How long each kind of record is kept before it is due for purging (UK GDPR storage
 * limitation). Groups saved before the schedule existed read the defaults.
 */
retention: RetentionSchedule, 
/**
 * When the work registers' entries are listed on Home (ToR §3a, §5a); groups saved
 * before these were settings read the defaults.
 */
work: WorkThresholds, 
/**
 * Whose bank holidays the deadlines the app proposes skip (`working_days`).
 */
bank_holidays: Nation, 
/**
 * Rules this group's Terms of Reference do not have (no strike policy, no SME minimum…):
 * their findings never appear and their paragraphs are not cited.
 */
rules_off: Array<RuleSwitch>, };

export type GroupShape = { seats: SeatShape, rules: RuleNumbers, group: GroupHabits, };

export type SeatShape = { 
/**
 * Seats for a named stakeholder (ToR §11), each with the role it is for, in order.
 */
named: Array<string>, 
/**
 * Further seats for stakeholders, national bodies or others, with no named role.
 */
other: number, 
/**
 * Seats for the technology supplier community (ToR §12).
 */
supplier: number, };

export type RuleNumbers = { 
/**
 * Whether the group has a Senior Responsible Officer (ToR §8). Files written before this
 * key existed have one.
 */
sro: boolean, 
/**
 * "Approximately twelve members" (ToR §10).
 */
target_size: number, 
/**
 * An individual term, in months (ToR §14).
 */
term_months: number, 
/**
 * Whether the group requires supplier members from SMEs (ToR §13), and how many.
 */
sme_minimum: boolean, min_sme_suppliers: number, 
/**
 * Whether one organisation's members are limited (ToR §14), and to how many.
 */
one_per_company: boolean, max_members_per_organisation: number, 
/**
 * Months a member may stay after joining a non-member company (ToR §15).
 */
grace_months: number, 
/**
 * Whether absences lead to the strike policy (ToR §17), and after how many.
 */
strike_policy: boolean, strike_absences: number, 
/**
 * Days before a meeting its papers are published (ToR §20).
 */
publication_lead_days: number, 
/**
 * Consensus, in percent, to commission work with member funds (ToR §22).
 */
funds_consensus_percent: number, 
/**
 * Volunteers before a position outline is developed (ToR §23).
 */
position_volunteers: number, };

export type GroupHabits = { time_zone: string, bank_holidays: Nation, term_reminder_days: number, paper_limit_mb: number, standard_agenda: Array<string>, };

export type GroupCounts = { organisations: number, people: number, meetings: number, };

export type SettingLine = { key: string, label: string, value: string, tor: Tor | null, };

export type Tor = number;

export type Template = "techuk-interop" | "custom";

export type SeatKind = "stakeholder" | "supplier";

export type SeatView = { id: number, kind: SeatKind, position: number, title: string, holder: SeatHolder | null, 
/**
 * For a vacant seat whose last term ran to its end (not ended early), the day it ended:
 * an election or re-election most likely continues from that day (ToR §14, §16).
 */
previous_term_end: string | null, };

export type SeatHolder = { term_id: number, person_id: number, name: string, organisation: string | null, sme: boolean, term_start: string, term_end: string, };

export type PersonView = { id: number, name: string, email: string, job_title: string, organisation: string | null, };

export type OrganisationView = { id: number, name: string, 
/**
 * techUK membership (ToR §12, §15); it, the SME status and the sector as on the day asked about.
 */
techuk_status: TechukStatus, sme: boolean, sector: string, 
/**
 * People employed there today.
 */
people: number, };

export type Compliance = { on: string, findings: Array<Finding>, breaches: number, warnings: number, notices: number, 
/**
 * On a day other than today, the seat board and the rules as they were (or will be) that
 * day, so that Home follows the day it checks; today's are the group's home's.
 */
that_day?: DayBoard, };

export type DayBoard = { seats: Array<SeatView>, vacant_seats: number, settings: Array<SettingLine>, };

export type Finding = { severity: Severity, tor: Tor, 
/**
 * A sentence ending with its citation, e.g. "… (ToR §13)."
 */
message: string, subjects: Array<Subject>, 
/**
 * The first day on which it holds, where known: the day a term ended, the absence that
 * reached the threshold, the day after a grace period. The same for every paragraph.
 */
since: string | null, 
/**
 * The last day on which something is still allowed, where there is one: a term's last
 * day, the last day of a grace period. The same for every paragraph.
 */
until: string | null, };

export type Severity = "breach" | "warning" | "notice";

export type Subject = { kind: SubjectKind, id: number, name: string, };

export type SubjectKind = "person" | "organisation" | "seat" | "subgroup";

export type MoveOutcome = { 
/**
 * Whether the member may remain on the group on the day asked about.
 */
may_remain: boolean, 
/**
 * The last day they may remain, when there is one (end of the grace period).
 */
until: string | null, 
/**
 * The outcome as a sentence citing ToR §15.
 */
message: string, };

export type MembersView = { seats: Array<SeatView>, people: Array<PersonView>, organisations: Array<OrganisationView>, appointments: Array<AppointmentView>, invitees: Array<InviteeView>, };

export type SaveOrganisation = { group_id: number, 
/**
 * None to add a new organisation.
 */
id: number | null, input: OrganisationInput, 
/**
 * For an existing one, how a changed techUK status, SME status or sector is meant: from a
 * date (today when none given), or a correction of a mistake.
 */
change?: FactChange, };

export type FactChange = { "kind": "from", from: string, } | { "kind": "correction", on: string | null, };

export type OrganisationFactsEntry = { 
/**
 * `None`: as first recorded, in force from the beginning.
 */
from: string | null, techuk_status: TechukStatus, sme: boolean, sector: string, 
/**
 * When it was recorded (UTC, RFC 3339).
 */
recorded_at: string, };

export type ManagerStatusEntry = { from: string | null, manager_status: ManagerStatus, recorded_at: string, };

export type OrganisationInput = { name: string, techuk_status: TechukStatus, 
/**
 * When the techUK membership application was made (for "applying").
 */
applied_on: string | null, sme: boolean, sme_confirmed_on: string | null, sector: string, };

export type OrganisationRecord = { id: number, 
/**
 * As it stands: the latest entry of its dated facts.
 */
input: OrganisationInput, 
/**
 * Its techUK status, SME status and sector through time (ToR §12, §13, §15).
 */
history: Array<OrganisationFactsEntry>, };

export type SavePerson = { group_id: number, 
/**
 * None to add a new person.
 */
id: number | null, input: PersonInput, 
/**
 * For a new person only: their current employer.
 */
employer: FirstEmployer | null, 
/**
 * For an existing one, how a changed manager status is meant (ToR §12): from a date
 * (today when none given), or a correction of a mistake.
 */
change?: FactChange, };

export type FirstEmployer = { organisation_id: number, from: string, };

export type PersonInput = { name: string, email: string, job_title: string, manager_status: ManagerStatus, 
/**
 * How the name sorts on ballot papers and candidate lists ("Surname, Given names");
 * empty: the default from the name (`secretariat_rules::names`).
 */
sort_as: string, };

export type PersonDetail = { id: number, input: PersonInput, 
/**
 * How the name sorts when `input.sort_as` is empty (`secretariat_rules::names`).
 */
default_sort_as: string, employments: Array<EmploymentView>, terms: Array<TermView>, appointments: Array<AppointmentView>, 
/**
 * The day the person was erased (UK GDPR Art. 17); the record is then kept redacted.
 */
erased_on: string | null, 
/**
 * Their declarations of interest at meetings, newest first: the register of their interests.
 */
declarations: Array<DeclarationView>, 
/**
 * Their manager status through time (ToR §12), first entry first.
 */
manager_history: Array<ManagerStatusEntry>, };

export type EmploymentView = { id: number, organisation_id: number, organisation: string, from: string, to: string | null, };

export type TermView = { id: number, seat_id: number, seat: string, start: string, end: string, obtained: Obtained, ended_on: string | null, 
/**
 * Why it ended early, in words.
 */
end_reason: string | null, };

export type AppointmentView = { id: number, role: Role, person_id: number, person: string, from: string, to: string | null, agreed_by: string, };

export type InviteeView = { id: number, person_id: number, person: string, organisation: string | null, from: string, to: string | null, note: string, };

export type EmployerChange = { group_id: number, person_id: number, organisation_id: number, from: string, };

export type EmployerChangePreview = { 
/**
 * The ToR §15 outcome, when the person holds a supplier seat.
 */
outcome: MoveOutcome | null, 
/**
 * Findings about this person after the change, on its date.
 */
findings: Array<Finding>, };

export type FillSeat = { group_id: number, seat_id: number, person_id: number, start: string, obtained: Obtained, };

export type EndTerm = { group_id: number, term_id: number, on: string, reason: EndReason, note: string, };

export type EndReason = "resigned" | "ejected_s17" | "left_company" | "ineligible_s15" | "other";

export type Appoint = { group_id: number, role: Role, person_id: number, from: string, agreed_by: string, };

export type AddInvitee = { group_id: number, person_id: number, from: string, note: string, };

export type RegisterKind = "people" | "organisations";

export type ImportRequest = { group_id: number, kind: RegisterKind, 
/**
 * The CSV file's text.
 */
csv: string, };

export type ImportRow = { 
/**
 * The line in the file (the header is line 1).
 */
line: number, name: string, errors: Array<string>, };

export type ImportPreview = { kind: RegisterKind, rows: Array<ImportRow>, 
/**
 * Problems with the file itself (header, encoding).
 */
file_errors: Array<string>, valid_rows: number, saved: boolean, };

export type TechukStatus = "member" | "applying" | "not_member";

export type ManagerStatus = "yes" | "no" | "unknown";

export type Obtained = "election" | "unopposed" | "appointment" | "re_election";

export type Role = "sro" | "chair" | "vice_chair";

export type DocumentKind = "membership_report" | "people_csv" | "organisations_csv" | "agenda" | "agenda_pack" | "kept_agenda_pack" | "circulation_draft" | "meeting_invite" | "series_calendar" | "call_for_nominations" | "call_for_nominations_email" | "ballot_papers" | "issue_list" | "election_result" | "election_blt" | "minutes" | "attendance_report" | "action_log" | "subgroup_roster" | "year_record" | "recovery_sheet" | "terms_of_reference" | "kept_copy";

export type MeetingRow = { meeting: MeetingSummary, 
/**
 * The working day to publish the pack by: ToR §20's deadline, or the working day before it.
 */
deadline: string, publication: Publication, };

export type MeetingPage = { detail: MeetingDetail, 
/**
 * Each item's start, "14:05", in agenda order.
 */
start_times: Array<string>, 
/**
 * The working day to publish the pack by: ToR §20's deadline, or the working day before it.
 */
deadline: string, publication: Publication, 
/**
 * For the presenter list.
 */
people: Array<PersonView>, paper_limit_mb: number, 
/**
 * The agenda pack as last built, if it has been.
 */
pack: PackInfo | null, };

export type SaveMeeting = { group_id: number, id: number | null, input: MeetingInput, };

export type PlanSeries = { group_id: number, input: SeriesInput, };

export type SaveAgendaItem = { group_id: number, meeting_id: number, 
/**
 * None to add a new item.
 */
id: number | null, input: AgendaItemInput, };

export type AttachPaper = { group_id: number, item_id: number, 
/**
 * Set to replace that paper with a new version.
 */
paper_id: number | null, 
/**
 * The new paper's title; left empty, the PDF's own title or else the
 * file name. Ignored for a new version (the paper keeps its title).
 */
title: string, file_name: string, data_base64: string, };

export type PaperPreview = { title: string, 
/**
 * Where the title came from: the PDF's own metadata, or its file name.
 */
title_from_pdf: boolean, pages: number, };

export type ArchivedDocument = { 
/**
 * What to ask `make_document` for to open it, with `record_id`.
 */
kind: DocumentKind, 
/**
 * The meeting, election or sub-group it is about, the year of an attendance report, or
 * the kept copy.
 */
record_id: number | null, 
/**
 * For a kept copy: the same document made again from today's records.
 */
remake: DocumentRef | null, 
/**
 * "Agenda pack", "Approved minutes", …: what the kind filter shows.
 */
kind_label: string, title: string, 
/**
 * The day it went out (published, approved, issued, declared), where there is one.
 */
on: string | null, 
/**
 * The calendar year it belongs to.
 */
year: number, meeting_id: number | null, meeting: string | null, 
/**
 * One line: when and how it went out, pages, supplements, counts.
 */
detail: string, 
/**
 * Opened from the copy kept in the database, exactly as it went out; otherwise made
 * again from the records.
 */
kept: boolean, 
/**
 * False for what is listed only as a record (a print run of ballot papers).
 */
openable: boolean, };

export type DocumentRef = { kind: DocumentKind, record_id: number | null, };

export type RenamePaper = { group_id: number, meeting_id: number, paper_id: number, title: string, };

export type NextMeeting = { id: number, title: string, starts_at: string, 
/**
 * The working day to publish the pack by: ToR §20's deadline, or the working day before it.
 */
deadline: string, publication: Publication, items: number, papers: number, };

export type PackInfo = { 
/**
 * UTC instant, RFC 3339.
 */
built_at: string, pages: number, };

export type MeetingSummary = { id: number, title: string, starts_at: string, ends_at: string, venue: string, online_link: string, compulsory: boolean, series_id: number | null, published_on: string | null, items: number, papers: number, };

export type MeetingDetail = { meeting: MeetingSummary, items: Array<AgendaItemView>, };

export type MeetingInput = { title: string, starts_at: string, ends_at: string, venue: string, online_link: string, 
/**
 * Counts for the strike policy (ToR §17).
 */
compulsory: boolean, };

export type SeriesInput = { title: string, rule: MonthlyRule, start_time: string, end_time: string, from: string, until: string, venue: string, online_link: string, compulsory: boolean, };

export type AgendaItemInput = { title: string, purpose: Purpose, presenter_id: number | null, minutes: number, 
/**
 * Held as a private session (ToR §21).
 */
private: boolean, };

export type AgendaItemView = { id: number, position: number, input: AgendaItemInput, presenter: string | null, papers: Array<PaperView>, };

export type PaperView = { id: number, title: string, 
/**
 * The latest version's number; replacing a paper keeps the old versions.
 */
version: number, file_name: string, pages: number, 
/**
 * Added after the pack was published.
 */
supplement: boolean, };

export type Purpose = "noting" | "discussion" | "decision" | "approval";

export type MonthlyRule = { 
/**
 * 1 to 4, or -1 for the last such weekday of the month.
 */
week: number, 
/**
 * 0 = Monday … 6 = Sunday.
 */
weekday: number, };

export type Publication = { "state": "published", on: string, late: boolean, } | { "state": "on_track", days_left: number, } | { "state": "due_today" } | { "state": "late", days_late: number, } | { "state": "past" };

export type ElectionStep = { id: number, title: string, next_step: string, };

export type ElectionsView = { vacancies: Array<Vacancy>, 
/**
 * One proposed election per seat kind with vacancies, ready to open.
 */
proposals: Array<ElectionInput>, elections: Array<ElectionSummary>, };

export type ElectionPage = { record: ElectionRecord, 
/**
 * The day the winners would take their seats: constraints count who continues then.
 */
takes_seats_on: string, 
/**
 * The day papers are proposed back by: two weeks after nominations close (or today, if
 * later), on a working day of the group's nation (issue #18).
 */
proposed_poll_closes: string, constraints: Array<string>, checks: Array<NominationChecks>, 
/**
 * Whether the nominations can be declared elected unopposed, and why (not).
 */
unopposed: boolean, unopposed_reason: string, reconciliation: ReconciliationView, count: Count | null, 
/**
 * Names of the winners, in the order elected.
 */
winners: Array<string>, 
/**
 * Each tie in the count and how it was resolved, in a sentence.
 */
ties: Array<string>, 
/**
 * Each stage's action in a few words, for the stage table's headings.
 */
stage_actions: Array<string>, 
/**
 * What to do next, in a sentence.
 */
next_step: string, 
/**
 * People who can be nominated or be electors: everyone in the group.
 */
people: Array<PersonView>, organisations: Array<OrganisationView>, };

export type CreateElection = { group_id: number, input: ElectionInput, };

export type AddNomination = { group_id: number, election_id: number, person_id: number | null, 
/**
 * For a new person: their name and email.
 */
new_name: string, new_email: string, organisation_id: number | null, proposer: string, statement: string, received_on: string, 
/**
 * The nominee's manager status (ToR §12), when the form records it: it updates the person.
 */
manager_status?: ManagerStatus, };

export type CloseNominations = { group_id: number, election_id: number, on: string, reason: string, };

export type EnterPaper = { group_id: number, election_id: number, serial: number | null, 
/**
 * (nomination, preference); for a cross vote each mark is preference 1.
 */
choices: Array<[number, number]>, 
/**
 * Set when the paper is rejected for a reason the marks do not show.
 */
rejection: Rejection | null, entered_by: string, };

export type Declare = { group_id: number, election_id: number, on: string, returning_officer: string, };

export type NominationChecks = { nomination_id: number, checks: Array<NominationCheck>, };

export type ReconciliationView = { 
/**
 * Empty when it holds.
 */
problems: Array<string>, printed: number, issued: number, unused: number, spoilt: number, returned: number, valid: number, rejected: number, };

export type Reconciliation = { printed: number, issued: number, unused: number, spoilt: number, returned: number, valid: number, rejected: number, };

export type Vacancy = { seat_id: number, kind: SeatKind, title: string, 
/**
 * The first day the seat is (or will be) empty.
 */
from: string, 
/**
 * Why, in a sentence: "Term of Ada Byron ends on Tue 9 Dec 2026."
 */
reason: string, };

export type Eligibility = "ineligible" | "warning";

export type NominationCheck = { level: Eligibility, 
/**
 * The field it concerns: "organisation_id" or "person_id".
 */
field: string, message: string, };

export type ElectionFor = { "kind": "seats", seat_kind: SeatKind, seat_ids: Array<number>, } | { "kind": "role", role: Role, };

export type ElectionInput = { title: string, fills: ElectionFor, call_issued_on: string, nominations_close: string, returning_officer: string, };

export type ElectionRecord = { summary: ElectionSummary, seats: Array<SeatRef>, nominations: Array<NominationView>, electors: Array<ElectorView>, serials: Array<SerialView>, returned: Array<ReturnedPaperView>, };

export type ElectionState = "nominations" | "voting" | "counted" | "declared" | "cancelled";

export type ElectionSummary = { id: number, title: string, seat_kind: SeatKind | null, role: Role | null, seats: number, call_issued_on: string, nominations_close: string, 
/**
 * Why nominations were closed before the date in the call (then `nominations_close` is
 * the day they closed); none when they close as called.
 */
nominations_closed_early: string | null, 
/**
 * The day papers must be back by, once the vote is open.
 */
poll_closes: string | null, method: Method | null, returning_officer: string, state: ElectionState, declared_on: string | null, outcome: Outcome | null, 
/**
 * Nominations standing (received and not withdrawn).
 */
standing: number, };

export type ElectorView = { person_id: number, name: string, 
/**
 * Was issued a paper. Which paper is never recorded.
 */
issued: boolean, };

export type NominationView = { id: number, person_id: number, name: string, 
/**
 * How the name sorts ("Surname, Given names"): the person's correction, else the default
 * (`secretariat_rules::names`). Nominations, ballot papers and results follow it.
 */
sort_as: string, organisation_id: number | null, organisation: string | null, sme: boolean, proposer: string, statement: string, received_on: string, withdrawn_on: string | null, };

export type Outcome = "unopposed" | "elected";

export type ReturnedPaperView = { id: number, serial: number | null, choices: Array<[number, number]>, rejection: Rejection | null, entered_by: string, verified_by: string | null, };

export type SeatRef = { id: number, title: string, position: number, };

export type SerialState = "printed" | "spoilt" | "unused" | "returned";

export type SerialView = { serial: number, state: SerialState, };

export type Method = "scottish-stv" | "block" | "plurality" | "instant-runoff";

export type Rejection = "no-mark" | "too-many-marks" | "voter-identifiable" | "no-serial" | "no-first-preference" | "more-than-one-first-preference";

export type Count = { method: Method, seats: number, 
/**
 * The Droop quota (SSI 2007/42 rule 46); `None` for methods without one.
 */
quota: Votes | null, 
/**
 * Candidate names, by index.
 */
candidates: Array<string>, stages: Array<Stage>, 
/**
 * The winners, in order of election. Fewer than `seats` when too few candidates could be elected.
 */
elected: Array<number>, ties: Array<TieRecord>, 
/**
 * Votes on valid papers: papers with at least one preference or mark for a standing candidate.
 */
valid_votes: Votes, };

export type Stage = { 
/**
 * 1 for the first stage.
 */
number: number, action: StageAction, 
/**
 * What happened, in plain English, citing the rule or ToR paragraph that decided it.
 */
description: string, 
/**
 * Each candidate's votes at the end of the stage, by candidate index.
 */
totals: Array<Votes>, 
/**
 * Votes on papers with no further preference for a continuing candidate, so far.
 */
non_transferable: Votes, states: Array<CandidateState>, 
/**
 * The candidates elected at this stage, in order of election.
 */
elected: Array<number>, };

export type StageAction = { "kind": "begin" } | { "kind": "elect", candidate: number, } | { "kind": "transfer", from: number, surplus: Votes, } | { "kind": "exclude", candidate: number, protected: Array<number>, } | { "kind": "deemed-excluded", candidates: Array<number>, };

export type CandidateState = "hopeful" | "elected" | "excluded" | "withdrawn";

export type TieRecord = { 
/**
 * The stage whose decision needed the tie resolved.
 */
stage: number, purpose: TiePurpose, 
/**
 * The tied candidates (indexes).
 */
candidates: Array<number>, resolution: TieResolution, 
/**
 * The candidate chosen: excluded, transferred first, or elected, as `purpose` says.
 */
chosen: number, };

export type TiePurpose = "exclusion" | "surplus-order" | "election";

export type TieResolution = { "by": "earlier-stage", stage: number, } | { "by": "lot", among: Array<number>, };

export type Votes = string;

export type MeetingRecord = { meeting: MeetingSummary, attendance: Array<AttendanceLine>, attendance_recorded: boolean, strike_threshold: number, minutes: MinutesView, 
/**
 * Actions raised at this meeting.
 */
actions: Array<ActionView>, 
/**
 * Actions from earlier meetings still open: "matters arising".
 */
open_actions: Array<ActionView>, decisions: Array<DecisionView>, 
/**
 * The earlier meeting whose draft minutes this one can approve.
 */
previous_draft: MeetingSummary | null, 
/**
 * Everyone who can own an action: members and invitees.
 */
people: Array<PersonView>, consensus_base: ConsensusBase, consensus_percent: number, 
/**
 * Declarations of interest made at the meeting, in agenda order.
 */
declarations: Array<DeclarationView>, };

export type AttendanceLine = { person_id: number, name: string, organisation: string | null, capacity: Capacity, presence: Presence | null, online: boolean, substitute: string, 
/**
 * Strikes this calendar year up to and including this meeting (members only, ToR §17).
 */
strikes: number, };

export type SaveAttendance = { group_id: number, meeting_id: number, rows: Array<AttendanceInput>, };

export type AttendanceYear = { year: number, threshold: number, meetings: Array<MeetingSummary>, rows: Array<AttendanceYearRow>, decisions: Array<StrikeDecisionView>, };

export type AttendanceYearRow = { person_id: number, name: string, 
/**
 * Per meeting: what was recorded, or None (not a member then, or not recorded).
 */
marks: Array<AttendanceMark | null>, strikes: number, 
/**
 * At or over the threshold with no decision covering it: the Chair, Vice-Chair and
 * programme manager must decide (ToR §17).
 */
needs_decision: boolean, };

export type AttendanceMark = { presence: Presence, online: boolean, };

export type DecideStrike = { group_id: number, input: StrikeDecisionInput, };

export type SaveNotes = { group_id: number, meeting_id: number, item_id: number, notes: string, };

export type HoldInPrivate = { group_id: number, meeting_id: number, item_id: number, requested_by: string, 
/**
 * The Chair agreed (ToR §21); without it the item cannot be saved as private.
 */
chair_agreed: boolean, };

export type AddAction = { group_id: number, input: ActionInput, };

export type AddDecision = { group_id: number, input: DecisionInput, };

export type DecisionsView = { decisions: Array<DecisionView>, positions: Array<PositionLine>, consensus_base: ConsensusBase, consensus_percent: number, volunteers_needed: number, people: Array<PersonView>, actions: Array<ActionView>, };

export type PositionLine = { position: PositionView, 
/**
 * Whether the outline may start, and if not how many more volunteers are needed (ToR §23).
 */
outline_may_start: boolean, gate: string, };

export type AddPosition = { group_id: number, input: PositionInput, };

export type PublicDecision = { group_id: number, position_id: number, divided: boolean, decision: PublicPosition | null, reason: string, decided_by: string, };

export type Presence = "present" | "apologies" | "absent";

export type Discretion = "eject" | "retain";

export type Consensus = { in_favour: number, base: number, threshold_percent: number, met: boolean, 
/**
 * "8 of 10 members of the group in favour (80%): the 80% threshold is met (ToR §22)."
 */
sentence: string, };

export type ConsensusBase = "members" | "present";

export type ActionInput = { meeting_id: number, agenda_item_id: number | null, description: string, 
/**
 * A member or an invitee.
 */
owner_id: number, due_on: string, };

export type ActionStatus = "open" | "done" | "dropped";

export type ActionView = { id: number, meeting_id: number, meeting_title: string, meeting_starts_at: string, agenda_item_id: number | null, item_title: string | null, description: string, owner_id: number, owner: string, due_on: string, status: ActionStatus, closed_on: string | null, };

export type AttendanceInput = { person_id: number, capacity: Capacity, presence: Presence, online: boolean, 
/**
 * Who attended in a member's place; it does not clear the absence (ToR §17).
 */
substitute: string, };

export type Capacity = "member" | "invitee" | "observer";

export type CorrectionView = { id: number, item_id: number | null, correction: string, recorded_on: string, };

export type DecisionInput = { meeting_id: number | null, agenda_item_id: number | null, decided_on: string, kind: DecisionKind, text: string, 
/**
 * For commissioning with member funds (ToR §22): how many were in favour, of how many.
 */
in_favour: number | null, base: number | null, outcome: DecisionOutcome, };

export type DecisionKind = "general" | "commission_funds" | "position" | "membership";

export type DecisionOutcome = "carried" | "not_carried" | "noted";

export type DecisionView = { id: number, meeting_id: number | null, meeting_title: string | null, agenda_item_id: number | null, decided_on: string, kind: DecisionKind, text: string, 
/**
 * The §22 check, for a decision on member funds.
 */
consensus: Consensus | null, outcome: DecisionOutcome, };

export type ItemMinutes = { item_id: number, position: number, title: string, 
/**
 * None when the item was held in private: it has no notes.
 */
notes: string | null, private: PrivateSession | null, };

export type MinutesView = { meeting_id: number, minute_taker: string, approved_on: string | null, approved_at_meeting: number | null, approval_note: string, items: Array<ItemMinutes>, corrections: Array<CorrectionView>, };

export type PositionInput = { title: string, summary: string, proposed_on: string, };

export type PositionView = { id: number, title: string, summary: string, proposed_on: string, outline_started_on: string | null, volunteers: Array<Volunteer>, viewpoints: Array<ViewpointView>, divided: boolean, public_decision: PublicPosition | null, public_reason: string, public_decided_by: string, public_decided_on: string | null, };

export type PrivateSession = { requested_by: string, };

export type PublicPosition = "take" | "not_take";

export type StrikeDecisionInput = { person_id: number, year: number, decision: Discretion, reason: string, decided_on: string, 
/**
 * The Chair, Vice-Chair and programme manager who decided (ToR §17).
 */
decided_by: string, };

export type StrikeDecisionView = { id: number, person_id: number, name: string, year: number, strikes: number, decision: Discretion, reason: string, decided_on: string, decided_by: string, };

export type ViewpointView = { id: number, viewpoint: string, };

export type Volunteer = { person_id: number, name: string, volunteered_on: string, };

export type SubgroupsView = { today: string, subgroups: Array<SubgroupSummary>, 
/**
 * Report-backs still awaited, from every sub-group, soonest due first.
 */
awaited: Array<ReportBackRow>, 
/**
 * For a new sub-group's lead.
 */
members: Array<MemberChoice>, 
/**
 * Every meeting, for "decided at".
 */
meetings: Array<MeetingRef>, 
/**
 * The decision register, to link the decision that created a sub-group.
 */
decisions: Array<DecisionView>, };

export type SubgroupPage = { today: string, detail: SubgroupDetail, 
/**
 * Every report-back requested of it, by the date it is due.
 */
report_backs: Array<ReportBackRow>, 
/**
 * What ToR §18 finds about it today.
 */
findings: Array<Finding>, 
/**
 * Members of the working group today: who may lead or join.
 */
members: Array<MemberChoice>, 
/**
 * Everyone in the register, to invite someone already recorded.
 */
people: Array<PersonView>, organisations: Array<OrganisationView>, 
/**
 * Every meeting, to request a report at one and make it due at another.
 */
meetings: Array<MeetingRef>, 
/**
 * The decision register, to link the decision that created it.
 */
decisions: Array<DecisionView>, paper_limit_mb: number, };

export type MemberChoice = { person_id: number, name: string, organisation: string | null, seat: string, };

export type ReportBackRow = { report_back: ReportBackView, state: ReportBackState, };

export type ReportBackDue = { id: number, subgroup_id: number, subgroup: string, topic: string, due_meeting_id: number, due_on: string, overdue: boolean, };

export type SaveSubgroup = { group_id: number, 
/**
 * None to create one.
 */
id: number | null, input: SubgroupInput, 
/**
 * When creating: its lead from the start date, a member of the working group (ToR §18).
 */
lead_id: number | null, };

export type AddPlace = { group_id: number, subgroup_id: number, place: Place, person_id: number | null, new_name: string, new_email: string, new_job_title: string, 
/**
 * Their employer: one in the register, or a new organisation's name.
 */
organisation_id: number | null, new_organisation: string, expertise: Array<Expertise>, expertise_note: string, from: string, };

export type EndPlace = { group_id: number, subgroup_id: number, place_id: number, 
/**
 * Their last day.
 */
on: string, };

export type CloseSubgroup = { group_id: number, subgroup_id: number, on: string, reason: string, };

export type RequestReportBack = { group_id: number, subgroup_id: number, input: ReportBackInput, };

export type RecordReport = { group_id: number, subgroup_id: number, report_back_id: number, received_on: string, report: string, 
/**
 * The paper's title in the pack; empty for one made from the file's name.
 */
paper_title: string, file_name: string | null, data_base64: string | null, };

export type MoveReportBack = { group_id: number, subgroup_id: number, report_back_id: number, due_meeting_id: number, };

export type SubgroupInput = { name: string, 
/**
 * What the group asked it to do.
 */
remit: string, start: string, 
/**
 * The decision that created it (ToR §18), where one is in the register.
 */
decision_id: number | null, 
/**
 * The meeting whose minutes record its creation, where there is one.
 */
meeting_id: number | null, 
/**
 * The decision or minute in words, e.g. "Minute 5.2, 9 Dec 2025".
 */
created_by: string, };

export type SubgroupSummary = { id: number, name: string, remit: string, start: string, closed_on: string | null, closed_reason: string | null, lead_id: number | null, lead: string | null, 
/**
 * Members of the working group taking part, the lead aside.
 */
members: number, invitees: number, 
/**
 * Report-backs requested and neither received nor withdrawn.
 */
pending_report_backs: number, 
/**
 * The date of the meeting the earliest of those is due at.
 */
next_due: string | null, };

export type SubgroupDetail = { id: number, input: SubgroupInput, 
/**
 * The decision that created it, where one is linked.
 */
decision: DecisionRef | null, meeting: MeetingRef | null, closed_on: string | null, closed_reason: string | null, 
/**
 * Current places first (lead, members, invited individuals), then past ones, newest first.
 */
places: Array<PlaceView>, };

export type PlaceView = { id: number, person_id: number, name: string, email: string, job_title: string, 
/**
 * Their employer on the day asked about.
 */
organisation: string | null, place: Place, expertise: Array<Expertise>, expertise_note: string, from: string, to: string | null, };

export type ReportBackInput = { 
/**
 * What the group asked the sub-group to report on.
 */
topic: string, requested_on: string, 
/**
 * The meeting at which the group asked, where it was at one.
 */
requested_at_meeting_id: number | null, 
/**
 * The meeting the report is due at: it appears on that meeting's agenda.
 */
due_meeting_id: number, };

export type ReportBackView = { id: number, subgroup_id: number, subgroup: string, topic: string, requested_on: string, requested_at: MeetingRef | null, due: MeetingRef, 
/**
 * Its item on the due meeting's agenda, unless someone removed it.
 */
agenda_item_id: number | null, received_on: string | null, report: string, paper: ReportPaperView | null, withdrawn_on: string | null, 
/**
 * The sub-group's lead today, who presents it.
 */
lead: string | null, };

export type ReportPaperView = { id: number, title: string, file_name: string, pages: number, version: number, 
/**
 * Added after the due meeting's pack was published.
 */
supplement: boolean, };

export type MeetingRef = { id: number, title: string, starts_at: string, };

export type DecisionRef = { id: number, decided_on: string, text: string, };

export type Expertise = "data" | "architecture" | "integration" | "api" | "other";

export type Place = "lead" | "member" | "invitee";

export type ReportBackState = "due" | "overdue" | "received" | "withdrawn";

export type BackupsView = { folder: string, 
/**
 * The folder is `<data folder>/backups`.
 */
default_folder: boolean, 
/**
 * Newest first.
 */
backups: Array<BackupRow>, 
/**
 * A day or more since the newest backup (or none at all).
 */
due: boolean, data_dir: string, };

export type BackupRow = { file: BackupFile, made_local: string, };

export type BackupFile = { name: string, path: string, 
/**
 * When it was made, from its name.
 */
made_at: string, bytes: number, 
/**
 * Taken before the database was upgraded; rotation never removes it.
 */
before_migration: boolean, };

export type BackupMade = { backup: BackupFile, 
/**
 * Names of older backups removed by rotation.
 */
removed: Array<string>, };

export type BackupCheck = { path: string, file_name: string, bytes: number, 
/**
 * The database in use, which a restore moves aside (never deletes).
 */
database_file: string, };

export type SetBackupFolder = { 
/**
 * A full path; none for `<data folder>/backups`.
 */
folder: string | null, };

export type Restored = { restored_from: string, 
/**
 * Where the database that was in place now is (never deleted); none if there was none.
 */
set_aside: string | null, };

export type VerifyReport = { 
/**
 * What `PRAGMA integrity_check` found; empty when the file's structure is sound.
 */
integrity_problems: Array<string>, 
/**
 * What `PRAGMA cipher_integrity_check` found (pages whose HMAC fails); empty when
 * every page is as it was written.
 */
cipher_problems: Array<string>, audit: AuditCheck, 
/**
 * People whose recorded email address is not one a draft can be sent to (rows from
 * before addresses were checked strictly), each as a sentence naming the person.
 */
bad_email_addresses: Array<string>, };

export type RetentionSchedule = { 
/**
 * Months after a declaration that an election's ballot papers are kept.
 */
ballot_months: number, 
/**
 * Months after a declaration that unsuccessful candidates' statements are kept.
 */
nomination_months: number, 
/**
 * Full calendar years after its year that attendance is kept (ToR §17).
 */
attendance_years: number, 
/**
 * Years after a meeting that its papers and agenda pack are kept.
 */
paper_years: number, };

export type Nation = "england-and-wales" | "scotland" | "northern-ireland";

export type RetentionCategory = "candidates_and_nominations" | "ballots_and_counts" | "attendance" | "minutes_and_papers";

export type DueItem = { 
/**
 * The election's or meeting's id, or the year for attendance.
 */
id: number, 
/**
 * Which one, as a person reads it ("Supplier seats 2024", "Monthly meeting, Tue 9 Dec 2025", "2023").
 */
label: string, 
/**
 * The day its period ran out.
 */
due_on: string, 
/**
 * How many records would go.
 */
count: number, };

export type RetentionSection = { category: RetentionCategory, title: string, 
/**
 * The period, in words ("6 months after the result is declared").
 */
period: string, 
/**
 * What a purge removes.
 */
removes: string, 
/**
 * What is kept however old.
 */
keeps: string, 
/**
 * Oldest first.
 */
due: Array<DueItem>, total: number, };

export type RetentionReport = { on: string, sections: Array<RetentionSection>, };

export type PurgeRetention = { group_id: number, 
/**
 * The dry run's total when the person confirmed.
 */
confirmed_total: number, };

export type RetentionPurged = { 
/**
 * The report that was purged (what went, per category).
 */
purged: RetentionReport, removed: number, 
/**
 * The backup taken just before, which still holds everything removed.
 */
backup: string, };

export type AuditCheck = { 
/**
 * Rows in the log.
 */
rows: number, 
/**
 * Rows written before the chain existed, which carry no mac and are not checked.
 */
legacy_rows: number, 
/**
 * Rows whose `change` an erasure replaced by the redaction marker (UK GDPR Art. 17).
 */
redacted_rows: number, 
/**
 * Of those, rows written before v2, whose own content can no longer be checked; the
 * chain around them still is (the next row's mac covers their stored mac).
 */
redacted_unchecked_rows: number, 
/**
 * The first row at which the chain breaks, if it does.
 */
first_broken: AuditBreak | null, };

export type ErasePerson = { group_id: number, person_id: number, 
/**
 * Why: required, kept with the redacted record; it must not name the person.
 */
reason: string, dry_run: boolean, };

export type ErasureResult = { erasure: Erasure, 
/**
 * The backup taken just before (none for a dry run); it still holds the erased data.
 */
backup: string | null, 
/**
 * Where backups are kept: they hold the person's data until rotation removes them.
 */
backup_folder: string, };

export type Erasure = { person_id: number, 
/**
 * The name the person had (shown in the confirmation; not kept after erasure).
 */
name: string, 
/**
 * What the person is called afterwards.
 */
erased_name: string, deleted: Array<ErasureLine>, redacted: Array<ErasureLine>, kept: Array<ErasureLine>, 
/**
 * Whether it was saved (false for a dry run).
 */
committed: boolean, };

export type ErasureLine = { what: string, count: number, };

export type SubjectAccess = { group: string, person: SubjectPerson, employments: Array<SubjectRow>, terms: Array<SubjectRow>, roles: Array<SubjectRow>, invitations: Array<SubjectRow>, attendance: Array<SubjectRow>, strike_decisions: Array<SubjectRow>, nominations: Array<SubjectRow>, 
/**
 * Elections they could vote in, and whether a paper was issued (never which one).
 */
electorates: Array<SubjectRow>, presented: Array<SubjectRow>, actions: Array<SubjectRow>, positions: Array<SubjectRow>, subgroups: Array<SubjectRow>, 
/**
 * Work register entries they own or represented the group in (ToR §3, §5).
 */
work: Array<SubjectRow>, 
/**
 * Their declarations of interest at meetings, item by item.
 */
declarations: Array<SubjectRow>, 
/**
 * Free text elsewhere that contains their name or email address.
 */
mentions: Array<SubjectRow>, audit: Array<SubjectAudit>, };

export type SubjectPerson = { id: number, name: string, email: string, job_title: string, manager_status: string, 
/**
 * How their name sorts on ballot papers, when corrected ('' = from the name).
 */
sort_as: string, erased_on: string | null, erasure_reason: string | null, };

export type SubjectRow = { what: string, when: string, details: string, };

export type SubjectAudit = { seq: number, at: string, actor: string, entity: string, entity_id: number | null, action: string, 
/**
 * The change as recorded (JSON), or the redaction marker.
 */
change: string, };

export type AuditBreak = { seq: number, reason: string, };

export type WorkKind = "consultation" | "concern" | "horizon" | "representation";

export type WorkStatus = "open" | "submitted" | "raised" | "shared" | "watch" | "assess" | "act" | "planned" | "represented" | "closed";

export type HorizonKind = "technology" | "legislation" | "regulation" | "case_law" | "standard";

export type WorkNeed = { entry_id: number, kind: WorkKind, title: string, 
/**
 * When it is (or was) due: the deadline, the day a review fell due, the day raised.
 */
due: string, 
/**
 * The sentence Home shows, naming the paragraph.
 */
message: string, tor: string, overdue: boolean, };

export type WorkKindInfo = { kind: WorkKind, label: string, 
/**
 * "ToR §3c".
 */
tor: string, 
/**
 * What that paragraph asks, in its words.
 */
tor_text: string, statuses: Array<WorkStatus>, };

export type SubgroupChoice = { id: number, name: string, };

export type WorkView = { today: string, kinds: Array<WorkKindInfo>, entries: Array<WorkEntrySummary>, needs: Array<WorkNeed>, 
/**
 * Everyone in the register, to own an entry or to have represented the group.
 */
people: Array<PersonView>, subgroups: Array<SubgroupChoice>, 
/**
 * When entries are listed as needing the secretariat (group settings).
 */
thresholds: WorkThresholds, };

export type WorkPage = { today: string, kind: WorkKindInfo, detail: WorkEntryDetail, people: Array<PersonView>, subgroups: Array<SubgroupChoice>, 
/**
 * Meetings from today on, to put the entry on an agenda.
 */
meetings: Array<MeetingRef>, 
/**
 * Items already on an agenda (meetings of the last year and to come) the entry can be
 * linked to, where it was discussed under another title.
 */
item_choices: Array<WorkItemLink>, 
/**
 * For a consultation: the papers that can be chosen as the group's response (ToR §3a).
 */
paper_choices: Array<PaperChoice>, thresholds: WorkThresholds, };

export type SaveWorkEntry = { group_id: number, 
/**
 * None to record a new entry.
 */
id: number | null, input: WorkEntryInput, };

export type SetWorkStatus = { group_id: number, entry_id: number, status: WorkStatus, on: string, note: string, };

export type AddWorkToAgenda = { group_id: number, entry_id: number, meeting_id: number, presenter_id: number | null, };

export type LinkWorkItem = { group_id: number, entry_id: number, agenda_item_id: number, };

export type DigestRequest = { group_id: number, from: string, to: string, 
/**
 * An email draft (.eml, `X-Unsent: 1`) with the PDF attached, rather than the PDF.
 */
eml: boolean, };

export type WorkThresholds = { 
/**
 * A consultation whose deadline falls within this many days is listed on Home (ToR §3a).
 */
deadline_warning_days: number, 
/**
 * A horizon item not reviewed for this many months is listed on Home (ToR §5a).
 */
review_months: number, };

export type PaperChoice = { id: number, title: string, 
/**
 * The agenda item it is attached to.
 */
item_title: string, meeting: MeetingRef, };

export type DeclareInterest = { group_id: number, meeting_id: number, input: DeclarationInput, };

export type WorkEntryInput = { kind: WorkKind, title: string, 
/**
 * What was asked, the concern, the development, or what was said.
 */
summary: string, 
/**
 * Who asked (consultation), who raised it (concern), the source reference (horizon), the forum (representation).
 */
source: string, 
/**
 * For a horizon item: technology, legislation, regulation, case law or standard (ToR §5a).
 */
horizon_kind: HorizonKind | null, 
/**
 * Received, raised, spotted, or the day of the forum.
 */
opened_on: string, 
/**
 * Who owns it; for representation, who represented the group.
 */
owner_id: number | null, 
/**
 * The sub-group that has taken it on (ToR §18), if one has.
 */
subgroup_id: number | null, 
/**
 * A consultation's deadline.
 */
deadline: string | null, 
/**
 * The group's response to a consultation: a paper on an agenda item.
 */
response_paper_id: number | null, 
/**
 * A horizon item's assessment.
 */
assessment: string, 
/**
 * A concern: shared with which forum. Representation: the outcome.
 */
outcome: string, 
/**
 * Raised in confidence: never in the digest.
 */
confidential: boolean, };

export type WorkEntrySummary = { id: number, kind: WorkKind, title: string, source: string, horizon_kind: HorizonKind | null, status: WorkStatus, opened_on: string, reviewed_on: string, deadline: string | null, submitted_on: string | null, owner_id: number | null, owner: string | null, subgroup: string | null, confidential: boolean, 
/**
 * The agenda items it was discussed at.
 */
items: number, 
/**
 * The paragraph it serves: "ToR §3c".
 */
tor: string, };

export type WorkEntryDetail = { id: number, input: WorkEntryInput, status: WorkStatus, reviewed_on: string, submitted_on: string | null, owner: string | null, subgroup: string | null, response_paper: string | null, tor: string, 
/**
 * Oldest first; the first is its opening.
 */
history: Array<StatusChange>, items: Array<WorkItemLink>, decisions: Array<DecisionRef>, actions: Array<WorkActionRef>, };

export type StatusChange = { status: WorkStatus, on: string, note: string, };

export type WorkItemLink = { agenda_item_id: number, title: string, meeting: MeetingRef, };

export type WorkActionRef = { id: number, description: string, owner: string, due_on: string, status: string, };

export type DeclarationInput = { agenda_item_id: number, person_id: number, 
/**
 * False: "no interest" declared.
 */
interest: boolean, 
/**
 * The nature of the interest; empty for none.
 */
nature: string, };

export type DeclarationView = { id: number, meeting: MeetingRef, agenda_item_id: number, item_title: string, item_position: number, person_id: number, name: string, interest: boolean, nature: string, declared_on: string, };

export type OfGroup = { group_id: number, };

export type SetBankHolidays = { group_id: number, nation: Nation, };

export type ComplianceOn = { group_id: number, on: string | null, };

export type OfPerson = { group_id: number, person_id: number, };

export type OfOrganisation = { group_id: number, organisation_id: number, };

export type DocumentRequest = { group_id: number, kind: DocumentKind, record_id: number | null, };

export type OfMeeting = { group_id: number, meeting_id: number, };

export type MoveAgendaItem = { group_id: number, meeting_id: number, item_id: number, by: number, };

export type OfAgendaItem = { group_id: number, meeting_id: number, item_id: number, };

export type InspectPaper = { group_id: number, file_name: string, data_base64: string, };

export type OfElection = { group_id: number, election_id: number, };

export type OfNomination = { group_id: number, election_id: number, nomination_id: number, };

export type SetElectionMethod = { group_id: number, election_id: number, method: Method, };

export type OpenVoting = { group_id: number, election_id: number, electors: Array<number> | null, poll_closes: string | null, };

export type IssuePaper = { group_id: number, election_id: number, person_id: number, };

export type PrintBallots = { group_id: number, election_id: number, copies: number, };

export type Serials = { group_id: number, election_id: number, serials: Array<number>, };

export type VerifyPaper = { group_id: number, election_id: number, paper_id: number, verified_by: string, };

export type OfReturnedPaper = { group_id: number, election_id: number, paper_id: number, };

export type OfYear = { group_id: number, year: number, };

export type SetMinuteTaker = { group_id: number, meeting_id: number, name: string, };

export type ApproveMinutes = { group_id: number, meeting_id: number, at_meeting: number, note: string, };

export type AddCorrection = { group_id: number, meeting_id: number, item_id: number | null, correction: string, };

export type SetActionStatus = { group_id: number, action_id: number, status: ActionStatus, };

export type SetConsensusBase = { group_id: number, base: ConsensusBase, };

export type OfVolunteer = { group_id: number, position_id: number, person_id: number, };

export type OfPosition = { group_id: number, position_id: number, };

export type AddViewpoint = { group_id: number, position_id: number, viewpoint: string, };

export type OfSubgroup = { group_id: number, subgroup_id: number, };

export type OfReportBack = { group_id: number, subgroup_id: number, report_back_id: number, };

export type WorkFilter = { group_id: number, kind: WorkKind | null, };

export type OfWorkEntry = { group_id: number, entry_id: number, };

export type OfDeclaration = { group_id: number, meeting_id: number, declaration_id: number, };

export type RuleSwitch = "sro_role" | "sme_minimum" | "one_per_company" | "strike_policy";

export type TorSetting = "target_size" | "stakeholder_seats" | "supplier_seats" | "min_sme_suppliers" | "term_months" | "max_members_per_organisation" | "grace_months" | "strike_absences" | "publication_lead_days" | "funds_consensus_percent" | "position_volunteers" | { "rule": RuleSwitch };

export type AmendmentEffect = { on: string, new: Array<Finding>, cleared: Array<Finding>, };

export type AmendmentInput = { setting: TorSetting, value: number, from: string, 
/**
 * The meeting that agreed it, if recorded.
 */
meeting_id: number | null, 
/**
 * The decision (ToR §22) that agreed it, if recorded.
 */
decision_id: number | null, 
/**
 * Who agreed it and how, where there is no decision to cite.
 */
note: string, };

export type AmendmentView = { id: number, setting: TorSetting, 
/**
 * The setting's key (`min_sme_suppliers`, `rule.strike_policy`).
 */
key: string, label: string, tor: Tor, 
/**
 * The value in force the day before, as a person reads it ("2", "24 months", "applies").
 */
previous: string, 
/**
 * The new value, as a person reads it.
 */
value: string, from: string, meeting: AmendmentMeeting | null, decision: AmendmentDecision | null, note: string, 
/**
 * UTC instant, RFC 3339.
 */
recorded_at: string, };

export type AmendmentMeeting = { id: number, title: string, on: string, };

export type AmendmentDecision = { id: number, decided_on: string, text: string, };

export type TorView = { on: string, 
/**
 * The first day an amendment may take effect: the group's first recorded day.
 */
existed_from: string, 
/**
 * Every amendable setting, in the order of the Terms of Reference, as in force on `on`.
 */
lines: Array<TorLine>, 
/**
 * The rules the group's Terms of Reference do not have on `on`.
 */
not_applying: Array<RuleOff>, 
/**
 * Every amendment, in the order they apply.
 */
amendments: Array<AmendmentView>, 
/**
 * The amendment that may be withdrawn: the most recently recorded.
 */
withdrawable: number | null, 
/**
 * The group's own text of its Terms of Reference; empty when none is kept.
 */
tor_text: string, 
/**
 * The group's meetings and decisions, to say which agreed an amendment.
 */
meetings: Array<AmendmentMeeting>, decisions: Array<AmendmentDecision>, };

export type TorLine = { setting: TorSetting, key: string, label: string, tor: Tor, 
/**
 * The value (for a rule, 1 applies and 0 does not).
 */
value: number, 
/**
 * As a person reads it: "3", "24 months", "80%", "applies".
 */
described: string, 
/**
 * False for a number whose rule the group's Terms of Reference do not have on the day.
 */
applies: boolean, 
/**
 * A rule on or off rather than a number.
 */
switch: boolean, 
/**
 * The first day of the amendment that set this value, if one did.
 */
amended_from: string | null, };

export type RuleOff = { rule: RuleSwitch, label: string, tor: Tor, };

export type AmendTor = { group_id: number, input: AmendmentInput, };

export type AmendmentPreview = { effect: AmendmentEffect | null, problem: ApiError | null, };

export type OfAmendment = { group_id: number, amendment_id: number, };

export type SetTorText = { group_id: number, text: string, };
