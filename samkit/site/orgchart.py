"""The stakeholder map as an org chart in SVG: a pure geometry step, then a pure rendering step.

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
        covered_by: str | None = None    # who on our team covers them (the relationship's owner)

    layout(people: Sequence[Person]) -> Layout
    render_svg(layout: Layout, *, title: str = "Stakeholder map") -> str

Enum-valued fields take the plan's strings (a ``StrEnum`` member works too); anything else is a ``ValueError``.

``layout`` draws the whole account as one chart driven by reporting lines, whatever the departments: each
person with reports heads a tree, their reports in a row under them (so a CEO sits above the CFO, CIO and
COO who report to her), the manager centred over the row. When a row would be wider than ``MAX_WIDTH`` (the
page column on a 1400px screen) it wraps into several rows, indented right of a channel the connector runs
down. People with neither a manager nor reports in the map are gathered under a labelled group of their
department ("Finance: no reporting line in the map"). Trees, then groups, flow left to right and wrap the same
way. Connectors are orthogonal: from the manager's bottom side down to a bus in the gap above the reports,
along it, and down to the report's top side (where the renderer draws an arrowhead). Each manager's lines stay
inside their own subtree's area and outside every subtree of their reports, so no line runs through or behind
a box and lines of different managers never touch. Reporting lines form trees: a plan whose lines loop (or
where someone reports to themselves) does not load, so a map never has one, and ``layout`` refuses one with a
``ValueError``. A ``reports_to`` naming nobody in the map makes its person a top of their own.
Each box carries its department as a text line and a colour band (``Layout.departments`` in order of first
appearance, case-insensitive). A legend sits on top. All coordinates are integers in px.

All boxes of a map have one size (``cell_for``): wide enough for the longest name on one line and every title
on two, from ``BOX_W`` to ``MAX_BOX_W``, and tall enough for the longest name's lines: a name longer than the
widest box wraps (at spaces, else after a hyphen) and is never cut; only a name needing more than
``MAX_NAME_LINES`` lines (some 100 characters) shows its start and its end around an ellipsis.

``render_svg`` draws the layout at its natural size: a big map makes a big canvas for the page to scroll
rather than smaller text (12px at least). Other text is wrapped or cut with an ellipsis to its box,
each box has a ``<title>`` with everything about the person, and the ``<desc>`` lists everyone in words.
Relationship strength is the box colour *and* a text line; departed people have a dashed outline and say
"Departed"; support is a glyph plus its word (▲ advocate … ▼ opponent); the owner on our side is a line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from samkit.site._orgchart_model import (
    BLOCK_GAP,
    BOX_H,
    BOX_W,
    CHANNEL,
    EMPTY_NOTE_H,
    FRAME_PAD,
    H_GAP,
    HEADING_H,
    INFLUENCES,
    LEGEND,
    LEGEND_FONT,
    LEGEND_ROW,
    LEVELS,
    MARGIN,
    MAX_BOX_W,
    MAX_WIDTH,
    MIN_WIDTH,
    NAME_STEP,
    NO_DEPARTMENT,
    RELATIONSHIPS,
    SUPPORTS,
    V_GAP,
    Box,
    DepartmentFrame,
    Edge,
    Layout,
    LegendItem,
    Person,
)
from samkit.site._orgchart_svg import (
    HEADING_FONT,
    HEADING_INSET,
    INSET,
    NAME_FONT,
    NAME_SLACK,
    name_lines,
    render_svg,
    title_fits,
)
from samkit.site._svgtext import display, text_width

__all__ = [
    "INFLUENCES",
    "LEVELS",
    "MAX_WIDTH",
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

INNER = MAX_WIDTH - 2 * MARGIN
LEGEND_MIN_WIDTH = 340  # a phone's width: the legend of a small map wraps no narrower than this
WIDTH_STEP = 8  # box widths are multiples of this: a name a pixel longer does not move the whole map
STACK_ROWS = 6  # reports stacked beside a channel: about this many rows, in as many columns as that takes
Point = tuple[int, int]


@dataclass(frozen=True)
class Cell:
    """The size of every box of one map: wide enough for its longest name on one line and each title on two,
    within ``BOX_W``-``MAX_BOX_W``; tall enough for its longest name's lines."""

    w: int
    h: int


def cell_for(people: Sequence[Person]) -> Cell:
    """The box size of a map of ``people`` (see :class:`Cell`)."""
    widest = max((text_width(display(person.name), NAME_FONT, bold=True) for person in people), default=0)
    w = min(MAX_BOX_W, max(BOX_W, math.ceil((widest * NAME_SLACK + 2 * INSET) / WIDTH_STEP) * WIDTH_STEP))
    for person in people:
        while w < MAX_BOX_W and not title_fits(person.title, w):
            w += WIDTH_STEP
    lines = max((len(name_lines(person.name, w)) for person in people), default=1)
    return Cell(w, BOX_H + NAME_STEP * (lines - 1))


def _key(text: str | None) -> str:
    # the loader's rule for matching names: case and surrounding space do not matter
    return (text or "").strip().casefold()


def layout(people: Sequence[Person]) -> Layout:
    """Place every person exactly once; see the module docstring for the rules."""
    first: dict[str, int] = {}
    for index, person in enumerate(people):
        first.setdefault(_key(person.name), index)
    parent: list[int | None] = []
    for person in people:
        parent.append(first.get(_key(person.reports_to)) if person.reports_to is not None else None)
    children: list[list[int]] = [[] for _ in people]
    for index, boss in enumerate(parent):
        if boss is not None:
            children[boss].append(index)

    departments: dict[str, int] = {}
    headings: list[str] = []
    department_of: list[int] = []
    for person in people:
        key = _key(person.department)
        if key not in departments:
            departments[key] = len(headings)
            headings.append((person.department or "").strip() or NO_DEPARTMENT)
        department_of.append(departments[key])

    roots = [index for index, boss in enumerate(parent) if boss is None]
    trees = [root for root in roots if children[root]]
    loose: dict[int, list[int]] = {}
    for root in roots:
        if not children[root]:
            loose.setdefault(department_of[root], []).append(root)

    cell = cell_for(people)
    blocks = _tree_blocks(trees, children, cell)
    groups = [
        (department, members, _group_size(len(members), _group_label(headings[department]), cell))
        for department, members in loose.items()
    ]
    sizes = [(block.w, block.h) for block in blocks] + [size for _, _, size in groups]
    origins, _ = _flow(sizes, 0)
    content_right = max([x + w for (w, _), (x, _) in zip(sizes, origins, strict=True)], default=0)
    # the legend wraps within the chart (or a phone-friendly minimum), so a small map stays small
    legend, legend_h = _legend(headings, max(content_right - MARGIN, LEGEND_MIN_WIDTH))
    top = MARGIN + legend_h + 12
    origins, bottom = _flow(sizes, top)

    position: dict[int, Point] = {}
    points: dict[int, tuple[Point, ...]] = {}
    for block, origin in zip(blocks, origins, strict=False):
        block.place(origin, position, points)
    frames = []
    for (department, members, (w, h)), (x, y) in zip(groups, origins[len(blocks) :], strict=True):
        frames.append(DepartmentFrame(_group_label(headings[department]), department, x, y, w, h))
        columns = _group_columns(len(members), cell)
        for number, index in enumerate(members):
            row, column = divmod(number, columns)
            position[index] = (
                x + FRAME_PAD + column * (cell.w + H_GAP),
                y + HEADING_H + row * (cell.h + H_GAP),
            )
    # only the people of a loop, and those under it, hang from no top: the plan loader rejects such a plan
    unplaced = next((person.name for index, person in enumerate(people) if index not in position), None)
    if unplaced is not None:
        raise ValueError(f"{unplaced!r} is in or under a reporting loop: reporting lines must form trees")

    boxes = tuple(
        Box(index, person, department_of[index], *position[index], cell.w, cell.h)
        for index, person in enumerate(people)
    )
    edges = [Edge(boss, index, points[index]) for index, boss in enumerate(parent) if boss is not None]
    width = max(MIN_WIDTH, content_right + MARGIN, max(item.x + item.w for item in legend) + MARGIN)
    height = bottom + MARGIN if sizes else top + EMPTY_NOTE_H
    return Layout(boxes, tuple(edges), tuple(frames), legend, tuple(headings), width, height)


class _Block:
    """A subtree's rectangle, relative to its own top-left corner: the head's box on top, the reports' blocks
    under it (one row, or wrapped rows right of the connector's channel)."""

    def __init__(self, head: int, kids: list[_Block], available: int, cell: Cell) -> None:
        self.head = head
        self.kids = kids
        self.cell = cell
        self.offsets: list[Point] = []
        self.rows: list[list[int]] = []  # indexes into kids, per row
        if not kids:
            self.w, self.h, self.box_x = cell.w, cell.h, 0
            return
        row_w = sum(kid.w for kid in kids) + H_GAP * (len(kids) - 1)
        left = 0 if row_w <= available else CHANNEL
        limit = max(available - left, cell.w)
        x, y, row_h = left, cell.h + V_GAP, 0
        self.rows.append([])
        for number, kid in enumerate(kids):
            if x > left and x + kid.w > left + limit:
                x, y, row_h = left, y + row_h + V_GAP, 0
                self.rows.append([])
            self.offsets.append((x, y))
            self.rows[-1].append(number)
            x += kid.w + H_GAP
            row_h = max(row_h, kid.h)
        first_row = self.rows[0]
        centre = (self._anchor(first_row[0]) + self._anchor(first_row[-1])) // 2
        self.box_x = max(0, centre - cell.w // 2)
        self.w = max(self.box_x + cell.w, *(dx + kid.w for (dx, _), kid in zip(self.offsets, kids, strict=True)))
        self.h = y + row_h

    def _anchor(self, number: int) -> int:
        kid = self.kids[number]
        return self.offsets[number][0] + kid.box_x + self.cell.w // 2

    def place(self, origin: Point, position: dict[int, Point], points: dict[int, tuple[Point, ...]]) -> None:
        """Absolute positions of every box of the subtree and the connector of every report (iteratively)."""
        stack: list[tuple[_Block, Point]] = [(self, origin)]
        while stack:
            block, (ox, oy) = stack.pop()
            position[block.head] = (ox + block.box_x, oy)
            if not block.kids:
                continue
            centre = ox + block.box_x + block.cell.w // 2
            channel = ox + CHANNEL // 2
            first_bus = oy + block.cell.h + V_GAP // 2
            for row_number, row in enumerate(block.rows):
                for number in row:
                    kid = block.kids[number]
                    dx, dy = block.offsets[number]
                    anchor = ox + block._anchor(number)
                    top = oy + dy
                    bus = top - V_GAP // 2
                    route: list[Point] = [(centre, oy + block.cell.h), (centre, first_bus)]
                    if row_number:
                        route += [(channel, first_bus), (channel, bus)]
                    route += [(anchor, bus), (anchor, top)]
                    points[kid.head] = _simplified(route)
                    stack.append((kid, (ox + dx, top)))


def _simplified(route: list[Point]) -> tuple[Point, ...]:
    """The polyline without repeated points or points in the middle of a straight run."""
    kept: list[Point] = []
    for point in route:
        if kept and kept[-1] == point:
            continue
        if len(kept) >= 2:
            (ax, ay), (bx, by) = kept[-2], kept[-1]
            if (ax == bx == point[0]) or (ay == by == point[1]):
                kept[-1] = point
                continue
        kept.append(point)
    return tuple(kept)


def _tree_blocks(trees: list[int], children: list[list[int]], cell: Cell) -> list[_Block]:
    """The block of every tree, built bottom-up without recursion (a long reporting chain must not hit the
    recursion limit). How wide each subtree may be is decided top-down from its natural width. A tree wider
    than the page is made compact first: a manager's row of three or more reports who have no reports of
    their own is stacked into columns beside a channel, as printed org charts do (``_stack_columns``: one
    for up to four, more as the reports grow, as many as the page has room for)."""
    blocks = []
    for root in trees:
        order: list[int] = []
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(children[node]))
        natural = _natural_widths(order, children, cell, compact=False)
        compact = natural[root] > INNER
        if compact:
            natural = _natural_widths(order, children, cell, compact=True)
        available = {root: INNER}
        for node in order:
            kids = children[node]
            if compact and _stackable(kids, children):
                room = min(available[node], natural[node])
                available[node] = room
            row = sum(natural[kid] for kid in kids) + H_GAP * (len(kids) - 1)
            room = available[node] if row <= available[node] else max(cell.w, available[node] - CHANNEL)
            for kid in kids:
                available[kid] = room
        built: dict[int, _Block] = {}
        for node in reversed(order):
            built[node] = _Block(node, [built.pop(kid) for kid in children[node]], available[node], cell)
        blocks.append(built[root])
    return blocks


def _stackable(kids: list[int], children: list[list[int]]) -> bool:
    return len(kids) >= 3 and not any(children[kid] for kid in kids)


def _natural_widths(order: list[int], children: list[list[int]], cell: Cell, *, compact: bool) -> dict[int, int]:
    """Each subtree's width with every row of reports side by side (leaf rows stacked when ``compact``)."""
    natural: dict[int, int] = {}
    for node in reversed(order):
        kids = children[node]
        if compact and _stackable(kids, children):
            columns = _stack_columns(len(kids), cell)
            natural[node] = CHANNEL + columns * cell.w + (columns - 1) * H_GAP
        else:
            natural[node] = max(cell.w, sum(natural[kid] for kid in kids) + H_GAP * (len(kids) - 1))
    return natural


def _stack_columns(count: int, cell: Cell) -> int:
    """Columns of ``count`` stacked reports: one for up to four, else two, or more for rows of about
    ``STACK_ROWS``, as many as fit the page (59 reports of one person: five or four columns, not two)."""
    if count <= 4:
        return 1
    fits = max(1, (INNER - CHANNEL + H_GAP) // (cell.w + H_GAP))
    return max(1, min(fits, max(2, math.ceil(count / STACK_ROWS))))


def _group_columns(count: int, cell: Cell) -> int:
    fits = max(1, (INNER - 2 * FRAME_PAD + H_GAP) // (cell.w + H_GAP))
    return max(1, min(count, fits))


def _group_label(department: str) -> str:
    return f"{department}: no reporting line in the map"


def _group_size(count: int, label: str, cell: Cell) -> Point:
    """The frame of a group: its grid of boxes, widened (up to the page) so the heading can be read whole."""
    columns = _group_columns(count, cell)
    rows = math.ceil(count / columns)
    grid = 2 * FRAME_PAD + columns * cell.w + (columns - 1) * H_GAP
    heading = 2 * FRAME_PAD + HEADING_INSET + math.ceil(text_width(display(label), HEADING_FONT, bold=True))
    return max(grid, min(heading, INNER)), HEADING_H + rows * cell.h + (rows - 1) * H_GAP + FRAME_PAD


def _flow(sizes: list[Point], top: int) -> tuple[list[Point], int]:
    """Top-left corners for blocks of ``sizes`` flowed left to right in shelves no wider than ``INNER``;
    returns them and the bottom of the last shelf."""
    origins: list[Point] = []
    x, y, shelf = MARGIN, top, 0
    for w, h in sizes:
        if x > MARGIN and x + w > MARGIN + INNER:
            x, y, shelf = MARGIN, y + shelf + BLOCK_GAP, 0
        origins.append((x, y))
        x += w + BLOCK_GAP
        shelf = max(shelf, h)
    return origins, y + shelf


def _legend(departments: list[str], available: int) -> tuple[tuple[LegendItem, ...], int]:
    """Legend items flowed left to right within the map's width, wrapping before the edge: what the colours,
    glyphs, outlines and lines mean, then one colour swatch per department."""
    entries = [*LEGEND, *((f"department:{number}", display(name)) for number, name in enumerate(departments))]
    items: list[LegendItem] = []
    x, y = MARGIN, MARGIN
    for kind, label in entries:
        w = 22 + math.ceil(text_width(label, LEGEND_FONT))
        if x > MARGIN and x + w > MARGIN + available:
            x, y = MARGIN, y + LEGEND_ROW
        items.append(LegendItem(kind, label, x, y, min(w, available), LEGEND_ROW - 4))
        x += w + 18
    return tuple(items), y + LEGEND_ROW - MARGIN
