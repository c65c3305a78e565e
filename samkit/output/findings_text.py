"""Findings as text lines and as JSON (the shape ``validate`` and ``lint`` share)."""

from __future__ import annotations

from collections.abc import Sequence

from samkit.findings import Finding
from samkit.output.jsonout import dumps
from samkit.output.terminal import terminal_safe


def findings_text(findings: Sequence[Finding], with_code: bool = True) -> str:
    return terminal_safe("".join(f"{finding.format_text(with_code)}\n" for finding in findings))


def findings_json(findings: Sequence[Finding]) -> str:
    return dumps([finding.to_dict() for finding in findings]) + "\n"
