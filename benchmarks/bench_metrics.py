"""Benchmark: `samkit metrics` over a period against `samkit validate` on the same plans.

Builds a git repository of N plans the size of the seed example (plans/global-financial-corp.yaml, each
with its own name and ARR), commits them on 2025-12-20, then changes the ARR of half of them (a quarter
grow, a quarter shrink) and commits that on 2026-02-15. Times, as separate processes (start-up included):

- `samkit validate plans` (one side, parsed once: the peer);
- `samkit metrics plans --from 2026-01-01 --to 2026-03-31` (both sides from history: two ls-tree, two
  batched cat-file, unchanged files parsed once);
- `samkit metrics plans --from 2026-01-01` with TO today (FROM from history, TO from the working tree).

Goal: metrics within 3x validate's wall time on 1,000 plans with 500 changed.

    .venv/bin/python benchmarks/bench_metrics.py
    .venv/bin/python benchmarks/bench_metrics.py --plans 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import SEED, machine, samkit_command, wall_time

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"


def _git(root: Path, *arguments: str, when: str | None = None) -> None:
    environment = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.com",
    }
    if when:
        environment.update({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    subprocess.run(["git", *arguments], cwd=root, env=environment, check=True, capture_output=True)


def build_repository(root: Path, count: int, changed: int) -> Path:
    seed = SEED.read_text(encoding="utf-8")
    assert "arr: $850K" in seed
    if root.exists():
        shutil.rmtree(root)
    (root / "plans").mkdir(parents=True)
    _git(root, "init", "--quiet")

    def write(number: int, arr: int) -> None:
        text = seed.replace("Global Financial Corp", f"Global Financial Corp {number}")
        text = text.replace("arr: $850K", f"arr: ${arr:,}")
        folder = root / "plans" / f"region-{number // 100:03}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"account-{number:05}.yaml").write_text(text, encoding="utf-8")

    for number in range(count):
        write(number, 100_000 + 1_000 * number)
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "-m", "plans", when="2025-12-20T10:00:00")
    for number in range(0, min(changed * 2, count), 2):  # every other plan: half grow, half shrink
        delta = 25_000 if number % 4 == 0 else -25_000
        write(number, 100_000 + 1_000 * number + delta)
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "-m", "ARR changes", when="2026-02-15T10:00:00")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "metrics")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    root = build_repository(args.out / f"repo-{args.plans}", args.plans, args.changed)
    samkit = samkit_command()
    previous = Path.cwd()
    os.chdir(root)
    try:
        validate, code = wall_time([*samkit, "validate", "plans"], repeat=args.repeat)
        print(f"samkit validate plans:                {validate:7.3f} s  exit {code}  ({args.plans} plans)")
        history, code = wall_time(
            [*samkit, "metrics", "plans", "--from", "2026-01-01", "--to", "2026-03-31", "--today", TODAY],
            repeat=args.repeat,
        )
        print(
            f"samkit metrics (both sides from git): {history:7.3f} s  exit {code}  {history / validate:.2f}x validate"
        )
        tree, code = wall_time(
            [*samkit, "metrics", "plans", "--from", "2026-01-01", "--today", TODAY], repeat=args.repeat
        )
        print(f"samkit metrics (TO = working tree):   {tree:7.3f} s  exit {code}  {tree / validate:.2f}x validate")
        worst = max(history, tree) / validate
        print(f"goal: within 3x validate -> {'met' if worst <= 3 else 'missed'} (worst {worst:.2f}x)")
    finally:
        os.chdir(previous)


if __name__ == "__main__":
    main()
