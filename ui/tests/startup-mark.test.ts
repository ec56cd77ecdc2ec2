// The start-up mark `scripts/bench` times: Home tells Rust once, after it shows the group and
// its findings (painted), and never before the data is there.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import Home from '../src/screens/Home.svelte';
import { home, mockBackend, smeBreach } from './harness';

const noop = () => {};
const props = { groupId: 1, onDemoLoaded: noop, onOpen: noop, onOpenMeeting: noop, onOpenElection: noop };

describe('start-up mark', () => {
  it('is sent once, after Home shows the group and its findings', async () => {
    let findingsAsked = false;
    let shownAtMark: { group: boolean; findings: boolean } | null = null;
    const backend = mockBackend({
      group_home: () => home('Interop WG'),
      // The findings come a little after the group, as they may from a large register.
      compliance: async () => {
        findingsAsked = true;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return smeBreach;
      },
      startup_mark: () => {
        // What was on screen when the window said it was ready.
        shownAtMark = {
          group: screen.queryByRole('heading', { name: 'Interop WG', level: 1 }) !== null,
          findings: screen.queryByText('None of the supplier members are from an SME; ToR §13 requires at least 2.') !== null,
        };
        return null;
      },
    });
    render(Home, { props });
    await waitFor(() => expect(backend.calls.some((c) => c.cmd === 'startup_mark')).toBe(true));
    expect(findingsAsked).toBe(true);
    expect(shownAtMark).toEqual({ group: true, findings: true });
    // Re-rendering with the same data does not mark again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.calls.filter((c) => c.cmd === 'startup_mark')).toHaveLength(1);
  });

  it("asks for the findings beside the group's home, not after it, when the window's today is known", async () => {
    let releaseHome: () => void = () => {};
    const homeHeld = new Promise<void>((resolve) => (releaseHome = resolve));
    const backend = mockBackend({
      // The group's home is held back until the findings have been asked for.
      group_home: async () => {
        await homeHeld;
        return home('Interop WG');
      },
      compliance: () => smeBreach,
      startup_mark: () => null,
    });
    render(Home, { props: { ...props, today: home('Interop WG').today } });
    await waitFor(() => expect(backend.calls.some((c) => c.cmd === 'compliance')).toBe(true));
    expect(backend.calls.find((c) => c.cmd === 'compliance')?.args.request).toMatchObject({ group_id: 1, on: home('Interop WG').today });
    releaseHome();
    await waitFor(() => expect(backend.calls.some((c) => c.cmd === 'startup_mark')).toBe(true));
    // The home's today is the same day: the findings are not asked for twice.
    expect(backend.calls.filter((c) => c.cmd === 'compliance')).toHaveLength(1);
  });

  it('is not sent while Home cannot load its data', async () => {
    const backend = mockBackend({
      group_home: () => {
        throw { kind: 'internal', message: 'The database could not be read.' };
      },
      startup_mark: () => null,
    });
    render(Home, { props });
    expect(await screen.findByText('The database could not be read.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.calls.some((c) => c.cmd === 'startup_mark')).toBe(false);
  });
});
