"""The stakeholder map as an SVG diagram: a pure geometry step, then a pure rendering step.

Public API::

    @dataclass(frozen=True) class Person:
        name: str
        title: str | None = None
        department: str | None = None
        level: str = "individual"        # LEVELS: c_suite, vp, director, manager, individual
        relationship: str = "none"       # RELATIONSHIPS: strong, moderate, weak, none
        support: str | None = None       # SUPPORTS: advocate, supporter, neutral, skeptic, opponent
        influence: str | None = None     # INFLUENCES: high, medium, low
        departed: bool = False
        reports_to: str | None = None    # another person's name; case and surrounding space do not matter
        covered_by: str | None = None    # who on our team covers them

    layout(people: Sequence[Person]) -> Layout
    render_svg(layout: Layout, *, title: str = "Stakeholder map") -> str

Enum-valued fields take the plan's strings (a ``StrEnum`` member works too); anything else is a ``ValueError``.

``layout`` groups people by department (case-insensitively, in order of first appearance; no department is
its own group) into side-by-side frames with a heading. Inside a frame, reporting lines within the department
form tidy trees (each manager centred over its reports, one row per reporting depth, subtrees side by side so
nothing overlaps); people with no manager and no reports in their department fill a grid under the trees. A
manager in another department does not move anyone: the line is drawn across frames (``Edge.kind ==
"cross"``). A reporting loop is cut at its first person in input order, whose line is drawn as a ``"loop"``
edge. A legend sits above the frames. All coordinates are integers in px.

``render_svg`` draws the layout at its natural size (``width``/``height`` in px): a big map makes a big canvas
for the page to scroll rather than smaller text (11px at least). Boxes have a fixed width; text is wrapped or
cut with an ellipsis, each box has a ``<title>`` with everything about the person, and the ``<desc>`` lists
everyone in words. Relationship strength is the box colour *and* a text line; departed people have a dashed
outline and say "Departed"; support is a glyph plus its word (▲ advocate … ▼ opponent).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from samkit.site._orgchart_model import (
    BOX_H,
    BOX_W,
    EMPTY_NOTE_H,
    FRAME_GAP,
    FRAME_PAD,
    H_GAP,
    HEADING_H,
    INFLUENCES,
    LEGEND,
    LEGEND_FONT,
    LEGEND_ROW,
    LEVELS,
    MARGIN,
    MIN_WIDTH,
    NO_DEPARTMENT,
    RELATIONSHIPS,
    SUPPORTS,
    V_GAP,
    Box,
    DepartmentFrame,
    Edge,
    EdgeKind,
    Layout,
    LegendItem,
    Person,
)
from samkit.site._orgchart_svg import render_svg
from samkit.site._svgtext import text_width

__all__ = [
    "INFLUENCES",
    "LEVELS",
    "RELATIONSHIPS",
    "SUPPORTS",
    "Box",
    "DepartmentFrame",
    "Edge",
    "Layout",
    "LegendItem",
    "Person",
    "layout",
    "render_svg",
]


def _key(text: str | None) -> str:
    # the loader's rule for matching names: case and surrounding space do not matter
    return (text or "").strip().casefold()


def layout(people: Sequence[Person]) -> Layout:
    """Place every person exactly once; see the module docstring for the rules."""
    first: dict[str, int] = {}
    for index, person in enumerate(people):
        first.setdefault(_key(person.name), index)
    manager: list[int | None] = []
    for index, person in enumerate(people):
        boss = first.get(_key(person.reports_to)) if person.reports_to is not None else None
        manager.append(boss if boss != index else None)

    departments: dict[str, list[int]] = {}
    headings: dict[str, str] = {}
    for index, person in enumerate(people):
        key = _key(person.department)
        departments.setdefault(key, []).append(index)
        headings.setdefault(key, (person.department or "").strip() or NO_DEPARTMENT)
    department_of = {index: key for key, members in departments.items() for index in members}

    parent: list[int | None] = [
        boss if boss is not None and department_of[boss] == department_of[index] else None
        for index, boss in enumerate(manager)
    ]
    loops = _break_loops(parent)

    placed: dict[int, tuple[int, int]] = {}
    sizes: list[tuple[int, int]] = []
    for members in departments.values():
        sizes.append(_place_department(members, parent, placed))

    legend, legend_h = _legend(max(MIN_WIDTH, sum(w for w, _ in sizes) + FRAME_GAP * max(len(sizes) - 1, 0)))
    top = MARGIN + legend_h + 12
    frame_h = max((h for _, h in sizes), default=0)
    frames: list[DepartmentFrame] = []
    frame_of: dict[int, int] = {}
    x = MARGIN
    for number, (key, members) in enumerate(departments.items()):
        w, _ = sizes[number]
        frames.append(DepartmentFrame(headings[key], x, top, w, frame_h))
        for index in members:
            frame_of[index] = number
        x += w + FRAME_GAP

    boxes = tuple(
        Box(
            index,
            person,
            frame_of[index],
            frames[frame_of[index]].x + placed[index][0],
            top + placed[index][1],
            BOX_W,
            BOX_H,
        )
        for index, person in enumerate(people)
    )
    edges: list[Edge] = []
    for index, boss in enumerate(manager):
        if boss is None:
            continue
        kind: EdgeKind = "tree" if parent[index] == boss else "loop" if index in loops else "cross"
        edges.append(Edge(boss, index, kind, _route(boxes[boss], boxes[index], kind)))

    width = max(x - FRAME_GAP + MARGIN if frames else 0, max(item.x + item.w for item in legend) + MARGIN)
    height = top + frame_h + MARGIN if frames else top + EMPTY_NOTE_H
    return Layout(boxes, tuple(edges), tuple(frames), legend, width, height)


def _break_loops(parent: list[int | None]) -> set[int]:
    """Cut every cycle of ``parent`` links (in place) at its earliest member; returns the people cut loose.

    Each person is walked at most once, so a loop cannot hang the layout."""
    cut: set[int] = set()
    done = [False] * len(parent)
    for start in range(len(parent)):
        path: list[int] = []
        on_path: dict[int, int] = {}
        node: int | None = start
        while node is not None and not done[node]:
            if node in on_path:
                loop = path[on_path[node] :]
                first = min(loop)
                parent[first] = None
                cut.add(first)
                break
            on_path[node] = len(path)
            path.append(node)
            node = parent[node]
        for member in path:
            done[member] = True
    return cut


def _place_department(
    members: list[int], parent: list[int | None], placed: dict[int, tuple[int, int]]
) -> tuple[int, int]:
    """Position ``members`` relative to their frame's top-left corner (into ``placed``); returns the frame size."""
    children: dict[int, list[int]] = {index: [] for index in members}
    for index in members:
        boss = parent[index]
        if boss is not None:
            children[boss].append(index)
    roots = [index for index in members if parent[index] is None]
    trees = [root for root in roots if children[root]]
    loose = [root for root in roots if not children[root]]

    # subtree widths bottom-up (iteratively: a long reporting chain must not hit the recursion limit)
    order: list[int] = []
    stack = list(reversed(trees))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(children[node]))
    span: dict[int, int] = {}
    for node in reversed(order):
        kids = children[node]
        span[node] = max(BOX_W, sum(span[kid] for kid in kids) + H_GAP * (len(kids) - 1))

    forest_w = sum(span[root] for root in trees) + H_GAP * max(len(trees) - 1, 0)
    slots = max(1, (forest_w + H_GAP) // (BOX_W + H_GAP))
    columns = min(len(loose), max(slots, math.ceil(math.sqrt(len(loose))))) if loose else 0
    grid_w = columns * BOX_W + H_GAP * max(columns - 1, 0)
    content_w = max(forest_w, grid_w, BOX_W)

    # top-down: each subtree gets the interval [left, left + span); children share it centred
    left: dict[int, int] = {}
    depth: dict[int, int] = {}
    cursor = (content_w - forest_w) // 2
    for root in trees:
        left[root], depth[root] = cursor, 0
        cursor += span[root] + H_GAP
    for node in order:
        kids = children[node]
        row = sum(span[kid] for kid in kids) + H_GAP * (len(kids) - 1)
        at = left[node] + (span[node] - row) // 2
        for kid in kids:
            left[kid], depth[kid] = at, depth[node] + 1
            at += span[kid] + H_GAP
    # bottom-up: a manager is centred over its first and last report (inside its own interval, so no overlap)
    centre: dict[int, int] = {}
    for node in reversed(order):
        kids = children[node]
        centre[node] = (centre[kids[0]] + centre[kids[-1]]) // 2 if kids else left[node] + span[node] // 2
    rows = 0
    for node in order:
        placed[node] = (FRAME_PAD + centre[node] - BOX_W // 2, HEADING_H + depth[node] * (BOX_H + V_GAP))
        rows = max(rows, depth[node] + 1)

    grid_top = HEADING_H + rows * (BOX_H + V_GAP)
    for number, index in enumerate(loose):
        row, column = divmod(number, columns)
        placed[index] = (FRAME_PAD + column * (BOX_W + H_GAP), grid_top + row * (BOX_H + H_GAP))
    grid_rows = math.ceil(len(loose) / columns) if loose else 0
    height = grid_top + grid_rows * (BOX_H + H_GAP) - (H_GAP if grid_rows else V_GAP if rows else 0)
    return content_w + 2 * FRAME_PAD, height + FRAME_PAD


def _route(boss: Box, report: Box, kind: EdgeKind) -> tuple[tuple[int, int], ...]:
    """Tree lines are elbows through the gap between rows; other lines run straight between facing sides."""
    boss_x, report_x = boss.x + boss.w // 2, report.x + report.w // 2
    if kind == "tree":
        middle = boss.y + boss.h + V_GAP // 2
        return ((boss_x, boss.y + boss.h), (boss_x, middle), (report_x, middle), (report_x, report.y))
    if boss.y + boss.h <= report.y:
        return ((boss_x, boss.y + boss.h), (report_x, report.y))
    if report.y + report.h <= boss.y:
        return ((boss_x, boss.y), (report_x, report.y + report.h))
    middle_y = report.y + report.h // 2
    if boss.x < report.x:
        return ((boss.x + boss.w, boss.y + boss.h // 2), (report.x, middle_y))
    return ((boss.x, boss.y + boss.h // 2), (report.x + report.w, middle_y))


def _legend(available: int) -> tuple[tuple[LegendItem, ...], int]:
    """Legend items flowed left to right within ``available`` px, wrapping before the edge."""
    items: list[LegendItem] = []
    x, y = MARGIN, MARGIN
    for kind, label in LEGEND:
        w = 22 + math.ceil(text_width(label, LEGEND_FONT))
        if x > MARGIN and x + w > MARGIN + available:
            x, y = MARGIN, y + LEGEND_ROW
        items.append(LegendItem(kind, label, x, y, w, LEGEND_ROW - 4))
        x += w + 18
    return tuple(items), y + LEGEND_ROW - MARGIN
