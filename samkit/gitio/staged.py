"""The lines a commit changes in each file: ``git diff --cached`` (the index against HEAD), hunk by hunk.

``pre-commit`` has put aside whatever is not staged when its hooks run, so the index is exactly the commit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from samkit.gitio.git import GitError, run_git

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def changed_lines(diff: bytes) -> set[int]:
    """The new-side line numbers a ``-U0`` diff of one file adds or changes; a pure deletion counts the lines
    on both sides of the gap (what was removed sat between them)."""
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start = int(match.group(1))
        count = 1 if match.group(2) is None else int(match.group(2))
        lines.update(range(start, start + count) if count else (start, start + 1))
    return lines


def staged_changes(paths: Sequence[str]) -> dict[str, set[int] | None]:
    """For each path, the lines the staged commit changes; None for a file git does not know (every line is
    then new), or when there is no repository or no git at all."""
    result: dict[str, set[int] | None] = {}
    for path in paths:
        folder = Path(path).parent
        try:
            known = run_git(["ls-files", "--error-unmatch", "--", Path(path).name], folder, check=False)
            if known.returncode != 0:
                result[path] = None
                continue
            diff = run_git(
                ["diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--", Path(path).name],
                folder,
            )
        except GitError:
            result[path] = None
            continue
        result[path] = changed_lines(diff.stdout)
    return result
