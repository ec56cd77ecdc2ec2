// Meetings in the real window: create a meeting, add two items with papers, build the
// agenda pack and see it kept with the meeting (ToR §19–§20); a paper's title is asked for at
// attach, offered from the PDF's own, and can be changed (issue #18).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { APP, createFirstGroup, freshDataDir, goTo, heading, look, press, startDriver } from './harness.mjs';

let driver;
const papers = {};

before(async () => {
  // Real PDFs for papers, made by the app's own command line in a scratch folder.
  const scratch = freshDataDir();
  const env = { ...process.env, SECRETARIAT_PASSPHRASE: 'scratch passphrase 123' };
  execFileSync(APP, ['--data-dir', scratch, 'demo'], { env });
  papers.membership = path.join(scratch, 'Membership report.pdf');
  execFileSync(APP, ['--data-dir', scratch, 'membership', '-o', papers.membership], { env });
  const meetings = JSON.parse(execFileSync(APP, ['--data-dir', scratch, 'meeting', 'list', '--json'], { env, encoding: 'utf8' }));
  papers.agenda = path.join(scratch, 'Previous agenda.pdf');
  execFileSync(APP, ['--data-dir', scratch, 'agenda', String(meetings[0].meeting.id), '-o', papers.agenda], { env });
  driver = await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir() });
});

after(() => driver?.stop());

async function addItem(browser, title) {
  await press(browser, 'Add item…');
  await (await browser.$('#item-title')).setValue(title);
  await press(browser, 'Save');
  const saved = await browser.$('.action-message.saved');
  await saved.waitUntil(async () => (await saved.getText()) === 'The item was added.', { timeout: 10000 });
}

/**
 * Attaches `file` to `item`: the window checks it and asks for its title, offering the
 * PDF's own (issue #18); `title`, when given, is typed over the offer. Returns the offer.
 */
async function attach(browser, item, file, { title, shot } = {}) {
  const input = await browser.$(`input[type=file][data-item="${item}"]`);
  await input.setValue(file);
  const field = await browser.$('form.paper-title input');
  await field.waitForExist({ timeout: 20000 });
  const offered = await field.getValue();
  const hint = await (await browser.$('form.paper-title .hint')).getText();
  if (shot) await look(browser, shot, assert);
  if (title !== undefined) {
    await field.clearValue();
    await field.setValue(title);
  }
  await press(browser, 'Attach');
  const saved = await browser.$('.action-message.saved');
  const named = title ?? offered;
  await saved.waitUntil(async () => (await saved.getText()) === `“${named}” was added to “${item}”.`, { timeout: 20000 });
  return { offered, hint };
}

test('a meeting with two items and their papers makes an agenda pack', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    await goTo(browser, 'Meetings');
    await heading(browser, 'Meetings');
    await press(browser, 'Add a meeting…');
    await look(browser, '20-add-meeting', assert);
    await (await browser.$('#meeting-title')).setValue('December working group meeting');
    await press(browser, 'Save');
    await heading(browser, 'December working group meeting');
    const deadline = await browser.$('p.deadline');
    assert.match(await deadline.getText(), /Agenda pack: Due .* \(in \d+ days\)/);

    await addItem(browser, 'Data standards roadmap');
    await addItem(browser, 'Supplier survey results');
    // The attach step asks for a title, offering the PDF's own: the file is called
    // "Membership report.pdf", the PDF is titled "Membership and composition — …".
    const membership = await attach(browser, 'Data standards roadmap', papers.membership, { shot: '20b-paper-title' });
    assert.match(membership.offered, /^Membership and composition — /);
    assert.match(membership.hint, /The PDF’s own title · Membership report\.pdf, \d+ pages?/);
    await attach(browser, 'Supplier survey results', papers.agenda, { title: 'Survey of suppliers: summary' });
    await look(browser, '21-agenda', assert);

    let rows = await browser.$$('table.agenda tbody tr');
    assert.equal(rows.length, 7, 'five standard items and two of our own');
    assert.match(await rows[1].getText(), /Declarations of interest/);
    assert.match(await rows[4].getText(), /Data standards roadmap/);
    assert.match(await rows[4].getText(), /Membership and composition — .* v1/);
    assert.match(await rows[5].getText(), /Survey of suppliers: summary v1/);

    // The title can be changed later; the agenda then shows the new one.
    await press(browser, `Rename… ${membership.offered}`);
    const rename = await browser.$('form.paper-title input');
    await rename.waitForExist({ timeout: 10000 });
    await rename.clearValue();
    await rename.setValue('Membership at the end of the quarter');
    await look(browser, '21b-rename-paper', assert);
    await press(browser, 'Save title');
    const renamed = await browser.$('.action-message.saved');
    await renamed.waitUntil(async () => (await renamed.getText()) === 'The paper is now called “Membership at the end of the quarter”.', { timeout: 10000 });
    rows = await browser.$$('table.agenda tbody tr');
    assert.match(await rows[4].getText(), /Membership at the end of the quarter v1/);

    await press(browser, 'Build pack');
    const built = await browser.$('section.pack p.hint');
    await built.waitUntil(async () => /Last built .*: \d+ pages\./.test(await built.getText()), { timeout: 30000 });
    await look(browser, '22-pack-built', assert);

    // The Documents screen is the group's record: the pack is listed, kept as built.
    await goTo(browser, 'Documents');
    await heading(browser, 'Documents');
    const row = await browser.$('//table[contains(@class,"record")]//tr[.//th[contains(normalize-space(),"Agenda pack — December working group meeting")]]');
    await row.waitForExist({ timeout: 10000 });
    assert.match(await row.getText(), /Not yet published · \d+ pages, built/);
    assert.match(await row.getText(), /Kept as it went out/);
    assert.ok(await (await browser.$('//button[normalize-space()="Open as kept: Agenda pack — December working group meeting"]')).isExisting());
    await look(browser, '23-documents-record', assert);
  } finally {
    await driver.close(browser);
  }
});
