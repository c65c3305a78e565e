"""``samkit.fileio.outputs``: the checks before a write, and writes that fail with a message."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from samkit.errors import UsageError
from samkit.fileio.names import shown_name, uri_path
from samkit.fileio.outputs import StagedOutputs, check_output, write_output
from tests.conftest import SEED_PLAN


def test_a_new_file_in_a_new_folder_is_written(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):  # -o into a mistyped folder: refused
        write_output(tmp_path / "a" / "b" / "out.md", "text\n")
    write_output(tmp_path / "a" / "b" / "out.md", "text\n", root=tmp_path, create_folders=True)  # --out-dir
    assert (tmp_path / "a" / "b" / "out.md").read_text(encoding="utf-8") == "text\n"


def test_a_directory_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory; give a file name to write to"):
        write_output(tmp_path, "x")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_fifo_target_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "out")
    with pytest.raises(UsageError, match="not a regular file"):
        check_output(tmp_path / "out")


def test_an_input_is_never_a_target(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("account\n", encoding="utf-8")
    (tmp_path / "alias.csv").symlink_to(roster)
    for target in (roster, tmp_path / "." / "roster.csv", tmp_path / "alias.csv"):
        with pytest.raises(UsageError, match="is an input of this command"):
            write_output(target, "scores", inputs=[roster])
    assert roster.read_text(encoding="utf-8") == "account\n"


def test_a_plan_file_is_never_a_target(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("account: {}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"plan\.yaml: is a plan file; refusing to write a document over it"):
        write_output(plan, "brief")  # not an input of this command: a plan all the same
    with pytest.raises(UsageError, match=r"plan\.yaml: cannot check: it is a plan file \(.yaml\), not a document"):
        check_output(plan, checking=True)
    for name in ("new.yml", "NEW.YAML"):
        with pytest.raises(UsageError, match="would be a plan file"):
            write_output(tmp_path / name, "brief")
        assert not (tmp_path / name).exists()
    assert plan.read_text(encoding="utf-8") == "account: {}\n"
    write_output(tmp_path / "plan.yaml.md", "brief")  # only the suffix makes a plan


def test_no_write_through_a_link_out_of_the_root(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "docs"
    root.mkdir()
    (root / "emea").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UsageError, match="a symbolic link leads outside"):
        write_output(root / "emea" / "a.md", "x", root=root)
    with pytest.raises(UsageError, match="a symbolic link leads outside"):
        write_output(root / "emea" / "new" / "a.md", "x", root=root, create_folders=True)
    assert list(outside.iterdir()) == []
    write_output(root / "apac" / "a.md", "x", root=root, create_folders=True)


def test_a_dangling_link_target_is_replaced_by_the_file(tmp_path: Path) -> None:
    (tmp_path / "out.md").symlink_to(tmp_path / "nowhere")
    write_output(tmp_path / "out.md", "x")
    assert not (tmp_path / "out.md").is_symlink()
    assert not (tmp_path / "nowhere").exists()


def test_names_that_are_not_utf8() -> None:
    name = os.fsdecode(b"plans/caf\xe9 \xff.yaml")
    assert shown_name(name) == "plans/caf\\xe9 \\xff.yaml"
    assert uri_path(name) == "plans/caf%E9%20%FF.yaml"
    assert uri_path("plans/東京.yaml") == "plans/%E6%9D%B1%E4%BA%AC.yaml"
    assert shown_name("plans/東京.yaml") == "plans/東京.yaml"


def test_an_output_name_too_long_for_the_system_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "b" * (os.pathconf(tmp_path, "PC_NAME_MAX") + 1) + ".md"
    result = run_cli("render", str(SEED_PLAN), "-o", name)
    assert result.exit_code == 2
    assert result.stderr == f"samkit: error: {name}: file name too long\n"
    assert os.listdir(tmp_path) == []  # no temporary file left behind


def test_staged_outputs_remove_the_folders_they_made_when_nothing_is_committed(tmp_path: Path) -> None:
    (tmp_path / "there").mkdir()
    with StagedOutputs() as staged:
        staged.stage(tmp_path / "site" / "accounts" / "a.html", b"a", create_folders=True)
        staged.stage(tmp_path / "there" / "new" / "b.html", b"b", create_folders=True)
        staged.stage(tmp_path / "site" / "index.html", b"i", create_folders=True)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")) == ["there"]
    with StagedOutputs() as staged:
        staged.stage(tmp_path / "site" / "accounts" / "a.html", b"a", create_folders=True)
        staged.stage(tmp_path / "site" / "empty" / "b.html", b"b", create_folders=True)
        staged.commit()
    assert (tmp_path / "site" / "accounts" / "a.html").read_bytes() == b"a"
    assert (tmp_path / "site" / "empty" / "b.html").read_bytes() == b"b"  # committed: every folder kept
