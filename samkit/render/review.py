"""The QBR brief as Markdown, through ``templates/review.md.j2`` and the one template environment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samkit.output.review_out import describe_change
from samkit.templating import render_template

if TYPE_CHECKING:
    from samkit.analysis.review import ReviewBrief

REVIEW_TEMPLATE = "review.md.j2"


def review_markdown(brief: ReviewBrief) -> str:
    context: dict[str, Any] = {
        "brief": brief,
        "plan": brief.plan,
        "coverage": brief.coverage,
        "pipeline": brief.pipeline,
        "score": brief.score,
        "today": brief.today,
        "describe": lambda change: describe_change(change, markdown=True),
    }
    return render_template(REVIEW_TEMPLATE, context)
