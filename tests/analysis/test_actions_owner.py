"""``samkit actions --owner``: a first name that two owners share, and a program where no action names an owner,
are exit 2 with one line that says what to give instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
HEADER = "account:\n  name: Acme Corp\n  manager: Maria Rodriguez\nactions:\n"
OWNED = """\
  - action: Send the QBR deck
    owner: Maria Rodriguez
    due: 2026-02-20
  - action: Book the workshop
    owner: maria  chen
    due: 2026-02-25
"""
UNOWNED = """\
  - action: Draft the proposal
    due: 2026-02-27
"""


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path / "plans"


def test_a_first_name_two_owners_share_asks_for_the_whole_name(plans: Path, run_cli: RunCli) -> None:
    (plans / "acme.yaml").write_text(HEADER + OWNED + UNOWNED, encoding="utf-8")
    result = run_cli("actions", "--owner", "MARIA", "--today", "2026-02-16")
    assert result.exit_code == 2
    assert result.stderr == "samkit: error: --owner 'MARIA' could be Maria Rodriguez, maria chen; give the whole name\n"
    whole = run_cli("actions", "--owner", "Maria Chen", "--today", "2026-02-16", "--format", "json")
    assert whole.exit_code == 0, whole.stderr
    assert '"action": "Book the workshop"' in whole.stdout and "QBR deck" not in whole.stdout


def test_an_owner_when_no_action_names_one_is_exit_2(plans: Path, run_cli: RunCli) -> None:
    (plans / "acme.yaml").write_text(HEADER + UNOWNED, encoding="utf-8")
    result = run_cli("actions", "--owner", "maria", "--today", "2026-02-16")
    assert result.exit_code == 2
    assert result.stderr == "samkit: error: --owner 'maria': no open action names an owner\n"
