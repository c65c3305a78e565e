"""Shared fixtures: plans written to ``tmp_path``, the CLI through Typer's CliRunner, a fixed today."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samkit.cli import app
from samkit.plan.loader import load_plan, load_text
from samkit.plan.model import Plan
from tests.gitrepo import GitRepo

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
SEED_PLAN = PLANS / "global-financial-corp.yaml"
# test data: our own (tests/data) and the public corpora and spec beside the clone (../shared)
TEST_DATA = REPO / "tests" / "data"
SHARED = Path(os.environ.get("SAMKIT_SHARED") or REPO.parent / "shared")  # a worktree elsewhere: set SAMKIT_SHARED
# the commands of the command-line contract (spec/cli.md), additions included
CONTRACT_COMMANDS = (
    "validate",
    "schema",
    "new",
    "score",
    "coverage",
    "pipeline",
    "portfolio",
    "render",
    "lint",
    "rules",
    "review",
    "diff",
    "init",
    "log",
    "import",
    "metrics",
    "backtest",
    "actions",
    "site",
    "share",
)

MINIMAL_PLAN = """\
account:
  name: Minimal Co
  manager: Maria Rodriguez
"""


def plan_from(text: str) -> Plan:
    """A validated plan from (indented) YAML text; the test fails with the findings if it does not load."""
    loaded = load_text(textwrap.dedent(text), "test.yaml")
    assert loaded.plan is not None, [finding.format_text() for finding in loaded.findings]
    return loaded.plan


def seed_plan() -> Plan:
    """The seed's Global Financial Corp plan, loaded."""
    plan = load_plan(SEED_PLAN).plan
    assert plan is not None
    return plan


def program_with(root: Path, monkeypatch: pytest.MonkeyPatch, plans: dict[str, str], today: str | None = None) -> Path:
    """``root`` as a program: ``plans/NAME`` written for each of ``plans``, the working folder, and ``today``
    as ``SAMKIT_TODAY`` when given (a fixture then calls it after ``run_cli``, which clears it)."""
    (root / "plans").mkdir()
    for name, text in plans.items():
        (root / "plans" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    if today is not None:
        monkeypatch.setenv("SAMKIT_TODAY", today)
    return root


def plan_bytes(root: Path) -> dict[str, bytes]:
    """Every plan under ``root/plans``, by its path there, as bytes: what an import changed, to the byte."""
    plans = root / "plans"
    return {str(path.relative_to(plans)): path.read_bytes() for path in sorted(plans.rglob("*.yaml"))}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """An empty git repository (``tests.gitrepo``) as the working folder; a test module that needs one with
    plans committed defines its own ``repo``, which takes precedence."""
    repository = GitRepo.create(tmp_path / "repo")
    monkeypatch.chdir(repository.root)
    return repository


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[..., Path]:
    """write_plan(text, name="plan.yaml") → path; the text is dedented so tests can indent it."""

    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """run_cli("validate", "plans/") → click Result with .exit_code, .stdout, .stderr."""
    monkeypatch.delenv("SAMKIT_TODAY", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)  # COLUMNS sets every table's width, piped or not
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> object:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run
