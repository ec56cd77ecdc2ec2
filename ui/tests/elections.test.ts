import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { ElectionPage, ElectionSummary } from '../src/lib/bindings';
import { expectAccessible, home, mockBackend, smeBreach, techuk } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-11-27',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

const summary: ElectionSummary = {
  id: 5, title: 'Election to 2 supplier seats — December 2026', seat_kind: 'supplier', role: null, seats: 2,
  call_issued_on: '2026-11-27', nominations_close: '2026-12-18', nominations_closed_early: null, poll_closes: null, method: null, returning_officer: 'Pat Programme',
  state: 'nominations', declared_on: null, outcome: null, standing: 1,
};

function page(over: Partial<ElectionPage> = {}): ElectionPage {
  return {
    record: {
      summary,
      seats: [{ id: 11, title: 'Supplier member 7', position: 7 }, { id: 12, title: 'Supplier member 8', position: 8 }],
      nominations: [
        { id: 1, person_id: 40, name: 'Dee Small', organisation_id: 8, organisation: 'Small Co', sme: true, proposer: 'Ada', statement: '', received_on: '2026-11-28', withdrawn_on: null },
      ],
      electors: [], serials: [], returned: [],
    },
    takes_seats_on: '2026-12-19',
    constraints: ['At least 1 of the winners must be from an SME: 1 continuing supplier member is from SMEs, and at least 2 are required (ToR §13).'],
    checks: [{ nomination_id: 1, checks: [] }],
    unopposed: true,
    unopposed_reason: '1 valid nomination for 2 seats: they can be declared elected unopposed (ToR §14). 1 seat will stay vacant.',
    reconciliation: { printed: 0, issued: 0, unused: 0, spoilt: 0, returned: 0, valid: 0, rejected: 0, problems: [] },
    count: null, winners: [], ties: [], stage_actions: [],
    next_step: 'Nominations close on Fri 18 Dec 2026.',
    people: [{ id: 40, name: 'Dee Small', email: '', job_title: '', manager_status: 'yes', organisation: 'Small Co', seat: null }],
    organisations: [
      { id: 7, name: 'Member Co 1', techuk_status: 'member', sme: false, sector: '', people: 1 },
      { id: 8, name: 'Small Co', techuk_status: 'member', sme: true, sector: '', people: 1 },
    ],
    ...over,
  } as ElectionPage;
}

describe('elections', () => {
  it('lists vacancies, opens an election, and shows a refused nomination at its field, citing the ToR', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      elections: () => ({
        vacancies: [{ seat_id: 11, kind: 'supplier', title: 'Supplier member 7', from: '2026-11-27', reason: 'Never filled.' }],
        proposals: [],
        elections: [summary],
      }),
      election: () => page(),
      add_nomination: () => {
        throw { kind: 'invalid', field: 'organisation_id', message: 'Member 1 already represents Member Co 1 and continues as a member; only one individual per company (ToR §14).' };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Elections' }));
    expect(await screen.findByText(/Never filled\./)).toBeTruthy();
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: summary.title }));
    expect(await screen.findByRole('heading', { name: summary.title, level: 1 })).toBeTruthy();
    expect(screen.getByText(/ToR §13\)\.$/)).toBeTruthy();
    expect(screen.getByText(/can be declared elected unopposed/)).toBeTruthy();
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Record a nomination…' }));
    await user.type(screen.getByLabelText("New nominee's name"), 'Colleague');
    await user.selectOptions(screen.getByLabelText('Organisation (employer)'), 'Member Co 1');
    await user.click(screen.getByRole('button', { name: 'Record the nomination' }));
    const field = screen.getByLabelText('Organisation (employer)');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('#nomination-organisation_id-error')!.textContent).toContain('ToR §14');
    expect((screen.getByLabelText("New nominee's name") as HTMLInputElement).value).toBe('Colleague');
    const request = backend.calls.find((c) => c.cmd === 'add_nomination')!.args.request as { new_name: string; organisation_id: number };
    expect(request).toMatchObject({ new_name: 'Colleague', organisation_id: 7 });
    await expectAccessible(container);
  });

  it('records the nominee’s manager status (ToR §12), says a nominee cannot win (ToR §13) when recorded, and closes nominations early with a reason', async () => {
    const warned = page({
      record: {
        ...page().record,
        nominations: [
          ...page().record.nominations,
          { id: 2, person_id: 41, name: 'Big Person', sort_as: 'Person, Big', organisation_id: 7, organisation: 'Member Co 1', sme: false, proposer: '', statement: '', received_on: '2026-11-28', withdrawn_on: null },
        ],
      },
      checks: [
        { nomination_id: 1, checks: [] },
        { nomination_id: 2, checks: [{ level: 'warning', field: 'organisation_id', message: 'Big Person cannot be elected: the one seat must go to nominees from SMEs, to keep the SME members the ToR require (ToR §13).' }] },
      ],
    });
    const closed = page({ record: { ...page().record, summary: { ...summary, nominations_close: '2026-11-27', nominations_closed_early: 'Everyone eligible is nominated.' } } });
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => ({ ...home(), elections: [{ id: 5, title: summary.title, next_step: 'Nominations close on Fri 18 Dec 2026.' }] }),
      compliance: () => smeBreach,
      election: () => page(),
      add_nomination: () => warned,
      close_nominations_early: () => closed,
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Open the election' }));
    await user.click(await screen.findByRole('button', { name: 'Record a nomination…' }));
    await user.type(screen.getByLabelText("New nominee's name"), 'Big Person');
    await user.selectOptions(screen.getByLabelText('Organisation (employer)'), 'Member Co 1');
    await user.selectOptions(screen.getByLabelText('Manager or above? (ToR §12: ideally)'), 'yes');
    await user.click(screen.getByRole('button', { name: 'Record the nomination' }));
    const said = await screen.findByText(/^The nomination was recorded\./);
    expect(said.closest('[role="status"]')).toBeTruthy();
    expect(said.textContent).toContain('The nomination was recorded. Big Person cannot be elected');
    expect(said.textContent).toContain('ToR §13');
    expect(backend.calls.find((c) => c.cmd === 'add_nomination')!.args.request).toMatchObject({ new_name: 'Big Person', manager_status: 'yes' });
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Close nominations early…' }));
    await user.type(screen.getByLabelText('Reason'), 'Everyone eligible is nominated.');
    await user.click(screen.getByRole('button', { name: 'Close nominations' }));
    expect((await screen.findByText(/^Nominations were closed on /)).closest('[role="status"]')).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'close_nominations_early').at(-1)!.args.request).toMatchObject({ election_id: 5, reason: 'Everyone eligible is nominated.' });
    expect(screen.getByText(/closed early: Everyone eligible is nominated\./)).toBeTruthy();
    await expectAccessible(container);
  });

  it('opens an election from its next step on Home and shows the count stage by stage', async () => {
    const voting = page({
      record: {
        ...page().record,
        summary: { ...summary, state: 'counted', method: 'scottish-stv' },
        electors: [{ person_id: 40, name: 'Vera Voter', issued: true }],
        serials: [{ serial: 1, state: 'returned' }],
        returned: [{ id: 3, serial: 1, choices: [[1, 1]], rejection: null, entered_by: 'Pat', verified_by: 'Sam' }],
      },
      reconciliation: { printed: 1, issued: 1, unused: 0, spoilt: 0, returned: 1, valid: 1, rejected: 0, problems: [] },
      count: {
        method: 'scottish-stv', seats: 1, quota: '1.00000', candidates: ['Dee Small'], elected: [0], ties: [], valid_votes: '1.00000',
        stages: [{ number: 1, action: { kind: 'begin' }, description: 'First preferences counted.', totals: ['1.00000'], non_transferable: '0.00000', states: ['elected'], elected: [0] }],
      },
      winners: ['Dee Small'],
      stage_actions: ['First preferences'],
      unopposed: false,
      next_step: 'Check the count and declare the result.',
    });
    mockBackend({
      app_state: () => ready,
      group_home: () => ({ ...home(), elections: [{ id: 5, title: summary.title, next_step: voting.next_step }] }),
      compliance: () => smeBreach,
      election: () => voting,
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Open the election' }));
    const table = await screen.findByRole('table', { name: 'The count, stage by stage' });
    expect(within(table).getByText('1.00000 ✓')).toBeTruthy();
    expect(screen.getByText('First preferences counted.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Declare the result…' })).toBeTruthy();
    await expectAccessible(container);
  });
  it('proposes one paper per elector for the first print run and says why runs are never smaller than 5', async () => {
    const electors = Array.from({ length: 12 }, (_, i) => ({ person_id: 100 + i, name: `Elector ${i + 1}`, issued: false }));
    const voting = page({
      record: { ...page().record, summary: { ...summary, state: 'voting', method: 'scottish-stv', poll_closes: '2027-01-08' }, electors },
      unopposed: false,
      next_step: 'Number and print the ballot papers.',
    });
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => ({ ...home(), elections: [{ id: 5, title: summary.title, next_step: voting.next_step }] }),
      compliance: () => smeBreach,
      election: () => voting,
      print_ballots: () => voting,
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Open the election' }));
    const copies = (await screen.findByLabelText('Papers to number and print')) as HTMLInputElement;
    expect(copies.value).toBe('12');
    expect(copies.min).toBe('5');
    const hint = container.querySelector(`#${copies.getAttribute('aria-describedby')}`)!;
    expect(hint.textContent).toMatch(/numbered 5 or more at a time, so that no number can be traced to the elector/);
    await user.click(screen.getByRole('button', { name: 'Number the papers' }));
    expect(backend.calls.find((c) => c.cmd === 'print_ballots')!.args.request).toMatchObject({ copies: 12 });
    await expectAccessible(container);
  });
});
