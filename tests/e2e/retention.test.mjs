// The retention schedule in the real window: Settings shows the dry run per category for
// the demo group a year after it was loaded, and Purge… asks once, repeating the counts,
// before anything goes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { APP, freshDataDir, goTo, heading, look, press, startDriver } from './harness.mjs';

const DEMO = 'Demo — Interoperability for Policing WG (fictional)';
let driver;

before(async () => {
  // The demo as loaded on 27 Nov 2026 (its key goes into the test keyring), opened a year on.
  const dataDir = freshDataDir();
  const env = { ...process.env, SECRETARIAT_PASSPHRASE: 'correct horse battery staple', SECRETARIAT_TODAY: '2026-11-27' };
  execFileSync(APP, ['--data-dir', dataDir, 'demo'], { env });
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir, SECRETARIAT_TODAY: '2027-12-01' });
});

after(() => driver?.stop());

test('Settings shows what is due for purging and purges it only after a confirmation', async () => {
  const browser = await driver.open();
  try {
    await heading(browser, DEMO);
    await goTo(browser, 'Settings');
    await heading(browser, 'Settings');
    const table = await browser.$('//table[caption[normalize-space()="Due for purging on Wed 1 Dec 2027"]]');
    await table.waitForExist({ timeout: 20000 });
    await table.scrollIntoView({ block: 'start' });
    const row = async (title) => (await browser.$(`//table[caption[starts-with(normalize-space(), "Due for purging")]]//tr[th[normalize-space()="${title}"]]`)).getText();
    // 2026's attendance is kept until 1 Jan 2029 (two full years after it), papers for six years.
    assert.match(await row('Attendance'), /Nothing due/);
    assert.match(await row('Minutes and papers'), /Nothing due/);
    // The demo's past election was declared in 2026: its papers (6 months) and the two
    // unsuccessful candidates' statements (a year) are due.
    const ballots = await row('Ballots and counts');
    assert.match(ballots, /Election to a supplier seat .*: 33 records, due /);
    assert.match(await row('Candidates and nominations'), /2 records/);
    await look(browser, '80-retention', assert);
    const due = Number(/(\d+) records?/.exec(ballots)[1]);
    await press(browser, 'Purge…');
    const confirm = await browser.$('//div[@role="group"][.//h3[starts-with(normalize-space(), "Remove")]]');
    await confirm.waitForExist({ timeout: 10000 });
    assert.match(await confirm.getText(), new RegExp(`Ballots and counts: ${due} records`));
    assert.match(await confirm.getText(), /Candidates and nominations: 2 records/);
    assert.match(await confirm.getText(), /Remove 35 records for good\?/);
    assert.match(await confirm.getText(), /A backup is taken first/);
    await look(browser, '81-retention-confirm', assert);
    await press(browser, 'Cancel');
    assert.equal(await confirm.isExisting(), false);

    await press(browser, 'Purge…');
    const purge = await browser.$('//div[@role="group"]//button[starts-with(normalize-space(), "Purge ")]');
    await purge.waitForClickable({ timeout: 10000 });
    await purge.click();
    const done = await browser.$('//p[starts-with(normalize-space(), "Removed ")]');
    await done.waitForExist({ timeout: 30000 });
    assert.match(await done.getText(), /^Removed 35 records\. The backup taken first, secretariat-\d{8}-\d{6}(-\d+)?\.db, still holds them\./);
    await browser.waitUntil(async () => /Nothing due/.test(await row('Ballots and counts')), { timeout: 10000 });
    await look(browser, '82-retention-purged', assert);
  } finally {
    await driver.close(browser);
  }
});
