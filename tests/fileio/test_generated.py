"""The generated-files service behind render, site, schema and the docs: compare, stage, commit, one wording."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samkit.errors import UsageError
from samkit.fileio import generated
from samkit.fileio.generated import (
    MISSING,
    NO_LONGER_MADE,
    OUT_OF_DATE,
    UP_TO_DATE,
    FileStatus,
    GeneratedFiles,
    LineEnds,
    check_listing,
    check_summary,
    write_summary,
)


def _folder(root: Path) -> Path:
    out = root / "out"
    (out / "sub").mkdir(parents=True)
    (out / "same.txt").write_bytes(b"same\n")
    (out / "sub" / "old.txt").write_bytes(b"old\n")
    return out


def _add_three(files: GeneratedFiles, out: Path) -> list[str]:
    return [
        files.add(out / "same.txt", b"same\n").state,
        files.add(out / "sub" / "old.txt", b"new\n").state,
        files.add(out / "new" / "made.txt", b"made\n", source="plans/acme.yaml").state,
    ]


def test_each_file_is_compared_as_it_is_added_and_a_check_writes_nothing(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    with GeneratedFiles(checking=True, root=out) as files:
        assert _add_three(files, out) == [UP_TO_DATE, OUT_OF_DATE, MISSING]
        files.commit()  # nothing to commit when checking
    assert (out / "sub" / "old.txt").read_bytes() == b"old\n"
    assert not (out / "new").exists()
    assert sorted(path.name for path in out.rglob("*")) == ["old.txt", "same.txt", "sub"]
    assert not files.in_sync


def test_a_write_changes_only_what_differs_and_only_at_commit(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    os.utime(out / "same.txt", (1, 1))
    with GeneratedFiles(checking=False, root=out) as files:
        _add_three(files, out)
        assert (out / "sub" / "old.txt").read_bytes() == b"old\n"  # staged beside it, not in place yet
        files.commit()
    assert (out / "sub" / "old.txt").read_bytes() == b"new\n"
    assert (out / "new" / "made.txt").read_bytes() == b"made\n"
    assert (out / "same.txt").stat().st_mtime == 1  # unchanged: not rewritten
    assert not list(out.rglob(".*.tmp"))


@pytest.mark.parametrize("failure", [UsageError("a template problem"), KeyboardInterrupt()])
def test_an_error_or_ctrl_c_before_commit_leaves_every_file_as_it_was(tmp_path: Path, failure: BaseException) -> None:
    out = _folder(tmp_path)
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    with pytest.raises(type(failure)), GeneratedFiles(checking=False, root=out) as files:
        _add_three(files, out)
        files.remove(out / "same.txt")
        raise failure
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before  # no temp file left


def test_files_no_longer_generated_are_listed_and_removed_on_commit_only(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    with GeneratedFiles(checking=True, root=out) as files:
        files.remove(out / "sub" / "old.txt")
        files.commit()
    assert (out / "sub" / "old.txt").exists()
    assert files.statuses == [FileStatus(out / "sub" / "old.txt", NO_LONGER_MADE)]
    with GeneratedFiles(checking=False, root=out) as files:
        files.remove(out / "sub" / "old.txt")
        files.commit()
    assert not (out / "sub" / "old.txt").exists()


def test_nothing_is_removed_through_a_link_out_of_the_folder(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_bytes(b"keep\n")
    (out / "linked").symlink_to(outside, target_is_directory=True)
    with (
        pytest.raises(UsageError, match="a symbolic link leads outside"),
        GeneratedFiles(checking=False, root=out) as files,
    ):
        files.remove(out / "linked" / "keep.txt")
        files.commit()
    assert (outside / "keep.txt").read_bytes() == b"keep\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_target_that_cannot_be_compared_is_a_check_that_cannot_be_made(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "page.html")
    (tmp_path / "folder.html").mkdir()
    with GeneratedFiles(checking=True, root=tmp_path) as files:
        with pytest.raises(UsageError, match=r"page.html: cannot check: not a regular file"):
            files.add(tmp_path / "page.html", b"x")
        with pytest.raises(UsageError, match=r"folder.html: cannot check: a directory"):
            files.add(tmp_path / "folder.html", b"x")
    with pytest.raises(UsageError, match="refusing to write to it"), GeneratedFiles(checking=False) as files:
        files.add(tmp_path / "page.html", b"x")
    assert (tmp_path / "page.html").is_fifo()


def test_line_ends_as_written_on_any_system_count_as_the_same_text(tmp_path: Path) -> None:
    (tmp_path / "crlf.md").write_bytes(b"# Title\r\n\r\nText\r\n")
    with GeneratedFiles(checking=True) as files:
        assert files.add(tmp_path / "crlf.md", b"# Title\n\nText\n").state == OUT_OF_DATE
    with GeneratedFiles(checking=True, line_ends=LineEnds.ANY) as files:
        assert files.add(tmp_path / "crlf.md", b"# Title\n\nText\n").state == UP_TO_DATE
        assert files.add(tmp_path / "crlf.md", b"# Title\n\nOther\n").state == OUT_OF_DATE


def test_a_file_larger_than_what_would_match_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing costs at most the size of the new file (twice that with any line ends), whatever is on disk."""
    big = tmp_path / "big.html"
    big.write_bytes(b"x" * (8 << 20))
    read: list[int] = []
    real_read = os.read

    def counted_read(descriptor: int, size: int) -> bytes:
        chunk = real_read(descriptor, size)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counted_read)
    with GeneratedFiles(checking=True) as files:
        assert files.add(big, b"<p>small</p>\n").state == OUT_OF_DATE
    assert sum(read) == 0


def test_path_work_per_file_does_not_grow_with_the_number_of_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fixed number of ``Path.resolve`` calls per added file: a pairwise check would grow with the files."""

    def resolutions(count: int, checking: bool) -> int:
        out = tmp_path / f"{count}-{checking}"
        calls = 0
        resolve = Path.resolve

        def counted(path: Path, strict: bool = False) -> Path:
            nonlocal calls
            calls += 1
            return resolve(path, strict=strict)

        with monkeypatch.context() as patch:
            patch.setattr(Path, "resolve", counted)
            with GeneratedFiles(checking=checking, root=out) as files:
                for number in range(count):
                    files.add(out / f"page-{number}.html", b"page\n")
                files.commit()
        return calls

    for checking in (True, False):
        small, large = resolutions(10, checking), resolutions(50, checking)
        assert (large - small) / 40 <= 6, (checking, small, large)


def _statuses() -> list[FileStatus]:
    return [
        FileStatus(Path("site/index.html"), OUT_OF_DATE),
        FileStatus(Path("site/accounts/acme.html"), MISSING, "plans/acme.yaml"),
        FileStatus(Path("site/actions.html"), UP_TO_DATE),
        FileStatus(Path("site/accounts/gone.html"), NO_LONGER_MADE),
    ]


def test_one_wording_for_every_command() -> None:
    statuses = _statuses()
    assert check_listing(statuses).splitlines() == [
        "site/accounts/acme.html: missing (from plans/acme.yaml)",
        "site/accounts/gone.html: no longer generated",
        "site/index.html: out of date",
    ]
    assert (
        check_summary(statuses, "site file", "samkit site")
        == "2 of 3 site files would change (1 missing, 1 out of date), and 1 no longer generated would be removed;"
        " run samkit site to update"
    )
    # every file made changes and one more goes: the count is out of the files made, the removal said apart
    everything = [FileStatus(Path(f"site/{name}.html"), OUT_OF_DATE) for name in "ab"] + statuses[3:]
    assert check_summary(everything, "site file", "samkit site") == (
        "2 of 2 site files would change (2 out of date), and 1 no longer generated would be removed;"
        " run samkit site to update"
    )
    assert check_summary(statuses[2:], "site file", "samkit site") == (
        "1 site file up to date, and 1 no longer generated would be removed; run samkit site to update"
    )
    assert check_summary(statuses[2:3], "site file", "samkit site") == "1 site file up to date"
    assert (
        write_summary(statuses, "site file", Path("site"))
        == "wrote 2 of 3 site files to site; removed 1 site file no longer generated"
    )
    assert write_summary(statuses[2:3], "document", Path("docs")) == "wrote 0 of 1 document to docs"


def test_every_command_that_generates_files_uses_the_service() -> None:
    """render, site, schema and scripts/gen_docs.py: the words of the listing live in one module."""
    repo = Path(generated.__file__).resolve().parents[2]
    users = [
        "samkit/commands/site.py",
        "samkit/commands/schema.py",
        "samkit/render/documents.py",
        "samkit/render/messages.py",
        "scripts/gen_docs.py",
    ]
    for user in users:
        assert "samkit.fileio.generated" in (repo / user).read_text(encoding="utf-8"), user
    for module in ("samkit/site/build.py", "samkit/render/documents.py", "samkit/commands/render.py"):
        text = (repo / module).read_text(encoding="utf-8")
        assert '"out of date"' not in text and '"missing"' not in text, module  # no second copy of the states
