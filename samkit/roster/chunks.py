"""The columnar reader's input: a roster file as UTF-8 pieces of about 8 MB that end at a line end."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import Any

from samkit.errors import UsageError
from samkit.roster.declines import step_aside
from samkit.roster.layout import read_bytes

CHUNK_BYTES = 1 << 23


def utf8_chunks(path: str, codec: str) -> Iterator[bytes] | None:
    """The file as UTF-8 in pieces of about 8 MB that end at a line end (the BOM removed); None if the file
    is not in its encoding (the Python reader then says where)."""
    if codec not in ("utf-8", "utf-8-sig"):
        try:
            data = read_bytes(path).decode(codec).removeprefix("\ufeff").encode("utf-8")
        except UnicodeError:
            step_aside(f"not {codec} throughout")
            return None
        return split_lines(io.BytesIO(data))
    return file_chunks(path)


def head(path: str) -> Iterator[bytes] | None:
    """The start of the file, its header line whole if that fits in 64 KiB (the BOM removed); None when
    the header line is longer (the chunked pass reads it)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        raise UsageError(f"{path}: cannot read") from None
    head = head.removeprefix(codecs.BOM_UTF8)
    if b"\n" not in head and len(head) >= (1 << 16) - len(codecs.BOM_UTF8):
        return None
    return iter([head])


def file_chunks(path: str) -> Iterator[bytes]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the generator below
    except OSError:
        raise UsageError(f"{path}: cannot read") from None

    def chunks() -> Iterator[bytes]:
        with handle:
            yield from split_lines(handle)

    return chunks()


def split_lines(handle: io.BufferedIOBase | io.BytesIO | Any) -> Iterator[bytes]:
    rest = b""
    first = True
    while True:
        block = handle.read(CHUNK_BYTES)
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
