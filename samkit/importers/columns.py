"""Which column of an export holds each role: by header, or as ``[import.columns]`` / ``--column`` map them.

Headers compare case-insensitively with spaces, hyphens, underscores and slashes alike (``Company /
Account`` is ``company account``). The spellings cover Salesforce reports (en_US, en_GB), Salesforce Data
Export files (``Task.csv``, ``Event.csv``: ``WhoId``, ``AccountId``, ``ActivityDate``) and HubSpot exports of
meetings, calls and emails. A record's creation date (``Created Date``, ``Create Date``) is when someone
typed it into the CRM, never when the customer was met: it is not a date column, even when mapped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from samkit.config import IMPORT_COLUMN_ROLES
from samkit.errors import UsageError

# the spellings each role may have, most specific first: with both `Date` and `Start Date`, `Date` wins
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "account": (
        "account",
        "account name",
        "company account",
        "company",
        "company name",
        "associated company",
        "associated company name",
        "associated company (primary)",  # HubSpot's exports since primary associations: one company each
    ),
    "account_id": (
        "accountid",
        "account id",
        "company id",
        "associated company id",
        "associated company ids",
        "associated company id (primary)",
        "associated company ids (primary)",
        "account 18 digit id",
    ),
    "contact": (
        "contact",
        "contact name",
        "name",
        "associated contact",
        "associated contact name",
        "attendee",
        "attendee name",
    ),
    "contact_id": ("whoid", "who id", "contactid", "contact id", "associated contact id"),
    "email": ("email", "contact email", "email address", "attendee email", "associated contact email"),
    "date": (
        "date",
        "activity date",
        "activitydate",
        "due date",
        "start",
        "start date",
        "start time",
        "start date time",
        "startdatetime",
        "activitydatetime",
        "activity date time",
        "meeting start time",
        "call date",
        "email send date",
    ),
    "outcome": (
        "outcome",
        "meeting outcome",
        "call outcome",
        "call status",
        "status",
        "task status",
        "activity status",
    ),
}
# record-keeping dates: when the row was typed, changed or closed in the CRM, never a touchpoint
RECORD_DATES = frozenset(
    {
        "created date",
        "create date",
        "createddate",
        "created",
        "created at",
        "last modified date",
        "lastmodifieddate",
        "last modified",
        "systemmodstamp",
    }
)
ROLES = IMPORT_COLUMN_ROLES
# Salesforce's soft-delete flag. Data Loader's "Export All" (a query of all rows) writes the records in the
# recycle bin and those merged into another, with `IsDeleted` true: they are no longer in the CRM, so such a
# row is skipped, never imported. Not a mappable role: the header is Salesforce's field name in every such file.
DELETED_HEADERS = frozenset({"isdeleted", "is deleted"})
_FLAGS = dict.fromkeys(("true", "t", "1", "yes", "y"), True) | dict.fromkeys(("false", "f", "0", "no", "n", ""), False)


def header_key(text: str) -> str:
    """``Activity-Date`` / ``activity_date`` / `` Activity  Date`` / ``Company / Account`` → words, casefolded."""
    return " ".join(re.sub(r"[\s_\-/]+", " ", text.strip().lstrip("\ufeff")).split()).casefold()


def deleted_column(header: list[str]) -> int | None:
    """The column of the CRM's soft-delete flag (``IsDeleted``), or None when the file has none."""
    return next((index for index, cell in enumerate(header) if header_key(cell) in DELETED_HEADERS), None)


def deleted_flag(cell: str) -> bool | None:
    """Whether a row's ``IsDeleted`` cell marks it deleted (``true``, ``TRUE`` as a spreadsheet saves it, ``t``,
    ``1``, ``yes``, ``y``); blank, ``false``, ``f``, ``0``, ``no``, ``n`` is not; None for a cell that is neither
    (``not_a_flag`` says so)."""
    return _FLAGS.get(cell.strip().casefold())


def not_a_flag(header: str, cell: str) -> str:
    name = header.strip().lstrip("\ufeff")
    return f"{name} {cell.strip()!r} is neither true nor false (true: the row was deleted in the CRM)"


def find_columns(header: list[str], mapped: Mapping[str, str] | None = None, source: str = "") -> dict[str, int]:
    """Which column holds each role: a mapped header first, else the first alias present in ``header``.

    A mapped header that is not in the file, a record-creation date as the date, or no date and no person
    column is a ``UsageError`` listing the headers seen and how to map them (only with ``source`` given:
    without it, the caller only asks which columns there are).
    """
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        positions.setdefault(header_key(cell), index)
    found: dict[str, int] = {}
    for role, wanted in (mapped or {}).items():
        if header_key(wanted) not in positions:
            raise UsageError(
                no_such_header(source, role, wanted, header) if source else f"no header {wanted!r} for {role}"
            )
        found[role] = positions[header_key(wanted)]
    for role, aliases in HEADER_ALIASES.items():
        if role in found:
            continue
        for alias in aliases:
            if alias in positions and positions[alias] not in found.values():
                found[role] = positions[alias]
                break
    if source:
        _check(header, found, source)
    return found


def _check(header: list[str], found: dict[str, int], source: str) -> None:
    if "date" in found and header_key(header[found["date"]]) in RECORD_DATES:
        raise UsageError(
            f"{source}: {header[found['date']].strip()!r} is when the record was created or changed in the CRM, "
            "not when the customer was met; map the activity's own date: --column date=HEADER"
        )
    missing = [] if "date" in found else ["date"]
    if not {"contact", "email", "contact_id"} & found.keys():
        missing.append("contact, email or contact id")
    if not missing:
        return
    record = [cell.strip() for cell in header if header_key(cell) in RECORD_DATES]
    hint = f" ({', '.join(repr(cell) for cell in record)}: record dates, never a touchpoint)" if record else ""
    raise UsageError(
        f"{source}: no {' and no '.join(missing)} column{hint}; found {_listed(header)}. "
        'Map them with --column ROLE=HEADER or [import.columns] ROLE = "HEADER" '
        f"(roles: {', '.join(ROLES)}); see docs/imports.md for the headers samkit knows"
    )


def no_such_header(source: str, role: str, wanted: str, header: list[str]) -> str:
    """A mapped header the file lacks; the map is samkit.toml's and the command line's, merged."""
    return (
        f"{source}: column {role} = {wanted!r} (--column or [import.columns]): no such header; found {_listed(header)}"
    )


def _listed(header: list[str]) -> str:
    return ", ".join(repr(cell.strip().lstrip("\ufeff")) for cell in header)
