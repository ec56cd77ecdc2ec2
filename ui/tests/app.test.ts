import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { Compliance } from '../src/lib/bindings';
import { expectAccessible, home, members, mockBackend, noDatabase, shapeWith, smeBreach, techuk, vacantSeats, zoe } from './harness';
import type { ArchivedDocument, GroupShape } from '../src/lib/bindings';

const ready = {
  state: 'ready' as const,
  data_dir: '/data',
  today: '2026-11-27',
  groups: [{ id: 1, name: 'Interop WG', template: 'techuk-interop' }],
  templates: [techuk],
};

describe('first start', () => {
  it('offers to create a working group with the techUK template preselected', async () => {
    mockBackend({ app_state: () => noDatabase });
    const { container } = render(App);
    expect(await screen.findByRole('heading', { name: 'Create a working group' })).toBeTruthy();
    const template = screen.getByLabelText('Template') as HTMLSelectElement;
    expect(template.value).toBe('techuk-interop');
    expect(template.selectedOptions[0].textContent).toBe('techUK Interoperability for Policing WG');
    expect((screen.getByLabelText('Group name') as HTMLInputElement).value).toBe('Interoperability for Policing Working Group');
    expect(screen.getByText('ToR §13')).toBeTruthy();
    await expectAccessible(container);
  });

  it('creates the group and shows its home with twelve vacant seats', async () => {
    let created = false;
    const backend = mockBackend({
      app_state: () => (created ? ready : noDatabase),
      create_group: () => {
        created = true;
        return { group: ready.groups[0], keychain_warning: null };
      },
      group_home: () => home(),
      compliance: () => smeBreach,
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await screen.findByRole('heading', { name: 'Create a working group' });
    await user.clear(screen.getByLabelText('Group name'));
    await user.type(screen.getByLabelText('Group name'), 'Interop WG');
    await user.type(screen.getByLabelText('Recovery passphrase (at least 12 characters)'), 'correct horse battery');
    await user.type(screen.getByLabelText('Type it again'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create group' }));

    expect(await screen.findByRole('heading', { name: 'Interop WG', level: 1 })).toBeTruthy();
    const request = backend.calls.find((c) => c.cmd === 'create_group')!.args.request;
    expect(request).toEqual({
      name: 'Interop WG',
      template: 'techuk-interop',
      recovery_passphrase: 'correct horse battery',
      recovery_passphrase_confirm: 'correct horse battery',
    });
    await waitFor(() => expect(screen.getAllByText('Vacant')).toHaveLength(12));
    const finding = await screen.findByText('None of the supplier members are from an SME; ToR §13 requires at least 2.');
    expect(finding.closest('li')!.textContent).toContain('Breach');
    expect((screen.getByLabelText('Group') as HTMLSelectElement).selectedOptions[0].textContent).toBe('Interop WG');
    await expectAccessible(container);
  });

  it('shows an error from Rust at the field it names and in the summary', async () => {
    mockBackend({
      app_state: () => noDatabase,
      create_group: () => {
        throw {
          kind: 'invalid',
          message: 'The two passphrases differ; type the same passphrase twice.',
          field: 'recovery_passphrase_confirm',
        };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await screen.findByRole('heading', { name: 'Create a working group' });
    await user.type(screen.getByLabelText('Recovery passphrase (at least 12 characters)'), 'correct horse battery');
    await user.type(screen.getByLabelText('Type it again'), 'something else');
    await user.click(screen.getByRole('button', { name: 'Create group' }));

    const confirm = screen.getByLabelText('Type it again');
    await waitFor(() => expect(confirm.getAttribute('aria-invalid')).toBe('true'));
    const described = document.getElementById(confirm.getAttribute('aria-describedby')!)!;
    expect(described.textContent).toBe('The two passphrases differ; type the same passphrase twice.');
    expect(screen.getByRole('alert').textContent).toContain('There is a problem');
    expect((screen.getByLabelText('Group name') as HTMLInputElement).value).toBe('Interoperability for Policing Working Group');
    await expectAccessible(container);
  });
});

describe('a custom group', () => {
  it('chooses its seats and switches off a rule the ToR does not have, then sends that shape', async () => {
    const backend = mockBackend({
      app_state: () => noDatabase,
      create_group: () => {
        throw { kind: 'invalid', message: 'A term runs from 1 to 120 months (ToR §14).', field: 'term_months' };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await screen.findByRole('heading', { name: 'Create a working group' });
    await user.selectOptions(screen.getByLabelText('Template'), 'custom');
    const supplier = screen.getByLabelText('Supplier seats (ToR §12)') as HTMLInputElement;
    expect(supplier.value).toBe('12');
    await user.clear(supplier);
    await user.type(supplier, '15');
    await user.click(screen.getByLabelText('Absences lead to the strike policy (ToR §17)'));
    expect(screen.queryByLabelText('Absences from compulsory meetings in a year before it applies')).toBeNull();
    await user.type(screen.getByLabelText('Group name'), 'Standards WG');
    await user.type(screen.getByLabelText('Recovery passphrase (at least 12 characters)'), 'correct horse battery');
    await user.type(screen.getByLabelText('Type it again'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create group' }));

    const request = backend.calls.find((c) => c.cmd === 'create_group')!.args.request as { template: string; shape: GroupShape };
    expect(request.template).toBe('custom');
    expect(request.shape.seats).toEqual({ named: [], other: 0, supplier: 15 });
    expect(request.shape.rules.strike_policy).toBe(false);
    // Rust's refusal is shown at its field.
    const term = screen.getByLabelText('Term length in months (ToR §14)');
    await waitFor(() => expect(term.getAttribute('aria-invalid')).toBe('true'));
    await expectAccessible(container);
  });

  it('starts from another group\'s rules file', async () => {
    mockBackend({ app_state: () => noDatabase, choose_rules_file: () => shapeWith(['Chair of the national board'], 6) });
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { name: 'Create a working group' });
    await user.click(screen.getByRole('button', { name: 'Start from a rules file…' }));
    await waitFor(() => expect((screen.getByLabelText('Template') as HTMLSelectElement).value).toBe('custom'));
    expect((screen.getByLabelText('Supplier seats (ToR §12)') as HTMLInputElement).value).toBe('6');
    expect((screen.getByLabelText(/Seats for a named stakeholder/) as HTMLTextAreaElement).value).toBe('Chair of the national board');
  });
});

describe('recovery', () => {
  it('asks for the recovery passphrase when the keychain has no key, and says when it is wrong', async () => {
    mockBackend({
      app_state: () => ({
        state: 'needs_recovery',
        data_dir: '/data',
        error: { kind: 'needs_recovery', message: 'The OS keychain has no key for the database in /data.' },
      }),
      recover: () => {
        throw {
          kind: 'wrong_passphrase',
          message: 'That recovery passphrase is not the one this database was created with.',
          field: 'recovery_passphrase',
        };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    expect(await screen.findByRole('heading', { name: 'Unlock your data' })).toBeTruthy();
    expect(screen.getByText('The OS keychain has no key for the database in /data.')).toBeTruthy();
    await user.type(screen.getByLabelText('Recovery passphrase'), 'not it');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Recovery passphrase').getAttribute('aria-invalid')).toBe('true'),
    );
    await expectAccessible(container);
  });

  it('explains a damaged database and offers to try again without deleting anything', async () => {
    mockBackend({
      app_state: () => ({
        state: 'unavailable',
        data_dir: '/data',
        error: { kind: 'not_a_database', message: '/data/secretariat.db is not a Secretariat database, or it is damaged.' },
      }),
    });
    const { container } = render(App);
    expect(await screen.findByRole('heading', { name: 'Secretariat cannot open its data' })).toBeTruthy();
    expect(screen.getByText(/has not changed, moved or deleted anything/)).toBeTruthy();
    await expectAccessible(container);
  });
});

describe('the group', () => {
  it('lists members and organisations, filters them, and sorts by a header', async () => {
    mockBackend({ app_state: () => ready, group_home: () => home(), compliance: () => smeBreach, members: () => members() });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Members' }));
    await user.click(await screen.findByRole('tab', { name: 'People' }));
    const people = await screen.findByRole('table', { name: /People/ });
    const names = () => Array.from(people.querySelectorAll('tbody th')).map((th) => th.textContent);
    expect(names()).toEqual(['Amara Okafor', 'Zoë Ó\u2019Brien']);
    await user.click(screen.getAllByRole('button', { name: /^Name/ })[0]);
    expect(names()).toEqual(['Zoë Ó\u2019Brien', 'Amara Okafor']);
    await user.type(screen.getByLabelText('Filter people'), 'kestrel');
    expect(names()).toEqual(['Zoë Ó\u2019Brien']);
    await user.click(screen.getByRole('tab', { name: 'Organisations' }));
    expect(await screen.findByText('Member')).toBeTruthy();
    await expectAccessible(container);
  });

  it('shows the settings with the paragraph each comes from', async () => {
    mockBackend({ app_state: () => ready, group_home: () => home(), compliance: () => smeBreach });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const rules = await screen.findByRole('table', { name: 'Rules' });
    expect(rules.textContent).toContain('Term length');
    expect(rules.textContent).toContain('ToR §14');
    await expectAccessible(container);
  });

  it('sets whose bank holidays proposed deadlines skip, and says so beside the choice', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      backups: () => ({ folder: '/data/backups', default_folder: true, due: false, backups: [], data_dir: '/data' }),
      set_bank_holidays: () => home(),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const choice = (await screen.findByLabelText('Bank holidays skipped by proposed deadlines')) as HTMLSelectElement;
    expect(choice.value).toBe('england-and-wales');
    await user.selectOptions(choice, 'scotland');
    expect(backend.calls.find((c) => c.cmd === 'set_bank_holidays')!.args).toEqual({ request: { group_id: 1, nation: 'scotland' } });
    expect((await screen.findByText(/^Saved: proposed deadlines skip/)).getAttribute('role')).toBe('status');
    await expectAccessible(container);
  });
});

describe('membership', () => {
  it('shows the ToR §15 outcome of a change of employer before saving it', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      person: () => zoe,
      preview_employer_change: () => ({
        outcome: {
          may_remain: true,
          until: '2027-02-28',
          message: 'Zoë moved to Newco Ltd, which is not a techUK member, on Tue 1 Dec 2026: Zoë may remain until Sun 28 Feb 2027, unless Newco Ltd applies for membership (ToR §15).',
        },
        findings: [],
      }),
      change_employer: () => ({
        ...zoe,
        employments: [
          { id: 2, organisation_id: 2, organisation: 'Newco Ltd', from: '2026-12-01', to: null },
          { ...zoe.employments[0], to: '2026-11-30' },
        ],
      }),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Members' }));
    await user.click(await screen.findByRole('tab', { name: 'People' }));
    await user.click(await screen.findByRole('button', { name: 'Zoë Ó\u2019Brien' }));
    await user.click(await screen.findByRole('button', { name: 'Change employer…' }));
    await user.selectOptions(screen.getByLabelText('New employer'), 'Newco Ltd');
    await user.clear(screen.getByLabelText('Starts there on'));
    await user.type(screen.getByLabelText('Starts there on'), '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Check against ToR §15' }));
    expect(await screen.findByText(/may remain until Sun 28 Feb 2027/)).toBeTruthy();
    expect(backend.calls.some((c) => c.cmd === 'change_employer')).toBe(false);
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Save the change' }));
    expect(await screen.findByText('The change of employer was saved.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'change_employer')!.args.request).toEqual({
      group_id: 1,
      person_id: 1,
      organisation_id: 2,
      from: '2026-12-01',
    });
  });

  it('fills a seat, and shows a refusal from Rust at the field', async () => {
    mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      fill_seat: () => {
        throw { kind: 'invalid', field: 'person_id', message: 'They already hold Supplier seat 2 during that time; one person holds one seat.' };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Members' }));
    await user.click(await screen.findByRole('button', { name: 'Fill seat…: Supplier seat 1' }));
    await user.selectOptions(screen.getByLabelText('Person'), 'Amara Okafor (Harbourline Ltd)');
    await user.click(screen.getByRole('button', { name: 'Fill seat' }));
    const select = screen.getByLabelText('Person');
    await waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('fill-person_id-error')!.textContent).toContain('one person holds one seat');
    await expectAccessible(container);
  });
});

describe('documents', () => {
  it('saves a document where the native dialog says, and says where', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      save_document: () => '/home/pm/Interop WG - membership.pdf',
      document_archive: () => [],
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Documents' }));
    await user.click(await screen.findByRole('button', { name: 'Save as…: Membership list and composition report' }));
    expect(await screen.findByText('Saved to /home/pm/Interop WG - membership.pdf.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'save_document')!.args).toEqual({ request: { group_id: 1, kind: 'membership_report', record_id: null } });
    await expectAccessible(container);
  });

  it('says nothing when the Save dialog is cancelled; a missing viewer is said at the document, offering Save as… and Show in folder', async () => {
    let saved: string | null = null;
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      save_document: () => saved,
      document_archive: () => [],
      open_document: () => {
        throw { kind: 'no_viewer', message: 'No program to open PDF files was found on this computer.' };
      },
      show_document_in_folder: () => '/run/user/1000/secretariat-documents/membership.pdf',
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Documents' }));
    await user.click(await screen.findByRole('button', { name: 'Save as…: People (CSV)' }));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Open in viewer: Membership list and composition report' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No program to open PDF files was found');
    // Beside the document it was about, not at the top of the page (issue #18).
    expect(alert.closest('li')!.textContent).toContain('Membership list and composition report');
    await expectAccessible(container);
    await user.click(within(alert).getByRole('button', { name: 'Show in folder' }));
    expect(backend.calls.find((c) => c.cmd === 'show_document_in_folder')!.args).toEqual({ request: { group_id: 1, kind: 'membership_report', record_id: null } });
    expect((await screen.findByRole('status')).textContent).toBe('Shown in its folder (/run/user/1000/secretariat-documents/membership.pdf).');
    await user.click(screen.getByRole('button', { name: 'Open in viewer: Membership list and composition report' }));
    saved = '/home/pm/membership.pdf';
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Save as…' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved to /home/pm/membership.pdf.');
  });
});

describe('home', () => {
  it('links the §13 breach to the seat board and the §14 breach to both members, and reads “On <date>: n breaches” for another date', async () => {
    const findings: Compliance = {
      on: '2026-04-16', breaches: 2, warnings: 0, notices: 0,
      findings: [
        { ...smeBreach.findings[0], subjects: [{ kind: 'person', id: 3, name: 'Sam Sme' }] },
        {
          severity: 'breach', tor: 14, message: 'Ann One and Bob Two both represent Acme Ltd; one per company (ToR §14).',
          subjects: [{ kind: 'organisation', id: 8, name: 'Acme Ltd' }, { kind: 'person', id: 1, name: 'Ann One' }, { kind: 'person', id: 2, name: 'Bob Two' }], since: null, until: null,
        },
      ],
    };
    mockBackend({ app_state: () => ready, group_home: () => home(), compliance: () => findings, members: () => members() });
    const user = userEvent.setup();
    const { container } = render(App);
    expect(await screen.findByRole('button', { name: 'Open the seat board' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open Ann One' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open Bob Two' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open Sam Sme' })).toBeNull();
    const date = screen.getByLabelText('Check the rules on') as HTMLInputElement;
    await user.clear(date);
    await user.type(date, '2026-04-16');
    await waitFor(() => expect(container.querySelector('p.summary')!.textContent!.replace(/\s+/g, ' ')).toContain('On Thu 16 Apr 2026: 2 breaches,'));
    await expectAccessible(container);
  });

  it('shows the seat board and the rules of the day it checks, and today\'s again when it returns', async () => {
    const seats = vacantSeats();
    seats[4] = { ...seats[4], holder: { term_id: 1, person_id: 3, name: 'Sam Sme', organisation: 'Kestrel Data Ltd', sme: true, term_start: '2024-01-01', term_end: '2026-01-01' } };
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: (request) => {
        const on = (request as { on: string | null }).on ?? '2026-11-27';
        if (on === '2026-11-27') return smeBreach;
        const settings = home().settings.map((l) => (l.key === 'min_sme_suppliers' ? { ...l, value: '1' } : l));
        return { ...smeBreach, on, breaches: 0, findings: [], that_day: { seats, vacant_seats: 11, settings } };
      },
    });
    const user = userEvent.setup();
    const { container } = render(App);
    const board = await screen.findByRole('table', { name: /^Seats/ });
    expect(within(board).queryByText('Sam Sme')).toBeNull();
    const date = screen.getByLabelText('Check the rules on') as HTMLInputElement;
    await user.clear(date);
    await user.type(date, '2025-06-30');
    const then = await screen.findByRole('table', { name: 'Seats on Mon 30 Jun 2025 (ToR §10–§12)' });
    expect(within(then).getByText('Sam Sme')).toBeTruthy();
    const rules = screen.getByRole('table', { name: 'Rules this group runs on, on Mon 30 Jun 2025' });
    expect(within(within(rules).getByText('Supplier members from an SME (at least)').closest('tr')!).getByText('1')).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'compliance').map((c) => (c.args.request as { on: string }).on)).toContain('2025-06-30');
    await expectAccessible(container);
    await user.clear(date);
    await user.type(date, '2026-11-27');
    expect(await screen.findByRole('table', { name: 'Seats (ToR §10–§12)' })).toBeTruthy();
    expect(screen.queryByText('Sam Sme')).toBeNull();
  });

  it('lists the group\'s record, filters it by year, kind and meeting, and opens the kept pack', async () => {
    const entry = (over: Partial<ArchivedDocument>): ArchivedDocument => ({
      kind: 'minutes', record_id: 9, kind_label: 'Approved minutes', title: 'Minutes — December meeting', on: '2026-12-15', year: 2026,
      meeting_id: 9, meeting: 'December meeting', detail: 'Approved Tue 15 Dec 2026 (ToR §21)', kept: false, openable: true, remake: null, ...over,
    });
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      document_archive: () => [
        entry({}),
        entry({ kind: 'kept_agenda_pack', kind_label: 'Agenda pack', title: 'Agenda pack — December meeting', on: '2026-12-01', detail: 'Published Tue 1 Dec 2026 under ToR §20 · 1 supplement · 40 pages', kept: true }),
        entry({ kind: 'ballot_papers', record_id: 4, kind_label: 'Ballot papers printed', title: 'Ballot papers, print run 1 — Chair', on: null, meeting_id: null, meeting: null, detail: '30 papers, serials 1–30', openable: false }),
        entry({ kind: 'minutes', record_id: 2, title: 'Minutes — March meeting', on: '2025-03-20', year: 2025, meeting_id: 2, meeting: 'March meeting' }),
        entry({
          kind: 'kept_copy', record_id: 31, title: 'Minutes — November meeting', on: '2026-11-17', meeting_id: 8, meeting: 'November meeting',
          detail: 'Approved Tue 17 Nov 2026 (ToR §21) · kept as made on Tue 17 Nov 2026, 3 pages', kept: true, remake: { kind: 'minutes', record_id: 8 },
        }),
      ],
      open_document: () => '/run/user/1000/secretariat/December pack.pdf',
      save_document: () => '/home/pm/Interop WG - record 2026.pdf',
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Documents' }));
    expect(await screen.findByText('5 of 5 documents')).toBeTruthy();
    expect(screen.getByText('30 papers, serials 1–30')).toBeTruthy();
    await expectAccessible(container);

    await user.selectOptions(screen.getByLabelText('Year'), '2025');
    expect(screen.getByText('1 of 5 documents')).toBeTruthy();
    expect(screen.getByText('Minutes — March meeting')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Year'), '');
    await user.selectOptions(screen.getByLabelText('Kind'), 'Agenda pack');
    expect(screen.getByText('1 of 5 documents')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Kind'), '');
    await user.selectOptions(screen.getByLabelText('Meeting'), 'December meeting');
    expect(screen.getByText('2 of 5 documents')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Meeting'), '');

    await user.click(screen.getByRole('button', { name: 'Open as kept: Agenda pack — December meeting' }));
    expect(await screen.findByText('Opened in your viewer (/run/user/1000/secretariat/December pack.pdf).')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'open_document')!.args).toEqual({ request: { group_id: 1, kind: 'kept_agenda_pack', record_id: 9 } });
    expect(screen.getByRole('button', { name: 'Make from today’s records: Minutes — December meeting' })).toBeTruthy();

    // Approved minutes kept as they went out open as kept, and can be made again from the records.
    await user.click(screen.getByRole('button', { name: 'Open as kept: Minutes — November meeting' }));
    expect(backend.calls.filter((c) => c.cmd === 'open_document').at(-1)!.args).toEqual({ request: { group_id: 1, kind: 'kept_copy', record_id: 31 } });
    await user.click(screen.getByRole('button', { name: 'Make again from today’s records: Minutes — November meeting' }));
    expect(backend.calls.filter((c) => c.cmd === 'open_document').at(-1)!.args).toEqual({ request: { group_id: 1, kind: 'minutes', record_id: 8 } });

    // A year's record in one step, the latest year offered first.
    await user.click(screen.getByRole('button', { name: 'Save as…: the record of 2026' }));
    expect(await screen.findByText('Saved to /home/pm/Interop WG - record 2026.pdf.')).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'save_document')!.args).toEqual({ request: { group_id: 1, kind: 'year_record', record_id: 2026 } });
  });
});

describe('jump to (Ctrl/Cmd+K)', () => {
  it('finds a person, a meeting or an election by part of its name, by keyboard alone, and Esc gives the focus back', async () => {
    mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      members: () => members(),
      person: () => zoe,
      meetings: () => [
        { meeting: { id: 9, title: 'December meeting', starts_at: '2026-12-08T14:00:00', ends_at: '2026-12-08T16:00:00', venue: '', online_link: '', compulsory: true, series_id: null, published_on: null, items: 1, papers: 0 }, deadline: '2026-12-01', publication: { state: 'on_track', days_left: 4 } },
      ],
      elections: () => ({ vacancies: [], proposals: [], elections: [] }),
      subgroups: () => ({ today: '2026-11-27', subgroups: [], awaited: [], members: [], meetings: [], decisions: [] }),
    });
    const user = userEvent.setup();
    const { container } = render(App);
    const opener = await screen.findByRole('button', { name: /Jump to…/ });
    opener.focus();
    await user.keyboard('{Control>}k{/Control}');
    const box = await screen.findByRole('combobox', { name: /Jump to a person/ });
    expect(document.activeElement).toBe(box);
    await user.keyboard('zoe');
    const matches = () => within(screen.getByRole('listbox', { name: 'Matches' })).queryAllByRole('option');
    await waitFor(() => expect(matches().length).toBe(1));
    const options = matches();
    expect(options.map((o) => o.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['Person Zoë Ó\u2019Brien']);
    await expectAccessible(container);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox', { name: /Jump to a person/ })).toBeNull();
    expect(document.activeElement).toBe(opener);

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('dec');
    await waitFor(() => expect(matches().map((o) => o.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['Meeting December meeting, Tue 8 Dec 2026']));
    await user.keyboard('{Control>}a{/Control}{Backspace}o');
    await waitFor(() => expect(matches().length).toBeGreaterThan(1));
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('combobox', { name: /Jump to a person/ }).getAttribute('aria-activedescendant')).toBe('jump-option-1');
    await user.keyboard('{ArrowUp}{Enter}');
    expect(await screen.findByRole('heading', { name: 'Zoë Ó\u2019Brien', level: 1 })).toBeTruthy();
  });
});

describe('meetings', () => {
  const page = {
    detail: {
      meeting: {
        id: 9, title: 'December meeting', starts_at: '2026-12-08T14:00:00', ends_at: '2026-12-08T16:00:00', venue: '', online_link: '',
        compulsory: true, series_id: null, published_on: null, items: 1, papers: 0,
      },
      items: [
        { id: 31, position: 1, input: { title: 'Data standards roadmap', purpose: 'decision' as const, presenter_id: null, minutes: 30, private: false }, presenter: null, papers: [] },
      ],
    },
    start_times: ['14:00'],
    deadline: '2026-12-01',
    publication: { state: 'on_track' as const, days_left: 4 },
    people: [],
    paper_limit_mb: 20,
    pack: null,
  };

  it('shows the deadline, refuses a file that is not a PDF at the item, and builds the pack', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      meetings: () => [{ meeting: page.detail.meeting, deadline: '2026-12-01', publication: page.publication }],
      meeting: () => page,
      inspect_paper: () => {
        throw { kind: 'invalid', field: 'file', message: 'This file is not a PDF.' };
      },
      build_pack: () => ({ ...page, pack: { built_at: '2026-11-27T10:00:00+00:00', pages: 9 } }),
    });
    // The file picker's filter can be switched to “All files”: what Rust refuses must show.
    const user = userEvent.setup({ applyAccept: false });
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Meetings' }));
    await user.click(await screen.findByRole('button', { name: 'Tue 8 Dec 2026, 14:00–16:00' }));
    expect((await screen.findByText(/Agenda pack: Due Tue 1 Dec 2026 \(in 4 days\)/)).textContent).toContain('ToR §20');
    await expectAccessible(container);

    const input = container.querySelector<HTMLInputElement>('input[data-item="Data standards roadmap"]')!;
    await user.upload(input, new File(['minutes'], 'minutes.txt', { type: 'text/plain' }));
    const refused = await screen.findByRole('alert');
    expect(refused.textContent).toBe('This file is not a PDF.');
    // In the item's row, beside the control that was used (issue #18).
    expect(refused.closest('tr')!.textContent).toContain('Data standards roadmap');
    const request = backend.calls.find((c) => c.cmd === 'inspect_paper')!.args.request as { file_name: string; data_base64: string };
    expect(request.file_name).toBe('minutes.txt');
    expect(atob(request.data_base64)).toBe('minutes');
    expect(backend.calls.some((c) => c.cmd === 'attach_paper')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Build pack' }));
    expect(await screen.findByText(/Last built .*: 9 pages\./)).toBeTruthy();
  });
  it('asks for the title at attach, offering the PDF\'s own, and attaches with the title typed', async () => {
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      meetings: () => [{ meeting: page.detail.meeting, deadline: '2026-12-01', publication: page.publication }],
      meeting: () => page,
      inspect_paper: () => ({ title: 'Custody data model v0.3', title_from_pdf: true, pages: 12 }),
      attach_paper: () => page,
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Meetings' }));
    await user.click(await screen.findByRole('button', { name: 'Tue 8 Dec 2026, 14:00–16:00' }));
    const input = await waitFor(() => container.querySelector<HTMLInputElement>('input[data-item="Data standards roadmap"]')!);
    await user.upload(input, new File(['%PDF-1.7'], 'cdm_v03.pdf', { type: 'application/pdf' }));
    const title = await screen.findByLabelText('Title of the paper');
    expect((title as HTMLInputElement).value).toBe('Custody data model v0.3');
    expect(screen.getByText(/The PDF’s own title · cdm_v03\.pdf, 12 pages/)).toBeTruthy();
    await expectAccessible(container);
    await user.clear(title);
    await user.type(title, 'Custody data model, draft 3');
    await user.click(screen.getByRole('button', { name: 'Attach' }));
    expect(await screen.findByText('“Custody data model, draft 3” was added to “Data standards roadmap”.')).toBeTruthy();
    const request = backend.calls.find((c) => c.cmd === 'attach_paper')!.args.request as { title: string; file_name: string; paper_id: number | null };
    expect(request).toMatchObject({ title: 'Custody data model, draft 3', file_name: 'cdm_v03.pdf', paper_id: null });
  });

  it('offers the Terms of Reference as they stand on an item about them, and only there', async () => {
    const tor = { id: 32, position: 2, input: { title: 'Amendment of the Terms of Reference', purpose: 'decision' as const, presenter_id: null, minutes: 20, private: false }, presenter: null, papers: [] };
    const withTor = { ...page, detail: { ...page.detail, items: [...page.detail.items, tor] } };
    const attached = {
      ...withTor,
      detail: {
        ...withTor.detail,
        items: [page.detail.items[0], { ...tor, papers: [{ id: 5, title: 'Terms of Reference in force on Fri 27 Nov 2026', version: 1, file_name: 'terms of reference 2026-11-27.pdf', pages: 2, supplement: false }] }],
      },
    };
    const backend = mockBackend({
      app_state: () => ready,
      group_home: () => home(),
      compliance: () => smeBreach,
      meetings: () => [{ meeting: page.detail.meeting, deadline: '2026-12-01', publication: page.publication }],
      meeting: () => withTor,
      attach_terms_of_reference: () => attached,
    });
    const user = userEvent.setup();
    const { container } = render(App);
    await user.click(await screen.findByRole('button', { name: 'Meetings' }));
    await user.click(await screen.findByRole('button', { name: 'Tue 8 Dec 2026, 14:00–16:00' }));
    const attach = await screen.findByRole('button', { name: 'Attach the Terms of Reference to Amendment of the Terms of Reference' });
    expect(screen.queryByRole('button', { name: 'Attach the Terms of Reference to Data standards roadmap' })).toBeNull();
    await expectAccessible(container);
    await user.click(attach);
    expect(await screen.findByText('The Terms of Reference in force today were added to “Amendment of the Terms of Reference”.')).toBeTruthy();
    expect(screen.getAllByText('Terms of Reference in force on Fri 27 Nov 2026').length).toBeGreaterThan(0);
    expect(backend.calls.find((c) => c.cmd === 'attach_terms_of_reference')!.args).toEqual({ request: { group_id: 1, meeting_id: 9, item_id: 32 } });
  });
});
