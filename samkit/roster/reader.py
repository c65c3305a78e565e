"""Reading and validating a roster CSV: one account a row, points per dimension (or a raw column and bands).

Two readers give the same answer. The columnar reader (polars, imported only inside it, so only when a roster
is read) takes the common case of a well-formed file; it first proves the file is plain enough to read with
certainty — one record a physical line, quotes only around whole fields, no ragged row, every value valid —
and declines anything else. The pure-Python ``csv`` reader then reads it and reports every bad row by its
physical line (the header being line 1, blank lines counted). Both parse every cell with the same functions.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from samkit.config import DIMENSIONS, Band, ScoringConfig
from samkit.errors import UsageError
from samkit.fileio.inputs import check_input, read_input
from samkit.plan.values import normalize_enum_text, parse_money

if TYPE_CHECKING:
    import polars as pl

ACCOUNT_HEADERS: tuple[str, ...] = ("account", "account_name", "name")
ARR_HEADERS: tuple[str, ...] = ("arr", "annual_recurring_revenue")
DETECTED_DELIMITERS: tuple[str, ...] = (",", ";", "\t")
# What counts as an empty cell; NO-BREAK SPACE too, because spreadsheets pad cells with it.
BLANK = " \t\u00a0"
POINTS_RANGE = "0-10"
COLUMNAR_MIN_BYTES = 1_000_000  # about 12,000 rows
MAX_ROSTER_BYTES = 1024**3  # 1 GiB, some 12 million rows: more is a mistake (or /dev/zero), not a roster

Engine = Literal["auto", "python", "polars"]
# (stage, done, total): lets the CLI draw a progress bar without the core knowing about terminals
ProgressCallback = Callable[[str, int, int], None]

_POINTS_RE = re.compile(r"[ \t\u00a0]*([+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+))[ \t\u00a0]*")
_QUOTED_SPAN_RE = re.compile(r'"(?:[^"]|"")*"')


class RosterError(UsageError):
    """The roster cannot be read at all (no header, a missing or duplicate column, undecodable): exit 2."""


@dataclass(frozen=True)
class RowProblem:
    """One invalid cell or row, at its physical line (and field number, when it is about one cell)."""

    line: int
    column: int | None
    message: str

    def format(self, path: str) -> str:
        where = f"{path}:{self.line}:{self.column}" if self.column is not None else f"{path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class DimensionSource:
    """Where a dimension's points come from: its own column of points, or a raw column and bands."""

    dimension: str
    index: int
    header: str
    band: Band | None = None


@dataclass(frozen=True)
class RosterLayout:
    header: tuple[str, ...]
    delimiter: str
    account: int
    sources: tuple[DimensionSource, ...]
    arr: int | None
    header_line: int = 1

    def label(self, index: int) -> str:
        return self.header[index].strip(BLANK)


@dataclass(frozen=True)
class RosterRow:
    line: int
    cells: tuple[str, ...]
    account: str
    points: dict[str, Decimal]
    arr: Decimal | None


@dataclass(frozen=True)
class RowsRead:
    """The pure-Python reader's result: the valid rows, and every problem found."""

    layout: RosterLayout
    rows: list[RosterRow]
    problems: list[RowProblem]


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


RosterRead = RowsRead | FrameRead


# ---------------------------------------------------------------------------------------------- cells


def is_blank(cell: str) -> bool:
    return not cell.strip(BLANK)


def parse_points(cell: str) -> Decimal:
    """``8``, ``7.5``, ``7,5`` (decimal comma), `` 10 `` → points from 0 to 10; ValueError says what is wrong."""
    if is_blank(cell):
        raise ValueError("missing value")
    match = _POINTS_RE.fullmatch(cell)
    if match is None:
        raise ValueError(f"{cell.strip(BLANK)!r} is not a number of points ({POINTS_RANGE})")
    points = Decimal(match[1].replace(",", "."))
    if not Decimal(0) <= points <= Decimal(10):
        raise ValueError(f"{match[1]} is outside {POINTS_RANGE}")
    return abs(points)  # "-0" is 0: no sign carried into the output


def parse_arr(cell: str) -> Decimal | None:
    """Money form (``$850K``, ``1,250,000``); None for an empty cell."""
    if is_blank(cell):
        return None
    return parse_money(cell)


def band_points(band: Band, value: Decimal) -> Decimal:
    points = band.points_for(value)
    if points is None:
        raise ValueError(f"{value} is below the lowest band minimum ({band.bands[-1][0]}); add a band with minimum 0")
    return points


def source_points(source: DimensionSource, cell: str) -> Decimal:
    if source.band is None:
        return parse_points(cell)
    value = parse_arr(cell)
    if value is None:
        raise ValueError("missing value")
    return band_points(source.band, value)


def decimal_digits(value: Decimal) -> int:
    """How many digits after the point ``value`` needs (``8.50`` → 1, ``10`` → 0)."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def ceil_scaled(value: Decimal, scale: int) -> int:
    """``ceil(value × 10**scale)`` exactly: the least integer that reaches a scaled threshold."""
    return int(value.scaleb(scale).to_integral_value(rounding=ROUND_CEILING))


def weight_scale(weights: Iterable[Decimal]) -> int:
    return max((decimal_digits(weight) for weight in weights), default=0)


# ---------------------------------------------------------------------------------------------- header


def parse_delimiter(option: str | None) -> str | None:
    """``--delimiter``: one character, or ``tab`` / ``\\t`` / ``comma`` / ``semicolon`` / ``pipe`` spelled out."""
    if option is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
    delimiter = named.get(option.lower(), option)
    if len(delimiter) != 1 or delimiter in '"\r\n' or delimiter.isalnum():
        raise UsageError(f"--delimiter must be one character such as ',' ';' '|' or 'tab', got {option!r}")
    return delimiter


def detect_delimiter(header_line: str) -> str:
    """The most frequent of ``,`` ``;`` tab outside quotes in the header line (``,`` on a tie or when none)."""
    unquoted = _QUOTED_SPAN_RE.sub("", header_line)
    count, candidate = max((unquoted.count(each), -rank) for rank, each in enumerate(DETECTED_DELIMITERS))
    return DETECTED_DELIMITERS[-candidate] if count else ","


def resolve_layout(
    header: Sequence[str], delimiter: str, scoring: ScoringConfig, path: str, line: int = 1
) -> RosterLayout:
    """Find the account column, each dimension's column (or its band column) and ARR; exit 2 when it cannot."""
    names = [normalize_enum_text(cell.strip(BLANK)) for cell in header]
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name:
            continue
        if name in seen:
            first = seen[name]
            raise RosterError(
                f"{path}:{line}: duplicate column {name!r}: {header[first].strip(BLANK)!r} (column {first + 1}) "
                f"and {header[index].strip(BLANK)!r} (column {index + 1})"
            )
        seen[name] = index
    account = next((seen[name] for name in ACCOUNT_HEADERS if name in seen), None)
    missing: list[str] = []
    if account is None:
        missing.append("account (or 'account name' / 'name')")
    sources: list[DimensionSource] = []
    for dimension in DIMENSIONS:
        band = scoring.bands.get(dimension)
        wanted = normalize_enum_text(band.column) if band is not None else dimension
        if wanted not in seen:
            missing.append(f"{band.column!r} (the band column for {dimension})" if band is not None else dimension)
            continue
        sources.append(DimensionSource(dimension, seen[wanted], header[seen[wanted]].strip(BLANK), band))
    if missing or account is None:
        plural = "s" if len(missing) > 1 else ""
        found = ", ".join(repr(cell.strip(BLANK)) for cell in header)
        raise RosterError(f"{path}:{line}: missing column{plural}: {', '.join(missing)}; the header has {found}")
    arr = next((seen[name] for name in ARR_HEADERS if name in seen), None)
    return RosterLayout(tuple(header), delimiter, account, tuple(sources), arr, line)


# ---------------------------------------------------------------------------------------------- reading


def read_roster(
    path: str | Path,
    scoring: ScoringConfig,
    delimiter: str | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
    progress: ProgressCallback | None = None,
) -> RosterRead:
    """Read and validate a roster.

    Raises ``UsageError`` (exit 2) when the roster cannot be read at all; invalid rows come back as problems
    (exit 1). ``auto`` uses the columnar reader for rosters of ``COLUMNAR_MIN_BYTES`` or more (below that,
    importing polars costs more than it saves); ``python`` never touches polars; ``polars`` fails instead of
    falling back (for tests).
    """
    name = str(path)
    check_input(name)  # a FIFO would block the columnar reader, a device never end
    codec = _codec(encoding)
    forced = parse_delimiter(delimiter)
    if engine == "polars" or (engine == "auto" and _size(name) >= COLUMNAR_MIN_BYTES):
        fast = _read_frame(name, codec, forced, scoring, progress)
        if fast is not None:
            return fast
        if engine == "polars":
            raise RuntimeError(f"{name}: the columnar reader declined this roster")
    return _read_rows(_decode(_read_bytes(name), codec, name), forced, scoring, name, progress)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # reading it will say what is wrong


def _codec(encoding: str | None) -> str:
    if encoding is None:
        return "utf-8"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {encoding!r} (for example utf-8, cp1252, latin-1)") from None


def _read_bytes(path: str) -> bytes:
    return read_input(path, MAX_ROSTER_BYTES, "roster")


def _decode(data: bytes, codec: str, path: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        byte = data[error.start : error.start + 1].hex()
        raise RosterError(
            f"{path}:{line}:{column}: byte 0x{byte} is not {codec}; "
            "give the file's encoding with --encoding (for example --encoding cp1252)"
        ) from None
    return text.removeprefix("\ufeff")


def _content_line(text: str) -> str:
    """The first line with something besides spaces and delimiters: the header, for delimiter detection."""
    for line in io.StringIO(text, newline=""):
        if not is_blank(line.replace(",", "").replace(";", "").strip("\r\n")):
            return line
    return ""


def _read_rows(
    text: str, forced: str | None, scoring: ScoringConfig, path: str, progress: ProgressCallback | None
) -> RowsRead:
    delimiter = forced or detect_delimiter(_content_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    total_lines = text.count("\n") + 1
    layout: RosterLayout | None = None
    rows: list[RosterRow] = []
    problems: list[RowProblem] = []
    cache: dict[tuple[int, str], Decimal | str] = {}
    for count, (start, end, record) in enumerate(_records(reader)):
        if isinstance(record, RowProblem):
            problems.append(record)
            break
        if all(is_blank(cell) for cell in record):
            continue
        if layout is None:
            layout = resolve_layout(record, delimiter, scoring, path, start)
            continue
        row = _row(layout, start, end, record, cache, problems)
        if row is not None:
            rows.append(row)
        if progress is not None and count % 20_000 == 0:
            progress("reading", end, total_lines)
    if layout is None:
        raise RosterError(f"{path}: the roster is empty; expected a header line naming the columns")
    return RowsRead(layout, rows, problems)


def _records(reader: Any) -> Iterator[tuple[int, int, list[str] | RowProblem]]:
    """Each record with the physical lines it starts and ends on; a csv error ends reading with a problem."""
    previous_end = 0
    while True:
        start = previous_end + 1
        try:
            record: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, start, RowProblem(start, None, f"cannot read this row: {error}")
            return
        previous_end = reader.line_num
        yield start, previous_end, record


def _row(
    layout: RosterLayout,
    start: int,
    end: int,
    record: list[str],
    cache: dict[tuple[int, str], Decimal | str],
    problems: list[RowProblem],
) -> RosterRow | None:
    width = len(layout.header)
    if len(record) != width:
        spans = f"; the row runs from line {start} to {end}: is a closing quote missing?" if end > start else ""
        problems.append(RowProblem(start, None, f"{len(record)} fields, but the header has {width}{spans}"))
        return None
    before = len(problems)
    account = record[layout.account].strip(BLANK)
    if not account:
        problems.append(RowProblem(start, layout.account + 1, f"{layout.label(layout.account)}: missing value"))
    arr: Decimal | None = None
    if layout.arr is not None:
        try:
            arr = parse_arr(record[layout.arr])
        except ValueError as error:
            problems.append(RowProblem(start, layout.arr + 1, f"{layout.label(layout.arr)}: {error}"))
    points: dict[str, Decimal] = {}
    for source in layout.sources:
        cell = record[source.index]
        parsed = cache.get((source.index, cell))
        if parsed is None:
            try:
                parsed = source_points(source, cell)
            except ValueError as error:
                parsed = str(error)
            if len(cache) < 100_000:  # points repeat a lot; bound the memory for rosters where they do not
                cache[(source.index, cell)] = parsed
        if isinstance(parsed, str):
            problem = RowProblem(start, source.index + 1, f"{source.header}: {parsed}")
            # the ARR column can also be a band column: one bad cell, one report
            if problem not in problems[before:]:
                problems.append(problem)
        else:
            points[source.dimension] = parsed
    if len(problems) > before:
        return None
    return RosterRow(start, tuple(record), account, points, arr)


# ---------------------------------------------------------------------------------------------- columnar reader

_SENTINEL = b"\x01"  # appended to every line as an extra last field, so that a short (ragged) row shows
_SPAN_MARK = b"\x02"  # stands in for a quoted field while checking where quoted fields sit
_CHUNK_BYTES = 1 << 23
_MAX_SCALE = 15  # points scale + weights scale: Σ weight × points stays below 10**18, inside Int64
POINTS_SCALE = 6  # the columnar reader carries points as millionths (Int32); finer points go to the csv reader
_MONEY_PATTERN = (
    r"^[ \t]*[$€£]?[ \t]*(?:(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?|\.(?P<frac_only>[0-9]+))"
    r"[ \t]*(?P<suffix>[kKmMbB])?[ \t]*$"
)
_SUFFIX_DIGITS = {"k": 3, "K": 3, "m": 6, "M": 6, "b": 9, "B": 9}
_POWERS_OF_TEN = {exponent: 10**exponent for exponent in range(19)}


def _utf8_chunks(path: str, codec: str) -> Iterator[bytes] | None:
    """The file as UTF-8 in pieces of about 8 MB that end at a line end (the BOM removed); None if the file
    is not in its encoding (the Python reader then says where)."""
    if codec not in ("utf-8", "utf-8-sig"):
        try:
            data = _read_bytes(path).decode(codec).removeprefix("\ufeff").encode("utf-8")
        except UnicodeError:
            return None
        return _split_lines(io.BytesIO(data))
    return _file_chunks(path)


def _file_chunks(path: str) -> Iterator[bytes]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the generator below
    except OSError:
        raise UsageError(f"{path}: cannot read") from None

    def chunks() -> Iterator[bytes]:
        with handle:
            yield from _split_lines(handle)

    return chunks()


def _split_lines(handle: io.BufferedIOBase | io.BytesIO | Any) -> Iterator[bytes]:
    rest = b""
    first = True
    while True:
        block = handle.read(_CHUNK_BYTES)
        if first:
            block = block.removeprefix(codecs.BOM_UTF8)
            first = False
        if not block:
            if rest:
                yield rest
            return
        block = rest + block
        cut = block.rfind(b"\n") + 1
        if cut == 0:
            rest = block
            continue
        rest = block[cut:]
        yield block[:cut]


def _quotes_well_formed(chunk: bytes, separator: str) -> bool:
    """Every ``"`` belongs to a field quoted from its first to its last character, within one line.

    Then polars and the ``csv`` module cannot disagree on where fields begin and end (on malformed quoting
    they do, silently). Checked line by line in polars: each quoted field becomes a mark, no quote may be
    left over, and every mark must sit between field boundaries.
    """
    import polars as pl

    if _SPAN_MARK in chunk:
        return False
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
    quoted = lines.filter(lines.str.contains('"', literal=True))
    mark = _SPAN_MARK.decode()
    marked = quoted.str.replace_all(r'"(?:[^"]|"")*"', mark)
    field = re.escape(separator)
    misplaced = f"[^{field}]{mark}|{mark}[^{field}\r]"
    bad = marked.str.contains('"', literal=True) | marked.str.contains(misplaced)
    return not bad.any()


def _line_ends(chunk: bytes) -> bytes | None:
    """``\n`` or ``\r\n`` when the chunk uses one of them throughout; None for lone or mixed carriage returns."""
    returns = chunk.count(b"\r")
    if not returns:
        return b"\n"
    if returns == chunk.count(b"\r\n") == chunk.count(b"\n"):
        return b"\r\n"
    return None


def _read_frame(
    path: str, codec: str, forced: str | None, scoring: ScoringConfig, progress: ProgressCallback | None
) -> FrameRead | None:
    """The fast reader; None when it cannot vouch for the result (the Python reader then decides)."""
    try:
        import polars  # noqa: F401 - the optional `fast` extra; without it the csv reader does everything
    except ImportError:
        return None
    if weight_scale(scoring.weights.values()) + POINTS_SCALE > _MAX_SCALE:
        return None
    chunks = _utf8_chunks(path, codec)
    if chunks is None:
        return None
    first = next(chunks, b"")
    if _line_ends(first) is None:
        return None  # lone carriage returns: the csv module's idea of a line decides
    line_end = first.find(b"\n")
    try:
        header_text = (first if line_end < 0 else first[:line_end]).decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        return None
    if is_blank(header_text.replace(",", "").replace(";", "")):
        return None  # an empty file, or blank lines before the header: the Python reader handles both
    delimiter = forced or detect_delimiter(header_text)
    separator = delimiter.encode()
    if len(separator) != 1 or separator in _SENTINEL + _SPAN_MARK:
        return None
    header_bytes = first[: line_end + 1] if line_end >= 0 else first
    if b'"' in header_bytes and not _quotes_well_formed(header_bytes, delimiter):
        return None
    header = next(csv.reader([header_text], delimiter=delimiter, quotechar='"'))
    reader = _ChunkReader(resolve_layout(header, delimiter, scoring, path), separator)
    total = max(1, os.path.getsize(path))
    done = 0
    chunk: bytes | None = first
    del first
    at_start = True
    while chunk is not None:
        following = next(chunks, None)
        if not reader.add(chunk, at_start, following is None):
            return None
        done += len(chunk)
        if progress is not None:
            progress("reading", min(done, total), total)
        chunk, at_start = following, False
    return reader.result()


class _ChunkReader:
    """Parses and validates the roster a chunk at a time, so temporary columns stay chunk-sized."""

    def __init__(self, layout: RosterLayout, separator: bytes) -> None:
        import polars as pl

        self.layout = layout
        self.separator = separator
        self.width = len(layout.header)
        self.schema = {f"c{index}": pl.String for index in range(self.width + 1)}
        self.frames: list[pl.DataFrame] = []
        self.next_line = 2
        self.points: dict[tuple[int, str], int | None] = {}
        self.formula_like: set[int] = set()

    def add(self, chunk: bytes, at_start: bool, at_end: bool) -> bool:
        frame = self._parse(chunk, at_start, at_end)
        if frame is None:
            return False
        frame = self._convert(frame)
        if frame is None:
            return False
        # one aligned chunk per column: later whole-frame expressions then never copy the frame to align it
        self.frames.append(frame.rechunk())
        return True

    def result(self) -> FrameRead:
        import polars as pl

        frame = pl.concat(self.frames, how="vertical", rechunk=False) if len(self.frames) > 1 else self.frames[0]
        self.frames = []
        plain = frozenset(
            source.index
            for source in self.layout.sources
            if source.band is None and source.index not in self.formula_like
        )
        return FrameRead(self.layout, frame, POINTS_SCALE, plain)

    def _parse(self, chunk: bytes, at_start: bool, at_end: bool) -> pl.DataFrame | None:
        import polars as pl

        if _SENTINEL in chunk:
            return None
        line_end = _line_ends(chunk)
        if line_end is None:
            return None
        if b'"' in chunk and not _quotes_well_formed(chunk, self.separator.decode()):
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
        except Exception:  # any complaint from polars (malformed, not UTF-8, too many fields): csv decides
            return None
        del marked
        if frame.height != lines:
            return None  # a quoted line break: a record spans physical lines
        frame = frame.with_row_index("line", offset=self.next_line)
        self.next_line += lines
        sentinel = _SENTINEL.decode()
        cells = [pl.col(f"c{index}") for index in range(self.width)]
        blank = pl.all_horizontal([(cell.str.len_bytes() == 0) | (cell == sentinel) for cell in cells])
        last = pl.col(f"c{self.width}")
        short, blanks = frame.select(((last != sentinel) & ~blank).any(), blank.any()).row(0)
        if short:
            return None  # a row with too few fields
        if blanks:
            frame = frame.filter(~blank)
        return frame.drop(f"c{self.width}")

    def _convert(self, frame: pl.DataFrame) -> pl.DataFrame | None:
        """Points (and band points, and ARR) as exact integers; None at the first invalid value."""
        import polars as pl

        layout = self.layout
        if frame.select(pl.col(f"c{layout.account}").str.contains(r"^[ \t\u00a0]*$").any()).item():
            return None  # a missing account name
        columns: dict[str, pl.Expr | pl.Series] = {}
        money: dict[int, pl.Series] = {}
        money_columns = {source.index for source in layout.sources if source.band is not None}
        if layout.arr is not None:
            money_columns.add(layout.arr)
        for index in sorted(money_columns):
            micro = _money_micro(frame.get_column(f"c{index}"))
            if micro is None:
                return None
            money[index] = micro
        for source in layout.sources:
            name = f"p_{source.dimension}"
            if source.band is None:
                mapping = self._points_mapping(source.index, frame.get_column(f"c{source.index}"))
                if mapping is None:
                    return None
                columns[name] = pl.col(f"c{source.index}").replace_strict(mapping, return_dtype=pl.Int32)
                # the text is kept for CSV output; few distinct values, so 4 bytes a row instead of 16
                columns[f"c{source.index}"] = pl.col(f"c{source.index}").cast(pl.Categorical)
                continue
            chain: Any = pl
            micro_column = pl.lit(money[source.index])
            for minimum, band_point in source.band.bands:
                scaled = band_point.scaleb(POINTS_SCALE)
                if scaled != scaled.to_integral_value():
                    return None
                chain = chain.when(micro_column >= ceil_scaled(minimum, 6)).then(int(scaled))
            columns[name] = chain.otherwise(None).cast(pl.Int32)
        if layout.arr is not None:
            columns["arr_micro"] = money[layout.arr]
        frame = frame.with_columns(**columns)
        banded = [f"p_{source.dimension}" for source in layout.sources if source.band is not None]
        if banded and frame.select(pl.any_horizontal([pl.col(name).is_null() for name in banded]).any()).item():
            return None  # a band column value below every band, or blank
        return frame

    def _points_mapping(self, index: int, cells: pl.Series) -> dict[str, int] | None:
        mapping: dict[str, int] = {}
        for cell in cells.unique().to_list():
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
                if cell[:1] in "=+-@\t\r":
                    self.formula_like.add(index)
            if scaled is None:
                return None
            mapping[cell] = scaled
        return mapping


def _money_micro(cells: pl.Series) -> pl.Series | None:
    """Money cells as exact integer millionths (null when blank); None when some value is not money.

    Plain ASCII forms are converted column-wise; anything else (Unicode digits or spaces, very long numbers)
    goes through ``values.parse_money`` one distinct value at a time, so both readers agree to the cent.
    """
    import polars as pl

    # `$1,234.5K` → digits 12345, one decimal, suffix K: millionths = 12345 × 10**(6 + 3 - 1)
    valid = cells.str.contains(_MONEY_PATTERN)
    compact = cells.str.replace_all(r"[ \t$€£,]", "")
    shift = compact.str.slice(-1, 1).replace_strict(_SUFFIX_DIGITS, default=0, return_dtype=pl.Int64)
    number = compact.str.strip_chars_end("kKmMbB")
    point = number.str.find(".", literal=True).cast(pl.Int64)
    decimals = (number.str.len_bytes().cast(pl.Int64) - point - 1).fill_null(0)
    digits = number.str.replace(".", "", literal=True)
    exponent = shift - decimals + 6
    # whole millionths below 10**18; anything else is left to parse_money below
    fits = valid & (exponent >= 0) & (digits.str.len_bytes().cast(pl.Int64) + exponent <= 18)
    scale = exponent.replace_strict(_POWERS_OF_TEN, default=0, return_dtype=pl.Int64)
    micro: pl.Series = pl.select(pl.when(fits).then(digits.str.to_integer(strict=False) * scale)).to_series()
    blank = cells.str.contains(r"^[ \t\u00a0]*$")
    others = cells.filter(~fits & ~blank).unique().to_list()
    if others:
        mapping: dict[str, int] = {}
        for cell in others:
            try:
                value = parse_money(cell)
            except ValueError:
                return None
            scaled = value.scaleb(6)
            if scaled != scaled.to_integral_value() or scaled >= 2**63:
                return None
            mapping[cell] = int(scaled)
        fallback = cells.replace_strict(list(mapping), list(mapping.values()), default=None, return_dtype=pl.Int64)
        micro = pl.select(pl.when(fits).then(micro).otherwise(fallback)).to_series()
    result: pl.Series = pl.select(pl.when(blank).then(None).otherwise(micro)).to_series().alias(cells.name)
    return result
