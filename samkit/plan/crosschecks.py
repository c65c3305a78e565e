"""Rules that span items of one plan, checked after the model has validated each item on its own.

Unique stakeholder and opportunity names, unique stakeholder emails and CRM ids, unique team emails (never a
stakeholder's), unique whitespace cells, ``reports_to``
naming a stakeholder of the plan without looping back, and a whitespace cell's ``opportunity`` naming an
opportunity of the plan; on the customer's side, unique objective names, ``customer_owner`` naming a
stakeholder, ``value_delivered.objective`` naming an objective, and ``baseline`` differing from ``target``. Every problem is a SAM002 finding at the value it is about; names compare
case-insensitively and without surrounding spaces, as everywhere in a plan; CRM ids compare by ``crmids.crm_id_key``
(a Salesforce id's 15- and 18-character forms are one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from samkit.findings import SCHEMA, Finding, Severity
from samkit.plan.crmids import crm_id_key

if TYPE_CHECKING:
    from samkit.plan.model import Plan
    from samkit.plan.yamlsafe import Positions

Node = tuple[str | int, ...]
Report = Callable[[Node, str], Finding]


def name_key(name: str) -> str:
    """How two names in a plan are compared: case-insensitive, surrounding spaces ignored."""
    return name.strip().casefold()


def cross_checks(path: str, plan: Plan, positions: Positions) -> list[Finding]:
    def report(node: tuple[str | int, ...], message: str) -> Finding:
        position = positions.of(*node)
        return Finding(path, position.line, position.column, SCHEMA, Severity.ERROR, message)

    findings: list[Finding] = []
    findings += _unique(report, positions, "stakeholders", "name", [person.name for person in plan.stakeholders])
    findings += _unique(report, positions, "opportunities", "name", [item.name for item in plan.opportunities])
    findings += _unique(report, positions, "stakeholders", "email", [person.email for person in plan.stakeholders])
    contact_ids = [person.crm_id for person in plan.stakeholders]
    findings += _unique(report, positions, "stakeholders", "crm_id", contact_ids, crm_id_key)
    findings += _unique(
        report, positions, "opportunities", "crm_id", [item.crm_id for item in plan.opportunities], crm_id_key
    )
    findings += _unique_team_emails(report, positions, plan)
    findings += _unique_cells(report, positions, plan)
    findings += _reporting_lines(report, plan)
    findings += _whitespace_opportunities(report, plan)
    findings += _customer_side(report, positions, plan)
    findings.sort(key=lambda finding: (finding.line, finding.column))
    return findings


def _unique(
    report: Report,
    positions: Positions,
    section: str | tuple[str, ...],
    field: str,
    values: Iterable[str | None],
    key_of: Callable[[str], str] = name_key,
) -> Iterator[Finding]:
    where = (section,) if isinstance(section, str) else section
    dotted = ".".join(where)
    first_seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        key = key_of(value)
        if key not in first_seen:
            first_seen[key] = index
            continue
        earlier = positions.of(*where, first_seen[key], field).line
        noun = "names" if field == "name" else f"{field}s"
        yield report(
            (*where, index, field),
            f"{dotted}.{index}.{field}: {value!r} is already used on line {earlier}; {noun} must be unique",
        )


def _unique_team_emails(report: Report, positions: Positions, plan: Plan) -> Iterator[Finding]:
    """A colleague's address appears once in the team, and is never a stakeholder's (who would be internal)."""
    yield from _unique(report, positions, ("account", "team"), "email", [member.email for member in plan.account.team])
    customers = {name_key(person.email): index for index, person in enumerate(plan.stakeholders) if person.email}
    for index, member in enumerate(plan.account.team):
        if member.email and name_key(member.email) in customers:
            where = positions.of("stakeholders", customers[name_key(member.email)], "email").line
            yield report(
                ("account", "team", index, "email"),
                f"account.team.{index}.email: {member.email!r} is also a stakeholder's email (line {where}); "
                "a team member is one of ours, a stakeholder one of the customer's",
            )


def _unique_cells(report: Report, positions: Positions, plan: Plan) -> Iterator[Finding]:
    first_seen: dict[tuple[str, str], int] = {}
    for index, cell in enumerate(plan.whitespace):
        key = (name_key(cell.unit), name_key(cell.product))
        if key not in first_seen:
            first_seen[key] = index
            continue
        earlier = positions.of("whitespace", first_seen[key], "unit").line
        yield report(
            ("whitespace", index, "unit"),
            f"whitespace.{index}: the cell {cell.unit!r} × {cell.product!r} is already on line {earlier}; "
            "each unit and product pair appears once",
        )


def _did_you_mean(wanted: str, names: list[str]) -> str:
    """``; did you mean 'Lisa Thompson'?`` for a misspelt name (or a first name only one person has)."""
    import difflib

    firsts = [name for name in names if name_key(name).split()[:1] == name_key(wanted).split()]
    if len(firsts) == 1:
        return f"; did you mean {firsts[0]!r}?"
    by_key = {name_key(name): name for name in names}
    close = difflib.get_close_matches(name_key(wanted), list(by_key), n=1, cutoff=0.7)
    return f"; did you mean {by_key[close[0]]!r}?" if close else ""


def _reporting_lines(report: Report, plan: Plan) -> Iterator[Finding]:
    index_of = {name_key(person.name): index for index, person in enumerate(plan.stakeholders)}
    boss_of: dict[int, int] = {}
    for index, person in enumerate(plan.stakeholders):
        boss = person.reports_to
        if boss is None or not boss.strip():
            continue
        node = ("stakeholders", index, "reports_to")
        if name_key(boss) not in index_of:
            yield report(
                node,
                f"stakeholders.{index}.reports_to: {boss!r} is not a stakeholder in this plan"
                + _did_you_mean(boss, [other.name for other in plan.stakeholders]),
            )
        elif index_of[name_key(boss)] == index:
            yield report(node, f"stakeholders.{index}.reports_to: {person.name!r} cannot report to themselves")
        else:
            boss_of[index] = index_of[name_key(boss)]
    yield from _loops(report, plan, boss_of)


def _loops(report: Report, plan: Plan, boss_of: dict[int, int]) -> Iterator[Finding]:
    """Each loop once, reported at the ``reports_to`` of its first member in file order."""
    settled: set[int] = set()
    for start in sorted(boss_of):
        trail: list[int] = []
        current: int | None = start
        while current is not None and current not in settled and current not in trail:
            trail.append(current)
            current = boss_of.get(current)
        if current is not None and current in trail:
            loop = trail[trail.index(current) :]
            first = min(loop)
            ordered = loop[loop.index(first) :] + loop[: loop.index(first)]
            chain = " → ".join(plan.stakeholders[index].name for index in [*ordered, first])
            yield report(
                ("stakeholders", first, "reports_to"), f"stakeholders.{first}.reports_to: reporting loop: {chain}"
            )
        settled.update(trail)


def _whitespace_opportunities(report: Report, plan: Plan) -> Iterator[Finding]:
    cells = [(("whitespace", index, "opportunity"), cell.opportunity) for index, cell in enumerate(plan.whitespace)]
    yield from _unknown_names(report, cells, [opportunity.name for opportunity in plan.opportunities], "an opportunity")


def _unknown_names(
    report: Report, references: Iterable[tuple[Node, str | None]], known: Iterable[str], what: str
) -> Iterator[Finding]:
    """Each reference (a node and the name it gives) whose name is none of ``known``; an empty one names nothing."""
    names = {name_key(name) for name in known}
    for node, name in references:
        if name is not None and name.strip() and name_key(name) not in names:
            where = ".".join(str(part) for part in node)
            yield report(node, f"{where}: {name!r} is not {what} in this plan")


# --- the customer's side (round 3): objectives, milestones, value delivered, shared actions ----------------------


def _customer_side(report: Report, positions: Positions, plan: Plan) -> Iterator[Finding]:
    """Objective names unique; every ``customer_owner`` a stakeholder; every ``value_delivered.objective`` an
    objective; no objective whose ``baseline`` equals its ``target`` (its progress would divide by zero)."""
    yield from _unique(report, positions, "objectives", "name", [objective.name for objective in plan.objectives])
    owners: list[tuple[Node, str | None]] = []
    for index, objective in enumerate(plan.objectives):
        owners.append((("objectives", index, "customer_owner"), objective.customer_owner))
        owners += [
            (("objectives", index, "milestones", step, "customer_owner"), milestone.customer_owner)
            for step, milestone in enumerate(objective.milestones)
        ]
        if objective.baseline is not None and objective.target is not None and objective.baseline == objective.target:
            yield report(
                ("objectives", index, "target"),
                f"objectives.{index}.target: {objective.target} equals the baseline; "
                "a target must differ from where the metric started",
            )
    owners += [
        (("actions", index, "customer_owner"), action.customer_owner) for index, action in enumerate(plan.actions)
    ]
    yield from _unknown_names(report, owners, [person.name for person in plan.stakeholders], "a stakeholder")
    delivered = [
        (("value_delivered", index, "objective"), entry.objective) for index, entry in enumerate(plan.value_delivered)
    ]
    yield from _unknown_names(report, delivered, [objective.name for objective in plan.objectives], "an objective")


class ProgramIds:
    """CRM ids that must be unique across the program (plan-format.md, round 3), gathered plan by plan.

    Only the ids and their positions are kept, so ``validate`` can still drop each plan once it is checked.
    A duplicate is reported at its second place, naming the first (file and line).
    """

    def __init__(self) -> None:
        self._first: dict[tuple[str, str], tuple[str, int]] = {}
        self.findings: list[Finding] = []

    def add(self, path: str, plan: Plan, positions: Positions) -> None:
        places: list[tuple[tuple[str | int, ...], str | None]] = [(("account", "crm_id"), plan.account.crm_id)]
        places += [(("stakeholders", index, "crm_id"), person.crm_id) for index, person in enumerate(plan.stakeholders)]
        places += [(("opportunities", index, "crm_id"), item.crm_id) for index, item in enumerate(plan.opportunities)]
        kinds = {"account": "account", "stakeholders": "contact", "opportunities": "opportunity"}
        for node, value in places:
            if value is None:
                continue
            kind = kinds[str(node[0])]
            position = positions.of(*node)
            first = self._first.setdefault((kind, crm_id_key(value)), (path, position.line))
            if first == (path, position.line):
                continue
            dotted = ".".join(str(part) for part in node)
            self.findings.append(
                Finding(
                    path,
                    position.line,
                    position.column,
                    SCHEMA,
                    Severity.ERROR,
                    f"{dotted}: {kind} crm_id {value!r} is already used at {first[0]}:{first[1]}; "
                    "crm ids must be unique across the program",
                )
            )


class ProgramNames:
    """Account names used by one plan only: ``metrics`` and ``backtest`` match accounts by name (domain.md), so
    two plans naming one account would be one account there, and both are left out of their figures.

    Names compare as everywhere in a plan (``name_key``); a second plan is reported at its ``account.name``,
    naming the first (file and line). Only names and lines are kept, as for ``ProgramIds``.
    """

    def __init__(self) -> None:
        self._first: dict[str, tuple[str, int]] = {}
        self.findings: list[Finding] = []

    def add(self, path: str, plan: Plan, positions: Positions) -> None:
        position = positions.of("account", "name")
        first = self._first.setdefault(name_key(plan.account.name), (path, position.line))
        if first[0] == path:
            return
        message = (
            f"account.name: {plan.account.name!r} is already the account of {first[0]}:{first[1]}; one plan per "
            "account (metrics and backtest match accounts by name and would leave both out)"
        )
        self.findings.append(Finding(path, position.line, position.column, SCHEMA, Severity.ERROR, message))
