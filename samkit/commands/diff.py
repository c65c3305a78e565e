from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, format_option, plan_paths


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def command(
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="BASE [HEAD]",
            help="No revision: HEAD against the working tree. One: BASE against the working tree. "
            "Two: BASE against HEAD.",
        ),
    ] = None,
    path: Annotated[
        list[str] | None,
        typer.Option(
            "--path",
            "-p",
            help="Plan file or folder to compare (repeatable; relative to the current directory). Default: plans/",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        format_option("text for people, markdown for a pull-request comment, json for scripts."),
    ] = DiffFormat.text,
    config: ConfigOpt = None,
    textconv: Annotated[
        str | None,
        typer.Option(
            "--textconv",
            metavar="FILE",
            help="Print one plan in a stable, sorted form for git's diff driver "
            "(git config diff.samkit.textconv 'samkit diff --textconv').",
        ),
    ] = None,
) -> None:
    """What changed in plans between two git revisions, matched by identity: stakeholders, relationships,
    opportunities, risks, actions, score, tier and pipeline. Exit 1 if a side of some plan does not parse."""
    from samkit.config import load_config
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
    from samkit.output.console import note

    refs = list(revisions or [])
    if textconv is not None:
        from samkit.history.diff import load_for_textconv
        from samkit.output.textconv import canonical_view

        if refs or path:
            raise UsageError("--textconv FILE takes no revisions and no --path")
        try:
            scoring = load_config(config).scoring
        except UsageError as error:  # a broken samkit.toml must not break `git diff` as a whole
            note(f"samkit: {error}; scoring with the defaults")
            scoring = None
        loaded, raw_text = load_for_textconv(textconv)
        typer.echo(canonical_view(loaded, raw_text, scoring), nl=False)
        raise typer.Exit(EXIT_OK)  # git must show a diff even for a plan that does not parse
    if len(refs) > 2:
        raise UsageError(f"at most two revisions (BASE and HEAD), got {len(refs)}: {' '.join(refs)}")

    from samkit.history.diff import diff_revisions
    from samkit.output.diff_out import diff_json, diff_markdown, diff_text, summary_line

    scoring = load_config(config).scoring
    base = refs[0] if refs else None
    head = refs[1] if len(refs) > 1 else None
    paths = plan_paths(path)
    if path is None and not Path(paths[0]).is_dir():
        note(f"samkit: note: no {paths[0]}/ folder; give --path to compare other plans")
    report = diff_revisions(base, head, paths, scoring=scoring, require_paths=path is not None)
    if output_format is DiffFormat.json:
        typer.echo(diff_json(report), nl=False)
    elif output_format is DiffFormat.markdown:
        typer.echo(diff_markdown(report), nl=False)
    else:
        typer.echo(diff_text(report), nl=False)
        note(summary_line(report))
    raise typer.Exit(EXIT_PROBLEMS if report.has_problems else EXIT_OK)
