"""``score`` JSON and Markdown built column-wise for a columnar roster equal the per-account path's bytes."""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from samkit.output.jsonout import decimal_text
from samkit.output.markdown import escape_flat
from samkit.output.score_frame import MARKDOWN_PLAIN, _exact_text, _money_text
from samkit.output.score_out import render_json, render_markdown
from samkit.plan.values import format_money
from samkit.roster.scoring import score_roster
from tests.conftest import REPO, SHARED

HEADER = ["Account", "Owner", "ARR", *(f"D{index}" for index in range(7))]
HEADER[3:] = [
    "Current Revenue",
    "Expansion Potential",
    "Strategic Fit",
    "Market Influence",
    "Relationship Strength",
    "Product Adoption",
    "Partnership Potential",
]
# names every Markdown rule applies to: specials, markers at the start, '#' at the end, entities, tags,
# runs of spaces, non-ASCII white space and letters, backslashes, quotes for JSON
HOSTILE = [
    "Acme Corp",
    "Acme  Corp",
    "1. First",
    "2) Second",
    "# Heading",
    "Heading #",
    "- item",
    "+ item",
    "= setext",
    "> quote",
    "a|b",
    "a\\|b",
    "back\\slash",
    "*bold* _it_ `code` [link](x) ~strike~ $math$",
    "R&D",
    "&copy; &#124;",
    "<b>tag</b>",
    "Zoë Ltd",
    "Ünïcode",
    "em\u2003space",
    "nb\u00a0space",
    "@here",
    'quote "inside"',
    "x",
    "9",
    "AT&T",
    "Name.",
    "trailing-",
]


def _hostile_roster(tmp_path: Path) -> Path:
    names = list(HOSTILE)
    # the corpora live beside the clone (../shared); a worktree sits one level deeper
    corpus = next(
        (folder / "corpora" / "blns.json" for folder in (SHARED, REPO.parent.parent / "shared") if folder.is_dir()),
        None,
    )
    if corpus is None:
        pytest.skip("the shared corpora are not beside this clone")
    names += json.loads(corpus.read_text(encoding="utf-8"))
    # what the columnar reader accepts (it declines quoted fields and odd line ends)
    names = [name for name in names if name.strip() and name.isprintable() and not set(name) & set('",;\t')]
    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number, name in enumerate(names):
            arr = "" if number % 7 == 0 else f"${number * 1234}.5{number % 10}"
            writer.writerow([name, "Owner", arr, *[str(number % 11)] * 6, "7.25"])
    return path


@pytest.mark.parametrize("explain", [False, True])
def test_columnar_json_and_markdown_equal_the_per_account_path(tmp_path: Path, explain: bool) -> None:
    outcome = score_roster(_hostile_roster(tmp_path), engine="polars")
    roster = outcome.roster
    assert roster is not None and roster.frame is not None  # the columnar path is the one under test
    assert len(roster) > 100
    markdown = render_markdown(roster, explain)
    assert markdown == render_markdown(roster, explain, columnar=False)
    assert render_json(roster, explain) == render_json(roster, explain, columnar=False)
    # and it is a table of one row per account
    rows = [token for token in MarkdownIt().enable("table").parse(markdown) if token.type == "tr_open"]
    assert len(rows) == len(roster) + 1 + 5  # header, accounts; tier table: header, three tiers, total


def test_an_empty_columnar_roster(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    roster = score_roster(path, engine="polars").roster
    assert roster is not None
    if roster.frame is not None:
        assert render_json(roster) == render_json(roster, columnar=False)
        assert render_markdown(roster) == render_markdown(roster, columnar=False)


_PLAIN = re.compile(MARKDOWN_PLAIN)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_PLAIN, fullmatch=True))
def test_names_the_fast_path_keeps_are_what_escape_flat_keeps(name: str) -> None:
    if "  " not in name:
        assert escape_flat(name) == name


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.integers(min_value=-(10**17), max_value=10**17)
        | st.integers(min_value=-10, max_value=10).map(lambda cents: cents * 10_000 + 5_000)
        | st.integers(min_value=-2000, max_value=2000),
        min_size=1,
        max_size=30,
    )
)
def test_money_and_decimal_text_column_wise(micros: list[int]) -> None:
    frame = pl.DataFrame({"m": micros}, schema={"m": pl.Int64})
    money, exact = frame.select(_money_text(pl.col("m")), _exact_text(pl.col("m"), 6).alias("e")).get_columns()
    assert money.to_list() == [format_money(Decimal(micro).scaleb(-6)) for micro in micros]
    assert exact.to_list() == [decimal_text(Decimal(micro).scaleb(-6)) for micro in micros]
