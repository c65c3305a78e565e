"""What ``samkit render`` tells people: plan load problems, and the generated-files service's ``--check``
listing and summaries (``samkit.fileio.generated``: one wording for render, site, schema and the docs)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from samkit.fileio import generated
from samkit.fileio.generated import FileStatus
from samkit.plan.loader import LoadedPlan
from samkit.wording import plural

NOUN = "document"


def load_problems_text(failed: Sequence[LoadedPlan]) -> str:
    """``path:line:column: message`` for every plan that could not be rendered."""
    lines = [finding.format_text(with_code=False) for plan in failed for finding in sorted(plan.findings)]
    return "".join(f"{line}\n" for line in lines)


def _with_failed(text: str, failed: int) -> str:
    return text + (f"; {plural(failed, 'plan')} could not be rendered" if failed else "")


def check_summary(statuses: Sequence[FileStatus], failed: int) -> str:
    if not statuses and not failed:
        return "no plan files found"
    if not statuses:
        return _with_failed("no document to compare", failed)
    return _with_failed(generated.check_summary(statuses, NOUN, "samkit render"), failed)


def write_summary(statuses: Sequence[FileStatus], failed: int, where: str | os.PathLike[str]) -> str:
    if not statuses and not failed:
        return "no plan files found"
    if not statuses:
        return _with_failed("wrote no document", failed)
    return _with_failed(generated.write_summary(statuses, NOUN, where), failed)
