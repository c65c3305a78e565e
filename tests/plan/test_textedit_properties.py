"""Property tests: random valid plans with comments, blank lines and quoting; random edits change exactly
the lines they should and nothing else."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samkit.plan.loader import load_text
from samkit.plan.model import Stakeholder
from samkit.plan.textedit import AppendListItem, PlanEdit, SetKey, SetScalar, apply_edits, format_scalar
from samkit.plan.yamlsafe import parse_yaml
from tests.conftest import SEED_PLAN

NOTES = "notes" in Stakeholder.model_fields
RELATIONSHIPS = ["strong", "moderate", "weak", "none"]
dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
# note texts that need every kind of quoting: colons, hashes, leading dashes, numbers, commas, non-ASCII
note_texts = st.one_of(
    st.sampled_from(["Call back", "2026-01-22: asked for ROI", "yes", "12", "- dash", "a, b", "#1 fan", "Café ☕"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20),
)


@dataclass
class Line:
    text: str
    content: bool  # False for the comment and blank lines the generator sprinkles in


def quoted(draw: st.DrawFn, text: str) -> str:
    style = draw(st.sampled_from(["plain", "single", "double"]))
    return {"plain": text, "single": f"'{text}'", "double": f'"{text}"'}[style]


def a_list(draw: st.DrawFn, indent: str, key: str) -> list[str]:
    """A list of strings as YAML lines: missing, block, flow or empty flow."""
    form = draw(st.sampled_from(["missing", "block", "flow", "empty"]))
    items = draw(st.lists(st.sampled_from(["Alpha", "Beta two", "Gamma"]), min_size=1, max_size=3))
    if form == "block":
        return [f"{indent}{key}:"] + [f"{indent}  - {item}" for item in items]
    if form == "flow":
        return [f"{indent}{key}: [{', '.join(items)}]"]
    return [f"{indent}{key}: []"] if form == "empty" else []


@st.composite
def plans(draw: st.DrawFn) -> str:
    lines = ["account:", "  name: Random Co", "  manager: Maria Rodriguez"]
    if draw(st.booleans()):
        lines.append("period: Q1 2026")
    if draw(st.booleans()):
        lines.append(f"last_reviewed: {draw(dates).isoformat()}")
    lines += ["context:", "  competition: Incumbent vendor", *a_list(draw, "  ", "initiatives")]
    lines.append("stakeholders:")
    for index in range(draw(st.integers(1, 4))):
        fields = [f"relationship: {quoted(draw, draw(st.sampled_from(RELATIONSHIPS)))}"]
        if draw(st.booleans()):
            fields.append(f"last_contact: {draw(dates).isoformat()}")
        if draw(st.booleans()):
            fields.append("title: VP Sales")
        person = [f"  - name: {quoted(draw, f'Person {index}')}"] + [
            "    " + field for field in draw(st.permutations(fields))
        ]
        if NOTES:
            person += a_list(draw, "    ", "notes")
        lines += person
    if draw(st.booleans()):
        lines += ["risks:", "  - risk: Budget freeze", "    severity: high"]
    # sprinkle comment lines (any indentation) and blank lines between lines, and trailing comments on some
    out: list[Line] = []
    for line in lines:
        for _ in range(draw(st.integers(0, 2))):
            out.append(Line(draw(st.sampled_from(["", "# note", "    # indented", "  #"])), content=False))
        if draw(st.integers(0, 4)) == 0 and not line.endswith(":"):
            line += "   # trailing"
        out.append(Line(line, content=True))
    if draw(st.booleans()):
        out.append(Line("# the end", content=False))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))  # Unix, Windows, classic Mac OS
    text = eol.join(line.text for line in out)
    return text if draw(st.booleans()) else text + eol


@st.composite
def edits_for(draw: st.DrawFn, data: dict[str, Any]) -> PlanEdit:
    index = draw(st.integers(0, len(data["stakeholders"]) - 1))
    person = ("stakeholders", index)
    kind = draw(st.sampled_from(["last_contact", "relationship", "note", "last_reviewed"]))
    if kind == "last_contact":
        return SetKey(person, "last_contact", draw(dates))
    if kind == "relationship":
        return SetScalar((*person, "relationship"), draw(st.sampled_from(RELATIONSHIPS)))
    if kind == "note":
        item = person if NOTES else ("context",)
        return AppendListItem(item, "notes" if NOTES else "initiatives", draw(note_texts))
    return SetKey((), "last_reviewed", draw(dates), after=("period",))


def eol_of(text: str) -> str:
    """The line break a generated plan was written with (``plans`` uses one throughout)."""
    return "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"


def lines_of(text: str) -> list[str]:
    # a missing final newline would show as a changed last line; compare as if it were there
    eol = eol_of(text)
    return (text if text.endswith(eol) else text + eol).splitlines(keepends=True)


def check_one(before: str, edit: PlanEdit) -> str:
    after = apply_edits(before, [edit])
    assert load_text(after).ok
    old_data, new_data = parse_yaml(before)[0], parse_yaml(after)[0]
    old, new = lines_of(before), lines_of(after)
    ops = [
        (op, old[a:b], new[c:d], c)
        for op, a, b, c, d in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if op != "equal"
    ]
    eol = eol_of(before)
    if isinstance(edit, SetScalar) or (isinstance(edit, SetKey) and edit.key in _at(old_data, edit.item_path)):
        path = edit.path if isinstance(edit, SetScalar) else (*edit.item_path, edit.key)
        _set(old_data, path, edit.value)
        assert new_data == old_data
        if not ops:  # the value was already there
            assert before == after
            return after
        ((op, removed, added, _),) = ops
        assert op == "replace" and len(removed) == len(added) == 1
        key = f"{path[-1]}: "
        assert removed[0].split(key)[0] == added[0].split(key)[0]  # indentation and key untouched
        assert key in added[0] and format_scalar(edit.value).strip("'\"") in added[0]
        assert ("# trailing" in removed[0]) == ("# trailing" in added[0])
        return after
    if isinstance(edit, SetKey):
        _at(old_data, edit.item_path)[edit.key] = edit.value
        assert new_data == old_data
        ((op, removed, added, at),) = ops
        indent = "    " if edit.item_path else ""
        assert (op, removed, added) == ("insert", [], [f"{indent}{edit.key}: {format_scalar(edit.value)}{eol}"])
        assert not new[at - 1].lstrip().startswith("#") and new[at - 1].strip()  # right after a content line
        return after
    assert isinstance(edit, AppendListItem)
    item = _at(old_data, edit.item_path)
    item[edit.key] = [*(item.get(edit.key) or []), edit.text]
    assert new_data == old_data
    ((op, removed, added, _),) = ops
    if op == "replace":  # a flow list grew on its own line
        assert len(removed) == len(added) == 1 and removed[0].split("[")[0] == added[0].split("[")[0]
    else:
        assert op == "insert" and not removed and 1 <= len(added) <= 2
        assert added[-1].lstrip().startswith("- ") and added[-1].endswith(eol)
    return after


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    _at(data, path[:-1])[path[-1]] = value


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edits_change_exactly_the_expected_lines(data: st.DataObject) -> None:
    text = data.draw(plans())
    assert load_text(text).ok, text
    eol = eol_of(text)
    for _ in range(data.draw(st.integers(1, 4))):
        edit = data.draw(edits_for(parse_yaml(text)[0]))
        text = check_one(text, edit)
    assert set(re.findall(r"\r\n|\r|\n", text)) <= {eol}  # every line, old and new, ends as the file did


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_random_edits_on_the_seed_plan(data: st.DataObject) -> None:
    text = SEED_PLAN.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        text = check_one(text, data.draw(edits_for(parse_yaml(text)[0])))


@given(st.text(st.sampled_from("0123456789aAbeEfFxXnNoOyYlLtTrRuUsS"), min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_a_run_of_letters_and_digits_reads_back_as_written(text: str) -> None:
    """``format_scalar`` writes such a run without parsing it back: the reader must agree, for every
    spelling near a number, a bool or a null (0x1F, 1e5, 012, True, NULL, yes, n)."""
    written = format_scalar(text)
    assert parse_yaml(f"k: {written}\n")[0] == {"k": text}
    assert parse_yaml(f"k:\n  - {written}\n")[0] == {"k": [text]}
