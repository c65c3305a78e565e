from __future__ import annotations

from typing import Annotated

import typer

from samkit.analysis.groups import GroupBy
from samkit.commands._options import ConfigOpt, PathsArg, PullRequestFormatOpt, TableFormat, TodayOpt


def command(
    paths: PathsArg = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First day of the period, YYYY-MM-DD (default: the first day of today's quarter, or the first "
            "day of the history when it begins later).",
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last day of the period, YYYY-MM-DD (default: today)."),
    ] = None,
    by: Annotated[
        GroupBy,
        typer.Option("--by", help="Group the figures by the accounts' tier (default) or manager at FROM."),
    ] = GroupBy.tier,
    output_format: PullRequestFormatOpt = TableFormat.table,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Program metrics over a period from the plans' git history: NDR, GRR, expansion, churn, SAM ROI, engagement.

    Plans at FROM: the last commit made on or before that day; at TO likewise, or the working tree when TO is today or later. A commit's day is its committer date on the committer's own clock (as git log --format=%cI shows it), so every machine picks the same commits.

    Accounts are matched by account.name (ignoring case), so a renamed file is the same account; an account two plans name is left out on both sides.

    Seed targets: NDR 130-160%, GRR 92-98%, C-level contact for 70%+ of strategic accounts, 8-10 stakeholders per strategic account. SAM ROI: 5x or more healthy, under 3x revise.

    ROI needs [program] sam_cost in samkit.toml ([program.sam_costs] per manager).

    Exit 1 if a plan does not load (it is left out on both sides and named), or if two plans name the same account (it is left out on both sides and named); 2 for bad dates (no plans yet at FROM included), outside a git repository, or a shallow clone whose history does not reach FROM.
    """
    from samkit.analysis.metrics import Period, compute_metrics
    from samkit.commands._options import history_period, note_default_start, plan_paths, show_report
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.history.snapshots import period_plans
    from samkit.output.console import note
    from samkit.output.metrics_out import metrics_json, metrics_markdown, print_metrics

    settings = load_config(config)
    day = resolve_today(today)
    first, last = history_period(start, end, day)
    plans = period_plans(first, last, plan_paths(paths), day, start_given=start is not None, end_given=end is not None)
    if start is None:
        note_default_start(first, plans.start.day)
    metrics = compute_metrics(plans.start.loaded, plans.end.loaded, settings, Period(plans.start.day, last), by)
    metrics.left_out = [duplicate.summary() for duplicate in plans.duplicate_names]
    sources = f"plans at FROM: {plans.start.label}; plans at TO: {plans.end.label}"
    show_report(
        output_format,
        lambda: metrics_json(metrics),
        lambda: metrics_markdown(metrics, sources),
        lambda: print_metrics(metrics, sources),
    )
    problems = plans.problems()
    for problem in problems:
        note(f"samkit: {problem}")
    raise typer.Exit(1 if problems else 0)
