from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, TodayOpt, plan_paths


class PortfolioFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def command(
    paths: PathsArg = None,
    output_format: Annotated[
        PortfolioFormat,
        typer.Option("--format", "-f", help="table (default), json, or markdown."),
    ] = PortfolioFormat.table,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """The program view: accounts, ARR and whitespace per tier, accounts per manager, health, coverage, pipeline.

    Also the share of strategic accounts with executive alignment, and plans overdue for review.

    Managers are held to 5-15 accounts (over 15 flagged, over 20 degraded service).

    Strategic accounts are held to 10-20% of accounts and 60-80% of ARR.

    A plan is overdue for review when last_reviewed is missing or more than lint.review_interval_days (default 92)
    before --today.

    Exit 1 if a plan does not load (the others are still shown).
    """
    from samkit.analysis.portfolio import compute_portfolio
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS
    from samkit.output.console import note
    from samkit.output.coverage_out import report_invalid
    from samkit.output.portfolio_out import portfolio_json, portfolio_markdown, print_portfolio
    from samkit.plan.loader import load_plans

    settings = load_config(config)
    day = resolve_today(today)
    loaded = load_plans(plan_paths(paths))
    invalid = report_invalid(loaded)
    portfolio = compute_portfolio(((item.path, item.plan) for item in loaded if item.plan is not None), settings, day)
    if output_format is PortfolioFormat.json:
        typer.echo(portfolio_json(portfolio), nl=False)
    elif output_format is PortfolioFormat.markdown:
        typer.echo(portfolio_markdown(portfolio), nl=False)
    else:
        print_portfolio(portfolio)
        from samkit.history.snapshots import history_available

        if loaded and history_available(plan_paths(paths)[0]):
            note("Retention, expansion and SAM ROI over a period, from the plans' history: samkit metrics --from DATE")
    if not loaded:
        note("no plan files found")
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)
