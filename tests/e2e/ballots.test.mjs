// Ballots as a returning officer prints them (issue #18), in the real window: a nominee the
// ToR §13 constraint rules out is warned when recorded, in the nominations' checks and in the
// constraints; nominations are closed before the call's date with a reason and the vote opens
// the same day; the ballot paper (made by the command line on the same data folder, read with
// pdftotext and rendered to a PNG) lists the candidates by surname and gives the instructions
// and the constraint line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP, createFirstGroup, freshDataDir, goTo, heading, look, press, SCREENSHOTS, startDriver } from './harness.mjs';

const DEMO = 'Demo — Interoperability for Policing WG (fictional)';
const ELECTION = 'Election to a supplier seat — November 2026';
const PASSPHRASE = 'correct horse battery staple';
const TODAY = '2026-11-27';
const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir, SECRETARIAT_TODAY: TODAY });
});

after(() => driver?.stop());

/** Waits for a message matching `pattern` wholly inside the viewport; returns its text. */
async function shown(browser, pattern) {
  let seen = [];
  const read = () =>
    browser.execute(
      (source) =>
        [...document.querySelectorAll('[role="status"], [role="alert"]')]
          .filter((el) => new RegExp(source).test(el.textContent))
          .map((el) => ({ text: el.textContent, top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom, height: innerHeight })),
      pattern.source,
    );
  try {
    await browser.waitUntil(async () => (seen = await read()).some((m) => m.top >= 0 && m.bottom <= m.height), { timeout: 20000 });
  } catch {
    throw new Error(`no message matching ${pattern} in view; saw ${JSON.stringify(seen)}`);
  }
  return seen[0].text;
}

test('a nominee who cannot win is warned, nominations close early, and the ballot lists surnames with its instructions', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser, PASSPHRASE);
    await press(browser, 'Load demo data');
    await heading(browser, DEMO);
    await goTo(browser, 'Elections');
    await heading(browser, 'Elections');
    await press(browser, ELECTION);
    await heading(browser, ELECTION);

    // The one seat is an SME's and an SME must keep it (ToR §13): a large company's nominee cannot win.
    const constraints = await browser.$('ul.constraints');
    assert.match(await constraints.getText(), /not from an SME cannot be elected: the seat must go to SME nominees \(ToR §13\)/);
    await press(browser, 'Record a nomination…');
    await (await browser.$('#nomination-new_name')).setValue('Dr Alexandra Whitfield');
    await (await browser.$('#nomination-new_email')).setValue('alexandra.whitfield@northgate.example');
    await (await browser.$('#nomination-organisation_id')).selectByVisibleText('Northgate Interop Ltd');
    await (await browser.$('#nomination-manager_status')).selectByVisibleText('Yes');
    await look(browser, '80-nomination-form', assert);
    await press(browser, 'Record the nomination');
    const said = await shown(browser, /^The nomination was recorded\./);
    assert.match(said, /Dr Alexandra Whitfield cannot be elected: the one seat must go to nominees from SMEs.*\(ToR §13\)/);
    assert.doesNotMatch(said, /manager status/, 'the §12 status was recorded with the nomination');
    // Listed by surname: Duarte, Ó'Brien, Whitfield (by the whole name, "Dr …" would come first).
    const rows = await browser.$$('//section[@aria-labelledby="nominations-heading"]//tbody/tr/th');
    const names = [];
    for (const row of rows) names.push(await row.getText());
    assert.deepEqual(names, ['Ines Duarte', "Zoë Ó'Brien", 'Dr Alexandra Whitfield']);
    const check = await browser.$('//tr[th[normalize-space()="Dr Alexandra Whitfield"]]/td[4]');
    assert.match(await check.getText(), /cannot be elected/);
    await look(browser, '81-unwinnable-nominee', assert);

    // Everyone is nominated: the returning officer closes nominations early, with the reason.
    await press(browser, 'Close nominations early…');
    await (await browser.$('#close-reason')).setValue('Every eligible member has been nominated.');
    await look(browser, '82-close-nominations-form', assert);
    await press(browser, 'Close nominations');
    await shown(browser, /^Nominations were closed on Fri 27 Nov 2026\./);
    assert.match(await (await browser.$('p.lede')).getText(), /closed early: Every eligible member has been nominated\./);
    await look(browser, '83-nominations-closed-early', assert);

    // The vote opens the same day.
    await (await browser.$('#election-method')).selectByVisibleText('Instant run-off (preferences)');
    await press(browser, 'Save the method');
    await shown(browser, /The method was saved/);
    await press(browser, 'Open the vote');
    await shown(browser, /The vote is open/);
  } finally {
    await driver.close(browser);
  }

  // The papers, numbered by the command line on the same data folder.
  const out = mkdtempSync(path.join(os.tmpdir(), 'secretariat-ballots-'));
  const pdf = path.join(out, 'ballots.pdf');
  const env = { ...process.env, SECRETARIAT_PASSPHRASE: PASSPHRASE, SECRETARIAT_TODAY: TODAY };
  execFileSync(APP, ['--data-dir', dataDir, 'ballots', ELECTION, '--copies', '5', '--group', DEMO, '-o', pdf], { env });
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ' ');
  const at = (name) => {
    const i = flat.indexOf(name);
    assert.ok(i >= 0, `${name} is on the paper: ${flat}`);
    return i;
  };
  assert.ok(at('Ines Duarte') < at('Zoë Ó') && at('Zoë Ó') < at('Dr Alexandra Whitfield'), flat);
  assert.match(flat, /Do not use the same number more than once\./);
  assert.match(flat, /do not put a cross \(X\) or a tick in any box/);
  assert.match(flat, /The candidate elected must be from an SME: candidates from an SME are marked SME\./);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(SCREENSHOTS, '84-ballot-paper')]);
});
