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
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from samkit.config import CRM_ACCOUNT_ROLES, CRM_OPPORTUNITY_ROLES
from samkit.errors import UsageError
from samkit.fileio.delimited import RecordError, delimited_rows, quote_left_open
from samkit.fileio.inputs import check_input, not_utf8, workbook_problem
from samkit.importers.base import InvalidRow, empty_export
from samkit.importers.columns import (
    HEADER_ALIASES,
    deleted_column,
    deleted_flag,
    header_key,
    no_such_header,
    not_a_flag,
)
from samkit.importers.csv_source import UNCLOSED_QUOTE, is_footer, starts_like_data


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
# Figures the CRM converted from each record's own currency into its corporate one: a Salesforce multi-currency
# report's `Amount (converted)` (a money field's `... (converted)`), HubSpot's `Amount in company currency`.
# samkit imports money as entered and never converts: such a column is read only when mapped (``crm_columns``).
CONVERTED_ALIASES: dict[str, tuple[str, ...]] = {
    "amount": (
        *(f"{alias} (converted)" for alias in CRM_ALIASES["amount"]),
        "amount in company currency",
        "amount in home currency",
    ),
    "arr": tuple(f"{alias} (converted)" for alias in CRM_ALIASES["arr"]),
}
# the roles each kind of export reads: a mapped role of another kind (``arr`` when reading an opportunity
# export) is not looked for, so one [import.columns] serves every kind of file a program imports
KIND_ROLES: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.OPPORTUNITIES: (*CRM_OPPORTUNITY_ROLES, *_SHARED_ROLES),
    ImportKind.ACCOUNTS: (*CRM_ACCOUNT_ROLES, *_SHARED_ROLES),
}


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
    deleted: list[list[str]] = field(default_factory=list)  # rows marked deleted in the CRM: set aside, unread
    invalid: list[InvalidRow] = field(default_factory=list)  # rows whose deleted flag is neither true nor false

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

    def deleted_ids(self, role: str) -> list[str]:
        """The ``role`` cell (an id) of every row the CRM marks deleted, blanks left out."""
        index = self.at.get(role)
        if index is None:
            return []
        return [cell for values in self.deleted if (cell := values[index].strip())]


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
        with path.open("rb") as handle:
            # the header record, which may go on over lines (a cell "Next<line break>Step" written by a
            # spreadsheet): the file's start, of which the reader takes that record only
            start = handle.read(1 << 20)
        # only the header's names matter here: a byte that is not UTF-8 further on is the reader's to name
        text = io.StringIO(start.decode("utf-8", errors="replace").removeprefix("\ufeff"), newline="")
        header = next(delimited_rows(text), None)
    except (OSError, csv.Error):
        return ImportKind.ACTIVITIES  # the activity reader says what is wrong with it
    return detect_kind(header or [], mapped)


def crm_columns(header: list[str], kind: ImportKind, mapped: Mapping[str, str], source: str) -> dict[str, int]:
    """Each role's column: a mapped header first (one not in the file is a usage error), else a known one."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        positions.setdefault(header_key(cell), index)
    roles = KIND_ROLES[kind]
    found: dict[str, int] = {}
    for role, wanted in mapped.items():
        if role not in roles:
            continue  # an activity role (contact, email, ...) or another kind's: not read from this export
        if header_key(wanted) not in positions:
            raise UsageError(no_such_header(source, role, wanted, header))
        found[role] = positions[header_key(wanted)]
    for role in roles:
        if role in found:
            continue
        for alias in CRM_ALIASES[role]:
            if alias in positions and positions[alias] not in found.values():
                found[role] = positions[alias]
                break
    if kind is ImportKind.ACCOUNTS:
        for role, aliases in (("account", ("name", "company name")), ("account_id", ("record id", "id"))):
            present = [positions[alias] for alias in aliases if alias in positions]
            if role not in found and present:
                found[role] = present[0]
    _money_columns(header, positions, found, kind, mapped, source)
    needed = ("stage",) if kind is ImportKind.OPPORTUNITIES else ("arr", "renewal_date")
    # an opportunity export needs its account too, even with ids: without it a new opportunity has no plan to
    # go to, and a layout samkit does not know would otherwise import only the rows already in the plans
    missing = []
    if not any(role in found for role in needed):
        missing.append(f"no {' or '.join(needed)} column")
    if not {"account", "account_id"} & found.keys():
        missing.append("no account column")
    if missing:
        raise UsageError(
            f"{source}: {' and '.join(missing)}; found "
            + ", ".join(repr(cell.strip().lstrip("\ufeff")) for cell in header)
            + '; map them with --column ROLE=HEADER or [import.columns] ROLE = "HEADER" (docs/imports-crm-money.md)'
        )
    return found


def _money_columns(
    header: list[str],
    positions: Mapping[str, int],
    found: dict[str, int],
    kind: ImportKind,
    mapped: Mapping[str, str],
    source: str,
) -> None:
    """The money column (``amount``, or ``arr``) and its currency. A file whose only money column is one the
    CRM converted between currencies is a ``UsageError`` (its figures are not as entered), unless mapped. The
    currency checked is the money column's own when the file has one (``Amount Currency`` for ``Amount``,
    ``Amount (converted) Currency`` for a mapped ``Amount (converted)``), unless ``currency`` is mapped."""
    role = "amount" if kind is ImportKind.OPPORTUNITIES else "arr"
    if role in found:
        own = f"{header_key(header[found[role]])} currency"
        if "currency" not in mapped and own in positions:
            found["currency"] = positions[own]
        return
    converted = next((cell for cell in header if header_key(cell) in CONVERTED_ALIASES[role]), None)
    if converted is None:
        return
    shown = converted.strip().lstrip("\ufeff")
    entered = re.sub(r"\s*\(converted\)$", "", shown, flags=re.IGNORECASE) if "(" in shown else "Amount"
    what, plural, record = ("amount", "amounts", "opportunity") if role == "amount" else ("ARR", "ARR", "account")
    raise UsageError(
        f"{source}: the only {what} column is {shown!r}, a figure the CRM converted from each {record}'s currency "
        f"into its corporate currency; samkit imports {plural} as entered, and never converts: add the "
        f"{entered!r} column to the export, or take the converted figures by mapping them: "
        f'--column {role}="{shown}" or [import.columns] {role} = "{shown}"'
    )


class UnreadableExport(Exception):
    """An export that cannot be read as text (not UTF-8), or as CSV (a quoted cell never closed): its
    ``InvalidRow``, for the import's error list."""

    def __init__(self, row: InvalidRow) -> None:
        super().__init__(row.message)
        self.row = row


def read_crm_file(path: Path, source: str, kind: ImportKind, mapped: Mapping[str, str]) -> CrmFile:
    """Every data row of an opportunity or account export; an unreadable file is a ``UsageError``."""
    csv.field_size_limit(1 << 20)
    check_input(path)  # missing, a folder, a FIFO or a device: said as for every input (exit 2)
    try:
        with path.open("rb") as raw:  # opened once: its first bytes say whether it is a workbook
            workbook = workbook_problem(raw.read(8), path)
            if workbook is not None:
                raise UsageError(f"{source}: {workbook}")
            raw.seek(0)
            with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle:
                try:
                    return _read(delimited_rows(handle), source, kind, mapped)
                except RecordError as error:
                    where = quote_left_open(handle, error.start)
                    if where is None:
                        raise UsageError(f"{source}: not a readable CSV file: {error}") from None
                    row = InvalidRow(source, where[0], UNCLOSED_QUOTE, where[1], unreadable=True)
                    raise UnreadableExport(row) from None
    except OSError as error:  # unreadable, or gone since the check
        raise UsageError(f"{source}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:  # an input problem, as a row that cannot be read (exit 1), not a usage error
        line, column, message = not_utf8(path)
        raise UnreadableExport(InvalidRow(source, line, message, column, unreadable=True)) from None
    except csv.Error as error:
        raise UsageError(f"{source}: not a readable CSV file: {error}") from None


def _read(reader: Iterator[list[str]], source: str, kind: ImportKind, mapped: Mapping[str, str]) -> CrmFile:
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise RecordError(1, error) from None
    if header is None:
        raise UsageError(empty_export(source))
    at = crm_columns(header, kind, mapped, source)
    columns = {role: header[index].strip().lstrip("\ufeff") for role, index in at.items()}
    result = CrmFile(source, kind, columns, at)
    width = len(header)
    line_num = 1
    data_starts: set[str] = set()  # first cells of full rows known to start data: no footer check again
    lines, values = result.lines, result.values
    try:
        for row in reader:
            line = line_num + 1
            line_num = reader.line_num  # type: ignore[attr-defined]
            if len(row) < width or row[0] not in data_starts:
                if not "".join(row).strip():
                    continue  # a blank line, and the reader's last row (``delimited_rows``)
                if is_footer(row, width):
                    result.footers += 1
                    continue
                if len(row) >= width and starts_like_data(row[0]):
                    data_starts.add(row[0])
                if len(row) < width:  # a short row's missing cells are blank (``column`` reads by position)
                    row += [""] * (width - len(row))
            lines.append(line)
            values.append(row)
    except csv.Error as error:  # in the record after the last one read: a quote left open, an overlong cell
        raise RecordError(line_num + 1, error) from None
    deleted_at = deleted_column(header)
    if deleted_at is not None:
        _set_aside_deleted(result, deleted_at, header[deleted_at])
    return result


def _set_aside_deleted(crm: CrmFile, at: int, header: str) -> None:
    """Move the rows the CRM marks deleted (``IsDeleted`` true: in its recycle bin, or merged into another
    record) out of the rows read; a flag that is neither true nor false is an error of its row (left out too)."""
    lines: list[int] = []
    values: list[list[str]] = []
    for line, row in zip(crm.lines, crm.values, strict=True):
        deleted = deleted_flag(row[at])
        if deleted:
            crm.deleted.append(row)
            continue
        if deleted is None:  # an error: nothing is written, and the row is not matched to add more errors
            crm.invalid.append(InvalidRow(crm.source, line, not_a_flag(header, row[at])))
            continue
        lines.append(line)
        values.append(row)
    crm.lines, crm.values = lines, values
