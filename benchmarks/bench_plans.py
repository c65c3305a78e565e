"""Benchmark: the plan commands on a big tree — wall time and peak memory (max RSS) per command.

Builds a tree of seed-sized plans (the same generator as bench_lint.py), then runs, as separate processes,
``validate``, ``coverage``, ``pipeline``, ``portfolio`` (each ``--format json``, so the figures are what the
command computes, not a terminal's drawing) and ``lint --jobs 1`` (the reference: it reduces each plan to its
findings as it goes). Reports the median wall time, the peak RSS, and each command's ratio to lint.

Goals: 10,000 plans in under 400 MB for every command; validate within 2x of lint.

    .venv/bin/python benchmarks/bench_plans.py                     # 10,000 plans
    .venv/bin/python benchmarks/bench_plans.py --plans 2000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import TODAY, build_tree, samkit_command

COMMANDS = {
    "lint --jobs 1": ["lint", "--jobs", "1", "--format", "json", "--today", TODAY],
    "validate": ["validate", "--format", "json"],
    "coverage": ["coverage", "--format", "json", "--today", TODAY],
    "pipeline": ["pipeline", "--format", "json"],
    "portfolio": ["portfolio", "--format", "json", "--today", TODAY],
}
MEMORY_GOAL_MB = 400
VALIDATE_GOAL = 2.0


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one run (the child's own peak, from wait4)."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tree = build_tree(Path(scratch) / "plans", options.plans)
        results: dict[str, tuple[float, float]] = {}
        for name, arguments in COMMANDS.items():
            runs = [measure([*samkit_command(), *arguments, str(tree)]) for _ in range(options.repeat)]
            results[name] = (statistics.median(run[0] for run in runs), max(run[1] for run in runs))
        reference = results["lint --jobs 1"][0]
        print(f"{options.plans:,} plans, median of {options.repeat}")
        print(f"{'command':<15} {'seconds':>8} {'peak MB':>8} {'vs lint':>8}")
        for name, (seconds, megabytes) in results.items():
            print(f"{name:<15} {seconds:>8.2f} {megabytes:>8.0f} {seconds / reference:>7.2f}x")
        worst = max(megabytes for _, megabytes in results.values())
        print(
            f"goal: every command under {MEMORY_GOAL_MB} MB (worst {worst:.0f} MB); "
            f"validate within {VALIDATE_GOAL}x of lint ({results['validate'][0] / reference:.2f}x)"
        )


if __name__ == "__main__":
    main()
