"""Drawing a stakeholder-map :class:`~samkit.site._orgchart_model.Layout` as SVG (``orgchart.render_svg``).

Only text and colour are decided here; every position comes from the layout, so what the geometry tests check
is what is drawn. Text never leaves its box: lines are wrapped or cut to the box width by the same width
estimate the charts use, and the full text is in the box's ``<title>``. A name is never cut: it wraps onto as
many lines as the layout made room for (``name_lines``, up to ``MAX_NAME_LINES``), so two people whose names
differ never look alike; only beyond that (some 100 characters) is its middle left out.
"""

from __future__ import annotations

import functools

from samkit.site._orgchart_model import (
    FRAME_PAD,
    MAX_NAME_LINES,
    NAME_STEP,
    Box,
    DepartmentFrame,
    Edge,
    Layout,
    LegendItem,
    Person,
)
from samkit.site._svgtext import ELLIPSIS, FONT_FAMILY, display, esc, fit_end, truncate, wrap, wrap_whole

FONT = 12  # the smallest text drawn; big maps grow the canvas instead of shrinking this
NAME_FONT = 13
HEADING_FONT = 13
HEADING_INSET = 12  # the department's colour mark left of a group's heading
LEGEND_FONT = 12
INSET = 8  # text inset inside a box
# a name is laid out as if this much wider than estimated: DejaVu Sans Bold (the sans-serif of many Linux
# desktops) runs up to 7% wider than the estimate, and the name, never cut, must not touch its box's edge
NAME_SLACK = 1.08
TEXT = "#1f2937"
MUTED = "#4b5563"

# light fill for legible dark text, darker outline of the same hue; the legend and a text line repeat them
RELATIONSHIP_COLOURS = {
    "strong": ("#dcfce7", "#15803d"),
    "moderate": ("#dbeafe", "#1d4ed8"),
    "weak": ("#fef3c7", "#b45309"),
    "none": ("#f3f4f6", "#6b7280"),
}
RELATIONSHIP_WORDS = {"strong": "Strong", "moderate": "Moderate", "weak": "Weak", "none": "No"}
# glyph + word, so support never depends on colour alone
SUPPORT_GLYPHS = {
    "advocate": ("▲", "#15803d"),
    "supporter": ("△", "#15803d"),
    "neutral": ("◇", "#4b5563"),
    "skeptic": ("▽", "#b91c1c"),
    "opponent": ("▼", "#b91c1c"),
}
LINE = "#374151"
ARROW = 8  # the arrowhead's length, drawn in the gap above the report
# department bands: dark enough to see as a stripe on any box fill; more departments than colours repeat them
# (the department is also a text line in every box, so the colour is never the only clue)
DEPARTMENT_COLOURS = (
    "#1f5fa8",
    "#c2410c",
    "#0e7490",
    "#7e22ce",
    "#a16207",
    "#be185d",
    "#4d7c0f",
    "#475569",
)


def department_colour(number: int) -> str:
    return DEPARTMENT_COLOURS[number % len(DEPARTMENT_COLOURS)]


def render_svg(layout: Layout, *, title: str = "Stakeholder map") -> str:
    """The whole map as one ``<svg role="img">`` at the layout's natural size in px."""
    people = [box.person for box in layout.boxes]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="samkit-orgchart" role="img" width="{layout.width}" '
        f'height="{layout.height}" viewBox="0 0 {layout.width} {layout.height}" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT}" fill="{TEXT}">',
        f"<title>{esc(title)}</title>",
        f"<desc>{esc(_describe(people))}</desc>",
        *(_legend_item(item) for item in layout.legend),
        *(_frame(frame) for frame in layout.frames),
        *(_edge(edge, layout.boxes) for edge in layout.edges),
        *(_box(box, layout.departments) for box in layout.boxes),
    ]
    if not layout.boxes:
        parts.append(f'<text x="{layout.legend[0].x}" y="{layout.height - 10}">No stakeholders</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def details(person: Person) -> list[str]:
    """Everything known about ``person``, one fact per entry (the box tooltip and the ``<desc>``)."""
    facts = [f"{RELATIONSHIP_WORDS[person.relationship].lower()} relationship"]
    if person.support is not None:
        facts.append(person.support)
    if person.influence is not None:
        facts.append(f"{person.influence} influence")
    if person.reports_to is not None:
        facts.append(f"reports to {person.reports_to}")
    if person.covered_by is not None:
        facts.append(f"covered by {person.covered_by}")
    if person.departed:
        facts.append("departed")
    return facts


def _describe(people: list[Person]) -> str:
    if not people:
        return "No stakeholders."
    sentences = []
    for person in people:
        where = ", ".join(part for part in (person.title, person.department) if part)
        who = f"{person.name} ({where})" if where else person.name
        sentences.append(f"{who}: {', '.join(details(person))}.")
    return " ".join(sentences)


@functools.lru_cache(maxsize=256)  # the same dozen items, at the same places, on nearly every map of a site
def _legend_item(item: LegendItem) -> str:
    x, y = item.x, item.y
    text_x = x + 22
    if item.kind.startswith("relationship:"):
        fill, stroke = RELATIONSHIP_COLOURS[item.kind.partition(":")[2]]
        swatch = f'<rect x="{x}" y="{y + 2}" width="14" height="14" rx="2" fill="{fill}" stroke="{stroke}"/>'
    elif item.kind.startswith("department:"):
        colour = department_colour(int(item.kind.partition(":")[2]))
        swatch = f'<rect x="{x}" y="{y + 6}" width="16" height="6" rx="2" fill="{colour}"/>'
    elif item.kind == "departed":
        swatch = f'<rect x="{x}" y="{y + 2}" width="14" height="14" rx="2" fill="#ffffff" stroke="{MUTED}" stroke-dasharray="3 2"/>'
    elif item.kind == "reports":
        swatch = (
            f'<line x1="{x + 7}" y1="{y}" x2="{x + 7}" y2="{y + 10}" stroke="{LINE}" stroke-width="1.5"/>'
            + _arrow(x + 7, y + 17)
        )
    else:  # stance and owner are words: no swatch
        swatch, text_x = "", x
    label = truncate(item.label, item.x + item.w - text_x, LEGEND_FONT)
    text = f'<text x="{text_x}" y="{y + 13}" font-size="{LEGEND_FONT}">{esc(label)}</text>'
    return f'<g class="legend-item {item.kind.partition(":")[0]}"><title>{esc(item.label)}</title>{swatch}{text}</g>'


def _frame(frame: DepartmentFrame) -> str:
    heading = truncate(display(frame.name), frame.w - 2 * FRAME_PAD - HEADING_INSET, HEADING_FONT, bold=True)
    colour = department_colour(frame.department)
    return (
        f'<g class="department"><title>{esc(frame.name)}</title>'
        f'<rect x="{frame.x}" y="{frame.y}" width="{frame.w}" height="{frame.h}" rx="6" fill="#f9fafb" stroke="#d1d5db"/>'
        f'<rect x="{frame.x + FRAME_PAD}" y="{frame.y + 10}" width="6" height="14" rx="1" fill="{colour}"/>'
        f'<text x="{frame.x + FRAME_PAD + HEADING_INSET}" y="{frame.y + 21}" font-size="{HEADING_FONT}" font-weight="bold">{esc(heading)}</text></g>'
    )


def _arrow(x: int, y: int) -> str:
    """An arrowhead pointing down at (x, y): where a reporting line meets the report."""
    return f'<polygon points="{x - 5},{y - ARROW} {x + 5},{y - ARROW} {x},{y}" fill="{LINE}"/>'


def _edge(edge: Edge, boxes: tuple[Box, ...]) -> str:
    points = " ".join(f"{x},{y}" for x, y in edge.points)
    tip = f"{boxes[edge.report].person.name} reports to {boxes[edge.manager].person.name}"
    end_x, end_y = edge.points[-1]
    return (
        f'<g class="edge"><title>{esc(tip)}</title>'
        f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="1.5"/>{_arrow(end_x, end_y)}</g>'
    )


def name_lines(name: str, box_w: int) -> list[str]:
    """``name`` wrapped whole into a box ``box_w`` px wide (at most ``MAX_NAME_LINES`` lines: beyond them the
    last line is an ellipsis and the name's end, so both its start and its end show)."""
    inner = (box_w - 2 * INSET) / NAME_SLACK
    shown = display(name)
    lines = wrap_whole(shown, inner, NAME_FONT, bold=True)
    if len(lines) <= MAX_NAME_LINES:
        return lines
    return [*lines[: MAX_NAME_LINES - 1], fit_end(shown, inner, NAME_FONT, bold=True)]


def title_fits(title: str | None, box_w: int) -> bool:
    """Whether ``title`` shows whole in its two lines of a box ``box_w`` px wide."""
    lines = wrap(display(title or ""), box_w - 2 * INSET, FONT, 2)
    return not lines or not lines[-1].endswith(ELLIPSIS)


def box_lines(box: Box, departments: tuple[str, ...] = ()) -> list[tuple[int, int, bool, str]]:
    """The text lines of ``box`` as (baseline offset from the box top, font size, bold, text), already cut to
    fit the box's inner width. The name comes first, one entry per line (the only bold ones); every line under
    it moves down ``NAME_STEP`` for each line of the name after the first."""
    person = box.person
    inner = box.w - 2 * INSET
    names = name_lines(person.name, box.w)
    lines = [(26 + NAME_STEP * number, NAME_FONT, True, line) for number, line in enumerate(names)]
    below = NAME_STEP * (len(names) - 1)
    for number, line in enumerate(wrap(display(person.title or ""), inner, FONT, 2)):
        lines.append((below + 42 + 14 * number, FONT, False, line))
    if departments:
        lines.append((below + 71, FONT, False, truncate(display(departments[box.department]), inner, FONT)))
    lines.append((below + 86, FONT, False, f"{RELATIONSHIP_WORDS[person.relationship]} relationship"))
    stance = []
    if person.support is not None:
        stance.append(f"{SUPPORT_GLYPHS[person.support][0]} {person.support}")
    if person.influence is not None:
        stance.append(f"{person.influence} influence")
    if stance:
        lines.append((below + 101, FONT, False, truncate(" · ".join(stance), inner, FONT)))
    status = ["Departed"] if person.departed else []
    if person.covered_by is not None:
        status.append(f"owner: {display(person.covered_by)}")
    if status:
        text = " · ".join(status)
        lines.append((below + 116, FONT, False, truncate(text[:1].upper() + text[1:], inner, FONT)))
    return lines


def _box(box: Box, departments: tuple[str, ...]) -> str:
    person = box.person
    fill, stroke = RELATIONSHIP_COLOURS[person.relationship]
    dashed = ' stroke-dasharray="5 3"' if person.departed else ""
    facts = [person.name, *([person.title] if person.title else []), departments[box.department], *details(person)]
    parts = [
        f'<g class="person{" departed" if person.departed else ""}"><title>{esc(chr(10).join(facts))}</title>',
        f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dashed}/>',
        f'<rect class="band" x="{box.x + 3}" y="{box.y + 3}" width="{box.w - 6}" height="6" rx="2" fill="{department_colour(box.department)}"/>',
    ]
    lines = box_lines(box, departments)
    names = [line for line in lines if line[2]]
    parts.append(_name(box, names))
    for offset, _, _, text in lines[len(names) :]:  # the rest: FONT, regular
        attrs = f'x="{box.x + INSET}" y="{box.y + offset}"'
        glyph = text[:1]
        if person.support is not None and glyph == SUPPORT_GLYPHS[person.support][0] and text != ELLIPSIS:
            # colour the glyph only: the word next to it carries the meaning
            content = f'<tspan fill="{SUPPORT_GLYPHS[person.support][1]}">{glyph}</tspan>{esc(text[1:])}'
        else:
            content = esc(text)
        parts.append(f"<text {attrs}>{content}</text>")
    parts.append("</g>")
    return "".join(parts)


def _name(box: Box, lines: list[tuple[int, int, bool, str]]) -> str:
    """The name as one ``<text>``, a ``<tspan>`` per line: its text content is the whole name (the space where a
    line broke at one ends that line), whatever the lines."""
    shown = display(box.person.name)
    spans = []
    at = 0
    for offset, _, _, text in lines:
        if shown.startswith(text, at):
            at += len(text)
            if shown[at : at + 1] == " ":
                text, at = text + " ", at + 1
        spans.append(f'<tspan x="{box.x + INSET}" y="{box.y + offset}">{esc(text)}</tspan>')
    return f'<text class="name" font-size="{NAME_FONT}" font-weight="bold">{"".join(spans)}</text>'
