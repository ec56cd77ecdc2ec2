"""The regression check of `scripts/bench --smoke`: report.py reads criterion's medians by
benchmark id and fails only when a headline figure is more than twice its baseline.
Run with `python3 -m unittest discover -s bench` (scripts/test does)."""

import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

REPORT = Path(__file__).resolve().parent / "report.py"


def criterion_folder(root, medians_ns):
    """A criterion output folder as criterion 0.5 writes it, one benchmark per full id."""
    for n, (full_id, median) in enumerate(medians_ns.items()):
        new = Path(root) / f"bench-{n}" / "new"
        new.mkdir(parents=True)
        (new / "benchmark.json").write_text(json.dumps({"full_id": full_id}))
        (new / "estimates.json").write_text(json.dumps({"median": {"point_estimate": median}}))


PACK = "documents/agenda_pack_10_papers_200_pages"
STV = "tally/1,000 elections, 8 seats, 20 candidates, 200 ballots, ScottishStv/1000"
EVALUATE = "evaluate/20 groups, 10 years each/20"


class Smoke(unittest.TestCase):
    def run_smoke(self, medians_ns, baseline, *extra):
        with tempfile.TemporaryDirectory() as tmp:
            criterion_folder(Path(tmp) / "criterion", medians_ns)
            (Path(tmp) / "baseline.json").write_text(json.dumps({"figures": baseline}))
            return subprocess.run(
                [sys.executable, str(REPORT), "smoke", "--out", tmp, "--criterion", str(Path(tmp) / "criterion"),
                 "--baseline", str(Path(tmp) / "baseline.json"), *extra],
                capture_output=True, text=True,
            )

    def test_figures_within_twice_the_baseline_pass(self):
        result = self.run_smoke({PACK: 0.25e9, STV: 0.1e9}, {"pack_s": 0.14, "stv_1000_s": 0.065})
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("1.79×", result.stdout)

    def test_a_figure_over_twice_its_baseline_fails_naming_both(self):
        result = self.run_smoke({PACK: 0.29e9, STV: 0.05e9}, {"pack_s": 0.14, "stv_1000_s": 0.065})
        self.assertEqual(result.returncode, 1)
        line = next(l for l in result.stdout.splitlines() if l.startswith("| pack_s"))
        self.assertIn("0.140 s", line)
        self.assertIn("0.290 s", line)
        self.assertIn("REGRESSION", line)

    def test_evaluate_is_compared_per_group(self):
        # 20 groups in 2 ms is 0.1 ms a group: within 2x of 0.06 ms, not of 0.04 ms.
        self.assertEqual(self.run_smoke({EVALUATE: 2e6}, {"evaluate_per_group_ms": 0.06}).returncode, 0)
        self.assertEqual(self.run_smoke({EVALUATE: 2e6}, {"evaluate_per_group_ms": 0.04}).returncode, 1)

    def test_a_benchmark_the_smoke_run_did_not_produce_fails(self):
        result = self.run_smoke({STV: 0.05e9}, {"pack_s": 0.14, "stv_1000_s": 0.065})
        self.assertEqual(result.returncode, 1)
        self.assertIn("| pack_s | 0.140 s | not run | | MISSING |", result.stdout)

    def test_the_scale_figure_is_skipped_when_the_smoke_run_has_no_scale_bench(self):
        result = self.run_smoke({STV: 0.05e9}, {"stv_1000_s": 0.065, "lists_p95_ms": 3.0})
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("| lists_p95_ms | 3.00 ms | not run | | skipped |", result.stdout)

    def test_only_the_figures_asked_for_are_compared(self):
        result = self.run_smoke({STV: 0.05e9}, {"pack_s": 0.14, "stv_1000_s": 0.065}, "--only", "stv_1000_s")
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertNotIn("pack_s", result.stdout)


if __name__ == "__main__":
    unittest.main()
