// Test doubles at the IPC boundary (Tauri's own mocks), fixtures shaped by the
// generated bindings, and an accessibility check with axe-core.
import axe from 'axe-core';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Command, Commands } from '../src/lib/commands';
import type { ApiError, AppState, Compliance, GroupHome, GroupShape, MembersView, PersonDetail, SeatView, TemplateInfo } from '../src/lib/bindings';

/**
 * The doubles implement the contract generated from Rust (`src/lib/commands.ts`): each takes
 * its command's request and answers its reply, so a command renamed or retyped in Rust fails
 * the tests' type check too.
 */
export type Handlers = { [K in Command]?: (request: Commands[K]['request']) => Commands[K]['reply'] | Promise<Commands[K]['reply']> };

/** Answers each command with its handler; a handler that throws an `ApiError` object rejects like Rust would. */
export function mockBackend(handlers: Handlers): { calls: { cmd: Command; args: Record<string, unknown> }[] } {
  const calls: { cmd: Command; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as { request?: unknown };
    calls.push({ cmd: cmd as Command, args: payload });
    const handler = handlers[cmd as Command] as ((request: unknown) => unknown) | undefined;
    if (!handler) throw { kind: 'internal', message: `no mock for ${cmd}` } satisfies ApiError;
    return handler(payload.request ?? null);
  });
  return { calls };
}

export const techuk: TemplateInfo = {
  id: 'techuk-interop',
  title: 'techUK Interoperability for Policing WG',
  suggested_group_name: 'Interoperability for Policing Working Group',
  seats: 12,
  settings: [
    { key: 'target_size', label: 'Group size (approximately)', value: '12 members', tor: 10 },
    { key: 'min_sme_suppliers', label: 'Supplier members from an SME (at least)', value: '2', tor: 13 },
    { key: 'term_months', label: 'Term length', value: '2 years', tor: 14 },
    { key: 'time_zone', label: 'Time zone of meetings', value: 'Europe/London', tor: null },
  ],
  shape: shapeWith(
    ['Interoperability Working Group SRO', 'Home Office Police & Public Protection Technology representative', 'Police ICT Company National Standards Lead', 'National Data Quality & Standards Lead'],
    8,
  ),
};

/** A group's shape as Rust gives it: these named seats and supplier seats, every rule on. */
export function shapeWith(named: string[], supplier: number): GroupShape {
  return {
    seats: { named, other: 0, supplier },
    rules: {
      target_size: 12,
      term_months: 24,
      sme_minimum: true,
      min_sme_suppliers: 2,
      one_per_company: true,
      max_members_per_organisation: 1,
      grace_months: 3,
      strike_policy: true,
      sro: true,
      strike_absences: 2,
      publication_lead_days: 7,
      funds_consensus_percent: 80,
      position_volunteers: 6,
    },
    group: {
      time_zone: 'Europe/London',
      bank_holidays: 'england-and-wales',
      term_reminder_days: 60,
      paper_limit_mb: 20,
      standard_agenda: ['Welcome and apologies', 'Declarations of interest', 'Any other business'],
    },
  };
}

export const custom: TemplateInfo = {
  id: 'custom',
  title: 'A custom group: choose its seats and rules',
  suggested_group_name: '',
  seats: 12,
  settings: [],
  shape: shapeWith([], 12),
};

export const noDatabase: AppState = { state: 'no_database', data_dir: '/data', templates: [techuk, custom] };

export function vacantSeats(): SeatView[] {
  const stakeholder = ['Interoperability Working Group SRO', 'Home Office representative', 'Police ICT Company lead', 'Data Quality lead'];
  return [
    ...stakeholder.map((title, i) => ({ id: i + 1, kind: 'stakeholder' as const, position: i + 1, title, holder: null, previous_term_end: null })),
    ...Array.from({ length: 8 }, (_, i) => ({
      id: i + 5,
      kind: 'supplier' as const,
      position: i + 1,
      title: `Supplier seat ${i + 1}`,
      holder: null,
      previous_term_end: null,
    })),
  ];
}

export function home(name = 'Interop WG', seats = vacantSeats()): GroupHome {
  return {
    group: {
      id: 1,
      name,
      template: 'techuk-interop',
      settings: {
        stakeholder_seats: 4,
        supplier_seats: 8,
        target_size: 12,
        term_months: 24,
        min_sme_suppliers: 2,
        max_members_per_organisation: 1,
        strike_absences: 2,
        grace_months: 3,
        publication_lead_days: 7,
        funds_consensus_percent: 80,
        position_volunteers: 6,
        time_zone: 'Europe/London',
        term_reminder_days: 60,
        standard_agenda: ['Welcome and apologies', 'Declarations of interest', 'Minutes of the last meeting', 'Matters arising and open actions', 'Any other business'],
        paper_limit_mb: 20,
        retention: { ballot_months: 6, nomination_months: 12, attendance_years: 2, paper_years: 6 },
        work: { deadline_warning_days: 14, review_months: 3 },
        bank_holidays: 'england-and-wales',
        rules_off: [],
      },
    },
    today: '2026-11-27',
    seats,
    vacant_seats: seats.filter((s) => !s.holder).length,
    settings: techuk.settings,
    counts: { organisations: 0, people: 0, meetings: 0 },
    next_meeting: null,
    elections: [],
    overdue_actions: [],
    report_backs: [],
    work: [],
  };
}

/** Fails on serious or critical axe violations. Colour contrast needs a real renderer: the E2E run checks it. */
export async function expectAccessible(container: Element): Promise<void> {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  if (report.length > 0) throw new Error(`accessibility violations:\n${report.join('\n')}`);
}

export const smeBreach: Compliance = {
  on: '2026-11-27',
  breaches: 1,
  warnings: 0,
  notices: 0,
  findings: [
    {
      severity: 'breach',
      tor: 13,
      message: 'None of the supplier members are from an SME; ToR §13 requires at least 2.',
      subjects: [],
      since: null,
      until: null,
    },
  ],
};

export function members(overrides: Partial<MembersView> = {}): MembersView {
  return {
    seats: vacantSeats(),
    people: [
      { id: 1, name: 'Zoë Ó\u2019Brien', email: 'zoe@k.example', job_title: 'CTO', organisation: 'Kestrel Data Ltd' },
      { id: 2, name: 'Amara Okafor', email: 'amara@h.example', job_title: 'PM', organisation: 'Harbourline Ltd' },
    ],
    organisations: [
      { id: 1, name: 'Kestrel Data Ltd', techuk_status: 'member', sme: true, sector: 'Data', people: 1 },
      { id: 2, name: 'Newco Ltd', techuk_status: 'not_member', sme: false, sector: 'Data', people: 0 },
    ],
    appointments: [],
    invitees: [],
    ...overrides,
  };
}

export const zoe: PersonDetail = {
  id: 1,
  input: { name: 'Zoë Ó\u2019Brien', email: 'zoe@k.example', job_title: 'CTO', manager_status: 'yes', sort_as: '' },
  default_sort_as: 'Ó\u2019Brien, Zoë',
  employments: [{ id: 1, organisation_id: 1, organisation: 'Kestrel Data Ltd', from: '2020-01-01', to: null }],
  terms: [{ id: 7, seat_id: 5, seat: 'Supplier seat 1', start: '2025-01-01', end: '2027-01-01', obtained: 'election', ended_on: null, end_reason: null }],
  appointments: [],
  erased_on: null,
  declarations: [],
  manager_history: [{ from: null, manager_status: 'yes', recorded_at: '2026-01-01T09:00:00Z' }],
};

/** The retention dry run with nothing due: what Settings shows for a young group. */
export function nothingDue(on = '2026-11-27'): import('../src/lib/bindings').RetentionReport {
  const section = (category: import('../src/lib/bindings').RetentionCategory, title: string, period: string) => ({
    category,
    title,
    period,
    removes: 'Old records.',
    keeps: 'The group’s record.',
    due: [],
    total: 0,
  });
  return {
    on,
    sections: [
      section('candidates_and_nominations', 'Candidates and nominations', '12 months after the result is declared'),
      section('ballots_and_counts', 'Ballots and counts', '6 months after the result is declared'),
      section('attendance', 'Attendance', '2 full years after the end of its year (ToR §17 needs the current year)'),
      section('minutes_and_papers', 'Minutes and papers', '6 years after the meeting'),
    ],
  };
}
