"""The layout the writer splices by, recorded while the plan is parsed (``yamlsafe.parse_for_edit``).

It must be exactly the layout a separate walk of the parser's events gives (``Layout(text)``): the same
start, end, style and flow of every node and key, the same last lines and list indentation. Scalars stay
the parser's events until an edit looks at them; these tests look at all of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samkit.plan.layout import Layout, Node, YamlPath
from samkit.plan.yamlsafe import parse_for_edit, parse_yaml

REPO = Path(__file__).resolve().parents[2]

SHAPES = {
    "block scalars and comments": (
        "account:\n  name: Acme  # the legal name\n  manager: Maria Rodriguez\n"
        "notes: |\n  first line\n  second line\n\nrisks:\n  - description: >\n      folded\n      text\n"
        "    mitigation: []\n"
    ),
    "flow collections": "account: {name: Acme, manager: M}\nstakeholders: [{name: Ann, notes: [a, 'b, c']}]\n",
    "empty values and quoting": "account:\n  name: \"Acme\"\n  manager: 'M'\n  industry:\nstakeholders:\n- name: Ann\n",
    "windows line ends": "account:\r\n  name: Acme\r\n  manager: M\r\nstakeholders:\r\n  - name: Ann\r\n",
    "no final line break": "account:\n  name: Acme\n  manager: M\nopportunities:\n  - name: X\n    value: $5K",
    "lists at the key's column": "account:\n  name: Acme\n  manager: M\nstakeholders:\n- name: Ann\n  notes:\n  - met\n",
}


def _texts() -> list[tuple[str, str]]:
    bundled = [(path.name, path.read_text(encoding="utf-8")) for path in sorted((REPO / "plans").glob("*.yaml"))]
    return bundled + list(SHAPES.items())


def _brute_last_lines(layout: Layout) -> dict[YamlPath, int]:
    """Every node's last line given to every prefix of its path: the definition, at any cost."""
    last: dict[YamlPath, int] = {}
    for table in (layout.values, layout.keys):
        for path, node in table.items():
            if node.empty and node.kind == "scalar":
                continue
            for size in range(len(path) + 1):
                last[path[:size]] = max(last.get(path[:size], -1), node.last_line)
    return last


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[name for name, _ in _texts()])
def test_the_recorded_layout_is_the_walked_layout(name: str, text: str) -> None:
    data, positions, recorded = parse_for_edit(text)
    assert (data, positions) == parse_yaml(text)
    walked = Layout(text)
    assert dict(recorded.values.items()) == walked.values
    assert dict(recorded.keys.items()) == walked.keys
    assert all(type(node) is Node for node in recorded.values.values())
    assert (recorded.line_starts, recorded.breaks) == (walked.line_starts, walked.breaks)


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[name for name, _ in _texts()])
def test_last_lines_and_list_indent_agree_with_their_definition(name: str, text: str) -> None:
    recorded = parse_for_edit(text)[2]  # its scalars not made Nodes yet: the fast path reads the events
    walked = Layout(text)
    assert recorded._last_lines == walked._last_lines == _brute_last_lines(walked)
    assert recorded.list_indent == walked.list_indent
    assert all(recorded.last_line(path) == walked.last_line(path) for path in walked.values)


def test_a_scalar_becomes_a_node_only_when_looked_up() -> None:
    text = SHAPES["empty values and quoting"]
    layout = parse_for_edit(text)[2]
    assert ("account", "name") in layout.values
    assert layout.values.get(("nowhere",)) is None
    node = layout.values[("account", "name")]
    assert node == Node(node.start, node.end, "scalar", '"')
    assert layout.values.get(("account", "name")) is node  # made once, then kept
    assert len(layout.values) == len(Layout(text).values)


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[name for name, _ in _texts()])
def test_a_settled_layout_keeps_no_event_and_is_the_walked_layout(name: str, text: str) -> None:
    """Held while other plans are read (``importers.session``), a layout swaps the parser's events for tuples."""
    settled = parse_for_edit(text)[2]
    settled.settle()
    assert all(type(node) in (Node, tuple) for node in settled.values._recorded.values())  # type: ignore[attr-defined]
    assert all(type(node) in (Node, tuple) for node in settled.keys._recorded.values())  # type: ignore[attr-defined]
    walked = Layout(text)
    assert settled._last_lines == walked._last_lines  # from the tuples, before any becomes a Node
    assert settled.list_indent == walked.list_indent
    assert dict(settled.values.items()) == walked.values
    assert dict(settled.keys.items()) == walked.keys
