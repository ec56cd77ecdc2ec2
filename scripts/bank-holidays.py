#!/usr/bin/env python3
"""Writes crates/rules/data/uk-bank-holidays.tsv, the UK bank holidays the app skips when it
proposes a deadline (issue #18), from the `holidays` package on PyPI (the Open World Holidays
Framework, MIT licence), not typed by hand.

    python3 -m venv /tmp/holidays && /tmp/holidays/bin/pip install holidays==0.108
    /tmp/holidays/bin/python scripts/bank-holidays.py

Bank holidays only (the package's default "public" category for the UK): England and Wales
share one list, Scotland and Northern Ireland have their own. Run it again with a newer
package to extend FIRST..LAST; crates/rules/src/working_days.rs has a test that the table
covers the years the app proposes dates in.
"""
import pathlib
import holidays

FIRST, LAST = 2020, 2040
NATIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}

out = pathlib.Path(__file__).resolve().parent.parent / "crates" / "rules" / "data" / "uk-bank-holidays.tsv"
lines = [
    f"# UK bank holidays {FIRST}-{LAST}, from the `holidays` package {holidays.__version__} (PyPI; MIT licence),",
    "# written by scripts/bank-holidays.py: do not edit by hand. Columns: nation, date, name.",
]
for nation, subdiv in NATIONS.items():
    for day, name in sorted(holidays.UK(subdiv=subdiv, years=range(FIRST, LAST + 1)).items()):
        lines.append(f"{nation}\t{day.isoformat()}\t{name}")
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{out}: {len(lines) - 2} holidays")
