from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import TodayOpt


def command(
    directory: Annotated[str, typer.Argument(help="Folder to set up (created if needed).")] = ".",
    no_git: Annotated[
        bool, typer.Option("--no-git", help="Do not run `git init` when DIR is not in a repository.")
    ] = False,
    today: TodayOpt = None,
) -> None:
    """Set up a plans repository: an example plan, samkit.toml, git diff driver, pre-commit, CI, schema.

    Never overwrites: a file that exists is kept and listed as skipped, so running it twice changes
    nothing. The example plan's dates are placed around today so that `samkit lint` passes on it.
    """
    from samkit.dates import resolve_today
    from samkit.output.console import note
    from samkit.scaffold import init_repository

    report = init_repository(directory, resolve_today(today), git=not no_git)
    if report.git_initialized:
        typer.echo(f"initialized a git repository in {directory}")
    for path in report.created:
        typer.echo(f"created {path}")
    for path in report.skipped:
        typer.echo(f"skipped {path} (exists)" if "(" not in path else f"skipped {path}")
    for line in report.notes:
        note(line)
    if report.created:
        note(f"next: {report.textconv_setup}; then samkit lint")
