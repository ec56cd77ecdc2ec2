// Attendance and the strike policy in the real window (ToR §17): attendance recorded for
// three compulsory meetings, with apologies from one member at two of them, raises the
// §17 decision; the Chair, Vice-Chair and programme manager's decision is recorded.
// Then minutes with a private session that needs the Chair's agreement (ToR §21).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFirstGroup, freshDataDir, goTo, heading, look, press, startDriver } from './harness.mjs';

let driver;
const DEMO = 'Demo — Interoperability for Policing WG (fictional)';

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir(), SECRETARIAT_TODAY: '2026-11-27' });
});

after(() => driver?.stop());

/** Waits for a confirmation matching `pattern`, reading the page afresh each time. */
async function saved(browser, pattern) {
  const messages = () => browser.execute(() => [...document.querySelectorAll('p.saved, [role="alert"]')].map((p) => p.textContent.trim()));
  await browser.waitUntil(async () => (await messages()).some((text) => pattern.test(text)), {
    timeout: 20000,
    timeoutMsg: `no message matching ${pattern}`,
  });
}

async function openMeeting(browser, when) {
  await goTo(browser, 'Meetings');
  await heading(browser, 'Meetings');
  await press(browser, when);
  await (await browser.$('#record-heading')).waitForExist({ timeout: 20000 });
}

async function markAttendance(browser, when, name, presence) {
  await openMeeting(browser, when);
  const select = await browser.$(`select[aria-label="Attendance of ${name}"]`);
  await select.waitForExist({ timeout: 10000 });
  await select.selectByVisibleText(presence);
  await press(browser, 'Save attendance');
  await saved(browser, /^Attendance saved\.$/);
}

test('two apologies at compulsory meetings ask for the ToR §17 decision', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    await press(browser, 'Load demo data');
    await heading(browser, DEMO);

    await markAttendance(browser, 'Tue 10 Mar 2026, 14:00–16:00', 'Tomasz Nowak', 'Apologies');
    await look(browser, '60-meeting-attendance', assert);
    await markAttendance(browser, 'Tue 14 Apr 2026, 14:00–16:00', 'Tomasz Nowak', 'Apologies');
    await markAttendance(browser, 'Tue 12 May 2026, 14:00–16:00', 'Tomasz Nowak', 'Present');

    await press(browser, 'Attendance for 2026…');
    await heading(browser, 'Attendance 2026');
    const needs = await browser.$('//div[contains(@class, "needs")][contains(., "Tomasz Nowak")]');
    await needs.waitForExist({ timeout: 10000 });
    assert.match(await needs.getText(), /Tomasz Nowak has 2 strikes in 2026 \(ToR §17\)/);
    await look(browser, '61-attendance-year', assert);

    await goTo(browser, 'Home');
    await heading(browser, DEMO);
    const finding = await browser.$('//li[contains(., "Tomasz Nowak has not been present at 2 compulsory meetings in 2026")]');
    await finding.waitForExist({ timeout: 10000 });

    await goTo(browser, 'Meetings');
    await heading(browser, 'Meetings');
    await press(browser, 'Tue 12 May 2026, 14:00–16:00');
    await press(browser, 'Attendance for 2026…');
    await heading(browser, 'Attendance 2026');
    await press(browser, 'Record the decision for Tomasz Nowak…');
    await (await browser.$('#strike-reason')).setValue('Both absences were for a family emergency; he stays.');
    await (await browser.$('#strike-decided_by')).setValue('Gareth Llewellyn (Chair), Tomasz Nowak recused; Rajesh Kumar; programme manager');
    await look(browser, '62-strike-decision', assert);
    await press(browser, 'Record the decision');
    await saved(browser, /Tomasz Nowak was retained/);
    assert.equal(await (await browser.$('//div[contains(@class, "needs")][contains(., "Tomasz Nowak")]')).isExisting(), false);

    // The decision register, the demo's position waiting for volunteers, and the action log.
    await goTo(browser, 'Decisions');
    await heading(browser, 'Decisions');
    const gate = await browser.$('p.gate');
    await gate.waitForExist({ timeout: 10000 });
    assert.match(await gate.getText(), /2 more members must volunteer before an outline is developed \(ToR §23\)/);
    await look(browser, '64-decisions', assert);
  } finally {
    await driver.close(browser);
  }
});

test('a private session needs the Chair\'s agreement and is not minuted (ToR §21)', async () => {
  const browser = await driver.open();
  try {
    await (await browser.$('#group-switcher')).waitForExist({ timeout: 20000 });
    await (await browser.$('#group-switcher')).selectByVisibleText(DEMO);
    await heading(browser, DEMO);
    await openMeeting(browser, 'Tue 10 Nov 2026, 14:00–16:00');
    await press(browser, 'Minutes');
    const button = await browser.$('//button[starts-with(normalize-space(), "Held in private…")]');
    await button.waitForExist({ timeout: 10000 });
    await button.scrollIntoView({ block: 'center' });
    await button.click();
    await (await browser.$('#private-requested_by')).setValue('Amara Okafor');
    await press(browser, 'Record the private session');
    const refusal = await browser.$('.private-form .field-error');
    await refusal.waitForExist({ timeout: 10000 });
    assert.match(await refusal.getText(), /Chair's agreement.*ToR §21/);
    await look(browser, '63-private-session-refused', assert);
  } finally {
    await driver.close(browser);
  }
});
