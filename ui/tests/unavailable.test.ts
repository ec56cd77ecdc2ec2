import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import { expectAccessible, mockBackend } from './harness';

const damaged = {
  state: 'unavailable' as const,
  data_dir: '/data',
  error: {
    kind: 'not_a_database' as const,
    message: '/data/secretariat.db is not a Secretariat database, or it is damaged. Nothing was changed; restore it from a backup.',
  },
};

describe('the data cannot be opened', () => {
  it('says another program has the folder, offers to try again, and offers no restore', async () => {
    let open = true;
    const backend = mockBackend({
      app_state: () =>
        open
          ? {
              state: 'unavailable',
              data_dir: '/data',
              error: {
                kind: 'already_open',
                message:
                  'Secretariat is already open on the data folder /data in another window or program (process 4242). Close it there, then try again; nothing was changed.',
              },
            }
          : { state: 'no_database', data_dir: '/data', templates: [] },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    expect(await screen.findByRole('heading', { name: 'Secretariat is already open' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('in another window or program (process 4242)');
    expect(screen.getByText(/Nothing is wrong with your data/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Restore/ })).toBeNull();
    await expectAccessible(container);

    open = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Create a working group' })).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'app_state')).toHaveLength(2);
  });

  it('offers a checked restore for a damaged database, asks first, and opens the restored one', async () => {
    let restored = false;
    const backend = mockBackend({
      app_state: () =>
        restored
          ? { state: 'ready', data_dir: '/data', today: '2026-11-27', groups: [], templates: [] }
          : damaged,
      choose_backup_to_restore: () => ({
        path: '/data/backups/secretariat-20261126-090000.db',
        file_name: 'secretariat-20261126-090000.db',
        bytes: 204800,
        database_file: '/data/secretariat.db',
      }),
      restore_backup: () => {
        restored = true;
        return { restored_from: '/data/backups/secretariat-20261126-090000.db', set_aside: '/data/secretariat.db.before-restore-x' };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    expect(await screen.findByRole('heading', { name: 'Secretariat cannot open its data' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Restore from a backup…' }));
    const confirm = await screen.findByRole('group', { name: 'Restore secretariat-20261126-090000.db?' });
    expect(confirm.textContent?.replace(/\s+/g, ' ')).toContain('will be moved aside as secretariat.db.before-restore-… and kept — nothing is deleted');
    expect(document.activeElement?.id).toBe('unavailable-restore-heading');
    await expectAccessible(container);

    // Esc cancels without restoring.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Restore/ })).toBeNull();
    expect(backend.calls.some((c) => c.cmd === 'restore_backup')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Restore from a backup…' }));
    await user.click(await screen.findByRole('button', { name: 'Restore this backup' }));
    expect(await screen.findByRole('heading', { name: 'Create a working group' })).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'restore_backup')).toHaveLength(1);
  });
});
