"""Benchmark: how every command grows with the program — time, growth ratio and peak memory, in one run.

Three kinds of growth, each command run as its own process (start-up included) and measured with wait4
(wall time and the child's peak RSS):

- plans: a git repository of N plans the size of the bundled seed plan (each with its own name, emails and
  contact dates; a second commit changes a tenth of them), N = 100, 1,000, 3,000 (and 10,000 with
  ``--large``): validate, lint, coverage, pipeline, portfolio, actions, render (write and --check), site,
  diff, metrics, backtest, import (an export of 2 rows per plan, --dry-run: every matched plan is edited in memory
  and re-validated, nothing written);
- commits: 100 plans and a history of K = 10, 100, 1,000 commits: metrics over the whole history, diff
  from the first commit, review of one plan;
- stakeholders: one plan of P = 10, 1,000, 10,000 stakeholders: validate, lint, coverage, render, review, share,
  and import of one activity per stakeholder (P edits into one plan, written);
- rosters: a roster of R = 10,000 and 100,000 rows (and a million with ``--large``): score as CSV, as the
  table for people with ``--all``, and as JSON.

For each step up, the growth ratio is time(bigger) / time(smaller); a ratio above 1.2x the input's ratio
(12x for 10x the input, 3.6x for 3x) is flagged: the command is worse than linear there. The peer of every
figure is ``validate`` on the same input (the reference for reading plans): its column is printed beside.

    .venv/bin/python benchmarks/bench_scale.py                       # 100 / 1,000 / 3,000 plans, ...
    .venv/bin/python benchmarks/bench_scale.py --large               # and 10,000 plans, a million rows
    .venv/bin/python benchmarks/bench_scale.py --plans 100,1000 --groups plans
    .venv/bin/python benchmarks/bench_scale.py --source /tmp/old-checkout   # another checkout's samkit
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import build_export, build_plans
from bench_lint import machine
from bench_metrics import _git
from bench_score import generate as generate_roster

TODAY = "2026-02-16"
FLAG_FACTOR = 1.2  # a ratio above 1.2x the input's growth (12x for 10x) is flagged
Argv = list[str]


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    code: int


@dataclass
class Group:
    """One kind of growth: its sizes and, per command, a measure per size."""

    name: str
    unit: str
    sizes: list[int]
    results: dict[str, dict[int, Measure]] = field(default_factory=dict)


class Runner:
    def __init__(self, source: Path | None) -> None:
        self.environment = {**os.environ, "NO_COLOR": "1", "SAMKIT_TODAY": TODAY, "COLUMNS": "120"}
        if source is not None:  # another checkout's package, with this interpreter and its libraries
            self.environment["PYTHONPATH"] = str(source)
            self.command = [sys.executable, "-m", "samkit"]
        else:
            script = Path(sys.executable).with_name("samkit")
            self.command = [str(script)] if script.is_file() else [sys.executable, "-m", "samkit"]

    def run(self, argv: Argv, cwd: Path) -> Measure:
        started = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            process = subprocess.Popen(
                [*self.command, *argv], cwd=cwd, env=self.environment, stdout=sink, stderr=subprocess.PIPE
            )
            assert process.stderr is not None
            errors = process.stderr.read()
            _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1: the inputs have findings, as real programs do
            print(f"  ! samkit {' '.join(argv)} exited {code}: {errors.decode(errors='replace')[-500:]}")
        return Measure(elapsed, usage.ru_maxrss / 1024, code)


# --- inputs -----------------------------------------------------------------------------------------------------


def plans_repository(root: Path, count: int) -> Path:
    """``count`` plans committed on 2025-12-20; a tenth get a new ARR on 2026-02-01; an activity export."""
    root.mkdir(parents=True)
    _git(root, "init", "--quiet")
    accounts = build_plans(root / "plans", count)
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "-m", "plans", when="2025-12-20T10:00:00")
    for number in range(0, count, 10):
        path = root / "plans" / f"region-{number // 100:03}" / f"account-{number:05}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("arr: $850K", "arr: $910K"), encoding="utf-8")
    _git(root, "commit", "--quiet", "--all", "-m", "ARR", when="2026-02-01T10:00:00")
    build_export(root / "export.csv", accounts, rows=2 * count)
    return root


def history_repository(root: Path, commits: int, plans: int = 100) -> Path:
    """``plans`` plans, then ``commits`` commits a day apart from 2023-01-01, each changing one plan's ARR."""
    root.mkdir(parents=True)
    _git(root, "init", "--quiet")
    build_plans(root / "plans", plans)
    _git(root, "add", "--all")
    start = date(2023, 1, 1)
    _git(root, "commit", "--quiet", "-m", "plans", when=f"{start.isoformat()}T10:00:00")
    for number in range(1, commits):
        plan = number % plans
        path = root / "plans" / f"region-{plan // 100:03}" / f"account-{plan:05}.yaml"
        text = path.read_text(encoding="utf-8")
        head, _, rest = text.partition("arr: ")
        _, _, tail = rest.partition("\n")
        path.write_text(f"{head}arr: ${850_000 + number * 1_000:,}\n{tail}", encoding="utf-8")
        day = start + timedelta(days=number)
        _git(root, "commit", "--quiet", "--all", "-m", f"change {number}", when=f"{day.isoformat()}T10:00:00")
    return root


def big_plan(path: Path, people: int) -> Path:
    """One plan of ``people`` stakeholders (emails, a third never contacted), and one activity for each."""
    departments = ["Finance", "Technology", "Payments", "Operations", "Risk", "Sales", "Legal"]
    roles = ["economic_buyer", "champion", "influencer", "user", "technical_evaluator"]
    relations = ["strong", "moderate", "weak", "none"]
    chooser = random.Random(people)
    lines = [
        "account:",
        "  name: Big Program Corp",
        "  manager: Maria Rodriguez",
        "  executive_sponsor: VP of Sales",
        "  arr: $2.5M",
        "period: Q1 2026",
        "last_reviewed: 2026-01-12",
        "stakeholders:",
    ]
    for number in range(people):
        # a few fields each: 10,000 people stay under the 1 MiB a plan file may have
        lines += [f"  - name: P{number}", f"    email: p{number}@big.example"]
        if number % 5 == 0:
            lines.append(f"    department: {chooser.choice(departments)}")
        if number % 10 == 0:
            lines.append(f"    role: {chooser.choice(roles)}")
        lines.append(f"    relationship: {chooser.choice(relations)}")
        if number % 3:
            lines.append(f"    last_contact: {(date(2026, 1, 31) - timedelta(days=number % 200)).isoformat()}")
        if number and number % 7 == 0:
            lines.append(f"    reports_to: P{number - 1}")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n"
    assert len(text.encode("utf-8")) < 1 << 20, f"{people} stakeholders do not fit in a plan file's 1 MiB"
    path.write_text(text, encoding="utf-8")
    with (path.parent / "export.csv").open("w", encoding="utf-8") as export:
        export.write("Account Name,Email,Activity Date\n")
        for number in range(people):
            export.write(f"Big Program Corp,p{number}@big.example,2026-02-{1 + number % 14:02}\n")
    return path


# --- the groups ---------------------------------------------------------------------------------------------------

PLAN_COMMANDS: dict[str, Argv] = {
    "validate": ["validate", "plans"],
    "lint --jobs 1": ["lint", "plans", "--jobs", "1", "--format", "json"],
    "coverage": ["coverage", "plans", "--format", "json"],
    "pipeline": ["pipeline", "plans", "--format", "json"],
    "portfolio": ["portfolio", "plans", "--format", "json"],
    "actions": ["actions", "plans", "--format", "json", "--days", "3650"],
    "render --out-dir": ["render", "plans", "--out-dir", "docs"],
    "render --check": ["render", "plans", "--out-dir", "docs", "--check"],
    "site": ["site", "plans", "--out-dir", "site"],
    "diff": ["diff", "HEAD~1", "HEAD", "--format", "json"],
    "metrics": ["metrics", "plans", "--from", "2026-01-01", "--to", "2026-02-10", "--format", "json"],
    "backtest": ["backtest", "plans", "--from", "2026-01-01", "--to", "2026-02-10", "--format", "json"],
    "import --dry-run": ["import", "export.csv", "--plans", "plans", "--dry-run", "--format", "json"],
}
HISTORY_COMMANDS: dict[str, Argv] = {
    "metrics": ["metrics", "plans", "--from", "2023-01-02", "--to", "2026-01-31", "--format", "json"],
    "diff": ["diff", "FIRST", "HEAD", "--format", "json"],
    "review": ["review", "plans/region-000/account-00001.yaml", "--format", "json"],
}
ROSTER_COMMANDS: dict[str, Argv] = {
    "score --format csv": ["score", "roster.csv", "--format", "csv"],
    "score --all (table)": ["score", "roster.csv", "--all"],
    "score --format json": ["score", "roster.csv", "--format", "json"],
}
PEOPLE_COMMANDS: dict[str, Argv] = {
    "validate": ["validate", "plan/big.yaml"],
    "lint": ["lint", "plan/big.yaml", "--format", "json"],
    "coverage": ["coverage", "plan/big.yaml", "--format", "json"],
    "render": ["render", "plan/big.yaml"],
    "review": ["review", "plan/big.yaml", "--format", "json"],
    "share": ["share", "plan/big.yaml", "--output", "plan/big-shared.html"],
    "import (P edits)": ["import", "plan/export.csv", "--plans", "plan", "--format", "json"],
}


def run_plans(runner: Runner, scratch: Path, group: Group, only: set[str] | None) -> None:
    for size in group.sizes:
        root = plans_repository(scratch / f"plans-{size}", size)
        print(f"  {size:,} plans ready", flush=True)
        for name, argv in PLAN_COMMANDS.items():
            if only and name not in only:
                continue
            if name == "render --out-dir":
                shutil.rmtree(root / "docs", ignore_errors=True)
            if name == "site":
                shutil.rmtree(root / "site", ignore_errors=True)
            group.results.setdefault(name, {})[size] = runner.run(argv, root)
        shutil.rmtree(root)


def run_history(runner: Runner, scratch: Path, group: Group, only: set[str] | None) -> None:
    for size in group.sizes:
        root = history_repository(scratch / f"history-{size}", size)
        first = subprocess.run(
            ["git", "rev-list", "--max-parents=0", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        print(f"  {size:,} commits ready", flush=True)
        for name, argv in HISTORY_COMMANDS.items():
            if only and name not in only:
                continue
            group.results.setdefault(name, {})[size] = runner.run([first if a == "FIRST" else a for a in argv], root)
        shutil.rmtree(root)


def run_people(runner: Runner, scratch: Path, group: Group, only: set[str] | None) -> None:
    for size in group.sizes:
        root = scratch / f"people-{size}"
        big_plan(root / "plan" / "big.yaml", size)
        print(f"  {size:,} stakeholders ready", flush=True)
        for name, argv in PEOPLE_COMMANDS.items():
            if only and name not in only:
                continue
            group.results.setdefault(name, {})[size] = runner.run(argv, root)
        shutil.rmtree(root)


def run_rosters(runner: Runner, scratch: Path, group: Group, only: set[str] | None) -> None:
    for size in group.sizes:
        root = scratch / f"roster-{size}"
        root.mkdir()
        generate_roster(root / "roster.csv", size)
        print(f"  {size:,} roster rows ready", flush=True)
        for name, argv in ROSTER_COMMANDS.items():
            if only and name not in only:
                continue
            group.results.setdefault(name, {})[size] = runner.run(argv, root)
        shutil.rmtree(root)


# --- the table ----------------------------------------------------------------------------------------------------


def growth_table(group: Group) -> list[str]:
    """Markdown: a row per command, seconds and peak MB per size, the growth ratios, flags."""
    sizes = group.sizes
    steps = list(itertools.pairwise(sizes))
    header = ["command"] + [f"{size:,} {group.unit}" for size in sizes]
    header += [f"growth {small:,}→{big:,}" for small, big in steps] + ["peak MB (by size)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, measures in group.results.items():
        cells = [name]
        cells += [f"{measures[size].seconds:.2f} s" if size in measures else "-" for size in sizes]
        for small, big in steps:
            if small in measures and big in measures:
                ratio = measures[big].seconds / measures[small].seconds
                limit = FLAG_FACTOR * big / small
                cells.append(f"{ratio:.1f}x" + (f" **over {limit:.1f}x**" if ratio > limit else ""))
            else:
                cells.append("-")
        cells.append(" / ".join(f"{measures[size].peak_mb:.0f}" if size in measures else "-" for size in sizes))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _sizes(text: str) -> list[int]:
    return [int(part.replace(",", "").replace("_", "")) for part in text.split(",") if part.strip()]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", default="100,1000,3000", help="plan counts (default 100,1000,3000)")
    parser.add_argument("--large", action="store_true", help="add 10,000 plans")
    parser.add_argument("--commits", default="10,100,1000", help="history lengths (default 10,100,1000)")
    parser.add_argument("--people", default="10,1000,10000", help="stakeholders in one plan (default 10,1000,10000)")
    parser.add_argument("--rows", default="10000,100000", help="roster rows for score (default 10000,100000)")
    parser.add_argument("--groups", default="plans,commits,people,rosters", help="which growths to measure")
    parser.add_argument("--only", help="comma-separated command names (as in the table) to run")
    parser.add_argument("--source", type=Path, help="run the samkit package of another checkout (before/after)")
    options = parser.parse_args(argv)
    runner = Runner(options.source)
    only = {part.strip() for part in options.only.split(",")} if options.only else None
    plan_sizes = _sizes(options.plans) + ([10_000] if options.large else [])
    groups: list[tuple[Group, Callable[[Runner, Path, Group, set[str] | None], None]]] = []
    wanted = {part.strip() for part in options.groups.split(",")}
    if "plans" in wanted:
        groups.append((Group("plans", "plans", plan_sizes), run_plans))
    if "commits" in wanted:
        groups.append((Group("commits", "commits", _sizes(options.commits)), run_history))
    if "people" in wanted:
        groups.append((Group("people", "stakeholders", _sizes(options.people)), run_people))
    if "rosters" in wanted:
        groups.append(
            (Group("rosters", "rows", _sizes(options.rows) + ([1_000_000] if options.large else [])), run_rosters)
        )
    print(f"machine: {machine()}")
    print(f"samkit: {' '.join(runner.command)}" + (f" (PYTHONPATH={options.source})" if options.source else ""))
    with tempfile.TemporaryDirectory(prefix="samkit-scale-") as scratch:
        for group, run in groups:
            print(f"\n{group.name}:", flush=True)
            run(runner, Path(scratch), group, only)
            print("\n".join(growth_table(group)), flush=True)


if __name__ == "__main__":
    main()
