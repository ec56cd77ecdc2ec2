// Drives the real Secretariat window: tauri-driver in front of WebKitWebDriver,
// WebdriverIO as the client. Each test gets a fresh data folder; screenshots of
// every screen land in tests/e2e/screenshots/ to be looked at, and axe-core runs
// over every screen (serious and critical violations fail the test).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = path.join(here, 'screenshots');

export const APP = process.env.SECRETARIAT_BIN;
if (!APP) throw new Error('set SECRETARIAT_BIN to the built app (scripts/test does)');

export function freshDataDir() {
  return mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-'));
}

/** A port no one listens on now, chosen by the OS (so two runs on one machine never collide). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, ms = 20000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/**
 * This test process's mark, in the environment of every copy of the app it starts (through
 * tauri-driver and WebKitWebDriver, which pass their environment on). Only copies carrying it
 * are ended: another run on the same machine, or the person's own window, is left alone.
 */
const RUN_MARK = `SECRETARIAT_E2E_RUN=${process.pid}-${randomUUID()}`;

/** The process ids of the copies of the app this test process started (Linux: /proc). */
export function ownCopies() {
  const app = realpathSync(APP);
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`) !== app) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(RUN_MARK)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Ends the copies of the app this test process started: WebKitGTK can leave one running after the WebDriver session closes. */
function killApp() {
  for (const pid of ownCopies()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Starts tauri-driver (in its own process group, on ports free now) with the app's environment. */
export async function startDriver(env) {
  killApp();
  const port = await freePort();
  const nativePort = await freePort();
  const [markName, markValue] = RUN_MARK.split('=');
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...env, NO_AT_BRIDGE: '1', [markName]: markValue },
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForPort(port);
  return {
    port,
    async open() {
      const browser = await remote({
        hostname: '127.0.0.1',
        port,
        logLevel: 'warn',
        capabilities: {
          browserName: 'wry',
          'tauri:options': { application: APP },
          // Classic WebDriver only: WebKitWebDriver does not speak WebDriver BiDi.
          'wdio:enforceWebDriverClassic': true,
        },
      });
      return browser;
    },
    async close(browser) {
      if (browser) await browser.deleteSession().catch(() => {});
      killApp();
    },
    stop() {
      killApp();
      try {
        process.kill(-driver.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** Waits for the page to paint, so a screenshot shows what the DOM says. */
export async function settled(browser) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

export async function screenshot(browser, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await settled(browser);
  capture(path.join(SCREENSHOTS, `${name}.png`));
}

/**
 * Saves what the X display shows (ImageMagick's `import`). WebKitWebDriver's own screenshot
 * draws through WebKit's accelerated compositing, which the app turns off (ARCHITECTURE,
 * "Start-up"), and never answers without it; the display shows the real window either way.
 */
export function capture(file) {
  execFileSync('import', ['-window', 'root', file], { stdio: 'ignore' });
}

/** Runs axe-core in the real window; returns the serious and critical violations. */
export async function seriousViolations(browser) {
  const loaded = await browser.execute(() => typeof window.axe !== 'undefined');
  if (!loaded) await browser.execute(AXE_SOURCE);
  const violations = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)))
      .catch((e) => done([`axe failed: ${e}`]));
  });
  return violations;
}

/** Screenshot and accessibility check of the screen as it is now. */
export async function look(browser, name, assert) {
  await screenshot(browser, name);
  const violations = await seriousViolations(browser);
  writeFileSync(path.join(SCREENSHOTS, `${name}.axe.txt`), violations.join('\n') + '\n');
  assert.deepEqual(violations, [], `accessibility of ${name}`);
}

/** Waits until the page's h1 reads `text`. */
export async function heading(browser, text) {
  const h1 = await browser.$('h1');
  await h1.waitUntil(async () => (await h1.getText()) === text, { timeout: 20000, timeoutMsg: `no heading "${text}"` });
}

/** Clicks a section in the sidebar. */
export async function goTo(browser, section) {
  await (await browser.$(`//nav//button[normalize-space()="${section}"]`)).click();
}

/** Sets a date input the way typing would (WebKit's date field takes no keys through WebDriver). */
export async function setDate(browser, selector, value) {
  await browser.execute(
    (sel, v) => {
      const input = document.querySelector(sel);
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    selector,
    value,
  );
}

/** Clicks the button whose text is exactly `text`. */
export async function press(browser, text) {
  const button = await browser.$(`//button[normalize-space()="${text}"]`);
  await button.waitForExist({ timeout: 10000 });
  // WebKit reports an element outside the viewport as not clickable: bring it into view first.
  await button.scrollIntoView({ block: 'center' });
  await button.waitForClickable({ timeout: 10000 });
  await button.click();
}

/** Creates the database and the group from the template on a first start. */
export async function createFirstGroup(browser, passphrase = 'correct horse battery staple') {
  await heading(browser, 'Create a working group');
  await (await browser.$('#recovery_passphrase')).setValue(passphrase);
  await (await browser.$('#recovery_passphrase_confirm')).setValue(passphrase);
  await (await browser.$('button[type=submit]')).click();
  await heading(browser, 'Interoperability for Policing Working Group');
}
