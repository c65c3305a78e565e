from __future__ import annotations

import typer


def command() -> None:
    """(being built: see the issue for `samkit render`)"""
    typer.echo("samkit render: not available yet", err=True)
    raise typer.Exit(2)
