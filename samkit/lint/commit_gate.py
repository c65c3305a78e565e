"""What a pre-commit hook blocks on: what the commit itself breaks, not what the calendar did.

A commit is blocked by a plan that does not load (SAM001/SAM002) and by a blocking finding about something
the commit changes: a changed line within the list item the finding points into (removing a risk's
mitigation changes the risk), or within the section, for a finding on a section's key (removing a
stakeholder changes the map). Time-based findings (a contact gone stale, a review or an action overdue, an opportunity
whose quarter ended) turn up without any edit, so they are shown but never block a commit: a typo fix must
not wait for a call to be made. ``samkit lint`` in CI still fails on them; the schedule there is the
reminder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from samkit.findings import SCHEMA, SYNTAX, Finding, Severity

# rules whose findings appear by the passing of days, with no edit to the plan
TIME_BASED = frozenset({"SAM101", "SAM207", "SAM301", "SAM302", "SAM303"})
STRUCTURE = frozenset({SYNTAX, SCHEMA})


@dataclass
class CommitGate:
    blocking: list[Finding] = field(default_factory=list)
    time_based: list[Finding] = field(default_factory=list)  # shown, never blocking
    elsewhere: list[Finding] = field(default_factory=list)  # on lines the commit does not change

    def exit_code(self) -> int:
        return 1 if self.blocking else 0

    def note(self) -> str:
        """One line for stderr on what did not block, and why; empty when everything counted."""
        parts = []
        if self.time_based:
            parts.append(f"{len(self.time_based)} time-based (stale contacts, overdue reviews and actions)")
        if self.elsewhere:
            parts.append(f"{len(self.elsewhere)} on lines this commit does not change")
        if not parts:
            return ""
        return (
            f"samkit lint --pre-commit: not blocking the commit: {' and '.join(parts)}; CI's lint still fails on them"
        )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _significant(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def finding_span(lines: Sequence[str], number: int) -> range:
    """The 1-based lines of what the finding at line ``number`` is about: its list item (from the ``- `` that
    opens it to the next line as far left), or the whole section for a top-level key; else the line itself."""
    if not 0 < number <= len(lines):
        return range(number, number + 1)
    start = number
    while start >= 1:
        text = lines[start - 1]
        if _significant(text) and (text.lstrip(" ").startswith("- ") or _indent(text) == 0):
            break
        start -= 1
    if start < 1:
        return range(number, number + 1)
    opener = lines[start - 1]
    level = _indent(opener)
    end = start + 1
    while end <= len(lines):
        text = lines[end - 1]
        if _significant(text) and (
            _indent(text) < level or (_indent(text) == level and (level == 0 or text.lstrip(" ").startswith("- ")))
        ):
            break
        end += 1
    return range(start, end)


def _read_lines(path: str) -> list[str]:
    from samkit.fileio.inputs import InputProblem, read_input_text

    try:
        return read_input_text(path, 1024 * 1024, "plan").splitlines()
    except InputProblem:
        return []


def gate(findings: list[Finding], changes: Mapping[str, set[int] | None], strict: bool = False) -> CommitGate:
    """Sort the findings that would fail ``lint`` (errors; every finding with ``strict``) by whether they block."""
    result = CommitGate()
    texts: dict[str, list[str]] = {}

    def lines_of(path: str) -> list[str]:
        if path not in texts:
            texts[path] = _read_lines(path)
        return texts[path]

    for finding in findings:
        if finding.severity is not Severity.ERROR and not strict:
            continue
        changed = changes.get(finding.path)
        if finding.code in STRUCTURE:
            result.blocking.append(finding)
        elif finding.code in TIME_BASED:
            result.time_based.append(finding)
        elif changed is None or changed.intersection(finding_span(lines_of(finding.path), finding.line)):
            result.blocking.append(finding)
        else:
            result.elsewhere.append(finding)
    return result
