"""What every activity importer provides, after beangulp's importer protocol.

An importer says whether it can read a file (``identify``) and turns it into activities (``extract``);
deduplication against what the plans already know (a later ``last_contact``) is done once, by the caller
(``samkit.importers.apply``), not by each importer. ``extract`` yields rows as it reads them, so an export
of any size is streamed; a row it cannot read is yielded as an ``InvalidRow``, never raised, so that every
bad row of a file is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Activity:
    """One touchpoint with one person: a CSV row (or one contact of it) or one attendee of an event."""

    source: str
    line: int | None  # the physical line a CSV row starts on; None for calendar events
    day: date
    account: str | None
    contact: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class InvalidRow:
    """A row that cannot be read; one of these and the import writes nothing."""

    source: str
    line: int | None
    message: str

    def format_text(self) -> str:
        return (
            f"{self.source}:{self.line}: {self.message}" if self.line is not None else f"{self.source}: {self.message}"
        )


@dataclass(frozen=True)
class ReadSettings:
    """What an importer may need from the configuration."""

    date_format: str | None = None  # [import] date_format, for exports whose dates are not ISO


@runtime_checkable
class Importer(Protocol):
    """A source of activities. Register one with ``samkit.importers.register`` or the
    ``samkit.importers`` entry-point group."""

    name: str

    def identify(self, path: Path, head: bytes) -> bool:
        """Whether this importer reads ``path``; ``head`` is the file's first bytes (up to 4 KiB)."""
        ...

    def extract(self, path: Path, source: str, settings: ReadSettings) -> Iterator[Activity | InvalidRow]:
        """Every activity of the file, in file order; ``source`` is the path as the user gave it.

        A file that cannot be used at all (a missing column) raises ``samkit.errors.UsageError``.
        """
        ...
