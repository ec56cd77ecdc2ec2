// Every message where the eye is (issue #18): for each kind of refusal — "Open the vote"
// refused, a hostile paper refused, the viewer failing (this machine has no PDF viewer, as
// a new laptop may not), the file manager failing — the message is inside the viewport right
// after the click, next to the control that caused it, and announced (role="alert"). The
// missing viewer is said in words and offers "Save as…" and "Show in folder" instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFirstGroup, freshDataDir, goTo, heading, look, press, startDriver } from './harness.mjs';

const DEMO = 'Demo — Interoperability for Policing WG (fictional)';
const ELECTION = 'Election to a supplier seat — November 2026';
let driver;
let hostile;

before(async () => {
  // A file that calls itself a PDF and is not one: the paper check refuses it.
  hostile = path.join(mkdtempSync(path.join(os.tmpdir(), 'secretariat-hostile-')), 'report.pdf');
  writeFileSync(hostile, '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  driver = await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir(), SECRETARIAT_TODAY: '2026-11-27' });
});

after(() => driver?.stop());

/**
 * Waits for an announced message (`role`) matching `pattern` that is wholly inside the
 * viewport, and returns the text of the section (or table row) it sits in.
 */
async function inView(browser, name, pattern, role = 'alert') {
  const look = () =>
    browser.execute(
      (r, source) => {
        const re = new RegExp(source);
        return [...document.querySelectorAll(`[role="${r}"]`)]
          .filter((el) => re.test(el.textContent))
          .map((el) => {
            const box = el.getBoundingClientRect();
            const place = el.closest('tr, li, section, form');
            return { text: el.textContent, top: box.top, bottom: box.bottom, height: innerHeight, place: place ? place.textContent : '' };
          });
      },
      role,
      pattern.source,
    );
  let found = [];
  try {
    await browser.waitUntil(async () => (found = await look()).some((m) => m.top >= 0 && m.bottom <= m.height), { timeout: 20000 });
  } catch {
    throw new Error(`${name}: no ${role} matching ${pattern} inside the viewport; found ${JSON.stringify(found)}`);
  }
  return found.find((m) => m.top >= 0 && m.bottom <= m.height).place;
}

test('each kind of refusal shows next to its control, inside the viewport', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    await press(browser, 'Load demo data');
    await heading(browser, DEMO);

    // "Open the vote" while nominations are still open (ToR §12).
    await goTo(browser, 'Elections');
    await heading(browser, 'Elections');
    await press(browser, ELECTION);
    await heading(browser, ELECTION);
    await (await browser.$('#election-method')).selectByVisibleText('Instant run-off (preferences)');
    await press(browser, 'Save the method');
    await inView(browser, 'method saved', /The method was saved/, 'status');
    await press(browser, 'Open the vote');
    const vote = await inView(browser, 'open the vote', /Nominations are open until/);
    assert.match(vote, /The vote/, 'the refusal is in the vote section');
    await look(browser, '90-open-vote-refused', assert);

    // The viewer failing: said in words, with what to do instead.
    await press(browser, 'Open the call for nominations');
    const call = await inView(browser, 'no viewer', /^No program to open PDF files was found/);
    assert.match(call, /Seats and constraints/, 'the message is under the call’s buttons');
    await (await browser.$('//p[@role="alert"]//button[normalize-space()="Save as…"]')).waitForExist({ timeout: 5000 });
    await look(browser, '91-no-viewer', assert);
    await press(browser, 'Show in folder');
    await inView(browser, 'no file manager', /The document is at .*\.pdf\.$/);

    // A hostile paper: refused in its agenda item's row.
    await goTo(browser, 'Meetings');
    await heading(browser, 'Meetings');
    await press(browser, 'Add a meeting…');
    await (await browser.$('#meeting-title')).setValue('Messages meeting');
    await press(browser, 'Save');
    await heading(browser, 'Messages meeting');
    await press(browser, 'Add item…');
    await (await browser.$('#item-title')).setValue('Supplier survey results');
    await press(browser, 'Save');
    await inView(browser, 'item added', /The item was added/, 'status');
    const input = await browser.$('input[type=file][data-item="Supplier survey results"]');
    await input.scrollIntoView({ block: 'center' });
    await input.setValue(hostile);
    const row = await inView(browser, 'hostile paper', /./);
    assert.match(row, /Supplier survey results/, 'the refusal is in the item’s row');
    await look(browser, '92-paper-refused', assert);

    // The pack's viewer, at the foot of the page.
    await press(browser, 'Build pack');
    await inView(browser, 'pack built', /The agenda pack was built/, 'status');
    await press(browser, 'Open pack in viewer');
    const pack = await inView(browser, 'pack viewer', /^No program to open PDF files was found/);
    assert.match(pack, /Agenda pack/);
    await look(browser, '93-pack-no-viewer', assert);
  } finally {
    await driver.close(browser);
  }
});
