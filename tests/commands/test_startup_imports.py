"""Start-up stays lean: what importing the CLI and running one-plan commands loads, checked without timing.

The figures are benchmarks/bench_startup.py's; these tests keep the causes from coming back: a command
module importing a heavy library at import time, a command that uses no setting building the configuration
models, or one run building every command.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from samkit.commands._options import check_config
from samkit.config import load_config
from samkit.errors import UsageError
from tests.conftest import REPO, SEED_PLAN

# libraries no command needs merely to start, and the part of samkit that a command using no setting skips
HEAVY = ("polars", "jinja2", "icalendar", "rich", "pydantic", "yaml", "markdown_it")
NOT_FOR_ONE_PLAN = ("polars", "jinja2", "icalendar", "rich", "markdown_it", "samkit.config", "samkit.rules")

PROBE = """
import json, sys
from samkit import cli
sys.argv = ["samkit", *json.loads(sys.argv[1])]
cli._leave = sys.exit  # main() ends the process at once otherwise: the modules are to be reported first
code = 0
if len(sys.argv) > 1:
    try:
        cli.main()
    except SystemExit as exit_:
        code = exit_.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def loaded(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    """The exit code of ``samkit ARGS`` run in a fresh interpreter, and every module it had loaded."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SAMKIT_", "PYTHON"))}
    env["PYTHONPATH"] = str(REPO)
    env["SAMKIT_TODAY"] = "2026-02-16"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout.splitlines()[-1])
    return report["code"], set(report["modules"])


def under(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(
        module for module in modules if any(module == name or module.startswith(f"{name}.") for name in names)
    )


def test_importing_the_cli_loads_no_heavy_library(tmp_path: Path) -> None:
    code, modules = loaded([], tmp_path)
    assert code == 0
    assert "samkit.cli" in modules
    assert under(modules, HEAVY) == []


@pytest.mark.parametrize(
    "args",
    [["validate", "gfc.yaml"], ["log", "gfc.yaml", "Jennifer Wu", "--dry-run"]],
    ids=["validate", "log"],
)
def test_one_plan_commands_load_only_what_they_use(tmp_path: Path, args: list[str]) -> None:
    shutil.copyfile(SEED_PLAN, tmp_path / "gfc.yaml")
    code, modules = loaded(args, tmp_path)
    assert code == 0
    assert "samkit.plan.model" in modules  # the probe really ran the command
    assert under(modules, NOT_FOR_ONE_PLAN) == []


def test_a_pyproject_without_samkit_settings_builds_no_configuration_models(tmp_path: Path) -> None:
    shutil.copyfile(SEED_PLAN, tmp_path / "gfc.yaml")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, modules = loaded(["validate", "gfc.yaml"], tmp_path)
    assert code == 0
    assert "samkit.config" not in modules


def test_samkit_settings_are_still_validated_by_a_command_that_uses_none(tmp_path: Path) -> None:
    shutil.copyfile(SEED_PLAN, tmp_path / "gfc.yaml")
    (tmp_path / "samkit.toml").write_text("[lint]\nstale_contact_day = 30\n", encoding="utf-8")
    assert loaded(["validate", "gfc.yaml"], tmp_path)[0] == 2


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("samkit.toml", ""),
        ("samkit.toml", "[lint]\nstale_contact_days = 30\n"),
        ("samkit.toml", "[lint]\nstale_contact_day = 30\n"),
        ("samkit.toml", "[scoring]\nstrategic_threshold = 40\nkey_threshold = 50\n"),
        ("samkit.toml", "source = 'x'\n"),
        ("samkit.toml", "[lint\n"),
        ("samkit.toml", "[lint]\nstale_contact_days = 1" + "0" * 40 + "\n"),
        ("pyproject.toml", '[project]\nname = "x"\n'),
        ("pyproject.toml", "[tool.samkit]\n"),
        ("pyproject.toml", "[tool]\nsamkit = 3\n"),
        ("pyproject.toml", "[tool.samkit.lint]\nstale_contact_day = 30\n"),
    ],
)
def test_check_config_refuses_exactly_what_load_config_refuses(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for explicit, start in ((path, None), (None, tmp_path)):
        try:
            load_config(explicit, start)
        except UsageError as error:
            with pytest.raises(UsageError) as caught:
                check_config(explicit, start)
            assert str(caught.value) == str(error)
        else:
            check_config(explicit, start)
