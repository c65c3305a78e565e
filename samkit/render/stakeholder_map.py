"""The shape of the Mermaid stakeholder map in ``plan.md.j2``: an org chart laid out by reporting lines.

``flowchart TB`` from each top person down, whatever the departments, so the C-suite sits above their reports
and no reporting line crosses a department box. The department is a class (a fill colour, and a line of the
label) rather than a subgraph. People with neither a manager nor reports in the map are gathered in one
subgraph per department ("Finance: no reporting line in the map"), which no line enters. To keep a big map
legible at a page's width (GitHub's, about 900px), no rank is allowed to grow much wider than ``BAND`` boxes:
a manager's reports who have no reports of their own are stacked two abreast, and the subtrees of a manager's
reports (and the separate trees and groups of the account) are laid out in bands of at most ``BAND`` boxes'
width, each band pushed under the one before. Both are invisible ``~~~`` links (``stacks``), which Mermaid
uses for placement only. Node ids follow the plan's order (``s1`` is the first stakeholder) so a diagram
changes only where the plan does.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samkit.plan.model import Plan, Stakeholder

# light fills (dark text stays legible on each), one per department in order of first appearance; more
# departments than colours repeat them (the department is also a line of every label)
DEPARTMENT_FILLS = ("#dbeafe", "#ffedd5", "#cffafe", "#f3e8ff", "#fef9c3", "#fce7f3", "#ecfccb", "#e2e8f0")
NO_DEPARTMENT_FILL = "#f8fafc"
STACK_FROM = 3  # a manager's childless reports are stacked from this many on
COLUMNS = 2  # how many abreast a stack or a group is
BAND = 3  # boxes: the widest a band of subtrees may be (GitHub's width at a legible scale)


@dataclass(frozen=True)
class MapNode:
    """One stakeholder in the Mermaid map: its node id (``s1`` ...) and the stakeholder."""

    id: str
    person: Stakeholder


@dataclass(frozen=True)
class MapDepartment:
    """A department as a Mermaid class (``dept1`` ...): its fill and the nodes it colours."""

    id: str
    name: str | None  # None: no department recorded
    fill: str
    node_ids: list[str]


@dataclass(frozen=True)
class MapGroup:
    """The people of one department with no reporting line in the map, drawn as one subgraph."""

    id: str
    department: str | None
    nodes: list[MapNode]


@dataclass(frozen=True)
class StakeholderMap:
    nodes: list[MapNode]  # everyone on a reporting line, in plan order
    groups: list[MapGroup]  # everyone else, by department
    departments: list[MapDepartment]
    edges: list[tuple[str, str]]  # (manager's node, report's node): the reporting lines
    stacks: list[tuple[str, str]]  # invisible links: the second node one rank under the first


def stakeholder_map(plan: Plan) -> StakeholderMap:
    """The reporting lines of ``plan`` (names matched as the loader does: case and surrounding space do not
    matter), its departments (first-seen order, case-insensitive) and its people grouped as described above."""
    everyone = [MapNode(f"s{index}", person) for index, person in enumerate(plan.stakeholders, 1)]
    by_name: dict[str, MapNode] = {}
    for node in everyone:
        by_name.setdefault(node.person.name.strip().casefold(), node)
    edges: list[tuple[str, str]] = []
    reports: dict[str, list[str]] = {}
    for node in everyone:
        boss = node.person.reports_to
        manager = by_name.get(boss.strip().casefold()) if boss is not None else None
        if manager is not None and manager.id != node.id:
            edges.append((manager.id, node.id))
            reports.setdefault(manager.id, []).append(node.id)
    linked = {node_id for edge in edges for node_id in edge}

    departments: dict[str, MapDepartment] = {}
    department_of: dict[str, MapDepartment] = {}
    for node in everyone:
        name = (node.person.department or "").strip()
        key = name.casefold()
        if key not in departments:
            fill = DEPARTMENT_FILLS[len(departments) % len(DEPARTMENT_FILLS)] if name else NO_DEPARTMENT_FILL
            departments[key] = MapDepartment(f"dept{len(departments) + 1}", name or None, fill, [])
        departments[key].node_ids.append(node.id)
        department_of[node.id] = departments[key]

    grouped: dict[str, list[MapNode]] = {}
    for node in everyone:
        if node.id not in linked:
            grouped.setdefault(department_of[node.id].id, []).append(node)
    groups = [
        MapGroup(f"g{number}", department_of[members[0].id].name, members)
        for number, members in enumerate(grouped.values(), 1)
    ]

    managed = {report for _, report in edges}  # built once: a set per stakeholder made big maps quadratic
    roots = [node.id for node in everyone if node.id in linked and node.id not in managed]
    stacks = _Packer(reports).pack(roots, groups)
    nodes = [node for node in everyone if node.id in linked]
    return StakeholderMap(nodes, groups, list(departments.values()), edges, stacks)


def _stacked(ids: list[str]) -> list[tuple[str, str]]:
    """Invisible links that put ``ids`` in ``COLUMNS`` columns, each one a rank under the one before."""
    return [(ids[index - COLUMNS], ids[index]) for index in range(COLUMNS, len(ids))]


@dataclass(frozen=True)
class _Shape:
    """A placed subtree or group: its top (what a link into it points at), width in boxes, height in ranks,
    and its lowest node (what a link under it starts from)."""

    top: str
    width: int
    height: int
    bottom: str


class _Packer:
    """Works out the invisible links bottom-up, without recursion (a long reporting chain is deep)."""

    def __init__(self, reports: dict[str, list[str]]) -> None:
        self.reports = reports
        self.links: list[tuple[str, str]] = []

    def pack(self, roots: list[str], groups: list[MapGroup]) -> list[tuple[str, str]]:
        order: list[str] = []
        seen: set[str] = set()
        stack = list(reversed(roots))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            order.append(node)
            stack.extend(reversed(self.reports.get(node, [])))
        shapes: dict[str, _Shape] = {}
        for node in reversed(order):
            kids = [kid for kid in self.reports.get(node, []) if kid in shapes and kid != node]
            shapes[node] = self._shape(node, [shapes.pop(kid) for kid in kids])
        items = [shapes[root] for root in roots if root in shapes]
        for group in groups:
            ids = [member.id for member in group.nodes]
            self.links += _stacked(ids)
            rows = -(-len(ids) // COLUMNS)
            items.append(_Shape(group.id, min(len(ids), COLUMNS), rows + 1, ids[-1]))
        self._bands(items)
        return self.links

    def _shape(self, node: str, kids: list[_Shape]) -> _Shape:
        if not kids:
            return _Shape(node, 1, 1, node)
        if len(kids) >= STACK_FROM and all(kid.top == kid.bottom for kid in kids):
            ids = [kid.top for kid in kids]
            self.links += _stacked(ids)
            return _Shape(node, COLUMNS, 1 + -(-len(ids) // COLUMNS), ids[-1])
        bands = self._bands(kids)
        width = max(sum(kid.width for kid in band) for band in bands)
        height = 1 + sum(max(kid.height for kid in band) for band in bands)
        return _Shape(node, max(1, width), height, max(bands[-1], key=lambda kid: kid.height).bottom)

    def _bands(self, items: list[_Shape]) -> list[list[_Shape]]:
        """``items`` side by side in bands no wider than ``BAND`` (an item wider than that alone), each band
        linked under the lowest node of the band before."""
        bands: list[list[_Shape]] = [[]]
        for item in items:
            if bands[-1] and sum(kid.width for kid in bands[-1]) + item.width > BAND:
                bands.append([])
            bands[-1].append(item)
        for above, below in pairwise(bands):
            lowest = max(above, key=lambda kid: kid.height).bottom
            self.links += [(lowest, item.top) for item in below]
        return bands
