from __future__ import annotations

from samkit.commands._options import ConfigOpt, FormatOpt, PathsArg, PlanStream, TableFormat, TodayOpt, show_report


def command(
    paths: PathsArg = None,
    output_format: FormatOpt = TableFormat.table,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """The program view: accounts, ARR and whitespace per tier, accounts per manager, health, coverage, pipeline.

    Also the share of strategic accounts with executive alignment, and plans overdue for review.

    Managers are held to 5-15 accounts (over 15 flagged, over 20 degraded service).

    Strategic accounts are held to 10-20% of accounts and 60-80% of ARR.

    A plan is overdue for review when last_reviewed is missing or more than its tier's review_interval_days
    (strategic 92, key 183, standard 365) before --today; the stakeholder target is also the tier's.

    Accounts are listed by tier, then ARR (largest first), then name. Churned plans (account.status: churned)
    are history: left out of every figure and listed apart under the totals.

    Exit 1 if a plan does not load (the others are still shown).
    """
    from samkit.analysis.portfolio import compute_portfolio
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.output.portfolio_out import portfolio_json, portfolio_markdown, print_portfolio

    settings = load_config(config)
    day = resolve_today(today)
    plans = PlanStream(paths, progress=output_format is not TableFormat.json)
    portfolio = compute_portfolio(plans.valid(), settings, day)  # each plan reduced to its row as it loads
    invalid = plans.report_failed()

    def print_table() -> None:
        print_portfolio(portfolio)
        from samkit.history.snapshots import history_available
        from samkit.output.console import note

        if plans.count and history_available(plans.paths[0]):
            note("Retention, expansion and SAM ROI over a period, from the plans' history: samkit metrics --from DATE")

    show_report(output_format, lambda: portfolio_json(portfolio), lambda: portfolio_markdown(portfolio), print_table)
    plans.finish(invalid)
