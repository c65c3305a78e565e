"""The textconv view's account facts: the tier line stands in for the score when the plan has no score."""

from __future__ import annotations

from samkit.output.textconv import canonical_view
from samkit.plan.loader import load_text

PLAN = "account:\n  name: Acme Corp\n  manager: Maria Rodriguez\n  tier: key\n"


def test_a_declared_tier_without_a_score_is_its_own_line() -> None:
    view = canonical_view(load_text(PLAN, "plans/acme.yaml"), PLAN)
    lines = view.splitlines()
    assert lines[:3] == ["account.name: Acme Corp", "account.manager: Maria Rodriguez", "account.tier: key"]
    assert lines[lines.index("tier: Key") + 1].startswith("coverage: ")  # after the account facts
    assert "tier: Key" in lines
    assert not any(line.startswith("score") for line in lines)


def test_no_tier_line_without_a_tier_or_a_score() -> None:
    plain = PLAN.replace("  tier: key\n", "")
    lines = canonical_view(load_text(plain, "plans/acme.yaml"), plain).splitlines()
    assert not any(line.startswith(("tier", "account.tier", "score")) for line in lines)
    assert lines[3].startswith("coverage: ") and lines[4].startswith("pipeline: recurring $0 ")
