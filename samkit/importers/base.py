"""What every activity importer provides, after beangulp's importer protocol.

An importer says whether it can read a file (``identify``) and turns it into activities (``extract``);
deduplication against what the plans already know (a later ``last_contact``) is done once, by the caller
(``samkit.importers.apply``), not by each importer. ``extract`` yields rows as it reads them, so an export
of any size is streamed; a row it cannot read is yielded as an ``InvalidRow``, never raised, so that every
bad row of a file is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable


@dataclass(slots=True, unsafe_hash=True)  # not frozen: built once per row, and frozen costs 5x to build
class Activity:
    """One touchpoint with one person: a CSV row (or one contact of it) or one attendee of an event."""

    source: str
    line: int | None  # the physical line a CSV row starts on; None for calendar events
    day: date
    account: str | None
    contact: str | None
    email: str | None
    account_id: str | None = None  # the CRM's account id (`AccountId`), matched against `account.crm_id`
    contact_id: str | None = None  # the CRM's contact id (`WhoId`), matched against `stakeholders[].crm_id`


def empty_export(source: str) -> str:
    """Of an empty file, of whatever kind was meant (nothing in it says which)."""
    return f"{source}: the file is empty; an export starts with a header row"


@dataclass(frozen=True, slots=True)
class InvalidRow:
    """A row that cannot be read; one of these and the import writes nothing."""

    source: str
    line: int | None
    message: str
    column: int | None = None
    unreadable: bool = False  # the file could not be read on from here (not UTF-8): an unreadable file, not a row

    def format_text(self) -> str:
        place = "" if self.line is None else f":{self.line}" if self.column is None else f":{self.line}:{self.column}"
        return f"{self.source}{place}: {self.message}"

    @property
    def whole_file(self) -> bool:
        """A problem of the file, not of one row: it has no line, or the file stops being readable there."""
        return self.line is None or self.unreadable


class Skip(StrEnum):
    """Why a row records no touchpoint with a person of the program; a skip never blocks the import."""

    NO_PERSON = "no person"
    NO_DATE = "no date"
    TWO_DATES = "two start dates"
    BAD_RECURRENCE = "unreadable recurrence"
    NOT_A_CONTACT = "outcome not a contact"
    CANCELLED = "cancelled"
    DECLINED = "declined"
    FOOTER = "report footer or summary line"
    DELETED = "deleted in the CRM"
    INTERNAL = "internal colleague"
    FUTURE = "dated after today"
    DEPARTED = "departed stakeholder"
    UNKNOWN_ACCOUNT = "unknown account"
    UNKNOWN_PERSON = "unknown person"
    AMBIGUOUS = "ambiguous"
    OTHER_ACCOUNT = "stakeholder of another account"
    # a plan does not load and the row may be about its account or people: matching elsewhere would be a guess
    NOT_LOADED = "plan does not load"


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row (or an event) that is read but records no touchpoint; ``detail`` says what was seen."""

    source: str
    line: int | None
    reason: Skip
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """What an importer decided about a whole file: the column used for each role, the date form read."""

    source: str
    columns: dict[str, str]
    date_format: str | None = None  # None: ISO dates (or a calendar)
    detected: bool = False  # the date form was detected from the file, not configured


@dataclass(frozen=True)
class ReadSettings:
    """What an importer may need from the configuration."""

    date_format: str | None = None  # [import] date_format, for exports whose dates are not ISO
    skip_outcomes: frozenset[str] = frozenset()  # outcomes that are not a contact, compared by ``header_key``
    columns: dict[str, str] = field(default_factory=dict)  # role -> header: [import.columns] and --column
    today: date | None = None  # calendars: the latest occurrence on or before this day counts


# what an importer yields: activities, skips and problems in file order, and at most one SourceFacts per file
Extracted = Activity | InvalidRow | SkippedRow | SourceFacts


@runtime_checkable
class Importer(Protocol):
    """A source of activities. Register one with ``samkit.importers.register`` or the
    ``samkit.importers`` entry-point group."""

    name: str

    def identify(self, path: Path, head: bytes) -> bool:
        """Whether this importer reads ``path``; ``head`` is the file's first bytes (up to 4 KiB)."""
        ...

    def extract(self, path: Path, source: str, settings: ReadSettings) -> Iterator[Extracted]:
        """Every activity of the file, in file order; ``source`` is the path as the user gave it.

        Rows that are no touchpoint are yielded as ``SkippedRow`` (counted by reason), unreadable ones as
        ``InvalidRow``; an importer may yield one ``SourceFacts`` saying which columns and date form it used.
        Plain ``Activity | InvalidRow`` importers (round 2) still satisfy the protocol.
        A file that cannot be used at all (a missing column) raises ``samkit.errors.UsageError``.
        """
        ...
