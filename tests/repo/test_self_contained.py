"""A clone alone is enough: no code, test or script reads from outside the repository.

Issue #17: the STV reference counts used to be read from `shared/testdata` beside the project,
found by walking up from the crate, so a clone on its own failed its tests. This walks every
tracked code file and fails on any such reach: a known outside folder, a walk up the ancestors,
or a path joined onto a crate's or script's own folder that climbs out of the repository.

Run by scripts/test: python3 -m unittest discover -s tests/repo
"""

import re
import subprocess
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"\.(rs|py|mjs|js|ts|svelte|sh|toml|json)$|^(scripts|\.ci)/")
# Names of places outside the clone that code once read, or could: each is a reach out.
OUTSIDE = [
    re.compile(r"shared/testdata"),
    re.compile(r"SECRETARIAT_TESTDATA"),
    re.compile(r"\.ancestors\(\)"),
    re.compile(r"/work/"),
]
# A path built on the file's own folder: Rust's CARGO_MANIFEST_DIR, Node's `here`, Python's __file__.
RUST_JOIN = re.compile(r'env!\("CARGO_MANIFEST_DIR"\)\)?\s*\.join\("([^"]+)"\)')
NODE_JOIN = re.compile(r"path\.(?:join|resolve)\(here,\s*'([^']+)'")


def tracked_code():
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    for name in names:
        if not name or name.startswith("tests/data/") or name.endswith("package-lock.json") or name == Path(__file__).relative_to(ROOT).as_posix():
            continue
        if CODE.search(name) and (ROOT / name).is_file():
            yield name, (ROOT / name).read_text(encoding="utf-8", errors="replace")


def crate_dir(name):
    """The folder CARGO_MANIFEST_DIR names for a file: the nearest one above it with a Cargo.toml."""
    folder = (ROOT / name).parent
    while not (folder / "Cargo.toml").exists():
        folder = folder.parent
    return folder


class SelfContained(unittest.TestCase):
    def test_no_code_names_a_place_outside_the_clone(self):
        reaches = [f"{name}: {pattern.pattern}" for name, text in tracked_code() for pattern in OUTSIDE if pattern.search(text)]
        self.assertEqual(reaches, [], "code that reads from outside the repository")

    def test_every_path_built_on_a_crate_or_script_folder_stays_inside(self):
        outside, checked = [], 0
        for name, text in tracked_code():
            joins = [(crate_dir(name), p) for p in RUST_JOIN.findall(text)] if name.endswith(".rs") else []
            joins += [((ROOT / name).parent, p) for p in NODE_JOIN.findall(text)]
            for base, relative in joins:
                checked += 1
                target = (base / relative).resolve()
                if not target.is_relative_to(ROOT):
                    outside.append(f"{name}: {relative} -> {target}")
        self.assertEqual(outside, [])
        self.assertGreater(checked, 3, "the patterns must still find the paths they are meant to check")

    def test_the_reference_counts_are_in_the_repository_with_their_source(self):
        data = ROOT / "tests/data/stv-scotland"
        blt = sorted(p.stem for p in (data / "blt").glob("*.blt"))
        expected = sorted(p.name.removesuffix("-scotland-fixed-p5-d5.txt") for p in (data / "expected").glob("*.txt"))
        self.assertEqual(len(blt), 28)
        self.assertEqual(blt, expected, "every ballot file has its reference count")
        readme = (data / "README.md").read_text(encoding="utf-8")
        self.assertIn("Source and licence", readme)
        self.assertIn("GNU General Public License", readme)

    def test_the_checks_above_can_fail(self):
        self.assertTrue(any(p.search('manifest.ancestors().map(|a| a.join("shared/testdata"))') for p in OUTSIDE))
        self.assertEqual(RUST_JOIN.findall('Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")'), ["../../../shared"])


if __name__ == "__main__":
    unittest.main()
