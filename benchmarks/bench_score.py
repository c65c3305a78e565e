"""Benchmark: `samkit score --format csv --output FILE` against the pandas and polars scripts a user would write.

Generates a roster (deterministic), then runs, interleaved in the same session, each command as a separate
process: samkit's CLI, a pandas script (read_csv, weighted sum, cut into tiers, to_csv) and the same in polars.
Each run's wall time and peak RSS come from ``os.wait4`` on that process. The outputs must give every account
the same tier. Goals (issue #3): samkit at most 0.5x pandas' wall time, no more peak memory, under 1 s for
100,000 rows; (issue #15) at most 1.6x the plain polars script's wall time at 1,000,000 rows.

    .venv/bin/python benchmarks/bench_score.py --rows 100000 1000000 --repeat 3

pandas is needed only here; it is not a dependency of samkit.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DIMENSIONS = (
    "Current Revenue",
    "Expansion Potential",
    "Strategic Fit",
    "Market Influence",
    "Relationship Strength",
    "Product Adoption",
    "Partnership Potential",
)
WEIGHTS = (25, 20, 15, 15, 10, 10, 5)
OWNERS = ("Maria Rodriguez", "James Chen", "Priya Patel", "Tom Becker", "Aisha Okafor", "Lena Novak")
INDUSTRIES = (
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Technology",
    "Energy",
    "Telecommunications",
    "Public Sector",
)
# whole and half points: binary floating point holds them exactly, so pandas' tiers are right too
POINTS = (*(str(value) for value in range(11)), "2.5", "4.5", "5.5", "6.5", "7.5", "8.5")

PANDAS_PEER = """\
import sys

import pandas as pd

WEIGHTS = {weights!r}

roster = pd.read_csv(sys.argv[1])
score = sum(roster[column] * weight for column, weight in WEIGHTS.items()) / 10
roster["score"] = score.round(1)
roster["tier"] = pd.cut(
    score, bins=[float("-inf"), 50, 70, float("inf")], right=False, labels=["Standard", "Key", "Strategic"]
)
roster.to_csv(sys.argv[2], index=False)
"""

POLARS_PEER = """\
import sys

import polars as pl

WEIGHTS = {weights!r}

roster = pl.read_csv(sys.argv[1], schema_overrides={{column: pl.Float64 for column in WEIGHTS}})
score = pl.sum_horizontal([pl.col(column) * weight for column, weight in WEIGHTS.items()]) / 10
tier = pl.when(score >= 70).then(pl.lit("Strategic")).when(score >= 50).then(pl.lit("Key")).otherwise(pl.lit("Standard"))
roster.with_columns(score.round(1).alias("score"), tier.alias("tier")).write_csv(sys.argv[2])
"""
PEERS = {"pandas": PANDAS_PEER, "polars": POLARS_PEER}
GOALS = {"pandas": 0.5, "polars": 1.6}


def money(rng: random.Random, amount: int) -> str:
    """ARR the way CRM exports write it: plain, quoted with thousands separators, or $850K / $1.2M."""
    form = rng.randrange(4)
    if form == 0:
        return str(amount)
    if form == 1:
        return f'"${amount:,}"'
    if form == 2 and amount >= 1_000_000:
        return f"${amount / 1_000_000:.2f}M"
    return f"${amount // 1000}K" if amount % 1000 == 0 else str(amount)


def generate(path: Path, rows: int, seed: int = 20260122) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Account,Owner,Industry,ARR," + ",".join(DIMENSIONS) + "\n")
        lines = []
        for index in range(rows):
            amount = rng.randrange(20, 3000) * 1000 + rng.choice((0, 0, 0, rng.randrange(1000)))
            points = ",".join(rng.choice(POINTS) for _ in DIMENSIONS)
            lines.append(
                f"Account {index:07d} {rng.choice(('Holdings', 'Group', 'Inc', 'Partners'))},"
                f"{rng.choice(OWNERS)},{rng.choice(INDUSTRIES)},{money(rng, amount)},{points}\n"
            )
            if len(lines) == 50_000:
                handle.write("".join(lines))
                lines.clear()
        handle.write("".join(lines))


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process."""
    env = dict(os.environ, NO_COLOR="1")
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{errors.decode(errors='replace')}")
    return wall, usage.ru_maxrss


def tiers_agree(first: Path, second: Path) -> tuple[int, int]:
    """(rows compared, rows whose tier differs); both files list the accounts in roster order."""
    with first.open(newline="", encoding="utf-8") as a, second.open(newline="", encoding="utf-8") as b:
        left, right = csv.DictReader(a), csv.DictReader(b)
        compared = differ = 0
        for row_a, row_b in zip(left, right, strict=True):
            compared += 1
            differ += row_a["tier"] != row_b["tier"]
    return compared, differ


def samkit_command() -> list[str]:
    script = Path(sys.executable).with_name("samkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "samkit"]


def bench(rows: int, repeat: int, folder: Path) -> dict[str, object]:
    roster = folder / f"roster-{rows}.csv"
    generate(roster, rows)
    weights = dict(zip(DIMENSIONS, WEIGHTS, strict=True))
    samkit_out = folder / f"samkit-{rows}.csv"
    commands = {"samkit": [*samkit_command(), "score", str(roster), "--format", "csv", "--output", str(samkit_out)]}
    for name, script in PEERS.items():
        peer = folder / f"{name}_peer.py"
        peer.write_text(script.format(weights=weights), encoding="utf-8")
        commands[name] = [sys.executable, str(peer), str(roster), str(folder / f"{name}-{rows}.csv")]
    runs: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(repeat):  # interleaved, so a change in machine load hits all alike
        for name, command in commands.items():
            runs[name].append(run(command))
    for name in PEERS:
        compared, differ = tiers_agree(samkit_out, folder / f"{name}-{rows}.csv")
        if compared != rows or differ:
            raise SystemExit(f"tiers disagree with {name}: {differ} of {compared} rows (expected {rows} rows)")
    figures: dict[str, object] = {"rows": rows, "mb": roster.stat().st_size / 1e6}
    for name, results in runs.items():
        walls = [wall for wall, _ in results]
        figures[name] = {
            "median_s": statistics.median(walls),
            "min_s": min(walls),
            "all_s": walls,
            "peak_rss_mb": max(rss for _, rss in results) / 1024,
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep the files")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="samkit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    if load is not None:
        print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    try:
        for rows in options.rows:
            figures = bench(rows, options.repeat, folder)
            samkit, pandas = figures["samkit"], figures["pandas"]
            assert isinstance(samkit, dict) and isinstance(pandas, dict)
            time_ratio = samkit["median_s"] / pandas["median_s"]
            memory_ratio = samkit["peak_rss_mb"] / pandas["peak_rss_mb"]
            print(f"\n{rows:,} rows ({figures['mb']:.1f} MB), {options.repeat} interleaved runs each; tiers agree")
            for name in ("samkit", *PEERS):
                result = figures[name]
                assert isinstance(result, dict)
                runs = ", ".join(f"{wall:.2f}" for wall in result["all_s"])
                print(
                    f"  {name:7} median {result['median_s']:6.2f} s  min {result['min_s']:6.2f} s  "
                    f"peak RSS {result['peak_rss_mb']:7.1f} MB   (runs: {runs})"
                )
            print(
                f"  samkit/pandas: time {time_ratio:.2f}x (goal <= {GOALS['pandas']:.2f}x: "
                f"{'met' if time_ratio <= GOALS['pandas'] else 'NOT met'}), "
                f"memory {memory_ratio:.2f}x (goal <= 1.00x: {'met' if memory_ratio <= 1 else 'NOT met'})"
            )
            polars = figures["polars"]
            assert isinstance(polars, dict)
            polars_ratio = samkit["median_s"] / polars["median_s"]
            goal = GOALS["polars"]
            print(
                f"  samkit/polars: time {polars_ratio:.2f}x (goal <= {goal:.2f}x: {'met' if polars_ratio <= goal else 'NOT met'})"
            )
            if rows <= 100_000:
                fast = samkit["median_s"] < 1
                print(f"  samkit under 1 s for {rows:,} rows: {'met' if fast else 'NOT met'}")
    finally:
        if options.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
