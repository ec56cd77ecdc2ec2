// The group's work in the real window (ToR §3, §5): a supplier concern is raised (ToR §3c),
// put on the next meeting's agenda from the Work screen, a member declares an interest on
// that item at the meeting, and both are in the minutes PDF (read back with pdftotext).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP, createFirstGroup, freshDataDir, goTo, heading, look, press, startDriver } from './harness.mjs';

const DEMO = 'Demo — Interoperability for Policing WG (fictional)';
const PASSPHRASE = 'correct horse battery staple';
const CONCERN = 'Access to the national test environment for small suppliers';
const NATURE = 'Employer sells a competing test service';
const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir, SECRETARIAT_TODAY: '2026-11-27' });
});

after(() => driver?.stop());

/** Waits for a confirmation matching `pattern`, reading the page afresh each time. */
async function saved(browser, pattern) {
  const messages = () => browser.execute(() => [...document.querySelectorAll('p.saved, [role="alert"], [role="status"]')].map((p) => p.textContent.trim()));
  await browser.waitUntil(async () => (await messages()).some((text) => pattern.test(text)), {
    timeout: 20000,
    timeoutMsg: `no message matching ${pattern}`,
  });
}

/** Chooses the option of a select whose text contains `text`. */
async function choose(browser, selector, text) {
  const select = await browser.$(selector);
  await select.waitForExist({ timeout: 10000 });
  const value = await browser.execute(
    (sel, wanted) => [...document.querySelector(sel).options].find((o) => o.textContent.includes(wanted))?.value ?? null,
    selector,
    text,
  );
  assert.ok(value, `no option "${text}" in ${selector}`);
  await select.selectByAttribute('value', value);
}

test('a concern raised, put on the agenda and declared on at the meeting is in the minutes (ToR §3c, §21)', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser, PASSPHRASE);
    await press(browser, 'Load demo data');
    await heading(browser, DEMO);
    // Home lists what the demo's work needs (ToR §3, §5).
    const need = await browser.$('//div[contains(., "has not yet been shared with a policing forum")]');
    await need.waitForExist({ timeout: 20000 });

    await goTo(browser, 'Work');
    await heading(browser, 'Work');
    await press(browser, 'Concerns');
    await look(browser, '70-work-concerns', assert);
    await press(browser, 'Record work…');
    await (await browser.$('#work-title')).setValue(CONCERN);
    await (await browser.$('#work-source')).setValue('Two supplier members');
    await (await browser.$('#work-summary')).setValue('Small suppliers wait months for access to the national test environment.');
    await look(browser, '71-work-new-concern', assert);
    await press(browser, 'Record it');
    await heading(browser, CONCERN);

    await choose(browser, '#work-meeting', 'Tue 8 Dec 2026');
    await press(browser, 'Add to the agenda');
    await saved(browser, /^It is on the agenda\.$/);
    // It was also discussed under a standing item already on the agenda: linked, unlinked, undone.
    await choose(browser, '#work-link-item', 'Tue 8 Dec 2026 — Working group meeting — December 2026: Horizon scanning');
    await press(browser, 'Link the item');
    await saved(browser, /^The item is linked\.$/);
    await (await browser.$('button[aria-label="Unlink Horizon scanning"]')).click();
    await saved(browser, /no longer linked; it stays on its agenda/);
    await press(browser, 'Undo');
    await saved(browser, /^The item is linked again\.$/);
    const links = await browser.execute(() => [...document.querySelectorAll('#meetings-heading ~ ul li')].map((li) => li.textContent));
    assert.ok(links.some((t) => t.includes('Horizon scanning')) && links.some((t) => t.includes(`Concern: ${CONCERN}`)), links.join(' | '));
    await look(browser, '72-work-entry', assert);

    // At the meeting: the member's declaration on the concern's item.
    await press(browser, `Tue 8 Dec 2026 — Working group meeting — December 2026`);
    await (await browser.$('#record-heading')).waitForExist({ timeout: 20000 });
    await (await browser.$('#record-tab-declarations')).click();
    await choose(browser, '#declaration-person', 'Tomasz Nowak');
    await choose(browser, '#declaration-item', `Concern: ${CONCERN}`);
    await (await browser.$('#declaration-interest')).click();
    await (await browser.$('#declaration-nature')).setValue(NATURE);
    await press(browser, 'Record the declaration');
    await saved(browser, /^The declaration was recorded\.$/);
    const row = await browser.$(`//table//tr[contains(., "${NATURE}")]`);
    await row.waitForExist({ timeout: 10000 });
    // The standard item that opens every agenda: another member declares none there.
    await choose(browser, '#declaration-person', 'Priya Raman');
    await choose(browser, '#declaration-item', 'Declarations of interest');
    await (await browser.$('#declaration-none')).click();
    await press(browser, 'Record the declaration');
    await saved(browser, /^The declaration was recorded\.$/);
    await look(browser, '73-declarations', assert);

    // The digest for the wider community is made from the Work screen (ToR §3b, §5d).
    await goTo(browser, 'Work');
    const digest = await browser.$('#digest-heading');
    await digest.waitForExist({ timeout: 10000 });
    await digest.scrollIntoView();
    assert.equal(await (await browser.$('#digest-to')).getValue(), '2026-11-27');
    await look(browser, '74-work-digest', assert);
  } finally {
    await driver.close(browser);
  }

  // The minutes, built by the command line on the same (now closed) data folder.
  const out = mkdtempSync(path.join(os.tmpdir(), 'secretariat-work-'));
  const env = { ...process.env, SECRETARIAT_PASSPHRASE: PASSPHRASE };
  const file = path.join(out, 'minutes.pdf');
  execFileSync(APP, ['--data-dir', dataDir, 'minutes', '2026-12-08', '--group', DEMO, '-o', file], { env, encoding: 'utf8' });
  const squeeze = (t) => t.replace(/\s+/g, '');
  const text = squeeze(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
  for (const expected of ['Declarations of interest', `Concern: ${CONCERN}`, 'Tomasz Nowak', NATURE, 'Priya Raman', 'No interest']) {
    assert.ok(text.includes(squeeze(expected)), `the minutes lack "${expected}"`);
  }
  // Minuted under the standard item, before the business.
  const under = text.slice(text.indexOf(squeeze('2. Declarations of interest')), text.indexOf(squeeze('3. Minutes of the last meeting')));
  assert.ok(under.includes(squeeze(NATURE)) && under.includes(squeeze('Priya Raman')), under);
});
