// The dated register (issue #14): a changed fact asks from which date (or corrects a mistake),
// and a save shows its ToR consequences before it is made.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { AmendmentEffect, Finding, OrganisationRecord } from '../src/lib/bindings';
import { expectAccessible, home, members, mockBackend, smeBreach, techuk, zoe } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-11-27',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

const newco: OrganisationRecord = {
  id: 2,
  input: { name: 'Newco Ltd', techuk_status: 'applying', applied_on: '2026-10-01', sme: false, sme_confirmed_on: null, sector: 'Data' },
  history: [{ from: null, techuk_status: 'applying', sme: false, sector: 'Data', recorded_at: '2026-10-01T09:00:00Z' }],
};

const s15: Finding = {
  severity: 'breach',
  tor: 15,
  message: 'Zoë Ó\u2019Brien moved to Newco Ltd, which is not a techUK member; they could remain until Wed 31 Mar 2027 (ToR §15).',
  subjects: [{ kind: 'person', id: 1, name: 'Zoë Ó\u2019Brien' }],
  since: '2027-04-01',
  until: null,
};

async function openNewco(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Members' }));
  await user.click(await screen.findByRole('tab', { name: 'Organisations' }));
  await user.click(await screen.findByRole('button', { name: 'Newco Ltd' }));
}

describe('the dated register', () => {
  it('asks from which date a status changed, shows the ToR consequences first, then saves the change from that date', async () => {
    const effect: AmendmentEffect = { on: '2027-04-01', new: [s15], cleared: [] };
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      organisation: () => newco,
      preview_save_organisation: () => effect,
      save_organisation: (request) => ({
        ...newco,
        input: request.input,
        history: [...newco.history, { from: '2027-04-01', techuk_status: 'not_member', sme: false, sector: 'Data', recorded_at: '2026-11-27T09:00:00Z' }],
      }),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await openNewco(user);
    const history = await screen.findByRole('table', { name: /Newco Ltd through time/ });
    expect(within(history).getByText('As first recorded')).toBeTruthy();
    expect(screen.queryByLabelText('From which date?')).toBeNull();

    await user.selectOptions(screen.getByLabelText('techUK membership (ToR §12)'), 'Not a member');
    const from = screen.getByLabelText('From which date?') as HTMLInputElement;
    expect(from.value).toBe('2026-11-27');
    expect((screen.getByLabelText(/It changed on a date/) as HTMLInputElement).checked).toBe(true);
    await user.clear(from);
    await user.type(from, '2027-04-01');

    const status = container.querySelector('#org-consequences')!;
    expect(status.getAttribute('role')).toBe('status');
    await waitFor(() => expect(status.textContent).toContain('1 new finding on Thu 1 Apr 2027'));
    expect(status.textContent).toContain('ToR §15');
    expect(status.textContent).toContain('Zoë Ó\u2019Brien');
    expect(backend.calls.find((c) => c.cmd === 'preview_save_organisation')!.args.request).toMatchObject({ change: { kind: 'from', from: '2027-04-01' } });
    expect(backend.calls.some((c) => c.cmd === 'save_organisation')).toBe(false);
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Newco Ltd was saved.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'save_organisation')!.args.request).toMatchObject({
      group_id: 1,
      id: 2,
      input: { techuk_status: 'not_member' },
      change: { kind: 'from', from: '2027-04-01' },
    });
  });

  it('offers a correction instead, and shows Rust’s refusal at the date field', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      organisation: () => newco,
      preview_save_organisation: () => ({ on: '2026-11-27', new: [], cleared: [] }),
      save_organisation: (request) => {
        if (request.change?.kind === 'from') {
          throw { kind: 'invalid', field: 'from', message: 'On Sat 1 Aug 2026 the techUK status, SME status and sector were already these; nothing changes from that date.' };
        }
        return { ...newco, input: request.input };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await openNewco(user);
    await user.click(await screen.findByLabelText('An SME (ToR §13)'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const from = screen.getByLabelText('From which date?');
    await waitFor(() => expect(from.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('org-from-error')!.textContent).toContain('nothing changes from that date');
    await expectAccessible(container);

    await user.click(screen.getByLabelText('Correct a mistake (the value was always wrong)'));
    expect(screen.queryByLabelText('From which date?')).toBeNull();
    await waitFor(() => expect(container.querySelector('#org-consequences')!.textContent).toContain('No finding changes on Fri 27 Nov 2026.'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Newco Ltd was saved.')).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'save_organisation').at(-1)!.args.request).toMatchObject({ change: { kind: 'correction', on: null } });
  });

  it('asks from which date a manager status changed and shows its history on the person’s page', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      person: () => zoe,
      preview_save_person: () => ({
        on: '2027-01-01',
        new: [{ severity: 'warning', tor: 12, message: 'Zoë Ó\u2019Brien is not of manager status or above (ToR §12: ideally).', subjects: [], since: null, until: null }],
        cleared: [],
      }),
      save_person: (request) => ({
        ...zoe,
        input: request.input,
        manager_history: [...zoe.manager_history, { from: '2027-01-01', manager_status: 'no', recorded_at: '2026-11-27T09:00:00Z' }],
      }),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Members' }));
    await user.click(await screen.findByRole('tab', { name: 'People' }));
    await user.click(await screen.findByRole('button', { name: 'Zoë Ó\u2019Brien' }));
    expect(await screen.findByRole('table', { name: /Manager status through time/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit…' }));
    await user.selectOptions(screen.getByLabelText('Manager or above? (ToR §12: ideally)'), 'No');
    const from = screen.getByLabelText('From which date?');
    await user.clear(from);
    await user.type(from, '2027-01-01');
    await waitFor(() => expect(container.querySelector('#person-consequences')!.textContent).toContain('ToR §12'));
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'save_person')!.args.request).toMatchObject({ change: { kind: 'from', from: '2027-01-01' } });
    const history = screen.getByRole('table', { name: /Manager status through time/ });
    expect(within(history).getByText('Fri 1 Jan 2027')).toBeTruthy();
  });

  it('shows before filling a seat that another member already represents the same company (ToR §14)', async () => {
    const both: Finding = {
      severity: 'breach',
      tor: 14,
      message: 'Kestrel Data Ltd has 2 members (Zoë Ó\u2019Brien, Amara Okafor); ToR §14 allows 1 per member company.',
      subjects: [],
      since: null,
      until: null,
    };
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      preview_fill_seat: () => ({ on: '2026-11-27', new: [both], cleared: [] }),
      fill_seat: () => members(),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Members' }));
    await user.click(await screen.findByRole('button', { name: 'Fill seat…: Supplier seat 1' }));
    expect((screen.getByLabelText('Term starts') as HTMLInputElement).value).toBe('2026-11-27');
    await user.selectOptions(screen.getByLabelText('Person'), 'Amara Okafor (Harbourline Ltd)');
    const status = container.querySelector('#fill-consequences')!;
    await waitFor(() => expect(status.textContent).toContain('ToR §14'));
    expect(status.textContent).toContain('Zoë Ó\u2019Brien, Amara Okafor');
    expect(status.textContent).toContain('You can still save');
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Fill seat' }));
    expect(await screen.findByText('The seat is filled.')).toBeTruthy();
    expect(backend.calls.some((c) => c.cmd === 'fill_seat')).toBe(true);
  });

  it('starts a new term on the day the seat\'s last term ran out (ToR §14, §16)', async () => {
    const seats = members().seats.map((seat) => (seat.title === 'Supplier seat 2' ? { ...seat, previous_term_end: '2026-11-01' } : seat));
    mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members({ seats }),
      preview_fill_seat: () => ({ on: '2026-11-27', new: [], cleared: [] }),
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Members' }));
    await user.click(await screen.findByRole('button', { name: 'Fill seat…: Supplier seat 2' }));
    const start = screen.getByLabelText('Term starts') as HTMLInputElement;
    expect(start.value).toBe('2026-11-01');
    expect(screen.getByText(/The previous term ended on Sun 1 Nov 2026/)).toBeTruthy();
  });
});
