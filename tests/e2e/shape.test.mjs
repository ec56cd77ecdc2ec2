// Any group's shape in the real window (issue #14): a custom group created from the form with
// fifteen supplier seats, no strike policy and no SRO; Home lists the fifteen vacancies under ToR §12
// and never cites §11 or §17, Settings says the strike policy does not apply, and a member
// absent from three compulsory meetings raises no ToR §17 finding. The same absences in a
// group with the strike policy raise one (minutes.test.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP, freshDataDir, goTo, heading, look, press, setDate, startDriver } from './harness.mjs';

const TODAY = '2026-11-27';
const GROUP = 'Standards Working Group';
const MEETINGS = ['2026-03-10', '2026-04-14', '2026-05-12'];
const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir, SECRETARIAT_TODAY: TODAY });
});

after(() => driver?.stop());

function cli(...args) {
  return execFileSync(APP, ['--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, SECRETARIAT_TODAY: TODAY } });
}

/** Home's text, once it has loaded: its findings, its seat board and the rules it runs on. */
async function homeText(browser) {
  await goTo(browser, 'Home');
  await heading(browser, GROUP);
  await (await browser.$('.summary')).waitForExist({ timeout: 20000 });
  return (await browser.$('main')).getText();
}

/** The findings Home lists. */
async function findingsText(browser) {
  return browser.execute(() => [...document.querySelectorAll('ul.findings li')].map((li) => li.textContent).join('\n'));
}

test('a custom group with fifteen supplier seats and no strike policy', async () => {
  const browser = await driver.open();
  try {
    await heading(browser, 'Create a working group');
    await (await browser.$('#template')).selectByVisibleText('A custom group: choose its seats and rules');
    const supplier = await browser.$('#supplier');
    await supplier.waitForExist({ timeout: 10000 });
    assert.equal(await supplier.getValue(), '12');
    await supplier.setValue('15');
    await (await browser.$('#target_size')).setValue('15');
    const strike = await browser.$('#strike_policy');
    await strike.scrollIntoView({ block: 'center' });
    await strike.click();
    assert.equal(await strike.isSelected(), false);
    assert.equal(await (await browser.$('#strike_absences')).isExisting(), false, 'its number goes with the rule');
    // Its Terms of Reference name no Senior Responsible Officer either (ToR §8).
    const sro = await browser.$('#sro');
    await sro.scrollIntoView({ block: 'center' });
    await sro.click();
    assert.equal(await sro.isSelected(), false);
    await (await browser.$('#name')).setValue(GROUP);
    await (await browser.$('#recovery_passphrase')).setValue('correct horse battery staple');
    await (await browser.$('#recovery_passphrase_confirm')).setValue('correct horse battery staple');
    await look(browser, '110-custom-group-form', assert);
    await (await browser.$('button[type=submit]')).click();

    await heading(browser, GROUP);
    await browser.waitUntil(async () => (await browser.$$('td.vacant')).length === 15, { timeout: 20000, timeoutMsg: 'fifteen vacant seats' });
    const home = await homeText(browser);
    assert.match(await findingsText(browser), /Supplier seat 15 is vacant \(ToR §12\)/);
    assert.doesNotMatch(await findingsText(browser), /ToR §17|ToR §11|ToR §8\b|Senior Responsible Officer/);
    assert.match(await findingsText(browser), /No Chair is appointed/, 'the roles it has are still asked for');
    assert.doesNotMatch(home, /ToR §17/, 'not even in the rules it runs on');
    await look(browser, '111-custom-group-home', assert);

    await goTo(browser, 'Settings');
    await heading(browser, 'Settings');
    const rules = await (await browser.$('main')).getText();
    assert.match(rules, /The strike policy on absences\s*does not apply/i);
    assert.match(rules, /Attendance kept after the end of its year\s*2 full years\s*Group setting/);
    await browser.waitUntil(async () => /Due for purging/.test(await (await browser.$('main')).getText()), { timeout: 20000, timeoutMsg: 'the retention schedule' });
    assert.doesNotMatch(await (await browser.$('main')).getText(), /ToR §17 needs the current year|every ToR §17 decision/, 'the retention schedule cites no strike policy either');
    await look(browser, '112-custom-group-settings', assert);
  } finally {
    await driver.close(browser);
  }
});

test('the CLI exports the custom group as a rules file, and adds its register and meetings', () => {
  const file = cli('rules', 'export');
  assert.match(file, /supplier = 15/);
  assert.match(file, /strike_policy = false/);

  const dir = mkdtempSync(join(tmpdir(), 'secretariat-shape-'));
  writeFileSync(join(dir, 'organisations.csv'), 'name,techuk_status,applied_on,sme,sme_confirmed_on,sector\nHarbour Data Ltd,member,,yes,2026-01-05,\n');
  writeFileSync(join(dir, 'people.csv'), 'name,email,job_title,manager_status,organisation,employed_since\nFreya Lindqvist,freya@example.org,Head of Data,yes,Harbour Data Ltd,2025-06-01\n');
  cli('import', 'organisations', join(dir, 'organisations.csv'));
  cli('import', 'people', join(dir, 'people.csv'));
  for (const date of MEETINGS) cli('meeting', 'add', '--date', date);
});

test('a member absent from three compulsory meetings raises no ToR §17 finding where the ToR has no strike policy', async () => {
  const browser = await driver.open();
  try {
    await heading(browser, GROUP);
    await goTo(browser, 'Members');
    await heading(browser, 'Members');
    await (await browser.$('button[data-seat="Supplier seat 1"]')).click();
    await (await browser.$('#fill-person_id')).selectByVisibleText('Freya Lindqvist (Harbour Data Ltd)');
    await setDate(browser, '#fill-start', '2026-01-05');
    await press(browser, 'Fill seat');
    const saved = await browser.$('p.saved');
    await saved.waitUntil(async () => (await saved.getText()) === 'The seat is filled.', { timeout: 10000 });

    for (const [i, date] of MEETINGS.entries()) {
      await goTo(browser, 'Meetings');
      await heading(browser, 'Meetings');
      const day = new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
      await press(browser, `${day}, 14:00–16:00`);
      await (await browser.$('#record-heading')).waitForExist({ timeout: 20000 });
      const select = await browser.$('select[aria-label="Attendance of Freya Lindqvist"]');
      await select.waitForExist({ timeout: 10000 });
      await select.selectByVisibleText(i === 0 ? 'Apologies' : 'Absent');
      await press(browser, 'Save attendance');
      await browser.waitUntil(async () => (await browser.execute(() => [...document.querySelectorAll('p.saved')].some((p) => p.textContent.trim() === 'Attendance saved.'))), {
        timeout: 20000,
        timeoutMsg: 'attendance saved',
      });
    }

    const home = await homeText(browser);
    const findings = await findingsText(browser);
    assert.match(findings, /Supplier seat 2 is vacant/, 'the fourteen seats still vacant are listed');
    assert.doesNotMatch(findings, /Supplier seat 1 is vacant/);
    assert.doesNotMatch(home, /ToR §17|compulsory meetings in 2026/);
    await look(browser, '113-custom-group-absences', assert);
  } finally {
    await driver.close(browser);
  }
  // `check` exits 2 while there is a breach (here §13: one SME member of the two required).
  const check = spawnSync(APP, ['--data-dir', dataDir, 'check', '--json'], { encoding: 'utf8', env: { ...process.env, SECRETARIAT_TODAY: TODAY } }).stdout;
  assert.ok(JSON.parse(check) && !check.includes('§17') && !check.includes('"tor":17'), 'the CLI finds no §17 either');
});
