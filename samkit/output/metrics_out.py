"""``samkit metrics`` output: a table for people (targets and bands in words), Markdown for a PR comment, JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samkit.output.blocks import Block, Bullets, Heading, Paragraph, TableBlock, print_blocks, render_markdown
from samkit.output.jsonout import decimal_text, dumps
from samkit.output.markdown import EMPTY_CELL
from samkit.wording import plural

if TYPE_CHECKING:
    from decimal import Decimal

    from samkit.analysis.metrics import Figures, Metrics

ROI_BAND_WORDS = {
    "healthy": "healthy",
    "below_healthy": "below healthy",
    "revise": "revise",
}


def metrics_json(metrics: Metrics) -> str:
    return dumps(metrics.to_dict()) + "\n"


def _money(value: Decimal | None) -> str:
    from samkit.plan.values import format_money

    return EMPTY_CELL if value is None else format_money(value)


def _rate(value: Decimal | None) -> str:
    return EMPTY_CELL if value is None else f"{value:f}%"


def _roi(value: Decimal | None) -> str:
    return EMPTY_CELL if value is None else f"{value:f}x"


def _against(value: Decimal, band: tuple[Decimal, Decimal], unit: str = "%") -> str:
    from samkit.analysis.scoring import band_status

    where = band_status(value, band)
    span = f"{decimal_text(band[0])}-{decimal_text(band[1])}{unit}"
    return f"{where} the {span} target"


def _rate_line(name: str, value: Decimal | None, band: tuple[Decimal, Decimal]) -> str:
    if value is None:
        return f"{name}: no starting ARR (no account active at FROM gives account.arr), so no {name}."
    return f"{name} {_rate(value)} — {_against(value, band)}."


def _roi_line(metrics: Metrics) -> str:
    from samkit.analysis.metrics import ROI_HEALTHY_FROM, ROI_REVISE_BELOW, RoiBand

    total = metrics.total
    if metrics.managers_without_cost:
        return (
            "SAM ROI: unknown — no cost configured for "
            + ", ".join(metrics.managers_without_cost)
            + " (set [program] sam_cost, or [program.sam_costs] per manager)."
        )
    if total.cost is None:
        return "SAM ROI: no program cost configured (set [program] sam_cost in samkit.toml to see it)."
    roi, band = total.roi, total.roi_band
    if roi is None or band is None:
        return f"SAM ROI: no cost in the period ({_money(total.cost)}), so no ROI."
    healthy, revise = decimal_text(ROI_HEALTHY_FROM), decimal_text(ROI_REVISE_BELOW)
    why = {
        RoiBand.HEALTHY: f"healthy ({healthy}x or more)",
        RoiBand.BELOW_HEALTHY: f"below healthy ({revise}x to under {healthy}x; {healthy}x or more is healthy)",
        RoiBand.REVISE: f"revise: under {revise}x, the selection criteria or the expansion motion need revision",
    }[band]
    return (
        f"SAM ROI {_roi(roi)} — {why}. (Expansion {_money(total.expansion)} + renewals "
        f"{_money(total.renewal_arr)}) / cost {_money(total.cost)}."
    )


def summary_lines(metrics: Metrics) -> list[str]:
    from samkit.analysis.metrics import GRR_TARGET, NDR_TARGET
    from samkit.analysis.program_figures import C_LEVEL_TARGET, STAKEHOLDER_TARGET

    total = metrics.total
    engagement, coverage, review, agreement = (
        metrics.engagement,
        metrics.coverage,
        metrics.review,
        metrics.tier_agreement,
    )
    lines = [f"Left out: {text}." for text in metrics.left_out]
    lines += [_rate_line("NDR", total.ndr, NDR_TARGET), _rate_line("GRR", total.grr, GRR_TARGET), _roi_line(metrics)]
    target = decimal_text(C_LEVEL_TARGET)
    if engagement.rate is None:
        lines.append(f"C-level engagement: no active strategic account at TO (target {target}%+).")
    else:
        verdict = "meets" if engagement.rate >= C_LEVEL_TARGET else "below"
        lines.append(
            f"C-level engagement: {engagement.with_c_level_contact} of {engagement.strategic_accounts} strategic "
            f"accounts had C-level contact in the period ({_rate(engagement.rate)}) — {verdict} the {target}%+ target."
        )
    low, high = STAKEHOLDER_TARGET
    average = coverage.average_stakeholders
    if average is None:
        lines.append(f"Coverage: no active strategic account at TO (target {low}-{high} stakeholders).")
    else:
        where = "below" if average < low else "above" if average > high else "within"
        lines.append(
            f"Coverage: {average:f} stakeholders per strategic account on average — {where} the {low}-{high} target."
        )
    if review.rate is None:
        lines.append("Reviews: no active plan at TO.")
    else:
        lines.append(
            f"Reviews: {review.reviewed_in_interval} of {review.plans} active plans reviewed within their tier's "
            f"review interval before TO ({_rate(review.rate)})."
        )
    # agreement between two inputs; whether the tiering predicts outcomes (designation accuracy) is backtest's
    if agreement.rate is None:
        lines.append(
            "Tier agreement: no active plan at TO has a score block to compare account.tier with "
            "(designation accuracy: samkit backtest)."
        )
    else:
        lines.append(
            f"Tier agreement: {agreement.matching} of {agreement.plans_with_score} scored plans declare the tier "
            f"their score gives ({_rate(agreement.rate)}); whether the tiering predicts retention and expansion "
            "(designation accuracy) is samkit backtest."
        )
    outcomes = metrics.objectives  # round 3: said only when the plans have objectives
    if outcomes.objectives:
        lines.append(
            f"Objectives: {len(outcomes.achieved)} achieved and {len(outcomes.missed)} missed in the period "
            f"(of {outcomes.objectives} on active plans at TO)."
        )
    return lines


def metrics_blocks(metrics: Metrics, sources: str = "") -> list[Block]:
    groups, total = metrics.groups, metrics.total
    noun = "tier" if metrics.by.value == "tier" else "manager"
    period = metrics.period
    intro = f"{period.start.isoformat()} to {period.end.isoformat()} ({plural(period.days, 'day')})"
    column = noun.capitalize()
    tables = [
        (f"ARR by {noun}", [column, "Accounts", "Starting ARR", "New", "Ending ARR"], _arr_cells, 5),
        (f"Retention by {noun}", [column, "Expansion", "Contraction", "Churn", "GRR", "NDR"], _retention_cells, 6),
        (f"Return by {noun}", [column, "Won expansion", "Renewals", "Cost", "ROI", "ROI band"], _return_cells, 5),
    ]
    blocks: list[Block] = [
        Paragraph(intro + (f"; {sources}" if sources else "") + "."),
        Bullets(summary_lines(metrics)),
        *(
            TableBlock(
                title,
                headers,
                [cells(group) for group in groups],
                right_aligned=frozenset(range(1, numeric)),
                footer=["Total", *cells(total)[1:]],
            )
            for title, headers, cells, numeric in tables
        ),
    ]
    if metrics.notes:
        blocks += [Heading("Left out or read differently", 3), Bullets(metrics.notes)]
    return blocks


def _arr_cells(figures: Figures) -> list[str]:
    return [
        figures.group,
        str(figures.accounts),
        _money(figures.starting_arr),
        _money(figures.new),
        _money(figures.ending_arr),
    ]


def _retention_cells(figures: Figures) -> list[str]:
    return [
        figures.group,
        _money(figures.expansion),
        _money(figures.contraction),
        _money(figures.churn),
        _rate(figures.grr),
        _rate(figures.ndr),
    ]


def _return_cells(figures: Figures) -> list[str]:
    band = figures.roi_band
    return [
        figures.group,
        _money(figures.won_expansion),
        _money(figures.renewal_arr),
        _money(figures.cost),
        _roi(figures.roi),
        EMPTY_CELL if band is None else ROI_BAND_WORDS[band.value],
    ]


def metrics_markdown(metrics: Metrics, sources: str = "") -> str:
    return render_markdown([Heading("Program metrics", 1), *metrics_blocks(metrics, sources)])


def print_metrics(metrics: Metrics, sources: str = "") -> None:
    print_blocks([Heading("Program metrics", 1), *metrics_blocks(metrics, sources)])
