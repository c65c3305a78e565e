"""Benchmark: `samkit import` of a large opportunity export against `samkit validate` of the same plans.

Generates, in a temporary folder, N small plans (an account, a few stakeholders and five opportunities
with CRM ids each) and a Salesforce Opportunity report of M rows: each plan's five opportunities (one with
a new amount, one closed won), five new ones per plan (appended), and the rest for accounts outside the
program (skipped, as in a whole-org export). Times as separate processes (start-up included), median of
`--repeat` runs, each import on a fresh copy of the plans (the copy is not timed; a dry run reads the
pristine plans); the peak memory of the
import process is read from the operating system (`ru_maxrss` of the children).

- `samkit validate PLANS`                      the peer: reading and validating every plan once;
- `samkit import EXPORT --plans PLANS`         reading, matching, writing the changed plans;
- `samkit import EXPORT --plans PLANS --dry-run`  the same, then the diff of every changed plan;
- `import again`                               the same import once more on the plans it wrote: nothing to
                                               change (a scheduled run on a quiet day).

Goal: 100,000 rows into 1,000 plans within 3x validate, at most 400 MB.

    python benchmarks/bench_crm_import.py                       # 1,000 plans, 100,000 rows
    python benchmarks/bench_crm_import.py --plans 200 --rows 20000 --repeat 1
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_import import child_env, fresh_copy, timed, warm_up

GOAL, MEMORY_GOAL_MB = 3.0, 400
STAGES = ["Prospecting", "Qualification", "Value Proposition", "Proposal/Price Quote", "Negotiation/Review"]


def build(root: Path, count: int) -> None:
    for number in range(count):
        folder = root / f"region-{number // 100:03}"
        folder.mkdir(parents=True, exist_ok=True)
        lines = [
            f"account:\n  name: Program Account {number}\n  manager: Maria Rodriguez\n  tier: key\n  arr: $500K\n",
            "stakeholders:\n  - name: Lisa Thompson\n    relationship: moderate\n",
            "  - name: Robert Martinez\n    relationship: strong\nopportunities:\n",
        ]
        for index in range(5):
            lines.append(
                f"  - name: Opportunity {index}\n    value: ${100 + index * 10}K\n    kind: recurring\n"
                f"    timeframe: Q3 2026\n    probability: 50%\n    crm_id: 006P{number:05}{index}\n"
            )
        (folder / f"account-{number:05}.yaml").write_text("".join(lines), encoding="utf-8")


def build_export(path: Path, plans: int, rows: int) -> None:
    header = ["Account Name", "Opportunity Name", "Stage", "Amount", "Probability (%)", "Close Date", "Opportunity ID"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        written = 0
        for number in range(plans):
            for index in range(10):
                if written >= rows:
                    break
                account = f"Program Account {number}, Inc."
                if index < 5:
                    amount = (100 + index * 10) * 1000 + (5000 if index == 1 else 0)
                    stage = "Closed Won" if index == 2 else "Proposal/Price Quote"
                    chance = "100" if index == 2 else "50"
                    writer.writerow(
                        [
                            account,
                            f"Opportunity {index}",
                            stage,
                            f"${amount:,.2f}",
                            chance,
                            "9/30/2026",
                            f"006P{number:05}{index}",
                        ]
                    )
                else:
                    writer.writerow(
                        [
                            account,
                            f"New {index}",
                            "Prospecting",
                            "$25,000.00",
                            "10",
                            "12/15/2026",
                            f"006N{number:05}{index}",
                        ]
                    )
                written += 1
        for other in range(rows - written):
            writer.writerow(
                [
                    f"Elsewhere {other // 7}",
                    f"Deal {other}",
                    STAGES[other % 5],
                    f"${other % 900 + 1},000.00",
                    "20",
                    f"{other % 12 + 1}/{other % 28 + 1}/2026",
                    f"006X{other:07}",
                ]
            )
        writer.writerow(["Grand Totals ({rows} records)"])
        writer.writerow(["Confidential Information - Do Not Distribute"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    samkit = [sys.executable, "-m", "samkit"]
    env = child_env("2026-06-01")
    with tempfile.TemporaryDirectory(prefix="samkit-bench-crm-") as temp:
        work = Path(temp)
        pristine = work / "pristine"
        build(pristine, options.plans)
        export = work / "opportunities.csv"
        build_export(export, options.plans, options.rows)
        validate = [*samkit, "validate", str(pristine)]
        warm_up([validate, [*samkit, "import", str(export), "--plans", str(pristine), "--dry-run"]], work, env)
        cases: dict[str, list[float]] = {"validate": [], "import": [], "import --dry-run": [], "import again": []}
        peak = 0.0
        for run in range(options.repeat):
            cases["validate"].append(timed(validate, work, env))
            for name, extra in (("import", []), ("import --dry-run", ["--dry-run"])):
                # a dry run writes nothing: the pristine plans serve it; each import edits its own copy
                plans = fresh_copy(pristine, work / f"plans-{run}") if not extra else pristine
                cases[name].append(timed([*samkit, "import", str(export), "--plans", str(plans), *extra], work, env))
            again = [*samkit, "import", str(export), "--plans", str(work / f"plans-{run}")]
            cases["import again"].append(timed(again, work, env))
            peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        summary = subprocess.run(
            [*samkit, "import", str(export), "--plans", str(pristine), "--dry-run", "-f", "json"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stderr.strip()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; {platform.platform()}")
    print(
        f"{options.plans} plans, {options.rows:,} opportunity rows; median of {options.repeat} runs, start-up included"
    )
    print(summary.splitlines()[0] if summary else "")
    floor = statistics.median(cases["validate"])
    print(f"\n{'case':<20} {'seconds':>8} {'vs validate':>12}")
    for name, times in cases.items():
        print(f"{name:<20} {statistics.median(times):8.2f} {statistics.median(times) / floor:11.2f}x")
    ratio = statistics.median(cases["import"]) / floor
    print(f"peak memory of any run: {peak:.0f} MB")
    verdict = "ok" if ratio <= GOAL and peak <= MEMORY_GOAL_MB else "MISSED"
    print(f"goal: import within {GOAL:.0f}x validate and {MEMORY_GOAL_MB} MB: {verdict}")


if __name__ == "__main__":
    main()
