from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, TodayOpt, check_config, plan_paths


def command(
    name: Annotated[str, typer.Argument(help='The account\'s name, e.g. "Acme Industries".')],
    manager: Annotated[
        str | None,
        typer.Option(
            "--manager", "-m", help="The Strategic Account Manager who owns the plan (default: git config user.name)."
        ),
    ] = None,
    directory: Annotated[
        str | None,
        typer.Option(
            "--dir",
            help="Folder to write the plan into (default: plans/ beside the nearest samkit.toml, else ./plans).",
        ),
    ] = None,
    today: TodayOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write plans/<slug>.yaml from the template: valid at once, never overwrites an existing file.

    The manager is --manager, else git config user.name (said on stderr); with neither, exit 2. The score
    block is written as a commented example: a plan is not scored until its seven values are filled in.
    """

    check_config(config)  # every command checks the configuration it is given, even one that uses none of it

    from samkit.dates import resolve_today
    from samkit.output.console import note
    from samkit.plan.newplan import create_plan
    from samkit.render.newplan import render_new_plan

    day = resolve_today(today)
    directory = directory if directory is not None else plan_paths(None)[0]
    from_git = manager is None
    if manager is None:
        manager = _git_user_name(directory)
    path = create_plan(name, manager, directory, lambda name, manager, ref: render_new_plan(name, manager, day, ref))
    typer.echo(str(path))
    if from_git:
        note(f"manager: {manager} (from git config user.name; --manager NAME sets another)")
    note(f"created {path}; fill in stakeholders, opportunities, risks and actions, then run: samkit validate {path}")


def _git_user_name(directory: str) -> str:
    """``git config user.name`` where the plan goes; without one, a usage error that says what to do."""
    import subprocess
    from pathlib import Path

    from samkit.errors import UsageError

    folder = Path(directory)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        found = subprocess.run(
            ["git", "config", "user.name"],
            cwd=folder if folder.is_dir() else None,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        found = None
    name = found.stdout.strip() if found is not None and found.returncode == 0 else ""
    if not name:
        raise UsageError(
            "no manager given and git config user.name is not set; "
            'pass --manager "First Last" (or run: git config --global user.name "First Last")'
        )
    return name
