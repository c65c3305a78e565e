"""``samkit new``'s plan text, rendered from ``templates/new-plan.yaml.j2`` through the one Jinja environment.

The template shows every optional section as commented examples; the allowed values in those comments come
from the plan format's enums, so the template cannot drift from the format.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from samkit.templating import render_template

NEW_PLAN_TEMPLATE = "new-plan.yaml.j2"


def _choices(enum: Any) -> str:
    return " | ".join(member.value for member in enum)


def render_new_plan(name: str, manager: str, today: date, schema_ref: str | None = None) -> str:
    from samkit.plan.enums import (
        AccountStatus,
        Influence,
        Relationship,
        Role,
        Support,
        TeamRole,
        Tier,
        WhitespaceStatus,
    )
    from samkit.plan.values import Quarter

    choices = {
        "tier": _choices(Tier),
        "account_status": _choices(AccountStatus),
        "team_role": _choices(TeamRole),
        "role": _choices(Role),
        "relationship": _choices(Relationship),
        "influence": _choices(Influence),
        "support": _choices(Support),
        "whitespace_status": _choices(WhitespaceStatus),
    }
    return render_template(
        NEW_PLAN_TEMPLATE,
        {
            "name": name,
            "manager": manager,
            "today": today,
            "period": str(Quarter.containing(today)),
            "schema_ref": schema_ref,
            "choices": choices,
        },
    )
