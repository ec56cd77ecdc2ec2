// The membership register in the real window: add organisations and people, fill
// supplier seats, and watch the ToR §13 breach change and clear on Home.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFirstGroup, freshDataDir, goTo, heading, look, press, startDriver } from './harness.mjs';

let driver;

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir() });
});

after(() => driver?.stop());

async function addOrganisation(browser, name, sme) {
  await press(browser, 'Add organisation…');
  await (await browser.$('#org-name')).setValue(name);
  if (sme) await (await browser.$('#org-sme')).click();
  await press(browser, 'Save');
  const saved = await browser.$('p.saved');
  await saved.waitUntil(async () => (await saved.getText()) === `${name} was saved.`, { timeout: 10000 });
}

async function addPerson(browser, name, organisation) {
  await press(browser, 'Add person…');
  await (await browser.$('#person-name')).setValue(name);
  await (await browser.$('#person-manager_status')).selectByVisibleText('Yes');
  await (await browser.$('#person-organisation_id')).selectByVisibleText(organisation);
  await press(browser, 'Save');
  const saved = await browser.$('p.saved');
  await saved.waitUntil(async () => (await saved.getText()) === `${name} was added.`, { timeout: 10000 });
}

async function fillSeat(browser, seat, person) {
  await (await browser.$(`button[data-seat="${seat}"]`)).click();
  await (await browser.$('#fill-person_id')).selectByVisibleText(person);
  await press(browser, 'Fill seat');
  const saved = await browser.$('p.saved');
  await saved.waitUntil(async () => (await saved.getText()) === 'The seat is filled.', { timeout: 10000 });
}

async function smeFinding(browser) {
  await goTo(browser, 'Home');
  await (await browser.$('.summary')).waitForExist({ timeout: 10000 });
  const items = await browser.$$('ul.findings li');
  for (const item of items) {
    const text = await item.getText();
    if (text.includes('ToR §13 requires')) return text;
  }
  return null;
}

test('filling seats with SME members makes the ToR §13 breach appear and clear', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    assert.match(await smeFinding(browser), /None of the supplier members are from an SME/);

    await goTo(browser, 'Members');
    await heading(browser, 'Members');
    await (await browser.$('#tab-organisations')).click();
    await press(browser, 'Add organisation…');
    await look(browser, '10-add-organisation', assert);
    await press(browser, 'Cancel');
    await addOrganisation(browser, 'Brightwater Systems Ltd', false);
    await addOrganisation(browser, 'Kestrel Data Ltd', true);
    await addOrganisation(browser, 'Oakridge Analytics Ltd', true);
    await look(browser, '11-organisations', assert);

    // A duplicate is refused at its field, and nothing is added.
    await press(browser, 'Add organisation…');
    await (await browser.$('#org-name')).setValue('kestrel data ltd');
    await press(browser, 'Save');
    const error = await browser.$('#org-name-error');
    await error.waitForDisplayed({ timeout: 10000 });
    assert.match(await error.getText(), /already in the register/);
    await look(browser, '12-organisation-error', assert);
    await press(browser, 'Cancel');

    await (await browser.$('#tab-people')).click();
    await addPerson(browser, 'Alice Example', 'Brightwater Systems Ltd');
    await addPerson(browser, "Zoë Ó'Brien", 'Kestrel Data Ltd');
    await addPerson(browser, 'Tomasz Nowak', 'Oakridge Analytics Ltd');
    await look(browser, '13-people', assert);

    await (await browser.$('#tab-seats')).click();
    await fillSeat(browser, 'Supplier seat 1', 'Alice Example (Brightwater Systems Ltd)');
    await fillSeat(browser, 'Supplier seat 2', "Zoë Ó'Brien (Kestrel Data Ltd)");
    await look(browser, '14-seats', assert);

    assert.match(await smeFinding(browser), /Only 1 of the supplier members is from an SME/);
    await look(browser, '15-home-breach', assert);

    await goTo(browser, 'Members');
    await heading(browser, 'Members');
    await fillSeat(browser, 'Supplier seat 3', 'Tomasz Nowak (Oakridge Analytics Ltd)');
    assert.equal(await smeFinding(browser), null, 'the §13 breach has cleared');
    await look(browser, '16-home-cleared', assert);
  } finally {
    await driver.close(browser);
  }
});
