"""Accept comments cost a fixed amount of engine work each: indexed by code and subject, placed by bisection.

Every finding once searched every accept comment, and every comment walked every item of the plan (9,000
accepts: 4.4 s against 0.1 s for 1,000). The test counts the lines the engine executes, so a path that
grows with findings x accepts or accepts x items fails here, whatever the machine's speed.
"""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

import samkit.lint.engine as engine
from samkit.config import Config
from samkit.lint.engine import build_settings, lint_loaded
from samkit.plan.loader import load_text
from tests.rules.plans import TODAY, days_ago


def _plan(people: int) -> str:
    """Stale contacts, every other one accepted with a comment on its item, and a comment between items."""
    lines = [
        "account:",
        "  name: Big Co",
        "  manager: Maria Rodriguez",
        "last_reviewed: " + days_ago(1),
        "stakeholders:",
    ]
    for number in range(people):
        lines += [f"  - name: Person {number}", "    relationship: strong"]
        comment = "   # samkit: accept SAM101 -- on leave" if number % 2 == 0 else ""
        lines.append(f"    last_contact: {days_ago(200)}{comment}")
        if number % 10 == 5:
            lines.append("    # samkit: accept SAM102 -- between items: belongs to the item above")
    return "\n".join(lines) + "\n"


def _engine_lines(people: int) -> tuple[int, Any]:
    """Lines of samkit/lint/engine.py executed while linting the plan (a count of the work, not a time)."""
    loaded = load_text(_plan(people), "plan.yaml")
    assert loaded.plan is not None
    settings = build_settings(Config(), TODAY, ["SAM101", "SAM102", "SAM901"])
    executed = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal executed
        if frame.f_code.co_filename != engine.__file__:
            return None
        if event == "line":
            executed += 1
        return trace

    # put back whatever tracer was running (coverage's, under `make test`): clearing it would stop the
    # measurement of every test after this one
    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        result = lint_loaded(loaded, settings)
    finally:
        sys.settrace(previous)
    return executed, result


def test_engine_work_grows_with_the_accepts_not_with_their_square() -> None:
    small, _ = _engine_lines(60)
    large, result = _engine_lines(240)
    # 4x the stakeholders, findings and accepts: about 4x the lines; the pairwise searches made it 16x
    assert large <= 5 * small, (small, large)
    assert len(result.accepted) == 120
    assert sorted({finding.code for finding in result.findings}) == ["SAM101", "SAM901"]


def test_each_accept_covers_its_own_item_and_the_comment_between_items_the_item_above() -> None:
    _, result = _engine_lines(20)
    accepted_lines = sorted(accepted.finding.line for accepted in result.accepted)
    stale = [finding for finding in result.findings if finding.code == "SAM101"]
    assert len(accepted_lines) == 10 and len(stale) == 10
    unused = [finding for finding in result.findings if finding.code == "SAM901"]
    # the SAM102 comments sit under persons 5 and 15, who have a last_contact: nothing to accept there
    assert len(unused) == 2 and all("stakeholders item 5" in f.message or "item 15" in f.message for f in unused)
