#!/usr/bin/env python3
"""One table from the bench outputs, for `scripts/bench`.

    report.py report   --out DIR --criterion DIR [--readme README.md]   writes bench/REPORT.md, prints it
    report.py baseline --out DIR --criterion DIR                        writes bench/baseline.json
    report.py smoke    --out DIR --criterion DIR                        compares with bench/baseline.json

DIR (`$CARGO_TARGET_DIR/secretariat-bench`) holds what the benches wrote: pack_vs_libreoffice.json,
stv_peer.json, pdfmake.json, startup.json, and the scale engineer's lists.json and
evaluate_scale.json. Criterion's figures are read from `<criterion>/**/new/estimates.json` (the
median), matched by the `full_id` in the `benchmark.json` beside it. A figure that was not
produced is shown as "not run", a peer that is not installed as "peer not installed".
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# The headline figures the smoke run compares with the baseline: key -> criterion full_id, and
# how to turn its median (ns) into the figure.
CRITERION = {
    "pack_s": ("documents/agenda_pack_10_papers_200_pages", 1e-9),
    "ballots_s": ("ballots/100_papers_10_candidates", 1e-9),
    "stv_1000_s": ("tally/1,000 elections, 8 seats, 20 candidates, 200 ballots, ScottishStv/1000", 1e-9),
    "evaluate_per_group_ms": ("evaluate/20 groups, 10 years each/20", 1e-6 / 20),
}
HEADLINE = ["pack_s", "ballots_s", "stv_1000_s", "evaluate_per_group_ms", "evaluate_scale_per_group_ms", "lists_p95_ms"]
UNITS = {k: k.rsplit("_", 1)[1] for k in HEADLINE}


def criterion_figures(folder):
    figures = {}
    folder = Path(folder)
    if not folder.is_dir():
        return figures
    by_id = {}
    for meta in folder.glob("**/new/benchmark.json"):
        try:
            full_id = json.loads(meta.read_text())["full_id"]
            estimates = json.loads((meta.parent / "estimates.json").read_text())
        except (OSError, KeyError, ValueError):
            continue
        by_id[full_id] = estimates["median"]["point_estimate"]
    for key, (full_id, scale) in CRITERION.items():
        if full_id in by_id:
            figures[key] = by_id[full_id] * scale
    return figures


def load(out, name):
    path = Path(out) / name
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def lists_p95(lists):
    if not lists or not lists.get("screens"):
        return None, None
    worst = max(lists["screens"], key=lambda s: s["p95_ms"])
    return worst["p95_ms"], worst


def machine():
    def read(path):
        try:
            return Path(path).read_text()
        except OSError:
            return ""

    cpu = next((l.split(":", 1)[1].strip() for l in read("/proc/cpuinfo").splitlines() if l.startswith("model name")), "?")
    mem_kb = next((int(l.split()[1]) for l in read("/proc/meminfo").splitlines() if l.startswith("MemTotal")), 0)
    os_name = next((l.split("=", 1)[1].strip('"') for l in read("/etc/os-release").splitlines() if l.startswith("PRETTY_NAME")), "?")
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "os": f"{os_name}, Linux {platform.release()}",
        "commit": commit,
    }


def fmt(value, unit):
    if value is None:
        return "not run"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.4f} ms" if value < 0.1 else f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value}"


def verdict(ok):
    return "" if ok is None else (" ✅" if ok else " ❌")


def breakdown(app):
    """PSS by process, as measured in the last start: the biggest first."""
    parts = sorted(app["processes"].items(), key=lambda kv: -kv[1])
    return ", ".join(f"{name} {mb:.0f}" for name, mb in parts)


def newest_deb():
    target = Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/secretariat/target"))
    debs = sorted((target / "release/bundle/deb").glob("*.deb"), key=lambda p: p.stat().st_mtime)
    return debs[-1] if debs else None


def rows(out, crit):
    """Each row: figure, goal, ours, peer, ratio, command."""
    table = []
    pack = crit.get("pack_s")
    lo = load(out, "pack_vs_libreoffice.json")
    if lo is None:
        peer, ratio = "not run", ""
    elif lo.get("peer_s") is None:
        peer, ratio = "peer not installed (LibreOffice, pdfunite)", ""
    else:
        peer = f"LibreOffice headless + pdfunite: {lo['peer_s']:.3f} s (ours in that process: {lo['ours_s']:.3f} s)"
        ratio = f"{lo['peer_s'] / lo['ours_s']:.1f}× slower"
    table.append((
        "agenda pack, 10 papers / 200 pages", "≤ 0.5 s; peer ≥ 10× slower",
        fmt(pack, "s") + verdict(None if pack is None else pack <= 0.5), peer, ratio,
        "`cargo bench -p secretariat-documents --bench pack` · `--bench pack_vs_libreoffice`",
    ))

    ballots = crit.get("ballots_s")
    pm = load(out, "pdfmake.json")
    if pm is None:
        peer, ratio = "peer not installed (node, bench/peers/pdfmake)", ""
    else:
        peer = f"pdfmake {pm.get('version', '')} on Node: {pm['median_s']:.3f} s ({pm['pages']} pages; in-process, Node start-up excluded)"
        ratio = f"{pm['median_s'] / ballots:.1f}× slower" if ballots else ""
    table.append((
        "100 numbered ballot papers", "≤ 0.1 s; peer ≥ 10× slower",
        fmt(ballots, "s") + verdict(None if ballots is None else ballots <= 0.1), peer, ratio,
        "`cargo bench -p secretariat-documents --bench ballots` · `node bench/peers/pdfmake/ballots.mjs`",
    ))

    stv = crit.get("stv_1000_s")
    sp = load(out, "stv_peer.json")
    if sp is None:
        peer, ratio = "not run", ""
    elif sp.get("peer_s") is None:
        peer, ratio = "peer not installed (python venv with stvpoll)", ""
    else:
        peer = (
            f"{sp.get('peer_package', 'STVPoll')}: {sp['peer_s']:.2f} s on the same 1,000 BLT files "
            f"(ours from the files, same process: {sp['ours_s']:.3f} s); elected sets agree in {sp['agree']} of {sp['elections']}"
        )
        ratio = f"{sp['peer_s'] / sp['ours_s']:.0f}× slower"
    table.append((
        "1,000 STV counts (20 candidates × 200 ballots, 8 seats)", "≤ 1 s",
        fmt(stv, "s") + verdict(None if stv is None else stv <= 1), peer, ratio,
        "`cargo bench -p secretariat-rules --bench tally` · `--bench stv_peer`",
    ))

    ev = crit.get("evaluate_per_group_ms")
    table.append((
        "rules evaluation, synthetic registers, 20 groups × 10 years", "≤ 5 ms per group",
        (fmt(ev, "ms") + " per group" + verdict(ev <= 5)) if ev is not None else "not run", "—", "",
        "`cargo bench -p secretariat-rules --bench evaluate`",
    ))
    es = load(out, "evaluate_scale.json")
    per_group = es.get("per_group_ms") if es else None
    table.append((
        "rules evaluation on the scale data (`secretariat demo --scale 20`)", "≤ 5 ms per group",
        (fmt(per_group, "ms") + " per group" + verdict(per_group <= 5)) if per_group is not None else "not run", "—", "",
        "`cargo bench -p secretariat-api --bench evaluate_scale`",
    ))
    p95, worst = lists_p95(load(out, "lists.json"))
    table.append((
        "every list screen's query at that scale (p95)", "≤ 10 ms",
        (f"{p95:.2f} ms (worst: {worst['screen']})" + verdict(p95 <= 10)) if p95 is not None else "not run", "—", "",
        "`cargo bench -p secretariat-api --bench lists`",
    ))

    st = load(out, "startup.json")
    if st is None:
        table.append(("cold start to the first screen with data, under Xvfb", "≤ 1.2× a bare Tauri window", "not run", "not run", "", "`scripts/bench` (bench/startup.py)"))
        table.append(("memory, whole process tree, PSS, idle 5 s after start", "≤ bare Tauri + 40 MB", "not run", "not run", "", "`scripts/bench` (bench/startup.py)"))
    else:
        s, h = st["secretariat"], st["hello"]
        runs = f"median of {st['runs']} starts each, alternating"
        table.append((
            "start to the first screen with data (Home with the demo group), under Xvfb", "≤ 1.2× a bare Tauri window",
            f"{s['startup_ms_median']:.0f} ms" + verdict(st["startup_ratio"] <= 1.2),
            f"bare Tauri window, the app's WebKit settings (bench/hello-tauri): {h['startup_ms_median']:.0f} ms ({runs})",
            f"{st['startup_ratio']:.2f}×", "`scripts/bench` (bench/startup.py, release builds)",
        ))
        table.append((
            f"memory, whole process tree (WebKit's processes included), PSS, idle {st['idle_s']:.0f} s after start",
            "≤ bare Tauri + 40 MB",
            f"{s['pss_mb_median']:.0f} MB ({breakdown(s)})" + verdict(st["pss_extra_mb"] <= 40),
            f"bare Tauri window, the app's WebKit settings (bench/hello-tauri): {h['pss_mb_median']:.0f} MB ({breakdown(h)})",
            f"+{st['pss_extra_mb']:.0f} MB", "`scripts/bench` (bench/startup.py, release builds)",
        ))

    deb = newest_deb()
    if deb is None:
        table.append((".deb size", "≤ 15 MB", "not built", "—", "", "`scripts/bench --deb` (scripts/package)"))
    else:
        size = deb.stat().st_size
        built = datetime.fromtimestamp(deb.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        table.append((
            ".deb size", "≤ 15 MB",
            f"{size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)" + verdict(size <= 15e6),
            "—", "", f"`scripts/package`, then `stat -c %s {deb.name}` (built {built})",
        ))
    return table


def report(args):
    out, crit = args.out, criterion_figures(args.criterion)
    m = machine()
    lines = [
        "# Benchmarks",
        "",
        f"Run {m['date']} at commit {m['commit']} by `scripts/bench`; machine: {m['nproc']} CPUs ({m['cpu']}), "
        f"{m['ram_gib']} GiB RAM, {m['os']}. Criterion figures are medians; peers ran in the same `scripts/bench` run.",
        "",
        "| figure | goal | Secretariat | peer, same run | ratio | command |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows(out, crit):
        lines.append("| " + " | ".join(row) + " |")
    text = "\n".join(lines) + "\n"
    (HERE / "REPORT.md").write_text(text)
    print(text)
    if args.readme:
        readme = Path(args.readme)
        body = readme.read_text()
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        if start in body and end in body:
            table = "\n".join(lines[2:])
            body = body[: body.index(start) + len(start)] + "\n" + table + "\n" + body[body.index(end) :]
            readme.write_text(body)
            print(f"README: the table between {start} and {end} is updated", file=sys.stderr)


def figures(out, crit):
    found = dict(crit)
    p95, _ = lists_p95(load(out, "lists.json"))
    if p95 is not None:
        found["lists_p95_ms"] = p95
    scale = load(out, "evaluate_scale.json")
    if scale and scale.get("per_group_ms") is not None:
        found["evaluate_scale_per_group_ms"] = scale["per_group_ms"]
    return found


def baseline(args):
    found = figures(args.out, criterion_figures(args.criterion))
    m = machine()
    data = {
        "about": "Headline figures of a full `scripts/bench` run on this machine; `scripts/bench --smoke` fails when one is more than 2× its figure here.",
        "machine": m,
        "figures": {k: round(found[k], 6) for k in HEADLINE if k in found},
    }
    Path(args.baseline).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(data, indent=2, ensure_ascii=False))


def smoke(args):
    base = json.loads(Path(args.baseline).read_text())["figures"]
    if args.only:
        base = {k: v for k, v in base.items() if k in args.only.split(",")}
    found = figures(args.out, criterion_figures(args.criterion))
    failed = False
    print("| figure | baseline | this run | ratio | |")
    print("|---|---|---|---|---|")
    for key in HEADLINE:
        if key not in base:
            continue
        if key not in found:
            # The criterion figures are what the smoke run measures: one missing means a bench
            # was renamed or broke, which must not pass. The scale figures are optional.
            missing = key in CRITERION
            failed |= missing
            print(f"| {key} | {fmt(base[key], UNITS[key])} | not run | | {'MISSING' if missing else 'skipped'} |")
            continue
        ratio = found[key] / base[key]
        bad = ratio > 2
        failed |= bad
        print(f"| {key} | {fmt(base[key], UNITS[key])} | {fmt(found[key], UNITS[key])} | {ratio:.2f}× | {'REGRESSION (> 2×)' if bad else 'ok'} |")
    if failed:
        print("bench smoke: a headline figure is missing or more than twice its baseline (bench/baseline.json)", file=sys.stderr)
        sys.exit(1)
    print("bench smoke: every headline figure is within 2× of its baseline")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["report", "baseline", "smoke"])
    parser.add_argument("--out", required=True)
    parser.add_argument("--criterion", required=True)
    parser.add_argument("--readme")
    parser.add_argument("--baseline", default=str(HERE / "baseline.json"))
    parser.add_argument("--only", help="smoke: compare only these figures (comma-separated keys)")
    args = parser.parse_args()
    {"report": report, "baseline": baseline, "smoke": smoke}[args.mode](args)


if __name__ == "__main__":
    main()
