from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, TodayOpt, plan_paths


def command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Plan files or directories (a directory renders one .md per plan into --out-dir). Default: plans/"
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the document of a single plan to FILE.")
    ] = None,
    out_dir: Annotated[
        str | None,
        typer.Option(
            "--out-dir", help="Write one <plan>.md per plan into DIR (created if missing; sub-folders mirrored)."
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", help="A Jinja template to use instead of the built-in plan document; it runs sandboxed."
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing: exit 1 listing documents that are missing or differ from a fresh render (for CI).",
        ),
    ] = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Markdown account plan documents from a Jinja template. Plan files without -o or --out-dir print to stdout.

    The default document: header (score, tier, status, renewal), account team and RACI, business context.

    Stakeholders (influence, stance, what they care about) and a Mermaid org chart by reporting lines.

    Coverage, current state, opportunities with totals, the whitespace matrix, risks, the action plan.
    """
    from pathlib import Path

    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS
    from samkit.fileio.generated import check_listing
    from samkit.output.console import note
    from samkit.render.documents import check_job, plan_targets, render_job, write_job
    from samkit.render.messages import check_summary, load_problems_text, write_summary

    settings = load_config(config)
    day = resolve_today(today)
    job = plan_targets(
        [Path(path) for path in plan_paths(paths)],
        Path(output) if output else None,
        Path(out_dir) if out_dir else None,
        check=check,
    )
    template_path = Path(template) if template else None
    if check:
        statuses, failed = check_job(job, settings, day, template_path)
        typer.echo(load_problems_text(failed), err=True, nl=False)
        typer.echo(check_listing(statuses), nl=False)
        note(check_summary(statuses, len(failed)))
        raise typer.Exit(EXIT_OK if all(status.in_sync for status in statuses) and not failed else EXIT_PROBLEMS)
    if job.to_stdout:
        result = render_job(job, settings, day, template_path)
        typer.echo(load_problems_text(result.failed), err=True, nl=False)
        for document in result.documents:
            typer.echo(document.text, nl=False)
        failed = result.failed
    else:
        statuses, failed = write_job(job, settings, day, template_path)
        typer.echo(load_problems_text(failed), err=True, nl=False)
        note(write_summary(statuses, len(failed), Path(output or out_dir or ".")))
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
