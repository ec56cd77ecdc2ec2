// The real window, end to end: first start, creating the group from the techUK
// template, 12 vacant seats, the demo, a restart that reopens with the keychain
// key, and the headless CLI reading what the window wrote.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APP, freshDataDir, goTo, heading, look, seriousViolations, startDriver } from './harness.mjs';

const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir });
});

after(() => driver?.stop());

test('the accessibility check finds a violation when there is one', async () => {
  // Proves the check below can fail: an unlabelled field must be reported.
  const browser = await driver.open();
  try {
    await heading(browser, 'Create a working group');
    await browser.execute(() => {
      const input = document.createElement('input');
      input.id = 'axe-canary';
      document.body.append(input);
    });
    const violations = await seriousViolations(browser);
    assert.ok(violations.some((v) => v.startsWith('label:')), violations.join('\n'));
  } finally {
    await driver.close(browser);
  }
});

test('creates the group from the techUK template and sees 12 vacant seats', async () => {
  const browser = await driver.open();
  try {
    await heading(browser, 'Create a working group');
    const template = await browser.$('#template');
    assert.equal(await template.getValue(), 'techuk-interop');
    await look(browser, '01-first-run', assert);

    await (await browser.$('#recovery_passphrase')).setValue('correct horse battery staple');
    await (await browser.$('#recovery_passphrase_confirm')).setValue('something else entirely');
    await (await browser.$('button[type=submit]')).click();
    const fieldError = await browser.$('#recovery_passphrase_confirm-error');
    await fieldError.waitForDisplayed({ timeout: 20000 });
    assert.match(await fieldError.getText(), /passphrases differ/);
    await look(browser, '02-first-run-error', assert);

    await (await browser.$('#recovery_passphrase_confirm')).setValue('correct horse battery staple');
    await (await browser.$('button[type=submit]')).click();
    await heading(browser, 'Interoperability for Policing Working Group');
    const vacant = await browser.$$('td.vacant');
    assert.equal(vacant.length, 12);
    const seatText = await (await browser.$('table')).getText();
    assert.match(seatText, /Interoperability Working Group SRO/);
    assert.match(seatText, /Supplier seat 8/);
    await look(browser, '03-home', assert);

    await goTo(browser, 'Settings');
    await heading(browser, 'Settings');
    // The rules in force come from their own request: wait for their table, not the first one.
    const rules = await browser.$('//table[caption[starts-with(normalize-space(), "Rules in force on")]]');
    await rules.waitForExist({ timeout: 20000 });
    assert.match(await rules.getText(), /ToR §13/);
    await look(browser, '04-settings', assert);

    await (await browser.$('//button[normalize-space()="Load demo data"]')).click();
    await heading(browser, 'Demo — Interoperability for Policing WG (fictional)');
    assert.equal((await browser.$$('td.vacant')).length, 0);
    await look(browser, '05-demo-home', assert);

    await goTo(browser, 'Members');
    await heading(browser, 'Members');
    await (await browser.$('#tab-people')).click();
    const people = await browser.$('//table[caption[starts-with(normalize-space(), "People")]]');
    await people.waitForExist({ timeout: 10000 });
    assert.match(await people.getText(), /Zoë Ó'Brien/);
    await look(browser, '06-members', assert);

    await goTo(browser, 'Meetings');
    await heading(browser, 'Meetings');
    await (await browser.$('tbody')).waitForExist({ timeout: 10000 });
    assert.equal((await browser.$$('tbody tr')).length, 15);
    await look(browser, '07-meetings', assert);

    await goTo(browser, 'Documents');
    await heading(browser, 'Documents');
    await look(browser, '09-documents', assert);

    // Approved minutes made from the record for the first time are kept as they went out
    // (issue #18): the row then opens as kept, with "make again" beside it. No viewer runs
    // here, so the row says so; the document was made and kept all the same.
    const make = await browser.$('//button[starts-with(normalize-space(), "Make from today’s records: Minutes — ")]');
    await make.waitForExist({ timeout: 10000 });
    const title = (await make.getProperty('textContent')).replace(/^Make from today’s records: /, '');
    await make.click();
    const said = await browser.$('.action-message');
    await said.waitForExist({ timeout: 20000 });
    const kept = await browser.$(`//button[normalize-space()="Open as kept: ${title}"]`);
    await kept.waitForExist({ timeout: 10000 });
    assert.ok(await (await browser.$(`//button[normalize-space()="Make again from today’s records: ${title}"]`)).isExisting());
    const row = await browser.$(`//table[contains(@class,"record")]//tr[.//th[contains(normalize-space(),"${title}")]]`);
    assert.match(await row.getText(), /kept as made on /);
    await look(browser, '09b-documents-kept', assert);
  } finally {
    await driver.close(browser);
  }
});

test('a restart opens straight into the groups with the key from the keychain', async () => {
  const browser = await driver.open();
  try {
    const switcher = await browser.$('#group-switcher');
    await switcher.waitForExist({ timeout: 20000 });
    const options = await browser.$$('#group-switcher option');
    assert.equal(options.length, 2);
    await look(browser, '08-restart', assert);
  } finally {
    await driver.close(browser);
  }
});

test('the headless CLI reads what the window wrote, and the file on disk is encrypted', () => {
  const out = execFileSync(APP, ['--data-dir', dataDir, 'status', '--json'], { encoding: 'utf8' });
  const status = JSON.parse(out);
  assert.equal(status.encrypted, true);
  assert.deepEqual(
    status.groups.map((g) => [g.name, g.seats, g.vacant_seats]),
    [
      ['Demo — Interoperability for Policing WG (fictional)', 12, 0],
      ['Interoperability for Policing Working Group', 12, 12],
    ],
  );
  const header = readFileSync(path.join(dataDir, 'secretariat.db')).subarray(0, 16).toString('latin1');
  assert.notEqual(header, 'SQLite format 3\u0000');
});
