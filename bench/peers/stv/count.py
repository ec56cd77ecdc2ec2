"""The STV counts' peer: STVPoll's Scottish STV (PyPI `stvpoll`, the VoteIT project) on the
1,000 BLT files `cargo bench -p secretariat-rules --bench stv_peer` writes.

Usage: count.py BLT_DIR [RUNS]. The files are read and parsed before the clock starts; each run
counts all of them (time.perf_counter, in-process, so Python's start-up is excluded) and the
median of RUNS runs is printed as one JSON line, with each file's elected candidates (0-based
indexes, in file-name order) for the bench to compare with ours. Ties are broken at random by
STVPoll; the generator is seeded so a run is repeatable.
"""

import json
import random
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

from stvpoll.scottish_stv import calculate_scottish_stv


def read_blt(text):
    """The BLT subset `write_blt` writes: a header, ballot lines ending in 0, a 0, then names."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    candidates, seats = (int(n) for n in lines[0].split())
    ballots = {}
    at = 1
    while lines[at] != "0":
        numbers = [int(n) for n in lines[at].split()]
        weight, preferences = numbers[0], tuple(p - 1 for p in numbers[1:-1])
        ballots[preferences] = ballots.get(preferences, 0) + weight
        at += 1
    return candidates, seats, ballots


def main():
    folder = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    elections = [read_blt(path.read_text()) for path in sorted(folder.glob("*.blt"))]
    times, elected = [], []
    for _ in range(runs):
        random.seed(1)
        start = time.perf_counter()
        elected = [
            sorted(calculate_scottish_stv(tuple(range(n)), ballots, seats).elected_as_tuple())
            for n, seats, ballots in elections
        ]
        times.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "package": f"STVPoll {version('stvpoll')} (Python {sys.version.split()[0]})",
                "median_s": statistics.median(times),
                "runs_s": times,
                "elected": elected,
            }
        )
    )


if __name__ == "__main__":
    main()
