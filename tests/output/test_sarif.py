"""SARIF as GitHub code scanning reads it: its limits, stable fingerprints, value extents, documentation links.

Every log here is also validated against the OASIS SARIF 2.1.0 schema (tests/data, a copy of the one in the
shared reference folder).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from samkit.output.sarif import GITHUB_DESCRIPTION_LIMIT, full_description, rule_anchor, value_end, within
from samkit.rules import RULES
from samkit.scaffold.provenance import Origin
from tests.conftest import TEST_DATA
from tests.rules.plans import TODAY, PlanSpec, days_ago, line_of

Run = Callable[..., Any]
SCHEMA: dict[str, Any] = json.loads((TEST_DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
STALE = PlanSpec().with_person(2, last_contact=days_ago(120)).with_person(5, last_contact=days_ago(200))


def sarif(run_cli: Run, path: Path) -> dict[str, Any]:
    result = run_cli("lint", "--format", "sarif", "--today", TODAY.isoformat(), str(path))
    log: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(log, SCHEMA)
    return log


def results_by_rule(log: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [entry for entry in log["runs"][0]["results"] if entry["ruleId"] == code]


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_description_is_within_githubs_limit(code: str) -> None:
    found = RULES[code]
    assert len(found.summary) <= GITHUB_DESCRIPTION_LIMIT
    description = full_description(found)
    assert len(description) <= GITHUB_DESCRIPTION_LIMIT
    assert description.startswith(found.summary)


def test_a_long_description_is_cut_at_a_sentence_not_mid_word() -> None:
    sentences = " ".join(f"Sentence number {number} says something." for number in range(60))
    cut = within(sentences)
    assert len(cut) <= GITHUB_DESCRIPTION_LIMIT and cut.endswith("something.") and sentences.startswith(cut)
    words = "word " * 400
    assert within(words).endswith("word…") and len(within(words)) <= GITHUB_DESCRIPTION_LIMIT
    for found in RULES.values():  # the examples' introductions ("Fails (on ...):") do not dangle without them
        assert not full_description(found).endswith(":")


def test_fingerprints_survive_lines_inserted_above(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    text = STALE.yaml()
    path.write_text(text, encoding="utf-8")
    before = results_by_rule(sarif(run_cli, path), "SAM101")
    assert len(before) == 2
    edited = text.replace("stakeholders:\n", "# a comment\n\n# another\nstakeholders:\n", 1)
    edited = edited.replace("account:\n", "# the account\naccount:\n", 1)
    path.write_text(edited, encoding="utf-8")
    after = results_by_rule(sarif(run_cli, path), "SAM101")
    lines = [entry["locations"][0]["physicalLocation"]["region"]["startLine"] for entry in (*before, *after)]
    assert lines[2] == lines[0] + 4 and lines[3] == lines[1] + 4  # the findings moved ...
    prints = [entry["partialFingerprints"] for entry in (*before, *after)]
    assert prints[0] == prints[2] and prints[1] == prints[3]  # ... their fingerprints did not
    assert prints[0] != prints[1]  # two stakeholders, two alerts


def test_a_fingerprint_follows_the_stakeholder_not_its_position(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(STALE.yaml(), encoding="utf-8")
    [first, _] = results_by_rule(sarif(run_cli, path), "SAM101")
    other = tmp_path / "other.yaml"
    other.write_text(STALE.yaml(), encoding="utf-8")
    [elsewhere, _] = results_by_rule(sarif(run_cli, other), "SAM101")
    assert first["partialFingerprints"] != elsewhere["partialFingerprints"]  # the file is part of it


def test_the_region_spans_the_wrong_value(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    text = STALE.yaml()
    path.write_text(text, encoding="utf-8")
    [stale, _] = results_by_rule(sarif(run_cli, path), "SAM101")
    region = stale["locations"][0]["physicalLocation"]["region"]
    line = text.splitlines()[region["startLine"] - 1]
    assert region["endLine"] == region["startLine"]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == days_ago(120)
    assert region["startLine"] == line_of(text, f"last_contact: {days_ago(120)}")


def test_the_region_of_an_escaped_quoted_name_ends_at_its_closing_quote(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    text = (
        "account:\n  name: Q Co\n  manager: Maria Rodriguez\nraci:\n  - activity: QBR\n"
        '    responsible: "Jo \\"The Boss\\" Smith"   # who?\n    accountable: Maria Rodriguez\n'
    )
    path.write_text(text, encoding="utf-8")
    [unknown] = results_by_rule(sarif(run_cli, path), "SAM307")
    region = unknown["locations"][0]["physicalLocation"]["region"]
    line = text.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == '"Jo \\"The Boss\\" Smith"'


@pytest.mark.parametrize(
    ("line", "column", "value"),
    [
        ("    last_contact: 2025-01-02", 19, "2025-01-02"),
        ("    last_contact: 2025-01-02  # called", 19, "2025-01-02"),
        ('  - name: "Ann # Buyer" # x', 11, '"Ann # Buyer"'),
        ("  - name: 'O''Brien' ", 11, "'O''Brien'"),
        ("  risk: Churn   ", 9, "Churn"),
        ("stakeholders:", 1, "stakeholders:"),
        ('    responsible: "Jo \\"The Boss\\" Smith"   # who?', 18, '"Jo \\"The Boss\\" Smith"'),
        ('  - name: "Ann', 11, '"Ann'),  # a quoted scalar that goes on to the next line: to the end of this one
        ("    last_contact:", 19, ""),  # past the end of the line: an empty extent
    ],
)
def test_value_end(line: str, column: int, value: str) -> None:
    assert line[column - 1 : value_end(line, column) - 1] == value


def test_help_links_point_at_each_rules_section_when_the_docs_are_known(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    origin = Origin("vcs", "0.1.0", url="https://github.com/acme/samkit.git", commit="0" * 40)
    monkeypatch.setattr("samkit.scaffold.provenance.running_origin", lambda: origin)
    path = tmp_path / "acme.yaml"
    path.write_text(STALE.yaml(), encoding="utf-8")
    driver = sarif(run_cli, path)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == f"https://github.com/acme/samkit/blob/{'0' * 40}"
    for rule in driver["rules"]:
        found = RULES[rule["id"]]
        assert (
            rule["helpUri"] == f"https://github.com/acme/samkit/blob/{'0' * 40}/docs/lint-rules.md#{rule_anchor(found)}"
        )
        assert rule["help"]["markdown"].startswith(f"### {found.code} {found.name}")


def test_no_guessed_links_when_the_docs_are_unknown(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("samkit.scaffold.provenance.running_origin", lambda: Origin("unknown", "0.1.0"))
    path = tmp_path / "acme.yaml"
    path.write_text(STALE.yaml(), encoding="utf-8")
    driver = sarif(run_cli, path)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert not any("helpUri" in rule for rule in driver["rules"])


def test_rule_anchors_are_the_headings_github_makes() -> None:
    from samkit.output.lint_out import rule_pages_markdown

    pages = rule_pages_markdown(list(RULES.values()))
    for found in RULES.values():
        heading = f"### {found.code} {found.name}"
        assert heading in pages
        # GitHub: lower case, spaces to hyphens, other punctuation but hyphens dropped
        assert rule_anchor(found) == heading.removeprefix("### ").lower().replace(" ", "-")
