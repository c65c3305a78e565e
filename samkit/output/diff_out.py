"""``samkit diff`` output: text for a terminal, Markdown for a pull-request comment, JSON for scripts.

Text and Markdown share one description of each change; only the emphasis and escaping differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from samkit.analysis.changes import Change, ChangeKind
from samkit.gitio.git import FileStatus
from samkit.history.diff import DiffReport, PlanDiff
from samkit.output.jsonout import dumps
from samkit.output.markdown import escape_flat
from samkit.plan.values import format_money, format_percent

if TYPE_CHECKING:
    pass

# The Markdown comment carries this marker so a CI job can find and update its own earlier comment.
COMMENT_MARKER = "<!-- samkit-diff -->"

_MONEY_FIELDS = frozenset({"value", "arr"})
_PERCENT_FIELDS = frozenset({"probability", "feature_adoption"})
_NOTHING = "(none)"


# ---------------------------------------------------------------------------------------------------------
# values for people


def show(value: Any, name: str = "") -> str:
    """One value as a person reads it: money as $400,000, probabilities as 65%, lists joined."""
    if value is None or value == [] or value == "":
        return _NOTHING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal | int) and name in _MONEY_FIELDS:
        return format_money(Decimal(value))
    if isinstance(value, Decimal | int) and name in _PERCENT_FIELDS:
        return format_percent(Decimal(value))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, list):
        return "; ".join(show(item, name) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} {show(item, key)}" for key, item in value.items())
    return " ".join(str(value).split())


def signed_money(amount: Decimal) -> str:
    if amount == 0:
        return "±$0"
    return f"{'+' if amount > 0 else '-'}{format_money(abs(amount))}"


def signed_number(amount: Decimal) -> str:
    if amount == 0:
        return "±0"
    return f"{'+' if amount > 0 else '-'}{abs(amount):f}"


def relationship_direction(before: Any, after: Any) -> str:
    """``strengthened`` / ``weakened`` for a relationship move (or ``changed`` if either is unknown)."""
    from samkit.plan.enums import Relationship

    try:
        old, new = Relationship(before).rank, Relationship(after).rank
    except ValueError:
        return "changed"
    return "strengthened" if new > old else "weakened"


# ---------------------------------------------------------------------------------------------------------
# one change in words, shared by text and Markdown


@dataclass(frozen=True)
class Style:
    """How a description marks up user text: plain for a terminal, escaped and bold for Markdown."""

    text: Callable[[str], str]
    strong: Callable[[str], str]
    code: Callable[[str], str]


PLAIN = Style(text=lambda value: value, strong=lambda value: value, code=lambda value: value)


def markdown_code(value: str) -> str:
    text = " ".join(value.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


MARKDOWN = Style(
    text=escape_flat,
    strong=lambda value: f"**{escape_flat(value)}**",
    code=markdown_code,
)


def _item(kind: ChangeKind, item: Any, style: Style) -> str:
    """A short description of an added or removed stakeholder / opportunity / risk / action."""
    if not isinstance(item, dict):
        return style.text(show(item))
    if kind in (ChangeKind.STAKEHOLDER_ADDED, ChangeKind.STAKEHOLDER_REMOVED):
        where = ", ".join(str(item[key]) for key in ("title", "department") if item.get(key))
        facts = [str(item[key]) for key in ("role", "relationship") if item.get(key)]
        if item.get("status") == "left":
            facts.append("left the company")
        return style.text(f"{f' ({where})' if where else ''}{' — ' + ', '.join(facts) if facts else ''}")
    if kind in (ChangeKind.OPPORTUNITY_ADDED, ChangeKind.OPPORTUNITY_REMOVED):
        facts = [show(item.get("value"), "value"), str(item.get("kind", "")).replace("_", "-")]
        facts += [f"{show(item.get('probability'), 'probability')} likely"]
        facts += [str(item[key]) for key in ("timeframe",) if item.get(key)]
        if item.get("status") not in (None, "open"):
            facts.append(str(item["status"]))
        return style.text(" — " + ", ".join(fact for fact in facts if fact))
    if kind in (ChangeKind.RISK_ADDED, ChangeKind.RISK_REMOVED):
        facts = [f"{item.get('severity')} severity"]
        if item.get("owner"):
            facts.append(f"owner {item['owner']}")
        steps = len(item.get("mitigation") or [])
        facts.append(plural(steps, "mitigation step") if steps else "no mitigation")
        return style.text(" — " + ", ".join(facts))
    if kind in (ChangeKind.ACTION_ADDED, ChangeKind.ACTION_REMOVED):
        facts = [f"due {item.get('due')}"]
        if item.get("owner"):
            facts.append(f"owner {item['owner']}")
        if item.get("done"):
            facts.append("done")
        return style.text(" — " + ", ".join(facts))
    return style.text(show(item))


_ITEM_FIELD = re.compile(r"^(?:stakeholders|opportunities|risks|actions)\[(?P<item>.*)\]\.(?P<field>\w+)$", re.DOTALL)


def _field_name(subject: str) -> str:
    return subject.rsplit(".", 1)[-1]


def _fields_moved(before: Any, after: Any, style: Style) -> str:
    """``value $400,000 → $450,000, probability 65% → 70%`` for an opportunity or a risk."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return style.text(f"{show(before)} → {show(after)}")
    return ", ".join(
        style.text(f"{name} {show(before.get(name), name)} → {show(after.get(name), name)}") for name in before
    )


def describe(change: Change, style: Style = PLAIN) -> str:
    """One change in words, e.g. ``Lisa Thompson: relationship weak → strong (strengthened)``."""
    kind, subject, before, after = change.kind, change.subject, change.before, change.after
    name = style.strong(subject)
    moved = style.text(f"{show(before)} → {show(after)}")
    if kind is ChangeKind.STAKEHOLDER_ADDED:
        return f"Added stakeholder {name}{_item(kind, after, style)}"
    if kind is ChangeKind.STAKEHOLDER_REMOVED:
        return f"Removed stakeholder {name}{_item(kind, before, style)}"
    if kind is ChangeKind.RELATIONSHIP_CHANGED:
        return f"{name}: relationship {moved} ({relationship_direction(before, after)})"
    if kind is ChangeKind.ROLE_CHANGED:
        return f"{name}: role {moved}"
    if kind is ChangeKind.CONTACT_LOGGED:
        return f"{name}: last contact {moved}"
    if kind is ChangeKind.OPPORTUNITY_ADDED:
        return f"Added opportunity {name}{_item(kind, after, style)}"
    if kind is ChangeKind.OPPORTUNITY_REMOVED:
        return f"Removed opportunity {name}{_item(kind, before, style)}"
    if kind is ChangeKind.OPPORTUNITY_CHANGED:
        return f"{name}: {_fields_moved(before, after, style)}"
    if kind is ChangeKind.RISK_ADDED:
        return f"Added risk {name}{_item(kind, after, style)}"
    if kind is ChangeKind.RISK_REMOVED:
        return f"Removed risk {name}{_item(kind, before, style)}"
    if kind is ChangeKind.RISK_CHANGED:
        return f"{name}: {_fields_moved(before, after, style)}"
    if kind is ChangeKind.ACTION_ADDED:
        return f"Added action {name}{_item(kind, after, style)}"
    if kind is ChangeKind.ACTION_REMOVED:
        return f"Removed action {name}{_item(kind, before, style)}"
    if kind is ChangeKind.ACTION_DONE:
        return f"Done: {name}"
    if kind is ChangeKind.SCORE_CHANGED:
        delta = f" ({signed_number(after - before)})" if before is not None and after is not None else ""
        return f"Score {moved}{delta}"
    if kind is ChangeKind.TIER_CHANGED:
        return f"Tier {moved}"
    field = _field_name(subject)
    moved = style.text(f"{show(before, field)} → {show(after, field)}")
    item = _ITEM_FIELD.match(subject)
    if item is not None:  # stakeholders[Lisa Thompson].title: shown under the item's own name
        return f"{style.strong(item['item'])}: {style.text(item['field'])} {moved}"
    return f"{style.code(subject)}: {moved}"


# ---------------------------------------------------------------------------------------------------------
# grouping and totals


_SECTIONS: tuple[tuple[str, frozenset[ChangeKind], str], ...] = (
    ("Score", frozenset({ChangeKind.SCORE_CHANGED, ChangeKind.TIER_CHANGED}), "score."),
    (
        "Stakeholders",
        frozenset(
            {
                ChangeKind.STAKEHOLDER_ADDED,
                ChangeKind.STAKEHOLDER_REMOVED,
                ChangeKind.RELATIONSHIP_CHANGED,
                ChangeKind.ROLE_CHANGED,
                ChangeKind.CONTACT_LOGGED,
            }
        ),
        "stakeholders[",
    ),
    (
        "Opportunities",
        frozenset({ChangeKind.OPPORTUNITY_ADDED, ChangeKind.OPPORTUNITY_REMOVED, ChangeKind.OPPORTUNITY_CHANGED}),
        "opportunities[",
    ),
    ("Risks", frozenset({ChangeKind.RISK_ADDED, ChangeKind.RISK_REMOVED, ChangeKind.RISK_CHANGED}), "risks["),
    ("Actions", frozenset({ChangeKind.ACTION_ADDED, ChangeKind.ACTION_REMOVED, ChangeKind.ACTION_DONE}), "actions["),
)
_OTHER = "Other fields"


def sections(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped for reading: stakeholders, opportunities, risks, actions, score, other fields."""
    grouped: dict[str, list[Change]] = {title: [] for title, _, _ in _SECTIONS}
    grouped[_OTHER] = []
    for change in changes:
        for title, kinds, prefix in _SECTIONS:
            if change.kind in kinds or (change.kind is ChangeKind.FIELD_CHANGED and change.subject.startswith(prefix)):
                grouped[title].append(change)
                break
        else:
            grouped[_OTHER].append(change)
    return [(title, items) for title, items in grouped.items() if items]


@dataclass(frozen=True)
class Totals:
    plans: int
    by_status: dict[str, int]
    changes: int
    unparsed: int
    pipeline_delta: Decimal
    weighted_delta: Decimal
    strengthened: int
    weakened: int


def totals(report: DiffReport) -> Totals:
    from samkit.analysis.pipeline import Pipeline

    by_status = {status.value: 0 for status in FileStatus}
    pipeline_delta = weighted_delta = Decimal(0)
    strengthened = weakened = 0
    for plan in report.plans:
        by_status[plan.status.value] += 1
        if plan.parsed:  # a side that does not parse has no pipeline: counting it as zero would mislead
            before, after = plan.pipeline_before or Pipeline(), plan.pipeline_after or Pipeline()
            pipeline_delta += after.total - before.total
            weighted_delta += after.weighted_total - before.weighted_total
        for change in plan.changes:
            if change.kind is ChangeKind.RELATIONSHIP_CHANGED:
                if relationship_direction(change.before, change.after) == "strengthened":
                    strengthened += 1
                else:
                    weakened += 1
    return Totals(
        plans=len(report.plans),
        by_status={status: count for status, count in by_status.items() if count},
        changes=sum(len(plan.changes) for plan in report.plans),
        unparsed=sum(1 for plan in report.plans if not plan.parsed),
        pipeline_delta=pipeline_delta,
        weighted_delta=weighted_delta,
        strengthened=strengthened,
        weakened=weakened,
    )


def plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def summary_line(report: DiffReport, style: Style = PLAIN) -> str:
    """The one line at the top: how many plans, what kind of changes, the pipeline delta."""
    head = style.code(report.head.label) if report.head is not None else "the working tree"
    between = f"{style.code(report.base.label)} → {head}"
    figures = totals(report)
    if not figures.plans:
        return f"No account plan changes ({between})."
    statuses = ", ".join(f"{count} {status}" for status, count in figures.by_status.items())
    parts = [f"{style.strong(plural(figures.plans, 'plan') + ' changed')} ({statuses})"]
    parts.append(plural(figures.changes, "change"))
    parts.append(
        f"pipeline {style.strong(signed_money(figures.pipeline_delta))} "
        f"(weighted {signed_money(figures.weighted_delta)})"
    )
    if figures.strengthened or figures.weakened:
        parts.append(
            f"{plural(figures.strengthened + figures.weakened, 'relationship')} moved: "
            f"{figures.strengthened} strengthened, {figures.weakened} weakened"
        )
    if figures.unparsed:
        parts.append(style.strong(f"{plural(figures.unparsed, 'plan')} not parsed"))
    return f"{' · '.join(parts)} ({between})"


def _pipeline_line(plan: PlanDiff) -> tuple[str, str]:
    """(total, weighted) as ``$885,000 → $935,000 (+$50,000)``."""
    missing_before = "(not parsed)" if plan.status is not FileStatus.ADDED else _NOTHING
    missing_after = "(not parsed)" if plan.status is not FileStatus.DELETED else _NOTHING

    def one(old: Decimal | None, new: Decimal | None) -> str:
        if old is None:
            return f"{missing_before} → {format_money(new)}" if new is not None else _NOTHING
        if new is None:
            return f"{format_money(old)} → {missing_after}"
        if old == new:
            return f"{format_money(new)} (unchanged)"
        return f"{format_money(old)} → {format_money(new)} ({signed_money(new - old)})"

    before, after = plan.pipeline_before, plan.pipeline_after
    return (
        one(before.total if before else None, after.total if after else None),
        one(before.weighted_total if before else None, after.weighted_total if after else None),
    )


def _title(plan: PlanDiff, style: Style) -> str:
    name = style.strong(plan.account) if plan.account else style.code(plan.path)
    if plan.status is FileStatus.RENAMED and plan.old_path:
        where = f"{style.code(plan.old_path)} → {style.code(plan.path)}"
    else:
        where = style.code(plan.path)
    return f"{name} · {where} · {plan.status.value}" if plan.account else f"{where} · {plan.status.value}"


def _headline(plan: PlanDiff) -> str | None:
    """For an added or deleted plan: who and what it holds."""
    summary = plan.summary_after if plan.status is not FileStatus.DELETED else plan.summary_before
    if summary is None or plan.status not in (FileStatus.ADDED, FileStatus.DELETED):
        return None
    score = f"score {summary.score}, " if summary.score is not None else ""
    tier = f"{summary.tier}" if summary.tier else "no tier"
    return (
        f"{'New plan' if plan.status is FileStatus.ADDED else 'Plan deleted'}: manager {summary.manager}; "
        f"{score}{tier}; {plural(summary.stakeholders, 'stakeholder')} "
        f"({plural(summary.relationships, 'relationship')}, {summary.strong} strong); "
        f"{plural(summary.opportunities, 'opportunity', 'opportunities')}"
    )


def _problem_lines(plan: PlanDiff, style: Style) -> list[str]:
    lines = []
    for problem in plan.problems:
        side = "BASE" if problem.side.value == "before" else "HEAD"
        finding = problem.finding
        lines.append(f"{side} side does not parse: {style.code(finding.location)} {style.text(finding.message)}")
    return lines


# ---------------------------------------------------------------------------------------------------------
# the three formats


def diff_json(report: DiffReport) -> str:
    return dumps(report.to_dict()) + "\n"


def diff_text(report: DiffReport) -> str:
    lines: list[str] = []
    for plan in report.plans:
        lines.append(_title(plan, PLAIN))
        headline = _headline(plan)
        if headline:
            lines.append(f"  {headline}")
        lines += [f"  ! {line}" for line in _problem_lines(plan, PLAIN)]
        for title, changes in sections(plan.changes):
            lines.append(f"  {title}:")
            lines += [f"    {describe(change)}" for change in changes]
        if plan.status is FileStatus.MODIFIED and not plan.changes and plan.parsed:
            lines.append("  no change to the plan's content (layout or comments only)")
        total, weighted = _pipeline_line(plan)
        if plan.pipeline_before is not None or plan.pipeline_after is not None:
            lines.append(f"  Pipeline: {total}; weighted {weighted}")
        lines.append("")
    return "\n".join(lines)


def diff_markdown(report: DiffReport) -> str:
    lines = [COMMENT_MARKER, "### Account plan changes", "", summary_line(report, MARKDOWN), ""]
    for plan in report.plans:
        lines += [f"#### {_title(plan, MARKDOWN)}", ""]
        headline = _headline(plan)
        if headline:
            lines += [escape_flat(headline), ""]
        for problem in _problem_lines(plan, MARKDOWN):
            lines += [f"> :warning: {problem}", ""]
        if plan.pipeline_before is not None or plan.pipeline_after is not None:
            total, weighted = _pipeline_line(plan)
            lines += [f"**Pipeline** {total} · weighted {weighted}", ""]
        for title, changes in sections(plan.changes):
            lines += [f"**{title}**", ""]
            lines += [f"- {describe(change, MARKDOWN)}" for change in changes]
            lines.append("")
        if plan.status is FileStatus.MODIFIED and not plan.changes and plan.parsed:
            lines += ["_No change to the plan's content (layout or comments only)._", ""]
    lines += ["_Generated by `samkit diff`._", ""]
    return "\n".join(lines)
