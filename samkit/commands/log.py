from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, check_config


def command(
    plan: Annotated[str, typer.Argument(help="The plan file, e.g. plans/global-financial-corp.yaml.")],
    names: Annotated[
        list[str],
        typer.Argument(help="Stakeholders met: each a name (any case) or an email address.", show_default=False),
    ],
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="Day of the touchpoint, YYYY-MM-DD (default: $SAMKIT_TODAY, else today).", show_default=False
        ),
    ] = None,
    relationship: Annotated[
        str | None,
        typer.Option(
            "--relationship",
            help="Set the relationship (strong, moderate, weak, none); only with one NAME.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", help='Append "DATE: TEXT" to each stakeholder\'s notes.', show_default=False),
    ] = None,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Also set the plan's last_reviewed to the date (a QBR).")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the changes; write nothing.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Record a touchpoint without hand-editing YAML: last_contact, relationship, a dated note.

    last_contact never moves backwards: a later date already in the plan is kept, and the output says so.
    Only the changed lines of the file change (comments, order, quoting and line ends stay). Exit 2 for an
    unknown name (the closest are suggested), exit 1 when the plan does not load; nothing is written then.
    """
    check_config(config)  # every command checks the configuration it is given, even one that uses none of it

    from samkit.dates import parse_iso_date, resolve_today
    from samkit.errors import UsageError
    from samkit.output.console import note as say
    from samkit.output.log_out import log_text
    from samkit.plan.enums import Relationship
    from samkit.plan.loader import display_path, load_text
    from samkit.plan.textedit import EditError, PlanFile
    from samkit.plan.touchpoint import Touchpoint, touchpoint_edits

    today = resolve_today(None)
    when = parse_iso_date(day, "--date") if day else today
    if when > today:
        raise UsageError(f"--date {when.isoformat()} is after today ({today.isoformat()}); log contacts that happened")
    wanted: Relationship | None = None
    if relationship is not None:
        from samkit.plan.values import normalize_enum_text

        try:
            wanted = Relationship(normalize_enum_text(relationship))
        except ValueError:
            allowed = ", ".join(member.value for member in Relationship)
            raise UsageError(f"--relationship {relationship!r}: expected one of {allowed}") from None
    try:
        file = PlanFile.read(plan)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise UsageError(f"{plan}: no such plan file") from None
    except OSError as error:
        raise UsageError(f"{plan}: cannot read: {error.strerror or error}") from None
    shown = display_path(file.path)
    loaded = load_text(file.raw, shown)
    if loaded.plan is None:
        from samkit.output.findings_text import findings_text

        typer.echo(findings_text(loaded.findings, with_code=False), nl=False, err=True)
        say(f"samkit log: {shown} does not load; nothing was written")
        raise typer.Exit(1)
    touch = Touchpoint(tuple(names), when, wanted, note, reviewed)
    result = touchpoint_edits(loaded.plan, shown, touch)
    try:
        new = file.edited(result.edits, loaded=True, parsed=loaded.data)  # from these very bytes
        if not dry_run and new != file.raw:
            file.commit(new)
    except EditError as error:
        say(f"samkit log: {error}")
        raise typer.Exit(1) from None
    typer.echo(log_text(shown, result.changes), nl=False)
    if dry_run:
        say("dry run: nothing was written")
