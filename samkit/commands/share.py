from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, TodayOpt, format_option, load_or_exit, plan_file, write_text


class ShareFormat(StrEnum):
    markdown = "markdown"
    html = "html"


# what a file name's suffix asks for when --format is not given
_SUFFIXES = {
    ".md": ShareFormat.markdown,
    ".markdown": ShareFormat.markdown,
    ".html": ShareFormat.html,
    ".htm": ShareFormat.html,
}


def command(
    plan: Annotated[str, typer.Argument(help="The plan file to share, e.g. plans/global-financial-corp.yaml.")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (atomically): .md for Markdown, .html for a self-contained page. Default: Markdown on stdout.",
            metavar="FILE",
        ),
    ] = None,
    output_format: Annotated[
        ShareFormat | None,
        format_option("markdown or html (default: from the -o suffix, else markdown)."),
    ] = None,
    today: TodayOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The mutual plan for the customer: shared objectives and milestones, shared next steps with owners on both
    sides, shared value delivered, the account team, the next review date (today when the review is overdue or
    the plan was never reviewed: never a day in the past).

    Only an allowlist of fields leaves the plan (docs/objectives-and-share.md); everything else is internal,
    including fields added later: stance, influence, notes, risks, scores, tier, health, whitespace,
    competitors, opportunities, RACI and actions not marked shared.

    Exit 1 when the plan does not load; 2 for a bad path, option or output file. Nothing is written then.
    """
    from pathlib import Path

    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import UsageError

    path = plan_file(plan, "share", output)
    chosen = output_format
    if output is not None and chosen is None:
        chosen = _SUFFIXES.get(Path(output).suffix.lower())
        if chosen is None:
            raise UsageError(f"{output}: write a .md or .html file, or say which with --format markdown|html")
    day = resolve_today(today)
    settings = load_config(config)
    _, account_plan = load_or_exit(path)

    from samkit.analysis.share import shared_plan
    from samkit.render.share import share_html, share_markdown

    shared = shared_plan(account_plan, settings, day)
    write_text(share_html(shared) if chosen is ShareFormat.html else share_markdown(shared), output, path)
