from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, OutputOpt


class ScoreFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def command(
    roster: Annotated[
        str,
        typer.Argument(
            help="Roster CSV: an account column (account / account name / name) and one 0-10 points column "
            "per dimension, or the raw columns configured in [scoring.bands]."
        ),
    ],
    output_format: Annotated[
        ScoreFormat,
        typer.Option(
            "--format",
            "-f",
            help="table: ranked, with tier shares; csv: the roster plus score and tier; json; markdown.",
        ),
    ] = ScoreFormat.table,
    output: OutputOpt = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Add each dimension's weighted contribution to the score.")
    ] = False,
    limit: Annotated[
        int,
        typer.Option("--limit", min=1, help="Rows of the table: the top N accounts (the tier summary counts all)."),
    ] = 50,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every account in the table, not only the top --limit.")
    ] = False,
    delimiter: Annotated[
        str | None,
        typer.Option(
            "--delimiter",
            help="Field delimiter, one character or 'tab' (default: detected from the header: , ; or tab).",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Text encoding, e.g. cp1252 (default: utf-8; a BOM is accepted)."),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Score and tier every account in a roster CSV. Exit 1 listing every invalid row by line number."""
    from samkit.config import load_config
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS
    from samkit.output.score_out import deliver, progress_for, report_problems
    from samkit.roster.scoring import score_roster

    settings = load_config(config)
    scoring = settings.scoring
    if output is not None:
        from samkit.fileio.outputs import check_output

        check_output(output, inputs=[roster])  # before the work: a bad target must not cost a scoring run
    with progress_for(roster) as progress:
        outcome = score_roster(
            roster,
            scoring,
            delimiter=delimiter,
            encoding=encoding,
            progress=progress,
            currency=settings.program.currency,
        )
        if outcome.roster is not None:
            deliver(
                outcome.roster, output_format.value, explain=explain, output=output, limit=None if show_all else limit
            )
    if outcome.roster is None:
        report_problems(outcome, output_format.value, output)
        raise typer.Exit(EXIT_PROBLEMS)
    raise typer.Exit(EXIT_OK)
