import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { WorkEntrySummary, WorkKindInfo, WorkPage, WorkView } from '../src/lib/bindings';
import { expectAccessible, home, mockBackend, smeBreach, techuk } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-12-04',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

const kinds: WorkKindInfo[] = [
  { kind: 'consultation', label: 'Consultations', tor: 'ToR §3a', tor_text: 'Direct input into policing decisions and standards.', statuses: ['open', 'submitted', 'closed'] },
  { kind: 'concern', label: 'Concerns', tor: 'ToR §3c', tor_text: 'Captures and shares supplier concerns.', statuses: ['raised', 'shared', 'closed'] },
  { kind: 'horizon', label: 'Horizon scanning', tor: 'ToR §5a', tor_text: 'New requirements for standards.', statuses: ['watch', 'assess', 'act', 'closed'] },
  { kind: 'representation', label: 'Representation', tor: 'ToR §3d, §5f', tor_text: 'Represented in policing forums.', statuses: ['planned', 'represented', 'closed'] },
];

function summary(over: Partial<WorkEntrySummary>): WorkEntrySummary {
  return {
    id: 1, kind: 'concern', title: 'Gateway licensing', source: 'Three supplier members', horizon_kind: null, status: 'raised', opened_on: '2026-11-22',
    reviewed_on: '2026-11-22', deadline: null, submitted_on: null, owner_id: null, owner: null, subgroup: null, confidential: false, items: 0, tor: 'ToR §3c',
    ...over,
  };
}

function view(): WorkView {
  return {
    today: '2026-12-04',
    kinds,
    entries: [
      summary({}),
      summary({ id: 2, kind: 'consultation', title: 'Custody record exchange standard', source: 'Home Office', status: 'open', deadline: '2026-12-14', tor: 'ToR §3a', owner: 'Ada Lovelace', owner_id: 1 }),
      summary({ id: 3, kind: 'horizon', title: 'Biometric retention code', horizon_kind: 'regulation', status: 'assess', tor: 'ToR §5a' }),
    ],
    needs: [
      { entry_id: 2, kind: 'consultation', title: 'Custody record exchange standard', due: '2026-12-14', message: 'The group\u2019s response to \u201cCustody record exchange standard\u201d is due by Mon 14 Dec 2026.', tor: 'ToR §3a', overdue: false },
    ],
    people: [{ id: 1, name: 'Ada Lovelace', email: 'ada@a.example', job_title: '', organisation: 'Analytical Ltd' }],
    subgroups: [{ id: 3, name: 'Data Standards sub-group' }],
    thresholds: { deadline_warning_days: 14, review_months: 3 },
  };
}

const december = { id: 11, title: 'Working group meeting — December 2026', starts_at: '2026-12-08T14:00:00' };

function page(over: Partial<WorkPage['detail']> = {}, more: Partial<WorkPage> = {}): WorkPage {
  return {
    today: '2026-12-04',
    kind: kinds[1],
    detail: {
      id: 1,
      input: {
        kind: 'concern', title: 'Gateway licensing', summary: 'Per-transaction licences price small suppliers out.', source: 'Three supplier members', horizon_kind: null,
        opened_on: '2026-11-22', owner_id: null, subgroup_id: null, deadline: null, response_paper_id: null, assessment: '', outcome: '', confidential: false,
      },
      status: 'raised',
      reviewed_on: '2026-11-22',
      submitted_on: null,
      owner: null,
      subgroup: null,
      response_paper: null,
      tor: 'ToR §3c',
      history: [{ status: 'raised', on: '2026-11-22', note: 'Opened' }],
      items: [],
      decisions: [],
      actions: [],
      ...over,
    },
    people: [{ id: 1, name: 'Ada Lovelace', email: 'ada@a.example', job_title: '', organisation: 'Analytical Ltd' }],
    subgroups: [],
    meetings: [december],
    item_choices: [],
    paper_choices: [],
    thresholds: { deadline_warning_days: 14, review_months: 3 },
    ...more,
  };
}

describe('work', () => {
  it('shows the registers a tab each with the paragraph they serve, and what needs the secretariat (ToR §3, §5)', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      work: () => view(),
      save_work_entry: () => {
        throw { kind: 'invalid', field: 'source', message: 'Say who is consulting (ToR §3a).' };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Work' }));
    expect(await screen.findByRole('heading', { name: 'Work', level: 1 })).toBeTruthy();
    expect(screen.getByRole('button', { name: /response to “Custody record exchange standard” is due by Mon 14 Dec 2026/ })).toBeTruthy();
    const all = screen.getByRole('table', { name: /All work/ });
    expect(within(all).getAllByRole('row')).toHaveLength(4);
    await expectAccessible(container);

    await user.click(screen.getByRole('tab', { name: 'Consultations' }));
    expect(screen.getByText('ToR §3a', { selector: '.tor-text .tor' })).toBeTruthy();
    const consultations = screen.getByRole('table', { name: /Consultations/ });
    expect(within(consultations).getAllByRole('row')).toHaveLength(2);
    expect(within(consultations).getByText('Deadline Mon 14 Dec 2026')).toBeTruthy();

    // A new consultation with no consulting body: Rust's message lands at the field, what was typed stays.
    await user.click(screen.getByRole('button', { name: 'Record work…' }));
    expect((screen.getByLabelText('Register') as HTMLSelectElement).value).toBe('consultation');
    await user.type(screen.getByLabelText('Title'), 'Records retention standard');
    await user.click(screen.getByRole('button', { name: 'Record it' }));
    expect(screen.getByLabelText('Consulting body').getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('#work-source-error')!.textContent).toContain('ToR §3a');
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Records retention standard');
    const request = backend.calls.find((c) => c.cmd === 'save_work_entry')!.args.request as { id: number | null; input: { kind: string; title: string } };
    expect(request).toMatchObject({ id: null, input: { kind: 'consultation', title: 'Records retention standard' } });
    await expectAccessible(container);
  });

  it('opens an entry, changes its status with a note and puts it on the next agenda', async () => {
    let current = page();
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      work: () => view(),
      work_entry: () => current,
      set_work_status: () => {
        current = page({ status: 'shared', history: [...current.detail.history, { status: 'shared', on: '2026-12-04', note: 'Put to the standards board' }] });
        return current;
      },
      add_work_to_agenda: () => {
        current = page({
          ...current.detail,
          items: [{ agenda_item_id: 99, title: 'Concern: Gateway licensing', meeting: { id: 11, title: 'Working group meeting — December 2026', starts_at: '2026-12-08T14:00:00' } }],
        });
        return current;
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Work' }));
    await user.click(within(await screen.findByRole('table', { name: /All work/ })).getByRole('button', { name: 'Gateway licensing' }));
    expect(await screen.findByRole('heading', { name: 'Gateway licensing', level: 1 })).toBeTruthy();
    expect(screen.getByText(/ToR §3c: Captures and shares supplier concerns/)).toBeTruthy();
    await expectAccessible(container);

    await user.selectOptions(screen.getByLabelText('New status'), 'Shared');
    await user.type(screen.getByLabelText('Note'), 'Put to the standards board');
    await user.click(screen.getByRole('button', { name: 'Change the status' }));
    expect(await screen.findByText('The status is now shared.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'set_work_status')!.args.request).toMatchObject({ entry_id: 1, status: 'shared', on: '2026-12-04', note: 'Put to the standards board' });
    const history = screen.getByRole('table', { name: 'Status history' });
    expect(within(history).getByText('Put to the standards board')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Put it on the agenda of'), '11');
    await user.click(screen.getByRole('button', { name: 'Add to the agenda' }));
    expect(await screen.findByText('It is on the agenda.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'add_work_to_agenda')!.args.request).toMatchObject({ entry_id: 1, meeting_id: 11, presenter_id: null });
    expect(screen.getByText(/Concern: Gateway licensing/)).toBeTruthy();
    await expectAccessible(container);
  });

  it('lists on Home the work that needs the secretariat, with its paragraph', async () => {
    mockBackend({
      app_state: () => ready,
      group_home: () => ({
        ...home(),
        work: [{ entry_id: 1, kind: 'concern', title: 'Gateway licensing', due: '2026-11-22', message: 'The concern “Gateway licensing”, raised on Sun 22 Nov 2026, has not yet been shared with a policing forum.', tor: 'ToR §3c', overdue: false }],
      }),
      compliance: () => smeBreach,
      work_entry: () => page(),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    expect(await screen.findByText(/has not yet been shared with a policing forum/)).toBeTruthy();
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Open the entry Gateway licensing' }));
    expect(await screen.findByRole('heading', { name: 'Gateway licensing', level: 1 })).toBeTruthy();
  });

  it('makes the digest for a chosen period as a PDF or an email draft, the refusal at its field (ToR §3b, §5d)', async () => {
    let refuse = false;
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      work: () => view(),
      save_digest: (request) => {
        if (refuse) throw { kind: 'invalid', field: 'to', message: 'The period ends before it starts.' };
        return request.eml ? '/home/pat/Interop WG - digest.eml' : '/home/pat/Interop WG - digest.pdf';
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Work' }));
    const section = (await screen.findByRole('heading', { name: 'Digest for the wider community' })).closest('section')!;
    // The month to today, by default.
    expect((within(section).getByLabelText('From') as HTMLInputElement).value).toBe('2026-11-05');
    expect((within(section).getByLabelText('To') as HTMLInputElement).value).toBe('2026-12-04');
    await user.click(within(section).getByRole('button', { name: 'Save email draft as…' }));
    expect(await within(section).findByText('Saved to /home/pat/Interop WG - digest.eml.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'save_digest')!.args.request).toEqual({ group_id: 1, from: '2026-11-05', to: '2026-12-04', eml: true });
    await expectAccessible(container);

    refuse = true;
    await user.click(within(section).getByRole('button', { name: 'Save PDF as…' }));
    expect(await within(section).findByText('The period ends before it starts.')).toBeTruthy();
    expect(within(section).getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
    expect(backend.calls.filter((c) => c.cmd === 'save_digest').at(-1)!.args.request).toMatchObject({ eml: false });
    await expectAccessible(container);
  });

  it('links an item already on an agenda, unlinks it with undo, and chooses the response paper of a consultation (ToR §3a)', async () => {
    const item = { agenda_item_id: 57, title: 'Draft response on record exchange', meeting: december };
    const paper = { id: 5, title: 'The group’s response', item_title: 'Draft response on record exchange', meeting: december };
    const consultation = {
      ...page().detail.input,
      kind: 'consultation' as const,
      title: 'Custody record exchange standard',
      source: 'Home Office',
      deadline: '2026-12-14',
    };
    let current = page({ id: 2, input: consultation, status: 'open', tor: 'ToR §3a' }, { kind: kinds[0], item_choices: [item], paper_choices: [paper] });
    const linked = () => page({ ...current.detail, items: [item] }, { kind: kinds[0], item_choices: [], paper_choices: [paper] });
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      work: () => view(),
      work_entry: () => current,
      link_work_item: () => (current = linked()),
      unlink_work_item: () => (current = page({ ...current.detail, items: [] }, { kind: kinds[0], item_choices: [item], paper_choices: [paper] })),
      save_work_entry: (request) => {
        current = page({ ...current.detail, input: { ...current.detail.input, ...request.input }, response_paper: 'The group’s response' }, { kind: kinds[0], paper_choices: [paper] });
        return current;
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Work' }));
    await user.click(within(await screen.findByRole('table', { name: /All work/ })).getByRole('button', { name: 'Custody record exchange standard' }));
    expect(await screen.findByRole('heading', { name: 'Custody record exchange standard', level: 1 })).toBeTruthy();

    // Linking without choosing: the message is at the field.
    await user.click(screen.getByRole('button', { name: 'Link the item' }));
    expect(screen.getByLabelText('Or link an item already on an agenda').getAttribute('aria-invalid')).toBe('true');
    await user.selectOptions(screen.getByLabelText('Or link an item already on an agenda'), '57');
    await user.click(screen.getByRole('button', { name: 'Link the item' }));
    expect(await screen.findByText('The item is linked.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'link_work_item')!.args.request).toEqual({ group_id: 1, entry_id: 2, agenda_item_id: 57 });
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Unlink Draft response on record exchange' }));
    expect(await screen.findByText(/is no longer linked; it stays on its agenda/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('The item is linked again.')).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'link_work_item')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Change…' }));
    expect(screen.getByText('Home lists it from 14 days before.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('The group\'s response'), '5');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'save_work_entry')!.args.request).toMatchObject({ id: 2, input: { kind: 'consultation', response_paper_id: 5 } });
    expect(screen.getByText('The group’s response', { selector: 'dd' })).toBeTruthy();
    await expectAccessible(container);
  });
});
