from __future__ import annotations

import typer


def command() -> None:
    """(being built: see the issue for `samkit pipeline`)"""
    typer.echo("samkit pipeline: not available yet", err=True)
    raise typer.Exit(2)
