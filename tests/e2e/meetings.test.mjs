// Meetings in the real window: create a meeting, add two items with papers, build the
// agenda pack and see it kept with the meeting (ToR §19–§20).
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
  const saved = await browser.$('p.saved');
  await saved.waitUntil(async () => (await saved.getText()) === 'The item was added.', { timeout: 10000 });
}

async function attach(browser, item, file) {
  const input = await browser.$(`input[type=file][data-item="${item}"]`);
  await input.setValue(file);
  const saved = await browser.$('p.saved');
  await saved.waitUntil(async () => (await saved.getText()) === `The paper was added to “${item}”.`, { timeout: 20000 });
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
    await attach(browser, 'Data standards roadmap', papers.membership);
    await attach(browser, 'Supplier survey results', papers.agenda);
    await look(browser, '21-agenda', assert);

    const rows = await browser.$$('table.agenda tbody tr');
    assert.equal(rows.length, 7, 'five standard items and two of our own');
    assert.match(await rows[1].getText(), /Declarations of interest/);
    assert.match(await rows[4].getText(), /Data standards roadmap/);
    assert.match(await rows[4].getText(), /Membership report v1/);

    await press(browser, 'Build pack');
    const built = await browser.$('section.pack p.hint');
    await built.waitUntil(async () => /Last built .*: \d+ pages\./.test(await built.getText()), { timeout: 30000 });
    await look(browser, '22-pack-built', assert);
  } finally {
    await driver.close(browser);
  }
});
