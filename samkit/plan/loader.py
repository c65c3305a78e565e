"""Load plan files: bytes → strict YAML with positions → validated ``Plan``, or findings that say where.

Every problem becomes a ``Finding`` at ``path:line:column``: SAM001 for YAML-level problems, SAM002 for
schema problems (pydantic's error location is mapped back to the YAML node it came from).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.errors import UsageError
from samkit.fileio.inputs import InputProblem, is_regular_file, read_input
from samkit.fileio.names import shown_name
from samkit.findings import SCHEMA, SYNTAX, Finding, Severity
from samkit.plan import PLAN_SUFFIXES
from samkit.plan.yamlsafe import MAX_BYTES, Position, Positions, YamlProblem, decode, parse_for_edit, parse_yaml

if TYPE_CHECKING:
    from pydantic import ValidationError

    from samkit.plan.layout import Layout
    from samkit.plan.model import Plan


@dataclass
class LoadedPlan:
    """A plan file after loading: the validated plan (or None) and where every node came from."""

    path: str
    plan: Plan | None
    positions: Positions = field(default_factory=Positions)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    data: Any = None  # the YAML as parsed (plain data), for the writer: it need not parse the text again
    layout: Layout | None = None  # where each node starts and ends, when loaded ``for_edit``

    @property
    def ok(self) -> bool:
        return self.plan is not None

    def where(self, *node: str | int) -> Position:
        return self.positions.of(*node)


def display_path(path: Path) -> str:
    """Paths as the user would type them: relative to the working directory when inside it, else as given."""
    if not path.is_absolute():
        return os.path.normpath(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:  # outside the working directory: ../../ chains would only obscure it
        return str(path)


def discover_plans(paths: Iterable[str | Path], warn: Callable[[str], None] | None = None) -> list[Path]:
    """Files as given, directories searched recursively for *.yaml / *.yml, in a stable order.

    A path that does not exist, or that is neither a regular file nor a directory, is a usage error (exit 2),
    and so is finding no plan at all: a mistyped folder must fail CI, not pass it with nothing checked. A
    sub-folder that cannot be read is skipped with a warning (``warn``; default: a line on stderr).
    """
    found: list[Path] = []
    seen: set[Path] = set()
    given = [Path(raw) for raw in paths]
    for path in given:
        if path.is_dir():
            candidates = _plans_under(path, warn or _warn_on_stderr)
        elif path.is_file():
            candidates = [path]
        elif path.exists():  # a FIFO or a device: reading it could block forever
            raise UsageError(f"{shown_name(path)}: not a regular file or directory")
        else:
            raise UsageError(f"{shown_name(path)}: no such file or directory")
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(candidate)
    if not found:
        where = ", ".join(shown_name(path) for path in given) or "the given paths"
        raise UsageError(f"nothing to check: no plan files (*.yaml, *.yml) in {where}")
    return found


def _plans_under(root: Path, warn: Callable[[str], None]) -> list[Path]:
    """Plan files below ``root`` (hidden files and folders skipped), telling about folders it cannot read."""

    def unreadable(error: OSError) -> None:
        where = shown_name(error.filename if error.filename is not None else root)
        warn(f"{where}: cannot read the folder ({error.strerror or error}); plans in it are not checked")

    plans = []
    for folder, subfolders, files in os.walk(root, onerror=unreadable):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in files:
            path = Path(folder, name)
            if not name.startswith(".") and path.suffix.lower() in PLAN_SUFFIXES and is_regular_file(path):
                plans.append(path)
    return sorted(plans)


def _warn_on_stderr(message: str) -> None:
    print(f"samkit: warning: {message}", file=sys.stderr)


def _finding(path: str, position: Position, code: str, message: str) -> Finding:
    return Finding(path, position.line, position.column, code, Severity.ERROR, message)


def load_text(text_or_bytes: str | bytes, path: str = "<plan>", *, for_edit: bool = False) -> LoadedPlan:
    """Parse and validate one plan given as text or bytes. Never raises for bad input.

    ``for_edit``: the layout the writer splices by is recorded in the same parse (``yamlsafe.parse_for_edit``)
    and kept in ``LoadedPlan.layout``, so that editing this very text later needs no parse of its own.
    """
    layout = None
    try:
        if isinstance(text_or_bytes, str):
            # text from elsewhere (a git blob, a test) obeys the same size limit as a file
            text_or_bytes = text_or_bytes.encode("utf-8", errors="surrogatepass")
        text = decode(text_or_bytes)
        if for_edit:
            data, positions, layout = parse_for_edit(text)
        else:
            data, positions = parse_yaml(text)
    except YamlProblem as problem:
        position = Position(problem.line, problem.column)
        return LoadedPlan(path, None, findings=[_finding(path, position, SYNTAX, problem.message)])
    loaded = load_parsed(text, data, positions, path)
    loaded.layout = layout
    return loaded


def load_parsed(text: str, data: Any, positions: Positions, path: str = "<plan>") -> LoadedPlan:
    """Validate a plan that ``parse_yaml`` has already read from ``text`` (the writer re-checks its result so)."""
    loaded = LoadedPlan(path, None, positions, text=text, data=data)
    if not isinstance(data, dict):
        loaded.findings.append(
            _finding(path, positions.of(), SCHEMA, "a plan is a mapping with an 'account' section at the top level")
        )
        return loaded

    from pydantic import ValidationError

    from samkit.plan.model import Plan

    try:
        plan = Plan.model_validate(data)
    except ValidationError as error:
        loaded.findings.extend(_schema_findings(path, error, positions, data))
        return loaded
    from samkit.plan.crosschecks import cross_checks

    loaded.findings.extend(cross_checks(path, plan, positions))
    if not loaded.findings:
        loaded.plan = plan
    return loaded


def load_plan(path: Path, *, for_edit: bool = False) -> LoadedPlan:
    """Read and validate one plan file. Never raises for bad input. ``for_edit``: see ``load_text``."""
    shown = display_path(path)
    try:
        raw = read_input(path, MAX_BYTES, "plan")
    except InputProblem as problem:
        return unreadable_plan(shown, problem)
    return load_text(raw, shown, for_edit=for_edit)


def unreadable_plan(shown: str, problem: InputProblem) -> LoadedPlan:
    """A plan file that cannot be read (too large, no permission) as a plan that does not load: one finding
    at its first line, as ``validate`` reports it."""
    return LoadedPlan(shown, None, findings=[_finding(shown, Position(1, 1), SYNTAX, problem.finding)])


def _schema_findings(path: str, error: ValidationError, positions: Positions, data: Any) -> list[Finding]:
    findings = []
    for problem in error.errors(include_url=False):
        loc = tuple(part for part in problem["loc"] if isinstance(part, str | int))
        kind = problem["type"]
        where = ".".join(str(part) for part in loc) or "plan"
        if kind == "extra_forbidden":
            position = positions.of_key(*loc)
            message = f"unknown field {where!r}{_suggestion(loc, data)}"
        elif kind == "missing":
            parent_path = loc[:-1]
            # a section (`score:`) is pointed at by its key; a list item by its `- ` line
            named_section = bool(parent_path) and isinstance(parent_path[-1], str)
            position = positions.of_key(*parent_path) if named_section else positions.of(*parent_path)
            parent = ".".join(str(part) for part in parent_path)
            message = f"missing required field {loc[-1]!r}" + (f" in {parent}" if parent else "")
        else:
            position = positions.of(*loc)
            said = _clean_message(problem["msg"])
            empty = _when_empty(said, loc) if problem.get("input", "") is None else None
            message = f"{where}: {empty or _friendly(kind, problem.get('input'), said)}"
        findings.append(_finding(path, position, SCHEMA, message))
    return findings


_EXPECTED = {
    "model_type": "a mapping of fields (indented `key: value` lines)",
    "model_attributes_type": "a mapping of fields (indented `key: value` lines)",
    "dict_type": "a mapping (indented `key: value` lines)",
    "list_type": "a list (lines starting with `- `)",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def _friendly(kind: str, value: Any, message: str) -> str:
    """pydantic's wording names Python types; say what the YAML should look like instead."""
    expected = _EXPECTED.get(kind)
    if expected is None:
        return message
    if value is None:
        return f"expected {expected}, but it is empty"
    shown = "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else _shown(value)
    hint = ""
    if kind == "string_type" and isinstance(value, bool):
        hint = "; put it in quotes to use it as text"
    elif kind == "string_type" and isinstance(value, dict) and len(value) == 1:  # `- Note: call them`
        hint = "; `: ` inside text makes it a `key: value` pair: put the text in quotes"
    return f"expected {expected}, got {shown}{hint}"


# what a value's validator says of None (a key left empty: `value:`), as what to write there instead
_SAID_OF_NONE = (
    re.compile(r"^expected (?P<what>.+), got None$"),  # money, probability, quarters
    re.compile(r"^None is not [^;]+; (?:expected |write )?(?P<what>.+)$"),  # the enums, dates
)


def _when_empty(message: str, loc: tuple[str | int, ...]) -> str | None:
    """``value:`` left empty: "`value:` is empty; write an amount of money like ...", not "... got None"."""
    for said in _SAID_OF_NONE:
        match = said.match(message)
        if match is not None:
            where = f"`{loc[-1]}:`" if loc and isinstance(loc[-1], str) else "the value"
            return f"{where} is empty; write {match['what']}"
    return None


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


def _clean_message(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def _suggestion(loc: tuple[str | int, ...], data: Any) -> str:
    """'did you mean ...' for a misspelt key, from the fields the model does accept there."""
    import difflib  # only a plan with an unknown key pays for it

    from pydantic import BaseModel

    from samkit.plan.model import Plan

    model: Any = Plan
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part)
        if field_info is None:
            return ""
        model = _model_in(field_info.annotation)
        if model is None or not issubclass(model, BaseModel):
            return ""
    options = list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _model_in(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
