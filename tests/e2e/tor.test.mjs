// An amendment of the Terms of Reference in the real window (issue #14): the demo group agrees at
// its November meeting to raise the SME minimum from 2 to 3 (ToR §13) from 11 November. The form
// previews the breach it brings before anything is saved; once saved, Home reports the breach
// from that day and not the day before, and the amendment is listed with its meeting.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { APP, createFirstGroup, freshDataDir, goTo, heading, look, press, setDate, startDriver } from './harness.mjs';

const TODAY = '2026-11-27';
const DEMO = 'Demo — Interoperability for Policing WG (fictional)';
const SME = 'Supplier members from an SME (at least)';
const BREACH = /Only 2 of the supplier members are from an SME; ToR §13 requires at least 3\./;
const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir, SECRETARIAT_TODAY: TODAY });
});

after(() => driver?.stop());

/** Home's findings on `day`, read once the summary for that day is shown. */
async function findingsOn(browser, day) {
  await goTo(browser, 'Home');
  await heading(browser, DEMO);
  const label = new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
  // Home keeps the day last checked; today's summary has no date, another day's starts "On <day>:".
  await setDate(browser, '#check-on', day);
  const summary = await browser.$('.summary');
  await browser.waitUntil(async () => (day === TODAY ? /^\d+ breach/ : new RegExp(`^On ${label}: `)).test(await summary.getText()), {
    timeout: 20000,
    timeoutMsg: `Home checked ${label}`,
  }).catch(async (e) => {
    throw new Error(`${e.message}: the summary says ${JSON.stringify(await summary.getText())}`);
  });
  return browser.execute(() => [...document.querySelectorAll('ul.findings li')].map((li) => li.textContent).join('\n'));
}

test('the SME minimum amended from 2 to 3 at a recorded meeting, previewed, saved, and in force from its date', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    await press(browser, 'Load demo data');
    await heading(browser, DEMO);
    assert.doesNotMatch(await findingsOn(browser, TODAY), BREACH, 'no breach before the amendment');
    // Date fields are day-month-year whatever the process locale (CI runs in C.UTF-8): the
    // window's language is British English, which WebKitGTK lays date fields out by.
    assert.deepEqual(await browser.execute(() => [navigator.language, new Intl.DateTimeFormat().format(new Date(2026, 10, 27))]), ['en-GB', '27/11/2026']);

    await goTo(browser, 'Settings');
    await heading(browser, 'Settings');
    await press(browser, `Amend…: ${SME}`);
    const value = await browser.$('#amend-value');
    await value.waitForExist({ timeout: 10000 });
    await value.setValue('3');
    await setDate(browser, '#amend-from', '2026-11-11');
    await (await browser.$('#amend-meeting_id')).selectByVisibleText('Working group meeting — November 2026, Tue 10 Nov 2026');
    await (await browser.$('#amend-note')).setValue('Agreed by consensus at the November meeting.');
    const preview = await browser.$('section.preview');
    await browser.waitUntil(async () => BREACH.test(await preview.getText()), { timeout: 20000, timeoutMsg: 'the preview names the new breach' });
    assert.match(await preview.getText(), /1 new breach/i);
    await preview.scrollIntoView({ block: 'center' });
    await look(browser, '114-amendment-preview', assert);
    assert.match(await (await browser.$('main')).getText(), /The Terms of Reference have not been amended/, 'a preview saves nothing');
    await press(browser, 'Save the amendment');
    await browser.waitUntil(async () => (await (await browser.$('main')).getText()).includes(`Saved: ${SME} from Wed 11 Nov 2026.`), {
      timeout: 20000,
      timeoutMsg: 'the amendment is saved',
    });
    const amendments = await (await browser.$('//section[.//h3[@id="amendments-heading"]]')).getText();
    assert.match(amendments, /Working group meeting — November 2026/);
    await look(browser, '115-amendment-saved', assert);

    assert.match(await findingsOn(browser, '2026-11-11'), BREACH, 'the breach from the amendment day');
    assert.doesNotMatch(await findingsOn(browser, '2026-11-10'), BREACH, 'and not the day before');
    // The seat board and the rules follow the day checked.
    assert.equal(await (await browser.$('table.seats caption')).getText(), 'Seats on Tue 10 Nov 2026 (ToR §10–§12)');
    assert.match(await (await browser.$('//table[caption[starts-with(., "Rules this group runs on")]]')).getText(), /Rules this group runs on, on Tue 10 Nov 2026[\s\S]*Supplier members from an SME \(at least\)\s*2/);
    assert.match(await findingsOn(browser, TODAY), BREACH);
    await (await browser.$('ul.findings li')).scrollIntoView({ block: 'start' });
    await look(browser, '116-amendment-home', assert);
  } finally {
    await driver.close(browser);
  }
});

test('the CLI lists the amendment with its meeting, and checks with the rules in force on each day', () => {
  const cli = (...args) => execFileSync(APP, ['--data-dir', dataDir, ...args, '--group', '2'], { encoding: 'utf8', env: { ...process.env, SECRETARIAT_TODAY: TODAY } });
  const history = JSON.parse(cli('tor', '--history', '--json'));
  const sme = history.find((a) => a.key === 'min_sme_suppliers');
  assert.ok(sme, JSON.stringify(history));
  assert.deepEqual([sme.previous, sme.value, sme.from, sme.meeting?.title], ['2', '3', '2026-11-11', 'Working group meeting — November 2026']);
  assert.match(cli('tor', '--on', '2026-11-10'), /ToR §13 {2}Supplier members from an SME \(at least\): 2\n/);
  assert.match(cli('tor', '--on', '2026-11-11'), /ToR §13 {2}Supplier members from an SME \(at least\): 3 \(amended from Wed 11 Nov 2026\)\n/);
});
