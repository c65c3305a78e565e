"""Real git repositories for tests: ``GitRepo.create(tmp_path / "repo")``, then write, move, commit.

The helper runs the real ``git`` (never a fake) with the user's global and system configuration switched
off, so a developer's signing key, hooks or default branch cannot change what a test sees. Commit dates
can be fixed, which tests of "the last commit on or before a date" need.

    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/acme.yaml", text)
    first = repo.commit("Add Acme", date="2026-01-05T10:00:00")
    repo.move("plans/acme.yaml", "plans/acme-corp.yaml")
    second = repo.commit("Rename")
"""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

AUTHOR_NAME = "Test Author"
AUTHOR_EMAIL = "author@example.com"


def git_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment the helper runs git in: no global or system config, no prompts, a stable language."""
    environment = dict(os.environ)
    environment.update(
        {
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "LC_ALL": "C",
        }
    )
    environment.update(extra or {})
    return environment


def isolate_git(monkeypatch: Any, ceiling: Path) -> None:
    """The samkit run by a test sees git as the helper does: no global or system config, and no repository
    above ``ceiling`` (a ``pytest.MonkeyPatch``, undone after the test)."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(ceiling))


# Machine time zones far apart, and each one's offset from UTC on 2026-01-31 (a zone the C library does not know
# would silently be UTC, and a test run "in" it would prove nothing)
ZONES = {"UTC": 0, "America/Los_Angeles": -8 * 3600, "Pacific/Kiritimati": 14 * 3600}


@contextmanager
def machine_zone(zone: str) -> Iterator[None]:
    """Run the block as on a machine whose local time zone is ``zone`` (``TZ`` and ``time.tzset``); the process's
    own zone is put back after it."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        assert time.localtime(1769860800).tm_gmtoff == ZONES[zone]  # 2026-01-31T12:00:00Z
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def commit_at(repo: GitRepo, message: str, committed: str, authored: str | None = None) -> str:
    """Stage everything and commit with this committer date (ISO 8601 with its UTC offset, which git keeps in the
    commit) and author date (default: the same)."""
    repo.git("add", "--all")
    dates = {"GIT_COMMITTER_DATE": committed, "GIT_AUTHOR_DATE": authored or committed}
    repo.git("commit", "--quiet", "--allow-empty", "-m", message, env=dates)
    return repo.head()


@dataclass
class GitRepo:
    root: Path

    @classmethod
    def create(cls, root: Path, branch: str = "main") -> GitRepo:
        """``git init`` a new repository at ``root`` (created if needed) with a local identity."""
        root.mkdir(parents=True, exist_ok=True)
        repo = cls(root)
        repo.git("init", "--quiet")
        repo.git("symbolic-ref", "HEAD", f"refs/heads/{branch}")
        repo.git("config", "user.name", AUTHOR_NAME)
        repo.git("config", "user.email", AUTHOR_EMAIL)
        repo.git("config", "commit.gpgsign", "false")
        repo.git("config", "core.autocrlf", "false")
        return repo

    def git(self, *arguments: str, env: dict[str, str] | None = None) -> str:
        """Run git in the repository and return its standard output; a failure raises with git's message."""
        executable = shutil.which("git")
        assert executable is not None, "these tests need git on PATH"
        completed = subprocess.run(
            [executable, *arguments],
            cwd=self.root,
            env=git_environment(env),
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            raise AssertionError(f"git {' '.join(arguments)} failed:\n{completed.stderr}")
        return completed.stdout

    def path(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, text: str, *, dedent: bool = True) -> Path:
        """Write a file (folders created as needed); the text is dedented unless told otherwise."""
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return target

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str) -> Path:
        """Replace ``old`` (which must occur exactly once) by ``new`` in a file."""
        text = self.read(relative)
        count = text.count(old)
        assert count == 1, f"{old!r} occurs {count} times in {relative}, expected once"
        return self.write(relative, text.replace(old, new), dedent=False)

    def move(self, old: str, new: str) -> None:
        """``git mv`` (so the rename is staged as git would see it in a pull request)."""
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def remove(self, relative: str) -> None:
        self.git("rm", "--quiet", relative)

    def commit(self, message: str, *, date: str | None = None) -> str:
        """Stage everything and commit; ``date`` (ISO, local time) fixes author and committer dates."""
        self.git("add", "--all")
        dates = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else None
        self.git("commit", "--quiet", "--allow-empty", "-m", message, env=dates)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def tag(self, name: str, commit: str = "HEAD") -> None:
        self.git("tag", name, commit)
