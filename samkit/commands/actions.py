from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, PlanStream, TodayOpt, format_option


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
            "--owner",
            help="Only actions of this owner: the whole name, or a first name only one owner has (case ignored). "
            "An owner nobody has is exit 2, naming the known owners.",
            metavar="NAME",
        ),
    ] = None,
    days: Annotated[
        int,
        typer.Option(
            "--days",
            min=0,
            help="The table also lists open actions due within N days of --today (ics holds every open action).",
            metavar="N",
        ),
    ] = 14,
    output_format: Annotated[
        ActionsFormat,
        format_option("table (default), json, markdown, or ics (an RFC 5545 calendar)."),
    ] = ActionsFormat.table,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Open actions across plans: overdue ones first, then those due within --days (default 14), by due date.

    --format ics writes a calendar with one all-day event per open action, whatever its due date (--days limits
    the table, not the calendar), summary "ACCOUNT: ACTION". With no open action it still writes a valid calendar
    (RFC 5545 needs one component: a UTC time zone definition, no event). Each event's UID comes from the account name and the action text, so re-importing the calendar updates events rather than duplicating them, also after the plan file is renamed or the action re-dated.

    Churned plans (account.status: churned) are history: their actions are left out.

    Exit 1 if a plan does not load (the others are still listed).
    """
    from samkit.analysis.actions import resolve_owner, select_open_actions
    from samkit.analysis.program import read_program
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.output.actions_out import actions_ics, actions_json, actions_markdown, print_actions

    settings = load_config(config)
    day = resolve_today(today)
    # plans are read one at a time and reduced to their open actions: never every plan held at once
    plans = PlanStream(paths, progress=output_format is ActionsFormat.table)
    program = read_program(plans.valid(), settings, day, with_actions=True)
    invalid = plans.report_failed()
    open_actions = [item for standing in program.active for item in standing.open_actions]
    wanted = resolve_owner(owner, (item.owner for item in open_actions)) if owner is not None else None
    # the window is the table's; a calendar someone subscribes to holds every open action
    window = None if output_format is ActionsFormat.ics else days
    selected = select_open_actions(open_actions, day, days=window, owner=wanted)
    if output_format is ActionsFormat.json:
        typer.echo(actions_json(selected), nl=False)
    elif output_format is ActionsFormat.markdown:
        typer.echo(actions_markdown(selected, day, days), nl=False)
    elif output_format is ActionsFormat.ics:
        # bytes go to the binary stream as they are: RFC 5545's CRLF line ends must not be translated
        typer.echo(actions_ics(selected, day).encode("utf-8"), nl=False)
    else:
        print_actions(selected, day, days)
    plans.finish(invalid)
