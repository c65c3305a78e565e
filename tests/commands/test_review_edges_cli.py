"""`samkit review` at its edges: what it is given is not one readable plan, and a churned plan in every format."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

Run = Callable[..., Any]

CHURNED = """\
account:
  name: Gone *Inc* & Co
  manager: Maria Rodriguez
  status: churned
"""
CHURNED_SENTENCE = "has churned (account.status: churned): the plan is kept as history, so there is no QBR brief."


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_is_refused_with_exit_2(run_cli: Run, in_tmp: Path) -> None:
    (in_tmp / "plans").mkdir()
    result = run_cli("review", "plans")
    assert result.exit_code == 2
    assert result.stderr.strip() == "samkit: error: plans: review takes one plan file"


@pytest.fixture
def unix_socket(in_tmp: Path) -> Iterator[Path]:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets on this platform")
    server = socket.socket(socket.AF_UNIX)
    server.bind("plan.yaml")  # relative: a tmp_path can be longer than a socket address may be
    try:
        yield in_tmp / "plan.yaml"
    finally:
        server.close()


def test_a_socket_is_refused_by_name(run_cli: Run, unix_socket: Path) -> None:
    result = run_cli("review", unix_socket.name)
    assert result.exit_code == 2
    assert result.stderr.strip() == "samkit: error: plan.yaml: is a socket, not a regular file"


def test_a_symbolic_link_loop_is_refused_by_name(run_cli: Run, in_tmp: Path) -> None:
    (in_tmp / "loop.yaml").symlink_to("loop.yaml")
    result = run_cli("review", "loop.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == "samkit: error: loop.yaml: too many levels of symbolic links"


@pytest.mark.parametrize("command", ["review", "validate", "lint", "render", "share", "coverage"])
def test_a_file_name_too_long_for_the_system_is_a_usage_error(run_cli: Run, in_tmp: Path, command: str) -> None:
    name = "a" * (os.pathconf(in_tmp, "PC_NAME_MAX") + 1) + ".yaml"
    result = run_cli(command, name)
    assert result.exit_code == 2
    assert result.stderr == f"samkit: error: {name}: file name too long\n"


def test_a_churned_plan_says_so_on_the_terminal(run_cli: Run, in_tmp: Path) -> None:
    (in_tmp / "gone.yaml").write_text(CHURNED, encoding="utf-8")
    result = run_cli("review", "gone.yaml", "--today", "2026-04-15")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gone *Inc* & Co " + CHURNED_SENTENCE)


def test_a_churned_plan_as_json_names_its_status(run_cli: Run, in_tmp: Path) -> None:
    (in_tmp / "gone.yaml").write_text(CHURNED, encoding="utf-8")
    result = run_cli("review", "gone.yaml", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"account": "Gone *Inc* & Co", "status": "churned"}


def test_a_churned_plan_as_markdown_keeps_the_name_literal(run_cli: Run, in_tmp: Path) -> None:
    (in_tmp / "gone.yaml").write_text(CHURNED, encoding="utf-8")
    result = run_cli("review", "gone.yaml", "--format", "markdown")
    assert result.exit_code == 0
    tokens = MarkdownIt().parse(result.stdout)
    inline = [token for token in tokens if token.type == "inline"]
    assert len(inline) == 1
    # no emphasis made of the name's asterisks: the text reads back as written
    children = inline[0].children or []
    assert [child.type for child in children] == ["text"]
    assert children[0].content.startswith("Gone *Inc* & Co " + CHURNED_SENTENCE)


@pytest.mark.parametrize(("extra", "name"), [((), "brief.txt"), (("--format", "markdown"), "brief.md")])
def test_a_churned_plan_written_to_a_file(run_cli: Run, in_tmp: Path, extra: tuple[str, ...], name: str) -> None:
    (in_tmp / "gone.yaml").write_text(CHURNED, encoding="utf-8")
    result = run_cli("review", "gone.yaml", "-o", name, *extra)
    assert result.exit_code == 0
    assert result.stdout == ""
    written = (in_tmp / name).read_text(encoding="utf-8")
    assert CHURNED_SENTENCE in written and written.endswith("\n")
    assert "\x1b[" not in written  # a file gets no colour


SMALL = """\
account:
  name: Small Co
  manager: Maria Rodriguez
stakeholders:
  - name: Ann Buyer
    role: economic_buyer
    relationship: strong
    last_contact: 2026-04-01
  - name: Bob Gone
    relationship: weak
    status: left
"""


def test_a_new_small_plan_never_reviewed_with_no_risks_and_a_departure(run_cli: Run, in_tmp: Path) -> None:
    (in_tmp / "small.yaml").write_text(SMALL, encoding="utf-8")
    result = run_cli("review", "small.yaml", "--today", "2026-04-15")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "Strategic (by default: no score, no declared tier); health not recorded; manager Maria Rodriguez; "
        "no executive sponsor; never reviewed."
    )
    assert "Departed: Bob Gone." in lines
    assert lines[lines.index("Risks") + 1] == "No risks recorded."
    assert "No history: " in lines[-1] and "is not inside a git repository" in lines[-1]
