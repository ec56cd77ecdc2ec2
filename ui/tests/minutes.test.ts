import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { DecisionsView } from '../src/lib/bindings';
import { expectAccessible, home, mockBackend, smeBreach, techuk } from './harness';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-11-27',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

const decisions: DecisionsView = {
  decisions: [
    {
      id: 1, meeting_id: 9, meeting_title: 'December meeting', agenda_item_id: null, decided_on: '2026-12-08', kind: 'commission_funds',
      text: 'Commission a survey', outcome: 'not_carried',
      consensus: { in_favour: 7, base: 9, threshold_percent: 80, met: false, sentence: '7 of 9 members present in favour (77% rounded down): the 80% threshold is not met (ToR §22).' },
    },
  ],
  positions: [
    {
      position: {
        id: 4, title: 'Open APIs', summary: '', proposed_on: '2026-11-01', outline_started_on: null,
        volunteers: [{ person_id: 1, name: 'Ada', volunteered_on: '2026-11-02' }], viewpoints: [], divided: false,
        public_decision: null, public_reason: '', public_decided_by: '', public_decided_on: null,
      },
      outline_may_start: false,
      gate: '1 of the 6 volunteers needed: 5 more members must volunteer before an outline is developed (ToR §23).',
    },
  ],
  consensus_base: 'present',
  consensus_percent: 80,
  volunteers_needed: 6,
  people: [{ id: 1, name: 'Ada', email: '', job_title: '', organisation: null }, { id: 2, name: 'Bob', email: '', job_title: '', organisation: null }],
  actions: [],
};

describe('decisions and positions', () => {
  it('shows the §22 check, the §23 gate, and refuses a counted viewpoint at its field (§24)', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      decisions: () => decisions,
      add_viewpoint: () => {
        throw { kind: 'invalid', field: 'viewpoint', message: 'ToR §24: set out the differing viewpoints without quantifying them — no counts, shares or majorities.' };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Decisions' }));
    expect(await screen.findByText(/the 80% threshold is not met \(ToR §22\)/)).toBeTruthy();
    expect(screen.getByText(/5 more members must volunteer/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Start the outline' }) as HTMLButtonElement).disabled).toBe(true);
    await expectAccessible(container);

    const box = screen.getByLabelText('Set out a viewpoint');
    await user.type(box, '7 members oppose it');
    await user.click(screen.getByRole('button', { name: 'Add viewpoint' }));
    expect((await screen.findByText(/ToR §24: set out the differing viewpoints/)).id).toBe('viewpoint-4-error');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect((box as HTMLTextAreaElement).value).toBe('7 members oppose it');
    expect(backend.calls.find((c) => c.cmd === 'add_viewpoint')!.args).toEqual({ request: { group_id: 1, position_id: 4, viewpoint: '7 members oppose it' } });
    await expectAccessible(container);
  });
});
