"""The columnar reader has two passes — the whole file at once, or chunk by chunk (files over
``WHOLE_FILE_MAX_BYTES``, other encodings, or whatever the whole-file pass cannot vouch for): tests run both."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from samkit.roster import chunks, columnar, wholefile

PASSES = ("whole", "chunked")


@contextlib.contextmanager
def columnar_pass(name: str, *, small: bool = False) -> Iterator[None]:
    """Only the named pass; ``small`` makes its chunks (or slices) a few rows, so that rows cross them."""
    with pytest.MonkeyPatch.context() as patch:
        if name == "chunked":
            patch.setattr(wholefile, "WHOLE_FILE_MAX_BYTES", -1)
            if small:
                patch.setattr(chunks, "CHUNK_BYTES", 4096)
        elif small:
            patch.setattr(columnar, "_MONEY_PARTS", 3)
        yield
