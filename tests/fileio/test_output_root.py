"""``OutputRoot``: ``--out-dir`` resolved once and each of its folders once, with the same refusals as a path."""

from __future__ import annotations

from pathlib import Path

import pytest

from samkit.errors import UsageError
from samkit.fileio import outputs
from samkit.fileio.outputs import OutputRoot, StagedOutputs, check_output


def test_an_output_root_refuses_what_a_plain_root_refuses(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    docs = tmp_path / "docs"
    (docs / "apac").mkdir(parents=True)
    (docs / "emea").symlink_to(outside, target_is_directory=True)
    root = OutputRoot(docs)
    for target in (docs / "apac" / "a.md", docs / "apac" / "b.md", docs / "new" / "a.md"):
        assert check_output(target, root=root) == check_output(target, root=docs) == target
    for target in (docs / "emea" / "a.md", docs / "emea" / "new" / "a.md", docs / ".." / "a.md"):
        messages = []
        for given in (root, docs):
            with pytest.raises(UsageError, match=f"a symbolic link leads outside {docs}; refusing") as refused:
                check_output(target, root=given)
            messages.append(str(refused.value))
        assert messages[0] == messages[1]


def test_the_output_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "docs").symlink_to(real, target_is_directory=True)
    root = OutputRoot(tmp_path / "docs")
    assert root.real == real.resolve()
    assert check_output(tmp_path / "docs" / "sub" / "a.md", root=root) == tmp_path / "docs" / "sub" / "a.md"


def test_a_folder_created_while_staging_is_looked_at_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder was inside DIR when first checked; if what gets created there turns out to be a link out of
    DIR (a race), the check after creating it refuses, whatever was remembered."""
    outside = tmp_path / "outside"
    outside.mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    root = OutputRoot(docs)
    check_output(docs / "new" / "a.md", root=root)  # remembered as inside

    def create_a_link_instead(path: Path) -> None:
        path.parent.symlink_to(outside, target_is_directory=True)

    monkeypatch.setattr(outputs, "_create_folders", create_a_link_instead)
    with StagedOutputs() as staged, pytest.raises(UsageError, match="a symbolic link leads outside"):
        staged.stage(docs / "new" / "a.md", b"x", root=root, create_folders=True)
    assert list(outside.iterdir()) == []
