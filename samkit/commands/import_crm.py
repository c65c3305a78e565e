"""The opportunity and account half of ``samkit import`` (``commands.import_`` hands these files over)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from samkit.config import Config
    from samkit.findings import Finding
    from samkit.importers.crm_rows import ImportKind


def import_crm(
    sources: Sequence[tuple[str, ImportKind]],
    plan_paths: Sequence[str],
    settings: Config,
    columns: Mapping[str, str],
    dry_run: bool,
    output_format: str,
) -> None:
    """Run the import, print its changes (``--dry-run``: the diff), the summary; ``typer.Exit`` with the code."""
    from samkit.importers.columns import header_key
    from samkit.importers.crm_session import run_crm_import
    from samkit.importers.opportunities import Settings
    from samkit.importers.stages import StageMap
    from samkit.output.console import note
    from samkit.output.crm_import_out import crm_json, crm_preview, crm_summary, crm_text
    from samkit.output.findings_text import findings_text
    from samkit.output.import_out import invalid_summary
    from samkit.plan.enums import OpportunityKind

    options = Settings(
        stages=StageMap.configured(settings),
        kinds={header_key(name): OpportunityKind(kind) for name, kind in settings.import_.kinds.items()},
        currency=settings.program.currency,
    )
    from samkit.commands._options import PlanStream

    plans = PlanStream(list(plan_paths), progress=False)
    run = run_crm_import(sources, plans, options, columns, settings.import_.date_format, dry_run)
    if run.plan_problems:
        note_unloaded_plans(run.plan_problems)
    if run.duplicate_ids:
        typer.echo(findings_text(run.duplicate_ids, with_code=False), nl=False, err=True)
        note("samkit import: crm ids used twice in the program; make each unique; nothing was written")
        raise typer.Exit(1)
    if run.outcome.invalid:
        for row in run.outcome.invalid:
            note(row.format_text())
        note(invalid_summary(run.outcome.invalid, "error"))
        raise typer.Exit(1)
    exit_on_write_errors(run.write_errors, run.written)
    if output_format == "json":
        typer.echo(crm_json(run), nl=False)
    elif dry_run:
        typer.echo(crm_preview(run.previews, run), nl=False)
    else:
        typer.echo(crm_text(run), nl=False)
    for line in crm_summary(run, dry_run):
        note(line)
    raise typer.Exit(0)


def note_unloaded_plans(problems: Sequence[Finding], *, activities: bool = False) -> None:
    """The plans an import could not load, on stderr: they are left untouched, the others imported.

    ``activities``: an activity import also skips the rows that name no account (the person could be in a
    plan that does not load), and says so."""
    from samkit.output.console import note
    from samkit.output.findings_text import findings_text
    from samkit.wording import do_not_load

    typer.echo(findings_text(list(problems), with_code=False), nl=False, err=True)
    count = len({finding.path for finding in problems})
    # a row of their accounts (as far as their files read: ``plan.salvage``) is skipped as "plan does not load"
    rows = "its account" if count == 1 else "their accounts"
    if not activities:
        note(f"{do_not_load(count)} left untouched; rows for {rows} are skipped")
        return
    it = "it" if count == 1 else "them"
    note(
        f"{do_not_load(count)} left untouched; rows for {rows}, and rows that name no account (the person "
        f"could be in {it}), are skipped: fix {it} and import again"
    )


def exit_on_write_errors(errors: Sequence[str], written: Sequence[str]) -> None:
    """Exit 1 naming what was (not) written when writing a plan failed; nothing when all writes went through."""
    from samkit.output.console import note

    if not errors:
        return
    for message in errors:
        note(message)
    note("samkit import: " + ("nothing was written" if not written else f"wrote {', '.join(written)} only"))
    raise typer.Exit(1)
