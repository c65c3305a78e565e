"""Text from plans: never drives a terminal, never pings anyone from a PR comment; UTF-16/32 named as such;
``samkit new`` accepts names in any script."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from samkit.output.markdown import neutralise_mentions
from samkit.output.terminal import terminal_safe
from samkit.plan.loader import load_plan, load_text
from samkit.plan.newplan import slugify
from tests.conftest import SEED_PLAN
from tests.gitrepo import GitRepo
from tests.hostile.conftest import assert_clean_exit, samkit

SEED = SEED_PLAN.read_text(encoding="utf-8")
# a stakeholder whose name clears the screen, sets the window title, returns the carriage and flips the text
HOSTILE_NAME = r'"Lisa\e[2J\e[H\e]0;pwned\a Thompson\r\u202e @here @channel @octocat"'
ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_terminal_safe_shows_every_control_character() -> None:
    assert terminal_safe("a\x1b[2Jb\rc\x07d\x00e\x9bf\u202eg\ttab\nline") == (
        "a\\x1b[2Jb\\rc\\x07d\\0e\\x9bf\\u202eg\ttab\nline"
    )
    assert terminal_safe("caf\udce9.yaml") == "caf\\xe9.yaml"
    assert terminal_safe("Zoë — 東京 🍕") == "Zoë — 東京 🍕"


def test_lint_and_diff_text_never_carry_control_characters(tmp_path: Path) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", SEED, dedent=False)
    repo.commit("Add")
    repo.edit("plans/gfc.yaml", "  - name: Lisa Thompson\n", f"  - name: {HOSTILE_NAME}\n")
    lint = samkit("lint", "--today", "2026-02-01", "plans", cwd=repo.root)
    assert_clean_exit(lint, 1)
    assert "Lisa\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07 Thompson\\r\\u202e" in lint.stdout
    diff = samkit("diff", cwd=repo.root)
    assert_clean_exit(diff, 0)
    assert "Lisa\\x1b[2J" in diff.stdout
    for result in (lint, diff):
        assert not ESCAPES.search(result.stdout + result.stderr)


def test_pr_comment_markdown_pings_nobody(tmp_path: Path) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", SEED, dedent=False)
    repo.commit("Add")
    repo.edit("plans/gfc.yaml", "  - name: Lisa Thompson\n", f"  - name: {HOSTILE_NAME}\n")
    result = samkit("diff", "-f", "markdown", cwd=repo.root)
    assert_clean_exit(result, 0)
    text = "".join(
        child.content
        for token in MarkdownIt("commonmark").enable("table").parse(result.stdout)
        for child in token.children or []
        if child.type == "text"
    )
    assert "@\u200dhere" in text and "@\u200dchannel" in text and "@\u200doctocat" in text
    assert not re.search(r"@(here|channel|octocat)", text)


@pytest.mark.parametrize(
    ("markdown", "neutral"),
    [
        ("cc @here and @channel", "cc @\u200dhere and @\u200dchannel"),
        ("ask @octo-cat or @org/team", "ask @\u200docto-cat or @\u200dorg/team"),
        ("mail jane@acme.com", "mail jane@acme.com"),  # an address is not a mention
        ("(@alice)", "(@\u200dalice)"),
    ],
)
def test_neutralise_mentions(markdown: str, neutral: str) -> None:
    assert neutralise_mentions(markdown) == neutral


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
        ("utf-32-le", "UTF-32"),
    ],
)
def test_utf16_and_utf32_plans_are_named_and_the_fix_given(tmp_path: Path, encoding: str, name: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(SEED.encode(encoding))
    (finding,) = load_plan(path).findings
    assert finding.message == f"the file is {name} text; save it as UTF-8"


def test_binary_files_are_still_binary() -> None:
    (finding,) = load_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").findings
    assert finding.message == "this is a binary file, not a YAML plan"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Müller & Söhne GmbH", "muller-sohne-gmbh"),
        ("Газпром нефть", "газпром-нефть"),
        ("トヨタ自動車", "トヨタ自動車"),
        ("ドコモ", "ドコモ"),  # the voiced mark is part of the letter, not an accent to drop
        ("中国移动 (China Mobile)", "中国移动-china-mobile"),
        ("Ελληνικά Πετρέλαια", "ελληνικά-πετρέλαια"),  # accents of other scripts stay
        ("\u202eevil/../name", "evil-name"),
        ("ﬁnance Ⅻ", "finance-xii"),
    ],
)
def test_slugs_keep_letters_of_any_script(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slugs_fit_in_a_file_name() -> None:
    assert len(slugify("東" * 300).encode("utf-8")) <= 200


@pytest.mark.parametrize("name", ["Газпром нефть", "トヨタ自動車", "שטראוס גרופ", "مجموعة الاتصالات"])
def test_samkit_new_accepts_names_in_other_scripts(tmp_path: Path, name: str) -> None:
    result = samkit("new", name, "-m", "Maria Rodriguez", "--today", "2026-02-01", cwd=tmp_path)
    assert_clean_exit(result, 0)
    written = Path(tmp_path, result.stdout.strip())
    loaded = load_plan(written)
    assert loaded.plan is not None and loaded.plan.account.name == name
    assert written.name == f"{slugify(name)}.yaml"


def test_samkit_new_still_refuses_a_name_without_letters(tmp_path: Path) -> None:
    result = samkit("new", "🍕 & 🍺", cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert "has no letters or digits" in result.stderr


def test_json_output_keeps_the_text_exact(tmp_path: Path) -> None:
    """Machine formats are not for terminals: JSON escapes control characters itself and keeps them."""
    shutil.copy(SEED_PLAN, tmp_path / "gfc.yaml")
    text = (tmp_path / "gfc.yaml").read_text(encoding="utf-8")
    (tmp_path / "gfc.yaml").write_text(text.replace("  - name: Lisa Thompson\n", f"  - name: {HOSTILE_NAME}\n"))
    result = samkit("lint", "--today", "2026-02-01", "-f", "json", "gfc.yaml", cwd=tmp_path)
    assert_clean_exit(result, 1)
    messages = " ".join(finding["message"] for finding in json.loads(result.stdout))
    assert "Lisa\x1b[2J\x1b[H" in messages


@pytest.mark.parametrize(
    "command",
    [
        ["review", "--today", "2026-02-01", "gfc.yaml"],
        ["review", "--today", "2026-02-01", "-f", "markdown", "gfc.yaml"],
        ["coverage", "gfc.yaml"],
        ["render", "gfc.yaml"],
        ["validate", "gfc.yaml"],
    ],
    ids=["review-text", "review-markdown", "coverage", "render", "validate"],
)
def test_every_output_for_people_shows_control_characters_as_escapes(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "gfc.yaml").write_text(
        SEED.replace("  - name: Lisa Thompson\n", f"  - name: {HOSTILE_NAME}\n"), encoding="utf-8"
    )
    result = samkit(*command, cwd=tmp_path)
    assert_clean_exit(result, 0)
    assert not ESCAPES.search(result.stdout + result.stderr)
    if command[0] != "validate":
        assert "Lisa\\x1b[2J" in result.stdout or "Lisa\\x1b\\[2J" in result.stdout  # Markdown escapes the [


def test_roster_names_in_the_score_table_are_shown_escaped(tmp_path: Path) -> None:
    from samkit.config import DIMENSIONS

    header = ",".join(["account", *DIMENSIONS])
    (tmp_path / "roster.csv").write_text(
        f'{header}\n"Evil\x1b[2J Corp",{",".join(["5"] * len(DIMENSIONS))}\n', encoding="utf-8"
    )
    for output_format in ("table", "markdown"):
        result = samkit("score", "roster.csv", "-f", output_format, cwd=tmp_path)
        assert_clean_exit(result, 0)
        assert "Evil\\x1b[2J Corp" in result.stdout or "Evil\\x1b\\[2J Corp" in result.stdout
        assert "\x1b" not in result.stdout
