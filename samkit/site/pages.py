"""What each page of the site shows: the shared computations (portfolio, pipeline, whitespace, review, actions)
turned into template contexts, and the charts and stakeholder map drawn as inline SVG.

Nothing here reads the clock or the disk: the same plans and ``today`` give the same contexts, so pages
render to the same bytes (``samkit site --check`` relies on it).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from samkit.analysis.portfolio import (
    AT_RISK,
    HEALTH_LABELS,
    HEALTH_UNKNOWN,
    HEALTHY,
    LOAD_LABELS,
    MANAGER_DEGRADED_ABOVE,
    MANAGER_MAX_ACCOUNTS,
    MANAGER_MIN_ACCOUNTS,
    NEEDS_ATTENTION,
)
from samkit.analysis.scoring import STRATEGIC_ACCOUNT_SHARE, STRATEGIC_ARR_SHARE, band_status, band_text
from samkit.plan.enums import WhitespaceStatus
from samkit.plan.values import format_money
from samkit.site import svg_charts
from samkit.site.orgchart import Person, layout, render_svg

if TYPE_CHECKING:
    from samkit.analysis.pipeline import QuarterSpread
    from samkit.analysis.portfolio import Portfolio
    from samkit.analysis.whitespace import Whitespace
    from samkit.plan.model import Plan, Stakeholder

# whitespace statuses as a grid reads them, best first (the colours live in the stylesheet, by status)
WHITESPACE_LABELS: dict[WhitespaceStatus, str] = {
    WhitespaceStatus.ADOPTED: "Adopted",
    WhitespaceStatus.PIPELINE: "In pipeline",
    WhitespaceStatus.COMPETITOR: "Competitor",
    WhitespaceStatus.UNTAPPED: "Untapped",
    WhitespaceStatus.NOT_A_FIT: "Not a fit",
}


# the colours of the health badges in the tables (--good, --warn, --bad in the stylesheet), so a bar and the
# badges of the accounts it counts agree; each bar's label names its band too, so colour is never the only clue
HEALTH_COLOURS: dict[str, str] = {
    HEALTHY: "#15803d",
    NEEDS_ATTENTION: "#a16207",
    AT_RISK: "#b91c1c",
    HEALTH_UNKNOWN: "#4b5563",
}


@dataclass(frozen=True)
class Chart:
    """One chart and its numbers: ``svg`` (already escaped), a table of the same figures, and a sentence."""

    svg: str
    headers: list[str]
    rows: list[list[str]]
    summary: str = ""


def money(value: Decimal | None) -> str:
    return "—" if value is None else format_money(value)


# --- the stakeholder map ------------------------------------------------------------------------------------------


def person_of(stakeholder: Stakeholder) -> Person:
    """The plan's stakeholder as the diagram draws it (the level is the effective one, inferred from the title
    when not written; ``status: left`` is a departed box)."""
    return Person(
        name=stakeholder.name,
        title=stakeholder.title,
        department=stakeholder.department,
        level=stakeholder.effective_level.value,
        relationship=stakeholder.relationship.value,
        support=stakeholder.support.value if stakeholder.support is not None else None,
        influence=stakeholder.influence.value if stakeholder.influence is not None else None,
        departed=not stakeholder.active,
        reports_to=stakeholder.reports_to,
        covered_by=stakeholder.covered_by,
    )


def stakeholder_map(plan: Plan) -> str | None:
    if not plan.stakeholders:
        return None
    title = f"Stakeholder map of {plan.account.name}"
    return render_svg(layout([person_of(person) for person in plan.stakeholders]), title=title)


# --- the whitespace matrix ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    status: str  # a WhitespaceStatus value, or "" for a cell the plan does not mention
    label: str
    potential: Decimal | None
    opportunity: str | None
    competitor: str | None


def whitespace_grid(plan: Plan, figures: Whitespace) -> list[tuple[str, list[MatrixCell]]]:
    """One row per business unit, one cell per product (the figures' order: first seen, case-insensitive)."""
    cells = {(cell.unit.strip().casefold(), cell.product.strip().casefold()): cell for cell in plan.whitespace}
    rows = []
    for unit in figures.units:
        row = []
        for product in figures.products:
            cell = cells.get((unit.casefold(), product.casefold()))
            if cell is None:
                row.append(MatrixCell("", "Not assessed", None, None, None))
            else:
                row.append(
                    MatrixCell(
                        cell.status.value,
                        WHITESPACE_LABELS[cell.status],
                        cell.potential,
                        cell.opportunity,
                        cell.competitor,
                    )
                )
        rows.append((unit, row))
    return rows


# --- the program's charts -----------------------------------------------------------------------------------------


def tier_chart(portfolio: Portfolio) -> Chart:
    tiers = portfolio.tiers
    svg = svg_charts.bar_chart(
        [svg_charts.Bar(f"{row.tier.capitalize()} ({row.accounts})", row.arr) for row in tiers],
        title="ARR by tier",
        fmt=money,
    )
    rows = [[row.tier.capitalize(), str(row.accounts), money(row.arr), str(row.arr_unknown)] for row in tiers]
    return Chart(svg, ["Tier", "Accounts", "ARR", "Accounts without ARR"], rows)


def concentration_chart(portfolio: Portfolio) -> Chart:
    figures = portfolio.concentration
    segments = [
        svg_charts.Bar("Strategic accounts", figures.strategic_arr),
        svg_charts.Bar("All other accounts", figures.arr - figures.strategic_arr),
    ]
    svg = svg_charts.stacked_bar(segments, title="Share of ARR from strategic accounts", fmt=money)

    def share(value: Decimal | None) -> str:
        return "—" if value is None else f"{value}%"

    def verdict(value: Decimal | None, band: tuple[Decimal, Decimal]) -> str:
        status = band_status(value, band)
        return {"within": "within the target", "below": "below the target", "above": "above the target"}.get(
            status or "", "not measurable"
        )

    rows = [
        [
            "Strategic share of accounts",
            f"{figures.strategic_accounts} of {figures.accounts}",
            share(figures.account_share),
            band_text(STRATEGIC_ACCOUNT_SHARE),
            verdict(figures.account_share, STRATEGIC_ACCOUNT_SHARE),
        ],
        [
            "Strategic share of ARR",
            f"{money(figures.strategic_arr)} of {money(figures.arr)}",
            share(figures.arr_share),
            band_text(STRATEGIC_ARR_SHARE),
            verdict(figures.arr_share, STRATEGIC_ARR_SHARE),
        ],
    ]
    summary = (
        f"Strategic accounts are typically the top {band_text(STRATEGIC_ACCOUNT_SHARE)} of accounts and bring "
        f"{band_text(STRATEGIC_ARR_SHARE)} of revenue: here "
        f"{share(figures.account_share)} of accounts bring {share(figures.arr_share)} of ARR."
    )
    return Chart(svg, ["Measure", "Figures", "Share", "Target", "Verdict"], rows, summary)


def health_chart(portfolio: Portfolio) -> Chart:
    counts = portfolio.health
    bars = [
        svg_charts.Bar(HEALTH_LABELS[band].capitalize(), Decimal(count), HEALTH_COLOURS[band])
        for band, count in counts.items()
    ]
    svg = svg_charts.bar_chart(bars, title="Accounts by health", fmt=lambda value: f"{value:f}")
    average = portfolio.average_health
    summary = f"Average health score: {average}/100." if average is not None else "No plan records a health score."
    rows = [[HEALTH_LABELS[band].capitalize(), str(count)] for band, count in counts.items()]
    return Chart(svg, ["Health", "Accounts"], rows, summary)


def manager_chart(portfolio: Portfolio) -> Chart:
    managers = portfolio.managers
    bars = [svg_charts.Bar(f"{row.manager}: {LOAD_LABELS[row.load]}", Decimal(row.accounts)) for row in managers]
    svg = svg_charts.bar_chart(
        bars,
        title="Accounts per manager",
        fmt=lambda value: f"{value:f}",
        colour="#7e22ce",
        max_value=Decimal(MANAGER_MAX_ACCOUNTS),
    )
    rows = [[row.manager, str(row.accounts), str(row.strategic_accounts), LOAD_LABELS[row.load]] for row in managers]
    summary = (
        f"A Strategic Account Manager owns {MANAGER_MIN_ACCOUNTS}-{MANAGER_MAX_ACCOUNTS} accounts; "
        f"over {MANAGER_MAX_ACCOUNTS} is flagged and service degrades past {MANAGER_DEGRADED_ABOVE}. "
        f"Bars are drawn against {MANAGER_MAX_ACCOUNTS}."
    )
    return Chart(svg, ["Manager", "Accounts", "Strategic", "Load"], rows, summary)


def pipeline_chart(spread: QuarterSpread) -> Chart:
    """``spread``: the active plans' open pipeline by quarter, summed (``spread_by_quarter`` per plan)."""
    timeline = spread.timeline()
    categories = [
        svg_charts.Category(str(quarter), (pipeline.weighted_recurring, pipeline.weighted_one_time))
        for quarter, pipeline in timeline
    ]
    if spread.unscheduled.total:
        categories.append(
            svg_charts.Category(
                "No timeframe", (spread.unscheduled.weighted_recurring, spread.unscheduled.weighted_one_time)
            )
        )
    svg = svg_charts.stacked_bars(
        categories,
        ["Recurring (weighted)", "One-time (weighted)"],
        title="Weighted pipeline by quarter",
        fmt=money,
    )
    # the table shows what the chart stacks (the weighted parts and their sum), then the unweighted value
    rows = [
        [
            str(quarter),
            money(pipeline.weighted_recurring),
            money(pipeline.weighted_one_time),
            money(pipeline.weighted_total),
            money(pipeline.total),
        ]
        for quarter, pipeline in timeline
    ]
    if spread.unscheduled.total:
        unscheduled = spread.unscheduled
        rows.append(
            [
                "No timeframe",
                money(unscheduled.weighted_recurring),
                money(unscheduled.weighted_one_time),
                money(unscheduled.weighted_total),
                money(unscheduled.total),
            ]
        )
    total = spread.total
    rows.append(
        [
            "Total",
            money(total.weighted_recurring),
            money(total.weighted_one_time),
            money(total.weighted_total),
            money(total.total),
        ]
    )
    summary = (
        "Open opportunities, each spread evenly over the quarters of its timeframe; the bars stack the weighted "
        "values (value × probability), as the first three columns do."
    )
    headers = ["Quarter", "Recurring (weighted)", "One-time (weighted)", "Weighted total", "Unweighted value"]
    return Chart(svg, headers, rows, summary)


def whitespace_chart(accounts: list[dict[str, Any]]) -> Chart:
    with_matrix = [item for item in accounts if item["whitespace"].cells]
    ranked = sorted(with_matrix, key=lambda item: (-item["whitespace"].untapped_potential, item["name"].casefold()))
    bars = [svg_charts.Bar(item["name"], item["whitespace"].untapped_potential) for item in ranked]
    svg = svg_charts.bar_chart(bars, title="Untapped whitespace potential by account", fmt=money, colour="#c2410c")
    rows = [
        [
            item["name"],
            money(item["whitespace"].untapped_potential),
            money(item["whitespace"].pipeline_potential),
            item["whitespace"].sentence(),
        ]
        for item in ranked
    ]
    total = sum((item["whitespace"].untapped_potential for item in ranked), Decimal(0))
    summary = f"{money(total)} untapped (untapped or competitor cells) across {len(ranked)} account(s) with a matrix."
    return Chart(svg, ["Account", "Untapped", "In pipeline", "Adoption"], rows, summary)
