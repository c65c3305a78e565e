"""`samkit render` through the CLI: where documents go, --check for CI, exit codes, and errors without tracebacks."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from samkit.config import Config
from samkit.plan.loader import load_plan
from samkit.render.documents import render_plan
from tests.conftest import MINIMAL_PLAN, REPO, SEED_PLAN

RunCli = Callable[..., Any]
SECOND_PLAN = """\
account:
  name: Second Account
  manager: Tom Lee
stakeholders:
  - name: Ann Example
    relationship: strong
"""
BROKEN_PLAN = """\
account:
  name: Broken Co
  manager: Tom Lee
stakeholders:
  - name: Ann
    relationship: warm
"""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run every command from tmp_path, with an empty samkit.toml so the repository's config cannot leak in."""
    (tmp_path / "samkit.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def expected(path: Path) -> str:
    loaded = load_plan(path)
    assert loaded.plan is not None
    return render_plan(loaded, Config(), date(2026, 1, 15))


def make_plans(tmp_path: Path) -> Path:
    """plans/ with the seed, a sub-folder, and two plans sharing a stem in different folders."""
    plans = tmp_path / "plans"
    (plans / "emea").mkdir(parents=True)
    (plans / "apac").mkdir()
    shutil.copy(SEED_PLAN, plans / "global-financial-corp.yaml")
    (plans / "emea" / "acme.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    (plans / "apac" / "acme.yaml").write_text(SECOND_PLAN, encoding="utf-8")
    return plans


def test_a_single_plan_prints_its_document_to_stdout(run_cli: RunCli) -> None:
    result = run_cli("render", str(SEED_PLAN))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected(SEED_PLAN)
    assert result.stderr == ""


def test_output_file_is_written_atomically(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("render", str(SEED_PLAN), "-o", "doc.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert (tmp_path / "doc.md").read_text(encoding="utf-8") == expected(SEED_PLAN)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["doc.md", "samkit.toml"]


def test_a_directory_renders_one_document_per_plan_mirroring_sub_folders(run_cli: RunCli, tmp_path: Path) -> None:
    plans = make_plans(tmp_path)
    result = run_cli("render", "plans", "--out-dir", "out/docs")
    assert result.exit_code == 0, result.stderr
    written = sorted(
        path.relative_to(tmp_path / "out" / "docs").as_posix() for path in (tmp_path / "out").rglob("*.md")
    )
    assert written == ["apac/acme.md", "emea/acme.md", "global-financial-corp.md"]
    docs = tmp_path / "out" / "docs"
    assert (docs / "apac" / "acme.md").read_text(encoding="utf-8") == expected(plans / "apac" / "acme.yaml")
    assert (docs / "emea" / "acme.md").read_text(encoding="utf-8") == expected(plans / "emea" / "acme.yaml")
    assert "wrote 3 of 3 documents to out/docs" in result.stderr


def test_the_output_file_folder_is_created(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("render", str(SEED_PLAN), "-o", "new/folder/doc.md")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "new" / "folder" / "doc.md").read_text(encoding="utf-8") == expected(SEED_PLAN)


def test_a_single_plan_with_out_dir_is_named_after_its_stem(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("render", str(SEED_PLAN), "--out-dir", "docs")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "docs" / "global-financial-corp.md").read_text(encoding="utf-8") == expected(SEED_PLAN)


def test_unchanged_documents_are_not_rewritten(run_cli: RunCli, tmp_path: Path) -> None:
    make_plans(tmp_path)
    assert run_cli("render", "plans", "--out-dir", "docs").exit_code == 0
    document = tmp_path / "docs" / "global-financial-corp.md"
    os.utime(document, (1_000_000, 1_000_000))
    result = run_cli("render", "plans", "--out-dir", "docs")
    assert result.exit_code == 0
    assert "wrote 0 of 3 documents to docs" in result.stderr
    assert document.stat().st_mtime == 1_000_000


def test_check_lists_missing_and_out_of_date_documents_then_passes_once_rendered(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plans = make_plans(tmp_path)
    missing = run_cli("render", "plans", "--out-dir", "docs", "--check")
    assert missing.exit_code == 1
    assert missing.stdout.count(": missing") == 3
    assert not (tmp_path / "docs").exists(), "--check writes nothing"

    assert run_cli("render", "plans", "--out-dir", "docs").exit_code == 0
    in_sync = run_cli("render", "plans", "--out-dir", "docs", "--check")
    assert in_sync.exit_code == 0, in_sync.stdout
    assert in_sync.stdout == ""
    assert "3 documents up to date" in in_sync.stderr

    # someone edits a plan but forgets to render: CI must notice
    seed = plans / "global-financial-corp.yaml"
    seed.write_text(seed.read_text(encoding="utf-8").replace("probability: 65%", "probability: 70%"), encoding="utf-8")
    stale = run_cli("render", "plans", "--out-dir", "docs", "--check")
    assert stale.exit_code == 1
    assert stale.stdout.splitlines() == [
        f"{Path('docs') / 'global-financial-corp.md'}: out of date (from {Path('plans') / 'global-financial-corp.yaml'})"
    ]


def test_check_against_an_output_file(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(expected(SEED_PLAN).replace("Maria", "Marie"), encoding="utf-8")
    assert run_cli("render", str(SEED_PLAN), "-o", "doc.md", "--check").exit_code == 1
    assert run_cli("render", str(SEED_PLAN), "-o", "doc.md").exit_code == 0
    assert run_cli("render", str(SEED_PLAN), "-o", "doc.md", "--check").exit_code == 0


def test_check_does_not_depend_on_today(run_cli: RunCli) -> None:
    assert run_cli("render", str(SEED_PLAN), "-o", "doc.md", "--today", "2026-01-15").exit_code == 0
    assert run_cli("render", str(SEED_PLAN), "-o", "doc.md", "--check", "--today", "2027-09-01").exit_code == 0


def test_the_committed_example_document_is_in_sync(run_cli: RunCli) -> None:
    """The README links docs/examples/: CI runs exactly this check."""
    example = REPO / "docs" / "examples" / "global-financial-corp.md"
    result = run_cli("render", str(SEED_PLAN), "-o", str(example), "--check")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_an_invalid_plan_is_reported_and_the_others_still_render(run_cli: RunCli, tmp_path: Path) -> None:
    plans = make_plans(tmp_path)
    (plans / "broken.yaml").write_text(BROKEN_PLAN, encoding="utf-8")
    result = run_cli("render", "plans", "--out-dir", "docs")
    assert result.exit_code == 1
    assert f"{Path('plans') / 'broken.yaml'}:6:19: " in result.stderr
    assert "warm" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "docs" / "global-financial-corp.md").is_file()
    assert not (tmp_path / "docs" / "broken.md").exists()


def test_check_with_a_plan_that_does_not_load_says_so_and_fails(run_cli: RunCli, tmp_path: Path) -> None:
    plans = make_plans(tmp_path)
    assert run_cli("render", "plans", "--out-dir", "docs").exit_code == 0
    (plans / "broken.yaml").write_text(BROKEN_PLAN, encoding="utf-8")
    result = run_cli("render", "plans", "--out-dir", "docs", "--check")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "3 documents up to date; 1 plan could not be rendered"


def test_check_reads_a_document_that_is_not_utf8_as_out_of_date(run_cli: RunCli, tmp_path: Path) -> None:
    make_plans(tmp_path)
    assert run_cli("render", "plans", "--out-dir", "docs").exit_code == 0
    (tmp_path / "docs" / "global-financial-corp.md").write_bytes(b"\xff\xfe not a document\n")
    result = run_cli("render", "plans", "--out-dir", "docs", "--check")
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"{Path('docs') / 'global-financial-corp.md'}: out of date (from {Path('plans') / 'global-financial-corp.yaml'})\n"
    )
    assert run_cli("render", "plans", "--out-dir", "docs").exit_code == 0  # and rendering puts it right
    assert run_cli("render", "plans", "--out-dir", "docs", "--check").exit_code == 0


def test_an_invalid_single_plan_prints_nothing_on_stdout(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN_PLAN, encoding="utf-8")
    result = run_cli("render", "broken.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("broken.yaml:6:19: ")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["plans", "-o", "x.md"], "is a directory: use --out-dir"),
        (["plans"], "is a directory: give --out-dir"),
        (["nowhere.yaml"], "nowhere.yaml: no such file or directory"),
        (["plans/global-financial-corp.yaml", "-o", "x.md", "--out-dir", "d"], "not both"),
        (["plans/global-financial-corp.yaml", "--check"], "--check compares documents with files"),
        (["plans/global-financial-corp.yaml", "--today", "2026-02-30"], "--today"),
        (["plans/global-financial-corp.yaml", "--template", "nope.md.j2"], "nope.md.j2: template not found"),
        (["plans/global-financial-corp.yaml", "-o", "plans/global-financial-corp.yaml"], "is a plan file"),
        (["plans/global-financial-corp.yaml", "-o", "plans/emea/acme.yaml"], "is a plan file"),  # another plan
        (["plans", "--out-dir", "plans/global-financial-corp.yaml"], "global-financial-corp.yaml: is not a directory"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    run_cli: RunCli, tmp_path: Path, arguments: list[str], message: str
) -> None:
    make_plans(tmp_path)
    before = (tmp_path / "plans" / "global-financial-corp.yaml").read_bytes()
    result = run_cli("render", *arguments)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "plans" / "global-financial-corp.yaml").read_bytes() == before


def test_two_plans_that_would_write_the_same_document_are_refused(run_cli: RunCli, tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "acme.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    (plans / "acme.yml").write_text(SECOND_PLAN, encoding="utf-8")
    result = run_cli("render", "plans", "--out-dir", "docs")
    assert result.exit_code == 2
    assert "would both render to" in result.stderr
    assert not (tmp_path / "docs").exists()


def test_a_broken_template_exits_2_naming_file_and_line_and_leaves_documents_alone(
    run_cli: RunCli, tmp_path: Path
) -> None:
    make_plans(tmp_path)
    assert run_cli("render", "plans", "--out-dir", "docs").exit_code == 0
    before = {path: path.read_bytes() for path in (tmp_path / "docs").rglob("*.md")}
    (tmp_path / "mine.md.j2").write_text("# {{ plan.account.name }}\n{{ plan.acount }}\n", encoding="utf-8")
    result = run_cli("render", "plans", "--out-dir", "docs", "--template", "mine.md.j2")
    assert result.exit_code == 2
    assert result.stderr.startswith("samkit: error: mine.md.j2:2: ")
    assert "Traceback" not in result.stderr
    assert {path: path.read_bytes() for path in (tmp_path / "docs").rglob("*.md")} == before


def test_a_sandbox_violation_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "evil.md.j2").write_text("{{ cycler.__init__.__globals__.os }}\n", encoding="utf-8")
    result = run_cli("render", str(SEED_PLAN), "--template", "evil.md.j2")
    assert result.exit_code == 2
    assert "evil.md.j2:1: not allowed in a template" in result.stderr
    assert result.stdout == ""


def test_a_user_template_renders_every_plan(run_cli: RunCli, tmp_path: Path) -> None:
    make_plans(tmp_path)
    (tmp_path / "brief.md.j2").write_text(
        "# {{ plan.account.name | md }}\n\nPipeline: {{ pipeline.total | money }}\n", encoding="utf-8"
    )
    result = run_cli("render", "plans", "--out-dir", "briefs", "--template", "brief.md.j2")
    assert result.exit_code == 0, result.stderr
    brief = (tmp_path / "briefs" / "global-financial-corp.md").read_text(encoding="utf-8")
    assert brief == "# Global Financial Corp\n\nPipeline: $885,000\n"


def test_an_empty_directory_is_nothing_to_check_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("render", "empty", "--out-dir", "docs", "--check")
    assert result.exit_code == 2
    assert "nothing to check" in result.stderr
