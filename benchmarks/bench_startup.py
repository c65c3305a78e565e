"""Start-up cost of ``samkit`` against the floor of the framework: a bare Typer app with the same commands.

Times, in one run and interleaved so that machine noise hits both sides alike:

- ``samkit --help``                        vs  the bare app's ``--help``;
- ``samkit validate plans/<one>.yaml``     vs  the bare app's ``validate`` doing nothing;
- ``samkit log plans/<one>.yaml NAME --dry-run`` vs the same no-op (``log`` is start-up bound: one plan read,
  edited in memory and re-validated).

Each figure is the median wall time of N fresh interpreter processes (the venv's python). Goals:
``--help`` within 1.2x, one-plan ``validate`` and ``log`` within 1.5x of the bare app.

Usage: python benchmarks/bench_startup.py [--repeat N] [--plan plans/<one>.yaml]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from samkit.cli import COMMANDS

REPO = Path(__file__).resolve().parent.parent
# the bare app gets the same command names as samkit's CLI
COMMAND_NAMES = tuple(COMMANDS)
HELP_GOAL = 1.2
VALIDATE_GOAL = 1.5
LOG_GOAL = 1.5

BARE_APP = '''\
"""A bare Typer app with samkit's command names: the floor of the framework."""
from typing import Annotated, Optional

import typer

app = typer.Typer(name="bare", add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)


@app.callback()
def root() -> None:
    """A bare Typer app."""


@app.command("validate")
def validate(paths: Annotated[Optional[list[str]], typer.Argument()] = None) -> None:
    """Do nothing."""

'''

BARE_COMMAND = '''
@app.command("{name}")
def command_{name}() -> None:
    """Do nothing."""
'''

# Both sides start the same way: a tiny launcher script importing an already-compiled module.
SAMKIT_LAUNCHER = "from samkit.cli import main\nmain()\n"
BARE_LAUNCHER = "from bare_cli import app\napp()\n"


def write_bare_app(folder: Path) -> tuple[Path, Path]:
    source = BARE_APP + "".join(BARE_COMMAND.format(name=name) for name in COMMAND_NAMES if name != "validate")
    (folder / "bare_cli.py").write_text(source, encoding="utf-8")
    bare = folder / "run_bare.py"
    bare.write_text(BARE_LAUNCHER, encoding="utf-8")
    samkit = folder / "run_samkit.py"
    samkit.write_text(SAMKIT_LAUNCHER, encoding="utf-8")
    return bare, samkit


def run_once(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    completed = subprocess.run(argv, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv)} exited {completed.returncode}:\n{completed.stderr.decode(errors='replace')}"
        )
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30, help="processes per measurement (default 30)")
    parser.add_argument("--plan", default="plans/global-financial-corp.yaml", help="the one plan to validate")
    options = parser.parse_args()

    python = sys.executable
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SAMKIT_", "PYTHON"))}
    env["NO_COLOR"] = "1"
    env["SAMKIT_TODAY"] = "2026-02-16"  # the same run on any machine date
    with tempfile.TemporaryDirectory(prefix="samkit-bench-") as temp:
        folder = Path(temp)
        bare, samkit = write_bare_app(folder)
        # this checkout first: the bench measures the tree it is in, installed or not
        env["PYTHONPATH"] = os.pathsep.join([str(folder), str(REPO)])
        # compile the bare module's .pyc once so neither side pays for compiling on the timed runs
        subprocess.run([python, "-c", "import bare_cli, samkit.cli"], cwd=REPO, env=env, check=True)
        cases = {
            "help": ([python, str(samkit), "--help"], [python, str(bare), "--help"], HELP_GOAL),
            "validate": (
                [python, str(samkit), "validate", options.plan],
                [python, str(bare), "validate", options.plan],
                VALIDATE_GOAL,
            ),
            "log": (
                [python, str(samkit), "log", options.plan, "Jennifer Wu", "--dry-run"],
                [python, str(bare), "validate", options.plan, "Jennifer Wu"],
                LOG_GOAL,
            ),
        }
        times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in cases}
        for ours, floor, _ in cases.values():  # warm-up: file-system caches, .pyc files
            run_once(ours, env)
            run_once(floor, env)
        for _ in range(options.repeat):
            for name, (ours, floor, _) in cases.items():
                times[name][0].append(run_once(ours, env))
                times[name][1].append(run_once(floor, env))

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; {platform.platform()}")
    print(f"median of {options.repeat} runs each, interleaved\n")
    print(f"{'case':<44} {'samkit':>9} {'bare':>9} {'ratio':>7} {'goal':>5}   {'min ratio':>9}")
    for name, (_, _, goal) in cases.items():
        ours, floor = times[name]
        ours_ms = statistics.median(ours) * 1000
        floor_ms = statistics.median(floor) * 1000
        ratio = ours_ms / floor_ms
        label = {"help": "--help", "validate": f"validate {options.plan}", "log": "log PLAN NAME --dry-run"}[name]
        verdict = "ok" if ratio <= goal else "MISSED"
        # the fastest runs are the least disturbed by other load on the machine: a second opinion
        print(
            f"{label:<44} {ours_ms:7.1f}ms {floor_ms:7.1f}ms {ratio:6.2f}x {goal:4.1f}x {verdict:<6}"
            f" {min(ours) / min(floor):6.2f}x"
        )


if __name__ == "__main__":
    main()
