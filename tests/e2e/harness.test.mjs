// The harness itself (issue #17): every run takes ports the OS says are free and ends only the
// copies of the app it started, so two runs on one machine (two worktrees, or CI beside a
// developer) never take each other's port or end each other's window.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { APP, freshDataDir, heading, ownCopies, startDriver } from './harness.mjs';

const drivers = [];
let foreign;

after(() => {
  for (const driver of drivers) driver.stop();
  if (foreign) {
    try {
      process.kill(-foreign.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** The app process a launcher started: the child of `parent` running APP. */
async function appUnder(parent, ms = 20000) {
  const app = realpathSync(APP);
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const parentPid = Number(readFileSync(`/proc/${entry}/stat`, 'latin1').split(') ')[1].split(' ')[1]);
        if (parentPid === parent && readlinkSync(`/proc/${entry}/exe`) === app) return Number(entry);
      } catch {
        // gone, or not ours to read
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the other copy of the app did not start');
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('two drivers at once listen on ports of their own, and closing a session ends only our own copy', async () => {
  // Someone else's window, on a D-Bus session of its own (as another run's would be).
  foreign = spawn('dbus-run-session', ['--', APP], {
    env: { ...process.env, SECRETARIAT_DATA_DIR: freshDataDir() },
    detached: true,
    stdio: 'ignore',
  });
  const other = await appUnder(foreign.pid);

  drivers.push(await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir() }));
  drivers.push(await startDriver({ SECRETARIAT_DATA_DIR: freshDataDir() }));
  assert.notEqual(drivers[0].port, drivers[1].port, 'each driver has its own port');

  const browser = await drivers[0].open();
  await heading(browser, 'Create a working group');
  assert.equal(ownCopies().length, 1, 'the harness knows the copy it started');
  assert.ok(!ownCopies().includes(other), 'and not the other one');
  await drivers[0].close(browser);

  assert.deepEqual(ownCopies(), [], 'our copy is ended');
  assert.ok(alive(other), 'the other copy of the app is left running');
});
