from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, plan_paths


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


def command(
    paths: PathsArg = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text: path:line:column: message; json: a list of findings."),
    ] = ValidateFormat.text,
    config: ConfigOpt = None,
) -> None:
    """Parse and validate plans; every problem as path:line:column: message. Exit 1 if any plan is invalid."""
    from samkit.config import load_config
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS

    load_config(config)  # every command checks the configuration it is given, even one that uses none of it

    from samkit.output.console import note
    from samkit.output.findings_text import findings_json, findings_text
    from samkit.plan.loader import load_plans

    loaded = load_plans(plan_paths(paths))
    findings = sorted(finding for plan in loaded for finding in plan.findings)
    if output_format is ValidateFormat.json:
        typer.echo(findings_json(findings), nl=False)
    else:
        typer.echo(findings_text(findings, with_code=False), nl=False)
    invalid = sum(1 for plan in loaded if not plan.ok)
    if not loaded:
        note("no plan files found")
    else:
        noun = "plan" if len(loaded) == 1 else "plans"
        problems = f", {invalid} invalid with {len(findings)} problem{'s' * (len(findings) != 1)}" if invalid else ""
        note(f"{len(loaded)} {noun} checked{problems}" if invalid else f"{len(loaded)} {noun} valid")
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)
