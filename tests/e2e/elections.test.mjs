// An election in the real window, from nominations to the declared result (ToR §12–§16):
// the demo's open election gets a third nomination (one refused first under ToR §14);
// three weeks later the vote is opened, papers numbered and issued, three returned papers
// entered, the papers reconciled, the votes counted by STV and the result declared.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { capture, createFirstGroup, freshDataDir, goTo, heading, look, press, SCREENSHOTS, startDriver } from './harness.mjs';

const dataDir = freshDataDir();
let driver;

after(() => driver?.stop());

/** Waits for a confirmation matching `pattern`; on failure says what the window shows instead. */
async function saved(browser, pattern) {
  // Read the page afresh each time: the message element is replaced as the screen updates.
  const messages = () => browser.execute(() => [...document.querySelectorAll('p.saved, [role="alert"]')].map((p) => p.textContent.trim()));
  try {
    await browser.waitUntil(async () => (await messages()).some((text) => pattern.test(text)), { timeout: 20000 });
  } catch {
    capture(path.join(SCREENSHOTS, 'failed-election.png'));
    throw new Error(`no message matching ${pattern}; the window shows: ${JSON.stringify(await messages())}`);
  }
}

async function openElection(browser, title) {
  await goTo(browser, 'Elections');
  await heading(browser, 'Elections');
  await press(browser, title);
  await heading(browser, title);
}

async function preference(browser, name, value) {
  const input = await browser.$(`//fieldset[@id="paper-choices"]//label[starts-with(normalize-space(), "${name}")]/preceding-sibling::input`);
  await input.setValue(value);
}

async function enterPaper(browser, serial, preferences) {
  await (await browser.$('#paper-serial')).setValue(serial);
  for (const [name, value] of Object.entries(preferences)) await preference(browser, name, value);
  await press(browser, 'Enter the paper');
  await saved(browser, new RegExp(`^Paper ${serial} entered`));
}

const TITLE = 'Election to a supplier seat — November 2026';

test('nominations are recorded, and an ineligible one refused at its field', async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir, SECRETARIAT_TODAY: '2026-11-27' });
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    await press(browser, 'Load demo data');
    await heading(browser, 'Demo — Interoperability for Policing WG (fictional)');
    const step = await browser.$(`//div[contains(@class, "next-meeting")][contains(., "${TITLE}")]`);
    assert.match(await step.getText(), /Nominations close on/);
    await goTo(browser, 'Elections');
    await heading(browser, 'Elections');
    await look(browser, '40-elections', assert);
    await press(browser, TITLE);
    await heading(browser, TITLE);
    await look(browser, '41-election-nominations', assert);

    await press(browser, 'Record a nomination…');
    await (await browser.$('#nomination-new_name')).setValue('Kofi Mensah');
    await (await browser.$('#nomination-new_email')).setValue('kofi.mensah@brightwater.example');
    await (await browser.$('#nomination-organisation_id')).selectByVisibleText('Brightwater Systems Ltd');
    await (await browser.$('#nomination-proposer')).setValue('Gareth Llewellyn');
    await press(browser, 'Record the nomination');
    const error = await browser.$('#nomination-organisation_id-error');
    await error.waitForDisplayed({ timeout: 10000 });
    assert.match(await error.getText(), /Priya Raman already represents Brightwater Systems Ltd.*ToR §14/);
    await look(browser, '42-nomination-refused', assert);
    // Nothing typed is lost: choose an eligible employer and record it.
    assert.equal(await (await browser.$('#nomination-new_name')).getValue(), 'Kofi Mensah');
    await (await browser.$('#nomination-organisation_id')).selectByVisibleText('Northgate Interop Ltd');
    await press(browser, 'Record the nomination');
    await saved(browser, /The nomination was recorded/);
    const rows = await browser.$$('//section[@aria-labelledby="nominations-heading"]//tbody/tr');
    assert.equal(rows.length, 3);
  } finally {
    await driver.close(browser);
    driver.stop();
  }
});

test('after nominations close, a contested vote is counted by STV and declared', async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir, SECRETARIAT_TODAY: '2026-12-12' });
  const browser = await driver.open();
  try {
    const switcher = await browser.$('#group-switcher');
    await switcher.waitForExist({ timeout: 20000 });
    await (await browser.$('#group-switcher')).selectByVisibleText('Demo — Interoperability for Policing WG (fictional)');
    await heading(browser, 'Demo — Interoperability for Policing WG (fictional)');
    await openElection(browser, TITLE);
    await (await browser.$('#election-method')).selectByVisibleText('Single transferable vote (Scottish rules, SSI 2007/42)');
    await press(browser, 'Save the method');
    await saved(browser, /The method was saved/);
    await press(browser, 'Open the vote');
    await saved(browser, /The vote is open/);

    await (await browser.$('#ballot-copies')).setValue('5');
    await press(browser, 'Number the papers');
    await saved(browser, /5 papers numbered/);
    await look(browser, '43-election-papers-numbered', assert);
    for (const name of ['Dr Helen Marsh', 'Rajesh Kumar', 'Tomasz Nowak']) {
      await press(browser, `Issue a paper to ${name}`);
      await (await browser.$(`//tr[th[normalize-space()="${name}"]]/td[normalize-space()="Issued"]`)).waitForExist({ timeout: 10000 });
    }
    await look(browser, '44-election-papers-issued', assert);

    await (await browser.$('#paper-entered_by')).setValue('Programme Manager');
    await enterPaper(browser, '1', { 'Ines Duarte': '1', "Zoë Ó'Brien": '2' });
    await enterPaper(browser, '2', { 'Ines Duarte': '1', 'Kofi Mensah': '2' });
    await enterPaper(browser, '3', { "Zoë Ó'Brien": '1' });
    // Papers 4 and 5 were never issued: the returning officer records them unused.
    await (await browser.$('#serials-text')).setValue('4-5');
    await press(browser, 'Record');
    await saved(browser, /2 papers recorded as unused/);
    const reconciled = await browser.$('//section[@aria-labelledby="count-heading"]//p[contains(@class, "saved")][normalize-space()="The papers reconcile."]');
    await reconciled.waitForExist({ timeout: 10000 });
    await look(browser, '45-election-papers-entered', assert);

    await press(browser, 'Count the votes');
    await saved(browser, /^Counted/);
    const stages = await browser.$('table.stages');
    assert.match(await stages.getText(), /Ines Duarte/);
    assert.match(await (await browser.$('#result-heading')).getText(), /The count/);
    const lede = await browser.$('//section[@aria-labelledby="result-heading"]/p');
    assert.match(await lede.getText(), /quota 2\.00000.*Elected: Ines Duarte/);
    await look(browser, '46-election-count', assert);

    await press(browser, 'Declare the result…');
    await press(browser, 'Declare');
    await saved(browser, /^Declared/);
    const declared = await browser.$('//p[contains(@class, "saved")][starts-with(normalize-space(), "Declared on")]');
    await declared.waitForExist({ timeout: 10000 });
    assert.match(await declared.getText(), /Ines Duarte/);
    await look(browser, '47-election-declared', assert);

    // The winner holds the seat from the declared date.
    await goTo(browser, 'Members');
    await heading(browser, 'Members');
    const seat = await browser.$('//tr[contains(., "Ines Duarte")]');
    await seat.waitForExist({ timeout: 10000 });
  } finally {
    await driver.close(browser);
  }
});
