"""Output on a real terminal (a pseudo-terminal at 80 and 200 columns) and through a pipe."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest

from tests.conftest import PLANS, REPO

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
COMMANDS = [
    ["pipeline", "plans/", "--by", "quarter"],
    ["coverage", "plans/", "--today", "2026-02-01"],
    ["portfolio", "plans/", "--today", "2026-02-01"],
    ["score", "plans/roster.csv", "--explain"],
    ["rules"],
]


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SAMKIT_", "NO_COLOR", "COLUMNS"))}
    env.update({"PYTHONPATH": str(REPO), "TERM": "xterm-256color", **extra})
    return env


def on_terminal(args: list[str], columns: int, **extra: str) -> str:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "samkit", *args],
        cwd=str(REPO),
        env=environment(**extra),
        dimensions=(60, columns),
        encoding="utf-8",
        timeout=60,
    )
    output: str = child.read()
    child.close()
    assert child.exitstatus == 0, output
    return output.replace("\r\n", "\n")


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[0])
def test_every_line_fits_the_terminal_and_colour_marks_tiers(args: list[str], columns: int) -> None:
    output = on_terminal(args, columns)
    lines = ANSI.sub("", output).splitlines()
    assert lines
    too_wide = [line for line in lines if len(line) > columns]
    assert too_wide == []  # the terminal never hard-wraps a line mid-word
    assert all(line == line.rstrip() for line in lines)
    if args[0] in {"portfolio", "score"}:
        assert "\x1b[1;32mStrategic\x1b[0m" in output  # tiers in colour on a terminal


def test_at_80_columns_the_pipeline_is_whole_figures_and_words() -> None:
    lines = ANSI.sub("", on_terminal(["pipeline", "plans/"], 80)).splitlines()
    text = "\n".join(lines)
    for figure in ("$1,485,000.50", "$4,291,751.25", "$1,842,700.95"):
        assert figure in text
    assert "Weighted      Wei" not in text and not any(line.strip() == "ghted" for line in lines)


def test_at_200_columns_a_table_keeps_its_natural_layout() -> None:
    lines = ANSI.sub("", on_terminal(["pipeline", "plans/"], 200)).splitlines()
    header = next(line for line in lines if line.startswith("Account"))
    assert header.split("  ")[0] == "Account" and "Weighted recurring" in header  # one header line, not stacked


def test_no_colour_with_no_color_set() -> None:
    output = on_terminal(["score", "plans/roster.csv"], 80, NO_COLOR="1")
    assert "\x1b[" not in output


@pytest.mark.slow
def test_piped_output_has_no_colour_and_no_trailing_blanks() -> None:
    for args in COMMANDS:
        result = subprocess.run(
            [sys.executable, "-m", "samkit", *args],
            cwd=REPO,
            env=environment(COLUMNS="80"),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "\x1b[" not in result.stdout and "\x1b[" not in result.stderr
        assert all(line == line.rstrip() for line in result.stdout.splitlines()), args
    assert PLANS.is_dir()


@pytest.mark.slow
def test_a_progress_bar_shows_for_many_plans_on_a_terminal_only(tmp_path: Path) -> None:
    from samkit.output.console import BAR_MIN_ITEMS

    seed = (PLANS / "global-financial-corp.yaml").read_text(encoding="utf-8")
    for number in range(BAR_MIN_ITEMS):  # each its own account: two plans of one account are invalid
        copy = seed.replace("name: Global Financial Corp", f"name: Global Financial {number:04}", 1)
        (tmp_path / f"plan-{number:04}.yaml").write_text(copy, encoding="utf-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "samkit", "validate", str(tmp_path)],
        cwd=str(REPO),
        env=environment(),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=120,
    )
    shown: str = child.read()
    child.close()
    assert "validating" in shown and f"/{BAR_MIN_ITEMS}" in shown  # the bar, on the terminal's stderr
    assert f"{BAR_MIN_ITEMS} plans valid" in shown
    piped = subprocess.run(
        [sys.executable, "-m", "samkit", "validate", str(tmp_path)],
        cwd=REPO,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert piped.stderr == f"{BAR_MIN_ITEMS} plans valid\n"  # no bar when piped
