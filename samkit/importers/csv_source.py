"""Activity exports as CSV: Salesforce activity reports, HubSpot activity exports, or any CSV.

Columns are found by header (cli.md), case-insensitive with spaces, hyphens and underscores alike; other
columns are ignored. Rows are streamed, and each carries the physical line it starts on (a quoted cell may
span lines), so a problem is reported where an editor shows it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from samkit.errors import UsageError
from samkit.importers.base import Activity, InvalidRow, ReadSettings

# the spellings each column may have, most specific first: with both `Date` and `Created Date` the
# activity's own `Date` wins
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "account": ("account", "account name", "company", "company name", "associated company"),
    "contact": ("contact", "contact name", "name", "associated contact", "attendee"),
    "email": ("email", "contact email", "email address"),
    "date": ("date", "activity date", "due date", "start", "start date", "created date"),
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
# HubSpot writes an associated contact as `Name (email)`; several associations are joined by `;`
_NAME_AND_EMAIL = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<email>[^()\s]+@[^()\s]+)\)$")
_CSV_FIELD_LIMIT = 1 << 20  # one cell of at most 1 MiB: a runaway quote must not swallow the file quietly


def header_key(text: str) -> str:
    """``Activity-Date`` / ``activity_date`` / `` Activity  Date`` → ``activity date``."""
    return " ".join(re.sub(r"[\s_\-]+", " ", text.strip().lstrip("\ufeff")).split()).casefold()


def find_columns(header: list[str]) -> dict[str, int]:
    """Which column holds each field: the first alias (in ``HEADER_ALIASES`` order) present in ``header``."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        positions.setdefault(header_key(cell), index)
    found: dict[str, int] = {}
    for field, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            if alias in positions:
                found[field] = positions[alias]
                break
    return found


def parse_day(text: str, date_format: str | None) -> date | None:
    """ISO ``YYYY-MM-DD`` (a time after it ignored), else ``date_format``; None when neither reads it."""
    match = _ISO.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if date_format:
        # the whole cell first; then without a time after the date (`2/16/2026 10:00 AM`)
        for candidate in (text, text.split()[0].rstrip(",")):
            try:
                return datetime.strptime(candidate, date_format).date()
            except ValueError:
                continue
    return None


def _people(contact: str, email: str) -> list[tuple[str | None, str | None]]:
    """The (name, email) pairs of one row: HubSpot's `Name (email); Other (email)` is split up."""
    names = [part.strip() for part in contact.split(";")] if contact else [""]
    emails = [part.strip() for part in email.split(";")] if email else [""]
    if len(names) > 1 or len(emails) > 1:
        pairs: list[tuple[str | None, str | None]] = []
        for name in names:
            pairs.extend(_people(name, "") if name else [])
        pairs.extend((None, one) for one in emails if one)
        return pairs
    name, mail = names[0], emails[0]
    both = _NAME_AND_EMAIL.match(name)
    if both and not mail:
        name, mail = both["name"], both["email"]
    return [(name or None, mail or None)] if name or mail else []


class CsvImporter:
    """Any CSV with a date column and a contact or email column."""

    name = "csv"

    def identify(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".csv"

    def extract(self, path: Path, source: str, settings: ReadSettings) -> Iterator[Activity | InvalidRow]:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                yield from self._rows(csv.reader(handle), source, settings)
        except UnicodeDecodeError as error:
            yield InvalidRow(source, None, f"not UTF-8 text ({error.reason} at byte {error.start}); export as UTF-8")
        except csv.Error as error:
            yield InvalidRow(source, None, f"not a readable CSV file: {error}")

    def _rows(
        self, reader: Iterator[list[str]], source: str, settings: ReadSettings
    ) -> Iterator[Activity | InvalidRow]:
        header = next(reader, None)
        if header is None:
            raise UsageError(f"{source}: the file is empty; an activity export starts with a header row")
        columns = find_columns(header)
        missing = [what for what, ok in (("date", "date" in columns),) if not ok]
        if "contact" not in columns and "email" not in columns:
            missing.append("contact or email")
        if missing:
            wanted = " and a ".join(missing)
            raise UsageError(
                f"{source}: no {wanted} column; found {', '.join(repr(cell) for cell in header)}. "
                f"Date headers: {', '.join(HEADER_ALIASES['date'])}; contact: {', '.join(HEADER_ALIASES['contact'])}; "
                f"email: {', '.join(HEADER_ALIASES['email'])}"
            )
        date_at = columns["date"]
        account_at, contact_at, email_at = columns.get("account"), columns.get("contact"), columns.get("email")
        line_num = getattr(reader, "line_num", 1)
        for row in reader:
            line = line_num + 1  # the physical line the row starts on
            line_num = getattr(reader, "line_num", line)
            if not any(cell.strip() for cell in row):
                continue  # blank lines between rows
            cell = row[date_at].strip() if date_at < len(row) else ""
            account = row[account_at].strip() if account_at is not None and account_at < len(row) else ""
            contact = row[contact_at].strip() if contact_at is not None and contact_at < len(row) else ""
            email = row[email_at].strip() if email_at is not None and email_at < len(row) else ""
            people = _people(contact, email)
            if not people:
                yield InvalidRow(source, line, "neither a contact nor an email")
                continue
            if not cell:
                yield InvalidRow(source, line, "no date")
                continue
            day = parse_day(cell, settings.date_format)
            if day is None:
                expected = "YYYY-MM-DD" + (f" or {settings.date_format}" if settings.date_format else "")
                yield InvalidRow(source, line, f"{cell!r} is not a date (expected {expected})")
                continue
            for name, mail in people:
                yield Activity(source, line, day, account or None, name, mail)
