"""Benchmark: `samkit lint` against `yamllint` (relaxed config) on the same tree of plans.

Builds a tree of plans the size of the seed example (plans/global-financial-corp.yaml, varied per file so no two
files are identical), then times, in the same run and as separate processes (start-up included):

- `samkit lint TREE` (automatic jobs: every core for a large tree) and `yamllint -d relaxed TREE`;
- `samkit lint` on 100 plans (goal: well under a second including start-up);
- the crossover between one process and a process pool, for growing trees (`--jobs 1` against `--jobs N`).

Goal: samkit at most 0.1x yamllint's wall time on 10,000 plans.

    .venv/bin/python benchmarks/bench_lint.py                  # 10,000 plans (yamllint takes minutes)
    .venv/bin/python benchmarks/bench_lint.py --plans 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "plans" / "global-financial-corp.yaml"
TODAY = "2026-02-01"


def build_tree(root: Path, count: int) -> Path:
    """``count`` plans in folders of 100, each the seed plan with its own name and contact dates."""
    seed = SEED.read_text(encoding="utf-8")
    if root.exists():
        shutil.rmtree(root)
    for number in range(count):
        folder = root / f"region-{number // 100:03}"
        folder.mkdir(parents=True, exist_ok=True)
        shift = timedelta(days=number % 120)
        text = seed.replace("Global Financial Corp", f"Global Financial Corp {number}")
        for original in ("2026-01-08", "2026-01-05", "2025-12-12", "2026-01-10", "2025-10-15"):
            moved = (date.fromisoformat(original) - shift).isoformat()
            text = text.replace(f"last_contact: {original}", f"last_contact: {moved}")
        (folder / f"account-{number:05}.yaml").write_text(text, encoding="utf-8")
    return root


def samkit_command() -> list[str]:
    script = Path(sys.executable).with_name("samkit")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "samkit"]


def yamllint_command() -> list[str] | None:
    script = Path(sys.executable).with_name("yamllint")
    if script.is_file():
        return [str(script)]
    found = shutil.which("yamllint")
    return [found] if found else None


def wall_time(command: list[str], repeat: int = 1) -> tuple[float, int]:
    """Median wall time in seconds over ``repeat`` runs, and the exit code of the last run."""
    times = []
    code = 0
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(repeat):
        start = time.perf_counter()
        completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
        code = completed.returncode
    return statistics.median(times), code


def machine() -> str:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return f"{cores} cores ({model}), Python {platform.python_version()}, load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=10_000, help="plans in the large tree (default 10000)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "lint", help="where trees go")
    parser.add_argument("--repeat", type=int, default=1, help="runs per samkit timing on the large tree")
    parser.add_argument("--skip-yamllint", action="store_true")
    parser.add_argument(
        "--crossover",
        default="25,50,100,200,400,800,1600",
        help="tree sizes for the one-process / process-pool comparison ('' to skip)",
    )
    args = parser.parse_args()
    samkit = samkit_command()
    print(f"machine: {machine()}")

    small = build_tree(args.out / "tree-100", 100)
    seconds, _ = wall_time([*samkit, "lint", str(small), "--today", TODAY], repeat=5)
    print(f"samkit lint, 100 plans, start-up included: {seconds:.3f} s (median of 5)")
    seconds, _ = wall_time([*samkit, "rules"], repeat=5)
    print(f"samkit start-up alone (samkit rules):       {seconds:.3f} s (median of 5)")

    if args.crossover:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:
            cores = os.cpu_count() or 1
        print(f"\ncrossover (median of 3, start-up included): plans | --jobs 1 | --jobs {cores}")
        for size in (int(part) for part in args.crossover.split(",") if part):
            tree = build_tree(args.out / f"tree-{size}", size)
            one, _ = wall_time([*samkit, "lint", str(tree), "--today", TODAY, "--jobs", "1"], repeat=3)
            many, _ = wall_time([*samkit, "lint", str(tree), "--today", TODAY, "--jobs", str(cores)], repeat=3)
            print(f"  {size:>6} | {one:7.3f} s | {many:7.3f} s | pool/one {many / one:.2f}")

    large = build_tree(args.out / f"tree-{args.plans}", args.plans)
    print(f"\nlarge tree: {args.plans} plans of {SEED.stat().st_size:,} bytes each")
    samkit_seconds, code = wall_time([*samkit, "lint", str(large), "--today", TODAY], repeat=args.repeat)
    print(
        f"samkit lint (automatic jobs): {samkit_seconds:8.2f} s  exit {code}  "
        f"{samkit_seconds / args.plans * 1000:.2f} ms/plan"
    )
    one_seconds, _ = wall_time([*samkit, "lint", str(large), "--today", TODAY, "--jobs", "1"])
    print(f"samkit lint --jobs 1:         {one_seconds:8.2f} s")
    yamllint = yamllint_command()
    if args.skip_yamllint or yamllint is None:
        print("yamllint: skipped" if args.skip_yamllint else "yamllint: not installed")
        return
    yamllint_seconds, code = wall_time([*yamllint, "-d", "relaxed", "-f", "parsable", str(large)])
    print(
        f"yamllint -d relaxed:          {yamllint_seconds:8.2f} s  exit {code}  "
        f"{yamllint_seconds / args.plans * 1000:.2f} ms/plan"
    )
    ratio = samkit_seconds / yamllint_seconds
    verdict = "meets" if ratio <= 0.1 else "misses"
    print(
        f"samkit / yamllint = {ratio:.3f}x ({verdict} the 0.1x goal); one process: {one_seconds / yamllint_seconds:.3f}x"
    )


if __name__ == "__main__":
    main()
