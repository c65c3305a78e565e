"""The columnar reader's whole-file pass: polars reads the file straight from disk (memory-mapped, on every
core) twice — once as whole lines to prove the file plain, once as fields — with no copy of it in Python.

It proves what the chunked pass proves with a sentinel and byte counts, from the lines instead:

- no carriage return is left inside a line (polars takes ``\\r\\n`` as a line end; the ``csv`` module also
  ends a record at a lone ``\\r``, where polars would not);
- every line with a quote is exactly the header's number of fields, each quoted from its first to its last
  character or not at all (then polars and the ``csv`` module cannot disagree on where fields begin and end,
  and no quoted field spans lines, since half of one fails the test);
- every line without a quote has exactly the header's number of fields: its length is the sum of its cells'
  lengths plus one separator between each two (a short row, which polars pads with empty cells, is shorter);
  blank lines excepted, which the ``csv`` reader skips too.

Then the fields line up with the lines one to one, so each row's physical line number is its position. The
lines are proven on a thread, streamed (never all held), while polars reads the fields (it releases the
GIL); the fields are converted only once the lines are known to be plain.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from samkit.errors import note_interrupt, raise_if_interrupted
from samkit.roster.layout import RosterLayout

if TYPE_CHECKING:
    import polars as pl

WHOLE_FILE_MAX_BYTES = 256 * 1024**2  # above this the chunked pass keeps memory down (lines are held whole)
SPAN_MARK = "\x02"  # a byte no roster holds: the field separator when reading whole lines
_BLANK_CELL = r"^[ \t\u00a0]*$"
_SCAN_OPTIONS: dict[str, Any] = {
    "has_header": False,
    "skip_lines": 1,  # the header, already read and checked
    "infer_schema": False,
}
_READ_OPTIONS = {**_SCAN_OPTIONS, "empty_string_is_null": False}  # (scan_csv takes it from polars 1.3x on)


def quoted_line_pattern(separator: str, fields: int | None = None) -> str:
    """A line of fields, each quoted throughout or without any quote. With ``fields``: exactly that many, and
    no carriage return anywhere (a line end's has been taken off already)."""
    field = f"\\x{{{ord(separator):x}}}"  # the separator in the regex, whatever it is
    others = "" if fields is None else "\r"
    cell = f'(?:"(?:[^"{others}]|"")*"|[^"{others}{field}]*)'  # a quoted field, or a field without quotes
    if fields is None:
        return f"^{cell}(?:{field}{cell})*\r?$"
    return f"^{cell}(?:{field}{cell}){{{fields - 1}}}$"


@dataclass(frozen=True)
class _LineProof:
    """What the lines say, when they are plain: how many, each one's length and whether it has a quote."""

    rows: int
    line_bytes: pl.Series
    special: pl.Series  # has a quote: its fields were counted by the regex, not by its length


class WholeFile:
    """One whole-file read. ``fields()`` reads the rows; ``proven()`` then says whether they can be trusted."""

    def __init__(self, path: str, layout: RosterLayout, separator: str, schema: dict[str, Any]) -> None:
        self.path = path
        self.separator = separator
        self.schema = schema
        self.account = layout.account
        self.width = len(layout.header)
        self._proof: _LineProof | None = None
        self._rows = -1  # rows read as fields, blank ones included
        self._cell_total: pl.Series | None = None  # each row's bytes in its cells
        self._blank_rows: pl.Series | None = None  # None: no row is blank
        self.all_named = False  # every row read has an account name
        # the lines are proven while polars reads the fields
        self._thread = threading.Thread(target=self._prove_lines, name="samkit-line-proof", daemon=True)
        self._thread.start()

    def fields(self) -> pl.DataFrame | None:
        """The rows after the header as text columns ``c0``.. and ``line``, blank rows dropped; None when
        polars will not read them."""
        import polars as pl
        from polars.exceptions import PanicException

        try:
            frame = pl.read_csv(
                self.path,
                separator=self.separator,
                quote_char='"',
                schema=self.schema,
                truncate_ragged_lines=False,
                **_READ_OPTIONS,
            )
        except (Exception, PanicException):  # any complaint from polars (too many fields, a short first row...)
            raise_if_interrupted()  # ... unless it is how a Ctrl-C surfaced: then the run stops, no fallback
            return None
        except BaseException:  # Ctrl-C: the proof of the lines is stopped and joined on the way out
            self.close()
            raise
        # What proven() needs of every row, blank ones included: how many bytes its cells hold, and whether
        # it is blank (a blank row has a blank account, so there is none when every account is named). The
        # columns stay in the pieces polars read them in: joining them would copy all the text while the
        # read's own buffers are still held, the run's highest memory, and was measured no faster after.
        lengths = [self._cell_bytes(index, self.schema[f"c{index}"]) for index in range(self.width)]
        self._rows = frame.height
        self._cell_total = frame.select(pl.sum_horizontal(lengths)).to_series()
        frame = frame.with_row_index("line", offset=2)
        if not frame.select(self._blank(self.account).any()).item():
            self.all_named = True
            return frame
        blank = frame.select(pl.all_horizontal([self._blank(index) for index in range(self.width)])).to_series()
        self._blank_rows = blank
        return frame.filter(~blank)  # the csv reader skips blank rows too

    def lines_plain(self) -> bool:
        """Every line is plain and the fields read are one a line: to know before converting them (polars
        reads some malformed quoting into text that is not even valid UTF-8, and panics on it later)."""
        self.close()
        raise_if_interrupted()  # an interrupted proof proves nothing: the run stops
        return self._proof is not None and self._proof.rows == self._rows

    def close(self) -> None:
        """Wait for the thread proving the lines (it ends by itself: it is one streamed polars query)."""
        while self._thread.is_alive():
            try:
                self._thread.join()
            except KeyboardInterrupt:  # a Ctrl-C while waiting: still wait, then let it through
                note_interrupt()
        raise_if_interrupted()

    def proven(self) -> bool:
        """``lines_plain()``, and every row that is not blank has the header's width (an unnamed account in a
        row that is not blank is for the conversion to refuse)."""
        import polars as pl

        proof = self._proof
        if not self.lines_plain() or proof is None or self._cell_total is None:
            return False
        short = ~pl.lit(proof.special) & (pl.lit(proof.line_bytes) != pl.lit(self._cell_total) + (self.width - 1))
        if self._blank_rows is not None:
            short = short & ~pl.lit(self._blank_rows)
        return not pl.select(short.any()).item()

    def _prove_lines(self) -> None:
        from polars.exceptions import PanicException

        try:
            self._proof = _prove_lines(self.path, self.separator, self.width)
        except (Exception, PanicException):  # not UTF-8, a span mark, ...: not proven, the chunked pass decides
            self._proof = None
        except BaseException:  # polars raises KeyboardInterrupt on this thread too: the main thread reports it
            note_interrupt()
            self._proof = None

    @staticmethod
    def _cell_bytes(index: int, dtype: Any) -> pl.Expr:
        import polars as pl

        cell = pl.col(f"c{index}")
        length = cell.cat.len_bytes() if dtype == pl.Categorical else cell.str.len_bytes()
        return length.fill_null(0)  # an empty category is null

    @staticmethod
    def _blank(index: int) -> pl.Expr:
        import polars as pl

        return pl.col(f"c{index}").cast(pl.String).fill_null("").str.contains(_BLANK_CELL)


def _prove_lines(path: str, separator: str, width: int) -> _LineProof | None:
    """Streamed a slice of lines at a time (polars' streaming engine), so the lines are never all held."""
    import polars as pl

    line = pl.col("line").fill_null("")  # an empty line may come as null, whichever polars reads it
    special = line.str.contains('["\r]')  # a quote, or a carriage return (which no plain line has)
    lines = (
        pl.scan_csv(path, separator=SPAN_MARK, quote_char=None, schema={"line": pl.String}, **_SCAN_OPTIONS)
        .select(
            line.str.len_bytes().alias("bytes"),
            special.alias("special"),
            # the regex only where it is needed (elsewhere the line lengths count the fields): other lines are
            # swapped for the shortest line that passes
            ~pl.when(special)
            .then(line)
            .otherwise(pl.lit(separator * (width - 1)))
            .str.contains(quoted_line_pattern(separator, width))
            .alias("badly_quoted"),
        )
        .collect(engine="streaming")
    )
    if lines.select(pl.col("badly_quoted").any()).item():
        return None
    return _LineProof(lines.height, lines.get_column("bytes"), lines.get_column("special"))
