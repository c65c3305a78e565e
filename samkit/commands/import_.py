"""``samkit import`` (``import`` is a Python keyword, hence the module name)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PlanStream, TodayOpt, format_option, plan_paths


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


class KindOpt(StrEnum):
    activities = "activities"
    opportunities = "opportunities"
    accounts = "accounts"


def command(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Activity exports (*.csv) and calendars (*.ics), or opportunity and account exports (*.csv).",
            show_default=False,
        ),
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
        format_option("text: one line per update, then the unmatched; json: see docs/imports.md."),
    ] = ImportFormat.text,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            metavar="ROLE=HEADER",
            help="Which header holds ROLE (account, account_id, contact, contact_id, email, date, outcome; "
            "opportunity, opportunity_id, stage, amount, probability, close_date, type, currency, arr, "
            "renewal_date); repeatable; overrides [import.columns].",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        KindOpt | None,
        typer.Option(
            "--kind",
            help="What the files hold; default: detected from the headers (a stage column: opportunities; "
            "an ARR or renewal date column: accounts; else activities).",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Bring CRM exports and calendars into the plans: contacts' last_contact, opportunities, ARR.

    Each row is imported, skipped (no person, no date, an outcome that is no contact, a report footer, a
    colleague, an unknown account or person: counted by reason, never blocking) or an error (a date in no
    known form, a file that is not CSV or iCalendar): then nothing is written (exit 1). Columns are found
    by header or mapped with --column / [import.columns]; dates are ISO, [import] date_format, or one form
    detected for the whole file. People are matched by email, CRM id, then name within the row's account,
    never elsewhere. Recurring meetings count on their latest occurrence up to today. A contact only moves
    forward. See docs/imports.md.

    Opportunity exports (a stage column) and account exports (an ARR or renewal date column) from
    Salesforce and HubSpot update opportunities (value, probability, status, closed, close_date, crm_id,
    kind via [import.kinds]), account.arr and account.renewal_date, one way; stages via [import.stages],
    their probabilities (when the export has none) via [import.probabilities]; a currency other than
    [program] currency is an error; --dry-run prints what `samkit diff` would show.
    See docs/imports-crm-money.md.
    """
    from samkit.config import load_config

    settings = load_config(config)

    from samkit.commands.import_crm import exit_on_write_errors, note_unloaded_plans
    from samkit.config import CRM_COLUMN_ROLES
    from samkit.dates import resolve_today
    from samkit.errors import UsageError
    from samkit.importers.columns import ROLES, header_key
    from samkit.importers.session import ImportOptions, run_import
    from samkit.output.console import note
    from samkit.output.findings_text import findings_text
    from samkit.output.import_out import import_json, import_summary, import_text, invalid_summary

    mapped = dict(settings.import_.columns)
    for given in columns or []:
        role, equals, header = given.partition("=")
        role = role.strip().replace("-", "_").lower()
        if not equals or not header.strip() or role not in ROLES + CRM_COLUMN_ROLES:
            roles = ", ".join(ROLES + CRM_COLUMN_ROLES)
            raise UsageError(f"--column {given!r}: write ROLE=HEADER, ROLE one of {roles}")
        mapped[role] = header.strip()
    from pathlib import Path

    from samkit.importers.crm_rows import ImportKind, file_kind

    kinds = [ImportKind(kind.value) if kind else file_kind(Path(name), mapped) for name in files]
    if any(found is not ImportKind.ACTIVITIES for found in kinds):
        if ImportKind.ACTIVITIES in kinds:
            shown = ", ".join(f"{name} ({found.value})" for name, found in zip(files, kinds, strict=True))
            raise UsageError(f"import activities and opportunities/accounts in separate runs: {shown}")
        from samkit.commands.import_crm import import_crm

        import_crm(list(zip(files, kinds, strict=True)), plan_paths(plans), settings, mapped, dry_run, output_format)
    mapped = {role: header for role, header in mapped.items() if role in ROLES}
    options = ImportOptions(
        today=resolve_today(today),
        date_format=settings.import_.date_format,
        skip_outcomes=frozenset(header_key(outcome) for outcome in settings.import_.skip_outcomes),
        columns=mapped,
        internal_domains=tuple(settings.import_.internal_domains),
    )
    run = run_import(files, PlanStream(plan_paths(plans), progress=False), options, dry_run)
    if run.plan_problems:
        note_unloaded_plans(run.plan_problems, activities=True)
    if run.duplicate_ids:
        typer.echo(findings_text(run.duplicate_ids, with_code=False), nl=False, err=True)
        note("rows with these crm ids match no one until each id is used once")
    outcome = run.outcome
    if outcome.invalid:
        for row in outcome.invalid:
            note(row.format_text())
        note(invalid_summary(outcome.invalid, "invalid row"))
        raise typer.Exit(1)
    exit_on_write_errors(run.write_errors, run.written)
    rendered = import_json(outcome) if output_format is ImportFormat.json else import_text(outcome)
    typer.echo(rendered, nl=False)
    for line in import_summary(outcome, run.plans, dry_run):
        note(line)
    raise typer.Exit(0)
