from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samkit.commands._options import ConfigOpt, OutputOpt, TodayOpt, format_option, load_or_exit, plan_file, write_text

if TYPE_CHECKING:
    from samkit.analysis.review import ReviewBrief


class ReviewFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def command(
    plan: Annotated[str, typer.Argument(help="The plan file to brief on.")],
    today: TodayOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Compare with the plan at this git revision (default: the last commit on or before last_reviewed).",
        ),
    ] = None,
    output_format: Annotated[
        ReviewFormat, format_option("text (terminal), markdown (templates/review.md.j2) or json.")
    ] = ReviewFormat.text,
    output: OutputOpt = None,
    config: ConfigOpt = None,
) -> None:
    """A QBR brief for one account: health, relationships, actions, pipeline, risks, changes since the last review.

    Relationships: executive alignment (an economic buyer covered by someone other than the manager).

    C-level contact within the tier's review_interval_days, and who is against us with who covers them.

    Stale contacts follow each stakeholder's contact cadence (cadence_days, [lint.cadence], the tier).

    A churned plan (account.status: churned) is history: review says so and stops. Text written to a file or a
    pipe is not wrapped; tables follow COLUMNS when it is set.
    """
    from samkit.config import load_config
    from samkit.dates import resolve_today

    path = plan_file(plan, "review", output)
    day = resolve_today(today)
    settings = load_config(config)
    shown, account_plan = load_or_exit(path)

    from samkit.analysis.program import is_history

    if is_history(account_plan):  # a churned plan is history: say so and stop
        _emit_churned(account_plan.account.name, output_format, output, path)
        return

    from samkit.analysis.review import build_brief, finish
    from samkit.history.since_review import changes_since_review

    history = changes_since_review(path, account_plan, settings.scoring, since)
    brief = finish(build_brief(shown, account_plan, settings, day), history.changes, history.since, history.note)
    _emit(brief, output_format, output, path)


def _emit_churned(account: str, output_format: ReviewFormat, output: str | None, plan: Path) -> None:
    from samkit.output.blocks import render_markdown
    from samkit.output.review_out import churned_blocks, print_review, review_text

    blocks = churned_blocks(account)
    if output_format is ReviewFormat.json:
        from samkit.output.jsonout import dumps

        text = dumps({"account": account, "status": "churned"}) + "\n"
    elif output_format is ReviewFormat.markdown:
        text = render_markdown(blocks)
    elif output is None:
        print_review(blocks)
        return
    else:
        text = review_text(blocks)
    write_text(text, output, plan)


def _emit(brief: ReviewBrief, output_format: ReviewFormat, output: str | None, plan: Path) -> None:
    from samkit.output.review_out import print_review, review_blocks, review_json, review_text
    from samkit.render.review import review_markdown

    if output_format is ReviewFormat.text:
        blocks = review_blocks(brief)
        if output is None:
            print_review(blocks)
            return
        text = review_text(blocks)
    elif output_format is ReviewFormat.markdown:
        text = review_markdown(brief)
    else:
        text = review_json(brief)
    write_text(text, output, plan)
