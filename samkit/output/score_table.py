"""``samkit score``'s table for people (the ranked accounts, the tier summary), written while the accounts
are read: ``--all`` on a million accounts never holds the rows (it once took 16 s and 1.5 GB where the CSV
took 0.9 s and 340 MB).

The text is that of ``blocks_text(score_blocks(...))``, byte for byte (a test compares them): the accounts
table is laid out by ``samkit.output.table_stream`` from two passes over the ranked accounts (a columnar
roster's rows are made a slice at a time by polars), then the tier summary follows as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from samkit.analysis.scoring import display_score
from samkit.output.blocks import Block, Paragraph, TableBlock, blocks_text
from samkit.output.jsonout import decimal_text
from samkit.output.table_stream import streamed_table_lines
from samkit.output.tables import embolden, highlight
from samkit.output.terminal import terminal_safe
from samkit.plan.dimensions import DIMENSIONS, SHORT_LABELS
from samkit.plan.values import format_money, format_percent_to_tenth
from samkit.roster.scoring import AccountScore, RosterSummary, ScoredRoster
from samkit.wording import plural

if TYPE_CHECKING:
    import polars as pl

DEFAULT_LIMIT = 50  # rows of the table for people; --all or --format csv for every account
BATCH_ROWS = 50_000  # rows laid out at a time from a roster already in memory


def table_chunks(
    roster: ScoredRoster, explain: bool, limit: int | None, width: int | None = None, colour: bool = False
) -> Iterator[str]:
    """The table text in pieces: the accounts table a batch of lines at a time, then the tier summary.

    ``width``: the terminal's width (None: piped, natural width); ``colour``: tiers coloured as on a terminal.
    """
    blocks = score_blocks(roster, explain, limit, with_rows=False)
    head = blocks[0]
    assert isinstance(head, TableBlock)
    head = dataclasses.replace(
        head, title=terminal_safe(head.title), headers=[terminal_safe(header) for header in head.headers]
    )
    table = None
    if roster.frame is not None:  # a columnar roster's table as text columns, made once for both passes
        from samkit.output.score_frame import table_row_frame

        table = table_row_frame(roster, explain, limit)
    lines = streamed_table_lines(
        head,
        lambda: _ranked_batches(roster, explain, limit, table),
        width,
        highlight if colour else None,
        embolden if colour else None,
    )
    batch: list[str] = []
    for line in lines:
        batch.append(line.rstrip())
        if len(batch) >= BATCH_ROWS:
            yield "\n".join(batch) + "\n"
            batch = []
    yield "\n".join(batch) + "\n" if batch else ""
    yield "\n" + blocks_text(blocks[1:], width, colour)


def _ranked_batches(
    roster: ScoredRoster, explain: bool, limit: int | None, table: pl.DataFrame | None
) -> Iterator[Sequence[Sequence[str]]]:
    """The ranked rows as the table shows them (the account name made safe for a terminal), in batches;
    ``table``: a columnar roster's rows from ``table_row_frame``."""
    if table is not None:
        from samkit.output.score_frame import frame_row_batches

        for frame_rows in frame_row_batches(table):
            yield [(rank, _terminal_safe(name), *rest) for rank, name, *rest in frame_rows]
        return
    has_arr = roster.summary.arr is not None
    ranked = roster.ranked(limit)
    for start in range(0, len(ranked), BATCH_ROWS):
        rows: list[list[str]] = []
        for rank, account in enumerate(ranked[start : start + BATCH_ROWS], start=start + 1):
            cells = table_cells(rank, account, roster, has_arr, explain)
            cells[1] = _terminal_safe(cells[1])
            rows.append(cells)
        yield rows


def _terminal_safe(name: str) -> str:
    # printable ASCII holds nothing terminal_safe changes: a million plain names skip its two regexes
    return name if name.isascii() and name.isprintable() else terminal_safe(name)


def summary_rows(summary: RosterSummary) -> list[list[str]]:
    header = ["Tier", "Accounts", "Share of accounts"]
    if summary.arr is not None:
        header += ["ARR", "Share of ARR"]
    rows = [header]
    for share in summary.shares():
        row = [
            share.tier,
            str(share.accounts),
            format_percent_to_tenth(share.account_share) if share.account_share is not None else "-",
        ]
        if summary.arr is not None:
            row += [
                format_money(share.arr) if share.arr is not None else "-",
                format_percent_to_tenth(share.arr_share) if share.arr_share is not None else "-",
            ]
        rows.append(row)
    total = ["Total", str(summary.total), "100.0%" if summary.total else "-"]
    if summary.arr is not None:
        total_arr = summary.total_arr or Decimal(0)
        total += [format_money(total_arr), "100.0%" if total_arr else "-"]
    rows.append(total)
    return rows


def score_blocks(
    roster: ScoredRoster, explain: bool = False, limit: int | None = DEFAULT_LIMIT, *, with_rows: bool = True
) -> list[Block]:
    """The ranked accounts (the top ``limit``; None: all), the tier summary and the concentration check.

    ``with_rows=False``: the accounts table without its rows (``score_table`` streams them).
    """
    has_arr = roster.summary.arr is not None
    headers = ["#", "Account", "Score", "Tier"] + (["ARR"] if has_arr else [])
    right = {0, 2} | ({4} if has_arr else set())
    if explain:
        first = len(headers)
        headers += [f"{SHORT_LABELS[name]} {decimal_text(roster.weights[name])}%" for name in DIMENSIONS]
        right |= set(range(first, len(headers)))
    total = len(roster)
    rows = []
    if with_rows:
        ranked = roster.ranked(limit)
        rows = [table_cells(rank, account, roster, has_arr, explain) for rank, account in enumerate(ranked, start=1)]
    count = total if limit is None else min(limit, total)
    shown = f"top {count} of {total} accounts" if count < total else plural(total, "account")
    blocks: list[Block] = [
        TableBlock(f"{roster.path}: {shown} by score", headers, rows, right_aligned=frozenset(right))
    ]
    if count < total:
        more = total - count
        blocks.append(
            Paragraph(
                f"{more} more account{'s' * (more != 1)} not shown: --limit N or --all shows more, --format csv all."
            )
        )
    summary = summary_rows(roster.summary)
    blocks.append(
        TableBlock(
            "Tiers", summary[0], summary[1:-1], right_aligned=frozenset(range(1, len(summary[0]))), footer=summary[-1]
        )
    )
    blocks.append(Paragraph(roster.summary.concentration()))
    return blocks


def table_cells(rank: int, account: AccountScore, roster: ScoredRoster, has_arr: bool, explain: bool) -> list[str]:
    cells = [str(rank), account.account, str(display_score(account.score, roster.thresholds)), account.tier]
    if has_arr:
        cells.append(format_money(account.arr) if account.arr is not None else "")
    if explain:
        cells += [decimal_text(value) for value in account.contributions(roster.weights).values()]
    return cells
