"""The stakeholder map: geometry invariants for random org charts, then the SVG drawn from the layout."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samkit.site._orgchart_model import BOX_H, BOX_W, MAX_BOX_W, MAX_NAME_LINES
from samkit.site._orgchart_svg import box_lines
from samkit.site._svgtext import ELLIPSIS, display, text_width, wrap_whole, xml_safe
from samkit.site.orgchart import (
    INFLUENCES,
    LEVELS,
    MAX_WIDTH,
    RELATIONSHIPS,
    SUPPORTS,
    Box,
    Edge,
    Layout,
    Person,
    layout,
    render_svg,
)
from tests.site.conftest import SVG, parse

DEPARTMENTS = ["Engineering", "engineering ", "Finance", "Security", "Ops", None, "Legal", "IT"]
# long names that differ only at their end, as two people of one account may be called
LONG_NAMES = ["Maria Fernanda Rodriguez-Castellanos", "Maria Fernanda Rodriguez-Castellanas"]


@st.composite
def org_charts(draw: st.DrawFn) -> list[Person]:
    size = draw(st.sampled_from([1, 5, 20, 30, 60]))
    names = [f"Person {index}" for index in range(size)]
    people = []
    for number, name in enumerate(names):
        # someone earlier (reporting lines form trees: a plan whose lines loop does not load), nobody, or a
        # name not in the map
        earlier = st.sampled_from(names[:number]) if number else st.none()
        boss = draw(st.one_of(st.none(), earlier, st.just("Nobody Here")))
        people.append(
            Person(
                name=name,
                title=draw(st.sampled_from([None, "CTO", "VP of Very Long Titles And Even Longer Responsibilities"])),
                department=draw(st.sampled_from(DEPARTMENTS[: draw(st.integers(1, len(DEPARTMENTS)))])),
                level=draw(st.sampled_from(LEVELS)),
                relationship=draw(st.sampled_from(RELATIONSHIPS)),
                support=draw(st.sampled_from([None, *SUPPORTS])),
                influence=draw(st.sampled_from([None, *INFLUENCES])),
                departed=draw(st.booleans()),
                reports_to=boss.upper() if boss and draw(st.booleans()) else boss,
                covered_by=draw(st.sampled_from([None, "Maria Rodriguez"])),
            )
        )
    return people


@st.composite
def reporting_trees(draw: st.DrawFn) -> list[Person]:
    """Forests: each person reports to someone earlier (or to nobody); wide or deep by chance."""
    size = draw(st.integers(1, 60))
    fan_out = draw(st.sampled_from([1, 3, 8, 60]))
    # now and then a long name (wrapped, widening every box) or a very long one (cut in its middle)
    suffix = draw(st.sampled_from(["", "", " Rodriguez-Castellanos", " Featherstonehaugh-Cholmondeley" * 4]))
    names = [f"P{index}{suffix if index % 3 == 1 else ''}" for index in range(size)]
    people = []
    for index in range(size):
        boss = None
        if index and draw(st.integers(0, 9)) > 0:
            boss = names[draw(st.integers(max(0, index - fan_out), index - 1))]
        department = draw(st.sampled_from(DEPARTMENTS[:6]))
        people.append(Person(names[index], title="Director", department=department, reports_to=boss))
    return people


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


Segment = tuple[tuple[int, int], tuple[int, int]]


def _segments(points: tuple[tuple[int, int], ...]) -> list[Segment]:
    return list(pairwise(points))


def _segment_meets_rect(segment: Segment, x: int, y: int, w: int, h: int, *, interior: bool) -> bool:
    """Whether an axis-parallel segment meets the rectangle (its inside only, or inside and border)."""
    (x0, y0), (x1, y1) = segment
    left, right, top, bottom = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    if interior:  # a segment along the border, or ending on it, does not count
        return left < x + w and x < right and top < y + h and y < bottom
    return left <= x + w and x <= right and top <= y + h and y <= bottom


def _segments_touch(a: Segment, b: Segment) -> bool:
    (ax0, ay0), (ax1, ay1) = a
    (bx0, by0), (bx1, by1) = b
    return (
        min(ax0, ax1) <= max(bx0, bx1)
        and min(bx0, bx1) <= max(ax0, ax1)
        and min(ay0, ay1) <= max(by0, by1)
        and min(by0, by1) <= max(ay0, ay1)
    )


def _managers(people: list[Person]) -> dict[int, int]:
    """Who reports to whom, computed independently of the layout (whatever the departments)."""
    by_name: dict[str, int] = {}
    for index, person in enumerate(people):
        by_name.setdefault(person.name.strip().casefold(), index)
    links = {}
    for index, person in enumerate(people):
        boss = by_name.get((person.reports_to or "").strip().casefold())
        if person.reports_to is not None and boss is not None and boss != index:
            links[index] = boss
    return links


def check_geometry(people: list[Person], result: Layout) -> None:
    """Every invariant of an org chart's layout, one group at a time."""
    _check_boxes(people, result)
    _check_box_text(result)
    links = _managers(people)
    drawn = _check_reporting_lines(result, links)
    _check_department_frames(result, links)
    _check_connectors(result, drawn)


def _check_boxes(people: list[Person], result: Layout) -> None:
    """Everyone once, in input order, inside the drawing, under the legend, without overlaps."""
    boxes = result.boxes
    assert [box.person for box in boxes] == people  # everyone exactly once, in input order
    assert [box.index for box in boxes] == list(range(len(people)))
    keys = list(dict.fromkeys((person.department or "").strip().casefold() for person in people))
    assert len(result.departments) == len(keys)
    for number, box in enumerate(boxes):
        assert box.x >= 0 and box.x + box.w <= result.width and box.y >= 0 and box.y + box.h <= result.height
        department = (box.person.department or "").strip()
        shown = result.departments[box.department]
        assert shown.casefold() == department.casefold() if department else shown == "No department"
        for other in boxes[number + 1 :]:
            assert not _overlap(box, other), (box, other)
    legend_bottom = max((item.y + item.h for item in result.legend), default=0)
    for item in result.legend:
        assert item.x + item.w <= result.width
    assert all(legend_bottom <= box.y for box in boxes)
    if len(people) <= 60:
        assert result.width <= MAX_WIDTH  # fits the page column at 1400px


def _check_box_text(result: Layout) -> None:
    """One box size per map; every line of text inside its box; each name whole (or, beyond its lines, its
    start and its end), so two different names never read the same."""
    assert len({(box.w, box.h) for box in result.boxes}) <= 1
    for box in result.boxes:
        assert BOX_W <= box.w <= MAX_BOX_W and box.h >= BOX_H
        lines = box_lines(box, result.departments)
        for offset, size, bold, text in lines:
            assert text_width(text, size, bold=bold) <= box.w - 16 + 1e-6, (box.person.name, text)
            assert offset <= box.h - 4
        names = [text for _, _, bold, text in lines if bold]
        shown = display(box.person.name)
        if len(names) < MAX_NAME_LINES or not names[-1].startswith(ELLIPSIS):
            assert _joined(names, shown) == shown
        else:
            assert shown.startswith(" ".join(names[:-1]).split(" ")[0]) and shown.endswith(names[-1][1:])


def _joined(lines: list[str], text: str) -> str:
    """``lines`` joined back as ``wrap_whole`` broke ``text``: with a space where the text has one."""
    joined = ""
    for line in lines:
        if joined and text[len(joined) : len(joined) + 1] == " ":
            joined += " "
        joined += line
    return joined


def _check_reporting_lines(result: Layout, links: dict[int, int]) -> dict[tuple[int, int], Edge]:
    """Each reporting line drawn, downwards; returns them."""
    boxes = result.boxes
    drawn = {(edge.manager, edge.report): edge for edge in result.edges}
    assert set(drawn) == {(boss, report) for report, boss in links.items()}
    for boss, report in drawn:
        assert boxes[boss].y + boxes[boss].h < boxes[report].y  # every report below their manager
    return drawn


def _check_department_frames(result: Layout, links: dict[int, int]) -> None:
    """Department frames hold only people with no reporting line, of that department, under the heading."""
    boxes = result.boxes
    for frame in result.frames:
        members = [
            box
            for box in boxes
            if frame.x <= box.x
            and box.x + box.w <= frame.x + frame.w
            and frame.y <= box.y
            and box.y + box.h <= frame.y + frame.h
        ]
        assert members and all(box.department == frame.department for box in members)
        assert all(frame.y + 30 <= box.y for box in members)  # under the heading
        assert all(index not in links.values() and index not in links for index in (box.index for box in members))
        for other in result.frames:
            assert other is frame or not _overlap(frame, other)


def _check_connectors(result: Layout, drawn: dict[tuple[int, int], Edge]) -> None:
    """Connectors leave the manager's bottom, arrive on the report's top, stay orthogonal and clear."""
    boxes = result.boxes
    for edge in drawn.values():
        manager, report = boxes[edge.manager], boxes[edge.report]
        (x0, y0), (x1, y1) = edge.points[0], edge.points[-1]
        assert y0 == manager.y + manager.h and manager.x < x0 < manager.x + manager.w  # leaves the bottom side
        assert y1 == report.y and report.x < x1 < report.x + report.w  # arrives on the top side, downwards
        assert edge.points[-2][0] == x1 and edge.points[-2][1] < y1
        for segment in _segments(edge.points):
            (sx0, sy0), (sx1, sy1) = segment
            assert sx0 == sx1 or sy0 == sy1  # orthogonal
            for box in boxes:
                own = box.index in (edge.manager, edge.report)
                assert not _segment_meets_rect(segment, box.x, box.y, box.w, box.h, interior=own), (edge, box)
            for frame in result.frames:
                assert not _segment_meets_rect(segment, frame.x, frame.y, frame.w, frame.h, interior=False)
    edges = list(drawn.values())
    for number, edge in enumerate(edges):
        for other in edges[number + 1 :]:
            if other.manager == edge.manager:
                continue
            for a in _segments(edge.points):
                for b in _segments(other.points):
                    assert not _segments_touch(a, b), (edge, other)  # different managers' lines never meet


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(org_charts())
def test_random_org_charts_keep_their_geometry(people: list[Person]) -> None:
    result = layout(people)
    check_geometry(people, result)
    svg = render_svg(result)
    root = parse(svg)
    assert svg == render_svg(layout(list(people)))  # deterministic
    assert len([group for group in root.iter(f"{SVG}g") if (group.get("class") or "").startswith("person")]) == len(
        people
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reporting_trees())
def test_random_trees_and_forests_keep_their_geometry(people: list[Person]) -> None:
    check_geometry(people, layout(people))


def test_a_manager_is_centred_over_their_reports() -> None:
    people = [Person("Boss", department="D")] + [
        Person(f"R{index}", department="D", reports_to="Boss") for index in range(3)
    ]
    boss, *reports = layout(people).boxes
    assert boss.x + boss.w // 2 == (reports[0].x + reports[-1].x + reports[-1].w) // 2
    assert len({report.y for report in reports}) == 1 and reports[0].x < reports[1].x < reports[2].x


def test_the_c_suite_sits_above_their_reports_whatever_the_departments() -> None:
    people = [
        Person("Chief Executive", "CEO", "Executive", "c_suite"),
        Person("Finance Chief", "CFO", "Finance", "c_suite", reports_to="Chief Executive"),
        Person("Info Chief", "CIO", "IT", "c_suite", reports_to="chief executive "),
        Person("Ops Chief", "COO", "Operations", "c_suite", reports_to="Chief Executive"),
        Person("Buyer", "Procurement lead", "Procurement", reports_to="Ops Chief"),
    ]
    result = layout(people)
    check_geometry(people, result)
    ceo, cfo, cio, coo, buyer = result.boxes
    assert cfo.y == cio.y == coo.y > ceo.y + ceo.h and buyer.y > coo.y + coo.h  # a tree, not a flat chain
    assert cfo.x < cio.x < coo.x
    assert result.frames == ()
    assert result.departments == ("Executive", "Finance", "IT", "Operations", "Procurement")


def test_a_wide_level_wraps_into_rows_that_fit_the_page() -> None:
    people = [Person("Boss", department="D")] + [
        Person(f"R{index}", department="D", reports_to="Boss") for index in range(14)
    ]
    result = layout(people)
    check_geometry(people, result)
    assert result.width <= MAX_WIDTH
    assert len({box.y for box in result.boxes[1:]}) > 1  # more than one row of reports


def test_a_big_account_fits_the_page_column() -> None:
    people = [Person("CEO", department="Executive", level="c_suite")]
    for unit in range(6):
        people.append(Person(f"VP {unit}", department=f"Unit {unit}", reports_to="CEO"))
        people += [
            Person(f"Staff {unit}.{index}", department=f"Unit {unit}", reports_to=f"VP {unit}") for index in range(8)
        ]
    people += [Person(f"Loose {index}", department=f"Unit {index % 6}") for index in range(5)]
    result = layout(people)
    check_geometry(people, result)
    assert len(people) == 60 and result.width <= MAX_WIDTH


def test_a_reporting_loop_is_refused_and_a_long_chain_is_laid_out() -> None:
    # the plan loader rejects loops (and self-reporting): a map never has one, and layout says so if given one
    people = [Person(name, department="D", reports_to=boss) for name, boss in [("A", "C"), ("B", "A"), ("C", "B")]]
    with pytest.raises(ValueError, match="'A' is in or under a reporting loop"):
        layout([Person("Top"), *people])
    with pytest.raises(ValueError, match="reporting loop"):
        layout([Person("Self", reports_to="self ")])
    long_chain = [Person(f"P{index}", department="D", reports_to=f"P{index + 1}") for index in range(3000)]
    assert layout(long_chain).boxes[0].y > layout(long_chain).boxes[-1].y  # deeper than the recursion limit


def test_people_without_reporting_lines_are_grouped_by_department() -> None:
    people = [Person("Boss", department="D"), Person("Report", department="D", reports_to="Boss")]
    people += [Person(f"Loose {index}", department="D" if index % 2 else "E") for index in range(4)]
    result = layout(people)
    check_geometry(people, result)
    assert [frame.name for frame in result.frames] == [
        "E: no reporting line in the map",
        "D: no reporting line in the map",
    ]


def test_unknown_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="relationship 'great'"):
        Person("X", relationship="great")
    with pytest.raises(ValueError, match="support 'fan'"):
        Person("X", support="fan")


def test_empty_map_still_has_a_legend_and_a_note() -> None:
    result = layout([])
    root = parse(render_svg(result))
    assert result.boxes == () and result.frames == ()
    assert "No stakeholders" in [text.text for text in root.iter(f"{SVG}text")]


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def test_render_shows_legend_support_words_and_departed_outline() -> None:
    people = [
        Person("Sarah", "CTO", "Eng", "c_suite", "strong", "advocate", "high", covered_by="Maria"),
        Person("Raj", "VP", "Eng", "vp", "weak", "skeptic", None, departed=True, reports_to="Sarah"),
    ]
    root = parse(render_svg(layout(people), title="Map of Acme"))
    assert root.find(f"{SVG}title").text == "Map of Acme"
    desc = root.find(f"{SVG}desc").text or ""
    assert "Sarah (CTO, Eng): strong relationship, advocate, high influence, covered by Maria." in desc
    assert "Raj (VP, Eng): weak relationship, skeptic, reports to Sarah, departed." in desc
    legend = [
        "".join(group.find(f"{SVG}text").itertext())
        for group in root.iter(f"{SVG}g")
        if (group.get("class") or "").startswith("legend-item")
    ]
    assert legend[:4] == ["Strong relationship", "Moderate relationship", "Weak relationship", "No relationship"]
    assert "Stance: ▲ advocate △ supporter" in legend and "◇ neutral ▽ skeptic ▼ opponent" in legend and "Eng" in legend
    assert any(item.startswith("Owner") for item in legend) and any(item.startswith("Departed") for item in legend)
    words = ["".join(text.itertext()) for text in _texts(root)]
    assert "▲ advocate · high influence" in words and "▽ skeptic" in words and "Departed" in words
    assert "Owner: Maria" in words and words.count("Eng") == 3  # the legend and each box
    rects = {
        group.find(f"{SVG}title").text.split("\n")[0]: group.find(f"{SVG}rect")
        for group in root.iter(f"{SVG}g")
        if (group.get("class") or "").startswith("person")
    }
    assert rects["Raj"].get("stroke-dasharray") and not rects["Sarah"].get("stroke-dasharray")
    assert rects["Sarah"].get("fill") != rects["Raj"].get("fill")
    assert int(root.get("width", "0")) == layout(people).width  # natural size: big maps scroll, text never shrinks
    sizes = [int(text.get("font-size") or root.get("font-size") or 0) for text in _texts(root)]
    assert min(sizes) >= 12


def test_box_text_fits_its_box_and_keeps_full_text_in_title() -> None:
    person = Person(
        "Maximilian Alexander Featherstonehaugh-Cholmondeley",
        "Senior Executive Vice President " * 4,
        "D",
        covered_by="Someone With A Long Name Too",
    )
    result = layout([person])
    box = result.boxes[0]
    lines = box_lines(box)
    for _, size, bold, text in lines:
        assert text_width(text, size, bold=bold) <= box.w - 16
    # the name is never cut: the widest box, and a second line; the title, longer than two lines, is
    assert box.w == MAX_BOX_W and box.h == BOX_H + 16
    assert [text for _, _, bold, text in lines if bold] == ["Maximilian Alexander", "Featherstonehaugh-Cholmondeley"]
    assert lines[3][3].endswith(ELLIPSIS)
    root = parse(render_svg(result))
    group = next(group for group in root.iter(f"{SVG}g") if group.get("class") == "person")
    assert group.find(f"{SVG}title").text.startswith(person.name + "\n" + person.title)
    name = group.find(f"{SVG}text")
    assert name.get("class") == "name" and "".join(name.itertext()) == person.name
    assert [span.get("y") for span in name] == [str(box.y + 26), str(box.y + 42)]


def test_two_long_names_that_differ_at_the_end_are_both_shown_whole() -> None:
    people = [
        Person("Alexandra Konstantinopoulou-Smith", "CEO", "Executive", relationship="moderate"),
        Person(LONG_NAMES[0], "Chief Financial Officer", "Finance", reports_to="Alexandra Konstantinopoulou-Smith"),
        Person(
            LONG_NAMES[1],
            "Chief Procurement Officer and Head of Vendor Risk Management",
            "Procurement",
            reports_to="Alexandra Konstantinopoulou-Smith",
        ),
    ]
    result = layout(people)
    check_geometry(people, result)
    assert BOX_W < result.boxes[0].w <= MAX_BOX_W  # widened for the names, within the limit
    root = parse(render_svg(result))
    names = ["".join(text.itertext()) for text in root.iter(f"{SVG}text") if text.get("class") == "name"]
    assert names == [person.name for person in people]
    words = ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]
    assert ELLIPSIS not in "".join(words)  # the long title wraps whole in the wider box too


def test_a_name_too_long_for_its_lines_keeps_its_start_and_its_end() -> None:
    name = "Maria " + "Fernanda-" * 30 + "Castellanos"
    result = layout([Person(name), Person(name.replace("Castellanos", "Castellanas"))])
    check_geometry(list(result.boxes[i].person for i in range(2)), result)
    shown = [[text for _, _, bold, text in box_lines(box) if bold] for box in result.boxes]
    assert all(len(lines) == MAX_NAME_LINES for lines in shown)
    assert shown[0][0].startswith("Maria") and shown[0][-1].endswith("Castellanos")
    assert shown[1][-1].endswith("Castellanas")


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Maria Fernanda Rodriguez-Castellanos", 190, ["Maria Fernanda", "Rodriguez-Castellanos"]),
        ("Maria Fernanda Rodriguez-Castellanos", 260, ["Maria Fernanda", "Rodriguez-Castellanos"]),  # at a space
        ("Maria Fernanda Rodriguez-Castellanos", 150, ["Maria Fernanda", "Rodriguez-", "Castellanos"]),
        ("Featherstonehaugh", 60, ["Feather", "stoneha", "ugh"]),  # no space or hyphen: between characters
        ("", 100, []),
    ],
)
def test_wrap_whole_loses_nothing(text: str, width: int, expected: list[str]) -> None:
    lines = wrap_whole(text, width, 13, bold=True)
    assert lines == expected
    assert _joined(lines, text) == text
    assert all(text_width(line, 13, bold=True) <= width for line in lines)


def test_many_reports_of_one_person_use_the_width_of_the_page() -> None:
    people = [Person("Chief Exec", "CEO", "IT")] + [
        Person(f"Report {index:02d} With A Rather Long Name", "Director", "IT", reports_to="Chief Exec")
        for index in range(59)
    ]
    result = layout(people)
    check_geometry(people, result)
    rows: dict[int, int] = {}
    for box in result.boxes[1:]:
        rows[box.y] = rows.get(box.y, 0) + 1
    assert max(rows.values()) >= 4 and len(rows) <= 15  # not 30 rows of two
    assert result.width > MAX_WIDTH * 3 // 4


def test_naughty_strings_in_every_field(blns: list[str]) -> None:
    for start in range(0, len(blns), 30):
        chunk = blns[start : start + 30]
        people = [
            Person(f"{index} {text}", title=text, department=text[:3], reports_to=text, covered_by=text)
            for index, text in enumerate(chunk)
        ]
        result = layout(people)
        check_geometry(people, result)
        root = parse(render_svg(result, title=f"Map {chunk[0]}"))
        titles = [
            group.find(f"{SVG}title").text or "" for group in root.iter(f"{SVG}g") if group.get("class") == "person"
        ]
        assert [title.split("\n")[0] for title in titles] == [xml_safe(person.name).split("\n")[0] for person in people]
        desc = root.find(f"{SVG}desc").text or ""
        assert all(xml_safe(person.name) in desc for person in people)
