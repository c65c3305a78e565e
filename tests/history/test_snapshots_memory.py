"""``metrics`` keeps only what its figures read of each plan: the figures are those of the whole plans."""

from __future__ import annotations

from datetime import date

from samkit.analysis.groups import GroupBy
from samkit.analysis.metrics import Period, compute_metrics
from samkit.config import Config, ProgramConfig
from samkit.history.snapshots import UNREAD_SECTIONS, UNREAD_STAKEHOLDER_FIELDS, _figures_only
from samkit.plan.enums import OpportunityStatus
from samkit.plan.loader import discover_plans, load_plan
from samkit.plan.model import Plan
from tests.conftest import PLANS


def _bundled() -> list[Plan]:
    plans = [load_plan(path).plan for path in discover_plans([PLANS])]
    assert all(plan is not None for plan in plans)
    return [plan for plan in plans if plan is not None]


def test_the_figures_of_trimmed_plans_are_the_figures_of_whole_plans() -> None:
    whole = _bundled()
    # TO: every other account grown by a quarter of its ARR, the rest as they were
    later = [
        plan.model_copy(update={"account": plan.account.model_copy(update={"arr": plan.account.arr * 5 / 4})})
        if number % 2 == 0 and plan.account.arr is not None
        else plan
        for number, plan in enumerate(whole)
    ]
    config = Config(program=ProgramConfig(sam_cost=250_000))
    period = Period(date(2026, 1, 1), date(2026, 3, 31))
    for by in GroupBy:
        full = compute_metrics(whole, later, config, period, by).to_dict()
        trimmed = compute_metrics(
            [_figures_only(plan) for plan in whole], [_figures_only(plan) for plan in later], config, period, by
        ).to_dict()
        assert trimmed == full


def test_trimmed_plans_drop_only_the_unread_sections() -> None:
    plan = _bundled()[0]
    trimmed = _figures_only(plan)
    for name in Plan.model_fields:
        if name in UNREAD_SECTIONS:
            assert getattr(trimmed, name) == Plan.model_fields[name].get_default(call_default_factory=True)
        elif name == "opportunities":
            assert trimmed.opportunities == [
                item for item in plan.opportunities if item.status is OpportunityStatus.WON
            ]
            assert len(trimmed.opportunities) < len(plan.opportunities)
        elif name == "stakeholders":
            assert [person.name for person in trimmed.stakeholders] == [person.name for person in plan.stakeholders]
            for kept, person in zip(trimmed.stakeholders, plan.stakeholders, strict=True):
                for field in type(person).model_fields:
                    dropped = field in UNREAD_STAKEHOLDER_FIELDS
                    expected = type(person).model_fields[field].get_default(call_default_factory=True)
                    assert getattr(kept, field) == (expected if dropped else getattr(person, field)), field
        else:
            assert getattr(trimmed, name) == getattr(plan, name)
