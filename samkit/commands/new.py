from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import DEFAULT_PLANS, ConfigOpt, TodayOpt, check_config


def command(
    name: Annotated[str, typer.Argument(help='The account\'s name, e.g. "Acme Industries".')],
    manager: Annotated[
        str, typer.Option("--manager", "-m", help="The Strategic Account Manager who owns the plan.")
    ] = "Your Name",
    directory: Annotated[str, typer.Option("--dir", help="Folder to write the plan into.")] = DEFAULT_PLANS,
    today: TodayOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write plans/<slug>.yaml from the template: valid at once, never overwrites an existing file."""

    check_config(config)  # every command checks the configuration it is given, even one that uses none of it

    from samkit.dates import resolve_today
    from samkit.output.console import note
    from samkit.plan.newplan import create_plan
    from samkit.render.newplan import render_new_plan

    day = resolve_today(today)
    path = create_plan(name, manager, directory, lambda name, manager, ref: render_new_plan(name, manager, day, ref))
    typer.echo(str(path))
    note(f"created {path}; fill in stakeholders, opportunities, risks and actions, then run: samkit validate {path}")
