"""The QBR brief as a rich terminal page, as Markdown (``templates/review.md.j2``) and as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samkit.output.jsonout import dumps
from samkit.plan.values import format_money, format_percent

if TYPE_CHECKING:
    from rich.console import Console

    from samkit.analysis.changes import Change
    from samkit.analysis.review import Detractor, ReviewBrief


def review_json(brief: ReviewBrief) -> str:
    return dumps(brief.to_dict()) + "\n"


def describe_change(change: Change, markdown: bool = False) -> str:
    """One line per change, worded by the diff formatter so review and diff read alike."""
    from samkit.output.change_text import MARKDOWN, PLAIN, describe

    return describe(change, MARKDOWN if markdown else PLAIN)


def _bullets(console: Console, items: list[str], marker: str = "•") -> None:
    """A list whose wrapped lines stay indented under their own text."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=len(marker) + 2, justify="right", no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(marker, item)
    console.print(grid)


def _against_us(item: Detractor) -> str:
    """'Lisa Thompson (CFO): skeptic, high influence, weak relationship; covered by Dana Cole'."""
    facts = [(item.support or item.role or "").replace("_", " ")]
    if item.influence:
        facts.append(f"{item.influence} influence")
    facts.append(f"{item.relationship} relationship")
    cover = f"covered by {item.covered_by}" if item.covered_by else "covered by nobody: assign an owner"
    title = f" ({item.title})" if item.title else ""
    return f"{item.name}{title}: {', '.join(facts)}; {cover}"


def print_review_text(brief: ReviewBrief, console: Console) -> None:
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    plan = brief.plan
    account = plan.account
    facts = [
        f"[bold]{escape(brief.tier or 'Unscored')}[/]"
        + (f" · score {brief.score.to_dict()['score']}/100" if brief.score else ""),
        f"health {plan.state.health_score}/100" if plan.state.health_score is not None else "health not recorded",
        f"manager {escape(account.manager)}",
        f"sponsor {escape(account.executive_sponsor)}" if account.executive_sponsor else "[red]no executive sponsor[/]",
    ]
    if plan.last_reviewed is None:
        facts.append("[red]never reviewed[/]")
    else:
        overdue = " [red](overdue)[/]" if brief.review_overdue else ""
        facts.append(f"last review {plan.last_reviewed.isoformat()}, {brief.days_since_review} days ago{overdue}")
    console.print(
        Panel(
            " · ".join(facts), title=f"QBR brief: {escape(account.name)}", subtitle=f"as of {brief.today.isoformat()}"
        )
    )

    if brief.value_vs_promised is not None:  # round 3: the brief opens with it
        from samkit.output.objectives_out import print_value_vs_promised

        print_value_vs_promised(brief.value_vs_promised, console)
    console.print("[bold]Suggested agenda[/]")
    for number, item in enumerate(brief.agenda, 1):
        _bullets(console, [escape(item)], f"{number}.")

    console.print()
    console.print("[bold]Relationships[/]")
    threaded = " — [red]single-threaded[/]" if brief.coverage.single_threaded else ""
    console.print(f"  {escape(brief.coverage.sentence())}{threaded}")
    _bullets(
        console, [escape(brief.engagement.alignment_sentence()), escape(brief.engagement.engagement_sentence())], "•"
    )
    if brief.detractors:
        console.print("  Against us:")
        _bullets(console, [escape(_against_us(item)) for item in brief.detractors], "  !")
    _bullets(console, [escape(line) for line in brief.suggestions], "•")
    _bullets(console, [escape(line) for line in brief.gaps], "◦")
    if brief.departed:
        console.print("  Departed: " + ", ".join(escape(gap.name) for gap in brief.departed))

    console.print()
    console.print("[bold]Actions[/]")
    if not brief.overdue_actions and not brief.upcoming_actions:
        console.print("  Nothing overdue or due in the next 30 days.")
    lines = [
        f"[red]overdue {item.days}d[/] {item.due.isoformat()} {escape(item.action)}"
        + (f" ({escape(item.owner)})" if item.owner else "")
        for item in brief.overdue_actions
    ] + [
        f"due in {item.days}d {item.due.isoformat()} {escape(item.action)}"
        + (f" ({escape(item.owner)})" if item.owner else "")
        for item in brief.upcoming_actions
    ]
    _bullets(console, lines, "•")

    console.print()
    pipeline = brief.pipeline
    table = Table(title="Pipeline (open opportunities)", title_justify="left")
    for column in ("", "Recurring", "One-time", "Total"):
        table.add_column(column, justify="right" if column else "left")
    table.add_row(
        "Pipeline", format_money(pipeline.recurring), format_money(pipeline.one_time), format_money(pipeline.total)
    )
    table.add_row(
        "Weighted",
        format_money(pipeline.weighted_recurring),
        format_money(pipeline.weighted_one_time),
        format_money(pipeline.weighted_total),
    )
    console.print(table)
    _bullets(
        console,
        [
            f"{escape(item.name)}: {format_money(item.value)} at {format_percent(item.probability)}"
            f" = {format_money(item.weighted)}" + (f", {item.timeframe}" if item.timeframe else "")
            for item in brief.top_opportunities
        ]
        + [f"[yellow]lapsed[/] {escape(item.name)} ({item.timeframe})" for item in brief.lapsed_opportunities],
        "•",
    )

    console.print()
    console.print("[bold]Risks[/]")
    if not brief.risks:
        console.print("  No risks recorded.")
    for risk in brief.risks:
        colour = {"high": "red", "medium": "yellow"}.get(risk.severity, "default")
        _bullets(console, [f"[{colour}]{risk.severity.upper()}[/] {escape(risk.risk)}"], "•")
        _bullets(console, [escape(step) for step in risk.mitigation or ["no mitigation recorded"]], "    -")

    console.print()
    console.print("[bold]What changed since the last review[/]")
    if brief.changes:
        console.print(f"  compared with {escape(brief.changes_since or '')}")
        _bullets(console, [escape(describe_change(change)) for change in brief.changes], "•")
    else:
        console.print(f"  {escape(brief.changes_note)}")
