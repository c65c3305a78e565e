"""Output paths: never a traceback for a folder one may not write or a directory as the target, never a
write over the command's own input, never a write through a symbolic link out of --out-dir."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_PLAN
from tests.hostile.conftest import assert_clean_exit, samkit

ROSTER = REPO / "plans" / "roster.csv"
REVIEW = ["review", "gfc.yaml", "--today", "2026-02-01"]
SHARE = ["share", "gfc.yaml", "--format", "markdown", "--today", "2026-02-01"]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    shutil.copy(SEED_PLAN, tmp_path / "gfc.yaml")
    shutil.copy(ROSTER, tmp_path / "roster.csv")
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [["score", "roster.csv"], ["score", "roster.csv", "-f", "csv"], REVIEW, ["render", "gfc.yaml"], SHARE],
    ids=["score", "score-csv", "review", "render", "share"],
)
def test_output_onto_an_existing_directory_is_exit_2(inputs: Path, command: list[str]) -> None:
    (inputs / "out").mkdir()
    result = samkit(*command, "-o", "out", cwd=inputs)
    assert_clean_exit(result, 2)
    assert "out: is a directory; give a file name to write to" in result.stderr
    assert list((inputs / "out").iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [["score", "roster.csv"], ["score", "roster.csv", "-f", "csv"], REVIEW, ["render", "gfc.yaml"], SHARE],
    ids=["score", "score-csv", "review", "render", "share"],
)
def test_output_into_a_folder_one_may_not_write_is_exit_2(
    inputs: Path, restricted: list[str], command: list[str]
) -> None:
    locked = inputs / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = samkit(*command, "-o", "locked/out.txt", cwd=inputs, as_user=restricted)
    assert_clean_exit(result, 2)
    assert "locked/out.txt: cannot write: Permission denied" in result.stderr
    assert list(locked.iterdir()) == []


def test_render_out_dir_one_may_not_create_is_exit_2(inputs: Path, restricted: list[str]) -> None:
    (inputs / "plans").mkdir()
    shutil.move(inputs / "gfc.yaml", inputs / "plans" / "gfc.yaml")
    locked = inputs / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = samkit("render", "plans", "--out-dir", "locked/docs", cwd=inputs, as_user=restricted)
    assert_clean_exit(result, 2)
    assert "locked/docs: cannot create the folder: Permission denied" in result.stderr


def test_review_output_onto_its_own_plan_is_refused(inputs: Path) -> None:
    before = (inputs / "gfc.yaml").read_bytes()
    for target in ("gfc.yaml", "./gfc.yaml", str(inputs / "gfc.yaml")):
        result = samkit(*REVIEW, "-f", "markdown", "-o", target, cwd=inputs)
        assert_clean_exit(result, 2)
        assert "is a plan file; refusing to write a document over it" in result.stderr
    (inputs / "link.yaml").symlink_to("gfc.yaml")
    result = samkit(*REVIEW, "-o", "link.yaml", cwd=inputs)
    assert_clean_exit(result, 2)
    assert (inputs / "gfc.yaml").read_bytes() == before


@pytest.mark.parametrize(
    "command",
    [["score", "roster.csv", "-f", "csv"], REVIEW, ["render", "gfc.yaml"], SHARE, ["schema"]],
    ids=["score", "review", "render", "share", "schema"],
)
def test_no_output_is_written_as_a_plan_file(inputs: Path, command: list[str]) -> None:
    """Another plan of the program (not an input of the command), or a new file that every plan command would
    then read as a plan: refused by the one check every output goes through, before any work."""
    other = inputs / "other.yaml"
    other.write_bytes(SEED_PLAN.read_bytes())
    result = samkit(*command, "-o", "other.yaml", cwd=inputs)
    assert_clean_exit(result, 2)
    assert result.stderr == "samkit: error: other.yaml: is a plan file; refusing to write a document over it\n"
    assert other.read_bytes() == SEED_PLAN.read_bytes()
    result = samkit(*command, "--output", "new.YML", cwd=inputs)
    assert_clean_exit(result, 2)
    assert result.stderr == (
        "samkit: error: new.YML: would be a plan file (.YML); refusing to write a document there: give another name\n"
    )
    assert not (inputs / "new.YML").exists()


def test_score_output_onto_its_roster_is_refused(inputs: Path) -> None:
    before = (inputs / "roster.csv").read_bytes()
    result = samkit("score", "roster.csv", "-f", "csv", "-o", "roster.csv", cwd=inputs)
    assert_clean_exit(result, 2)
    assert "roster.csv: is an input of this command" in result.stderr
    assert (inputs / "roster.csv").read_bytes() == before


def test_render_out_dir_never_writes_through_a_symlinked_sub_folder(tmp_path: Path) -> None:
    (tmp_path / "plans" / "emea").mkdir(parents=True)
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "emea" / "gfc.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "emea").symlink_to(outside, target_is_directory=True)
    result = samkit("render", "plans", "--out-dir", "docs", cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert "docs/emea/gfc.md: a symbolic link leads outside docs; refusing to write there" in result.stderr
    assert list(outside.iterdir()) == []


def test_render_out_dir_may_itself_be_a_link(tmp_path: Path) -> None:
    """The folder the user names is theirs to choose, link or not; only links below it are refused."""
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    (tmp_path / "real-docs").mkdir()
    (tmp_path / "docs").symlink_to(tmp_path / "real-docs", target_is_directory=True)
    result = samkit("render", "plans", "--out-dir", "docs", cwd=tmp_path)
    assert_clean_exit(result, 0)
    assert "# Global Financial Corp" in (tmp_path / "real-docs" / "gfc.md").read_text(encoding="utf-8")


def test_a_symlinked_document_is_replaced_not_written_through(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    secret = tmp_path / "secret.txt"
    secret.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "gfc.md").symlink_to(secret)
    result = samkit("render", "plans", "--out-dir", "docs", cwd=tmp_path)
    assert_clean_exit(result, 0)
    assert secret.read_text(encoding="utf-8") == "keep me\n"
    assert not (tmp_path / "docs" / "gfc.md").is_symlink()


def test_site_never_writes_or_removes_through_a_symlinked_sub_folder(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.html").write_text("samkit mine", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "accounts").symlink_to(outside, target_is_directory=True)
    result = samkit("site", "plans", "--out-dir", "site", "--today", "2026-02-01", cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert "a symbolic link leads outside site; refusing to write there" in result.stderr
    assert sorted(path.name for path in outside.iterdir()) == ["keep.html"]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_site_with_a_fifo_for_a_page_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    (tmp_path / "site").mkdir()
    os.mkfifo(tmp_path / "site" / "index.html")
    for extra in ([], ["--check"]):
        result = samkit("site", "plans", "--out-dir", "site", "--today", "2026-02-01", *extra, cwd=tmp_path)
        assert_clean_exit(result, 2)
        assert ("cannot check: not a regular file" if extra else "refusing to write to it") in result.stderr
    assert (tmp_path / "site" / "index.html").is_fifo()
