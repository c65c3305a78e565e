"""Benchmark: `samkit site` against `samkit render --out-dir` on the same 300 plans.

The site renders every plan document too (in HTML), plus the QBR brief, the stakeholder-map diagram and the
whitespace grid per plan, and the program pages; the goal is at most 3x the time of `render --out-dir`.
Both run as separate processes (start-up included), into fresh folders (a cold build: every file written),
then once more into the same folder (a warm build: nothing changes, nothing is written). The plans are the
bundled examples, varied per file (bench_lint.build_tree does it for the seed).

    .venv/bin/python benchmarks/bench_site.py                 # 300 plans, median of 3
    .venv/bin/python benchmarks/bench_site.py --plans 1000 --repeat 1
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import REPO, TODAY, build_tree, machine, samkit_command, wall_time

GOAL = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=300, help="plans in the tree (default 300)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "site", help="scratch folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    args = parser.parse_args()
    samkit = samkit_command()
    print(f"machine: {machine()}")
    tree = build_tree(args.out / f"plans-{args.plans}", args.plans)
    docs, site = args.out / "docs", args.out / "site"

    def cold(command: list[str], folder: Path) -> float:
        times = []
        for _ in range(args.repeat):
            shutil.rmtree(folder, ignore_errors=True)
            seconds, code = wall_time(command)
            if code != 0:
                raise SystemExit(f"{' '.join(command)} exited {code}")
            times.append(seconds)
        return sorted(times)[len(times) // 2]

    render = [*samkit, "render", str(tree), "--out-dir", str(docs)]
    build = [*samkit, "site", str(tree), "--out-dir", str(site), "--today", TODAY]
    render_cold = cold(render, docs)
    site_cold = cold(build, site)
    render_warm, _ = wall_time(render, repeat=args.repeat)
    site_warm, _ = wall_time(build, repeat=args.repeat)
    site_check, code = wall_time([*build, "--check"], repeat=args.repeat)
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    print(f"{args.plans} plans; site: {pages} pages, {size / 1e6:.1f} MB (median of {args.repeat}, start-up included)")
    print(f"samkit render --out-dir  cold {render_cold:7.2f} s   warm {render_warm:7.2f} s")
    print(
        f"samkit site --out-dir    cold {site_cold:7.2f} s   warm {site_warm:7.2f} s   --check {site_check:6.2f} s (exit {code})"
    )
    ratio = site_cold / render_cold
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f"site / render = {ratio:.2f}x cold, {site_warm / render_warm:.2f}x warm ({verdict} the {GOAL:.0f}x goal)")


if __name__ == "__main__":
    main()
