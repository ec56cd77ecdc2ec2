// A second start while the window is open (issue #8): the second window process hands
// over to the first and exits, leaving one window with its data; a second program on the
// same data folder (the command line) is refused by the folder's lock, told which process
// has it, and changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { APP, createFirstGroup, freshDataDir, heading, startDriver } from './harness.mjs';

let driver;
const dataDir = freshDataDir();

before(async () => {
  driver = await startDriver({ SECRETARIAT_DATA_DIR: dataDir });
});

after(() => driver?.stop());

test('a second start hands over to the open window, and a second program is refused by the lock', async () => {
  const browser = await driver.open();
  try {
    await createFirstGroup(browser);

    // The window again, as a person double-clicking the icon would start it.
    const second = spawn(APP, [], { env: { ...process.env, SECRETARIAT_DATA_DIR: dataDir }, stdio: 'ignore' });
    const code = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the second window process did not exit')), 20000);
      second.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0, 'the second start exits once it has handed over');
    // The first window is still there and still answers.
    await heading(browser, 'Interoperability for Policing Working Group');
    assert.equal((await browser.getWindowHandles()).length, 1, 'one window');

    // The command line on the same folder: refused, naming the window's process.
    const status = spawnSync(APP, ['--data-dir', dataDir, 'status'], {
      env: { ...process.env, SECRETARIAT_PASSPHRASE: 'correct horse battery staple' },
      encoding: 'utf8',
    });
    assert.notEqual(status.status, 0);
    assert.match(status.stderr + status.stdout, /Secretariat is already open on the data folder .* in another window or program \(process \d+\)\. Close it there, then try again/);
    await heading(browser, 'Interoperability for Policing Working Group');
  } finally {
    await driver.close(browser);
  }
});
