import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { RetentionReport } from '../src/lib/bindings';
import { expectAccessible, home, mockBackend, nothingDue, smeBreach, techuk } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2034-01-01',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

function due(): RetentionReport {
  const report = nothingDue('2034-01-01');
  report.sections[1].due = [{ id: 4, label: 'Election to a supplier seat — March 2025', due_on: '2025-09-14', count: 33 }];
  report.sections[1].total = 33;
  report.sections[2].due = [{ id: 2026, label: '2026', due_on: '2029-01-01', count: 13 }];
  report.sections[2].total = 13;
  return report;
}

const backups = () => ({ folder: '/data/backups', default_folder: true, backups: [], due: false, data_dir: '/data' });

async function openSettings() {
  const user = userEvent.setup();
  const rendered = render(App);
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Retention' });
  return { user, ...rendered };
}

describe('retention in Settings', () => {
  it('shows the dry run per category and purges only after a confirmation that repeats the counts', async () => {
    let current = due();
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups,
      retention_report: () => current,
      purge_retention: () => {
        current = nothingDue('2034-01-01');
        return { purged: due(), removed: 46, backup: 'secretariat-20340101-090000.db' };
      },
    });
    const { user, container } = await openSettings();
    const table = await screen.findByRole('table', { name: 'Due for purging on Sun 1 Jan 2034' });
    const ballots = within(table).getByRole('row', { name: /Ballots and counts/ });
    expect(ballots.textContent).toContain('6 months after the result is declared');
    expect(ballots.textContent).toContain('Election to a supplier seat — March 2025: 33 records, due Sun 14 Sep 2025');
    expect(within(table).getByRole('row', { name: /Minutes and papers/ }).textContent).toContain('Nothing due');
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Purge…' }));
    const confirm = await screen.findByRole('group', { name: 'Remove 46 records for good?' });
    expect(confirm.textContent).toContain('Ballots and counts: 33 records');
    expect(confirm.textContent).toContain('Attendance: 13 records');
    expect(confirm.textContent).not.toContain('Minutes and papers');
    expect(confirm.textContent).toContain('A backup is taken first');
    expect(document.activeElement?.id).toBe('purge-heading');
    await expectAccessible(container);

    // Esc cancels; nothing was purged.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Remove/ })).toBeNull();
    expect(backend.calls.some((c) => c.cmd === 'purge_retention')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Purge…' }));
    await user.click(await screen.findByRole('button', { name: 'Purge 46 records' }));
    expect(await screen.findByText('Removed 46 records. The backup taken first, secretariat-20340101-090000.db, still holds them.')).toBeTruthy();
    const purge = backend.calls.filter((c) => c.cmd === 'purge_retention');
    expect(purge).toHaveLength(1);
    expect(purge[0].args).toEqual({ request: { group_id: 1, confirmed_total: 46 } });
    // The report is read again: nothing is due now, and Purge… is disabled.
    expect(await screen.findByText('Nothing is due today.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Purge…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a refused purge as an alert, for instance when what is due changed since the dry run', async () => {
    mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups,
      retention_report: () => due(),
      purge_retention: () => {
        throw {
          kind: 'invalid',
          field: 'confirmed_total',
          message: 'What is due has changed since you confirmed (46 records then, 47 now); nothing was changed. Look at the report again.',
        };
      },
    });
    const { user } = await openSettings();
    await user.click(await screen.findByRole('button', { name: 'Purge…' }));
    await user.click(await screen.findByRole('button', { name: 'Purge 46 records' }));
    expect((await screen.findByRole('alert')).textContent).toContain('nothing was changed');
    expect(screen.queryByRole('group', { name: /Remove/ })).toBeNull();
  });
});
