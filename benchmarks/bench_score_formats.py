"""Benchmark: `samkit score` in every format on a big roster — wall time and peak memory against CSV.

Generates a roster with bench_score.py's generator (deterministic; 500,000 rows by default), then runs each
format as a separate process writing to a file: csv (the reference), the default table (the top 50 and
the tier summary), json and markdown. Each run's wall time and peak RSS come from ``os.wait4``.

Goals: the table within 2x of CSV; json and markdown within 3x of CSV and under 800 MB at 500,000 rows.

    .venv/bin/python benchmarks/bench_score_formats.py --rows 500000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_plans import measure
from bench_score import generate, samkit_command

FORMATS = ("csv", "table", "json", "markdown")
GOALS = {"table": 2.0, "json": 3.0, "markdown": 3.0}
MEMORY_GOAL_MB = 800


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        roster = folder / "roster.csv"
        generate(roster, options.rows)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in FORMATS}
        for _ in range(options.repeat):  # interleaved, so machine noise hits every format alike
            for name in FORMATS:
                command = [*samkit_command(), "score", str(roster), "--format", name, "-o", str(folder / f"out.{name}")]
                runs[name].append(measure(command))
        reference = statistics.median(seconds for seconds, _ in runs["csv"])
        print(f"{options.rows:,} rows, median of {options.repeat}")
        print(f"{'format':<9} {'seconds':>8} {'peak MB':>8} {'vs csv':>7}  goal")
        for name in FORMATS:
            seconds = statistics.median(run[0] for run in runs[name])
            megabytes = max(run[1] for run in runs[name])
            goal = f"<= {GOALS[name]}x" if name in GOALS else "reference"
            print(f"{name:<9} {seconds:>8.2f} {megabytes:>8.0f} {seconds / reference:>6.2f}x  {goal}")
        print(f"memory goal: under {MEMORY_GOAL_MB} MB")


if __name__ == "__main__":
    main()
