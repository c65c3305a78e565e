"""``samkit portfolio`` output: table (default), json, markdown."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from samkit.output.blocks import Block, Bullets, Heading, Paragraph, TableBlock, print_blocks, render_markdown
from samkit.output.jsonout import decimal_text, dumps
from samkit.output.markdown import EMPTY_CELL
from samkit.output.objectives_out import program_objectives_blocks
from samkit.output.pipeline_out import MONEY_HEADERS, money_cells
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.analysis.portfolio import Concentration, Portfolio


def portfolio_json(portfolio: Portfolio) -> str:
    return dumps(portfolio.to_dict()) + "\n"


def _number(value: Decimal | None) -> str:
    return EMPTY_CELL if value is None else decimal_text(value)


def _money(value: Decimal | None) -> str:
    from samkit.plan.values import format_money

    return EMPTY_CELL if value is None else format_money(value)


def _concentration_lines(concentration: Concentration) -> list[str]:
    from samkit.analysis.scoring import STRATEGIC_ACCOUNT_SHARE, STRATEGIC_ARR_SHARE, band_status, band_text

    def target(band: tuple[Decimal, Decimal]) -> str:
        return f"rule of thumb {band_text(band)}"

    lines = []
    share = concentration.account_share
    if share is not None:
        status = band_status(share, STRATEGIC_ACCOUNT_SHARE)
        lines.append(
            f"Strategic accounts: {concentration.strategic_accounts} of {plural(concentration.accounts, 'account')} "
            f"({decimal_text(share)}%; {target(STRATEGIC_ACCOUNT_SHARE)}: {status})."
        )
    arr_share = concentration.arr_share
    if arr_share is None:
        lines.append("Strategic share of ARR: unknown (no plan gives account.arr).")
    else:
        status = band_status(arr_share, STRATEGIC_ARR_SHARE)
        known = (
            ""
            if concentration.accounts_with_arr == concentration.accounts
            else f", ARR known for {concentration.accounts_with_arr} of {plural(concentration.accounts, 'account')}"
        )
        lines.append(
            f"Strategic ARR: {_money(concentration.strategic_arr)} of {_money(concentration.arr)} "
            f"({decimal_text(arr_share)}%; {target(STRATEGIC_ARR_SHARE)}: {status}{known})."
        )
    return lines


def _alignment_line(portfolio: Portfolio) -> str:
    alignment = portfolio.alignment
    if not alignment.strategic_accounts:
        return "Executive alignment: no strategic accounts."
    share = alignment.share
    return (
        f"Executive alignment: {alignment.aligned} of {alignment.strategic_accounts} strategic accounts "
        f"({decimal_text(share) if share is not None else 0}%) have an economic buyer covered by someone "
        "other than the account manager."
    )


def portfolio_blocks(portfolio: Portfolio) -> list[Block]:
    from samkit.analysis.portfolio import (
        HEALTH_LABELS,
        LOAD_LABELS,
        MANAGER_DEGRADED_ABOVE,
        MANAGER_MAX_ACCOUNTS,
        MANAGER_MIN_ACCOUNTS,
    )

    accounts = TableBlock(
        "Accounts",
        ["Account", "Manager", "Tier", "ARR", "Health", "Stakeholders", "Open pipeline", "Last reviewed"],
        [
            [
                row.account,
                row.manager,
                row.tier,
                _money(row.arr),
                _number(row.health_score),
                str(row.stakeholders)
                + (" (not mapped yet)" if row.unmapped else " (single-threaded)" if row.single_threaded else ""),
                _money(row.pipeline.total),
                (row.last_reviewed.isoformat() if row.last_reviewed else "never") + (" (overdue)" * row.review_overdue),
            ]
            for row in portfolio.accounts
        ],
        right_aligned=frozenset({3, 4, 5, 6}),
        # at 80 columns the long headers would push the table into stacked records
        short_headers=["Account", "Manager", "Tier", "ARR", "Health", "Mapped", "Pipeline", "Reviewed"],
    )
    tiers = TableBlock(
        "Accounts, ARR and whitespace potential per tier",
        ["Tier", "Accounts", "ARR", "ARR unknown", "Untapped whitespace", "Whitespace in pipeline"],
        [
            [
                row.tier,
                str(row.accounts),
                _money(row.arr),
                str(row.arr_unknown),
                _money(row.untapped_potential),
                _money(row.pipeline_potential),
            ]
            for row in portfolio.tiers
        ],
        right_aligned=frozenset({1, 2, 3, 4, 5}),
        footer=[
            "Total",
            str(len(portfolio.accounts)),
            _money(portfolio.concentration.arr),
            str(sum(row.arr_unknown for row in portfolio.tiers)),
            _money(sum((row.untapped_potential for row in portfolio.tiers), Decimal(0))),
            _money(sum((row.pipeline_potential for row in portfolio.tiers), Decimal(0))),
        ],
    )
    managers = TableBlock(
        f"Accounts per manager (rule of thumb: {MANAGER_MIN_ACCOUNTS}-{MANAGER_MAX_ACCOUNTS}; "
        f"over {MANAGER_DEGRADED_ABOVE} degrades service)",
        ["Manager", "Accounts", "Strategic", "Load"],
        [
            [row.manager, str(row.accounts), str(row.strategic_accounts), LOAD_LABELS[row.load]]
            for row in portfolio.managers
        ],
        right_aligned=frozenset({1, 2}),
    )
    health = TableBlock(
        "Health score distribution",
        ["Health", "Accounts"],
        [[HEALTH_LABELS[band], str(count)] for band, count in portfolio.health.items()],
        right_aligned=frozenset({1}),
    )
    average_health = portfolio.average_health
    targets = ", ".join(f"{tier} {target}" for tier, target in portfolio.targets.items())
    unmapped = portfolio.unmapped
    coverage_line = (
        f"Coverage: {portfolio.average_stakeholders or 0} stakeholders per account on average "
        f"(targets: {targets or 'none'}); {len(portfolio.below_target)} below their tier's target; "
        f"{len(portfolio.single_threaded)} single-threaded"
        + (": " + ", ".join(row.account for row in portfolio.single_threaded) if portfolio.single_threaded else "")
        + (f"; not mapped yet: {', '.join(row.account for row in unmapped)}" if unmapped else "")
        + "."
    )
    pipeline = TableBlock(
        "Open pipeline (all plans)",
        MONEY_HEADERS,
        [money_cells(portfolio.pipeline)],
        right_aligned=frozenset(range(len(MONEY_HEADERS))),
    )
    overdue = portfolio.overdue_reviews
    blocks: list[Block] = [
        Paragraph(f"{plural(len(portfolio.accounts), 'account')} as of {portfolio.today.isoformat()}."),
        accounts,
        tiers,
        *_churned_blocks(portfolio),
        Bullets([*_concentration_lines(portfolio.concentration), _alignment_line(portfolio)]),
        managers,
        health,
        Paragraph(
            "Average health score: "
            + (str(average_health) if average_health is not None else "unknown")
            + f" ({sum(1 for row in portfolio.accounts if row.health_score is not None)} scored)."
        ),
        Paragraph(coverage_line),
        pipeline,
    ]
    if overdue:
        blocks.append(
            TableBlock(
                "Plans overdue for review (each against its tier's review interval)",
                ["Account", "Tier", "Interval", "Last reviewed", "Days since", "Path"],
                [
                    [
                        row.account,
                        row.tier,
                        plural(row.review_interval_days, "day"),
                        row.last_reviewed.isoformat() if row.last_reviewed else "never",
                        EMPTY_CELL if row.days_since_review is None else str(row.days_since_review),
                        row.path,
                    ]
                    for row in overdue
                ],
                right_aligned=frozenset({2, 4}),
            )
        )
    else:
        blocks.append(Paragraph(f"No plan is overdue for review ({_intervals(portfolio)})."))
    blocks += program_objectives_blocks(portfolio.objectives)  # round 3
    return blocks


def _intervals(portfolio: Portfolio) -> str:
    """``intervals: Strategic 92 days, Key 183 days`` over the tiers present."""
    seen: dict[str, int] = {}
    for row in portfolio.accounts:
        seen.setdefault(row.tier, row.review_interval_days)
    from samkit.analysis.portfolio import TIER_ORDER

    ordered = sorted(seen.items(), key=lambda item: TIER_ORDER.index(item[0]))
    return (
        "intervals: " + ", ".join(f"{tier} {plural(days, 'day')}" for tier, days in ordered) if ordered else "no plans"
    )


def _churned_blocks(portfolio: Portfolio) -> list[Block]:
    """The "Churned" line under the totals: history, apart from every current figure."""
    churned = portfolio.churned
    if not churned or not churned["accounts"]:
        return []
    count = churned["accounts"]
    names = ", ".join(plan["account"] for plan in churned["plans"])
    return [
        Paragraph(
            f"Churned: {plural(count, 'account')} ({names}), last ARR {_money(churned['last_arr'])}; "
            "left out of every figure above."
        )
    ]


def portfolio_markdown(portfolio: Portfolio) -> str:
    return render_markdown([Heading("Portfolio", 1), *portfolio_blocks(portfolio)])


def print_portfolio(portfolio: Portfolio) -> None:
    print_blocks(portfolio_blocks(portfolio))
