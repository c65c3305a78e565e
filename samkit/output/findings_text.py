"""Findings as text lines and as JSON (the shape ``validate`` and ``lint`` share)."""

from __future__ import annotations

from collections.abc import Sequence

from samkit.findings import Finding
from samkit.output.jsonout import dumps
from samkit.output.terminal import terminal_safe


def findings_text(findings: Sequence[Finding], with_code: bool = True) -> str:
    lines = [
        finding.format_text() if with_code else f"{finding.path}:{finding.line}:{finding.column}: {finding.message}"
        for finding in findings
    ]
    return terminal_safe("".join(f"{line}\n" for line in lines))


def findings_json(findings: Sequence[Finding]) -> str:
    return dumps([finding.to_dict() for finding in findings]) + "\n"
