from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, TodayOpt, check_config, plan_paths


class ActionsFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    ics = "ics"


def command(
    paths: PathsArg = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", help="Only actions of this owner (whole name; case and spacing ignored).", metavar="NAME"
        ),
    ] = None,
    days: Annotated[
        int,
        typer.Option("--days", min=0, help="Also list open actions due within N days of --today.", metavar="N"),
    ] = 14,
    output_format: Annotated[
        ActionsFormat,
        typer.Option("--format", "-f", help="table (default), json, markdown, or ics (an RFC 5545 calendar)."),
    ] = ActionsFormat.table,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Open actions across plans: overdue ones first, then those due within --days (default 14), by due date.

    --format ics writes a calendar with one all-day event per action, summary "ACCOUNT: ACTION". Each event's UID comes from the account name and the action text, so re-importing the calendar updates events rather than duplicating them, also after the plan file is renamed or the action re-dated.

    Exit 1 if a plan does not load (the others are still listed).
    """
    from samkit.analysis.actions import select_actions
    from samkit.dates import resolve_today
    from samkit.output.actions_out import actions_ics, actions_json, actions_markdown, print_actions
    from samkit.output.console import note
    from samkit.output.coverage_out import report_invalid
    from samkit.plan.loader import load_plans

    check_config(config)  # a bad configuration is still a usage error here, as for every command
    day = resolve_today(today)
    loaded = load_plans(plan_paths(paths))
    invalid = report_invalid(loaded)
    plans = ((item.path, item.plan) for item in loaded if item.plan is not None)
    selected = select_actions(plans, day, days=days, owner=owner)
    if output_format is ActionsFormat.json:
        typer.echo(actions_json(selected), nl=False)
    elif output_format is ActionsFormat.markdown:
        typer.echo(actions_markdown(selected, day, days), nl=False)
    elif output_format is ActionsFormat.ics:
        # bytes go to the binary stream as they are: RFC 5545's CRLF line ends must not be translated
        typer.echo(actions_ics(selected, day).encode("utf-8"), nl=False)
    else:
        print_actions(selected, day, days)
    if not loaded:
        note("no plan files found")
    raise typer.Exit(1 if invalid else 0)
