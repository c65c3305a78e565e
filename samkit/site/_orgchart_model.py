"""The stakeholder map's data: the input ``Person``, the geometry ``Layout`` and the sizes both modules share.

Kept apart from :mod:`samkit.site.orgchart` so the layout and the renderer can both import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LEVELS = ("c_suite", "vp", "director", "manager", "individual")
RELATIONSHIPS = ("strong", "moderate", "weak", "none")
SUPPORTS = ("advocate", "supporter", "neutral", "skeptic", "opponent")
INFLUENCES = ("high", "medium", "low")
NO_DEPARTMENT = "No department"

BOX_W = 212
BOX_H = 104
H_GAP = 16  # between neighbouring boxes and subtrees
V_GAP = 36  # between reporting rows: room for the elbow of an edge
FRAME_PAD = 12
HEADING_H = 30
FRAME_GAP = 24
MARGIN = 12
LEGEND_ROW = 22
LEGEND_FONT = 12
MIN_WIDTH = 360  # the legend needs this much even for a one-person map
EMPTY_NOTE_H = 28

EdgeKind = Literal["tree", "cross", "loop"]


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
    """Where ``person`` (``people[index]``) is drawn; ``frame`` indexes ``Layout.frames``."""

    index: int
    person: Person
    frame: int
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Edge:
    """A reporting line from ``boxes[manager]`` to ``boxes[report]`` as a polyline of points.

    ``tree``: same department, the manager sits above; ``cross``: the manager is in another department;
    ``loop``: the line that closes a reporting loop (not followed by the layout)."""

    manager: int
    report: int
    kind: EdgeKind
    points: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class DepartmentFrame:
    """A department's band: its heading is drawn in the top ``HEADING_H`` px."""

    name: str
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class LegendItem:
    """``kind`` is ``relationship:<value>``, ``departed`` or ``cross``; ``w`` covers swatch and text."""

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
    width: int
    height: int


LEGEND = (
    ("relationship:strong", "Strong relationship"),
    ("relationship:moderate", "Moderate relationship"),
    ("relationship:weak", "Weak relationship"),
    ("relationship:none", "No relationship"),
    ("departed", "Departed (dashed outline)"),
    ("cross", "Reports across departments"),
)
