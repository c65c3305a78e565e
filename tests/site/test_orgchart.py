"""The stakeholder map: geometry invariants for random org charts, then the SVG drawn from the layout."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samkit.site._orgchart_svg import box_lines
from samkit.site._svgtext import ELLIPSIS, text_width, xml_safe
from samkit.site.orgchart import (
    INFLUENCES,
    LEVELS,
    RELATIONSHIPS,
    SUPPORTS,
    Box,
    Layout,
    Person,
    layout,
    render_svg,
)
from tests.site.conftest import SVG, parse

DEPARTMENTS = ["Engineering", "engineering ", "Finance", "Security", "Ops", None, "Legal", "IT"]


@st.composite
def org_charts(draw: st.DrawFn) -> list[Person]:
    size = draw(st.sampled_from([1, 5, 20, 30, 60]))
    names = [f"Person {index}" for index in range(size)]
    people = []
    for name in names:
        boss = draw(st.one_of(st.none(), st.sampled_from(names), st.just("Nobody Here")))
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


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def _same_department_manager(people: list[Person]) -> dict[int, int]:
    """Who reports to whom inside a department, computed independently of the layout."""
    by_name = {}
    for index, person in enumerate(people):
        by_name.setdefault(person.name.casefold(), index)
    links = {}
    for index, person in enumerate(people):
        boss = by_name.get((person.reports_to or "").strip().casefold())
        dept = (person.department or "").strip().casefold()
        if boss is not None and boss != index and (people[boss].department or "").strip().casefold() == dept:
            links[index] = boss
    return links


def _cycles(links: dict[int, int]) -> list[set[int]]:
    found: list[set[int]] = []
    for start in links:
        seen: list[int] = []
        node: int | None = start
        while node is not None and node not in seen:
            seen.append(node)
            node = links.get(node)
        if node is not None:
            cycle = set(seen[seen.index(node) :])
            if cycle not in found:
                found.append(cycle)
    return found


def check_geometry(people: list[Person], result: Layout) -> None:
    boxes = result.boxes
    assert [box.person for box in boxes] == people  # everyone exactly once, in input order
    assert [box.index for box in boxes] == list(range(len(people)))
    for number, box in enumerate(boxes):
        assert box.x >= 0 and box.x + box.w <= result.width and box.y >= 0 and box.y + box.h <= result.height
        frame = result.frames[box.frame]
        assert frame.x <= box.x and box.x + box.w <= frame.x + frame.w
        assert frame.y + 30 <= box.y and box.y + box.h <= frame.y + frame.h  # below the heading
        department = (box.person.department or "").strip()
        assert frame.name.strip().casefold() == department.casefold() if department else frame.name == "No department"
        for other in boxes[number + 1 :]:
            assert not _overlap(box, other), (box, other)
    departments = {(person.department or "").strip().casefold() for person in people}
    assert len(result.frames) == len(departments)
    for number, frame in enumerate(result.frames):
        assert frame.x >= 0 and frame.x + frame.w <= result.width and frame.y + frame.h <= result.height
        for other in result.frames[number + 1 :]:
            assert frame.x + frame.w <= other.x or other.x + other.w <= frame.x
        members = {(box.person.department or "").strip().casefold() for box in boxes if box.frame == number}
        assert len(members) == 1
    for item in result.legend:
        assert item.x + item.w <= result.width
        assert all(item.y + item.h <= frame.y for frame in result.frames)
    links = _same_department_manager(people)
    cycles = _cycles(links)
    tree = {(edge.manager, edge.report) for edge in result.edges if edge.kind == "tree"}
    loops = [edge for edge in result.edges if edge.kind == "loop"]
    assert len(loops) == len(cycles)  # each loop is cut exactly once
    for report, boss in links.items():
        if (boss, report) in tree:
            assert boxes[boss].y + boxes[boss].h < boxes[report].y  # a manager sits above their reports
        else:
            assert any(report in cycle for cycle in cycles)
    for edge in result.edges:
        (x0, y0), (x1, y1) = edge.points[0], edge.points[-1]
        for (x, y), box in ((edge.points[0], boxes[edge.manager]), (edge.points[-1], boxes[edge.report])):
            assert box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h  # ends on the right boxes
        assert (x0, y0) != (x1, y1)


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


def test_a_manager_is_centred_over_their_reports() -> None:
    people = [Person("Boss", department="D")] + [
        Person(f"R{index}", department="D", reports_to="Boss") for index in range(3)
    ]
    boss, *reports = layout(people).boxes
    assert boss.x + boss.w // 2 == (reports[0].x + reports[-1].x + reports[-1].w) // 2
    assert len({report.y for report in reports}) == 1 and reports[0].x < reports[1].x < reports[2].x


def test_reporting_loops_do_not_hang_and_are_cut_once() -> None:
    people = [Person(name, department="D", reports_to=boss) for name, boss in [("A", "C"), ("B", "A"), ("C", "B")]]
    result = layout(people)
    check_geometry(people, result)
    assert [(edge.manager, edge.report, edge.kind) for edge in result.edges] == [
        (2, 0, "loop"),
        (0, 1, "tree"),
        (1, 2, "tree"),
    ]
    long_chain = [Person(f"P{index}", department="D", reports_to=f"P{index + 1}") for index in range(3000)]
    assert layout(long_chain).boxes[0].y > layout(long_chain).boxes[-1].y  # deeper than the recursion limit


def test_manager_in_another_department_draws_a_cross_edge() -> None:
    people = [Person("Cto", department="Engineering"), Person("Analyst", department="Security", reports_to="cto")]
    result = layout(people)
    assert [frame.name for frame in result.frames] == ["Engineering", "Security"]
    assert [edge.kind for edge in result.edges] == ["cross"]
    assert result.boxes[1].frame == 1


def test_people_without_reporting_lines_fill_a_grid_under_the_tree() -> None:
    people = [Person("Boss", department="D"), Person("Report", department="D", reports_to="Boss")]
    people += [Person(f"Loose {index}", department="D") for index in range(4)]
    result = layout(people)
    check_geometry(people, result)
    report_bottom = result.boxes[1].y + result.boxes[1].h
    assert all(box.y > report_bottom for box in result.boxes[2:])
    assert len({box.y for box in result.boxes[2:]}) == 2  # 2 x 2


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
    legend = [" ".join(group.itertext()) for group in root.iter(f"{SVG}g") if group.get("class") == "legend-item"]
    assert legend[:4] == ["Strong relationship", "Moderate relationship", "Weak relationship", "No relationship"]
    words = ["".join(text.itertext()) for text in _texts(root)]
    assert "▲ advocate · high influence" in words and "▽ skeptic" in words and "Departed" in words
    rects = {
        group.find(f"{SVG}title").text.split("\n")[0]: group.find(f"{SVG}rect")
        for group in root.iter(f"{SVG}g")
        if (group.get("class") or "").startswith("person")
    }
    assert rects["Raj"].get("stroke-dasharray") and not rects["Sarah"].get("stroke-dasharray")
    assert rects["Sarah"].get("fill") != rects["Raj"].get("fill")
    assert int(root.get("width", "0")) == layout(people).width  # natural size: big maps scroll, text never shrinks
    sizes = [int(text.get("font-size") or root.get("font-size") or 0) for text in _texts(root)]
    assert min(sizes) >= 11


def test_box_text_fits_its_box_and_keeps_full_text_in_title() -> None:
    person = Person(
        "Maximilian Alexander Featherstonehaugh-Cholmondeley",
        "Senior Executive Vice President " * 4,
        "D",
        covered_by="Someone With A Long Name Too",
    )
    result = layout([person])
    lines = box_lines(result.boxes[0])
    for _, size, bold, text in lines:
        assert text_width(text, size, bold=bold) <= result.boxes[0].w - 16
    assert lines[0][3].endswith(ELLIPSIS) and lines[2][3].endswith(ELLIPSIS)
    root = parse(render_svg(result))
    group = next(group for group in root.iter(f"{SVG}g") if group.get("class") == "person")
    assert group.find(f"{SVG}title").text.startswith(person.name + "\n" + person.title)


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
