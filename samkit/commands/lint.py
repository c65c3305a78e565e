from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, TodayOpt, plan_paths


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def command(
    paths: PathsArg = None,
    output_format: Annotated[
        LintFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: path:line:column: CODE severity: message; json: a list of findings; github: workflow commands "
            "(annotations); sarif: SARIF 2.1.0 for code scanning.",
        ),
    ] = LintFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Run only these rules: comma-separated codes, e.g. SAM101,SAM302 (repeatable). "
            "Overrides the configured ignore list.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Skip these rules: comma-separated codes (repeatable)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on any finding, warnings included.")] = False,
    pre_commit: Annotated[
        bool,
        typer.Option(
            "--pre-commit",
            help="For a pre-commit hook: exit 1 only for a plan that does not load or a finding on a line the "
            "staged commit changes (its item or section); time-based findings (stale contacts, overdue reviews) are "
            "shown, not blocking.",
        ),
    ] = False,
    today: TodayOpt = None,
    config: ConfigOpt = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Processes to lint with; 0 picks: one for small trees, every core for large ones.",
        ),
    ] = 0,
) -> None:
    """CI checks with rule codes: stale contacts, coverage gaps, plan hygiene. Exit 1 on error-level findings.

    Accept a known exception on the item it is about with a comment:
    `# samkit: accept SAM101 -- on parental leave until March`. `samkit rules` lists the rules.
    """
    from samkit import __version__
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.lint.engine import build_settings, lint_paths
    from samkit.output import lint_out
    from samkit.output.console import note
    from samkit.rules import RULES

    settings = build_settings(load_config(config), resolve_today(today), select, ignore)
    report = lint_paths(plan_paths(paths), settings, jobs)
    if output_format is LintFormat.json:
        rendered = lint_out.lint_json(report.findings)
    elif output_format is LintFormat.github:
        rendered = lint_out.lint_github(report.findings)
    elif output_format is LintFormat.sarif:
        from samkit.output.sarif import lint_sarif
        from samkit.scaffold.provenance import running_origin

        rendered = lint_sarif(report, list(RULES.values()), __version__, running_origin().docs_url)
    else:
        from samkit.output.console import stdout_colour, stdout_width

        rendered = lint_out.lint_text(report.findings, stdout_width(), stdout_colour())
    typer.echo(rendered, nl=False)
    note(report.summary() if report.files else "samkit lint: no plan files found")
    if pre_commit:
        from samkit.gitio.staged import staged_changes
        from samkit.lint.commit_gate import gate

        verdict = gate(report.findings, staged_changes(sorted({f.path for f in report.findings})), strict)
        if verdict.note():
            note(verdict.note())
        raise typer.Exit(verdict.exit_code())
    raise typer.Exit(report.exit_code(strict))
