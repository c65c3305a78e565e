"""The mutual plan as Markdown (``templates/share/share.md.j2``) or one self-contained HTML page
(``templates/share/share.html.j2``, styled like the site).

Both see only the ``SharedPlan`` the allowlist built. Its text goes through the one sanitiser Markdown output
uses for control and bidi characters (``terminal_safe``), so a right-to-left override in a plan shows as
``\\u202e`` in the customer's browser instead of reversing what they read.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from samkit.analysis.objectives import progress_bar
from samkit.analysis.share import SharedPlan
from samkit.output.markdown import EMPTY_CELL, escape
from samkit.output.terminal import terminal_safe
from samkit.templating import render_html, render_template

MARKDOWN_TEMPLATE = "share/share.md.j2"
HTML_TEMPLATE = "share/share.html.j2"


def _visible(value: Any) -> Any:
    """``value`` with every string in it passed through ``terminal_safe`` (dicts and lists walked)."""
    if isinstance(value, str):
        return terminal_safe(value)
    if isinstance(value, dict):
        return {key: _visible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible(item) for item in value]
    return value


def visible(shared: SharedPlan) -> SharedPlan:
    """The shared plan with no control or bidi character left live in any text."""
    objectives = [
        dataclasses.replace(item, fields=_visible(item.fields), milestones=_visible(item.milestones))
        for item in shared.objectives
    ]
    return dataclasses.replace(
        shared,
        account=_visible(shared.account),
        team=_visible(shared.team),
        objectives=objectives,
        actions=_visible(shared.actions),
        value_delivered=_visible(shared.value_delivered),
    )


def markdown_owners(item: dict[str, Any]) -> str:
    """``Jennifer Wu (yours), Priya Nair (ours)`` for a table cell."""
    parts = []
    if item.get("customer_owner"):
        parts.append(f"{escape(item['customer_owner'])} (yours)")
    if item.get("owner"):
        parts.append(f"{escape(item['owner'])} (ours)")
    return ", ".join(parts) or EMPTY_CELL


def share_markdown(shared: SharedPlan) -> str:
    context = {"share": visible(shared), "bar": progress_bar, "owners": markdown_owners}
    return render_template(MARKDOWN_TEMPLATE, context)


def share_html(shared: SharedPlan) -> str:
    shown = visible(shared)
    context = {"share": shown, "title": f"{shown.account.get('name', '')}: mutual plan", "today": shown.today}
    return render_html(HTML_TEMPLATE, context)
