"""The "YAML rules" of plan-format.md, one test (or more) per bullet, on the strict reader and the loader."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from samkit.findings import SCHEMA, SYNTAX
from samkit.plan.loader import load_plan, load_text
from samkit.plan.yamlsafe import MAX_BYTES, YamlProblem, decode, parse_yaml

PLAN_HEAD = "account:\n  name: Acme\n  manager: Maria Rodriguez\n"


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    return caught.value


def test_uses_libyaml_when_present() -> None:
    import samkit.plan.yamlsafe as yamlsafe

    if yaml.__with_libyaml__:
        assert yamlsafe._Loader is yaml.CSafeLoader


# ---------------------------------------------------------------- implicit typing off


@pytest.mark.parametrize(
    "text", ["NO", "no", "off", "On", "yes", "Y", "02134", "1:30", "0x1F", "0o17", "1_000", ".inf"]
)
def test_yaml_1_1_implicit_types_stay_strings(text: str) -> None:
    data, _ = parse_yaml(f"value: {text}\n")
    assert data == {"value": text}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("42", 42),
        ("-3", -3),
        ("0", 0),
        ("4.2", Decimal("4.2")),
        ("1.5e3", Decimal(1500)),
        ("1e5", Decimal(100000)),
        (".5", Decimal("0.5")),
        ("2026-01-08", date(2026, 1, 8)),
    ],
)
def test_only_bools_nulls_decimal_numbers_and_iso_dates_are_typed(text: str, value: object) -> None:
    data, _ = parse_yaml(f"value: {text}\n")
    assert data == {"value": value}
    assert type(data["value"]) is type(value)


@pytest.mark.parametrize("text", ["9" * 5000, "1.0e999999999", "1.0e-999999999", "0." + "1" * 200])
def test_absurd_numbers_are_refused_not_built(text: str) -> None:
    # int("9" * 5000) raises in Python 3.11 and Decimal 1e999999999 would hang any int() or f"{:f}" later
    started = time.perf_counter()
    loaded = load_text(PLAN_HEAD + f"state:\n  avg_resolution_hours: {text}\n", "numbers.yaml")
    assert time.perf_counter() - started < 1.0
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert "too large or too precise a number" in finding.message
    assert (finding.line, finding.column) == (5, 25)


def test_floats_are_exact_decimals() -> None:
    data, _ = parse_yaml("a: 0.1\nb: 0.2\n")
    assert data["a"] + data["b"] == Decimal("0.3")


def test_quoted_values_are_always_strings() -> None:
    data, _ = parse_yaml("a: 'true'\nb: \"42\"\nc: '2026-02-30'\n")
    assert data == {"a": "true", "b": "42", "c": "2026-02-30"}


def test_keys_stay_text() -> None:
    data, _ = parse_yaml("yes: 1\n1: 2\n")
    assert data == {"yes": 1, "1": 2}


def test_norway_in_a_plan_stays_text(write_plan: Callable[..., Path]) -> None:
    path = write_plan(PLAN_HEAD + "  industry: NO\n  executive_sponsor: off\n")
    loaded = load_plan(path)
    assert loaded.plan is not None
    assert loaded.plan.account.industry == "NO"
    assert loaded.plan.account.executive_sponsor == "off"


# ---------------------------------------------------------------- duplicate keys


def test_duplicate_key_names_the_key_and_both_lines() -> None:
    found = problem("a: 1\nb: 2\na: 3\n")
    assert "duplicate key 'a'" in found.message
    assert "line 1" in found.message
    assert "line 3" in found.message
    assert (found.line, found.column) == (3, 1)


def test_duplicate_key_in_a_list_item_of_a_plan() -> None:
    text = PLAN_HEAD + ("stakeholders:\n  - name: Jennifer Wu\n    relationship: strong\n    relationship: weak\n")
    loaded = load_text(text, "dup.yaml")
    assert loaded.plan is None
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert (finding.line, finding.column) == (7, 5)
    assert "duplicate key 'relationship': first on line 6, again on line 7" in finding.message


def test_same_key_in_different_mappings_is_fine() -> None:
    data, _ = parse_yaml("a:\n  name: x\nb:\n  name: y\n")
    assert data == {"a": {"name": "x"}, "b": {"name": "y"}}


# ---------------------------------------------------------------- anchors, aliases, merge keys, tags


def test_anchor_rejected() -> None:
    found = problem("a: &x 1\n")
    assert "anchors and aliases" in found.message
    assert (found.line, found.column) == (1, 4)


def test_alias_rejected() -> None:
    found = problem("a: 1\nb: *x\n")
    assert "aliases (*x) are not allowed" in found.message
    assert found.line == 2


def test_merge_key_rejected() -> None:
    found = problem("a:\n  b: 1\nc:\n  <<: {b: 2}\n")
    assert "merge keys (<<) are not allowed" in found.message
    assert (found.line, found.column) == (4, 3)


def test_anchor_on_a_mapping_rejected() -> None:
    assert "anchors" in problem("base: &base\n  a: 1\n").message


def billion_laughs(levels: int = 10) -> str:
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, levels):
        previous = f"*lol{level - 1}"
        lines.append(f"lol{level}: &lol{level} [{', '.join([previous] * 10)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_fails_fast() -> None:
    # fully expanded this is 10**9 strings; it must be refused at the first anchor, not built
    text = billion_laughs()
    started = time.perf_counter()
    loaded = load_text(text, "bomb.yaml")
    elapsed = time.perf_counter() - started
    assert loaded.plan is None
    assert loaded.findings[0].code == SYNTAX
    assert "anchors and aliases" in loaded.findings[0].message
    assert elapsed < 1.0


@pytest.mark.parametrize("text", ["a: !!str 5\n", "a: !foo bar\n", "a: !!map {b: 1}\n", "a: !!python/object x\n"])
def test_explicit_tags_rejected(text: str) -> None:
    assert "explicit tags" in problem(text).message


# ---------------------------------------------------------------- encoding, size, emptiness


def test_bom_is_tolerated() -> None:
    loaded = load_text(b"\xef\xbb\xbf" + PLAN_HEAD.encode(), "bom.yaml")
    assert loaded.plan is not None
    assert loaded.plan.account.name == "Acme"


def test_bom_in_text_is_tolerated() -> None:
    assert load_text("\ufeff" + PLAN_HEAD).ok


def test_non_utf8_is_rejected_with_its_position() -> None:
    raw = (PLAN_HEAD + "  industry: Caf\xe9\n").encode("latin-1")
    loaded = load_text(raw, "latin1.yaml")
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert "not UTF-8" in finding.message
    assert (finding.line, finding.column) == (4, 16)  # the é of "  industry: Café"


def test_utf16_is_rejected() -> None:
    loaded = load_text(PLAN_HEAD.encode("utf-16"), "utf16.yaml")
    assert loaded.plan is None
    assert loaded.findings[0].code == SYNTAX


@pytest.mark.parametrize("raw", [b"\x00\x01\x02\x03", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256))])
def test_binary_files_rejected_cleanly(raw: bytes) -> None:
    loaded = load_text(raw, "image.yaml")
    assert loaded.plan is None
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert "binary" in finding.message or "UTF-8" in finding.message


def test_file_over_one_mib_is_rejected_before_parsing(write_plan: Callable[..., Path]) -> None:
    # a valid plan padded with a comment: only the size can make it fail
    path = write_plan(PLAN_HEAD + "# " + "x" * MAX_BYTES + "\n")
    loaded = load_plan(path)
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert "1 MiB" in finding.message
    assert (finding.line, finding.column) == (1, 1)


def test_size_limit_also_applies_to_text_and_bytes() -> None:
    big = PLAN_HEAD + "#" * MAX_BYTES
    assert "1 MiB" in load_text(big).findings[0].message
    with pytest.raises(YamlProblem, match="1 MiB"):
        decode(big.encode())


def test_exactly_one_mib_is_allowed() -> None:
    padding = MAX_BYTES - len(PLAN_HEAD.encode()) - 2
    text = PLAN_HEAD + "#" + "x" * padding + "\n"
    assert len(text.encode()) == MAX_BYTES
    assert load_text(text.encode()).ok


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n", "null\n"])
def test_empty_file_is_not_a_plan(text: str) -> None:
    loaded = load_text(text, "empty.yaml")
    assert loaded.plan is None
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert "empty" in finding.message


def test_empty_sections_mean_empty() -> None:
    text = PLAN_HEAD + "context:\nstakeholders:\nstate:\nopportunities:\nrisks:\nactions:\n"
    loaded = load_text(text)
    assert loaded.plan is not None
    plan = loaded.plan
    assert (plan.stakeholders, plan.opportunities, plan.risks, plan.actions) == ([], [], [], [])
    assert plan.context.initiatives == []
    assert plan.state.health_score is None


def test_second_document_rejected() -> None:
    found = problem("a: 1\n---\nb: 2\n")
    assert "one YAML document" in found.message
    assert found.line == 2


# ---------------------------------------------------------------- dates and positions


def test_impossible_date_is_reported_with_its_line() -> None:
    text = PLAN_HEAD + "actions:\n  - due: 2026-02-30\n    action: Call the CFO\n"
    loaded = load_text(text, "dates.yaml")
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert "2026-02-30 is not a real date" in finding.message
    assert (finding.line, finding.column) == (5, 10)


def test_positions_are_one_based_for_values_and_keys() -> None:
    _, positions = parse_yaml("account:\n  name: Acme\nstakeholders:\n  - name: Jennifer Wu\n    title: CTO\n")
    assert positions.of() == positions.values[()]
    assert (positions.of("account", "name").line, positions.of("account", "name").column) == (2, 9)
    assert (positions.of_key("account", "name").line, positions.of_key("account", "name").column) == (2, 3)
    assert (positions.of("stakeholders", 0).line, positions.of("stakeholders", 0).column) == (4, 5)
    assert (positions.of("stakeholders", 0, "title").line, positions.of("stakeholders", 0, "title").column) == (5, 12)
    assert (positions.of_key("stakeholders").line, positions.of_key("stakeholders").column) == (3, 1)


def test_position_of_an_unknown_path_falls_back_to_its_nearest_ancestor() -> None:
    _, positions = parse_yaml("account:\n  name: Acme\n")
    assert positions.of("account", "missing", 3) == positions.of("account")


def test_syntax_error_has_its_position() -> None:
    found = problem("account:\n  name: [Acme\n  manager: x\n")
    assert found.message.startswith("invalid YAML:")
    assert found.line >= 2


def test_tab_indentation_is_a_syntax_error_with_a_position() -> None:
    loaded = load_text("account:\n\tname: Acme\n", "tabs.yaml")
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert finding.line == 2


def test_complex_keys_rejected() -> None:
    assert "mapping key must be a plain value" in problem("? [a, b]\n: 1\n").message


def test_top_level_list_is_a_schema_problem() -> None:
    loaded = load_text("- a\n- b\n")
    assert [finding.code for finding in loaded.findings] == [SCHEMA]


@pytest.mark.parametrize("word", ["True", "TRUE", "False", "FALSE", "Null", "NULL"])
def test_only_lower_case_booleans_and_null_are_typed(word: str) -> None:
    data, _ = parse_yaml(f"industry: {word}\nflag: true\nnothing: null\n")
    assert data == {"industry": word, "flag": True, "nothing": None}
