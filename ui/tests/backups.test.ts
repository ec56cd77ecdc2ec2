import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { BackupFile, BackupsView, VerifyReport } from '../src/lib/bindings';
import { expectAccessible, home, mockBackend, nothingDue, smeBreach, techuk } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-11-27',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

function file(name: string, made: string, before_migration = false): BackupFile {
  return { name, path: `/data/backups/${name}`, made_at: `${made}Z`, bytes: 204800, before_migration };
}

function view(files: BackupFile[] = [file('secretariat-20261126-090000.db', '2026-11-26T09:00:00')]): BackupsView {
  return {
    folder: '/data/backups',
    default_folder: true,
    backups: files.map((f) => ({ file: f, made_local: f.made_at.replace('Z', '') })),
    due: false,
    data_dir: '/data',
  };
}

const sound: VerifyReport = {
  integrity_problems: [],
  cipher_problems: [],
  audit: { rows: 42, legacy_rows: 0, redacted_rows: 0, redacted_unchecked_rows: 0, first_broken: null },
  bad_email_addresses: [],
};

async function openSettings() {
  const user = userEvent.setup();
  const rendered = render(App);
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Backups' });
  return { user, ...rendered };
}

describe('backups in Settings', () => {
  it('shows the last backup and the folder, and backs up now with a busy state', async () => {
    let current = view();
    let finish: () => void = () => {};
    const made = file('secretariat-20261127-143000.db', '2026-11-27T14:30:00');
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups: () => current,
      retention_report: () => nothingDue(),
      back_up_now: () =>
        new Promise((resolve) => {
          finish = () => {
            current = view([made, ...current.backups.map((r) => r.file)]);
            resolve({ backup: made, removed: [] });
          };
        }),
    });
    const { user, container } = await openSettings();
    expect(await screen.findByText('Thu 26 Nov 2026, 09:00', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByText('/data/backups')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Backups in the folder, newest first' });
    expect(within(table).getByText('secretariat-20261126-090000.db')).toBeTruthy();
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    const busy = await screen.findByRole('button', { name: 'Backing up…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Restore…' }) as HTMLButtonElement).disabled).toBe(true);
    finish();
    expect(await screen.findByText('Backed up and checked: secretariat-20261127-143000.db.')).toBeTruthy();
    expect(await within(table).findByText('secretariat-20261127-143000.db')).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'back_up_now')).toHaveLength(1);
  });

  it('asks before restoring, naming what happens to the database in use, and restores only when confirmed', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups: () => view(),
      retention_report: () => nothingDue(),
      choose_backup_to_restore: () => ({
        path: '/data/backups/secretariat-20261126-090000.db',
        file_name: 'secretariat-20261126-090000.db',
        bytes: 204800,
        database_file: '/data/secretariat.db',
      }),
      restore_backup: () => ({
        restored_from: '/data/backups/secretariat-20261126-090000.db',
        set_aside: '/data/secretariat.db.before-restore-20261127T143000Z',
      }),
    });
    const { user, container } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Restore…' }));
    const confirm = await screen.findByRole('group', { name: 'Restore secretariat-20261126-090000.db?' });
    expect(confirm.textContent).toContain('/data/secretariat.db');
    expect(confirm.textContent).toContain('will be moved aside as secretariat.db.before-restore-… and kept — nothing is deleted');
    expect(document.activeElement?.id).toBe('restore-heading');
    await expectAccessible(container);

    // Esc cancels; nothing was restored.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Restore/ })).toBeNull();
    expect(backend.calls.some((c) => c.cmd === 'restore_backup')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Restore…' }));
    await user.click(await screen.findByRole('button', { name: 'Restore this backup' }));
    expect(
      await screen.findByText(
        'Restored /data/backups/secretariat-20261126-090000.db. The database that was in use is kept as /data/secretariat.db.before-restore-20261127T143000Z.',
      ),
    ).toBeTruthy();
    // The groups are read again: the restored database may hold others.
    expect(backend.calls.filter((c) => c.cmd === 'app_state').length).toBeGreaterThan(1);
  });

  it('shows a refused backup as an alert and asks nothing', async () => {
    mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups: () => view(),
      retention_report: () => nothingDue(),
      choose_backup_to_restore: () => {
        throw {
          kind: 'invalid',
          field: 'backup',
          message: '/tmp/damaged.db cannot be restored: it is damaged: some of its pages cannot be read. Nothing was changed.',
        };
      },
    });
    const { user } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Restore…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be restored');
    expect(screen.queryByRole('group', { name: /Restore/ })).toBeNull();
  });

  it('verifies the database and names the first broken audit row', async () => {
    let report = sound;
    mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups: () => view([]),
      retention_report: () => nothingDue(),
      verify_database: () => report,
    });
    const { user, container } = await openSettings();
    expect(screen.getByText('none yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    const list = await screen.findByRole('list', { name: 'Verification' });
    const text = list.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Integrity check: ok');
    expect(text).toContain('Encrypted pages: ok');
    expect(text).toContain('42 changes recorded, the chain is intact');
    await expectAccessible(container);

    report = { ...sound, audit: { rows: 42, legacy_rows: 0, redacted_rows: 0, redacted_unchecked_rows: 0, first_broken: { seq: 17, reason: 'its mac does not match: this row was changed' } } };
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(await within(list).findByText('the chain is broken at change 17')).toBeTruthy();
  });

  it('names a recorded email address that a draft cannot be sent to', async () => {
    const problem =
      'Eve Example (person #7 in Interop WG) has the email address \u201ca@example.org>,<b@example.net\u201d, which is not an address a draft can be sent to (the part after the \u201c@\u201d is not a domain such as example.org); correct it on their record';
    mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups: () => view([]),
      retention_report: () => nothingDue(),
      verify_database: () => ({ ...sound, bad_email_addresses: [problem] }),
    });
    const { user, container } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    const list = await screen.findByRole('list', { name: 'Verification' });
    const text = list.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Email addresses: 1 problem: Eve Example (person #7 in Interop WG)');
    expect(text).toContain('correct it on their record.');
    await expectAccessible(container);
  });

  it('saves the recovery sheet through the native dialog', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups: () => view(),
      retention_report: () => nothingDue(),
      save_document: () => '/home/pat/Secretariat recovery sheet.pdf',
    });
    const { user } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Save the recovery sheet…' }));
    expect(await screen.findByText('Saved to /home/pat/Secretariat recovery sheet.pdf.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'save_document')!.args).toEqual({ request: { group_id: 1, kind: 'recovery_sheet', record_id: null } });
  });
});
