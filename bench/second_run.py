#!/usr/bin/env python3
"""How long a second `scripts/run` with nothing changed takes to show the window (issue #17).

Run inside `scripts/with-test-keyring xvfb-run -a -s "-screen 0 1280x800x24"`, after one
`scripts/run` has built everything:

    bench/second_run.py [--runs 3]

Each run times, on this script's clock, from just before it starts `scripts/run --data-dir DIR`
(setup's checks, scripts/ui-build, `cargo build --release` finding nothing to do, then the app)
to the moment the app's start-up mark appears: Home painted with the demo group and its findings
(SECRETARIAT_STARTUP_MARK; see src-tauri/src/commands/measure.rs). The data folder is made once
with `secretariat demo`, its key in the (throwaway) keychain, so the window opens as on a desk.
It then says how long the build steps alone took (scripts/run's output before the app starts),
and fails if any start took 15 s or more.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 15.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="secretariat-second-run-"))
    try:
        data = work / "data"
        env = dict(os.environ, SECRETARIAT_TODAY="2026-11-27")
        env.pop("SECRETARIAT_PASSPHRASE", None)
        # The demo group, its key in the keychain (init with a passphrase stores it there).
        subprocess.run([ROOT / "scripts/run", "--data-dir", data, "demo"], env=dict(env, SECRETARIAT_PASSPHRASE="second run passphrase"), check=True, stdout=subprocess.DEVNULL)
        times = []
        for n in range(args.runs):
            mark = work / f"mark-{n}"
            started = time.perf_counter()
            app = subprocess.Popen([ROOT / "scripts/run", "--data-dir", data], env=dict(env, SECRETARIAT_STARTUP_MARK=str(mark)), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
            while not mark.exists():
                if app.poll() is not None:
                    sys.exit(f"scripts/run ended before the window was up:\n{app.stdout.read().decode()}")
                if time.perf_counter() - started > 600:
                    os.killpg(app.pid, signal.SIGKILL)
                    sys.exit("no window after 10 minutes")
                time.sleep(0.01)
            seconds = time.perf_counter() - started
            os.killpg(app.pid, signal.SIGTERM)
            output = app.communicate()[0].decode()
            times.append(seconds)
            built = "ui-build: ui/dist is up to date" in output and "Compiling" not in output
            print(f"second run {n + 1}: window with Home painted after {seconds:.2f} s ({'nothing was built' if built else 'something was built'})")
            if n == 0:
                print("  scripts/run's own output:\n" + "\n".join("    " + line for line in output.splitlines() if "start-up" not in line))
        print(f"median {sorted(times)[len(times) // 2]:.2f} s over {len(times)} runs; goal under {GOAL_S:.0f} s")
        if max(times) >= GOAL_S:
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
