from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from samkit.commands._options import ConfigOpt

if TYPE_CHECKING:
    from datetime import date

    from samkit.findings import Finding
    from samkit.plan.logbook import NotSearched
    from samkit.plan.people import NewPerson
    from samkit.plan.planfile import PlanFile
    from samkit.plan.touchpoint import Touchpoint

Choice = TypeVar("Choice", bound=StrEnum)


def command(
    arguments: Annotated[
        list[str],
        typer.Argument(
            metavar="[PLAN] NAME",
            help="Stakeholders met: each a name (any case) or an email address. Start with a plan file "
            "(*.yaml) to look only there; without one, each person is found across the program.",
        ),
    ],
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Day of the touchpoint: YYYY-MM-DD, today, yesterday, or [import] date_format "
            "(default: $SAMKIT_TODAY, else today).",
        ),
    ] = None,
    relationship: Annotated[
        str | None,
        typer.Option("--relationship", help="Set the relationship (strong, moderate, weak, none); only with one NAME."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", help='Append "DATE: TEXT" to each stakeholder\'s notes.'),
    ] = None,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Also set the plan's last_reviewed to the date (a QBR).")
    ] = False,
    new: Annotated[
        bool,
        typer.Option(
            "--new", help="Add NAME to PLAN as a new stakeholder (with --title, --department, --role, --email)."
        ),
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="With --new: their job title.")] = None,
    department: Annotated[str | None, typer.Option("--department", help="With --new: their department.")] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help="With --new: their role (champion, economic_buyer, ...)."),
    ] = None,
    email: Annotated[str | None, typer.Option("--email", help="With --new: their email.")] = None,
    plans: Annotated[
        list[str] | None,
        typer.Option("--plans", help="Without PLAN: where to look (repeatable). Default: plans/"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the changes; write nothing.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Record a touchpoint without hand-editing YAML: last_contact, relationship, a dated note.

    samkit log plans/acme.yaml "Lisa Thompson" looks in one plan; samkit log lisa@gfc.example finds the
    person across the program (an email, or a name only one stakeholder has; several matches are listed).
    --new adds a person to PLAN. last_contact never moves backwards: a later date already in the plan is
    kept, and the output says so. Only the changed lines of the file change. Exit 2 for an unknown or
    ambiguous name (the closest are suggested), exit 1 when a plan does not load (without PLAN, any plan
    searched: the person could be in it); nothing is written then.
    """
    from samkit.commands._options import check_config
    from samkit.dates import resolve_today
    from samkit.errors import UsageError
    from samkit.plan.enums import Relationship
    from samkit.plan.touchpoint import Touchpoint

    check_config(config)  # every command checks the configuration it is given, even one that uses none of it
    today = resolve_today(None)
    when = _touchpoint_day(day, today, config)
    if when > today:
        raise UsageError(f"--date {when.isoformat()} is after today ({today.isoformat()}); log contacts that happened")
    wanted = _choice("--relationship", relationship, Relationship)
    is_plan = arguments[0].lower().endswith((".yaml", ".yml")) or _is_file(arguments[0])
    plan, names = (arguments[0], tuple(arguments[1:])) if is_plan else (None, tuple(arguments))
    if not names:
        raise UsageError("give at least one NAME after the plan")
    person = _new_person(new, names, title, department, role, email, plan)
    touch = Touchpoint(names, when, wanted, note, reviewed)
    if plan is not None:
        _log_plan(plan, touch, person, dry_run)
    else:
        _log_program(plans, touch, dry_run)


def _is_file(text: str) -> bool:
    from pathlib import Path

    return Path(text).is_file()


def _touchpoint_day(text: str | None, today: date, config: str | None) -> date:
    """``--date``: ISO, ``today``, ``yesterday``, else ``[import] date_format`` (read only then)."""
    from datetime import timedelta

    from samkit.dates import parse_iso_date
    from samkit.plan.values import parse_iso_day

    word = (text or "today").strip().casefold()
    if word in ("today", "yesterday"):
        return today - timedelta(days=word == "yesterday")
    assert text is not None
    if parse_iso_day(text.strip()) is None:
        from samkit.config import load_config

        date_format = load_config(config).import_.date_format
        if date_format:
            from samkit.importers.dates import read_day

            found = read_day(text.strip(), date_format)
            if found is not None:
                return found
    return parse_iso_date(text, "--date")


def _choice(option: str, text: str | None, kind: type[Choice]) -> Choice | None:
    """An enum-valued option (``--relationship``, ``--role``) written as in plans (any case, spaces or dashes);
    a value the enum does not have is a usage error listing those it has."""
    if text is None:
        return None
    from samkit.errors import UsageError
    from samkit.plan.values import normalize_enum_text

    try:
        return kind(normalize_enum_text(text))
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise UsageError(f"{option} {text!r}: expected one of {allowed}") from None


def _new_person(
    new: bool,
    names: tuple[str, ...],
    title: str | None,
    department: str | None,
    role: str | None,
    email: str | None,
    plan: str | None,
) -> NewPerson | None:
    from samkit.errors import UsageError
    from samkit.plan.enums import Role
    from samkit.plan.people import NewPerson

    if not new:
        given = [option for option, value in (("--title", title), ("--department", department)) if value]
        given += [option for option, value in (("--role", role), ("--email", email)) if value]
        if given:
            raise UsageError(f"{', '.join(given)} describe a new stakeholder: add --new")
        return None
    if plan is None or len(names) != 1:
        raise UsageError("--new adds one person to one plan: samkit log PLAN NAME --new [--title ...]")
    return NewPerson(names[0], title, department, _choice("--role", role, Role), _email(email))


def _email(text: str | None) -> str | None:
    if text is not None and ("@" not in text or " " in text.strip()):
        from samkit.errors import UsageError

        raise UsageError(f"--email {text!r} is not an email address")
    return text


def _log_plan(plan: str, touch: Touchpoint, person: NewPerson | None, dry_run: bool) -> None:
    from samkit.fileio.inputs import InputProblem, check_input
    from samkit.plan.loader import display_path, unreadable_plan
    from samkit.plan.planfile import PlanFile

    check_input(plan)  # missing, a folder, a FIFO: a usage error (exit 2), as for review and validate
    try:
        file = PlanFile.read(plan)
    except InputProblem as problem:  # a file that cannot be read (over 1 MiB): a plan that does not load
        from pathlib import Path

        unread = unreadable_plan(display_path(Path(plan)), problem)
        _does_not_load(unread.path, unread.findings)
    _write([(file, touch, person)], dry_run)


def _does_not_load(path: str, findings: list[Finding]) -> NoReturn:
    """Exit 1 for the plan a touchpoint goes into when it does not load: its problems, then that nothing was written."""
    from samkit.output.console import note as say
    from samkit.output.findings_text import findings_text

    typer.echo(findings_text(findings, with_code=False), nl=False, err=True)
    say(f"samkit log: {path} does not load; nothing was written")
    raise typer.Exit(1)


def _log_program(plan_options: list[str] | None, touch: Touchpoint, dry_run: bool) -> None:
    from samkit.commands._options import plan_paths
    from samkit.plan.logbook import NotSearched, read_program, split_by_plan

    program = read_program(plan_paths(plan_options))
    try:
        work = split_by_plan(program, touch)
    except NotSearched as problem:
        _not_searched(problem)
    _write(work, dry_run)


def _not_searched(problem: NotSearched) -> NoReturn:
    """Exit 1: a plan that does not load may hold the person too, so a match elsewhere is not certain."""
    import shlex

    from samkit.output.console import note as say
    from samkit.output.findings_text import findings_text
    from samkit.wording import do_not_load

    typer.echo(
        findings_text([one for plan in problem.failed for one in plan.findings], with_code=False), nl=False, err=True
    )
    names = " ".join(shlex.quote(name) for name in problem.found)
    places = set(problem.found.values())
    plan = places.pop() if len(places) == 1 and None not in places else None
    command = f"samkit log {shlex.quote(plan)} {names}" if plan else f"samkit log PLAN {names}"
    quoted = [repr(name) for name in problem.found]
    who = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    stakeholders = "a stakeholder" if len(quoted) == 1 else "stakeholders"
    them = "it" if len(problem.failed) == 1 else "them"
    say(
        f"samkit log: {do_not_load(len(problem.failed))} not searched; {who} could be {stakeholders} there, so "
        f"nothing was written. Fix {them} (the lines above say where), or name the plan: {command}"
    )
    raise typer.Exit(1)


def _write(work: list[tuple[PlanFile, Touchpoint, NewPerson | None]], dry_run: bool) -> None:
    """Every plan's edits worked out first (any error: nothing written), then each plan written once."""
    from samkit.output.console import note as say
    from samkit.output.log_out import log_text
    from samkit.plan.logbook import PlanDoesNotLoad, plan_writes
    from samkit.plan.textedit import EditError

    try:
        ready = plan_writes(work)
    except PlanDoesNotLoad as problem:
        _does_not_load(problem.path, problem.findings)
    except EditError as error:
        say(f"samkit log: {error}")
        raise typer.Exit(1) from None
    for planned in ready:
        if not dry_run and planned.new != planned.file.raw:
            try:
                planned.file.commit(planned.new)
            except EditError as error:
                say(f"samkit log: {error}")
                raise typer.Exit(1) from None
        typer.echo(log_text(planned.path, planned.changes), nl=False)
    if dry_run:
        say("dry run: nothing was written")
