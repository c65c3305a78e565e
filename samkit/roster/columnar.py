"""The columnar (polars) reader: the common case of a well-formed, plain file, read a chunk at a time.

It first proves the file is plain enough to read with certainty and declines anything else (None), so the
``csv`` reader decides.
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from samkit.config import ScoringConfig
from samkit.fileio.delimited import detect_delimiter
from samkit.plan.currency import SIGN_CURRENCIES, currency_fits
from samkit.roster import chunks as chunking
from samkit.roster import wholefile
from samkit.roster.cells import FORMULA_PATTERN, FORMULA_START, ceil_scaled, is_blank, parse_points, weight_scale
from samkit.roster.declines import step_aside
from samkit.roster.layout import ProgressCallback, RosterLayout, resolve_layout
from samkit.roster.money import money_micro_parts

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class FrameRead:
    """The columnar reader's result, valid throughout: the raw cells as text columns ``c0``..``cN``, ``line``,
    ``p_<dimension>`` = points × 10**points_scale as exact integers, and ``arr_micro`` (ARR in millionths).

    ``plain_columns`` are the columns whose every value is known not to start like a spreadsheet formula.
    """

    layout: RosterLayout
    frame: pl.DataFrame
    points_scale: int
    plain_columns: frozenset[int] = frozenset()


# ---------------------------------------------------------------------------------------------- columnar reader

_SENTINEL = b"\x01"  # appended to every line as an extra last field, so that a short (ragged) row shows
_SPAN_MARK = wholefile.SPAN_MARK.encode()  # the field separator when reading whole lines to check quotes
_MONEY_PARTS = max(2, os.cpu_count() or 1)  # pieces of a money column parsed side by side
_MAX_SCALE = 15  # points scale + weights scale: Σ weight × points stays below 10**18, inside Int64
POINTS_SCALE = 6  # the columnar reader carries points as millionths (Int32); finer points go to the csv reader


def _quotes_well_formed(chunk: bytes, separator: str) -> bool:
    """Every ``"`` belongs to a field quoted from its first to its last character, within one line.

    Then polars and the ``csv`` module cannot disagree on where fields begin and end (on malformed quoting
    they do, silently). Checked in polars on the lines that contain a quote: each must be a sequence of
    fields, each quoted throughout or without any quote (one regex pass).
    """
    import polars as pl
    from polars.exceptions import PanicException

    if _SPAN_MARK in chunk:
        return False
    try:
        lines = pl.read_csv(
            chunk,
            has_header=False,
            separator=_SPAN_MARK.decode(),
            quote_char=None,
            schema={"line": pl.String},
            empty_string_is_null=False,
            infer_schema=False,
            raise_if_empty=False,
        ).get_column("line")
    except (Exception, PanicException):  # not UTF-8, ...: the csv reader says where
        return False
    quoted = lines.filter(lines.str.contains('"', literal=True))
    return bool(quoted.str.contains(wholefile.quoted_line_pattern(separator)).all())


def _line_ends(chunk: bytes) -> bytes | None:
    """``\n`` or ``\r\n`` when the chunk uses one of them throughout; None for lone or mixed carriage returns."""
    returns = chunk.count(b"\r")
    if not returns:
        return b"\n"
    if returns == chunk.count(b"\r\n") == chunk.count(b"\n"):
        return b"\r\n"
    return None


def read_frame(
    path: str,
    codec: str,
    forced: str | None,
    scoring: ScoringConfig,
    progress: ProgressCallback | None,
    currency: str | None = None,
) -> FrameRead | None:
    """The fast reader; None when it cannot vouch for the result (the Python reader then decides)."""
    try:
        import polars  # noqa: F401 - the optional `fast` extra; without it the csv reader does everything
    except ImportError:
        step_aside("polars is not installed")
        return None
    if weight_scale(scoring.weights.values()) + POINTS_SCALE > _MAX_SCALE:
        step_aside("the weights have more decimals than exact 64-bit integers carry")
        return None
    total = max(1, os.path.getsize(path))
    whole = codec in ("utf-8", "utf-8-sig") and total <= wholefile.WHOLE_FILE_MAX_BYTES
    chunks = chunking.head(path) if whole else None
    if chunks is None:  # not a whole-file read, or a header line too long to peek at: chunk by chunk
        whole = False
        chunks = chunking.utf8_chunks(path, codec)
    if chunks is None:
        return None  # utf8_chunks named the reason
    first = next(chunks, b"")
    header = _header(first, whole, forced)
    if header is None:
        return None  # _header named the reason
    delimiter, header_cells = header
    layout = resolve_layout(header_cells, delimiter, scoring, path, currency=currency)
    if whole:
        converter = _ChunkReader(layout, delimiter.encode())
        read = wholefile.WholeFile(path, layout, delimiter, converter.schema_without_sentinel())
        frame = read.fields()
        if progress is not None:
            progress("reading", total // 2, total)
        accepted = frame is not None and read.lines_plain() and converter.add_parsed(frame, named=read.all_named)
        del frame  # the text is the converted frame's now
        read.close()  # the line proof has ended before anything else is read (a Ctrl-C in it stops the run)
        if accepted and read.proven():
            if progress is not None:
                progress("reading", total, total)
            return converter.result()
        step_aside("the whole-file pass could not prove every line plain: reading chunk by chunk instead")
        chunks = chunking.utf8_chunks(path, codec)  # not plain enough to vouch for at once: chunk by chunk
        if chunks is None:
            return None
        first = next(chunks, b"")
    return _read_chunks(_ChunkReader(layout, delimiter.encode()), first, chunks, total, progress)


def _header(first: bytes, whole: bool, forced: str | None) -> tuple[str, list[str]] | None:
    """The delimiter and the header cells from the first chunk; None (with the reason named) when the header
    is one the csv module reads differently."""
    line_end = first.find(b"\n")
    header_line = first if line_end < 0 else first[:line_end]
    # lone carriage returns: the csv module's idea of a line decides (the whole-file proof looks past the
    # header; the chunked pass wants one line end throughout each chunk)
    if b"\r" in header_line.removesuffix(b"\r") or (not whole and _line_ends(first) is None):
        step_aside("lone or mixed carriage returns")
        return None
    # polars takes a byte order mark off the start of what it reads after the header, where the csv module
    # keeps it as text: a second BOM anywhere there is for the csv reader
    if line_end >= 0 and first[line_end + 1 :].startswith(codecs.BOM_UTF8):
        step_aside("a byte order mark after the header line")
        return None
    try:
        header_text = header_line.decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        step_aside("the header line is not UTF-8")
        return None
    if header_text.startswith("\ufeff"):
        step_aside("a doubled byte order mark")  # the csv reader takes off as many as the encoding says
        return None
    delimiter = forced or detect_delimiter(header_text)
    separator = delimiter.encode()
    if len(separator) != 1 or separator in _SENTINEL + _SPAN_MARK:
        step_aside(f"the delimiter {delimiter!r} is not one plain byte")
        return None
    header_bytes = first[: line_end + 1] if line_end >= 0 else first
    if b'"' in header_bytes and not _quotes_well_formed(header_bytes, delimiter):
        step_aside("the header's quotes are not well formed")
        return None
    try:
        header = next(csv.reader([header_text], delimiter=delimiter, quotechar='"'))
    except csv.Error:  # a header cell over the csv module's field size limit: the csv reader says so
        step_aside("a header cell longer than the csv module reads")
        return None
    if all(is_blank(cell) for cell in header):
        step_aside("an empty file, or blank lines before the header")  # the csv reader skips them
        return None
    return delimiter, header


def _read_chunks(
    reader: _ChunkReader, first: bytes, chunks: Iterator[bytes], total: int, progress: ProgressCallback | None
) -> FrameRead | None:
    """The chunked pass: every chunk parsed, checked and converted, or None at the first that is not plain."""
    done = 0
    chunk: bytes | None = first
    del first
    at_start = True
    while chunk is not None:
        following = next(chunks, None)
        if not reader.add(chunk, at_start, following is None):
            return None  # _ChunkReader named the reason
        done += len(chunk)
        if progress is not None:
            progress("reading", min(done, total), total)
        chunk, at_start = following, False
    return reader.result()


class _ChunkReader:
    """Parses and validates the roster a chunk at a time, so temporary columns stay chunk-sized; or converts
    the rows the whole-file pass read (``add_parsed``)."""

    def __init__(self, layout: RosterLayout, separator: bytes) -> None:
        import polars as pl

        self.layout = layout
        self.separator = separator
        self.width = len(layout.header)
        # points columns are read as categories straight away: few distinct values, kept for the CSV output at
        # 4 bytes a row, and their points are looked up by category id
        points_columns = {source.index for source in layout.sources if source.band is None}
        points_columns -= {source.index for source in layout.sources if source.band is not None}
        points_columns -= {layout.account, layout.arr}
        self.schema = {
            f"c{index}": pl.Categorical if index in points_columns else pl.String for index in range(self.width + 1)
        }
        self.frames: list[pl.DataFrame] = []
        self.next_line = 2
        self.points: dict[tuple[int, str], int | None] = {}
        self.formula_like: set[int] = set()

    def schema_without_sentinel(self) -> dict[str, Any]:
        return {name: dtype for name, dtype in self.schema.items() if name != f"c{self.width}"}

    def add(self, chunk: bytes, at_start: bool, at_end: bool) -> bool:
        """Parse, validate and convert one chunk of lines and keep it; False when it is not plain or valid."""
        frame = self._parse(chunk, at_start, at_end)
        converted = None if frame is None else self._convert(frame)
        if converted is None:
            return False
        # one aligned chunk per column: later whole-frame expressions then never copy the frame to align it
        self.frames.append(converted.rechunk())
        return True

    def add_parsed(self, frame: pl.DataFrame, named: bool = False) -> bool:
        """``add`` for rows parsed already (``c0``.., ``line``, blank rows dropped); ``named``: every row is
        known to have an account name."""
        converted = self._convert(frame, named)
        if converted is None:
            return False
        self.frames.append(converted)
        return True

    def result(self) -> FrameRead:
        import polars as pl

        frame = pl.concat(self.frames, how="vertical", rechunk=False) if len(self.frames) > 1 else self.frames[0]
        self.frames = []
        plain = frozenset(index for index in range(self.width) if index not in self.formula_like)
        return FrameRead(self.layout, frame, POINTS_SCALE, plain)

    def _parse(self, chunk: bytes, at_start: bool, at_end: bool) -> pl.DataFrame | None:
        import polars as pl
        from polars.exceptions import PanicException

        if _SENTINEL in chunk or (not at_start and chunk.startswith(codecs.BOM_UTF8)):
            step_aside("a control byte 0x01, or a byte order mark inside the file")  # (polars would take a BOM off)
            return None
        line_end = _line_ends(chunk)
        if line_end is None:
            step_aside("mixed line ends")
            return None
        if b'"' in chunk and not _quotes_well_formed(chunk, self.separator.decode()):
            step_aside(
                "a quote that does not open and close one field within a line (a quoted line break, a stray quote)"
            )
            return None
        lines = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1) - (1 if at_start else 0)
        marker = self.separator + _SENTINEL
        marked = chunk.replace(line_end, marker + line_end) + (b"" if chunk.endswith(b"\n") else marker)
        try:
            frame = pl.read_csv(
                marked,
                has_header=False,
                skip_lines=1 if at_start else 0,
                schema=self.schema,
                separator=self.separator.decode(),
                quote_char='"',
                empty_string_is_null=False,
                truncate_ragged_lines=False,
                infer_schema=False,
                raise_if_empty=False,
            )
        except (Exception, PanicException) as error:  # malformed, not UTF-8, too many fields...: csv decides
            step_aside(f"polars could not parse a chunk ({type(error).__name__})")
            return None
        del marked
        if frame.height != lines:
            step_aside("a quoted line break: a record spans physical lines")
            return None
        frame = frame.with_row_index("line", offset=self.next_line)
        self.next_line += lines
        sentinel = _SENTINEL.decode()
        cells = [pl.col(f"c{index}") for index in range(self.width)]
        # a missing field is "" as text but null as a category; "==" works on both
        blank = pl.all_horizontal([cell.is_null() | (cell == "") | (cell == sentinel) for cell in cells])
        last = pl.col(f"c{self.width}")
        first = cells[0].is_null() | (cells[0] == "") | (cells[0] == sentinel)
        if not frame.select(((last != sentinel) | first).any()).item():
            return frame.drop(f"c{self.width}")  # the common case, checked on two columns: no blank or short row
        short, blanks = frame.select(((last != sentinel) & ~blank).any(), blank.any()).row(0)
        if short:
            step_aside("a row with too few fields")
            return None
        if blanks:
            frame = frame.filter(~blank)
        return frame.drop(f"c{self.width}")

    def _convert(self, frame: pl.DataFrame, named: bool = False) -> pl.DataFrame | None:
        """Points (and band points, and ARR) as exact integers; None at the first invalid value."""
        import polars as pl

        layout = self.layout
        money_columns = {source.index for source in layout.sources if source.band is not None}
        if layout.arr is not None:
            money_columns.add(layout.arr)
        program = layout.currency
        foreign = "" if program is None else "".join(s for s in SIGN_CURRENCIES if not currency_fits(s, program))
        if foreign and any(frame.get_column(f"c{index}").str.contains(f"[{foreign}]").any() for index in money_columns):
            step_aside("money with another currency's sign (the csv reader names its line)")
            return None
        # money text, the costliest to parse, on worker threads (polars releases the GIL) while this one checks
        # the text and maps the points; the pool's end waits for them whatever happens
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            pending = {
                index: money_micro_parts(frame.get_column(f"c{index}"), pool, _MONEY_PARTS) for index in money_columns
            }
            columns = self._points_columns(frame) if self._text_checked(frame, named) else None
            parsed = {index: joined() for index, joined in pending.items()}
        money = {index: micro for index, micro in parsed.items() if micro is not None}
        if columns is None or len(money) < len(parsed):
            step_aside("a value the csv reader reports (an unnamed account, a bad number, an overlong cell)")
            return None
        for source in layout.sources:
            if source.band is None:
                continue
            name = f"p_{source.dimension}"
            chain: Any = pl
            micro_column = pl.lit(money[source.index])
            for minimum, band_point in source.band.bands:
                scaled = band_point.scaleb(POINTS_SCALE)
                if scaled != scaled.to_integral_value():
                    step_aside("band points finer than millionths")
                    return None
                chain = chain.when(micro_column >= ceil_scaled(minimum, 6)).then(int(scaled))
            columns[name] = chain.otherwise(None).cast(pl.Int32)
        if layout.arr is not None:
            columns["arr_micro"] = money[layout.arr]
        frame = frame.with_columns(**columns)
        banded = [f"p_{source.dimension}" for source in layout.sources if source.band is not None]
        if banded and frame.select(pl.any_horizontal([pl.col(name).is_null() for name in banded]).any()).item():
            step_aside("a band column value below every band, or blank")
            return None
        return frame

    def _text_checked(self, frame: pl.DataFrame, named: bool) -> bool:
        """Every account named (unless known already) and no cell longer than the csv module reads; and
        which text columns the CSV output must neutralise, found here (where the money is parsed on the other
        cores), not when writing."""
        import polars as pl

        texts = [index for index in range(self.width) if self.schema[f"c{index}"] == pl.String]
        unnamed = pl.lit(False) if named else pl.col(f"c{self.layout.account}").str.contains(r"^[ \t\u00a0]*$").any()
        lengths = [
            (pl.col(f"c{index}").str if index in texts else pl.col(f"c{index}").cat).len_bytes().max()
            for index in range(self.width)
        ]
        missing_account, longest, *formula_like = frame.select(
            unnamed.alias("unnamed"),
            pl.max_horizontal(lengths).alias("longest"),
            *(pl.col(f"c{index}").str.contains(FORMULA_PATTERN).any().alias(f"f{index}") for index in texts),
        ).row(0)
        self.formula_like.update(index for index, flag in zip(texts, formula_like, strict=True) if flag)
        # a cell longer than the csv module takes is a problem it reports (in characters; bytes are as many
        # or more, so this may send a few good rosters to the csv reader, never a bad one past it)
        return not missing_account and (longest or 0) <= csv.field_size_limit()

    def _points_columns(self, frame: pl.DataFrame) -> dict[str, pl.Expr | pl.Series] | None:
        """Each points column's points as exact integers (and its text, as a category); None if one is not."""
        import polars as pl

        columns: dict[str, pl.Expr | pl.Series] = {}
        for source in self.layout.sources:
            if source.band is not None:
                continue
            text = frame.get_column(f"c{source.index}").cast(pl.Categorical)  # already, unless shared
            if text.null_count():
                step_aside("missing points")  # an empty category, which the csv reader reports
                return None
            distinct = text.unique().cast(pl.String).to_list()
            mapping = self._points_mapping(source.index, distinct)
            if mapping is None:
                return None
            # points looked up by category id: a gather instead of hashing every string again
            ids = pl.Series(distinct, dtype=pl.String).cast(pl.Categorical).to_physical().to_list()
            table = [0] * (max(ids, default=-1) + 1)
            for category, cell in zip(ids, distinct, strict=True):
                table[category] = mapping[cell]
            columns[f"p_{source.dimension}"] = pl.Series(table, dtype=pl.Int32).gather(text.to_physical())
            columns[f"c{source.index}"] = text
        return columns

    def _points_mapping(self, index: int, distinct: list[str]) -> dict[str, int] | None:
        mapping: dict[str, int] = {}
        for cell in distinct:
            key = (index, cell)
            if key in self.points:
                scaled = self.points[key]
            else:
                scaled = None
                try:
                    value = parse_points(cell).scaleb(POINTS_SCALE)
                    if value == value.to_integral_value():
                        scaled = int(value)
                except ValueError:
                    pass
                if len(self.points) < 100_000:
                    self.points[key] = scaled
                if cell[:1] in FORMULA_START:
                    self.formula_like.add(index)
            if scaled is None:
                step_aside(f"{cell[:40]!r} is not points the columnar reader carries exactly")
                return None
            mapping[cell] = scaled
        return mapping
