"""Executive alignment, C-level engagement and contact cadence (domain.md), at their boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from samkit.analysis.engagement import (
    CadenceSource,
    aligned_economic_buyers,
    c_level_contacts,
    contact_cadence,
    engagement_window,
    has_c_level_engagement,
    has_executive_alignment,
)
from samkit.config import LintConfig
from samkit.plan.enums import Tier
from tests.conftest import plan_from, seed_plan

TODAY = date(2026, 2, 1)


def buyer_plan(*people: str, manager: str = "Maria Rodriguez") -> str:
    return f"account:\n  name: X\n  manager: {manager}\nstakeholders:\n" + "".join(people)


def person(name: str, extra: str = "", role: str = "economic_buyer") -> str:
    return f"  - name: {name}\n    role: {role}\n    relationship: strong\n{extra}"


# (id, plan text, aligned)
ALIGNMENT = [
    ("covered by the manager", buyer_plan(person("Ann", "    covered_by: Maria Rodriguez\n")), False),
    (
        "covered by the manager in another case",
        buyer_plan(person("Ann", "    covered_by: '  maria RODRIGUEZ '\n")),
        False,
    ),
    ("covered by nobody", buyer_plan(person("Ann")), False),
    ("covered by a blank name", buyer_plan(person("Ann", "    covered_by: '  '\n")), False),
    ("covered by our executive", buyer_plan(person("Ann", "    covered_by: Dana Cole\n")), True),
    (
        "a departed buyer covered by our executive",
        buyer_plan(person("Ann", "    covered_by: Dana Cole\n    status: left\n")),
        False,
    ),
    (
        "a champion covered by our executive is no alignment",
        buyer_plan(person("Ann", "    covered_by: Dana Cole\n", "champion")),
        False,
    ),
    (
        "one of two buyers is enough",
        buyer_plan(person("Ann", "    covered_by: Maria Rodriguez\n"), person("Bo", "    covered_by: Dana Cole\n")),
        True,
    ),
]


@pytest.mark.parametrize(("text", "aligned"), [case[1:] for case in ALIGNMENT], ids=[case[0] for case in ALIGNMENT])
def test_executive_alignment(text: str, aligned: bool) -> None:
    plan = plan_from(text)
    assert has_executive_alignment(plan) is aligned
    assert bool(aligned_economic_buyers(plan)) is aligned


def test_the_seed_plan_pairs_the_cfo_with_the_executive_sponsor() -> None:
    assert [buyer.name for buyer in aligned_economic_buyers(seed_plan())] == ["Lisa Thompson"]


def c_level(contact: date | None, extra: str = "    level: c_suite\n") -> str:
    last = f"    last_contact: {contact.isoformat()}\n" if contact else ""
    return buyer_plan(person("Cy", extra + last))


def test_the_window_is_the_days_up_to_and_including_today() -> None:
    assert engagement_window(TODAY, 92) == (TODAY - timedelta(days=92), TODAY)
    assert engagement_window(TODAY, 0) == (TODAY, TODAY)


@pytest.mark.parametrize(
    ("contact", "engaged"),
    [
        (TODAY - timedelta(days=92), True),  # the window's first day
        (TODAY - timedelta(days=93), False),  # the day before it
        (TODAY, True),  # today
        (TODAY + timedelta(days=1), False),  # after the window's end
        (None, False),
    ],
)
def test_c_level_contact_window_boundaries(contact: date | None, engaged: bool) -> None:
    plan = plan_from(c_level(contact))
    start, end = engagement_window(TODAY, 92)
    assert has_c_level_engagement(plan, start, end) is engaged
    assert [found.name for found in c_level_contacts(plan, start, end)] == (["Cy"] if engaged else [])


@pytest.mark.parametrize(
    ("extra", "counts"),
    [
        ("    title: Chief Financial Officer\n", True),  # level inferred from the title
        ("    title: CFO\n    level: vp\n", False),  # an explicit level wins over the title
        ("    title: Vice President Finance\n", False),
        ("    level: c_suite\n    status: left\n", False),
    ],
)
def test_who_counts_as_c_level(extra: str, counts: bool) -> None:
    plan = plan_from(c_level(TODAY, extra))
    assert has_c_level_engagement(plan, TODAY, TODAY) is counts


def stakeholder(role: str | None, cadence_days: int | None) -> str:
    text = "  - name: Ann\n    relationship: strong\n"
    if role:
        text += f"    role: {role}\n"
    if cadence_days:
        text += f"    cadence_days: {cadence_days}\n"
    return buyer_plan(text)


@pytest.mark.parametrize(
    ("role", "own", "configured", "tier_days", "expected"),
    [
        ("champion", 14, {"champion": 30}, 90, (14, CadenceSource.STAKEHOLDER)),  # their own first
        ("champion", None, {"champion": 30}, 90, (30, CadenceSource.ROLE)),  # then [lint.cadence] for the role
        ("user", None, {"champion": 30}, 90, (90, CadenceSource.TIER)),  # another role's setting does not apply
        (None, None, {"champion": 30}, 60, (60, CadenceSource.TIER)),  # no role: the tier's limit
        (None, 3650, {}, 60, (3650, CadenceSource.STAKEHOLDER)),
    ],
)
def test_cadence_precedence(
    role: str | None, own: int | None, configured: dict[str, int], tier_days: int, expected: tuple[int, CadenceSource]
) -> None:
    plan = plan_from(stakeholder(role, own))
    lint = LintConfig.model_validate({"cadence": configured, "stale_contact_days": tier_days})
    cadence = contact_cadence(plan.stakeholders[0], lint, lint.limits(Tier.STRATEGIC))
    assert (cadence.days, cadence.source) == expected


def test_the_tier_cadence_follows_lint_tiers() -> None:
    plan = plan_from(stakeholder(None, None))
    lint = LintConfig.model_validate({"tiers": {"key": {"stale_contact_days": 45}}})
    assert contact_cadence(plan.stakeholders[0], lint, lint.limits(Tier.KEY)).days == 45
    assert contact_cadence(plan.stakeholders[0], lint, lint.limits(Tier.STRATEGIC)).days == 90
