"""The render's shortcuts give exactly what the full path gives.

``markdown_inline`` returns plain text (letters, digits, spaces, harmless punctuation) as it is, without the
passes of ``samkit.output.markdown.escape`` (``mermaid_label`` likewise); ``label`` remembers what each enum value reads as. A shortcut
that differed by one character would change committed documents, so each is compared with the full path on
any text, the Markdown-significant characters and the invisible ones drawn often. The team table's owners come
from one pass over the stakeholders (``relationships_owned``), matched as ``covered_by`` always was; each
document's real path comes from its folder's, resolved once per folder, and agrees with ``Path.resolve``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.config import Config
from samkit.errors import UsageError
from samkit.output.markdown import LINE_BREAK, escape
from samkit.output.terminal import terminal_safe
from samkit.plan.enums import Level, Relationship, Role, TeamRole
from samkit.plan.loader import LoadedPlan
from samkit.render.documents import _resolved, plan_targets, relationships_owned, render_plan
from samkit.templating import label, make_environment, markdown_cell, markdown_inline, mermaid_label
from tests.conftest import plan_from
from tests.render.test_render import table_after

# every character the full path treats specially, and the ones the shortcut lets through
SPECIAL = list("|\\<>&*_`[]~$#!-+=.,:;'\"?()/%@ \t\n\r\x0b\x0c\x1b\x85\u00a0\u2028\u202e\u2066\u200f\udc80")
ENTITY_STARTS = ["&amp;", "&#124;", "&copy;", "&x", "& ", "1.", "2)", "٣."]

any_text = st.lists(
    st.one_of(
        st.characters(),  # anything, surrogates and controls included
        st.characters(categories=("L", "N")),
        st.sampled_from(SPECIAL),
        st.sampled_from(ENTITY_STARTS),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(any_text)
def test_markdown_inline_is_escape_for_any_text(text: str) -> None:
    assert markdown_inline(text) == escape(text)
    assert markdown_cell(text) == (escape(text) or "—")


def mermaid_by_definition(text: str) -> str:
    """The label as first written: each line made terminal-safe, then every character outside the plain set coded."""
    lines = (terminal_safe(line) for line in LINE_BREAK.split(text.strip()))
    plain = re.compile(r"[\w .,'/:+=?!@%*-]")
    return "<br>".join("".join(c if plain.fullmatch(c) else f"#{ord(c)};" for c in line) for line in lines)


@settings(max_examples=3000, deadline=None)
@given(any_text)
def test_mermaid_label_is_its_definition_for_any_text(text: str) -> None:
    assert mermaid_label(text) == mermaid_by_definition(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sarah Chen",
        "VP of Operations, EMEA",
        "R&D",
        "R&amp;D",
        "R&#124;D",
        "Plan ends here ",
        " leading space",
        "Ends with #",
        "C# team",
        "Chapter 1. Intro",
        "1. first",
        "-dash",
        "+plus",
        "=equals",
        "Weird\u00a0space",
        "Tab\there",
        "Evil \u202eplh.exe",
        "naïve café – 東京",
        "x_y",
        'O\'Brien (CFO): "yes"!',
        "50% @ 2x/3 = ok?",
    ],
)
def test_markdown_inline_is_escape_for_names_titles_and_near_misses(text: str) -> None:
    assert markdown_inline(text) == escape(text)
    assert mermaid_label(text) == mermaid_by_definition(text)


def test_a_string_enum_prints_its_value_not_its_name() -> None:
    assert markdown_inline(Relationship.STRONG) == "strong"
    assert markdown_inline(Role.ECONOMIC_BUYER) == "economic\\_buyer"


@pytest.mark.parametrize("member", [*Relationship, *Role, *Level, *TeamRole])
def test_label_of_an_enum_is_the_label_of_its_value(member: Relationship | Role | Level | TeamRole) -> None:
    for capital in (True, False):
        assert label(member, capital=capital) == label(str(member.value), capital=capital)
        assert label(member, capital=capital) == label(member, capital=capital)  # the remembered answer


def test_relationships_owned_matches_names_as_covered_by_does_and_skips_who_left() -> None:
    plan = plan_from(
        """
        account:
          name: Owned Co
          manager: Maria Rodriguez
          team:
            - name: Tom Lee
              role: customer_success_manager
            - name: Alex Romero
              role: solution_architect
        stakeholders:
          - name: Ann One
            relationship: strong
            covered_by: "  tom LEE "
          - name: Bea Two
            relationship: weak
            covered_by: Tom Lee
            status: left
          - name: Cy Three
            relationship: moderate
            covered_by: "   "
          - name: Di Four
            relationship: none
            covered_by: Tom Lee
        """
    )
    assert relationships_owned(plan) == {"tom lee": ["Ann One", "Di Four"]}
    team = table_after(render_plan(LoadedPlan("owned.yaml", plan), Config(), date(2026, 1, 15)), "Team member")
    assert team[1:] == [
        ["Tom Lee", "Customer success manager", "Ann One, Di Four"],
        ["Alex Romero", "Solution architect", "—"],
    ]


def test_each_target_resolves_as_path_resolve_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (tmp_path / "linked").symlink_to(real)
    (real / "doc.md").write_text("x", encoding="utf-8")
    (real / "alias.md").symlink_to(real / "doc.md")
    (real / "dangling.md").symlink_to(tmp_path / "nowhere" / "x.md")
    (real / "file.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    targets = [
        Path("linked/doc.md"),
        Path("linked/alias.md"),
        Path("linked/dangling.md"),
        Path("linked/new.md"),
        Path("linked/missing/folder/new.md"),
        Path("linked/sub/../doc.md"),
        Path("linked/file.md/under-a-file.md"),
        Path("linked/.."),
        Path("doc.md"),
        tmp_path / "linked" / "sub" / "new.md",
    ]
    folders: dict[Path, Path] = {}
    for target in targets:
        assert _resolved(target, folders) == target.resolve(), target


def test_two_documents_reaching_one_file_through_a_linked_folder_are_refused(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    for region in ("east", "west"):
        (plans / region).mkdir(parents=True)
        (plans / region / "acme.yaml").write_text(f"account:\n  name: {region}\n  manager: M\n", encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "east").mkdir(parents=True)
    (docs / "west").symlink_to(docs / "east")
    with pytest.raises(UsageError, match="would both render to"):
        plan_targets([plans], None, docs)


class _Items:
    def __getitem__(self, key: str) -> str:
        return f"item {key}"

    name = "attribute"


def test_the_document_environment_looks_items_up_as_jinja_does() -> None:
    from jinja2 import Environment, Undefined

    plan = plan_from("account:\n  name: Acme\n  manager: Maria Rodriguez\n")
    ours, jinjas = make_environment(), Environment()
    cases: list[tuple[object, object]] = [
        (plan.account, "name"),  # a model: the attribute
        (plan.account, "no_such_field"),  # undefined, as in Jinja
        ({"name": "from the dict"}, "name"),  # a mapping: the item first
        ({"keys": 1}, "keys"),
        (_Items(), "name"),  # an object with items: the item first
        ([10, 20], 1),  # not a string key
        ("text", "upper"),  # a str has items: Jinja's own path
        (list, "int"),  # a class may have items (list["int"])
        (None, "name"),
    ]
    for obj, key in cases:
        expected, found = jinjas.getitem(obj, key), ours.getitem(obj, key)
        if isinstance(expected, Undefined):
            assert isinstance(found, Undefined) and found._undefined_name == key, (obj, key)
        else:
            assert found == expected, (obj, key)
