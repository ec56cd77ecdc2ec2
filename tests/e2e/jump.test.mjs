// Ctrl/Cmd+K in the real window (UI.md, issue #18): jump to a person, a meeting, an election
// or a sub-group by name with the keyboard alone; and a meeting's attendance is one button
// away at the top of its page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFirstGroup, freshDataDir, heading, look, press, startDriver } from './harness.mjs';

const DEMO = 'Demo — Interoperability for Policing WG (fictional)';
// WebDriver's code for the Control key.
const CONTROL = '\uE009';
let driver;

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir(), SECRETARIAT_TODAY: '2026-11-27' });
});

after(() => driver?.stop());

/** Ctrl+K, the words, then Enter: all keys, no clicks. */
async function jump(browser, words) {
  await browser.action('key').down(CONTROL).down('k').up('k').up(CONTROL).perform();
  const box = await browser.$('#jump-input');
  await box.waitForExist({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === 'jump-input', { timeout: 5000, timeoutMsg: 'the jump box has the focus' });
  // Element Send Keys: typed as keys (browser.keys drops a repeated letter, "supplier" → "suplier").
  await box.addValue(words);
  try {
    await browser.waitUntil(async () => (await browser.$$('#jump-list [role="option"]')).length > 0, { timeout: 10000 });
  } catch {
    const seen = await browser.execute(() => ({ value: document.getElementById('jump-input')?.value, dialog: document.querySelector('.jump')?.textContent }));
    throw new Error(`nothing matches ${words}: ${JSON.stringify(seen)}`);
  }
}

/** Moves down the list to the first option that starts with `kind` and contains `text`, then Enter. */
async function choose(browser, kind, text = '') {
  const options = await browser.$$('#jump-list [role="option"]');
  const texts = [];
  for (const o of options) texts.push((await o.getText()).replace(/\s+/g, ' '));
  const index = texts.findIndex((t) => t.startsWith(kind) && t.includes(text));
  assert.ok(index >= 0, `no ${kind} ${text} among: ${texts.join(' | ')}`);
  for (let i = 0; i < index; i++) await browser.keys(['ArrowDown']);
  await browser.keys(['Enter']);
}

test('Ctrl+K jumps to records by name, keyboard only; attendance is a button away on a meeting', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);
    await press(browser, 'Load demo data');
    await heading(browser, DEMO);

    await jump(browser, 'ines');
    await look(browser, '85-jump-to', assert);
    await browser.keys(['Enter']);
    await heading(browser, 'Ines Duarte');

    await jump(browser, 'supplier');
    await choose(browser, 'Election', 'November 2026');
    await heading(browser, 'Election to a supplier seat — November 2026');

    await jump(browser, 'standards');
    await choose(browser, 'Sub-group');
    await heading(browser, 'Data Standards sub-group');

    // Esc closes it and nothing moves.
    await browser.action('key').down(CONTROL).down('k').up('k').up(CONTROL).perform();
    await (await browser.$('#jump-input')).waitForExist({ timeout: 10000 });
    await browser.keys(['Escape']);
    await (await browser.$('#jump-input')).waitForExist({ reverse: true, timeout: 5000 });

    // A meeting: attendance from the top of the page.
    await jump(browser, 'nov');
    await choose(browser, 'Meeting', 'Nov 2026');
    await (await browser.$('//button[starts-with(normalize-space(), "Take attendance")]')).waitForExist({ timeout: 10000 });
    await (await browser.$('//button[starts-with(normalize-space(), "Take attendance")]')).click();
    await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === 'record-tab-attendance', { timeout: 5000, timeoutMsg: 'the attendance tab has the focus' });
    const box = await browser.execute(() => {
      const r = document.getElementById('record-tab-attendance').getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: innerHeight };
    });
    assert.ok(box.top >= 0 && box.bottom <= box.height, JSON.stringify(box));
    await look(browser, '86-take-attendance', assert);
  } finally {
    await driver.close(browser);
  }
});
