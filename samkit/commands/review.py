from __future__ import annotations

import typer


def command() -> None:
    """(being built: see the issue for `samkit review`)"""
    typer.echo("samkit review: not available yet", err=True)
    raise typer.Exit(2)
