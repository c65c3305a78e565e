"""``samkit backtest`` output: a report for people (the verdict first, then the figures behind it), Markdown for a
pull-request comment, JSON (``Backtest.to_dict``, plus the weight suggestion when asked)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samkit.output.blocks import Block, Bullets, Heading, Paragraph, TableBlock, print_blocks, render_markdown
from samkit.output.jsonout import dumps
from samkit.output.markdown import EMPTY_CELL
from samkit.wording import plural

if TYPE_CHECKING:
    from decimal import Decimal

    from samkit.analysis.backtest import Backtest, GroupOutcome
    from samkit.analysis.backtest_evidence import Estimate
    from samkit.analysis.backtest_weights import WeightSuggestion

TITLE = "Designation accuracy (backtest)"


def backtest_json(result: Backtest, suggestion: WeightSuggestion | None = None) -> str:
    data: dict[str, Any] = result.to_dict()
    if suggestion is not None:
        data["suggested_weights"] = suggestion.to_dict()
    return dumps(data) + "\n"


def _money(value: Decimal) -> str:
    from samkit.plan.values import format_money

    return format_money(value)


def _rate(value: Decimal | None) -> str:
    return EMPTY_CELL if value is None else f"{value:f}%"


def _number(value: Decimal | None) -> str:
    return EMPTY_CELL if value is None else f"{value:f}"


def _signed(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "n/a"
    return f"{'+' if value > 0 else ''}{value:f}{unit}"


def _interval(estimate: Estimate, unit: str = "") -> str:
    if estimate.low is None or estimate.high is None:
        return "no interval: too few resamples where the figure exists"
    return f"95% interval {_signed(estimate.low, unit)} to {_signed(estimate.high, unit)}"


def summary_lines(result: Backtest) -> list[str]:
    from samkit.analysis.backtest import Reason
    from samkit.analysis.metrics import duplicate_name_summary

    evidence = result.evidence
    ndr, grr, rho = evidence.ndr_lift, evidence.grr_lift, evidence.spearman
    # said first: the figures below are without these accounts
    lines = [
        "Left out: " + duplicate_name_summary(item.account or "", item.where or "") + "."
        for item in result.left_out
        if item.reason is Reason.DUPLICATE_NAME
    ]
    lines.append(f"Verdict: {result.verdict.text}.")
    if ndr.value is None:
        lines.append("NDR and GRR lift: none — the cohort needs strategic accounts and accounts in other tiers.")
    else:
        lines.append(
            f"NDR lift {_signed(ndr.value, ' pp')} ({_interval(ndr, ' pp')}); "
            f"GRR lift {_signed(grr.value, ' pp')} ({_interval(grr, ' pp')}): strategic against the other tiers."
        )
    if rho.value is None:
        lines.append("Spearman ρ (score at FROM against account NDR): none — too few accounts, or all ranks tied.")
    else:
        lines.append(f"Spearman ρ (score at FROM against account NDR) {_signed(rho.value)} ({_interval(rho)}).")
    if evidence.churn_auc is None:
        lines.append("Churn AUC: none — it needs both a churned and a retained account.")
    else:
        lines.append(
            f"Churn AUC {evidence.churn_auc:f}: how often a retained account scored higher than a churned one "
            "(ties count half; 0.5 is chance)."
        )
    counts = result.left_out_counts()
    left = sum(counts.values())
    reasons = "; ".join(f"{Reason(key).words}: {count}" for key, count in counts.items() if count)
    lines.append(
        f"Cohort: {plural(len(result.accounts), 'account')} active at FROM with ARR and a score"
        + (f"; left out {left} ({reasons}; --format json lists them)." if left else "; none left out.")
    )
    return lines


def _group_cells(group: GroupOutcome) -> list[str]:
    return [
        group.group,
        str(group.accounts),
        _money(group.figures.starting_arr),
        _money(group.figures.ending_arr),
        _rate(group.ndr),
        _rate(group.grr),
        str(group.churned),
        _rate(group.churn_rate),
        str(group.expanded),
        _rate(group.expansion_rate),
    ]


SHORT_GROUP_HEADERS = ["Tier", "Accts", "Start", "End", "NDR", "GRR", "Churned", "%", "Grew", "%"]
GROUP_HEADERS = [
    "Tier at FROM",
    "Accounts",
    "Starting ARR",
    "Ending ARR",
    "NDR",
    "GRR",
    "Churned",
    "Churn rate",
    "Expanded",
    "Expansion rate",
]


def backtest_blocks(result: Backtest, sources: str = "") -> list[Block]:
    from samkit.analysis.scoring import display_score

    intro = f"{result.start.isoformat()} to {result.end.isoformat()}"
    intro += f"; {sources}" if sources else ""
    intro += f"; scores and tiers at FROM with {result.configuration}."
    numeric = frozenset(range(1, len(GROUP_HEADERS)))
    blocks: list[Block] = [
        Paragraph(intro),
        Bullets(summary_lines(result)),
        TableBlock(
            "Outcomes by tier at FROM",
            GROUP_HEADERS,
            [_group_cells(group) for group in result.tiers],
            numeric,
            short_headers=SHORT_GROUP_HEADERS,
        ),
        TableBlock(
            "Strategic against the other tiers",
            ["Group", *GROUP_HEADERS[1:]],
            [_group_cells(result.strategic), _group_cells(result.others)],
            numeric,
            short_headers=["Group", *SHORT_GROUP_HEADERS[1:]],
        ),
        TableBlock(
            "Which dimensions carry signal (Spearman ρ of each dimension's points against account NDR)",
            ["Dimension", "Weight", "ρ"],
            [
                [name, f"{result.scoring.weights[name]:f}", _number(value)]
                for name, value in result.evidence.spearman_by_dimension.items()
            ],
            frozenset({1, 2}),
        ),
        TableBlock(
            "Accounts (by score at FROM)",
            ["Account", "Tier", "Score", "Starting ARR", "Ending ARR", "NDR", "Churned"],
            [
                [
                    account.name,
                    account.tier,
                    f"{display_score(account.score, result.thresholds):f}",
                    _money(account.starting_arr),
                    _money(account.ending_arr),
                    _rate(account.ndr_percent),
                    "yes" if account.churned else "",
                ]
                for account in result.accounts
            ],
            frozenset({2, 3, 4, 5}),
            short_headers=["Account", "Tier", "Score", "Start", "End", "NDR", "Churned"],
        ),
    ]
    if result.notes:
        blocks += [Heading("Read differently", 3), Bullets(result.notes)]
    return blocks


def suggestion_blocks(suggestion: WeightSuggestion) -> list[Block]:
    from samkit.analysis.backtest_weights import FOLDS
    from samkit.config import DIMENSIONS

    rows = []
    for name in DIMENSIONS:
        before, after = suggestion.current[name], suggestion.suggested[name]
        change = after - before
        rows.append([name, f"{before:f}", f"{after:f}", _signed(change) if change else ""])
    return [
        Heading("Suggested weights", 2),
        Bullets(
            [
                f"Spearman ρ in-sample: current {_number(suggestion.in_sample_current)}, suggested "
                f"{_number(suggestion.in_sample_suggested)}; {FOLDS}-fold cross-validated (folds by a hash of the "
                f"account name): current {_number(suggestion.cross_validated_current)}, suggested "
                f"{_number(suggestion.cross_validated_suggested)}.",
                "Search: weights in steps of 5 from 0 to 40 adding up to 100; steepest ascent moving 5 points "
                "between two dimensions at a time, from ten starts (not exhaustive; see docs/backtest.md).",
                suggestion.advice(),
            ]
        ),
        TableBlock(
            "Weights" if _pasteable(suggestion) else "Weights (the suggestion is not recommended; for reference only)",
            ["Dimension", "Current", "Suggested", "Change"],
            rows,
            frozenset({1, 2, 3}),
        ),
    ]


def _pasteable(suggestion: WeightSuggestion) -> bool:
    """Whether the ``[scoring]`` setting is printed ready to paste: when the suggestion is recommended, or when it
    is to keep the current weights (the setting is theirs). A suggestion cross-validation does not support is
    shown as a diff only, so nobody pastes it by mistake."""
    return suggestion.recommended or suggestion.kept_current


def setting_text(suggestion: WeightSuggestion, current_label: str) -> str:
    """The setting to paste (when ``_pasteable``), and a unified diff of the weights against the current ones."""
    import difflib

    from samkit.config import DIMENSIONS

    def lines(weights: dict[str, Decimal]) -> list[str]:
        return [f"{name} = {weights[name]:f}\n" for name in DIMENSIONS]

    diff = "".join(
        difflib.unified_diff(
            lines(suggestion.current),
            lines(suggestion.suggested),
            fromfile=f"weights now ({current_label})",
            tofile="weights suggested" if suggestion.recommended else "weights suggested (not recommended)",
            n=len(DIMENSIONS),
        )
    )
    if not _pasteable(suggestion):
        return diff
    return suggestion.setting() + ("\n" + diff if diff else "")


def backtest_markdown(result: Backtest, sources: str = "", suggestion: WeightSuggestion | None = None) -> str:
    text = render_markdown([Heading(TITLE, 1), *backtest_blocks(result, sources)])
    if suggestion is not None:
        text += "\n" + render_markdown(suggestion_blocks(suggestion))
        setting = suggestion.setting() if _pasteable(suggestion) else ""
        if setting:
            text += "\n```toml\n" + setting + "```\n"
        diff = setting_text(suggestion, result.configuration).removeprefix(setting)
        if diff.strip():
            text += "\n```diff\n" + diff.lstrip("\n") + "```\n"
    return text


def print_backtest(result: Backtest, sources: str = "", suggestion: WeightSuggestion | None = None) -> None:
    import sys

    blocks = [Heading(TITLE, 1), *backtest_blocks(result, sources)]
    if suggestion is not None:
        blocks += suggestion_blocks(suggestion)
    print_blocks(blocks)
    if suggestion is not None:
        sys.stdout.write("\n" + setting_text(suggestion, result.configuration))
