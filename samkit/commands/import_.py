"""``samkit import`` (``import`` is a Python keyword, hence the module name)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, TodayOpt, plan_paths


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


def command(
    files: Annotated[
        list[str],
        typer.Argument(help="Activity exports (*.csv) and calendars (*.ics).", show_default=False),
    ],
    plans: Annotated[
        list[str] | None,
        typer.Option(
            "--plans", help="Plan files or folders to update (repeatable). Default: plans/", show_default=False
        ),
    ] = None,
    today: TodayOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")] = False,
    output_format: Annotated[
        ImportFormat,
        typer.Option(
            "--format", "-f", help="text: one line per update, then the unmatched; json: see docs/imports.md."
        ),
    ] = ImportFormat.text,
    config: ConfigOpt = None,
) -> None:
    """Bring CRM activity exports and calendars into the plans' last_contact dates.

    CSV columns are found by header (account, contact, email, date: docs/imports.md lists the spellings);
    dates are ISO or follow [import] date_format. A contact only moves forward; activities dated after
    today are ignored. Any invalid row (an impossible date, no contact nor email) is reported with its line
    and nothing is written (exit 1). Unmatched activities are listed so people can be added to the plans;
    plans that do not load are reported and left untouched.
    """
    from samkit.config import load_config

    settings = load_config(config)

    from samkit.dates import resolve_today
    from samkit.importers.session import run_import
    from samkit.output.console import note
    from samkit.output.findings_text import findings_text
    from samkit.output.import_out import import_json, import_summary, import_text

    run = run_import(files, plan_paths(plans), resolve_today(today), settings.import_.date_format, dry_run)
    if run.plan_problems:
        typer.echo(findings_text(run.plan_problems, with_code=False), nl=False, err=True)
        note(f"{len({finding.path for finding in run.plan_problems})} plan(s) do not load and were left untouched")
    outcome = run.outcome
    if outcome.invalid:
        for row in outcome.invalid:
            note(row.format_text())
        rows = sum(1 for row in outcome.invalid if row.line is not None)
        unreadable = len(outcome.invalid) - rows
        # a file that cannot be read at all (not UTF-8, not a calendar) is no "row": say which kind it was
        parts = [f"{rows} invalid row{'s' * (rows != 1)}"] if rows else []
        parts += [f"{unreadable} unreadable file{'s' * (unreadable != 1)}"] if unreadable else []
        note(f"samkit import: {' and '.join(parts)}; nothing was written")
        raise typer.Exit(1)
    if run.write_errors:
        for message in run.write_errors:
            note(message)
        note("samkit import: " + ("nothing was written" if not run.written else f"wrote {', '.join(run.written)} only"))
        raise typer.Exit(1)
    rendered = import_json(outcome) if output_format is ImportFormat.json else import_text(outcome)
    typer.echo(rendered, nl=False)
    note(import_summary(outcome, run.plans, dry_run))
    raise typer.Exit(0)
