"""Reading and validating a roster CSV (the package's entry point; the seams: ``cells``, ``layout``,
``csvreader``, ``columnar``): one account a row, points per dimension (or a raw column and bands).

Two readers give the same answer. The columnar reader (polars, imported only inside it, so only when a roster
is read) takes the common case of a well-formed file; it first proves the file is plain enough to read with
certainty — one record a physical line, quotes only around whole fields, no ragged row, every value valid —
and declines anything else. The pure-Python ``csv`` reader then reads it and reports every bad row by its
physical line (the header being line 1, blank lines counted). Both parse every cell with the same functions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from samkit.config import ScoringConfig
from samkit.fileio.inputs import check_input, check_not_workbook
from samkit.roster.cells import BLANK, POINTS_RANGE, RowProblem, ceil_scaled, parse_arr, parse_points, weight_scale
from samkit.roster.columnar import FrameRead, read_frame
from samkit.roster.csvreader import RosterRow, RowsRead, read_rows
from samkit.roster.layout import (
    ProgressCallback,
    RosterError,
    RosterLayout,
    codec_name,
    decode_text,
    parse_delimiter,
    read_bytes,
)

__all__ = [  # the roster reading API, whichever module of the package defines it
    "BLANK",
    "COLUMNAR_MIN_BYTES",
    "POINTS_RANGE",
    "Engine",
    "FrameRead",
    "ProgressCallback",
    "RosterError",
    "RosterLayout",
    "RosterRead",
    "RosterRow",
    "RowProblem",
    "RowsRead",
    "ceil_scaled",
    "parse_arr",
    "parse_delimiter",
    "parse_points",
    "read_roster",
    "weight_scale",
]

COLUMNAR_MIN_BYTES = 1_000_000  # about 12,000 rows

Engine = Literal["auto", "python", "polars"]
RosterRead = RowsRead | FrameRead


# ---------------------------------------------------------------------------------------------- reading


def read_roster(
    path: str | Path,
    scoring: ScoringConfig,
    delimiter: str | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
    progress: ProgressCallback | None = None,
    currency: str | None = None,
) -> RosterRead:
    """Read and validate a roster.

    Raises ``UsageError`` (exit 2) when the roster cannot be read at all; invalid rows come back as problems
    (exit 1). ``auto`` uses the columnar reader for rosters of ``COLUMNAR_MIN_BYTES`` or more (below that,
    importing polars costs more than it saves); ``python`` never touches polars; ``polars`` fails instead of
    falling back (for tests).
    """
    name = str(path)
    check_input(name)  # a FIFO would block the columnar reader, a device never end
    check_not_workbook(name)  # an .xlsx is no encoding of text: --encoding would not help
    codec = codec_name(encoding)
    forced = parse_delimiter(delimiter)
    if engine == "polars" or (engine == "auto" and _size(name) >= COLUMNAR_MIN_BYTES):
        fast = read_frame(name, codec, forced, scoring, progress, currency)
        if fast is not None:
            return fast
        if engine == "polars":
            raise RuntimeError(f"{name}: the columnar reader declined this roster")
    return read_rows(decode_text(read_bytes(name), codec, name), forced, scoring, name, progress, currency)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # reading it will say what is wrong
