"""``read_back`` gives ``parse_yaml``'s data, and refuses what it refuses: on the YAML test suite, the bundled
plans and each rule of the strict reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.readback import read_back
from samkit.plan.yamlsafe import MAX_DEPTH, YamlProblem, parse_yaml
from tests.conftest import PLANS
from tests.hostile.conftest import CORPORA


def both(text: str) -> tuple[Any, Any]:
    """What each reader makes of ``text``: its data, or ``YamlProblem`` when it refuses."""
    results = []
    for reader in (lambda text: parse_yaml(text)[0], read_back):
        try:
            results.append(reader(text))
        except YamlProblem:
            results.append(YamlProblem)
    return results[0], results[1]


def test_the_yaml_test_suite_reads_back_as_parse_yaml_reads_it() -> None:
    corpus = next((folder for folder in CORPORA if (folder / "yaml-test-suite.json").is_file()), None)
    if corpus is None:
        pytest.skip("the shared corpora are not beside this clone")
    cases = json.loads((corpus / "yaml-test-suite.json").read_text(encoding="utf-8"))["tests"]
    read, refused = 0, 0
    for case_id, case in cases.items():
        strict, lean = both(str(case["yaml"]))
        assert lean == strict, case_id
        read, refused = read + (strict is not YamlProblem), refused + (strict is YamlProblem)
    assert read > 100 and refused > 100  # both sides of the agreement were exercised


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.yaml")), ids=lambda path: path.name)
def test_every_bundled_plan_reads_back_as_parsed(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    assert read_back(text) == parse_yaml(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a repeated key
        "<<: {a: 1}\n",  # a merge key
        "a: &x 1\nb: 2\n",  # an anchor on a value
        "a: &x [1]\n",  # an anchor on a list
        "a: [1]\nb: *x\n",  # an alias
        "a: !!str 1\n",  # a tag on a value
        "a: !!map {b: 1}\n",  # a tag on a mapping
        "a: 1\n---\nb: 2\n",  # a second document
        "",  # nothing
        "# only a comment\n",
        "? [a]\n: 1\n",  # a list as a key
        "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",  # too deep
        "a: 2026-02-30\n",  # no such day
        "a: 1" + "0" * 200 + "\n",  # too large a number
        "a: [1\n",  # not YAML
    ],
)
def test_what_parse_yaml_refuses_read_back_refuses(text: str) -> None:
    assert both(text) == (YamlProblem, YamlProblem)


def test_keys_stay_text_and_values_are_typed_alike() -> None:
    text = "1: yes\ntrue: 2026-01-08\nnull: [1.5, ~, 'x', null]\nnested:\n  - {a: 1}\n  - []\n"
    strict, lean = both(text)
    assert lean == strict
    assert list(lean) == ["1", "true", "null", "nested"]
