"""Options shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pathlib import Path

    from samkit.plan.loader import LoadedPlan
    from samkit.plan.model import Plan


class TableFormat(StrEnum):
    """The formats of the report commands (coverage, pipeline, portfolio, metrics)."""

    table = "table"
    json = "json"
    markdown = "markdown"


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Plan files or directories (searched recursively for *.yaml / *.yml). Default: plans/ in the folder of "
        "the nearest samkit.toml (up to the repository root), else ./plans. "
        "No plan found is exit 2 (nothing to check).",
        show_default=False,
    ),
]
ConfigOpt = Annotated[
    str | None,
    typer.Option(
        "--config",
        help="Configuration file (default: nearest samkit.toml, else [tool.samkit] in pyproject.toml).",
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


def check_config(explicit: str | Path | None, start: Path | None = None) -> None:
    """Refuse a bad configuration (exit 2), for a command that uses none of it.

    Empty settings (no file, or a pyproject.toml without ``[tool.samkit]``) are the built-in defaults and
    valid as such, so the configuration models are built only when there is something to validate.
    """
    from samkit.fileio.configfile import locate_config, read_settings

    found = locate_config(explicit, start)
    if found is not None:
        path, in_pyproject = found
        settings, prefix = read_settings(path, in_pyproject)
        if settings:
            from samkit.config import config_from_settings

            config_from_settings(path, settings, prefix)


def plan_paths(paths: list[str] | None) -> list[str]:
    """Explicit paths as given (relative to the working directory), else the default ``plans/`` folder of the
    configuration found from here upwards (``samkit lint`` from ``plans/`` or ``.github/`` finds it)."""
    if paths:
        return list(paths)
    from samkit.fileio.configfile import default_plans_folder

    return [default_plans_folder()]


class PlanStream:
    """The plans under some paths, loaded one at a time: ``valid()`` yields ``(path, plan)`` for the plans
    that load, and keeps of the others only their findings (``failed``), so a command that reduces each plan
    to its figures as it goes never holds every plan at once."""

    def __init__(self, paths: list[str] | None, progress: bool = True) -> None:
        self.paths = plan_paths(paths)
        self.failed: list[LoadedPlan] = []
        self.count = 0
        self.progress = progress  # False for machine formats: they never show a bar

    def valid(self) -> Iterator[tuple[str, Plan]]:
        for item in self.loaded():
            assert item.plan is not None
            yield item.path, item.plan

    def loaded(self) -> Iterator[LoadedPlan]:
        """The plans that load, whole (text, parsed data and positions too), one at a time."""
        from samkit.output.console import loading_bar
        from samkit.plan.loader import LoadedPlan, discover_plans, load_plan

        files = discover_plans(self.paths)
        for path in loading_bar(files, "loading plans") if self.progress else files:
            item = load_plan(path)
            self.count += 1
            if item.plan is None:
                self.failed.append(LoadedPlan(item.path, None, findings=item.findings))
            else:
                yield item
