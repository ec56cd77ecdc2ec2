// Sub-groups in the real window (ToR §18): on the demo group, a new sub-group is created with
// a member as its lead, two experts are invited (a member of the group is refused as one,
// citing ToR §18), a report is requested, and the report-back is on the next meeting's agenda.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { APP, createFirstGroup, freshDataDir, goTo, heading, look, press, startDriver } from './harness.mjs';

let driver;
let reportPdf;

before(() => {
  // A real PDF for the sub-group's report, made by the app's own command line in a scratch folder.
  const scratch = freshDataDir();
  const env = { ...process.env, SECRETARIAT_PASSPHRASE: 'scratch passphrase 123' };
  execFileSync(APP, ['--data-dir', scratch, 'demo'], { env });
  reportPdf = path.join(scratch, 'Records data model.pdf');
  execFileSync(APP, ['--data-dir', scratch, 'roster', 'data standards', '-o', reportPdf], { env });
});

after(() => driver?.stop());

async function saved(browser, pattern) {
  const note = await browser.$('p.saved');
  await note.waitUntil(async () => pattern.test(await note.getText()), { timeout: 20000, timeoutMsg: `no message matching ${pattern}` });
}

async function invite(browser, name, email, organisation, expertise) {
  await press(browser, 'Invite someone…');
  await (await browser.$('#place-new_name')).setValue(name);
  await (await browser.$('#place-new_email')).setValue(email);
  await (await browser.$('#place-organisation_id')).selectByVisibleText('New organisation…');
  await (await browser.$('#place-new_organisation')).setValue(organisation);
  for (const label of expertise) await (await browser.$(`//fieldset[@id="place-expertise"]//label[normalize-space()="${label}"]`)).click();
}

test('a sub-group with a lead and two invited experts is asked for a report, which is on the next agenda', async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir(), SECRETARIAT_TODAY: '2026-11-27' });
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    await press(browser, 'Load demo data');
    await heading(browser, 'Demo — Interoperability for Policing WG (fictional)');
    // The demo's report-back due at the next meeting is on Home.
    const due = await browser.$('//div[contains(@class, "next-meeting")][contains(., "Report-back from the API and Integration sub-group")]');
    assert.match(await due.getText(), /is due at the meeting of Tue 8 Dec 2026/);
    await due.scrollIntoView({ block: 'center' });
    await look(browser, '50-home-report-back', assert);

    await goTo(browser, 'Sub-groups');
    await heading(browser, 'Sub-groups');
    await look(browser, '51-subgroups', assert);
    // The demo's Data Standards sub-group: created by a recorded decision, its report received with a paper.
    await press(browser, 'Data Standards sub-group');
    await heading(browser, 'Data Standards sub-group');
    const received = await browser.$('//table[caption[normalize-space()="Report-backs"]]//tbody/tr');
    assert.match(await received.getText(), /Custody data model.*Received.*Paper: Custody data model: draft for comment/s);
    await look(browser, '52-demo-subgroup', assert);
    await press(browser, '← Sub-groups');
    await heading(browser, 'Sub-groups');

    await press(browser, 'New sub-group…');
    await (await browser.$('#subgroup-name')).setValue('Records Management sub-group');
    await (await browser.$('#subgroup-remit')).setValue('Agree a common records data model for suppliers and forces.');
    await (await browser.$('#subgroup-lead_id')).selectByVisibleText('Priya Raman (Brightwater Systems Ltd)');
    await (await browser.$('#subgroup-meeting_id')).selectByVisibleText('Tue 10 Nov 2026 — Working group meeting — November 2026');
    await (await browser.$('#subgroup-created_by')).setValue('Minute 6.1');
    await look(browser, '53-subgroup-new', assert);
    await press(browser, 'Create the sub-group');
    await heading(browser, 'Records Management sub-group');
    const leadRow = await browser.$('//section[@aria-labelledby="members-heading"]//tr[th[normalize-space()="Priya Raman"]]');
    assert.match(await leadRow.getText(), /Lead/);

    // A member of the working group, typed in as an outsider, is found by her address and refused.
    await invite(browser, 'Priya Raman', 'priya.raman@brightwater.example', 'Brightwater Systems Ltd', ['Data']);
    await press(browser, 'Invite them');
    const refused = await browser.$('#place-new_email-error');
    await refused.waitForDisplayed({ timeout: 10000 });
    assert.match(await refused.getText(), /Priya Raman is a member of the working group.*invited individuals hold no seat \(ToR §18\)/);
    await look(browser, '54-invitee-refused', assert);
    await press(browser, 'Cancel');

    await invite(browser, 'Grace Okoye', 'grace.okoye@fenland.police.example', 'Fenland Constabulary', ['Data', 'Architecture']);
    await (await browser.$('#place-expertise_note')).setValue('records retention');
    await press(browser, 'Invite them');
    await saved(browser, /The invitation was recorded/);
    await invite(browser, 'Hamid Qureshi', 'hamid@portway.example', 'Portway Integration Ltd', ['API', 'Integration']);
    await press(browser, 'Invite them');
    await saved(browser, /The invitation was recorded/);
    const invited = await browser.$$('//section[@aria-labelledby="invitees-heading"]//tbody/tr');
    assert.equal(invited.length, 2);
    assert.match(await invited[0].getText(), /Grace Okoye.*Fenland Constabulary.*Data, Architecture — records retention/s);

    await press(browser, 'Request a report…');
    await (await browser.$('#request-topic')).setValue('Records data model');
    assert.equal(await (await browser.$('#request-due_meeting_id')).getValue(), await (await browser.$('//select[@id="request-due_meeting_id"]/option[contains(., "Tue 8 Dec 2026")]')).getAttribute('value'));
    await look(browser, '55-request-report', assert);
    await press(browser, 'Request the report');
    await saved(browser, /on the agenda of the meeting it is due at/);
    await browser.execute(() => window.scrollTo(0, 0));
    await look(browser, '56-subgroup', assert);
    await (await browser.$('#reports-heading')).scrollIntoView({ block: 'start' });
    await look(browser, '57-subgroup-report-backs', assert);

    // The report arrives with its paper (a PDF, checked as every paper is).
    await press(browser, 'Record the report… on Records data model');
    await (await browser.$('#report-report')).setValue('A first draft of the records data model, for comment.');
    await (await browser.$('#report-file')).setValue(reportPdf);
    await (await browser.$('#report-paper_title')).setValue('Records data model: first draft');
    await press(browser, 'Record the report');
    await saved(browser, /The report was recorded/);
    const row = await browser.$('//table[caption[normalize-space()="Report-backs"]]//tbody/tr');
    assert.match(await row.getText(), /Received Fri 27 Nov 2026.*Paper: Records data model: first draft/s);

    // The due date opens the meeting: the report-back is an item on its agenda, presented by the
    // lead, with the paper under it — so it goes into the pack.
    await press(browser, 'Tue 8 Dec 2026');
    await heading(browser, 'Working group meeting — December 2026');
    const item = await browser.$('//tr[contains(normalize-space(), "Report-back: Records Management sub-group — Records data model")]');
    await item.waitForExist({ timeout: 10000 });
    assert.match(await item.getText(), /Priya Raman/);
    assert.match(await item.getText(), /Records data model: first draft/);
    await item.scrollIntoView({ block: 'center' });
    await look(browser, '58-agenda-with-report-back', assert);
  } finally {
    await driver.close(browser);
  }
});
