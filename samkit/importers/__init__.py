"""Reading customer activity (CRM exports, calendars) into plans' ``last_contact`` dates.

The registry is an ordered list: the first importer whose ``identify`` accepts a file reads it. A team adds
its own source by calling ``register`` or, without changing samkit, by naming an object that satisfies
``samkit.importers.base.Importer`` in the ``samkit.importers`` entry-point group of its package::

    [project.entry-points."samkit.importers"]
    gong = "ourteam.samkit_gong:GongImporter"
"""

from __future__ import annotations

from pathlib import Path

from samkit.errors import UsageError
from samkit.fileio.inputs import check_input, workbook_problem
from samkit.importers.base import Activity, Importer, InvalidRow, ReadSettings
from samkit.importers.csv_source import CsvImporter
from samkit.importers.ics_source import IcsImporter

__all__ = ["IMPORTERS", "Activity", "Importer", "InvalidRow", "ReadSettings", "importer_for", "register"]

IMPORTERS: list[Importer] = [IcsImporter(), CsvImporter()]
ENTRY_POINT_GROUP = "samkit.importers"
_plugins_loaded = False


def register(importer: Importer, *, first: bool = True) -> None:
    """Add an importer; ``first`` lets it claim files before the built-in ones do."""
    if not isinstance(importer, Importer):
        raise TypeError(f"{importer!r} has no name, identify() and extract()")
    IMPORTERS.insert(0, importer) if first else IMPORTERS.append(importer)


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            found = entry.load()
            register(found() if isinstance(found, type) else found)
        except Exception as error:  # a broken plugin is the environment's problem: say which, exit 2
            raise UsageError(f"importer plugin {entry.name!r} ({entry.value}) cannot be loaded: {error}") from None


def importer_for(path: Path) -> Importer:
    """The importer that reads ``path``; a file none of them reads is a usage error."""
    _load_plugins()
    check_input(path)  # a FIFO or a device would block or never end; a folder is not an export
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None
    workbook = workbook_problem(head, path)
    if workbook is not None:
        raise UsageError(f"{path}: {workbook}")
    for importer in IMPORTERS:
        if importer.identify(path, head):
            return importer
    names = ", ".join(importer.name for importer in IMPORTERS)
    raise UsageError(f"{path}: not a file samkit can import (importers: {names}); name exports *.csv, calendars *.ics")
