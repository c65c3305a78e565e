"""The one way samkit opens an input file: regular files only, size-capped before reading.

A FIFO would block ``open`` forever, ``/dev/zero`` would be read until memory runs out, a directory or
an unreadable file would surface as a bare ``OSError``. ``read_input`` opens without blocking, looks at
what it opened (``fstat`` on the descriptor, so nothing can be swapped in between), refuses anything that
is not a regular file, refuses a file over the caller's limit before reading it, and never reads more than
the limit even if the file grows meanwhile. Every refusal is an ``InputProblem`` (a ``UsageError``: exit 2)
whose ``reason`` reads without the path, so a loader can turn it into a finding instead.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from samkit.errors import UsageError
from samkit.fileio.names import shown_name

MiB = 1024 * 1024


class InputProblem(UsageError):
    """An input that cannot be read: ``str(problem)`` is ``path: reason``."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{shown_name(path)}: {reason}")
        self.path = os.fspath(path)
        self.reason = reason

    @property
    def finding(self) -> str:
        """The reason as a finding's message: ``cannot read the file: it is a directory, not a file``."""
        return f"cannot read the file: {'it ' if self.reason.startswith('is ') else ''}{self.reason}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file; reading it could wait forever"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EISDIR:
        return "is a directory, not a file"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return f"cannot read the file: {error.strerror or error}"


def check_input(path: str | os.PathLike[str]) -> None:
    """Refuse (``InputProblem``) a path that exists but is not a regular file, without opening it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise InputProblem(path, _reason(error)) from None
    if not stat.S_ISREG(mode):
        raise InputProblem(path, _kind(mode))


def read_input(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; ``InputProblem`` otherwise.

    ``what`` names the file in the size message: "plans are limited to 1 MiB".
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise InputProblem(path, _reason(error)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputProblem(path, _kind(info.st_mode))
        if info.st_size > limit:
            raise InputProblem(path, _too_big(info.st_size, limit, what))
        chunks = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(limit + 1 - total, MiB) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise InputProblem(path, _reason(error)) from None
    finally:
        os.close(descriptor)
    if total > limit:  # it grew while being read
        raise InputProblem(path, _too_big(total, limit, what))
    return b"".join(chunks)


def read_input_text(path: str | os.PathLike[str], limit: int, what: str = "file") -> str:
    """``read_input`` decoded as UTF-8 (a BOM is dropped); not UTF-8 is an ``InputProblem`` too."""
    raw = read_input(path, limit, what)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise InputProblem(path, f"line {line}: not UTF-8 text; save it as UTF-8") from None


# the first bytes of a spreadsheet's own file: a zip (.xlsx, .ods, .numbers) or an OLE compound file (.xls)
_WORKBOOK_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def workbook_problem(head: bytes, name: str | os.PathLike[str] = "") -> str | None:
    """What to say of a file that starts like a spreadsheet workbook rather than text (CRMs export both:
    HubSpot's default is XLSX), or None. Renaming such a file to .csv does not make it one. A ``.zip``
    (HubSpot sends a large export zipped) has a workbook's first bytes: its name tells the two apart."""
    if not head.startswith(_WORKBOOK_STARTS):
        return None
    if os.fspath(name).lower().endswith(".zip"):
        return "a zip archive, not CSV text; unzip it and use the CSV file inside"
    return 'a spreadsheet workbook, not CSV text; export it as CSV, or save it as "CSV UTF-8"'


def check_not_workbook(path: str | os.PathLike[str]) -> None:
    """Refuse (``InputProblem``) a CSV input that is a spreadsheet workbook (``workbook_problem``)."""
    try:
        with open(path, "rb") as handle:
            problem = workbook_problem(handle.read(8), path)
    except OSError as error:
        raise InputProblem(path, _reason(error)) from None
    if problem is not None:
        raise InputProblem(path, problem)


class _LinePlace:
    """Line and column reached in a text read piece by piece, with line ends as the csv module reads them
    (``newline=""``): ``\\r\\n``, a lone ``\\r`` (Excel for Mac's "CSV") and ``\\n``, each one line end."""

    def __init__(self) -> None:
        self.line, self.column = 1, 0  # column: characters since the last line end
        self.after_cr = False  # the text so far ends with \r: a \n next ends no second line

    def advance(self, text: str) -> None:
        if not text:
            return
        ends = text.count("\n") + text.count("\r") - text.count("\r\n")
        if self.after_cr and text.startswith("\n"):
            ends -= 1
        self.line += ends
        last_end = max(text.rfind("\n"), text.rfind("\r"))
        self.column = len(text) - last_end - 1 if last_end >= 0 else self.column + len(text)
        self.after_cr = text.endswith("\r")


def first_non_utf8(path: str | os.PathLike[str]) -> tuple[int, int, int] | None:
    """Where a file first stops being UTF-8: its line, column (in characters, from 1, a leading BOM not
    counted) and the byte; None when it is UTF-8 throughout. For a streamed reader's error, whose position
    counts from the chunk it was decoding, never from the file: the file is read again, a chunk at a time."""
    import codecs

    place = _LinePlace()
    pending = b""  # the bytes of a character split between two chunks
    with open(path, "rb") as handle:
        chunk = handle.read(MiB).removeprefix(codecs.BOM_UTF8)  # no character of the text
        while True:
            data = pending + chunk
            try:
                text, consumed = codecs.utf_8_decode(data, "strict", not chunk)
            except UnicodeDecodeError as error:
                place.advance(data[: error.start].decode("utf-8"))  # valid up to there
                return place.line, place.column + 1, data[error.start]
            place.advance(text)
            pending = data[consumed:]
            if not chunk:
                return None
            chunk = handle.read(MiB)


# How YAML 1.2 (section 5.2) tells encodings apart: a byte order mark, or the NULs around an ASCII first character.
_WIDE_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def wide_encoding(raw: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when ``raw`` is text in one of them (Windows tools save it), else None."""
    for signature, name in _WIDE_SIGNATURES:
        if raw.startswith(signature):
            return name
    head = raw[:4]
    if len(head) == 4 and ((head[0] and not any(head[1:])) or (head[3] and not any(head[:3]))):
        return "UTF-32"
    if len(head) >= 2 and bool(head[0]) != bool(head[1]):
        return "UTF-16"
    return None


def not_utf8(path: str | os.PathLike[str]) -> tuple[int | None, int | None, str]:
    """Of a CSV export that is not UTF-8: the line and column where it stops being so, and what to say."""
    advice = 'save the export as UTF-8 (a spreadsheet\'s "CSV UTF-8")'
    try:
        with open(path, "rb") as handle:
            wide = wide_encoding(handle.read(4))
        where = None if wide else first_non_utf8(path)
    except OSError:  # gone or unreadable since it was opened: the message without a place
        wide = where = None
    if wide is not None:  # a spreadsheet's "Unicode text": every other byte is 0, the first one would be named
        return None, None, f"{wide} text, not UTF-8; {advice}"
    if where is None:  # changed since it failed to decode
        return None, None, f"not UTF-8 text; {advice}"
    line, column, byte = where
    return line, column, f"not UTF-8 text (byte 0x{byte:02x}); {advice}"


def _too_big(size: int, limit: int, what: str) -> str:
    return f"is {size:,} bytes; {what} files are limited to {_amount(limit)}"


def _amount(limit: int) -> str:
    return f"{limit // MiB} MiB" if limit % MiB == 0 else f"{limit:,} bytes"


def is_regular_file(path: str | os.PathLike[str]) -> bool:
    try:
        return stat.S_ISREG(Path(path).stat().st_mode)
    except OSError:
        return False
