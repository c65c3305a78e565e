from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samkit.commands._options import ConfigOpt, TodayOpt

if TYPE_CHECKING:
    from samkit.analysis.review import ReviewBrief


class ReviewFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def command(
    plan: Annotated[str, typer.Argument(help="The plan file to brief on.")],
    today: TodayOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Compare with the plan at this git revision (default: the last commit on or before last_reviewed).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="text (terminal), markdown (templates/review.md.j2) or json.")
    ] = ReviewFormat.text,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.", show_default=False),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """A QBR brief for one account: health, relationships, actions, pipeline, risks, changes since the last review.

    Relationships: executive alignment (an economic buyer covered by someone other than the manager).

    C-level contact within the tier's review_interval_days, and who is against us with who covers them.

    Stale contacts follow each stakeholder's contact cadence (cadence_days, [lint.cadence], the tier).
    """
    from pathlib import Path

    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import EXIT_PROBLEMS, UsageError
    from samkit.fileio.inputs import check_input
    from samkit.fileio.outputs import check_output
    from samkit.output.findings_text import findings_text
    from samkit.plan.loader import load_plan

    path = Path(plan)
    if path.is_dir():
        raise UsageError(f"{plan}: review takes one plan file")
    check_input(path)
    if output is not None:
        check_output(output, inputs=[path])
    day = resolve_today(today)
    settings = load_config(config)
    loaded = load_plan(path)
    if loaded.plan is None:
        typer.echo(findings_text(loaded.findings, with_code=False), err=True, nl=False)
        raise typer.Exit(EXIT_PROBLEMS)

    from samkit.analysis.review import build_brief, finish
    from samkit.history.since_review import changes_since_review

    history = changes_since_review(path, loaded.plan, settings.scoring, since)
    brief = finish(build_brief(loaded.path, loaded.plan, settings, day), history.changes, history.since, history.note)
    _emit(brief, output_format, output, path)


def _emit(brief: ReviewBrief, output_format: ReviewFormat, output: str | None, plan: Path) -> None:
    from samkit.output.review_out import print_review_text, review_json
    from samkit.render.review import review_markdown

    if output_format is ReviewFormat.text:
        from samkit.output.console import stdout_console

        if output is None:
            print_review_text(brief, stdout_console())
            return
        text = _text_to_string(brief)
    elif output_format is ReviewFormat.markdown:
        text = review_markdown(brief)
    else:
        text = review_json(brief)
    if output is None:
        typer.echo(text, nl=False)
    else:
        from samkit.fileio.outputs import write_output

        write_output(output, text, inputs=[plan])


def _text_to_string(brief: ReviewBrief) -> str:
    import io

    from samkit.output.console import make_console
    from samkit.output.review_out import print_review_text

    buffer = io.StringIO()
    print_review_text(brief, make_console(file=buffer, width=100, no_color=True, highlight=False))
    # rich pads table cells to the console width; a file wants no trailing blanks
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
