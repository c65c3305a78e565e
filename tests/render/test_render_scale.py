"""``render --out-dir`` does a fixed amount of path work per document, whatever the number of plans.

The guard against writing over a plan once compared every document with every plan (a ``samefile`` and two
``Path.resolve`` calls a pair: two million resolutions at 1,000 plans). These tests count the calls, so a
quadratic path fails here rather than on a user's program.
"""

from __future__ import annotations

import os
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from samkit.config import Config
from samkit.errors import UsageError
from samkit.render import documents
from samkit.render.documents import check_job, plan_targets, render_job, write_job

PLAN = """\
account:
  name: Account {number}
  manager: Maria Rodriguez
stakeholders:
  - name: Ann Example
    relationship: strong
"""


class PathWork:
    """Counts ``Path.resolve`` and ``os.path.samefile`` calls while active."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        resolve, samefile = Path.resolve, os.path.samefile

        def counted_resolve(path: Path, strict: bool = False) -> Path:
            self.calls += 1
            return resolve(path, strict=strict)

        def counted_samefile(one: str, other: str) -> bool:
            self.calls += 1
            return samefile(one, other)

        monkeypatch.setattr(Path, "resolve", counted_resolve)
        monkeypatch.setattr(os.path, "samefile", counted_samefile)


def _plans(root: Path, count: int) -> Path:
    folder = root / "plans"
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"account-{number:03}.yaml").write_text(PLAN.format(number=number), encoding="utf-8")
    return folder


def _render_calls(root: Path, count: int, monkeypatch: pytest.MonkeyPatch, *, check: bool = False) -> int:
    plans = _plans(root, count)
    out = root / "docs"
    with monkeypatch.context() as patch:
        work = PathWork(patch)
        job = plan_targets([plans], None, out, check=check)
        run = check_job if check else write_job
        statuses, failed = run(job, Config(), date(2026, 1, 15))
        calls = work.calls
    assert len(statuses) == count and not failed
    return calls


@pytest.mark.parametrize("check", [False, True])
def test_path_checks_per_document_do_not_grow_with_the_number_of_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check: bool
) -> None:
    small = _render_calls(tmp_path / "small", 10, monkeypatch, check=check)
    large = _render_calls(tmp_path / "large", 40, monkeypatch, check=check)
    per_extra_document = (large - small) / 30
    # three resolutions per document (its plan, itself, its folder once); the pairwise check made it 2 x 40 and more
    assert per_extra_document <= 4, (small, large)
    assert large <= 4 * 40 + small


def test_the_written_documents_are_those_of_a_fresh_render(tmp_path: Path) -> None:
    plans = _plans(tmp_path, 5)
    job = plan_targets([plans], None, tmp_path / "docs")
    result = render_job(job, Config(), date(2026, 1, 15))
    statuses, _ = write_job(job, Config(), date(2026, 1, 15))
    assert [status.state for status in statuses] == ["missing"] * 5
    for document in result.documents:
        assert document.target is not None
        assert document.target.read_text(encoding="utf-8") == document.text
    assert sorted(path.name for path in (tmp_path / "docs").iterdir()) == [f"account-{n:03}.md" for n in range(5)]


def test_a_document_over_a_plan_by_another_name_is_still_refused(tmp_path: Path) -> None:
    """The set built once keeps the guard: a hard link to a plan in the output folder is a plan."""
    plans = _plans(tmp_path, 3)
    out = tmp_path / "docs"
    out.mkdir()
    os.link(plans / "account-001.yaml", out / "account-001.md")
    with pytest.raises(UsageError, match="is an input of this command"):
        plan_targets([plans], None, out)


def test_a_template_error_part_way_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    plans = _plans(tmp_path, 6)
    out = tmp_path / "docs"
    out.mkdir()
    (out / "account-000.md").write_text("old\n", encoding="utf-8")
    template = tmp_path / "fails.md.j2"
    template.write_text(
        '{{ plan.account.name }}{% if plan.account.name == "Account 4" %}{{ no_such_name }}{% endif %}\n',
        encoding="utf-8",
    )
    job = plan_targets([plans], None, out)
    with pytest.raises(UsageError):
        write_job(job, Config(), date(2026, 1, 15), template)
    assert sorted(path.name for path in out.iterdir()) == ["account-000.md"]  # no document, no temp file
    assert (out / "account-000.md").read_text(encoding="utf-8") == "old\n"


def test_documents_are_written_as_they_are_rendered_not_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """30 documents of 1 MB each: the run never holds more than a few of them."""
    plans = _plans(tmp_path, 30)
    megabyte = "x" * (1 << 20)
    monkeypatch.setattr(documents, "render_plan", lambda loaded, *rest: loaded.plan.account.name + megabyte)
    job = plan_targets([plans], None, tmp_path / "docs")
    tracemalloc.start()
    try:
        statuses, _ = write_job(job, Config(), date(2026, 1, 15))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(statuses) == 30
    assert (tmp_path / "docs" / "account-029.md").read_text(encoding="utf-8") == "Account 29" + megabyte
    assert peak < 8 << 20, peak  # holding them all would be 30 MB and more
