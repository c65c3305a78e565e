"""Lint findings as text, JSON and GitHub Actions workflow commands (SARIF: ``samkit.output.sarif``); the
rule list as text, JSON and Markdown. Every format starts from ``Finding.to_dict()`` / the rule registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from samkit.findings import Finding
from samkit.output.jsonout import dumps
from samkit.output.terminal import terminal_safe

if TYPE_CHECKING:
    from samkit.rules import Rule

# ---------------------------------------------------------------------------------------------------------------
# findings


def lint_text(findings: Iterable[Finding], width: int | None = None, colour: bool = False) -> str:
    """``path:line:column: CODE severity: message``, one finding a line (the prefix tools parse is kept).

    On a terminal (``width``), a long message wraps between words under its first line, indented; the
    severity word is coloured with ``colour``. Piped, every finding is exactly one line."""
    import textwrap

    from samkit.output.tables import highlight

    lines = []
    for finding in findings:
        word = finding.severity.value
        line = terminal_safe(f"{finding.location}: {finding.code} {word}: {finding.message}")
        wrapped = (
            textwrap.wrap(line, width, subsequent_indent="    ", break_on_hyphens=False, break_long_words=False)
            if width
            else [line]
        ) or [line]
        if colour:
            prefix = f"{finding.code} {word}:"
            wrapped[0] = wrapped[0].replace(prefix, f"{finding.code} {highlight(word)}:", 1)
        lines.extend(wrapped)
    return "".join(f"{line}\n" for line in lines)


def lint_json(findings: Iterable[Finding]) -> str:
    return dumps([finding.to_dict() for finding in findings]) + "\n"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: % first, so the escapes themselves are not escaped again
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def lint_github(findings: Iterable[Finding]) -> str:
    """``::error file=PATH,line=N,col=N,title=CODE::message`` (``::warning`` for warnings)."""
    lines = []
    for finding in findings:
        properties = ",".join(
            f"{name}={_escape_property(value)}"
            for name, value in (
                ("file", Path(finding.path).as_posix()),
                ("line", str(finding.line)),
                ("col", str(finding.column)),
                ("title", finding.code),
            )
        )
        lines.append(f"::{finding.severity.value} {properties}::{_escape_data(finding.message)}\n")
    return terminal_safe("".join(lines))  # the Actions log interprets ESC sequences too


# ---------------------------------------------------------------------------------------------------------------
# the rule list


def rule_dict(found: Rule) -> dict[str, str]:
    return {
        "code": found.code,
        "name": found.name,
        "severity": found.severity.value,
        "summary": found.summary,
        "description": found.description,
    }


def rules_text(rules: Sequence[Rule], full: bool = False, width: int | None = None, colour: bool = False) -> str:
    """Aligned columns: code, name, default severity, summary, one rule a line (piped); on a terminal of
    ``width`` the summaries wrap beside the columns, and codes and severities are coloured.
    ``full`` gives each rule's whole page instead."""
    import textwrap

    from samkit.output.tables import highlight

    if not rules:
        return ""
    if full:
        return "\n".join(rule_page_text(found, min(width or 80, 100)) for found in rules)
    name_width = max(len(found.name) for found in rules)
    indent = len(rules[0].code) + 2 + name_width + 2 + 7 + 2
    lines = []
    for found in rules:
        summary = [found.summary]
        if width is not None:
            summary = textwrap.wrap(found.summary, max(width - indent, 20), break_on_hyphens=False) or [""]
        code, severity = found.code, f"{found.severity.value:<7}"
        if colour:
            code, severity = highlight(code), severity.replace(found.severity.value, highlight(found.severity.value))
        lines.append(f"{code}  {found.name:<{name_width}}  {severity}  {summary[0]}")
        lines += [" " * indent + part for part in summary[1:]]
    return "\n".join(lines) + "\n"


def rule_page_text(found: Rule, width: int = 80) -> str:
    """One rule's page for a terminal: prose wrapped to ``width`` columns, examples indented as written."""
    import textwrap

    def wrap(text: str, indent: str) -> list[str]:
        return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)

    lines = [f"{found.code}  {found.name}  ({found.severity.value})", "", *wrap(found.summary, "    ")]
    for kind, text in rule_sections(found):
        lines.append("")
        if kind == "example":
            lines.extend(f"        {line}".rstrip() for line in text.splitlines())
        else:
            lines.extend(wrap(text, "    "))
    return "\n".join(lines) + "\n"


def rules_json(rules: Sequence[Rule]) -> str:
    return dumps([rule_dict(found) for found in rules]) + "\n"


def rule_sections(found: Rule) -> list[tuple[str, str]]:
    """The docstring after its summary as (kind, text) blocks: ``text`` paragraphs and ``example`` YAML blocks.

    An example is a paragraph indented by four spaces (after the docstring's own indentation is removed).
    """
    blocks = []
    for paragraph in found.description.split("\n\n")[1:]:
        lines = paragraph.splitlines()
        if lines and all(line.startswith("    ") for line in lines if line.strip()):
            blocks.append(("example", "\n".join(line[4:] for line in lines)))
        else:
            blocks.append(("text", " ".join(paragraph.split())))
    return blocks


def rule_pages_markdown(rules: Sequence[Rule]) -> str:
    """One section per rule, like ruff's rule pages: what it checks, why, a failing and a passing example.

    ``docs/lint.md`` carries this between two markers (a test keeps the two identical).
    """
    return "\n\n".join(rule_page_markdown(found) for found in rules) + "\n"


def rule_page_markdown(found: Rule) -> str:
    """One rule's section: its heading, severity and summary, then its prose and YAML examples."""
    parts = [f"### {found.code} {found.name}", f"Default severity: {found.severity.value}. {found.summary}"]
    for kind, text in rule_sections(found):
        parts.append(f"```yaml\n{text}\n```" if kind == "example" else text)
    return "\n\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_markdown(rules: Sequence[Rule]) -> str:
    """The Markdown table that ``docs/lint.md`` carries (a test keeps the two identical)."""
    lines = ["| code | name | default | checks |", "|---|---|---|---|"]
    lines.extend(
        f"| {found.code} | {found.name} | {found.severity.value} | {_cell(found.summary)} |" for found in rules
    )
    return "\n".join(lines) + "\n"
