from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, PullRequestFormatOpt, TableFormat, TodayOpt

if TYPE_CHECKING:
    from samkit.analysis.backtest import Backtest
    from samkit.analysis.backtest_weights import WeightSuggestion
    from samkit.config import Config
    from samkit.gitio.timeline import DatedCommit


def command(
    paths: PathsArg = None,
    start: Annotated[
        str | None,
        typer.Option("--from", help="The day the tiers were decided, YYYY-MM-DD (required)."),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="The day outcomes are read, YYYY-MM-DD (default: today)."),
    ] = None,
    roster: Annotated[
        str | None,
        typer.Option(
            "--roster",
            help="Read the accounts from this roster CSV as committed at FROM and TO instead of the plans: "
            "scores from its dimension columns at FROM, outcomes from its ARR column (absent at TO or ARR 0: "
            "churned).",
        ),
    ] = None,
    config_now: Annotated[
        bool,
        typer.Option("--config-now", help="Score FROM's accounts with today's configuration instead of FROM's."),
    ] = False,
    suggest_weights: Annotated[
        bool,
        typer.Option(
            "--suggest-weights",
            help="Also suggest [scoring] weights (steps of 5, 0-40, sum 100) that rank the accounts most like "
            "their NDR, in-sample and 5-fold cross-validated; recommended only when cross-validated it beats the "
            "current weights; prints the setting and a diff, writes nothing. Needs 30 accounts.",
        ),
    ] = False,
    output_format: PullRequestFormatOpt = TableFormat.table,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Designation accuracy: did the tiers decided at FROM predict retention and expansion by TO?

    The cohort: accounts active at FROM with ARR above 0 and a score block that is not all zeros, scored and tiered with the configuration as it was at FROM (samkit.toml or pyproject.toml in FROM's commit; defaults when none). Outcomes follow samkit metrics' rules: plans matched by account.name, a deleted or churned plan is churn, a plan that does not load is left out on both sides.

    Per tier at FROM, and strategic against the other tiers: accounts, starting and ending ARR, NDR, GRR, churn and expansion rates. Evidence: NDR and GRR lift (percentage points), Spearman ρ between score and account NDR (overall and per dimension), churn AUC, with 95% intervals from a seeded bootstrap (the same on every run).

    Verdict: "outperform" when both lifts are 0 or more and the NDR lift's interval excludes 0; "underperform" when that interval is below 0; else "no clear difference". Under 30 accounts, or under 5 strategic or other: no verdict ("too few accounts to judge"). See docs/backtest.md.

    Exit 1 if a plan or roster row does not load, or two plans name the same account (left out on both sides and named); 2 for bad dates (no plans yet at FROM included), outside a git repository, a shallow clone whose history does not reach FROM, or --suggest-weights with fewer than 30 accounts.
    """
    from pathlib import Path

    from samkit.analysis.backtest import compute_backtest
    from samkit.commands._options import history_period, plan_paths
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import UsageError
    from samkit.history.backtest_sources import configuration_at, plan_sources, roster_sources
    from samkit.output.console import note

    settings = load_config(config)  # today's; refused here when it is bad, whichever configuration is used
    day = resolve_today(today)
    if start is None:
        raise UsageError("--from is required: the day the tiers were decided, YYYY-MM-DD (for example 2026-01-01)")
    first, last = history_period(start, end, day)
    if roster is not None and paths:
        raise UsageError("--roster reads the accounts from the roster: give either --roster or plan paths, not both")
    cwd = Path.cwd()

    def judged_by(commit: DatedCommit | None) -> tuple[Config, str]:
        """The configuration the accounts of ``commit`` are scored with, and where it comes from."""
        if not config_now:
            return configuration_at(commit, config, cwd)
        where = f": {settings.source}" if settings.source is not None else ""
        return settings, f"today's configuration (--config-now){where}"

    if roster is not None:
        sources = roster_sources(roster, first, last, day, cwd, lambda commit: judged_by(commit)[0].scoring)
    else:
        sources = plan_sources(first, last, plan_paths(paths), day, cwd)
    judging, configuration = judged_by(sources.from_commit)
    scoring = judging.scoring
    result = compute_backtest(
        sources.candidates,
        scoring,
        first,
        last,
        configuration=configuration,
        unloadable=sources.unloadable,
        notes=sources.notes,
    )
    suggestion = None
    if suggest_weights:
        from samkit.analysis.backtest_weights import TooFewAccounts
        from samkit.analysis.backtest_weights import suggest_weights as suggest

        try:
            suggestion = suggest(result.accounts, scoring.weights)
        except TooFewAccounts as error:
            raise UsageError(str(error)) from None
    _deliver(result, suggestion, output_format, f"at FROM: {sources.from_label}; at TO: {sources.to_label}")
    for problem in sources.problems:
        note(f"samkit: {problem}")
    raise typer.Exit(1 if sources.problems else 0)


def _deliver(result: Backtest, suggestion: WeightSuggestion | None, output_format: TableFormat, sources: str) -> None:
    from samkit.commands._options import show_report
    from samkit.output.backtest_out import backtest_json, backtest_markdown, print_backtest

    show_report(
        output_format,
        lambda: backtest_json(result, suggestion),
        lambda: backtest_markdown(result, sources, suggestion),
        lambda: print_backtest(result, sources, suggestion),
    )
