"""The CLI frame: every command registered, usage errors exit 2, internal errors are one line (exit 70)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pytest

import samkit.cli as cli
from tests.conftest import CONTRACT_COMMANDS, SEED_PLAN


def test_the_commands_of_the_contract_are_registered(run_cli: Callable[..., Any]) -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    assert set(cli.COMMANDS) == set(CONTRACT_COMMANDS)
    for name in CONTRACT_COMMANDS:
        assert name in result.stdout
        assert "not available yet" not in run_cli(name, "--help").stdout


def test_unknown_option_is_a_usage_error(run_cli: Callable[..., Any]) -> None:
    assert run_cli("validate", "--no-such-option").exit_code == 2


@pytest.mark.parametrize(
    "failure",
    [RuntimeError("kaboom"), OSError(5, "kaboom")],  # an OSError that is not a closed pipe is a bug too
    ids=["runtime-error", "os-error"],
)
def test_internal_error_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failure: Exception
) -> None:
    def broken_app() -> None:
        raise failure

    monkeypatch.setattr(cli, "app", broken_app)
    monkeypatch.delenv("SAMKIT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 70
    error = capsys.readouterr().err
    assert f"samkit: internal error: {type(failure).__name__}: " in error and "kaboom" in error
    assert "Traceback" not in error

    monkeypatch.setenv("SAMKIT_DEBUG", "1")
    with pytest.raises(type(failure), match="kaboom"):
        cli.main()


@pytest.mark.parametrize("command", [["validate", "plans"], ["schema"], ["rules"], ["new", "Acme"]])
def test_every_command_takes_config_and_rejects_a_bad_one(
    run_cli: Callable[..., Any], tmp_path: Any, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "seed.yaml")
    (tmp_path / "bad.toml").write_text("[lint]\nbogus = 1\n", encoding="utf-8")
    (tmp_path / "good.toml").write_text("[lint]\nstale_contact_days = 30\n", encoding="utf-8")
    bad = run_cli(*command, "--config", "bad.toml")
    assert bad.exit_code == 2
    assert "bad.toml: lint.bogus: unknown key" in bad.stderr
    assert run_cli(*command, "--config", "good.toml").exit_code == 0
