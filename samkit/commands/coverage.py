from __future__ import annotations

import typer


def command() -> None:
    """(being built: see the issue for `samkit coverage`)"""
    typer.echo("samkit coverage: not available yet", err=True)
    raise typer.Exit(2)
