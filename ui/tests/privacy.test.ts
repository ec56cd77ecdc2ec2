import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { ErasureResult } from '../src/lib/bindings';
import { expectAccessible, home, members, mockBackend, smeBreach, techuk, zoe } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-11-27',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

function plan(committed: boolean): ErasureResult {
  return {
    erasure: {
      person_id: 1,
      name: 'Zoë Ó\u2019Brien',
      erased_name: 'Erased person 1',
      deleted: [{ what: 'Employment history', count: 1 }],
      redacted: [
        { what: 'Minutes notes: name or email replaced by \u201c[redacted]\u201d', count: 2 },
        { what: 'Name, email address and job title', count: 1 },
        { what: 'Audit log entries (their content; the entries stay in the chain)', count: 9 },
      ],
      kept: [
        { what: 'Terms held (ToR §14, §16)', count: 1 },
        { what: 'Papers, agenda packs and documents kept as issued (PDFs) are kept as circulated and are not searched', count: 0 },
      ],
      committed,
    },
    backup: committed ? 'secretariat-20261127-101500.db' : null,
    backup_folder: '/data/backups',
  };
}

async function openZoe() {
  const user = userEvent.setup();
  const rendered = render(App);
  await user.click(await screen.findByRole('button', { name: 'Members' }));
  await user.click(await screen.findByRole('tab', { name: 'People' }));
  await user.click(await screen.findByRole('button', { name: 'Zoë Ó\u2019Brien' }));
  await screen.findByRole('heading', { name: 'Zoë Ó\u2019Brien' });
  return { user, ...rendered };
}

describe('privacy on the Person screen', () => {
  it('erases only after a confirmation that lists the dry run, names the backups and requires a reason', async () => {
    let erased = false;
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      person: () => (erased ? { ...zoe, input: { ...zoe.input, name: 'Erased person 1', email: '', job_title: '' }, employments: [], erased_on: '2026-11-27' } : zoe),
      erase_person: (request) => {
        if (!request.dry_run) erased = true;
        return plan(!request.dry_run);
      },
    });
    const { user, container } = await openZoe();
    await user.click(screen.getByRole('button', { name: 'Erase…' }));
    const dialog = await screen.findByRole('region', { name: 'Erase Zoë Ó\u2019Brien?' });
    expect(dialog.textContent).toContain('This cannot be undone in Secretariat (UK GDPR Art. 17)');
    expect(within(dialog).getByRole('region', { name: 'Deleted' }).textContent).toContain('Employment history: 1');
    expect(within(dialog).getByRole('region', { name: 'Redacted' }).textContent).toContain('Audit log entries');
    expect(within(dialog).getByRole('region', { name: /Kept/ }).textContent).toContain('Terms held (ToR §14, §16): 1');
    expect(dialog.textContent).toContain('the older ones in /data/backups still hold');
    expect(document.activeElement).toBe(screen.getByLabelText(/Reason for the erasure/));
    await expectAccessible(container);

    // Only the dry run so far; a missing reason is refused at the field.
    expect(backend.calls.filter((c) => c.cmd === 'erase_person').map((c) => (c.args.request as { dry_run: boolean }).dry_run)).toEqual([true]);
    await user.click(within(dialog).getByRole('button', { name: 'Erase Zoë Ó\u2019Brien' }));
    expect((await within(dialog).findAllByText('Give the reason for the erasure; it is kept with the erased record.')).length).toBeGreaterThan(0);
    expect(screen.getByLabelText(/Reason for the erasure/).getAttribute('aria-invalid')).toBe('true');
    expect(backend.calls.filter((c) => c.cmd === 'erase_person')).toHaveLength(1);

    // Esc cancels without erasing.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: /Erase/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Erase…' }));
    await screen.findByRole('region', { name: 'Erase Zoë Ó\u2019Brien?' });
    await user.type(screen.getByLabelText(/Reason for the erasure/), 'Request by email of 20 Nov 2026');
    await user.click(screen.getByRole('button', { name: 'Erase Zoë Ó\u2019Brien' }));
    expect(await screen.findByRole('heading', { name: 'Erased person 1' })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('Erased on Fri 27 Nov 2026 (UK GDPR Art. 17)');
    expect(screen.getByRole('status').textContent).toContain('secretariat-20261127-101500.db');
    const real = backend.calls.filter((c) => c.cmd === 'erase_person').at(-1)!;
    expect(real.args.request).toEqual({ group_id: 1, person_id: 1, reason: 'Request by email of 20 Nov 2026', dry_run: false });
    // An erased person cannot be edited or erased again; their subject access stays available.
    expect(screen.queryByRole('button', { name: 'Edit…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Erase…' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Subject access…' })).toBeTruthy();
    await expectAccessible(container);
  });

  it('saves the subject access export through Rust and says where', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      person: () => zoe,
      save_subject_access: () => '/home/pat/Zoe subject access.pdf',
    });
    const { user } = await openZoe();
    await user.click(screen.getByRole('button', { name: 'Subject access…' }));
    expect(
      await screen.findByText('Saved to /home/pat/Zoe subject access.pdf, with the same data as JSON beside it (/home/pat/Zoe subject access.json).'),
    ).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'save_subject_access')!.args).toEqual({ request: { group_id: 1, person_id: 1 } });
  });
});
