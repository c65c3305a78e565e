"""An edit that swaps one token for another is not read back (``tokenswap``): the data the writer then
validates must be exactly what the edited text parses as. Held to ``parse_yaml`` on every scalar of the YAML
test suite and the bundled plans, swapped for values of each type; and the swaps that must be read back."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samkit.plan import textedit, tokenswap
from samkit.plan.layout import Layout
from samkit.plan.textedit import SetKey, SetScalar, edit_text
from samkit.plan.tokenswap import swaps_one_token
from samkit.plan.yamlsafe import YamlProblem, parse_yaml
from tests.conftest import PLANS
from tests.hostile.conftest import CORPORA
from tests.plan.test_textedit_properties import edits_for, plans

# a value of each type a plan edit writes, as tokens and as not
NEW_VALUES: list[Any] = [
    date(2031, 7, 4),
    "Zeta-9",
    "two words",
    42,
    True,
    Decimal("1.5"),
    Decimal("5"),
    "2026-13-01",
    "1e3",
]


def same(got: Any, wanted: Any) -> bool:
    """Equal, and of the same type all the way down (``True == 1`` and ``Decimal(1) == 1`` are not the same)."""
    if type(got) is not type(wanted):
        return False
    if isinstance(got, dict):
        return list(got) == list(wanted) and all(same(got[key], wanted[key]) for key in got)
    if isinstance(got, list):
        return len(got) == len(wanted) and all(same(one, other) for one, other in zip(got, wanted, strict=True))
    return bool(got == wanted)


def scalar_paths(text: str) -> list[tuple[str | int, ...]]:
    layout = Layout(text)
    return [path for path, node in layout.values.items() if node.kind == "scalar"]


def check_every_swap(text: str) -> tuple[int, int]:
    """Each scalar of ``text`` set to each of ``NEW_VALUES``: where the writer would take the no-read-back way,
    what it says the result reads as is what ``parse_yaml`` reads (the other way reads back: ``test_readback``).
    The number of edits that took the no-read-back way, and of those that did not."""
    data, _ = parse_yaml(text)
    layout = Layout(text)
    swapped = declined = 0
    for path in scalar_paths(text):
        try:
            old = textedit._lookup(data, path)
        except (KeyError, IndexError, TypeError):
            continue  # a path through a key that is no text (the suite has those): no plan has them
        for new in NEW_VALUES:
            if not swaps_one_token(text, layout, path, old, new):
                declined += 1
                continue
            result, (said, _) = textedit._edit(text, [SetScalar(path, new)], data, layout)
            assert same(said, parse_yaml(result)[0]), (text, path, new)
            swapped += 1
    return swapped, declined


def test_every_swap_in_the_yaml_test_suite_reads_as_said() -> None:
    corpus = next((folder for folder in CORPORA if (folder / "yaml-test-suite.json").is_file()), None)
    if corpus is None:
        pytest.skip("the shared corpora are not beside this clone")
    cases = json.loads((corpus / "yaml-test-suite.json").read_text(encoding="utf-8"))["tests"]
    swapped = declined = 0
    for case in cases.values():
        text = str(case["yaml"])
        try:
            parse_yaml(text)
        except YamlProblem:
            continue
        one, other = check_every_swap(text)
        swapped, declined = swapped + one, declined + other
    assert swapped > 200 and declined > 200  # both ways were taken, many times


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.yaml")), ids=lambda path: path.name)
def test_every_swap_in_a_bundled_plan_reads_as_said(plan: Path) -> None:
    swapped, declined = check_every_swap(plan.read_text(encoding="utf-8"))
    assert swapped > 20 and declined > 20


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_plans_and_edits_read_as_said(data: st.DataObject) -> None:
    """Plans with comments, quoting, CRLF and flow lists; a few edits at once (dates, relationships, notes)."""
    text = data.draw(plans())
    parsed, _ = parse_yaml(text)
    edits = data.draw(st.lists(edits_for(parsed), min_size=1, max_size=3))
    try:
        result, (said, _) = textedit._edit(text, edits)
    except textedit.EditError:
        return  # refused: nothing claimed
    assert same(said, parse_yaml(result)[0])


def test_an_import_s_date_edit_takes_the_swap_and_keeps_every_other_byte() -> None:
    text = "stakeholders:\n  - name: Ana\n    last_contact: 2026-01-12   # from the CRM\n  - name: Bo\n"
    layout = Layout(text)
    assert swaps_one_token(text, layout, ("stakeholders", 0, "last_contact"), date(2026, 1, 12), date(2026, 2, 3))
    edited = edit_text(text, [SetKey(("stakeholders", 0), "last_contact", date(2026, 2, 3))])
    assert edited == text.replace("2026-01-12   #", "2026-02-03   #")


@pytest.mark.parametrize(
    ("text", "path", "new", "why"),
    [
        ("a: '2026-01-12'\n", ("a",), date(2026, 2, 3), "a quoted value keeps its quotes: text, not a date"),
        ("a: [2026-01-12]\n", ("a", 0), date(2026, 2, 3), "inside [...] a comma would matter"),
        ("a: {b: 2026-01-12}\n", ("a", "b"), date(2026, 2, 3), "inside {...} likewise"),
        ("a: old words\n", ("a",), "new", "the old value is no token"),
        ("a: old\n", ("a",), "new words", "the new value is no token"),
        ("a: old\n", ("a",), Decimal("5"), "5 reads as a whole number, not as this Decimal"),
        ("a: old\n", ("a",), "true", "the text 'true' is written quoted"),
        ("a:\n", ("a",), "new", "no value to swap: the value goes after the colon"),
        ("a: one\n  two\n", ("a",), "new", "a value over two lines"),
        ("old\n", (), "new", "the document is the value"),
        ("--- old\n", (), "new", "the document is the value, after its start"),
        ("a: |\n  old\n", ("a",), "new", "a block scalar"),
    ],
)
def test_what_is_read_back(text: str, path: tuple[str | int, ...], new: Any, why: str) -> None:
    data, _ = parse_yaml(text)
    assert not swaps_one_token(text, Layout(text), path, textedit._lookup(data, path), new), why


def test_a_layout_that_does_not_fit_the_text_is_not_trusted() -> None:
    # a writer bug handing over another text's layout: the old value's place is checked, not assumed
    misfit = Layout("a: 2026-01-12\n")
    assert not swaps_one_token("a: 2026-01-123\n", misfit, ("a",), date(2026, 1, 12), date(2026, 2, 3))
    assert not swaps_one_token("ab: 2026-01-12\n", misfit, ("a",), date(2026, 1, 12), date(2026, 2, 3))
    assert not swaps_one_token("a", misfit, ("a",), date(2026, 1, 12), date(2026, 2, 3))  # ends before the value
    assert swaps_one_token("a: 2026-01-12\n", misfit, ("a",), date(2026, 1, 12), date(2026, 2, 3))


def test_a_token_the_reader_refuses_reads_as_nothing() -> None:
    # no such day, a number too large: the reader refuses them, so no value is claimed for them
    assert not tokenswap._reads_exactly("2026-02-30", "2026-02-30")
    assert not tokenswap._reads_exactly("1" + "0" * 200, 10**200)
