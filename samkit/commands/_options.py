"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Plan files or directories (searched recursively for *.yaml / *.yml). Default: plans/. "
        "No plan found is exit 2 (nothing to check).",
        show_default=False,
    ),
]
ConfigOpt = Annotated[
    str | None,
    typer.Option(
        "--config",
        help="Configuration file (default: nearest samkit.toml, else \\[tool.samkit] in pyproject.toml).",
        show_default=False,
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="Date to measure from, YYYY-MM-DD (default: $SAMKIT_TODAY, else the system date).",
        show_default=False,
    ),
]


# where plans live when no path is given (relative to the current directory)
DEFAULT_PLANS = "plans"


def plan_paths(paths: list[str] | None) -> list[str]:
    return list(paths) if paths else [DEFAULT_PLANS]
