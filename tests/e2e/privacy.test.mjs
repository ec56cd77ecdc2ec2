// Privacy in the real window (UK GDPR Art. 17): on the demo group, the standing invitee is
// erased from her Person screen. The confirmation lists Rust's dry run and says the backups
// still hold her data; a reason is required; afterwards she shows as erased, and the
// register no longer has her name.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFirstGroup, freshDataDir, goTo, heading, look, press, startDriver } from './harness.mjs';

let driver;

after(() => driver?.stop());

test('the demo invitee is erased through the confirmation, which lists what goes and names the backups', async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir(), SECRETARIAT_TODAY: '2026-11-27' });
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    await press(browser, 'Load demo data');
    await heading(browser, 'Demo — Interoperability for Policing WG (fictional)');
    await goTo(browser, 'Members');
    await (await browser.$('#tab-people')).click();
    await press(browser, 'Chief Inspector Ruth Adebayo');
    await heading(browser, 'Chief Inspector Ruth Adebayo');
    await look(browser, '70-person', assert);

    await press(browser, 'Erase…');
    const dialog = await browser.$('//section[@aria-labelledby="erase-heading"]');
    await dialog.waitUntil(async () => /Erase Chief Inspector Ruth Adebayo\?/.test(await dialog.getText()), { timeout: 20000, timeoutMsg: 'no dry run in the dialog' });
    const text = await dialog.getText();
    assert.match(text, /This cannot be undone in Secretariat \(UK GDPR Art\. 17\)/);
    assert.match(text, /Standing invitations \(ToR §12\): 1/);
    assert.match(text, /Attendance records \(ToR §17\)/);
    assert.match(text, /still hold\s+Chief Inspector Ruth Adebayo's data until rotation removes them/);
    await look(browser, '71-erase-confirm', assert);

    // Without a reason nothing happens.
    await press(browser, 'Erase Chief Inspector Ruth Adebayo');
    const error = await browser.$('#erase-reason-error');
    await error.waitForDisplayed({ timeout: 10000 });
    await (await browser.$('#erase-reason')).setValue('Request by email of 20 Nov 2026');
    await press(browser, 'Erase Chief Inspector Ruth Adebayo');

    const erased = await browser.$('h1');
    await erased.waitUntil(async () => /^Erased person \d+$/.test(await erased.getText()), { timeout: 30000, timeoutMsg: 'not shown as erased' });
    const note = await browser.$('p.erased');
    assert.match(await note.getText(), /Erased on Fri 27 Nov 2026 \(UK GDPR Art\. 17\)/);
    const status = await browser.$('p.saved');
    assert.match(await status.getText(), /The backup taken first \(.+\) and older backups still hold the earlier data/);
    assert.equal(await (await browser.$('//button[normalize-space()="Erase…"]')).isExisting(), false);
    await look(browser, '72-erased', assert);

    // The register no longer has her name.
    await press(browser, '← Members');
    await (await browser.$('#tab-people')).click();
    const people = await browser.$('main');
    await people.waitUntil(async () => /Erased person/.test(await people.getText()), { timeout: 10000 });
    assert.doesNotMatch(await people.getText(), /Ruth Adebayo/);
    await look(browser, '73-people-after-erasure', assert);
  } finally {
    await driver.close(browser);
  }
});
