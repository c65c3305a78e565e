"""CRM opportunities into the plans' ``opportunities`` (docs/imports-crm-money.md), one way, field by field.

An opportunity matches by ``crm_id``; one without an id matches by its account and its name (case and
spacing aside), and gets the id written so later runs match by id. Only the CRM's fields are written
(``value``, ``probability``, ``status``, ``closed``, ``close_date``, ``crm_id``, ``kind`` when ``[import.kinds]``
maps the row's type); everything else belongs to the plan. A CRM opportunity of a program account that the
plan lacks is appended; one whose id sits in another account's plan is reported, never moved; one whose id
is missing from the export is reported, never deleted. Accounts are found as activity imports find them
(``PlanIndex.account_of``: crm id, normalised name, aliases).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from samkit.importers.base import InvalidRow, Skip
from samkit.importers.columns import header_key
from samkit.importers.crm_changes import CrmOutcome, CrmSkip, FieldChange, Notice, Value, account_skip
from samkit.importers.crm_rows import Cells, CrmFile, CrmRow
from samkit.importers.crm_values import FileForms, ValueProblem, amount_of, check_currency, day_of, probability_of
from samkit.importers.matching import PlanIndex
from samkit.importers.plan_style import money_like, probability_like
from samkit.importers.stages import Stage, StageMap
from samkit.plan.contacts import person_key
from samkit.plan.crmids import crm_id_key, key_probe
from samkit.plan.crosschecks import name_key
from samkit.plan.enums import OpportunityKind, OpportunityStatus
from samkit.plan.model import Opportunity, Plan
from samkit.plan.newitem import AppendMapping
from samkit.plan.textedit import SetKey

_T = TypeVar("_T")
_UNDECIDED: Any = object()  # an account not looked up yet (None is a decision: the row names no account)
# where a key the opportunity lacks goes: after the first of these it has (the plan format's order)
_ORDER = (
    "name",
    "description",
    "value",
    "kind",
    "timeframe",
    "probability",
    "status",
    "closed",
    "crm_id",
    "close_date",
)
ACCOUNT_ORDER = ("name", "industry", "manager", "executive_sponsor", "tier", "arr", "status", "renewal_date")


def after(key: str, order: Sequence[str] = _ORDER) -> tuple[str, ...]:
    """The keys a new ``key`` goes after, nearest first."""
    return tuple(reversed(order[: order.index(key)]))


_AFTER = {key: after(key) for key in _ORDER}  # an import places thousands of keys: each order worked out once


@dataclass(frozen=True)
class Settings:
    stages: StageMap
    kinds: Mapping[str, OpportunityKind]  # header_key(CRM type) -> kind
    currency: str


@dataclass
class PlanSide:
    """One loaded plan as the import sees it: path, plan, the parsed YAML (for value spellings)."""

    path: str
    plan: Plan
    data: Any


def account_of(
    index: PlanIndex, row: CrmRow, cache: dict[tuple[str | None, str | None], int | Skip | None]
) -> int | Skip | None:
    """The plan the row's account is, found exactly as activity rows find theirs."""
    return plan_of_account(index, row.cells.get("account"), row.cells.get("account_id"), cache)


def plan_of_account(
    index: PlanIndex,
    account: str | None,
    account_id: str | None,
    cache: dict[tuple[str | None, str | None], int | Skip | None],
) -> int | Skip | None:
    """``account_of`` for a row's account and account id cells (stripped, None when blank)."""
    key = (account, account_id)
    if key not in cache:
        found = index.account_named(account, account_id)
        if found is Skip.UNKNOWN_ACCOUNT and index.unloaded and index.of_unloaded(account, account_id):
            found = Skip.NOT_LOADED  # the account of a plan that does not load, as far as it reads
        cache[key] = found
    return cache[key]


def account_id_edit(outcome: CrmOutcome, side: PlanSide, row: CrmRow, index: PlanIndex, number: int) -> None:
    """``account.crm_id`` written, once per plan and run, from the first row that carries the id the run
    learned for it (``PlanIndex.learn_account_ids``), so later runs match the account by id."""
    learned = index.learned.get(number)
    account_id = row.cells.get("account_id")
    if learned is None or account_id is None or crm_id_key(account_id) != crm_id_key(learned):
        return
    del index.learned[number]  # written once
    edit = SetKey(("account",), "crm_id", learned, after=("aliases", "team", *reversed(ACCOUNT_ORDER)))
    outcome.change(FieldChange(side.path, side.plan.account.name, None, "crm_id", None, learned), edit)


def import_opportunities(
    files: Sequence[tuple[CrmFile, FileForms]], sides: Sequence[PlanSide], index: PlanIndex, settings: Settings
) -> CrmOutcome:
    """Every change the exports ask of the plans; errors (``outcome.invalid``) mean nothing is written."""
    run = _OpportunityImport(sides, index, settings)
    chosen = [(crm, forms, list(run.rows_to_read(crm))) for crm, forms in files]
    run.set_aside_named_twice(chosen)
    for crm, forms, numbers in chosen:
        run.read_file(crm, forms, numbers)
    if any(crm.lines or crm.deleted for crm, _ in files):  # exports of no rows (a report that came out empty)
        run.report_missing()  # say nothing of what is in the CRM: every opportunity would be "not in the export"
    return run.outcome


class _OpportunityImport:
    """The state of one import: the plans' opportunities by id and by name, and what was seen so far."""

    def __init__(self, sides: Sequence[PlanSide], index: PlanIndex, settings: Settings) -> None:
        self.sides, self.index, self.settings = sides, index, settings
        self.outcome = CrmOutcome()
        self.by_id: dict[str, tuple[int, int]] = {}
        self.by_name: dict[tuple[int, str], int] = {}
        for number, side in enumerate(sides):
            for position, item in enumerate(side.plan.opportunities):
                if item.crm_id:
                    self.by_id.setdefault(crm_id_key(item.crm_id), (number, position))
                else:
                    self.by_name.setdefault((number, person_key(item.name)), position)
        self.seen: dict[str, tuple[str, int]] = {}
        self.read_as: dict[str, tuple[Any, ...]] = {}  # what the first row of an id said: a repeat may agree
        self.named_once: set[str] = set()  # opportunities without an id given so far, by plan and name
        self.named_twice: dict[tuple[int, str], bool] = {}  # ``set_aside_named_twice``'s, and whether reported
        self.accounts: dict[tuple[str | None, str | None], int | Skip | None] = {}
        self.values: dict[tuple[Callable[..., Any], str], Any] = {}  # cells read, of the file being read
        self.names_taken: dict[int, set[str]] = {}  # of a plan that gains opportunities: its names, as compared
        self.deleted: set[str] = set()  # the id keys of rows the CRM marks deleted

    def read_file(self, crm: CrmFile, forms: FileForms, numbers: Sequence[int]) -> None:
        """The rows ``numbers`` (``rows_to_read``) of one export; a row that cannot be read is an error
        (``outcome.invalid``)."""
        self.outcome.rows += len(crm.lines)
        self.deleted.update(crm_id_key(crm_id) for crm_id in crm.deleted_ids("opportunity_id"))
        self.values = {}  # each file its own forms: a cell's text is read anew
        for number in numbers:
            row = crm.row(number)
            try:
                self.row(crm.source, row, forms)
            except ValueProblem as problem:
                self.outcome.invalid.append(InvalidRow(crm.source, row.line, str(problem)))

    def _read(self, reader: Callable[[str, FileForms], _T], text: str | None, forms: FileForms) -> _T | None:
        """A cell read once per distinct text: an export repeats a few amounts, dates and probabilities."""
        if text is None:
            return None
        key = (reader, text)
        if key not in self.values:
            self.values[key] = reader(text, forms)
        found: _T = self.values[key]
        return found

    def rows_to_read(self, crm: CrmFile) -> Iterator[int]:
        """The numbers of the rows ``row`` must read; the others, of accounts outside the program whose
        opportunity id no plan has, are counted as skipped here on their three cells as read (a whole-org
        export is mostly such rows: each costs a few look-ups, decided once per distinct account cells)."""
        decided: dict[tuple[str, str], int | Skip | None] = {}
        skipped = self.outcome.skipped
        by_id = self.by_id
        probes = {key_probe(key) for key in by_id}  # most rows' ids are none of these: no key worked out for them
        cells = zip(crm.column("account"), crm.column("account_id"), crm.column("opportunity_id"), strict=True)
        for number, (account, account_id, crm_id) in enumerate(cells):
            found = decided.get((account, account_id), _UNDECIDED)
            if found is _UNDECIDED:
                stripped = (account.strip() or None, account_id.strip() or None)
                found = decided[account, account_id] = plan_of_account(self.index, *stripped, self.accounts)
            if type(found) is int or (key_probe(crm_id) in probes and crm_id_key(crm_id) in by_id):
                yield number  # a program account's row, or an opportunity the program has: read whole
            else:
                skipped[account_skip(found)] += 1

    def report_missing(self) -> None:
        """Open opportunities whose id the export no longer has: reported, never deleted."""
        for key, (number, position) in self.by_id.items():
            if key in self.seen:
                continue
            side = self.sides[number]
            item = side.plan.opportunities[position]
            if item.status is OpportunityStatus.OPEN:
                gone = "was deleted in the CRM" if key in self.deleted else "is not in the export"
                message = f"crm id {item.crm_id} {gone}; kept (close or remove it in the plan)"
                self.outcome.notices.append(Notice(side.path, side.plan.account.name, item.name, message))

    def _stage(self, cells: Cells) -> Stage:
        check_currency(cells.get("currency"), self.settings.currency)
        stage_name = cells.get("stage") or ""
        stage = self.settings.stages.get(stage_name) if stage_name else None
        if stage is None:
            raise ValueProblem(
                f"stage {stage_name or '(empty)'!r} is not known; map it in samkit.toml: [import.stages] "
                f'"{stage_name or "STAGE"}" = "open" (or "won", "lost")'
            )
        return stage

    def _plan_of(self, row: CrmRow, existing: tuple[int, int] | None) -> int | None:
        found = account_of(self.index, row, self.accounts)
        if found is None and existing is not None:
            return existing[0]  # Opportunity.csv without an AccountId still finds its plan by the id
        if isinstance(found, Skip) or found is None:
            self.outcome.skipped[account_skip(found)] += 1
            return None
        if self.sides[found].plan.account.churned:
            self.outcome.skipped[CrmSkip.CHURNED] += 1
            return None
        return found

    def _values(
        self, cells: Cells, forms: FileForms
    ) -> tuple[Stage, Decimal | None, Decimal | None, date | None, OpportunityKind | None]:
        """What a row says of its opportunity, read in the file's forms; ``ValueProblem`` for a cell that
        cannot be read (or a currency other than the program's)."""
        stage = self._stage(cells)
        amount = self._read(amount_of, cells.get("amount"), forms)
        if "probability" in cells:
            probability = self._read(probability_of, cells["probability"], forms)
        else:
            probability = stage.probability
        close = self._read(day_of, cells.get("close_date"), forms)
        kind = self.settings.kinds.get(header_key(cells["type"])) if "type" in cells else None
        return stage, amount, probability, close, kind

    def row(self, source: str, row: CrmRow, forms: FileForms) -> None:
        cells = row.cells
        crm_id = cells.get("opportunity_id")
        id_key = crm_id_key(crm_id) if crm_id else None
        existing = self.by_id.get(id_key) if id_key else None
        found = self._plan_of(row, existing)
        if found is None:  # a row of an account outside the program: counted, its values never read
            if existing is not None and id_key and id_key not in self.seen:  # reported once, not per repeat
                self.seen[id_key] = (source, row.line)
                other = self.sides[existing[0]]
                where = cells.get("account") or cells.get("account_id")
                message = f"the CRM has crm id {crm_id} under {where}, outside the program; not moved"
                moved = other.plan.opportunities[existing[1]].name
                self.outcome.notices.append(Notice(other.path, other.plan.account.name, moved, message))
            return
        name = cells.get("opportunity")
        if not id_key and name and (twice := (found, person_key(name))) in self.named_twice:
            self._named_twice(twice, name)
            return
        stage, amount, probability, close, kind = self._values(cells, forms)
        said = (found, name, stage.status, amount, probability, close, kind)
        if self._repeated(row, id_key, said, (source, row.line)):
            return
        side = self.sides[found]
        if existing is not None and existing[0] != found:
            other = self.sides[existing[0]]
            message = (
                f"the CRM has crm id {crm_id} under {side.plan.account.name} ({side.path}); "
                "not moved: move it by hand if the CRM is right"
            )
            moved = other.plan.opportunities[existing[1]].name
            self.outcome.notices.append(Notice(other.path, other.plan.account.name, moved, message))
            self.outcome.skipped[CrmSkip.MOVED] += 1
            return
        account_id_edit(self.outcome, side, row, self.index, found)
        position = existing[1] if existing is not None else None
        if position is None and name:
            position = self.by_name.pop((found, person_key(name)), None)
        if position is not None:
            _update(self.outcome, side, position, (amount, probability, stage, close, crm_id, kind))
        elif not name:
            self.outcome.skipped[CrmSkip.NO_NAME] += 1
        elif probability is None:
            self.outcome.skipped[CrmSkip.NO_PROBABILITY] += 1
        elif amount is None:
            self.outcome.skipped[CrmSkip.NO_AMOUNT] += 1
        elif (written := self._new_name(found, name, crm_id)) is None:
            self.outcome.skipped[CrmSkip.SAME_NAME] += 1
        else:
            if written != name:
                message = (
                    f"the CRM names it {name!r}, as another opportunity of the plan is named; added as {written!r} "
                    "(rename it as you like: its crm id keeps matching it)"
                )
                self.outcome.notices.append(Notice(side.path, side.plan.account.name, written, message))
            _append(self.outcome, side, written, amount, probability, stage, close, crm_id, kind)

    def _repeated(self, row: CrmRow, id_key: str | None, said: tuple[Any, ...], where: tuple[str, int]) -> bool:
        """Whether this row repeats an opportunity an earlier row gave with the same values (counted, not read
        again); ``ValueProblem`` when it gives an id with other values. Without an id an opportunity is known
        by its account and name (rows of one name with other values are set aside before: ``named_twice``)."""
        plan, name = said[0], said[1]
        if id_key is None:
            if not name:
                return False
            key = f"{plan}\0{person_key(name)}"
            repeated = key in self.named_once
            self.named_once.add(key)
            if repeated:
                self.outcome.skipped[CrmSkip.REPEATED] += 1
            return repeated
        if id_key not in self.seen:
            self.seen[id_key], self.read_as[id_key] = where, said
            return False
        if self.read_as[id_key] == said:  # a report of opportunities with products: a row each
            self.outcome.skipped[CrmSkip.REPEATED] += 1
            return True
        source, line = self.seen[id_key]
        crm_id = row.cells.get("opportunity_id")
        raise ValueProblem(f"opportunity id {crm_id!r} appears twice, with other values (first at {source}:{line})")

    def set_aside_named_twice(self, chosen: Sequence[tuple[CrmFile, FileForms, list[int]]]) -> None:
        """The opportunities that rows without an id give twice under one account and name, with other values
        (a "Renewal" each year, in a report without the id column): which of them the plan's is, or whether
        they are one, nothing tells; none of their rows is imported (``row`` counts and reports them)."""
        given: dict[tuple[int, str], set[tuple[Any, ...]]] = {}
        for crm, forms, numbers in chosen:
            self.values = {}  # each file its own forms
            for number in numbers:
                cells = crm.row(number).cells
                name = cells.get("opportunity")
                if cells.get("opportunity_id") or not name:
                    continue
                plan = plan_of_account(self.index, cells.get("account"), cells.get("account_id"), self.accounts)
                if type(plan) is not int:
                    continue
                try:  # compared as read: `1,200.00` and `1200`, `40` and `40%` say the same
                    stage, *rest = self._values(cells, forms)
                    said: tuple[Any, ...] = (stage.status, *rest)
                except ValueProblem:  # an error when ``row`` reads it (nothing is written): not set aside
                    continue
                given.setdefault((plan, person_key(name)), set()).add(said)
        self.named_twice = {key: False for key, said in given.items() if len(said) > 1}

    def _named_twice(self, key: tuple[int, str], name: str) -> None:
        self.outcome.skipped[CrmSkip.NAMED_TWICE] += 1
        if not self.named_twice[key]:  # said once per opportunity, however many rows
            self.named_twice[key] = True
            side = self.sides[key[0]]
            message = (
                f"the export has rows named {name!r} for this account with other values and no opportunity id; "
                "none was imported: add the opportunity id column to the export"
            )
            self.outcome.notices.append(Notice(side.path, side.plan.account.name, name, message))

    def _new_name(self, plan: int, name: str, crm_id: str | None) -> str | None:
        """The name a new opportunity is added under: the CRM's, unless the plan (or this run) has it already
        (plan names are unique; a CRM's are not: a "Renewal" every year). Then, with a crm id, the name and the
        id (the id matches it from then on); without one, None: nothing would tell the two apart next time."""
        taken = self.names_taken.get(plan)
        if taken is None:
            taken = self.names_taken[plan] = {name_key(item.name) for item in self.sides[plan].plan.opportunities}
        written = name
        if name_key(name) in taken:
            if not crm_id:
                return None
            written = f"{name} ({crm_id})"
            number = 2
            while name_key(written) in taken:
                written, number = f"{name} ({crm_id}, {number})", number + 1
        taken.add(name_key(written))
        return written


_Wanted = tuple[Decimal | None, Decimal | None, Stage, date | None, str | None, OpportunityKind | None]


def _update(outcome: CrmOutcome, side: PlanSide, position: int, wanted_values: _Wanted) -> None:
    """The CRM-owned fields of one plan opportunity that differ from the export's row."""
    amount, probability, stage, close, crm_id, kind = wanted_values
    item: Opportunity = side.plan.opportunities[position]
    raw = side.data["opportunities"][position]
    wanted: list[tuple[str, Value, Value, Any]] = []  # field, old, new, as written
    if amount is not None and amount != item.value:
        wanted.append(("value", item.value, amount, money_like(amount, raw.get("value"))))
    if probability is not None and probability != item.probability:
        written = probability_like(probability, raw.get("probability"))
        wanted.append(("probability", item.probability, probability, written))
    if stage.status is not item.status:
        wanted.append(("status", item.status.value, stage.status.value, stage.status.value))
    if stage.status is not OpportunityStatus.OPEN and close is not None and item.closed != close:
        wanted.append(("closed", item.closed, close, close))
    if crm_id and item.crm_id is None:
        wanted.append(("crm_id", None, crm_id, crm_id))
    if close is not None and item.close_date != close:
        wanted.append(("close_date", item.close_date, close, close))
    if kind is not None and kind is not item.kind:
        wanted.append(("kind", item.kind.value, kind.value, kind.value))
    for key, old, new, written in wanted:
        change = FieldChange(side.path, side.plan.account.name, item.name, key, old, new)
        outcome.change(change, SetKey(("opportunities", position), key, written, after=_AFTER[key]))


def _append(
    outcome: CrmOutcome,
    side: PlanSide,
    name: str,
    amount: Decimal,
    probability: Decimal,
    stage: Stage,
    close: date | None,
    crm_id: str | None,
    kind: OpportunityKind | None,
) -> None:
    """A CRM opportunity the plan lacks, spelt like the plan's first opportunity."""
    sample = side.data.get("opportunities") or [{}]
    sample = sample[0] if isinstance(sample, list) and isinstance(sample[0], dict) else {}
    fields: list[tuple[str, Any]] = [
        ("name", name),
        ("value", money_like(amount, sample.get("value"))),
        ("kind", (kind or OpportunityKind.RECURRING).value),
        ("probability", probability_like(probability, sample.get("probability"))),
        ("status", stage.status.value),
    ]
    if stage.status is not OpportunityStatus.OPEN and close is not None:
        fields.append(("closed", close))
    fields += [("crm_id", crm_id)] if crm_id else []
    fields += [("close_date", close)] if close is not None else []
    edit = AppendMapping(("opportunities",), tuple(fields))
    outcome.added += 1
    outcome.change(FieldChange(side.path, side.plan.account.name, name, "added", None, amount), edit)
