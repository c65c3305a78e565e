"""Help people can read: no type noise, examples, `samkit help CMD`, -V, did-you-mean, completion."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit import __version__, cli
from samkit.commands._help import EXAMPLES
from tests.conftest import PLANS, SEED_PLAN

Run = Callable[..., Any]
COMMANDS = [*cli.COMMANDS, "help"]
TYPE_NOISE = re.compile(r"<(str|bool|int|list\[[a-z]+\]|path)>|\{[a-z_]+\}|[│╭╰]")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_is_plain_fits_80_columns_and_shows_examples(run_cli: Run, name: str) -> None:
    result = run_cli(name, "--help")
    assert result.exit_code == 0
    text = result.stdout
    assert TYPE_NOISE.search(text) is None, TYPE_NOISE.search(text)
    # the help is plain text: no markup escapes (`\[program]`) leaking from rich-style docstrings
    assert "\\[" not in text
    assert all(len(line) <= 80 and line == line.rstrip() for line in text.splitlines())
    assert text.startswith(f"Usage: samkit {name} [OPTIONS]")
    assert "-h, --help" in text
    examples = text[text.index("Examples:") :].splitlines()[1:]
    assert 1 <= len(examples) <= 2 and all(
        line.startswith(f"  $ samkit {name}") or "samkit help" in line for line in examples
    )
    assert examples == [f"  $ {example}" for example in EXAMPLES[name]]


def test_help_command_shows_the_same_help(run_cli: Run) -> None:
    assert run_cli("help", "score").stdout == run_cli("score", "--help").stdout
    assert run_cli("help").stdout == run_cli("--help").stdout


def test_help_for_an_unknown_command_suggests_the_closest(run_cli: Run) -> None:
    result = run_cli("help", "scroe")
    assert result.exit_code == 2
    assert result.stderr.strip() == "samkit: error: no command 'scroe'; did you mean 'score'?"


def test_an_unknown_command_suggests_the_closest(run_cli: Run) -> None:
    result = run_cli("valdate")
    assert result.exit_code == 2
    assert "did you mean 'validate'?" in result.stderr


def test_group_help_lists_commands_options_and_completion(run_cli: Run) -> None:
    text = run_cli("--help").stdout
    for name in cli.COMMANDS:
        assert re.search(rf"^  {name}\s", text, re.MULTILINE), name
    assert "-V, --version" in text
    assert "--install-completion" in text and "--show-completion" in text
    assert TYPE_NOISE.search(text) is None


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags(run_cli: Run, flag: str) -> None:
    result = run_cli(flag)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"samkit {__version__}"


def test_unknown_config_key_suggests_the_closest(run_cli: Run, tmp_path: Path) -> None:
    config = tmp_path / "samkit.toml"
    config.write_text("[lint]\nstale_contact_dayz = 30\n[lint.tiers.key]\nreview_intervl_days = 3\n[scorng]\n")
    result = run_cli("validate", str(SEED_PLAN), "--config", str(config))
    assert result.exit_code == 2
    assert f"{config}: lint.stale_contact_dayz: unknown key; did you mean 'stale_contact_days'?" in result.stderr
    assert "lint.tiers.key.review_intervl_days: unknown key; did you mean 'review_interval_days'?" in result.stderr
    assert "scorng: unknown key; did you mean 'scoring'?" in result.stderr


def test_rules_error_says_samkit_once(run_cli: Run) -> None:
    result = run_cli("rules", "SAM999")
    assert result.exit_code == 2
    assert result.stderr.strip() == "samkit: error: unknown rule code 'SAM999'; `samkit rules` lists them"


def test_render_takes_several_paths(run_cli: Run, tmp_path: Path) -> None:
    two = [str(SEED_PLAN), str(PLANS / "blue-harbor-logistics.yaml")]
    printed = run_cli("render", *two, "--today", "2026-02-01")
    assert printed.exit_code == 0
    titles = [line for line in printed.stdout.splitlines() if line.startswith("# ")]
    assert titles == [
        "# Global Financial Corp: Account Plan, Q1 2026",
        "# Blue Harbor Logistics: Account Plan, Q1 2026",
    ]
    written = run_cli("render", *two, "--out-dir", str(tmp_path), "--today", "2026-02-01")
    assert written.exit_code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["blue-harbor-logistics.md", "global-financial-corp.md"]
    one_file = run_cli("render", *two, "-o", str(tmp_path / "x.md"))
    assert one_file.exit_code == 2 and "--out-dir" in one_file.stderr


def _complete(shell_env: dict[str, str]) -> str:
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMKIT")}
    env.update({"PYTHONPATH": str(REPO), **shell_env})
    code = "import sys; sys.argv[0] = 'samkit'; from samkit.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return result.stdout


def test_shell_completion_completes_commands_and_options() -> None:
    assert _complete({"_SAMKIT_COMPLETE": "complete_bash", "COMP_WORDS": "samkit val", "COMP_CWORD": "1"}).split() == [
        "validate"
    ]
    zsh = _complete({"_SAMKIT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "samkit sc"})
    assert '"schema"' in zsh and '"score"' in zsh
    fish = _complete(
        {
            "_SAMKIT_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "samkit score --f",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert fish.startswith("--format")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_a_script_for_each_shell(shell: str) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMKIT")}
    env["PYTHONPATH"] = str(REPO)
    code = "import sys; sys.argv[0] = 'samkit'; from samkit.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "--show-completion", shell],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "_SAMKIT_COMPLETE" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["review"], "samkit: error: missing PLAN"),
        (["lint", "--jbos", "2"], "samkit: error: no such option --jbos; did you mean --jobs?"),
        (["actions", "--days", "x"], "samkit: error: --days: expected a whole number"),
        (["lint", "--format", "xml"], "samkit: error: --format: 'xml' is not one of"),
        # Click's own sentences (no parameter to name), lower-cased like the rest
        (["lint", "--select"], "samkit: error: option '--select' requires an argument"),
        (["lint", "--strict=yes"], "samkit: error: option '--strict' does not take a value"),
    ],
)
def test_usage_errors_speak_with_one_voice(run_cli: Run, args: list[str], expected: str) -> None:
    """Click's "Error:" and pydantic's "Value error," never reach the user; the usage line is --help's."""
    result = run_cli(*args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Error:" not in result.stderr and "Value error" not in result.stderr and "{" not in result.stderr
    assert result.stderr.startswith(f"Usage: samkit {args[0]} [OPTIONS]")
