from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, check_config, format_option, plan_paths
from samkit.wording import plural


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


def command(
    paths: PathsArg = None,
    output_format: Annotated[
        ValidateFormat,
        format_option("text: path:line:column: message; json: a list of findings."),
    ] = ValidateFormat.text,
    config: ConfigOpt = None,
) -> None:
    """Parse and validate plans; every problem as path:line:column: message. Exit 1 if any plan is invalid.

    Across the plans checked: each crm id is used once, and each account has one plan (a second plan whose
    account.name is another's, case aside, is invalid, naming the first).
    """
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS

    check_config(config)  # every command checks the configuration it is given, even one that uses none of it

    from samkit.output.console import loading_bar, note
    from samkit.output.findings_text import findings_json, findings_text
    from samkit.plan.crosschecks import ProgramIds, ProgramNames
    from samkit.plan.loader import discover_plans, load_plan

    findings = []
    crm_ids = ProgramIds()  # crm ids are unique across the program, not only within a plan
    names = ProgramNames()  # and so are accounts: one plan each
    checked = invalid = 0
    files = discover_plans(plan_paths(paths))
    for path in loading_bar(files, "validating") if output_format is ValidateFormat.text else files:
        plan = load_plan(path)  # each plan reduced to its findings as it loads
        checked += 1
        invalid += not plan.ok
        findings += plan.findings
        if plan.plan is not None:
            crm_ids.add(plan.path, plan.plan, plan.positions)
            names.add(plan.path, plan.plan, plan.positions)
    program_findings = crm_ids.findings + names.findings
    findings += program_findings
    invalid += len({finding.path for finding in program_findings})
    findings.sort()
    if output_format is ValidateFormat.json:
        typer.echo(findings_json(findings), nl=False)
    else:
        typer.echo(findings_text(findings, with_code=False), nl=False)
    if not checked:
        note("no plan files found")
    else:
        noun = "plan" if checked == 1 else "plans"
        problems = f", {invalid} invalid with {plural(len(findings), 'problem')}" if invalid else ""
        note(f"{checked} {noun} checked{problems}" if invalid else f"{checked} {noun} valid")
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)
