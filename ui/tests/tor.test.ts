// The Terms of Reference in Settings (issue #14): the rules in force on a chosen day, an
// amendment previewed as its fields change and saved with Rust's refusals at their fields, the
// latest amendment withdrawn after one question, and the consolidated Terms of Reference PDF.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { AmendmentPreview, AmendmentView, TorLine, TorSetting, TorView } from '../src/lib/bindings';
import { expectAccessible, home, mockBackend, nothingDue, smeBreach, techuk } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-11-27',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

function line(setting: TorSetting, key: string, label: string, tor: number, value: number, described: string, amended_from: string | null = null): TorLine {
  return { setting, key, label, tor, value, described, applies: true, switch: typeof setting === 'object', amended_from };
}

const smeAmendment: AmendmentView = {
  id: 7,
  setting: 'min_sme_suppliers',
  key: 'min_sme_suppliers',
  label: 'Supplier members from an SME (at least)',
  tor: 13,
  previous: '2',
  value: '3',
  from: '2026-12-01',
  meeting: { id: 4, title: 'November meeting', on: '2026-11-10' },
  decision: null,
  note: 'Agreed unanimously',
  recorded_at: '2026-11-27T10:00:00Z',
};

function tor(on = '2026-11-27', amendments: AmendmentView[] = []): TorView {
  return {
    on,
    existed_from: '2025-01-01',
    lines: [
      line('target_size', 'target_size', 'Group size (approximately)', 10, 12, '12'),
      line('min_sme_suppliers', 'min_sme_suppliers', 'Supplier members from an SME (at least)', 13, on >= '2026-12-01' && amendments.length ? 3 : 2, on >= '2026-12-01' && amendments.length ? '3' : '2', on >= '2026-12-01' && amendments.length ? '2026-12-01' : null),
      line('term_months', 'term_months', 'Term length in months', 14, 24, '24 months'),
      line({ rule: 'strike_policy' }, 'rule.strike_policy', 'The strike policy on absences', 17, 1, 'applies'),
    ],
    not_applying: [],
    amendments,
    withdrawable: amendments.length ? amendments[amendments.length - 1].id : null,
    tor_text: '',
    meetings: [{ id: 4, title: 'November meeting', on: '2026-11-10' }],
    decisions: [],
  };
}

const backups = () => ({ folder: '/data/backups', default_folder: true, backups: [], due: false, data_dir: '/data' });

async function openSettings() {
  const user = userEvent.setup();
  const rendered = render(App);
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('table', { name: /Rules in force on/ });
  return { user, ...rendered };
}

describe('the Terms of Reference in Settings', () => {
  it('shows the rules in force with their paragraphs, on the day chosen', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups,
      retention_report: () => nothingDue(),
      tor: (request) => tor(request.on ?? '2026-11-27', [smeAmendment]),
    });
    const { container } = await openSettings();
    const rules = screen.getByRole('table', { name: 'Rules in force on Fri 27 Nov 2026' });
    const sme = within(rules).getByRole('row', { name: /Supplier members from an SME/ });
    expect(sme.textContent).toContain('ToR §13');
    expect(sme.textContent).toContain('2');
    // The other settings stay in their own table, without the ToR's numbers twice.
    const other = screen.getByRole('table', { name: 'Other settings' });
    expect(other.textContent).toContain('Time zone of meetings');
    expect(other.textContent).not.toContain('Term length');

    const day = screen.getByLabelText('Rules in force on') as HTMLInputElement;
    expect(day.value).toBe('2026-11-27');
    await fireDate(day, '2026-12-01');
    const after = await screen.findByRole('table', { name: 'Rules in force on Tue 1 Dec 2026' });
    expect(within(after).getByRole('row', { name: /Supplier members from an SME/ }).textContent).toContain('amended from Tue 1 Dec 2026');
    expect(backend.calls.filter((c) => c.cmd === 'tor').at(-1)!.args).toEqual({ request: { group_id: 1, on: '2026-12-01' } });
    const amendments = screen.getByRole('table', { name: 'Amendments' });
    expect(amendments.textContent).toContain('Supplier members from an SME (at least): 2 → 3');
    expect(amendments.textContent).toContain('November meeting');
    await expectAccessible(container);
  });

  it('previews an amendment as its fields change, shows Rust\u2019s refusal at its field, then saves it', async () => {
    let saved = false;
    const preview: AmendmentPreview = {
      effect: { on: '2026-11-27', new: [{ ...smeBreach.findings[0], message: 'Only 2 supplier members are from an SME; ToR §13 requires at least 3.' }], cleared: [] },
      problem: null,
    };
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups,
      retention_report: () => nothingDue(),
      tor: () => (saved ? tor('2026-11-27', [smeAmendment]) : tor()),
      preview_amendment: (request) =>
        request.input.from < '2025-01-01'
          ? { effect: null, problem: { kind: 'invalid', field: 'from', message: 'An amendment cannot take effect before the group existed (it was created on Wed 1 Jan 2025).' } }
          : preview,
      amend_tor: (request) => {
        if (request.input.from < '2025-01-01') throw { kind: 'invalid', field: 'from', message: 'An amendment cannot take effect before the group existed (it was created on Wed 1 Jan 2025).' };
        saved = true;
        return tor('2026-11-27', [smeAmendment]);
      },
    });
    const { user, container } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Amend…: Supplier members from an SME (at least)' }));
    const form = screen.getByRole('region', { name: 'Amend: Supplier members from an SME (at least) (ToR §13)' });
    expect((within(form).getByRole('button', { name: 'Save the amendment' }) as HTMLButtonElement).disabled).toBe(true);
    const value = within(form).getByLabelText('New value');
    await user.clear(value);
    await user.type(value, '3');
    expect(await within(form).findByText('1 new breach')).toBeTruthy();
    expect(form.textContent).toContain('ToR §13 requires at least 3');
    expect((within(form).getByLabelText('From') as HTMLInputElement).value).toBe('2026-11-27');
    await user.selectOptions(within(form).getByLabelText('Agreed at the meeting'), 'November meeting, Tue 10 Nov 2026');
    // Until a date is chosen, the amendment is in force from the day it was agreed.
    expect((within(form).getByLabelText('From') as HTMLInputElement).value).toBe('2026-11-10');
    await user.type(within(form).getByLabelText('Note'), 'Agreed unanimously');

    // A date before the group existed: said at the field, by the preview and by Save.
    await fireDate(within(form).getByLabelText('From') as HTMLInputElement, '2024-06-01');
    expect(await within(form).findByText(/^An amendment cannot take effect before the group existed/)).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Save the amendment' }));
    const from = within(form).getByLabelText('From');
    expect(from.getAttribute('aria-invalid')).toBe('true');

    await fireDate(from as HTMLInputElement, '2026-12-01');
    await user.click(within(form).getByRole('button', { name: 'Save the amendment' }));
    expect(await screen.findByText('Saved: Supplier members from an SME (at least) from Tue 1 Dec 2026.')).toBeTruthy();
    const request = backend.calls.filter((c) => c.cmd === 'amend_tor').at(-1)!.args;
    expect(request).toEqual({
      request: { group_id: 1, input: { setting: 'min_sme_suppliers', value: 3, from: '2026-12-01', meeting_id: 4, decision_id: null, note: 'Agreed unanimously' } },
    });
    expect(screen.queryByRole('region', { name: /^Amend:/ })).toBeNull();
    await expectAccessible(container);
  });

  it('withdraws the latest amendment after asking once, and makes the consolidated PDF of the day shown', async () => {
    let amendments = [smeAmendment];
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups,
      retention_report: () => nothingDue(),
      tor: () => tor('2026-11-27', amendments),
      withdraw_amendment: () => {
        amendments = [];
        return tor();
      },
      open_document: () => '/run/user/1000/secretariat/Interop WG - terms of reference 2026-11-27.pdf',
    });
    const { user, container } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Withdraw…: Supplier members from an SME (at least)' }));
    const confirm = screen.getByRole('group', { name: 'Withdraw the amendment of Supplier members from an SME (at least) from Tue 1 Dec 2026?' });
    expect(backend.calls.some((c) => c.cmd === 'withdraw_amendment')).toBe(false);
    await expectAccessible(container);
    await user.click(within(confirm).getByRole('button', { name: 'Withdraw the amendment' }));
    expect(await screen.findByText('Withdrawn: Supplier members from an SME (at least) from Tue 1 Dec 2026.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'withdraw_amendment')!.args).toEqual({ request: { group_id: 1, amendment_id: 7 } });
    expect(screen.getByText(/The Terms of Reference have not been amended/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Make the consolidated Terms of Reference (PDF)' }));
    expect(await screen.findByText(/^Opened in your viewer/)).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'open_document')!.args).toEqual({ request: { group_id: 1, kind: 'terms_of_reference', record_id: 20261127 } });
  });

  it('saves the rules as a file for another group, and says nothing when the dialog is cancelled', async () => {
    let chosen: string | null = null;
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups,
      retention_report: () => nothingDue(),
      tor: () => tor(),
      save_rules_file: () => chosen,
    });
    const { user } = await openSettings();
    const save = screen.getByRole('button', { name: 'Save the rules as a file…' });
    await user.click(save);
    expect(backend.calls.find((c) => c.cmd === 'save_rules_file')!.args).toEqual({ request: { group_id: 1 } });
    expect(screen.queryByText(/^Saved to/)).toBeNull();
    chosen = '/home/pm/Interop WG rules.toml';
    await user.click(save);
    expect(await screen.findByText('Saved to /home/pm/Interop WG rules.toml.')).toBeTruthy();
  });
});

/** Sets a native date input as the browser's picker does. */
async function fireDate(input: HTMLInputElement, value: string) {
  const { fireEvent } = await import('@testing-library/svelte');
  await fireEvent.input(input, { target: { value } });
}
