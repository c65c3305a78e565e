"""Drawing a stakeholder-map :class:`~samkit.site._orgchart_model.Layout` as SVG (``orgchart.render_svg``).

Only text and colour are decided here; every position comes from the layout, so what the geometry tests check
is what is drawn. Text never leaves its box: lines are wrapped or cut to the box width by the same width
estimate the charts use, and the full text is in the box's ``<title>``.
"""

from __future__ import annotations

from samkit.site._orgchart_model import FRAME_PAD, Box, DepartmentFrame, Edge, Layout, LegendItem, Person
from samkit.site._svgtext import ELLIPSIS, FONT_FAMILY, display, esc, truncate, wrap

FONT = 11  # the smallest text drawn; big maps grow the canvas instead of shrinking this
NAME_FONT = 13
HEADING_FONT = 13
LEGEND_FONT = 12
INSET = 8  # text inset inside a box
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
EDGE_STYLES = {
    "tree": 'stroke="#6b7280" stroke-width="1.5"',
    "cross": 'stroke="#6b7280" stroke-width="1.5" stroke-dasharray="6 4"',
    "loop": 'stroke="#b91c1c" stroke-width="1.5" stroke-dasharray="2 3"',
}


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
        *(_edge(edge, layout.boxes) for edge in layout.edges),  # under the boxes: a line never hides text
        *(_box(box) for box in layout.boxes),
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


def _legend_item(item: LegendItem) -> str:
    x, y = item.x, item.y
    if item.kind.startswith("relationship:"):
        fill, stroke = RELATIONSHIP_COLOURS[item.kind.partition(":")[2]]
        swatch = f'<rect x="{x}" y="{y + 2}" width="14" height="14" rx="2" fill="{fill}" stroke="{stroke}"/>'
    elif item.kind == "departed":
        swatch = f'<rect x="{x}" y="{y + 2}" width="14" height="14" rx="2" fill="#ffffff" stroke="{MUTED}" stroke-dasharray="3 2"/>'
    else:
        swatch = f'<line x1="{x}" y1="{y + 9}" x2="{x + 16}" y2="{y + 9}" {EDGE_STYLES["cross"]}/>'
    text = f'<text x="{x + 22}" y="{y + 13}" font-size="{LEGEND_FONT}">{esc(item.label)}</text>'
    return f'<g class="legend-item">{swatch}{text}</g>'


def _frame(frame: DepartmentFrame) -> str:
    heading = truncate(display(frame.name), frame.w - 2 * FRAME_PAD, HEADING_FONT, bold=True)
    return (
        f'<g class="department"><title>{esc(frame.name)}</title>'
        f'<rect x="{frame.x}" y="{frame.y}" width="{frame.w}" height="{frame.h}" rx="6" fill="#f9fafb" stroke="#d1d5db"/>'
        f'<text x="{frame.x + FRAME_PAD}" y="{frame.y + 20}" font-size="{HEADING_FONT}" font-weight="bold">{esc(heading)}</text></g>'
    )


def _edge(edge: Edge, boxes: tuple[Box, ...]) -> str:
    points = " ".join(f"{x},{y}" for x, y in edge.points)
    tip = f"{boxes[edge.report].person.name} reports to {boxes[edge.manager].person.name}"
    return f'<polyline class="edge {edge.kind}" points="{points}" fill="none" {EDGE_STYLES[edge.kind]}><title>{esc(tip)}</title></polyline>'


def box_lines(box: Box) -> list[tuple[int, int, bool, str]]:
    """The text lines of ``box`` as (baseline offset from the box top, font size, bold, text), already cut to
    fit the box's inner width."""
    person = box.person
    inner = box.w - 2 * INSET
    lines = [(18, NAME_FONT, True, truncate(display(person.name), inner, NAME_FONT, bold=True))]
    for number, line in enumerate(wrap(display(person.title or ""), inner, FONT, 2)):
        lines.append((34 + 14 * number, FONT, False, line))
    lines.append((64, FONT, False, f"{RELATIONSHIP_WORDS[person.relationship]} relationship"))
    stance = []
    if person.support is not None:
        stance.append(f"{SUPPORT_GLYPHS[person.support][0]} {person.support}")
    if person.influence is not None:
        stance.append(f"{person.influence} influence")
    if stance:
        lines.append((79, FONT, False, truncate(" · ".join(stance), inner, FONT)))
    status = ["Departed"] if person.departed else []
    if person.covered_by is not None:
        status.append(
            f"covered by {display(person.covered_by)}" if status else f"Covered by {display(person.covered_by)}"
        )
    if status:
        lines.append((94, FONT, False, truncate(" · ".join(status), inner, FONT)))
    return lines


def _box(box: Box) -> str:
    person = box.person
    fill, stroke = RELATIONSHIP_COLOURS[person.relationship]
    dashed = ' stroke-dasharray="5 3"' if person.departed else ""
    facts = [person.name, *([person.title] if person.title else []), *details(person)]
    parts = [
        f'<g class="person{" departed" if person.departed else ""}"><title>{esc(chr(10).join(facts))}</title>',
        f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dashed}/>',
    ]
    for offset, size, bold, text in box_lines(box):
        attrs = f'x="{box.x + INSET}" y="{box.y + offset}"'
        if size != FONT:
            attrs += f' font-size="{size}"'
        if bold:
            attrs += ' font-weight="bold"'
        glyph = text[:1]
        if person.support is not None and glyph == SUPPORT_GLYPHS[person.support][0] and text != ELLIPSIS:
            # colour the glyph only: the word next to it carries the meaning
            content = f'<tspan fill="{SUPPORT_GLYPHS[person.support][1]}">{glyph}</tspan>{esc(text[1:])}'
        else:
            content = esc(text)
        parts.append(f"<text {attrs}>{content}</text>")
    parts.append("</g>")
    return "".join(parts)
