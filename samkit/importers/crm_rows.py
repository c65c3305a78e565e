"""Opportunity and account exports read into rows: which kind a file is, and each role's cell.

The same reading as activity exports: headers compared with ``columns.header_key``, mapped by
``[import.columns]`` / ``--column``, a UTF-8 BOM and CRLF accepted, blank lines and report footers skipped
(``csv_source.is_footer``), each row carrying the physical line it starts on. Known layouts: Salesforce
Opportunity reports (``Opportunity Name``, ``Stage``, ``Amount``, ``Probability (%)``, ``Close Date``),
Salesforce Data Export ``Opportunity.csv`` (``Id``, ``AccountId``, ``StageName``, ``CloseDate``,
``CurrencyIsoCode``), HubSpot deal exports (``Record ID``, ``Deal Name``, ``Deal Stage``, ``Associated
Company``) and account exports with an ARR column (HubSpot's ``Annual recurring revenue``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from samkit.config import CRM_COLUMN_ROLES
from samkit.errors import UsageError
from samkit.fileio.delimited import delimited_rows
from samkit.importers.columns import HEADER_ALIASES, header_key
from samkit.importers.csv_source import is_footer, starts_like_data


class ImportKind(StrEnum):
    ACTIVITIES = "activities"
    OPPORTUNITIES = "opportunities"
    ACCOUNTS = "accounts"


# the spellings of each role in opportunity and account exports, most specific first
CRM_ALIASES: dict[str, tuple[str, ...]] = {
    "opportunity": ("opportunity name", "opportunityname", "deal name", "name"),
    "opportunity_id": ("opportunity id", "opportunity 18 digit id", "opportunityid", "deal id", "record id", "id"),
    "stage": ("stage", "stagename", "stage name", "deal stage", "opportunity stage"),
    "amount": ("amount", "deal amount", "opportunity amount"),
    "probability": ("probability (%)", "probability", "deal probability", "probability %"),
    "close_date": ("close date", "closedate", "expected close date"),
    "type": ("type", "opportunity type", "deal type"),
    "currency": (
        "currencyisocode",
        "opportunity currency",
        "currency",
        "amount currency",
        "currency code",
        "deal currency code",
    ),
    "arr": ("annual recurring revenue", "arr"),
    "renewal_date": ("renewal date", "contract end date"),
    "account": HEADER_ALIASES["account"],
    "account_id": HEADER_ALIASES["account_id"],
}
_SHARED_ROLES = ("account", "account_id")


class Cells:
    """A row's cells by role, read when asked (most rows of a whole-org export are skipped after two)."""

    __slots__ = ("_at", "_values")

    def __init__(self, values: list[str], at: Mapping[str, int]) -> None:
        self._values, self._at = values, at

    def get(self, role: str, default: str | None = None) -> str | None:
        """The role's cell, stripped; ``default`` when the file has no such column or the cell is blank."""
        index = self._at.get(role)
        if index is None or index >= len(self._values):
            return default
        return self._values[index].strip() or default

    def __contains__(self, role: object) -> bool:
        return isinstance(role, str) and self.get(role) is not None

    def __getitem__(self, role: str) -> str:
        found = self.get(role)
        if found is None:
            raise KeyError(role)
        return found


@dataclass(frozen=True, slots=True)
class CrmRow:
    """One data row: its physical line and the cell of each role the file has (stripped; blank is absent)."""

    line: int
    cells: Cells


@dataclass
class CrmFile:
    """A whole export: its kind, the header used for each role, its rows and how many footer lines it had.

    The rows are kept as read (``lines``, ``values``: each at least as wide as the header) and made ``CrmRow``s
    only when asked (``rows``, ``row``): most rows of a whole-org export are skipped on two cells
    (``column``), never made into more than the list the CSV reader gave.
    """

    source: str
    kind: ImportKind
    columns: dict[str, str]
    at: dict[str, int] = field(default_factory=dict)  # each role's column number
    lines: list[int] = field(default_factory=list)
    values: list[list[str]] = field(default_factory=list)
    footers: int = 0

    @property
    def rows(self) -> list[CrmRow]:
        return [CrmRow(line, Cells(values, self.at)) for line, values in zip(self.lines, self.values, strict=True)]

    def row(self, number: int) -> CrmRow:
        return CrmRow(self.lines[number], Cells(self.values[number], self.at))

    def column(self, role: str) -> list[str]:
        """Every row's cell of ``role`` as read (not stripped); blanks when the file has no such column."""
        index = self.at.get(role)
        if index is None:
            return [""] * len(self.values)
        return [values[index] for values in self.values]


def detect_kind(header: list[str], mapped: Mapping[str, str] | None = None) -> ImportKind:
    """Opportunities when there is a stage column, accounts when there is an ARR column, else activities."""
    keys = {header_key(cell) for cell in header}
    mapped_keys = {role for role, wanted in (mapped or {}).items() if header_key(wanted) in keys}
    if "stage" in mapped_keys or keys & set(CRM_ALIASES["stage"]):
        return ImportKind.OPPORTUNITIES
    if mapped_keys & {"arr", "renewal_date"} or keys & {*CRM_ALIASES["arr"], *CRM_ALIASES["renewal_date"]}:
        return ImportKind.ACCOUNTS
    return ImportKind.ACTIVITIES


def file_kind(path: Path, mapped: Mapping[str, str] | None = None) -> ImportKind:
    """The kind of a CSV export from its header row (a calendar, or a file without one, is activities)."""
    if path.suffix.lower() != ".csv":
        return ImportKind.ACTIVITIES
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(delimited_rows(handle), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return ImportKind.ACTIVITIES  # the activity reader says what is wrong with it
    return detect_kind(header or [], mapped)


def crm_columns(header: list[str], kind: ImportKind, mapped: Mapping[str, str], source: str) -> dict[str, int]:
    """Each role's column: a mapped header first (one not in the file is a usage error), else a known one."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        positions.setdefault(header_key(cell), index)
    found: dict[str, int] = {}
    for role, wanted in mapped.items():
        if role not in CRM_COLUMN_ROLES and role not in _SHARED_ROLES:
            continue  # an activity role (contact, email, ...): not read from this kind of export
        if header_key(wanted) not in positions:
            found_headers = ", ".join(repr(cell.strip().lstrip("\ufeff")) for cell in header)
            raise UsageError(f"{source}: --column {role}={wanted}: no such header; found {found_headers}")
        found[role] = positions[header_key(wanted)]
    for role, aliases in CRM_ALIASES.items():
        if role in found:
            continue
        if kind is ImportKind.ACCOUNTS and role in ("opportunity", "opportunity_id"):
            continue  # an account export's `Name` and `Record ID` are the account's
        for alias in aliases:
            if alias in positions and positions[alias] not in found.values():
                found[role] = positions[alias]
                break
    if kind is ImportKind.ACCOUNTS:
        for role, aliases in (("account", ("name", "company name")), ("account_id", ("record id", "id"))):
            present = [positions[alias] for alias in aliases if alias in positions]
            if role not in found and present:
                found[role] = present[0]
    needed = ("stage",) if kind is ImportKind.OPPORTUNITIES else ("arr", "renewal_date")
    if not any(role in found for role in needed) or not {"account", "account_id", "opportunity_id"} & found.keys():
        raise UsageError(
            f"{source}: no {' or '.join(needed)} column, or no account column; found "
            + ", ".join(repr(cell.strip().lstrip("\ufeff")) for cell in header)
            + '; map them with --column ROLE=HEADER or [import.columns] ROLE = "HEADER" (docs/imports-crm-money.md)'
        )
    return found


def read_crm_file(path: Path, source: str, kind: ImportKind, mapped: Mapping[str, str]) -> CrmFile:
    """Every data row of an opportunity or account export; an unreadable file is a ``UsageError``."""
    csv.field_size_limit(1 << 20)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return _read(delimited_rows(handle), source, kind, mapped)
    except UnicodeDecodeError as error:
        raise UsageError(f"{source}: not UTF-8 text ({error.reason} at byte {error.start}); export as UTF-8") from None
    except csv.Error as error:
        raise UsageError(f"{source}: not a readable CSV file: {error}") from None


def _read(reader: Iterator[list[str]], source: str, kind: ImportKind, mapped: Mapping[str, str]) -> CrmFile:
    header = next(reader, None)
    if header is None:
        raise UsageError(f"{source}: the file is empty; an export starts with a header row")
    at = crm_columns(header, kind, mapped, source)
    columns = {role: header[index].strip().lstrip("\ufeff") for role, index in at.items()}
    result = CrmFile(source, kind, columns, at)
    width = len(header)
    line_num = 1
    data_starts: set[str] = set()  # first cells of full rows known to start data: no footer check again
    lines, values = result.lines, result.values
    for row in reader:
        line = line_num + 1
        line_num = reader.line_num  # type: ignore[attr-defined]
        if len(row) < width or row[0] not in data_starts:
            if not "".join(row).strip():
                continue
            if is_footer(row, width):
                result.footers += 1
                continue
            if len(row) >= width and starts_like_data(row[0]):
                data_starts.add(row[0])
            if len(row) < width:  # a short row's missing cells are blank (``column`` reads by position)
                row += [""] * (width - len(row))
        lines.append(line)
        values.append(row)
    return result
