"""The roster file and its header: encoding, delimiter, and which column holds what (``RosterLayout``)."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from samkit.config import DIMENSIONS, ScoringConfig
from samkit.errors import UsageError
from samkit.fileio.inputs import read_input
from samkit.plan.values import normalize_enum_text
from samkit.roster.cells import BLANK, DimensionSource, is_blank

ACCOUNT_HEADERS: tuple[str, ...] = ("account", "account_name", "name")
ARR_HEADERS: tuple[str, ...] = ("arr", "annual_recurring_revenue")
MAX_ROSTER_BYTES = 1024**3  # 1 GiB, some 12 million rows: more is a mistake (or /dev/zero), not a roster

# (stage, done, total): lets the CLI draw a progress bar without the core knowing about terminals
ProgressCallback = Callable[[str, int, int], None]


class RosterError(UsageError):
    """The roster cannot be read at all (no header, a missing or duplicate column, undecodable): exit 2."""


@dataclass(frozen=True)
class RosterLayout:
    header: tuple[str, ...]
    delimiter: str
    account: int
    sources: tuple[DimensionSource, ...]
    arr: int | None
    header_line: int = 1
    currency: str | None = None  # the program's: a money cell's sign must be its (None: any sign)

    def label(self, index: int) -> str:
        return self.header[index].strip(BLANK)


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


def _as_written(dimension: str, header: Sequence[str]) -> str:
    """A dimension named the way this header writes its columns: ``Market Influence`` beside ``Current
    Revenue``, ``market-influence`` beside ``current-revenue``, ``market_influence`` otherwise."""
    cells = [cell.strip(BLANK) for cell in header]
    words = dimension.split("_")
    if any(" " in cell for cell in cells):
        titled = any(cell[:1].isupper() for cell in cells if " " in cell)
        return repr(" ".join(word.capitalize() if titled else word for word in words))
    if any("-" in cell for cell in cells):
        return repr("-".join(words))
    return repr(dimension)


def _closest(dimension: str, spare: Sequence[str]) -> str:
    """`` (did you mean 'Market Influnce'?)`` when a column nothing else uses looks like the dimension."""
    import difflib

    by_key = {normalize_enum_text(cell): cell for cell in spare}
    close = difflib.get_close_matches(dimension, list(by_key), n=1, cutoff=0.75)
    return f" (did you mean {by_key[close[0]]!r}?)" if close else ""


def resolve_layout(
    header: Sequence[str],
    delimiter: str,
    scoring: ScoringConfig,
    path: str,
    line: int = 1,
    currency: str | None = None,
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
    used = {seen[name] for name in ACCOUNT_HEADERS + ARR_HEADERS if name in seen}
    used |= {seen[name] for name in DIMENSIONS if name in seen}
    spare = [cell.strip(BLANK) for index, cell in enumerate(header) if index not in used and cell.strip(BLANK)]
    for dimension in DIMENSIONS:
        band = scoring.bands.get(dimension)
        wanted = normalize_enum_text(band.column) if band is not None else dimension
        if wanted not in seen:
            if band is not None:
                missing.append(f"{band.column!r} (the band column for {dimension})")
            else:
                missing.append(_as_written(dimension, header) + _closest(dimension, spare))
            continue
        sources.append(DimensionSource(dimension, seen[wanted], header[seen[wanted]].strip(BLANK), band))
    if missing or account is None:
        plural = "s" if len(missing) > 1 else ""
        found = ", ".join(repr(cell.strip(BLANK)) for cell in header)
        raise RosterError(f"{path}:{line}: missing column{plural}: {', '.join(missing)}; the header has {found}")
    arr = next((seen[name] for name in ARR_HEADERS if name in seen), None)
    return RosterLayout(tuple(header), delimiter, account, tuple(sources), arr, line, currency)


def codec_name(encoding: str | None) -> str:
    if encoding is None:
        return "utf-8"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {encoding!r} (for example utf-8, cp1252, latin-1)") from None


def read_bytes(path: str) -> bytes:
    return read_input(path, MAX_ROSTER_BYTES, "roster")


def decode_text(data: bytes, codec: str, path: str) -> str:
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


def content_line(text: str) -> str:
    """The first line with something besides spaces and delimiters: the header, for delimiter detection."""
    for line in io.StringIO(text, newline=""):
        if not is_blank(line.replace(",", "").replace(";", "").strip("\r\n")):
            return line
    return ""
