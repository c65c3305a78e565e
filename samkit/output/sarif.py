"""Lint findings as SARIF 2.1.0, the way GitHub code scanning reads it.

What GitHub asks beyond the OASIS schema (docs.github.com, "SARIF support for code scanning"):

- each rule's ``shortDescription`` and ``fullDescription`` at most 1,024 characters (longer ones are refused
  or cut); the whole rule page goes in ``help``, which has no such limit;
- ``partialFingerprints`` on every result, so that an alert is the same alert after edits: uploads through
  the REST API (which do not compute fingerprints, unlike ``upload-sarif``) would otherwise duplicate it.
  Ours hash the rule, the file and the finding's *subject* (the stakeholder, opportunity, action... by its
  name), never the line, so a line inserted above a finding leaves its fingerprint as it was;
- a region that spans the value that is wrong (``endLine``/``endColumn``), so the annotation underlines it;
- ``informationUri`` (the tool) and each rule's ``helpUri`` (its documentation page), when samkit knows
  where its documentation is (see ``samkit.scaffold.provenance``): a guessed address would be worse than none.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.fileio.names import uri_path
from samkit.findings import Finding
from samkit.output.jsonout import dumps

if TYPE_CHECKING:
    from samkit.lint.engine import LintReport
    from samkit.rules import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
GITHUB_DESCRIPTION_LIMIT = 1024  # characters, for shortDescription.text and fullDescription.text
FINGERPRINT_KEY = "samkitSubject/v1"
RULES_PAGE = "lint-rules.md"  # docs/lint-rules.md: one section per rule


def rule_anchor(found: Rule) -> str:
    """The anchor GitHub gives the rule's heading ``### SAM101 stale-contact`` on the rules page."""
    return f"{found.code.lower()}-{found.name}"


def within(text: str, limit: int = GITHUB_DESCRIPTION_LIMIT) -> str:
    """``text`` cut at the last sentence end that fits ``limit`` (a word end at worst), marked with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rfind(". ")
    if cut < limit // 2:
        cut = head.rfind(" ")
        return head[:cut].rstrip(" ,;:") + "…"
    return head[: cut + 1]


def full_description(found: Rule) -> str:
    """The rule's prose (summary and reasons, without its YAML examples and the lines that introduce them)
    within GitHub's limit."""
    from samkit.output.lint_out import rule_sections

    sections = rule_sections(found)
    prose = [found.summary]
    prose += [
        text
        for (kind, text), (next_kind, _) in zip(sections, [*sections[1:], ("end", "")], strict=True)
        if kind == "text" and not (next_kind == "example" and text.endswith(":"))
    ]
    return within(" ".join(part for part in prose if part))


def _sarif_rule(found: Rule, docs_url: str | None) -> dict[str, Any]:
    from samkit.output.lint_out import rule_page_markdown

    entry: dict[str, Any] = {
        "id": found.code,
        "name": found.name,
        "shortDescription": {"text": within(found.summary)},
        "fullDescription": {"text": full_description(found)},
        "help": {"text": found.description, "markdown": rule_page_markdown(found)},
        "defaultConfiguration": {"level": found.severity.value},
    }
    if docs_url is not None:
        entry["helpUri"] = f"{docs_url.rstrip('/')}/{RULES_PAGE}#{rule_anchor(found)}"
    return entry


def _artifact_location(path: str) -> dict[str, str]:
    candidate = Path(path)
    if candidate.is_absolute():
        return {"uri": "file://" + uri_path(candidate.as_posix())}
    return {"uri": uri_path(candidate.as_posix()), "uriBaseId": "SRCROOT"}


@lru_cache(maxsize=64)
def _lines(path: str) -> tuple[str, ...]:
    """The plan's lines, for the extent of a value; none when it cannot be read (the region is then a point)."""
    from samkit.fileio.inputs import InputProblem, read_input_text

    try:
        return tuple(read_input_text(path, 1024 * 1024, "plan").splitlines())
    except InputProblem:
        return ()


def value_end(line_text: str, column: int) -> int:
    """The 1-based column just after the value that starts at ``column`` on ``line_text``: a quoted scalar to
    its closing quote, a plain one to the end of the line before a comment, trailing blanks dropped."""
    start = column - 1
    if start >= len(line_text):
        return column
    rest = line_text[start:]
    if rest[:1] in ("'", '"'):
        quote = rest[0]
        position = 1
        while position < len(rest):
            if rest[position] == "\\" and quote == '"':
                position += 2
                continue
            if rest[position] == quote:
                if quote == "'" and rest[position + 1 : position + 2] == "'":  # '' inside single quotes
                    position += 2
                    continue
                return column + position + 1
            position += 1
        return column + len(rest.rstrip())
    comment = rest.find(" #")
    value = rest if comment < 0 else rest[:comment]
    return column + max(len(value.rstrip()), 1)


def _region(finding: Finding) -> dict[str, int]:
    region = {"startLine": finding.line, "startColumn": max(finding.column, 1)}
    lines = _lines(finding.path)
    if finding.column and 0 < finding.line <= len(lines):
        region["endLine"] = finding.line
        region["endColumn"] = value_end(lines[finding.line - 1], finding.column)
    return region


def fingerprint(finding: Finding, occurrence: int) -> str:
    """rule + file + subject (+ which of several same-subject findings), hashed: no line number in it."""
    key = "\0".join((finding.code, Path(finding.path).as_posix(), finding.subject, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def sarif_log(report: LintReport, rules: Sequence[Rule], version: str, docs_url: str | None = None) -> dict[str, Any]:
    """A SARIF 2.1.0 log for code scanning; accepted findings appear as results with an in-source suppression.

    ``docs_url`` is the folder of samkit's documentation (``.../docs``) when known: it gives each rule its
    ``helpUri`` and the tool its ``informationUri``."""
    index = {found.code: number for number, found in enumerate(rules)}
    seen: Counter[tuple[str, str, str]] = Counter()

    def result(finding: Finding, suppression: dict[str, str] | None = None) -> dict[str, Any]:
        identity = (finding.code, finding.path, finding.subject)
        seen[identity] += 1
        entry: dict[str, Any] = {
            "ruleId": finding.code,
            "level": finding.severity.value,
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact_location(finding.path),
                        "region": _region(finding),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding, seen[identity])},
        }
        if finding.code in index:
            entry["ruleIndex"] = index[finding.code]
        if suppression is not None:
            entry["suppressions"] = [suppression]
        return entry

    results = [result(finding) for finding in report.findings]
    for accepted in report.accepted:
        suppression = {"kind": "inSource"}
        if accepted.reason:
            suppression["justification"] = accepted.reason
        results.append(result(accepted.finding, suppression))
    root = "file://" + uri_path(Path.cwd().as_posix()).rstrip("/") + "/"
    driver: dict[str, Any] = {
        "name": "samkit",
        "version": version,
        "semanticVersion": version,
        "rules": [_sarif_rule(found, docs_url) for found in rules],
    }
    if docs_url is not None:
        driver["informationUri"] = docs_url.rstrip("/").removesuffix("/docs")
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"SRCROOT": {"uri": root}},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def lint_sarif(report: LintReport, rules: Sequence[Rule], version: str, docs_url: str | None = None) -> str:
    return dumps(sarif_log(report, rules, version, docs_url)) + "\n"
