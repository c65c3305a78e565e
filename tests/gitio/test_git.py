"""samkit.git on real repositories: revision checks, changed plan files, file contents, commits by date."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samkit.gitio.git import (
    FileChange,
    FileStatus,
    GitError,
    changed_files,
    end_of_options,
    git_executable,
    git_version,
    read_blob,
    read_blobs,
    read_file_at,
    repository_relative,
    repository_root,
    resolve_revision,
    validate_revision,
)
from samkit.gitio.timeline import commit_on_or_before, last_commit_on_or_before
from tests.gitrepo import GitRepo

PLAN_A = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
stakeholders:
  - name: Ann Lee
    title: CTO
    relationship: strong
  - name: Bob Stone
    title: CFO
    relationship: weak
  - name: Cara Diaz
    title: VP Sales
    relationship: moderate
"""

PLAN_B = """\
account:
  name: Globex
  manager: Tom Lee
opportunities:
  - name: Platform
    value: $100K
    probability: 50%
"""


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """samkit's own git calls see no global config, and never a repository above tmp_path."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo.create(tmp_path / "repo")


# --- revisions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "revision",
    ["HEAD", "main", "origin/main", "v1.0", "HEAD~2", "HEAD^", "main^2", "HEAD~1^2~3", "feature/x-y_z", "@", "a1b2c3d"],
)
def test_plain_revisions_are_accepted(revision: str) -> None:
    assert validate_revision(revision) == revision


@pytest.mark.parametrize(
    ("revision", "reason"),
    [
        ("-x", "starts with '-'"),
        ("--output=/tmp/pwned", "starts with '-'"),
        ("", "empty"),
        ("main..feature", "range"),
        ("main...feature", "range"),
        ("HEAD@{1}", "reflog"),
        ("@{upstream}", "reflog"),
        ("HEAD:plans/a.yaml", "use a branch"),
        ("main branch", "use a branch"),
        ("main\nHEAD", "control characters"),
        ("main\x00", "control characters"),
        ("feat*", "use a branch"),
        ("a//b", "check-ref-format"),
        (".hidden", "check-ref-format"),
        ("refs/heads/x.lock", "check-ref-format"),
        ("main/", "check-ref-format"),
        ("main.", "check-ref-format"),
        ("x" * 300, "longer than"),
    ],
)
def test_odd_revisions_are_refused(revision: str, reason: str) -> None:
    with pytest.raises(GitError, match=r"refusing|empty") as caught:
        validate_revision(revision)
    assert reason in str(caught.value)


@given(st.text(min_size=0, max_size=60))
def test_any_accepted_revision_is_safe_on_a_command_line(revision: str) -> None:
    """Whatever text comes in, what passes cannot be an option, a range, a reflog form or a pathspec."""
    try:
        accepted = validate_revision(revision)
    except GitError:
        return
    assert not accepted.startswith("-")
    assert ".." not in accepted and "@{" not in accepted and ":" not in accepted
    assert all(character.isascii() and character.isprintable() and not character.isspace() for character in accepted)


@given(st.text(min_size=0, max_size=30))
def test_a_leading_dash_is_always_refused(rest: str) -> None:
    with pytest.raises(GitError):
        validate_revision("-" + rest)


def test_revisions_resolve_to_their_commit(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    first = repo.commit("first")
    repo.write("plans/b.yaml", PLAN_B)
    second = repo.commit("second")
    repo.tag("v1", first)
    assert resolve_revision("HEAD", repo.root).commit == second
    assert resolve_revision("HEAD~1", repo.root).commit == first
    assert resolve_revision("v1", repo.root).commit == first
    assert resolve_revision("main", repo.root).label == "main"
    assert resolve_revision(second[:12], repo.root).commit == second


def test_an_unknown_revision_is_a_git_error(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    repo.commit("first")
    with pytest.raises(GitError, match="unknown git revision 'nope'"):
        resolve_revision("nope", repo.root)
    with pytest.raises(GitError, match="unknown git revision 'HEAD~5'"):
        resolve_revision("HEAD~5", repo.root)


# --- the repository --------------------------------------------------------------------------------------


def test_repository_root_from_a_subfolder(repo: GitRepo) -> None:
    (repo.root / "plans" / "emea").mkdir(parents=True)
    assert repository_root(repo.root / "plans" / "emea").resolve() == repo.root.resolve()
    assert repository_relative(repo.root / "plans", "emea/x.yaml") == "plans/emea/x.yaml"


def test_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    with pytest.raises(GitError, match="is not inside a git repository"):
        repository_root(outside)


def test_diff_run_inside_the_git_folder_says_it_needs_a_work_tree(
    repo: GitRepo, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write("plans/acme.yaml", PLAN_A)
    repo.commit("plan")
    monkeypatch.chdir(repo.root / ".git")
    result = run_cli("diff", "--path", "../plans")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "samkit: error: git rev-parse failed: this operation must be run in a work tree"
    )
    with pytest.raises(GitError, match="this operation must be run in a work tree"):
        repository_root(repo.root / ".git")


def test_a_path_outside_the_repository_is_a_git_error(repo: GitRepo, tmp_path: Path) -> None:
    with pytest.raises(GitError, match="outside the repository at"):
        repository_relative(repo.root, tmp_path / "elsewhere")


def test_missing_git_is_a_git_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(GitError, match="git was not found on PATH"):
        git_executable()
    with pytest.raises(GitError, match="git was not found on PATH"):
        repository_root(tmp_path)


def test_end_of_options_follows_the_installed_version() -> None:
    version = git_version()
    assert len(version) >= 2 and version[0] >= 2
    assert end_of_options() == (["--end-of-options"] if version >= (2, 24) else [])
    assert end_of_options((999, 0)) == []


# --- changed files ---------------------------------------------------------------------------------------


def test_changed_plan_files_between_two_commits(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    repo.write("plans/b.yaml", PLAN_B)
    repo.write("plans/gone.yaml", PLAN_B.replace("Globex", "Gone Inc"))
    repo.write("README.md", "# plans\n")
    base = repo.commit("base")
    repo.move("plans/a.yaml", "plans/acme.yaml")
    repo.edit("plans/acme.yaml", "relationship: weak", "relationship: moderate")
    repo.edit("plans/b.yaml", "$100K", "$120K")
    repo.remove("plans/gone.yaml")
    repo.write("plans/new.yml", "account:\n  name: Initech\n  manager: Bill Lumbergh\nperiod: Q3 2026\n")
    repo.write("plans/notes.txt", "not a plan\n")
    repo.write("README.md", "# plans, changed\n")
    head = repo.commit("head")

    changes = changed_files(repo.root, base, head, ["plans"])
    assert [(change.status, change.old_path, change.new_path) for change in changes] == [
        (FileStatus.RENAMED, "plans/a.yaml", "plans/acme.yaml"),
        (FileStatus.MODIFIED, "plans/b.yaml", "plans/b.yaml"),
        (FileStatus.DELETED, "plans/gone.yaml", None),
        (FileStatus.ADDED, None, "plans/new.yml"),
    ]
    renamed = changes[0]
    assert renamed.old_blob is not None and renamed.new_blob is not None
    assert read_blob(repo.root, renamed.old_blob).decode() == PLAN_A
    assert b"relationship: moderate" in read_blob(repo.root, renamed.new_blob)
    assert renamed.path == "plans/acme.yaml"
    assert changes[2].path == "plans/gone.yaml"


def test_pathspecs_limit_the_files_and_are_taken_literally(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    repo.write("other/b.yaml", PLAN_B)
    repo.write("plans/[x].yaml", PLAN_B)
    base = repo.commit("base")
    repo.edit("plans/a.yaml", "Acme Corp", "Acme Corporation")
    repo.edit("other/b.yaml", "Globex", "Globex Ltd")
    repo.edit("plans/[x].yaml", "Globex", "X Corp")
    head = repo.commit("head")
    assert [change.path for change in changed_files(repo.root, base, head, ["other"])] == ["other/b.yaml"]
    # a glob-looking name matches only itself
    assert [change.path for change in changed_files(repo.root, base, head, ["plans/[x].yaml"])] == ["plans/[x].yaml"]
    # pathspecs are relative to the folder git runs in; paths come back relative to the root
    assert [change.path for change in changed_files(repo.root / "plans", base, head, ["a.yaml"])] == ["plans/a.yaml"]


def test_working_tree_changes_include_new_untracked_plans(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    repo.write(".gitignore", "plans/ignored.yaml\n")
    base = repo.commit("base")
    repo.edit("plans/a.yaml", "Acme Corp", "Acme Corporation")
    repo.write("plans/untracked.yaml", PLAN_B)
    repo.write("plans/ignored.yaml", PLAN_B)
    changes = changed_files(repo.root, base, None, ["plans"])
    assert changes == [
        FileChange(FileStatus.MODIFIED, "plans/a.yaml", "plans/a.yaml", changes[0].old_blob, None),
        FileChange(FileStatus.ADDED, None, "plans/untracked.yaml"),
    ]
    assert changed_files(repo.root, base, None, ["plans"], include_untracked=False)[0].path == "plans/a.yaml"


def test_a_plan_renamed_to_another_extension_is_deleted(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    base = repo.commit("base")
    repo.move("plans/a.yaml", "plans/a.yaml.bak")
    head = repo.commit("head")
    changes = changed_files(repo.root, base, head, ["plans"])
    assert [(change.status, change.path) for change in changes] == [(FileStatus.DELETED, "plans/a.yaml")]


def test_changed_files_takes_only_commit_ids(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    repo.commit("base")
    with pytest.raises(GitError, match="expected a commit id"):
        changed_files(repo.root, "HEAD", None, ["plans"])


# --- contents and dates ---------------------------------------------------------------------------------


def test_read_many_blobs_in_one_go(repo: GitRepo) -> None:
    contents = {"plans/a.yaml": PLAN_A, "plans/b.yaml": PLAN_B, "plans/empty.yaml": "", "plans/c.yaml": "x\n\n\n"}
    for path, text in contents.items():
        repo.write(path, text, dedent=False)
    commit = repo.commit("blobs")
    ids = {path: repo.git("rev-parse", f"{commit}:{path}").strip() for path in contents}
    read = read_blobs(repo.root, [*ids.values(), ids["plans/a.yaml"]])
    assert {path: read[blob].decode() for path, blob in ids.items()} == contents
    assert read_blobs(repo.root, []) == {}
    with pytest.raises(GitError, match="missing"):
        read_blobs(repo.root, ["0123456789" * 4])


def test_read_file_at_a_commit(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    first = repo.commit("first")
    repo.edit("plans/a.yaml", "Acme Corp", "Acme Corporation")
    second = repo.commit("second")
    assert read_file_at(repo.root, first, "plans/a.yaml") == PLAN_A.encode()
    assert b"Acme Corporation" in (read_file_at(repo.root, second, "plans/a.yaml") or b"")
    assert read_file_at(repo.root, first, "plans/missing.yaml") is None


def test_last_commit_on_or_before_the_end_of_a_day_follows_renames(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    jan_5 = repo.commit("first", date="2026-01-05T09:00:00")
    repo.edit("plans/a.yaml", "relationship: weak", "relationship: moderate")
    jan_12_late = repo.commit("review", date="2026-01-12T23:30:00")
    repo.write("plans/b.yaml", PLAN_B)
    repo.commit("unrelated plan", date="2026-01-14T10:00:00")
    repo.move("plans/a.yaml", "plans/acme.yaml")
    repo.commit("rename", date="2026-01-20T10:00:00")

    assert last_commit_on_or_before(repo.root, "plans/acme.yaml", date(2026, 1, 4)) is None
    found = last_commit_on_or_before(repo.root, "plans/acme.yaml", date(2026, 1, 11))
    assert found is not None and (found.commit, found.path) == (jan_5, "plans/a.yaml")
    found = last_commit_on_or_before(repo.root, "plans/acme.yaml", date(2026, 1, 12))
    assert found is not None and (found.commit, found.path) == (jan_12_late, "plans/a.yaml")
    content = read_file_at(repo.root, found.commit, found.path) or b""
    assert b"relationship: moderate" in content
    found = last_commit_on_or_before(repo.root, "plans/acme.yaml", date(2026, 2, 1))
    assert found is not None and found.path == "plans/acme.yaml"


def test_every_record_of_a_commit_shows_it_by_the_same_short_id(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    commit = repo.commit("first", date="2026-01-05T09:00:00")
    dated = commit_on_or_before(repo.root, date(2026, 1, 5))
    with_path = last_commit_on_or_before(repo.root, "plans/a.yaml", date(2026, 1, 5))
    assert dated is not None and with_path is not None
    shown = {resolve_revision("HEAD", repo.root).short, dated.short, with_path.short}
    assert shown == {commit[:10]}


def test_last_commit_in_an_empty_repository_is_none(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", PLAN_A)
    assert last_commit_on_or_before(repo.root, "plans/a.yaml", date(2030, 1, 1)) is None
