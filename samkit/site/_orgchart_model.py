"""The stakeholder map's data: the input ``Person``, the geometry ``Layout`` and the sizes both modules share.

Kept apart from :mod:`samkit.site.orgchart` so the layout and the renderer can both import it.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("c_suite", "vp", "director", "manager", "individual")
RELATIONSHIPS = ("strong", "moderate", "weak", "none")
SUPPORTS = ("advocate", "supporter", "neutral", "skeptic", "opponent")
INFLUENCES = ("high", "medium", "low")
NO_DEPARTMENT = "No department"

BOX_W = 200  # the narrowest box: a map whose longest name (or title) needs more widens every box, to MAX_BOX_W
MAX_BOX_W = 304  # the widest box: a longer name wraps onto more lines (MAX_NAME_LINES), a longer title onto two
BOX_H = 122  # a box whose name is one line: each line more of the longest name makes every box NAME_STEP taller
NAME_STEP = 16  # from one line of a name to the next (13px bold)
MAX_NAME_LINES = 3  # a name longer still (some 100 characters) keeps its start and its end: "Maria Fer…llanos"
H_GAP = 16  # between neighbouring boxes and subtrees
V_GAP = 32  # between a manager's row and their reports': room for the connector's bus and arrowhead
CHANNEL = 24  # left of wrapped rows of reports: the connector runs down here, beside the boxes, never through
MAX_WIDTH = 1320  # the page column at 1400px: wider levels wrap into rows
FRAME_PAD = 12
HEADING_H = 30
BLOCK_GAP = 32  # between separate trees and groups
MARGIN = 12
LEGEND_ROW = 22
LEGEND_FONT = 12
MIN_WIDTH = 360  # the legend needs this much even for a one-person map
EMPTY_NOTE_H = 28


@dataclass(frozen=True)
class Person:
    """One stakeholder as the diagram needs them (see the module docstring for the allowed values)."""

    name: str
    title: str | None = None
    department: str | None = None
    level: str = "individual"
    relationship: str = "none"
    support: str | None = None
    influence: str | None = None
    departed: bool = False
    reports_to: str | None = None
    covered_by: str | None = None

    def __post_init__(self) -> None:
        for field, value, allowed in (
            ("level", self.level, LEVELS),
            ("relationship", self.relationship, RELATIONSHIPS),
            ("support", self.support, (*SUPPORTS, None)),
            ("influence", self.influence, (*INFLUENCES, None)),
        ):
            if value not in allowed:
                raise ValueError(f"{self.name!r}: {field} {value!r} is not one of {', '.join(map(str, allowed))}")


@dataclass(frozen=True)
class Box:
    """Where ``person`` (``people[index]``) is drawn; ``department`` indexes ``Layout.departments``."""

    index: int
    person: Person
    department: int
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Edge:
    """A reporting line from ``boxes[manager]`` down to ``boxes[report]`` as an orthogonal polyline, from the
    manager's bottom side to the report's top side (the arrowhead's end)."""

    manager: int
    report: int
    points: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class DepartmentFrame:
    """A labelled group of the people of one department who have no reporting line (heading in the top
    ``HEADING_H`` px); ``department`` indexes ``Layout.departments``."""

    name: str
    department: int
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class LegendItem:
    """``kind`` is ``relationship:<value>``, ``department:<index>``, ``stance``, ``departed``, ``owner`` or
    ``reports``; ``w`` covers swatch and text."""

    kind: str
    label: str
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Layout:
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    frames: tuple[DepartmentFrame, ...]
    legend: tuple[LegendItem, ...]
    departments: tuple[str, ...]
    width: int
    height: int


LEGEND = (
    ("relationship:strong", "Strong relationship"),
    ("relationship:moderate", "Moderate relationship"),
    ("relationship:weak", "Weak relationship"),
    ("relationship:none", "No relationship"),
    ("stance", "Stance: ▲ advocate △ supporter"),
    ("stance", "◇ neutral ▽ skeptic ▼ opponent"),
    ("departed", "Departed (dashed outline)"),
    ("owner", "Owner: who on our team covers them"),
    ("reports", "Reports to (arrow from manager down to report)"),
)
