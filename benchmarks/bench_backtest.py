"""Benchmark: `samkit backtest` against `samkit metrics` (the peer) over the same two snapshots.

Builds a git repository of N plans the size of the seed example (plans/global-financial-corp.yaml), each with
its own name, ARR and score block (points drawn from a seeded generator), commits them on 2025-12-20, then
on 2026-02-15 changes the ARR of every other plan (the change leaning on two dimensions, so the scores carry
some signal) and deletes one plan in twenty (churn). Times, as separate processes (start-up included):

- `samkit metrics plans --from 2026-01-01 --to 2026-03-31` (both sides from history: the peer);
- `samkit backtest plans` over the same period (the same snapshot reader, plus the configuration at FROM,
  the cohort, the 1,000-resample bootstrap);
- `samkit backtest plans --suggest-weights` (plus the weight search: in-sample and 5 cross-validation folds).

Goals (the issue): backtest within 2x metrics' wall time on 1,000 accounts; --suggest-weights within 10 s.

`--search-check N` instead measures how close the weight search gets: on N seeded random cohorts (40 accounts,
noisy NDR) it compares the search's in-sample ρ with the best of all 144,186 weight sets on the grid
(exhaustive, some seconds a cohort).

    .venv/bin/python benchmarks/bench_backtest.py
    .venv/bin/python benchmarks/bench_backtest.py --plans 2000 --repeat 3
    .venv/bin/python benchmarks/bench_backtest.py --search-check 5
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import SEED, machine, samkit_command
from bench_metrics import _git

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"
PERIOD = ["--from", "2026-01-01", "--to", "2026-03-31", "--today", TODAY]
DIMENSIONS = (
    "current_revenue",
    "expansion_potential",
    "strategic_fit",
    "market_influence",
    "relationship_strength",
    "product_adoption",
    "partnership_potential",
)


def build_repository(root: Path, count: int) -> Path:
    seed = SEED.read_text(encoding="utf-8")
    assert "arr: $850K" in seed
    if root.exists():
        shutil.rmtree(root)
    (root / "plans").mkdir(parents=True)
    _git(root, "init", "--quiet")
    generator = random.Random(2026)
    points = [[generator.randint(1, 10) for _ in DIMENSIONS] for _ in range(count)]

    def path(number: int) -> Path:
        return root / "plans" / f"region-{number // 100:03}" / f"account-{number:05}.yaml"

    def write(number: int, arr: int) -> None:
        text = seed.replace("Global Financial Corp", f"Global Financial Corp {number}")
        text = text.replace("arr: $850K", f"arr: ${arr:,}")
        for name, value in zip(DIMENSIONS, points[number], strict=True):
            text = re.sub(rf"(?m)^  {name}: \d+$", f"  {name}: {value}", text, count=1)
        path(number).parent.mkdir(parents=True, exist_ok=True)
        path(number).write_text(text, encoding="utf-8")

    def arr(number: int) -> int:
        return 100_000 + 1_000 * number

    for number in range(count):
        write(number, arr(number))
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "-m", "plans", when="2025-12-20T10:00:00")
    for number in range(0, count, 2):
        lean = points[number][1] + points[number][4] - 11  # expansion potential and relationship strength
        write(number, arr(number) + 5_000 * lean + generator.randint(-20_000, 20_000))
    for number in range(1, count, 20):
        path(number).unlink()
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "-m", "outcomes", when="2026-02-15T10:00:00")
    return root


def grid(parts: int = 7, total: int = 20, most: int = 8) -> list[tuple[int, ...]]:
    """Every weight set on the grid, in steps of 5 (seven whole numbers of 0-8 adding up to 20)."""
    if parts == 1:
        return [(total,)] if total <= most else []
    return [(first, *rest) for first in range(min(most, total) + 1) for rest in grid(parts - 1, total - first, most)]


def search_check(cohorts: int) -> None:
    """The search's best ρ against the exhaustive optimum on seeded random cohorts."""
    from datetime import date
    from decimal import Decimal

    from samkit.analysis.backtest import Candidate, compute_backtest
    from samkit.analysis.backtest_weights import _Problem, _scaled_points, suggest_weights
    from samkit.config import DEFAULT_WEIGHTS, ScoringConfig

    every = grid()
    print(f"weight sets on the grid: {len(every)}")
    for seed in range(cohorts):
        generator = random.Random(seed)
        truth = [generator.randint(0, 10) for _ in DIMENSIONS]
        candidates = []
        for index in range(40):
            points = [generator.randint(0, 10) for _ in DIMENSIONS]
            ending = 1000 + 10 * sum(t * p for t, p in zip(truth, points, strict=True)) + generator.gauss(0, 300)
            candidates.append(
                Candidate(
                    f"Account {index}",
                    None,
                    {name: Decimal(value) for name, value in zip(DIMENSIONS, points, strict=True)},
                    Decimal(1000),
                    False,
                    Decimal(max(0, round(ending))),
                )
            )
        accounts = compute_backtest(candidates, ScoringConfig(), date(2026, 1, 1), date(2026, 12, 31)).accounts
        ordered = sorted(accounts, key=lambda account: account.name)
        problem = _Problem(_scaled_points(ordered), [account.ndr for account in ordered])
        best = max((problem.rho(steps) or -2.0) for steps in every)
        suggested = suggest_weights(accounts, DEFAULT_WEIGHTS).suggested
        found = problem.rho(tuple(int(suggested[name]) // 5 for name in DIMENSIONS)) or -2.0
        print(f"cohort {seed}: exhaustive best rho {best:.5f}, search {found:.5f}, gap {best - found:.5f}")


def timed(command: list[str], repeat: int) -> tuple[float, float, int]:
    """Median wall time and median CPU time (user + system of the process) in seconds, and the last exit code.

    The CPU time is what the command costs on a machine shared with other work; the wall time what a person
    waits for on this one."""
    walls, cpus = [], []
    code = 0
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        code = completed.returncode
    return statistics.median(walls), statistics.median(cpus), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "backtest")
    parser.add_argument("--search-check", type=int, default=0, metavar="N")
    args = parser.parse_args()
    if args.search_check:
        sys.path.insert(0, str(REPO))
        search_check(args.search_check)
        return
    print(f"machine: {machine()}")
    root = build_repository(args.out / f"repo-{args.plans}", args.plans)
    samkit = samkit_command()
    previous = Path.cwd()
    os.chdir(root)
    try:
        metrics, metrics_cpu, code = timed([*samkit, "metrics", "plans", *PERIOD], args.repeat)
        print(f"samkit metrics (peer):             {metrics:7.3f} s wall {metrics_cpu:7.3f} s CPU  exit {code}")
        backtest, backtest_cpu, code = timed([*samkit, "backtest", "plans", *PERIOD], args.repeat)
        print(f"samkit backtest:                   {backtest:7.3f} s wall {backtest_cpu:7.3f} s CPU  exit {code}")
        suggest, suggest_cpu, code = timed(
            [*samkit, "backtest", "plans", *PERIOD, "--suggest-weights", "-f", "json"], args.repeat
        )
        print(f"samkit backtest --suggest-weights: {suggest:7.3f} s wall {suggest_cpu:7.3f} s CPU  exit {code}")
        ratio, cpu_ratio = backtest / metrics, backtest_cpu / metrics_cpu
        verdict = "met" if max(ratio, cpu_ratio) <= 2 else "missed"
        print(f"goal: backtest within 2x metrics -> {verdict} ({ratio:.2f}x wall, {cpu_ratio:.2f}x CPU)")
        verdict = "met" if min(suggest, suggest_cpu) <= 10 else "missed"
        print(f"goal: --suggest-weights within 10 s -> {verdict} ({suggest:.2f} s wall, {suggest_cpu:.2f} s CPU)")
    finally:
        os.chdir(previous)


if __name__ == "__main__":
    main()
