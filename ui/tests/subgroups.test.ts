import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { ReportBackRow, SubgroupPage, SubgroupsView } from '../src/lib/bindings';
import { expectAccessible, home, mockBackend, smeBreach, techuk } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-11-27',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

const meetings = [
  { id: 10, title: 'Working group meeting — November 2026', starts_at: '2026-11-10T14:00:00' },
  { id: 11, title: 'Working group meeting — December 2026', starts_at: '2026-12-08T14:00:00' },
  { id: 12, title: 'Working group meeting — January 2027', starts_at: '2027-01-12T14:00:00' },
];

const members = [
  { person_id: 1, name: 'Ada Lovelace', organisation: 'Analytical Ltd', seat: 'Supplier seat 1' },
  { person_id: 2, name: 'Bob Babbage', organisation: 'Engines plc', seat: 'Supplier seat 2' },
];

function reportBack(over: Partial<ReportBackRow['report_back']> = {}, state: ReportBackRow['state'] = 'due'): ReportBackRow {
  return {
    report_back: {
      id: 7,
      subgroup_id: 3,
      subgroup: 'Data Standards sub-group',
      topic: 'Custody data model',
      requested_on: '2026-11-10',
      requested_at: meetings[0],
      due: meetings[1],
      agenda_item_id: 99,
      received_on: null,
      report: '',
      paper: null,
      withdrawn_on: null,
      lead: 'Ada Lovelace',
      ...over,
    },
    state,
  };
}

function view(over: Partial<SubgroupsView> = {}): SubgroupsView {
  return {
    today: '2026-11-27',
    subgroups: [
      {
        id: 3, name: 'Data Standards sub-group', remit: 'Agree a custody data model.', start: '2026-11-10', closed_on: null, closed_reason: null,
        lead_id: 1, lead: 'Ada Lovelace', members: 1, invitees: 2, pending_report_backs: 1, next_due: '2026-12-08',
      },
    ],
    awaited: [reportBack()],
    members,
    meetings,
    decisions: [],
    ...over,
  };
}

function page(over: Partial<SubgroupPage> = {}): SubgroupPage {
  return {
    today: '2026-11-27',
    detail: {
      id: 3,
      input: { name: 'Data Standards sub-group', remit: 'Agree a custody data model.', start: '2026-11-10', decision_id: null, meeting_id: 10, created_by: 'Minute 5.2' },
      decision: null,
      meeting: meetings[0],
      closed_on: null,
      closed_reason: null,
      places: [
        { id: 1, person_id: 1, name: 'Ada Lovelace', email: 'ada@a.example', job_title: '', organisation: 'Analytical Ltd', place: 'lead', expertise: [], expertise_note: '', from: '2026-11-10', to: null },
        {
          id: 2, person_id: 40, name: 'Dr Aisha Rahman', email: 'aisha@northshire.example', job_title: 'Data architect', organisation: 'Northshire Police',
          place: 'invitee', expertise: ['data', 'architecture'], expertise_note: 'custody records', from: '2026-11-10', to: null,
        },
      ],
    },
    report_backs: [],
    findings: [],
    members,
    people: [
      { id: 1, name: 'Ada Lovelace', email: 'ada@a.example', job_title: '', organisation: 'Analytical Ltd' },
      { id: 40, name: 'Dr Aisha Rahman', email: 'aisha@northshire.example', job_title: 'Data architect', organisation: 'Northshire Police' },
      { id: 41, name: 'Ruth Adebayo', email: 'ruth@force.example', job_title: '', organisation: null },
    ],
    organisations: [{ id: 8, name: 'Northshire Police', techuk_status: 'not_member', sme: false, sector: 'Policing', people: 1 }],
    meetings,
    decisions: [],
    paper_limit_mb: 20,
    ...over,
  } as SubgroupPage;
}

describe('sub-groups', () => {
  it('lists sub-groups with the report-backs awaited, and refuses a lead who is not a member at the field (ToR §18)', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      subgroups: () => view(),
      save_subgroup: () => {
        throw { kind: 'invalid', field: 'lead_id', message: 'Bob Babbage holds no seat on the working group on Tue 10 Nov 2026; a sub-group is led by a member of the working group (ToR §18).' };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Sub-groups' }));
    expect(await screen.findByRole('heading', { name: 'Sub-groups', level: 1 })).toBeTruthy();
    const table = screen.getByRole('table', { name: /Sub-groups/ });
    expect(within(table).getByText('Ada Lovelace')).toBeTruthy();
    expect(within(table).getByText('1 report, next Tue 8 Dec 2026')).toBeTruthy();
    expect(screen.getByText(/Custody data model — due at the meeting of Tue 8 Dec 2026/)).toBeTruthy();
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'New sub-group…' }));
    await user.type(screen.getByLabelText('Name'), 'API sub-group');
    await user.type(screen.getByLabelText('Remit'), 'Common API patterns.');
    await user.selectOptions(screen.getByLabelText('Lead'), 'Bob Babbage (Engines plc)');
    await user.click(screen.getByRole('button', { name: 'Create the sub-group' }));
    const lead = screen.getByLabelText('Lead');
    expect(lead.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('#subgroup-lead_id-error')!.textContent).toContain('ToR §18');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('API sub-group');
    const request = backend.calls.find((c) => c.cmd === 'save_subgroup')!.args.request as { lead_id: number; input: { name: string } };
    expect(request).toMatchObject({ lead_id: 2, input: { name: 'API sub-group' } });
    await expectAccessible(container);
  });

  it('shows a sub-group, invites an expert with their expertise and requests a report due at the next meeting', async () => {
    let current = page();
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      subgroups: () => view(),
      subgroup: () => current,
      add_subgroup_place: () => {
        current = page({
          detail: {
            ...current.detail,
            places: [
              ...current.detail.places,
              { id: 3, person_id: 42, name: 'Ben Carter', email: 'ben@crestline.example', job_title: '', organisation: 'Crestline Software Ltd', place: 'invitee', expertise: ['api'], expertise_note: '', from: '2026-11-27', to: null },
            ],
          },
        });
        return current;
      },
      request_report_back: () => {
        current = page({ ...current, report_backs: [reportBack()] });
        return current;
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Sub-groups' }));
    await user.click(within(await screen.findByRole('table', { name: /Sub-groups/ })).getByRole('button', { name: 'Data Standards sub-group' }));
    expect(await screen.findByRole('heading', { name: 'Data Standards sub-group', level: 1 })).toBeTruthy();
    expect(screen.getByText('Data, Architecture — custody records')).toBeTruthy();
    expect(screen.getByText('Supplier seat 1')).toBeTruthy();
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Invite someone…' }));
    await user.type(screen.getByLabelText('Name'), 'Ben Carter');
    await user.type(screen.getByLabelText('Email'), 'ben@crestline.example');
    await user.selectOptions(screen.getByLabelText('Organisation'), 'New organisation…');
    await user.type(screen.getByLabelText("New organisation's name"), 'Crestline Software Ltd');
    await user.click(screen.getByLabelText('API'));
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Invite them' }));
    expect(await screen.findByText('The invitation was recorded.')).toBeTruthy();
    const invite = backend.calls.find((c) => c.cmd === 'add_subgroup_place')!.args.request;
    expect(invite).toMatchObject({ place: 'invitee', person_id: null, new_name: 'Ben Carter', new_organisation: 'Crestline Software Ltd', expertise: ['api'], from: '2026-11-27' });
    expect(screen.getByText('Ben Carter')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Request a report…' }));
    await user.type(screen.getByLabelText('Report on'), 'Custody data model');
    // The last meeting held and the next to come are chosen already.
    expect((screen.getByLabelText('Requested at the meeting of') as HTMLSelectElement).value).toBe('10');
    expect((screen.getByLabelText('Due at the meeting of') as HTMLSelectElement).value).toBe('11');
    await user.click(screen.getByRole('button', { name: 'Request the report' }));
    expect(await screen.findByText(/it is on the agenda of the meeting it is due at/)).toBeTruthy();
    const asked = backend.calls.find((c) => c.cmd === 'request_report_back')!.args.request;
    expect(asked).toMatchObject({ subgroup_id: 3, input: { topic: 'Custody data model', requested_at_meeting_id: 10, due_meeting_id: 11, requested_on: '2026-11-10' } });
    const reports = screen.getByRole('table', { name: 'Report-backs' });
    expect(within(reports).getByRole('rowheader', { name: 'Custody data model' })).toBeTruthy();
    expect(within(reports).getByRole('button', { name: 'Record the report… on Custody data model' })).toBeTruthy();
    await expectAccessible(container);
  });

  it('asks before closing a sub-group, naming the report-backs it withdraws', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      subgroups: () => view(),
      subgroup: () => page({ report_backs: [reportBack()] }),
      close_subgroup: () => page({ detail: { ...page().detail, closed_on: '2026-11-27', closed_reason: 'Its work is done' } }),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Sub-groups' }));
    await user.click(within(await screen.findByRole('table', { name: /Sub-groups/ })).getByRole('button', { name: 'Data Standards sub-group' }));
    await user.click(await screen.findByRole('button', { name: 'Close this sub-group…' }));
    expect(screen.getByText(/1 report-back still awaited is withdrawn/)).toBeTruthy();
    expect(backend.calls.some((c) => c.cmd === 'close_subgroup')).toBe(false);
    await user.type(screen.getByLabelText('Why'), 'Its work is done');
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Close the sub-group' }));
    expect(await screen.findByText(/Closed on Fri 27 Nov 2026: Its work is done/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Close this sub-group…' })).toBeNull();
  });

  it('opens the sub-group from a ToR §18 finding on Home', async () => {
    const finding = {
      severity: 'breach' as const,
      tor: 18,
      message: 'The Data Standards sub-group needs a new lead: Ada Lovelace left the working group on Wed 25 Nov 2026 (ToR §18).',
      subjects: [
        { kind: 'subgroup' as const, id: 3, name: 'Data Standards sub-group' },
        { kind: 'person' as const, id: 1, name: 'Ada Lovelace' },
      ],
      since: '2026-11-25',
      until: null,
    };
    mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => ({ on: '2026-11-27', breaches: 1, warnings: 0, notices: 0, findings: [finding] }),
      subgroup: () => page({ findings: [finding] }),
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Open Data Standards sub-group' }));
    expect(await screen.findByRole('heading', { name: 'Data Standards sub-group', level: 1 })).toBeTruthy();
    expect(screen.getByText(/needs a new lead: Ada Lovelace left the working group/)).toBeTruthy();
  });

  it('shows an overdue report-back on Home and opens its sub-group', async () => {
    mockBackend({
      app_state: () => ready,
      group_home: () => ({
        ...home(),
        report_backs: [{ id: 7, subgroup_id: 3, subgroup: 'Data Standards sub-group', topic: 'Custody data model', due_meeting_id: 11, due_on: '2026-11-10', overdue: true }],
      }),
      compliance: () => smeBreach,
      subgroup: () => page(),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    expect(await screen.findByText(/was due at the meeting of Tue 10 Nov 2026 and has not been received/)).toBeTruthy();
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Open the sub-group' }));
    expect(await screen.findByRole('heading', { name: 'Data Standards sub-group', level: 1 })).toBeTruthy();
  });
});
