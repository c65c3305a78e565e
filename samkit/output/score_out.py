"""``samkit score`` output: a table of the top accounts (default), CSV, JSON and Markdown, the tier summary, the problems.

CSV output is the roster's own columns plus ``score`` and ``tier``; a text cell that a spreadsheet would run
as a formula (starting with ``=`` ``+`` ``-`` ``@`` tab or carriage return, and not a plain number) gets a
leading ``'``. Rosters read by the columnar reader are written by polars with the same rules, byte for byte.
The table for people is laid out (and streamed) by ``samkit.output.score_table``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, BinaryIO

from samkit.analysis.scoring import Thresholds, display_score
from samkit.output.console import make_console
from samkit.output.jsonout import decimal_text, dumps
from samkit.output.markdown import escape_flat
from samkit.output.score_table import DEFAULT_LIMIT, summary_rows, table_cells
from samkit.output.terminal import terminal_safe
from samkit.plan.dimensions import DIMENSIONS, SHORT_LABELS
from samkit.plan.values import format_money, format_percent_to_tenth
from samkit.roster.cells import FORMULA_PATTERN, FORMULA_START
from samkit.roster.scoring import AccountScore, RosterSummary, ScoredRoster, ScoreOutcome
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.roster.reader import ProgressCallback

PROGRESS_MIN_BYTES = 2_000_000  # below this a roster is scored before a bar could be seen

# What a spreadsheet reads as a plain number (which stays a number, formula trigger or not).
_NUMBER_BODY = r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NUMBER_RE = re.compile(_NUMBER_BODY)  # used with fullmatch: Python's $ would accept a trailing newline


# ---------------------------------------------------------------------------------------------- CSV


def neutralise(cell: str) -> str:
    """``=SUM(A1)`` → ``'=SUM(A1)``; ``-12.5`` stays a number."""
    if cell and cell[0] in FORMULA_START and _NUMBER_RE.fullmatch(cell) is None:
        return "'" + cell
    return cell


def csv_field(cell: str) -> str:
    if any(character in cell for character in ',"\n\r'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_line(cells: Iterable[str]) -> str:
    return ",".join(csv_field(neutralise(cell)) for cell in cells) + "\n"


def render_csv(roster: ScoredRoster, explain: bool = False) -> str:
    """The CSV as text (the Python writer, or polars' for a roster the columnar reader read)."""
    if roster.frame is not None:
        buffer = io.BytesIO()
        _write_frame_csv(roster, explain, buffer)
        return buffer.getvalue().decode("utf-8")
    header, rows = roster.csv_rows(explain)
    return csv_line(header) + "".join(csv_line(row) for row in rows)


def _write_frame_csv(roster: ScoredRoster, explain: bool, handle: BinaryIO) -> None:
    """Stream the CSV into a binary handle: polars writes in batches, so no copy of the output is held."""
    import polars as pl

    header, frame, suspects = roster.csv_frame(explain)
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    formula_like = [
        pl.col(name).cast(pl.String).str.contains(FORMULA_PATTERN).any().alias(f"formula {name}") for name in suspects
    ]
    empty = [(pl.col(name) == "").any().alias(f"empty {name}") for name in text]
    flags = frame.select(*formula_like, *empty).row(0) if formula_like or empty else ()
    formula = [name for name, flag in zip(suspects, flags[: len(suspects)], strict=True) if flag]
    blanks = [name for name, flag in zip(text, flags[len(suspects) :], strict=True) if flag]
    rewrites = []
    for name in dict.fromkeys(formula + blanks):
        cell = pl.col(name).cast(pl.String)
        rewritten: Any = pl.when(cell == "").then(None)  # an empty cell is written as nothing, as csv does
        if name in formula:
            # a leading ' unless the cell is a plain number (Rust's $ is the end of the text)
            dangerous = cell.str.contains(FORMULA_PATTERN) & ~cell.str.contains(f"^{_NUMBER_BODY}$")
            rewritten = rewritten.when(dangerous).then(pl.lit("'") + cell)
        rewrites.append(rewritten.otherwise(cell).alias(name))
    if rewrites:
        frame = frame.with_columns(rewrites)
    handle.write(csv_line(header).encode("utf-8"))
    frame.write_csv(handle, include_header=False, line_terminator="\n", quote_style="necessary")


def write_csv(roster: ScoredRoster, explain: bool, output: str | None) -> None:
    """CSV to ``output`` (atomically: a temp file in the same folder, then renamed) or to stdout."""
    from samkit.fileio.outputs import output_writer, write_output

    if roster.frame is None:
        text = render_csv(roster, explain)
        if output is None:
            sys.stdout.write(text)
        else:
            write_output(output, text, inputs=[roster.path])
        return
    if output is None:
        sys.stdout.flush()
        _write_frame_csv(roster, explain, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    with output_writer(output, inputs=[roster.path]) as handle:
        _write_frame_csv(roster, explain, handle)


# ---------------------------------------------------------------------------------------------- JSON


def json_chunks(roster: ScoredRoster, explain: bool = False, columnar: bool = True) -> Iterator[str]:
    """``score --format json`` piece by piece, the same text as ``dumps(roster.to_dict(explain))`` (a test
    checks it): one account at a time, written directly, so half a million accounts take seconds and never
    sit in memory as dicts."""
    yield '{\n  "accounts": ['
    if len(roster) == 0:
        yield "]"
    else:
        yield "\n    "
        yield from _account_json_chunks(roster, explain, columnar)
        yield "\n  ]"
    yield ',\n  "summary": '
    yield dumps(roster.summary.to_dict()).replace("\n", "\n  ") + "\n}\n"


def _account_json_chunks(roster: ScoredRoster, explain: bool, columnar: bool) -> Iterator[str]:
    """The accounts joined by ``,\n    ``: built column-wise for a columnar roster (unless ``columnar`` is
    False: the per-account path, which tests compare it with), else one account at a time."""
    if roster.frame is not None and columnar:
        from samkit.output.score_frame import json_account_chunks

        yield from json_account_chunks(roster, explain)
        return
    weights = roster.weights if explain else None
    with_arr = roster.summary.arr is not None
    separator = ""
    for account in roster.accounts():
        yield separator + _account_json(account, roster.thresholds, with_arr, weights)
        separator = ",\n    "


@functools.lru_cache(maxsize=4096)
def _point_text(value: Decimal) -> str:
    """Points repeat across accounts: their text is worked out once each."""
    return decimal_text(value)


_POINT_KEYS = tuple(f'        "{name}": ' for name in DIMENSIONS)


def _account_json(
    account: AccountScore, thresholds: Thresholds, with_arr: bool, weights: dict[str, Decimal] | None
) -> str:
    """One account as ``dumps(account.to_dict(...))`` writes it, indented for its place in the list."""
    points = ",\n".join(
        key + decimal_text(account.points[name]) for key, name in zip(_POINT_KEYS, DIMENSIONS, strict=True)
    )
    parts = [
        "{\n      " + '"account": ' + json.dumps(account.account, ensure_ascii=False),
        '      "score": ' + decimal_text(display_score(account.score, thresholds)),
        '      "tier": "' + account.tier + '"',
        '      "line": ' + str(account.line),
        '      "points": {\n' + points + "\n      }",
    ]
    if with_arr:
        parts.append('      "arr": ' + (decimal_text(account.arr) if account.arr is not None else "null"))
    if weights is not None:
        contributions = account.contributions(weights)
        body = ",\n".join(
            key + decimal_text(contributions[name]) for key, name in zip(_POINT_KEYS, DIMENSIONS, strict=True)
        )
        parts.append('      "contributions": {\n' + body + "\n      }")
    return ",\n".join(parts) + "\n    }"


def render_json(roster: ScoredRoster, explain: bool = False, columnar: bool = True) -> str:
    return "".join(json_chunks(roster, explain, columnar))


# ---------------------------------------------------------------------------------------------- Markdown


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |\n"


def markdown_chunks(roster: ScoredRoster, explain: bool = False, columnar: bool = True) -> Iterator[str]:
    """``score --format markdown`` piece by piece; a columnar roster's rows are built column-wise (unless
    ``columnar`` is False: the per-account path, which tests compare it with)."""
    has_arr = roster.summary.arr is not None
    header = ["#", "Account", "Score", "Tier"] + (["ARR"] if has_arr else [])
    align = ["---:", "---", "---:", "---"] + (["---:"] if has_arr else [])
    if explain:
        header += [f"{SHORT_LABELS[name]} ({decimal_text(roster.weights[name])}%)" for name in DIMENSIONS]
        align += ["---:"] * len(DIMENSIONS)
    yield f"# Account scores: {escape_flat(os.path.basename(roster.path))}\n\n" + _md_row(header) + _md_row(align)
    if roster.frame is not None and columnar:
        from samkit.output.score_frame import markdown_row_chunks

        yield from markdown_row_chunks(roster, explain)
    else:
        for rank, account in enumerate(roster.iter_ranked(), start=1):
            cells = table_cells(rank, account, roster, has_arr, explain)
            cells[1] = escape_flat(cells[1])
            yield _md_row(cells)
    yield (
        "\n## Tiers\n\n"
        + "".join(_md_summary(roster.summary))
        + "\n"
        + escape_flat(roster.summary.concentration())
        + "\n"
    )


def render_markdown(roster: ScoredRoster, explain: bool = False, columnar: bool = True) -> str:
    return "".join(markdown_chunks(roster, explain, columnar))


def _md_summary(summary: RosterSummary) -> list[str]:
    rows = summary_rows(summary)
    align = ["---", "---:", "---:"] + (["---:", "---:"] if summary.arr is not None else [])
    return [_md_row([escape_flat(cell) for cell in rows[0]]), _md_row(align)] + [
        _md_row([escape_flat(cell) for cell in row]) for row in rows[1:]
    ]


# ---------------------------------------------------------------------------------------------- delivery


def summary_text(summary: RosterSummary) -> str:
    """A few lines for stderr: accounts and ARR per tier, and the concentration check."""
    shares = summary.shares()
    counts = ", ".join(
        f"{share.tier} {share.accounts} ({format_percent_to_tenth(share.account_share)})"
        for share in shares
        if share.account_share is not None
    )
    lines = [f"{plural(summary.total, 'account')} scored" + (f": {counts}" if counts else "")]
    if summary.arr is not None and summary.total_arr:
        lines.append(
            "ARR: "
            + ", ".join(
                f"{share.tier} {format_money(share.arr or Decimal(0))} ({format_percent_to_tenth(share.arr_share)})"
                for share in shares
                if share.arr_share is not None
            )
        )
    lines.append(summary.concentration())
    return "\n".join(lines)


def deliver(
    roster: ScoredRoster,
    output_format: str,
    explain: bool = False,
    output: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> None:
    """Write the chosen format to ``output`` (atomically) or stdout; the summary goes to stderr when stdout
    carries a machine format or the result went to a file."""
    from samkit.fileio.outputs import output_writer
    from samkit.output.console import note

    if output_format == "csv":
        write_csv(roster, explain, output)
        note(summary_text(roster.summary))
        if output is not None:
            note(f"wrote {output}")
        return
    if output_format == "table":
        from samkit.output.console import stdout_colour, stdout_width
        from samkit.output.score_table import table_chunks

        # streamed: --all on a million accounts never holds the table
        terminal = output is None
        chunks: Iterable[str] = table_chunks(
            roster, explain, limit, stdout_width() if terminal else None, stdout_colour() if terminal else False
        )
        if terminal:
            _write_chunks(chunks, sys.stdout)
            sys.stdout.flush()
            return
    else:
        chunks = {"json": json_chunks, "markdown": markdown_chunks}[output_format](roster, explain)
    if output is None:
        _write_chunks(chunks, sys.stdout)
        sys.stdout.flush()
        if output_format == "json":
            note(summary_text(roster.summary))
        return
    with output_writer(output, inputs=[roster.path]) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        _write_chunks(chunks, text)
        text.flush()
        text.detach()  # the output writer closes (and renames) the file
    note(summary_text(roster.summary))
    note(f"wrote {output}")


def _write_chunks(chunks: Iterable[str], stream: Any) -> None:
    """Write in batches of about 1 MB: few system calls, and never the whole output in memory."""
    batch: list[str] = []
    size = 0
    for chunk in chunks:
        batch.append(chunk)
        size += len(chunk)
        if size >= 1 << 20:
            stream.write("".join(batch))
            batch, size = [], 0
    stream.write("".join(batch))


def report_problems(outcome: ScoreOutcome, output_format: str = "table", output: str | None = None) -> None:
    """Every invalid row on stderr as ``path:line[:column]: message``, then a one-line count.

    ``--format json`` to stdout also prints them as ``{"problems": [finding, ...]}`` (code ``SAM010``), so a
    script reads why nothing was scored; an ``--output`` file is left as it was.
    """
    findings = outcome.findings
    if output_format == "json" and output is None:
        sys.stdout.write(dumps({"problems": [finding.to_dict() for finding in findings]}) + "\n")
        sys.stdout.flush()
    lines = [finding.format_text(with_code=False) for finding in findings]
    rows = len({finding.line for finding in findings})
    lines.append(
        f"{outcome.path}: {rows} invalid row{'s' * (rows != 1)} ({plural(len(findings), 'problem')}); nothing scored"
    )
    sys.stderr.write(terminal_safe("\n".join(lines) + "\n"))  # cells quoted in messages are roster text


@contextlib.contextmanager
def progress_for(path: str, stream: Any = None) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr for a big roster when stderr is a terminal; otherwise no callback at all."""
    stream = stream if stream is not None else sys.stderr
    try:
        big = os.path.getsize(path) >= PROGRESS_MIN_BYTES
    except OSError:
        big = False
    if not big or not stream.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    console = make_console(file=stream, force_terminal=True)
    with Progress(
        TextColumn("scoring {task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(path, total=None)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=f"{path}: {stage}", completed=done, total=total)

        yield update
