"""Hand-editing slips, said in plain words at the line to fix, measured against PyYAML's own message.

Each row: the slip, a plan with it, the line and the words samkit's message must have. The test also
records what plain PyYAML says for the same text, and checks samkit's message is the better guide: it
names the fix, which PyYAML's does not, and (where PyYAML points elsewhere) the line the fix goes on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from samkit.plan.loader import load_text
from tests.conftest import PLANS

HEAD = "version: 1\naccount:\n  name: Acme\n  manager: Maria Rodriguez\n"

# (slip, text, line samkit names, words samkit's message has, the line PyYAML names)
SLIPS = [
    (
        "a list after stakeholders: []",
        HEAD + "stakeholders: []\n  - name: Lisa Thompson\n    relationship: weak\n",
        5,
        "remove the `[]`",
        6,
    ),
    (
        "a list after opportunities: [] with a comment",
        HEAD + "opportunities: []       # name, value\n  - name: Upsell\n    value: $1\n    probability: 5%\n",
        5,
        "remove the `[]`",
        6,
    ),
    ("a tab for indentation", "version: 1\naccount:\n\tname: Acme\n", 3, "tab is used for indentation", 3),
    (
        "a tab inside a list item",
        HEAD + "stakeholders:\n  - name: Lisa\n  \trelationship: weak\n",
        7,
        "replace the tab with spaces",
        7,
    ),
    (
        "a double quote never closed",
        HEAD.replace("name: Acme", 'name: "Acme') + "stakeholders:\n  - name: Lisa\n    relationship: weak\n",
        3,
        'the quote " opened on line 3 is never closed',
        8,
    ),
    (
        "a quote never closed, ended by the next value's quote",
        HEAD.replace("name: Acme", 'name: "Acme') + 'stakeholders:\n  - name: "Lisa"\n    relationship: weak\n',
        3,
        'the quote " opened on line 3 is never closed (the text runs on to line 6)',
        6,
    ),
    (
        "a single quote never closed",
        HEAD.replace("name: Acme", "name: 'Acme"),
        3,
        "the quote ' opened on line 3 is never closed",
        5,
    ),
    ("one space too many before a key", HEAD.replace("  manager", "   manager"), 4, "indented 1 space too many", 4),
    ("one space too few before a key", HEAD.replace("  manager", " manager"), 4, "indented 1 space too few", 4),
    (
        "a stakeholder key indented one too many",
        HEAD + "stakeholders:\n  - name: Lisa\n     relationship: weak\n",
        7,
        "line it up with `name:` on line 6",
        7,
    ),
    (
        "a key two spaces too deep in a list item",
        HEAD + "stakeholders:\n  - name: Lisa\n      relationship: weak\n",
        7,
        "indented 2 spaces too many: line it up with `name:` on line 6",
        7,
    ),
    (
        "a missing space after a colon in a list item",
        HEAD + "stakeholders:\n  - name:Lisa\n    relationship: weak\n",
        6,
        "`name:Lisa` needs a space after the colon: `name: Lisa`",
        7,
    ),
    (
        "a missing space after a colon",
        HEAD.replace("manager: Maria", "manager:Maria") + "stakeholders:\n  - name: Lisa\n    relationship: weak\n",
        4,
        "`manager:Maria Rodriguez` needs a space after the colon: `manager: Maria Rodriguez`",
        5,
    ),
    # a key with no colon: PyYAML names the line after it (a blank line and a comment: the comment; the last
    # line: one past the end of the file), or, when the key is the first of its mapping, the next key's colon
    (
        "a key with no colon",
        HEAD + "stakeholders:\n  - name: Lisa\n    title Director of IT\n    relationship: weak\n",
        7,
        "`title Director of IT` has no ':' after its key: write `key: value` (here `title: Director of IT`)",
        8,
    ),
    (
        "a key with no colon before a blank line and a comment",
        HEAD
        + "stakeholders:\n  - name: Lisa\n    relationship: weak\n    title Director of IT\n\n# risks\nrisks: []\n",
        8,
        "`title Director of IT` has no ':' after its key",
        10,
    ),
    (
        "a key with no colon on the last line",
        HEAD + "stakeholders:\n  - name: Lisa\n    relationship: weak\n    title Director of IT\n",
        8,
        "`title Director of IT` has no ':' after its key",
        9,
    ),
    (
        "a section with no colon",
        HEAD + "stakeholders\n  - name: Lisa\n    relationship: weak\n",
        5,
        "`stakeholders` has no ':' after its key: write `key: value` (here `stakeholders:`)",
        6,
    ),
    (
        "the first key of a mapping with no colon",
        "version: 1\naccount:\n  name Acme\n  industry Banking\n  manager: Maria Rodriguez\n",
        3,
        "`name Acme` has no ':' after its key: write `key: value` (here `name: Acme`)",
        5,
    ),
    (
        "the first key of a list item with no colon",
        HEAD + "stakeholders:\n  - name Lisa\n    relationship: weak\n",
        6,
        "`name Lisa` has no ':' after its key",
        7,
    ),
    (
        "the first key of a list item with no colon, after a list of plain texts",
        HEAD + "risks:\n  - risk: Churn\n    mitigation:\n      - Show ROI\n  - risk Budget cuts\n    severity: high\n",
        9,
        "`risk Budget cuts` has no ':' after its key",
        10,
    ),
]

# the parser's words (jargon to someone editing by hand), said as what to do, at the parser's own position
WORDS = [
    (
        "an apostrophe inside single quotes",
        HEAD + "stakeholders:\n  - name: Lisa\n    title: 'Tom's boss'\n    relationship: weak\n",
        7,
        "inside '...' write an apostrophe twice (`'Tom''s boss'`), or quote with \" instead (`\"Tom's boss\"`)",
        7,
    ),
    (
        "a double quote inside double quotes",
        HEAD + 'stakeholders:\n  - name: Lisa\n    title: "The "best" one"\n    relationship: weak\n',
        7,
        'inside "..." write a quote as \\" (`"The \\"best\\" one"`), or quote with \' instead (`\'The "best" one\'`)',
        7,
    ),
    (
        "an apostrophe inside a quoted list item",
        HEAD + "risks:\n  - risk: Churn\n    mitigation:\n      - 'Call Tom's boss'\n",
        8,
        "write an apostrophe twice (`'Call Tom''s boss'`)",
        8,
    ),
    (
        "a list item one space too few",
        HEAD + "stakeholders:\n  - name: Lisa\n    relationship: weak\n - name: Bob\n   relationship: weak\n",
        8,
        "the list item `- name: Bob` is indented 1 space too few: line its `-` up with the `-` on line 6 (2 spaces)",
        8,
    ),
    (
        "a list item one space too many",
        HEAD + "stakeholders:\n  - name: Lisa\n    relationship: weak\n   - name: Bob\n     relationship: weak\n",
        8,
        "the list item `- name: Bob` is indented 1 space too many: line its `-` up with the `-` on line 6",
        8,
    ),
    (
        "a value starting with @",
        HEAD + "stakeholders:\n  - name: Lisa\n    title: @procurement\n    relationship: weak\n",
        7,
        'a value cannot start with @ in YAML: put the value in quotes: `title: "@procurement"`',
        7,
    ),
    (
        "a value starting with a backtick",
        HEAD + "stakeholders:\n  - name: Lisa\n    title: `CFO` of the group\n    relationship: weak\n",
        7,
        'a value cannot start with ` in YAML: put the value in quotes: `title: "`CFO` of the group"`',
        7,
    ),
    (
        "a value starting with %",
        HEAD + "risks:\n  - risk: Churn\n    mitigation:\n      - %50 discount asked\n",
        8,
        'a value cannot start with % in YAML: put the value in quotes: `- "%50 discount asked"`',
        8,
    ),
    (
        "a colon and a space inside a value",
        HEAD + "actions:\n  - due: 2026-01-20\n    action: Note: send the deck # by Friday\n",
        7,
        '`: ` inside a value starts a new key in YAML: put the value in quotes: `action: "Note: send the deck"`',
        7,
    ),
    (
        "a colon and a space inside the first value of a mapping",
        "version: 1\naccount:\n  name: Acme: the bank\n  manager: Maria Rodriguez\n",
        3,
        'put the value in quotes: `name: "Acme: the bank"`',
        3,
    ),
]


def pyyaml_message(text: str) -> tuple[str, int]:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.safe_load(text)
    error = caught.value
    mark = error.problem_mark or error.context_mark
    assert mark is not None
    return str(error), mark.line + 1


@pytest.mark.parametrize(
    ("slip", "text", "line", "words", "pyyaml_line"), [*SLIPS, *WORDS], ids=[row[0] for row in [*SLIPS, *WORDS]]
)
def test_each_slip_is_named_with_its_fix_at_the_line_to_fix(
    slip: str, text: str, line: int, words: str, pyyaml_line: int
) -> None:
    loaded = load_text(text.encode("utf-8"), "plan.yaml")
    [finding] = loaded.findings
    assert finding.code == "SAM001"
    assert finding.line == line, finding.message
    assert words in finding.message, finding.message
    # measured against PyYAML: it reports where it gave up, in its own terms, without the fix
    plain, plain_line = pyyaml_message(text)
    assert plain_line == pyyaml_line, plain
    assert words not in plain
    assert not re.search(r"remove|replace|add the closing|line it up|needs a space", plain), plain


@pytest.mark.parametrize("text", [row[1] for row in WORDS], ids=[row[0] for row in WORDS])
def test_the_parsers_words_are_said_where_the_parser_points(text: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    mark = caught.value.problem_mark
    assert mark is not None
    [finding] = load_text(text, "plan.yaml").findings
    assert (finding.line, finding.column) == (mark.line + 1, mark.column + 1)


def test_words_no_slip_explains_still_say_what_to_check() -> None:
    """ "did not find expected key" with no quote or list item to blame: what to check, at the parser's place."""
    text = HEAD + 'context:\n  competition: "Acme" the old vendor\n'
    [finding] = load_text(text, "plan.yaml").findings
    assert (finding.line, finding.column) == (6, 23)
    assert finding.message == (
        "invalid YAML: this line does not fit the lines above it: line a key up with the other keys of its mapping "
        "and a `- ` item with the other items, and put a value that has a quote in it in quotes of the other kind"
    )


# `key: value` lines with a plain value: the lines a colon can be dropped from without making another slip
_PLAIN_KEY_LINE = re.compile(r"^(?P<lead> *(?:- )?)(?P<key>[a-z_]+): (?P<value>[A-Za-z0-9$][^'\"\[\]{}#:]*)$")


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.yaml")), ids=lambda path: path.name)
def test_a_colon_dropped_from_any_key_of_a_bundled_plan_is_named_on_that_line(plan: Path) -> None:
    """The testers' report: `title Director of IT` was named on the next line (a comment, or past the end)."""
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = 0
    for index, line in enumerate(lines):
        match = _PLAIN_KEY_LINE.match(line.rstrip("\n"))
        if match is None:
            continue
        text = "".join([*lines[:index], f"{match['lead']}{match['key']} {match['value']}\n", *lines[index + 1 :]])
        [finding] = load_text(text, plan.name).findings
        # a mapping's only key reads as text instead (`state:` then `health_score 80`): a schema finding there
        assert (finding.line, "key: value" in finding.message) == (index + 1, True), (line, finding.message)
        dropped += 1
    assert dropped > 50


def test_a_slip_that_fits_none_keeps_the_parsers_message() -> None:
    loaded = load_text(b"account: {name: [}\n", "plan.yaml")
    [finding] = loaded.findings
    assert finding.message.startswith("invalid YAML: ")
    assert "remove" not in finding.message and "tab" not in finding.message


def test_a_long_quoted_text_over_several_lines_is_not_a_slip() -> None:
    text = HEAD + 'context:\n  competition: "Acme, the old vendor,\n    still in the plants"\n  metrics: [a\n'
    [finding] = load_text(text.encode("utf-8"), "plan.yaml").findings
    assert "quote" not in finding.message


def test_valid_plans_with_colons_and_quotes_are_not_slips() -> None:
    text = HEAD + 'context:\n  competition: "Acme: the old vendor"\n  initiatives: [a, b]\nstakeholders: []\n'
    assert load_text(text.encode("utf-8"), "plan.yaml").findings == []


def _uncomment_section(text: str, section: str, *, remove_brackets: bool) -> str:
    """Follow the template's own instructions for one section: drop its `[]`, then the `#` of its examples."""
    lines = text.splitlines(keepends=True)
    start = next(number for number, line in enumerate(lines) if line.startswith(f"{section}: []"))
    if remove_brackets:
        lines[start] = lines[start].replace(": []", ":", 1)
    number = start + 1
    while number < len(lines) and lines[number].startswith("#"):
        lines[number] = lines[number][1:]
        number += 1
    return "".join(lines)


def test_the_new_plan_template_says_how_to_uncomment_safely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from samkit.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["new", "Acme", "-m", "Maria Rodriguez", "--today", "2026-02-10"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8")
    assert "remove the `[]`" in text and "keeping the spaces after it" in text and "never tabs" in text
    followed = _uncomment_section(text, "stakeholders", remove_brackets=True)
    loaded = load_text(followed.encode("utf-8"), "acme.yaml")
    assert loaded.findings == [] and loaded.plan is not None
    assert [person.name for person in loaded.plan.stakeholders] == ["Lisa Thompson"]
    # the slip the template invites, when its first instruction is skipped, is named at the `[]`
    slipped = _uncomment_section(text, "stakeholders", remove_brackets=False)
    [finding] = load_text(slipped.encode("utf-8"), "acme.yaml").findings
    lines = slipped.splitlines()
    assert finding.line == 1 + next(number for number, line in enumerate(lines) if line.startswith("stakeholders: []"))
    assert "remove the `[]`" in finding.message
