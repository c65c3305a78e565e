"""Options shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from samkit.plan.loader import LoadedPlan
    from samkit.plan.model import Plan


class TableFormat(StrEnum):
    """The formats of the report commands (coverage, pipeline, portfolio, metrics)."""

    table = "table"
    json = "json"
    markdown = "markdown"


def format_option(help_text: str) -> Any:
    """The ``--format`` / ``-f`` option of every command with more than one output (cli.md), with the
    command's own words for its formats."""
    return typer.Option("--format", "-f", help=help_text)


FormatOpt = Annotated[TableFormat, format_option("table (default), json, or markdown.")]
PullRequestFormatOpt = Annotated[  # the history reports, whose Markdown is made for a pull-request comment
    TableFormat,
    format_option("table (default), json, or markdown (for a pull-request comment)."),
]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout."),
]
PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Plan files or directories (searched recursively for *.yaml / *.yml). Default: plans/ in the folder of "
        "the nearest samkit.toml (up to the repository root), else ./plans. "
        "No plan found is exit 2 (nothing to check)."
    ),
]
ConfigOpt = Annotated[
    str | None,
    typer.Option(
        "--config", help="Configuration file (default: nearest samkit.toml, else [tool.samkit] in pyproject.toml)."
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option("--today", help="Date to measure from, YYYY-MM-DD (default: $SAMKIT_TODAY, else the system date)."),
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
        self.for_edit = False  # True: each plan's layout is kept as it is parsed (``load_plan``), for a writer

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
            item = load_plan(path, for_edit=self.for_edit)
            self.count += 1
            if item.plan is None:
                self.failed.append(LoadedPlan(item.path, None, findings=item.findings))
            else:
                yield item

    def report_failed(self) -> int:
        """The problems of the plans that did not load, on stderr; how many did not."""
        from samkit.output.coverage_out import report_invalid

        return report_invalid(self.failed)

    def finish(self, invalid: int, churned: str | None = None) -> NoReturn:
        """A program report's last lines on stderr (the churned plans left out, no plan found) and its exit:
        1 when a plan did not load, the others having been shown."""
        from samkit.errors import EXIT_OK, EXIT_PROBLEMS
        from samkit.output.console import note

        if churned:
            note(churned)
        if not self.count:
            note("no plan files found")
        raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)


def show_report(
    output_format: TableFormat,
    as_json: Callable[[], str | Iterator[str]],
    as_markdown: Callable[[], str],
    print_table: Callable[[], None],
) -> None:
    """A report in the format asked for: JSON (whole, or streamed in chunks) or Markdown on stdout, else the
    table for the terminal. Only the chosen format is built."""
    if output_format is TableFormat.json:
        text = as_json()
        if isinstance(text, str):
            typer.echo(text, nl=False)
        else:
            import sys

            sys.stdout.writelines(text)
    elif output_format is TableFormat.markdown:
        typer.echo(as_markdown(), nl=False)
    else:
        print_table()


def history_period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """``--from`` and ``--to`` of a command that reads the plans' history, as days: ``--to`` defaults to today,
    ``--from`` to the first day of today's quarter (``note_default_start`` says so once the history is read).
    A period that begins after today, or ends before it begins, is a usage error."""
    from samkit.dates import parse_iso_date
    from samkit.errors import UsageError

    if start is None:
        from samkit.plan.values import Quarter

        first = Quarter.containing(today).first_day  # the quarter so far
    else:
        first = parse_iso_date(start, "--from")
    last = parse_iso_date(end, "--to") if end is not None else today
    if first > today:
        raise UsageError(f"--from {first.isoformat()} is after today ({today.isoformat()}); the period has not begun")
    if last < first:
        raise UsageError(f"--to {last.isoformat()} is before --from {first.isoformat()}; the period would be empty")
    return first, last


def note_default_start(quarter_start: date, start: date) -> None:
    """On stderr, where a period without ``--from`` begins: the start of today's quarter, or the day of the
    first commit with plans when that is later (a new repository, or plans committed this quarter)."""
    from samkit.output.console import note

    why = (
        "the start of this quarter"
        if start == quarter_start
        else f"the day of the first commit with plans; the quarter began on {quarter_start.isoformat()}"
    )
    note(f"period from {start.isoformat()} ({why}; --from DATE sets another)")


def plan_file(plan: str, command: str, output: str | None) -> Path:
    """The one plan file a command works on, and the file it writes to when ``--output`` is given, both checked
    before any work: a folder, an unreadable plan or an output that would overwrite the plan is a usage error."""
    from pathlib import Path

    from samkit.errors import UsageError
    from samkit.fileio.inputs import check_input
    from samkit.fileio.outputs import check_output

    path = Path(plan)
    if path.is_dir():
        raise UsageError(f"{plan}: {command} takes one plan file")
    check_input(path)
    if output is not None:
        check_output(output, inputs=[path])
    return path


def load_or_exit(path: Path) -> tuple[str, Plan]:
    """The plan in ``path`` and its path as shown; when it does not load, its problems on stderr and exit 1."""
    from samkit.errors import EXIT_PROBLEMS
    from samkit.output.findings_text import findings_text
    from samkit.plan.loader import load_plan

    loaded = load_plan(path)
    if loaded.plan is None:
        typer.echo(findings_text(loaded.findings, with_code=False), err=True, nl=False)
        raise typer.Exit(EXIT_PROBLEMS)
    return loaded.path, loaded.plan


def write_text(text: str, output: str | None, source: Path) -> None:
    """A document on stdout, or into ``output`` atomically (checked against overwriting ``source``)."""
    if output is None:
        typer.echo(text, nl=False)
        return
    from samkit.fileio.outputs import write_output

    write_output(output, text, inputs=[source])
