"""Reading rosters as CRM and spreadsheet exports write them, with both readers giving the same answer."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.config import DIMENSIONS, Band, ScoringConfig
from samkit.errors import UsageError
from samkit.output.score_out import render_csv, render_json, render_markdown
from samkit.plan.values import parse_money
from samkit.roster import money as money_module
from samkit.roster import reader as roster_module
from samkit.roster.reader import (
    Engine,
    FrameRead,
    RosterError,
    RowsRead,
    parse_delimiter,
    parse_points,
    read_roster,
)
from samkit.roster.scoring import ScoredRoster, score_roster
from tests.roster.passes import PASSES, columnar_pass

HEADER = "Account,Owner,ARR,Current Revenue,Expansion Potential,Strategic Fit,Market Influence,Relationship Strength,Product Adoption,Partnership Potential"
SEED = "Global Financial Corp,Maria Rodriguez,$850K,10,9,10,9,8,7,8"
STANDARD = "Brightline Logistics,James Chen,$45K,2,3,5,3,4,3,2"


def write(tmp_path: Path, text: str | bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def scored(path: Path, engine: str = "python", scoring: ScoringConfig | None = None, **options: str) -> ScoredRoster:
    outcome = score_roster(path, scoring, engine=engine, **options)  # type: ignore[arg-type]
    assert outcome.roster is not None, outcome.problems
    return outcome.roster


def problems(path: Path, scoring: ScoringConfig | None = None) -> list[str]:
    outcome = score_roster(path, scoring, engine="python")
    assert outcome.roster is None
    return [problem.format("r.csv") for problem in outcome.problems]


def same_by_both_readers(path: Path, scoring: ScoringConfig | None = None, **options: Any) -> ScoredRoster:
    """Both readers read ``path`` (the columnar one must accept it) and every output format agrees."""
    slow = scored(path, "python", scoring, **options)
    for name in PASSES:
        with columnar_pass(name):
            read = read_roster(path, scoring or ScoringConfig(), engine="polars", **options)
            assert isinstance(read, FrameRead), name
            _same_outputs(scored(path, "polars", scoring, **options), slow)
    return slow


def _same_outputs(fast: ScoredRoster, slow: ScoredRoster) -> None:
    for explain in (False, True):
        assert render_csv(fast, explain) == render_csv(slow, explain)
        assert render_json(fast, explain) == render_json(slow, explain)
        assert render_markdown(fast, explain) == render_markdown(slow, explain)
    assert fast.summary == slow.summary
    assert [account.account for account in fast.ranked()] == [account.account for account in slow.ranked()]


# ---------------------------------------------------------------------------------------------- reading


def test_seed_rows_score_and_tier(tmp_path: Path) -> None:
    roster = same_by_both_readers(write(tmp_path, f"{HEADER}\n{SEED}\n{STANDARD}\n"))
    accounts = list(roster.accounts())
    assert [(a.account, str(a.score), a.tier, a.line) for a in accounts] == [
        ("Global Financial Corp", "90.5", "Strategic", 2),
        ("Brightline Logistics", "31", "Standard", 3),
    ]
    assert accounts[0].arr == Decimal(850_000)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    roster = same_by_both_readers(write(tmp_path, b"\xef\xbb\xbf" + f"{HEADER}\n{SEED}\n".encode()))
    assert roster.layout.header[0] == "Account"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_delimiter_is_detected_from_the_header(tmp_path: Path, delimiter: str) -> None:
    text = "\n".join(line.replace(",", delimiter) for line in (HEADER, SEED, STANDARD)) + "\n"
    roster = same_by_both_readers(write(tmp_path, text))
    assert roster.layout.delimiter == delimiter
    assert [a.tier for a in roster.accounts()] == ["Strategic", "Standard"]


def test_semicolon_export_with_decimal_commas(tmp_path: Path) -> None:
    header = HEADER.replace(",", ";")
    roster = same_by_both_readers(write(tmp_path, f"{header}\nAcme;Ann;1200;7,5;7;7;7;7;7;7\n"))
    assert next(roster.accounts()).points["current_revenue"] == Decimal("7.5")


def test_delimiter_option_forces_the_delimiter(tmp_path: Path) -> None:
    # a header with more commas than pipes: detection would pick the comma
    text = "Account|Notes, etc|" + "|".join(DIMENSIONS) + "\nAcme|a, b, c|" + "|".join(["5"] * 7) + "\n"
    path = write(tmp_path, text)
    roster = same_by_both_readers(path, delimiter="|")
    assert next(roster.accounts()).account == "Acme"
    with pytest.raises(RosterError, match="missing column"):
        read_roster(path, ScoringConfig(), engine="python")


@pytest.mark.parametrize(("option", "expected"), [("tab", "\t"), ("\\t", "\t"), (";", ";"), ("|", "|"), (None, None)])
def test_delimiter_spellings(option: str | None, expected: str | None) -> None:
    assert parse_delimiter(option) == expected


@pytest.mark.parametrize("option", ["", ",,", '"', "a", "\n"])
def test_bad_delimiter_is_a_usage_error(option: str) -> None:
    with pytest.raises(UsageError, match="--delimiter"):
        parse_delimiter(option)


def test_encoding_option_reads_a_windows_export(tmp_path: Path) -> None:
    text = f"{HEADER}\nSociété Générale,Zoë,$1.2M,10,9,9,9,8,8,7\n".encode("cp1252")
    path = write(tmp_path, text)
    with pytest.raises(RosterError, match=r"roster.csv:2:\d+: byte 0xe9 is not utf-8.*--encoding"):
        read_roster(path, ScoringConfig(), engine="python")
    roster = same_by_both_readers(path, encoding="cp1252")
    assert next(roster.accounts()).account == "Société Générale"


@pytest.mark.parametrize("engine", ["python", "polars", "auto"])
@pytest.mark.parametrize("encoding", [None, "cp1252"])
def test_a_workbook_is_named_as_one_whatever_the_encoding(tmp_path: Path, engine: Engine, encoding: str | None) -> None:
    """An .xlsx saved as roster.csv: no encoding reads it, so --encoding is not what the message suggests."""
    path = write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xe9\xff" + HEADER.encode())
    with pytest.raises(UsageError, match=r'roster\.csv: a spreadsheet workbook, not CSV text; .* "CSV UTF-8"'):
        read_roster(path, ScoringConfig(), encoding=encoding, engine=engine)


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown encoding 'klingon'"):
        read_roster(write(tmp_path, f"{HEADER}\n"), ScoringConfig(), encoding="klingon")


@pytest.mark.parametrize(
    "header",
    [
        "account,current_revenue,expansion_potential,strategic_fit,market_influence,relationship_strength,product_adoption,partnership_potential",
        "ACCOUNT NAME,Current-Revenue,EXPANSION POTENTIAL,strategic fit, Market Influence ,Relationship-Strength,product adoption,Partnership  Potential",
        "Name,current revenue,expansion-potential,Strategic_Fit,market influence,relationship strength,Product Adoption,partnership potential",
    ],
)
def test_headers_match_case_insensitively_with_spaces_and_hyphens(tmp_path: Path, header: str) -> None:
    roster = same_by_both_readers(write(tmp_path, f"{header}\nAcme,10,9,10,9,8,7,8\n"))
    assert str(next(roster.accounts()).score) == "90.5"


def test_account_column_prefers_account_over_name(tmp_path: Path) -> None:
    text = "Name,Account," + ",".join(DIMENSIONS) + "\nJane Doe,Acme," + ",".join(["5"] * 7) + "\n"
    assert next(same_by_both_readers(write(tmp_path, text)).accounts()).account == "Acme"


def test_duplicate_headers_are_rejected_naming_both(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER},current revenue\n")
    with pytest.raises(RosterError, match=r"duplicate column 'current_revenue'.*column 4.*column 11"):
        read_roster(path, ScoringConfig(), engine="python")
    with pytest.raises(RosterError, match="duplicate column"):
        read_roster(path, ScoringConfig(), engine="polars")


def test_missing_dimension_columns_are_named(tmp_path: Path) -> None:
    header = HEADER.replace(",Strategic Fit", "").replace(",Partnership Potential", "")
    with pytest.raises(RosterError, match="missing columns: 'Strategic Fit', 'Partnership Potential'"):
        read_roster(write(tmp_path, f"{header}\n"), ScoringConfig())


def test_missing_account_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match=r"missing column: account \(or 'account name' / 'name'\)"):
        read_roster(write(tmp_path, ",".join(DIMENSIONS) + "\n"), ScoringConfig())


@pytest.mark.parametrize("text", ["", "\n\n", " , ,\n"])
def test_empty_roster_is_a_usage_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(RosterError, match="empty"):
        read_roster(write(tmp_path, text), ScoringConfig())


def test_header_only_roster_scores_nothing(tmp_path: Path) -> None:
    roster = same_by_both_readers(write(tmp_path, f"{HEADER}\n"))
    assert list(roster.accounts()) == []
    assert roster.summary.to_dict() == {"Strategic": 0, "Key": 0, "Standard": 0}


def test_blank_rows_are_skipped_and_still_counted_as_lines(tmp_path: Path) -> None:
    text = f"{HEADER}\n{SEED}\n\n,,,,,,,,,,\n   \n{STANDARD}\n\n"
    path = write(tmp_path, text)
    roster = scored(path)
    assert [(a.account, a.line) for a in roster.accounts()] == [
        ("Global Financial Corp", 2),
        ("Brightline Logistics", 6),
    ]
    assert render_json(scored(path, "auto")) == render_json(roster)


def test_crlf_line_ends(tmp_path: Path) -> None:
    roster = same_by_both_readers(write(tmp_path, f"{HEADER}\r\n{SEED}\r\n{STANDARD}\r\n"))
    assert [a.line for a in roster.accounts()] == [2, 3]


def test_quoted_fields_with_delimiters_and_quotes(tmp_path: Path) -> None:
    text = f'{HEADER}\n"Acme, Inc.","Ann ""The Closer"" Lee","$1,250,000",10,9,10,9,8,7,8\n'
    roster = same_by_both_readers(write(tmp_path, text))
    account = next(roster.accounts())
    assert account.account == "Acme, Inc."
    assert account.arr == Decimal(1_250_000)


def test_a_quoted_line_break_keeps_later_line_numbers_physical(tmp_path: Path) -> None:
    text = f'{HEADER}\n"Acme\nHoldings",Ann,$1M,10,9,10,9,8,7,8\nBeta,Bob,$2M,x,9,10,9,8,7,8\n'
    path = write(tmp_path, text)
    assert problems(path) == ["r.csv:4:4: Current Revenue: 'x' is not a number of points (0-10)"]
    roster_module_read = read_roster(path, ScoringConfig(), engine="auto")
    assert isinstance(roster_module_read, RowsRead)


def test_every_invalid_row_is_reported_with_its_line_and_column(tmp_path: Path) -> None:
    text = "\n".join(
        [
            HEADER,
            SEED,
            "",
            "Acme,Ann,$1M,11,9,10,9,8,7,8",  # line 4: out of range
            "Beta,Bob,$1M,ten,9,10,9,8,7,8",  # line 5: not a number
            "Gamma,Cy,$1M,10,,10,9,8,7,8",  # line 6: missing
            "  ,Di,$1M,10,9,10,9,8,7,8",  # line 7: no account name
            "Delta,Ed,n/a,10,9,10,9,8,7,-1",  # line 8: bad ARR and negative points
            "Epsilon,Flo,$1M,10,9",  # line 9: ragged
            "Zeta,Gil,$1M,10,9,10,9,8,7,8,extra",  # line 10: ragged
        ]
    )
    path = write(tmp_path, text + "\n")
    assert problems(path) == [
        "r.csv:4:4: Current Revenue: 11 is outside 0-10",
        "r.csv:5:4: Current Revenue: 'ten' is not a number of points (0-10)",
        "r.csv:6:5: Expansion Potential: missing value",
        "r.csv:7:1: Account: missing value",
        "r.csv:8:3: ARR: 'n/a' is not an amount of money; write a number or a form like $400K, $1.4M, $85,000",
        "r.csv:8:10: Partnership Potential: -1 is outside 0-10",
        "r.csv:9: 5 fields, but the header has 10",
        "r.csv:10: 11 fields, but the header has 10",
    ]
    # the columnar reader declines an invalid roster; the default path reports the same problems
    assert score_roster(path, engine="auto").problems == score_roster(path, engine="python").problems


def test_an_unclosed_quote_is_reported_where_the_row_starts(tmp_path: Path) -> None:
    path = write(tmp_path, f'{HEADER}\n{SEED}\n"Acme,Ann,$1M,10,9,10,9,8,7,8\n{STANDARD}\n')
    (message,) = problems(path)
    assert message.startswith("r.csv:3: 1 fields, but the header has 10; the row runs from line 3 to 4")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("8", "8"),
        (" 7.5 ", "7.5"),
        ("7,5", "7.5"),
        ("10.0", "10.0"),
        ("0", "0"),
        ("-0", "0"),
        (".5", "0.5"),
        ("\u00a09", "9"),
    ],
)
def test_points_forms(cell: str, expected: str) -> None:
    assert parse_points(cell) == Decimal(expected)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("", "missing value"),
        ("10.01", "outside"),
        ("1e1", "not a number"),
        ("８", "not a number"),
        ("NaN", "not a number"),
    ],
)
def test_points_rejections(cell: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_points(cell)


# ---------------------------------------------------------------------------------------------- bands

BANDED = ScoringConfig(
    bands={
        "current_revenue": Band(column="ARR", bands=[(1_000_000, 10), (500_000, 8), (250_000, 6), (100_000, 4), (0, 2)])
    }
)


def test_bands_turn_arr_into_points_and_replace_the_dimension_column(tmp_path: Path) -> None:
    header = "Account,ARR," + ",".join(DIMENSIONS[1:])
    rows = [
        "Big,$1.2M,9,10,9,8,7,8",
        'Edge,"$1,000,000",9,10,9,8,7,8',
        "Mid,$499999.99,9,10,9,8,7,8",
        "Small,45000,3,5,3,4,3,2",
    ]
    roster = same_by_both_readers(write(tmp_path, header + "\n" + "\n".join(rows) + "\n"), BANDED)
    assert [a.points["current_revenue"] for a in roster.accounts()] == [10, 10, 6, 2]
    assert [str(a.score) for a in roster.accounts()] == ["90.5", "90.5", "80.5", "31"]


def test_band_column_value_below_every_band_is_an_invalid_row(tmp_path: Path) -> None:
    scoring = ScoringConfig(bands={"current_revenue": Band(column="ARR", bands=[(100_000, 4)])})
    header = "Account,ARR," + ",".join(DIMENSIONS[1:])
    path = write(tmp_path, f"{header}\nSmall,$45K,3,5,3,4,3,2\nBlank,,3,5,3,4,3,2\n")
    assert problems(path, scoring) == [
        "r.csv:2:2: ARR: 45000 is below the lowest band minimum (100000); add a band with minimum 0",
        "r.csv:3:2: ARR: missing value",
    ]


def test_a_bad_cell_in_the_arr_band_column_is_reported_once(tmp_path: Path) -> None:
    header = "Account,ARR," + ",".join(DIMENSIONS[1:])
    path = write(tmp_path, f"{header}\nBig,N/A,9,10,9,8,7,8\n")
    reported = problems(path, BANDED)
    assert len(reported) == 1
    assert reported[0].startswith("r.csv:2:2: ARR: 'N/A' is not an amount of money")


def test_missing_band_column_is_named(tmp_path: Path) -> None:
    header = "Account," + ",".join(DIMENSIONS)
    with pytest.raises(RosterError, match=r"'ARR' \(the band column for current_revenue\)"):
        read_roster(write(tmp_path, header + "\n"), BANDED)


# ---------------------------------------------------------------------------------------------- the two readers


def test_the_python_reader_works_without_polars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, f"{HEADER}\n{SEED}\n{STANDARD}\n")
    with_polars = render_csv(scored(path, "polars"))
    monkeypatch.setitem(sys.modules, "polars", None)  # `import polars` now raises ImportError
    monkeypatch.setattr(roster_module, "COLUMNAR_MIN_BYTES", 0)
    read = read_roster(path, ScoringConfig(), engine="auto")
    assert isinstance(read, RowsRead)
    assert render_csv(scored(path, "auto")) == with_polars


def test_big_rosters_use_the_columnar_reader_small_ones_do_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, f"{HEADER}\n{SEED}\n")
    assert isinstance(read_roster(path, ScoringConfig()), RowsRead)
    monkeypatch.setattr(roster_module, "COLUMNAR_MIN_BYTES", 10)
    assert isinstance(read_roster(path, ScoringConfig()), FrameRead)


@pytest.mark.parametrize(
    "body",
    [
        '"Acme" "Inc",Ann,1,10,9,10,9,8,7,8',  # text after a closing quote
        'Acme,Ann,1,10,9,10,9,8,7,"8"\u00a0',  # ... a multi-byte character, in a points column: polars read it
        # into a category that is not valid UTF-8 and panicked when it was converted
        '"Acme"\u00e9,Ann,1,10,9,10,9,8,7,8',
        'Ac"me,Ann,1,10,9,10,9,8,7,8',  # a quote inside an unquoted field
        '"Acme,"Inc",Ann,1,10,9,10,9,8,7,8',  # quotes that pair up differently for each parser
        "Acme,Ann,1,10,9,10,9,8,7,8\rBeta,Bob,1,10,9,10,9,8,7,8",  # a lone carriage return
        "Acme,Ann,1,10,9,10,9,8,7",  # ragged, short
        "Acme,Ann,1,10,9,10,9,8,7,8,",  # ragged, long
        '"Ac\nme",Ann,1,10,9,10,9,8,7,8',  # a line break inside quotes
        "Acme,Ann,1,10,9,10,9,8,7,8.1234567",  # more decimals than the columnar reader carries
    ],
)
@pytest.mark.parametrize("where", ["first row", "later row"])
@pytest.mark.parametrize("name", PASSES)
def test_the_columnar_reader_declines_what_it_cannot_vouch_for(
    tmp_path: Path, body: str, where: str, name: str
) -> None:
    # a first row that polars cannot read fails early; a later one must be caught by the proof
    before = f"{SEED}\n{STANDARD}\n" if where == "later row" else ""
    path = write(tmp_path, f"{HEADER}\n{before}{body}\n{STANDARD}\n")
    with columnar_pass(name), pytest.raises(RuntimeError, match="declined"):
        read_roster(path, ScoringConfig(), engine="polars")
    # and the default path still answers: the csv module's reading, whatever it is
    auto, python = score_roster(path, engine="auto"), score_roster(path, engine="python")
    assert auto.problems == python.problems
    if auto.roster is not None and python.roster is not None:
        assert render_csv(auto.roster) == render_csv(python.roster)


@pytest.mark.slow
@pytest.mark.parametrize("name", PASSES)
def test_both_readers_agree_on_a_large_roster_across_chunks(tmp_path: Path, name: str) -> None:
    lines = [HEADER]
    for index in range(3000):
        arr = ("$1.2M", '"$1,234,567.89"', "850000", "$45K", " 12.5k ")[index % 5]
        points = ",".join(str((index * (column + 3)) % 11) for column in range(7))
        name = f'"Account {index}, Ltd"' if index % 7 == 0 else f"Account {index}"
        lines.append(f"{name},Owner {index % 13},{arr},{points}")
        if index % 500 == 0:
            lines.append("")  # blank lines in the middle of chunks
    path = write(tmp_path, "\n".join(lines) + "\n")
    slow = scored(path, "python")
    with columnar_pass(name, small=True):
        roster = scored(path, "polars")
        assert roster.frame is not None
    _same_outputs(roster, slow)
    assert len(roster) == 3000
    assert next(roster.accounts()).line == 2
    assert list(roster.accounts())[-1].line == 3000 + 1 + 6


# ---------------------------------------------------------------------------------------------- money


money_texts = st.one_of(
    st.builds(
        lambda sign, whole, fraction, suffix, pad: f"{pad}{sign}{whole}{fraction}{suffix}{pad}",
        st.sampled_from(["", "$", "€", "£", "$ "]),
        st.one_of(st.integers(0, 10**14).map(str), st.integers(1000, 10**9).map(lambda n: f"{n:,}"), st.just("")),
        st.one_of(st.just(""), st.integers(0, 10**9).map(lambda n: f".{n}")),
        st.sampled_from(["", "k", "K", "M", "m", "B", "b", " K"]),
        st.sampled_from(["", " ", "\t"]),
    ),
    st.text(alphabet="0123456789$,.kKmMbB €£\u00a0٣", max_size=12),
)


@pytest.mark.parametrize(
    "cells",
    [
        ["850000", "0012", "999999999999"],  # whole numbers only: read as integers at once
        ["850000", "", "$1.2M", "0012", "1000000000000", " 7 ", "$45K"],  # mixed: the rest by form
        ["", " ", "$1,234.56"],  # no whole number at all
    ],
)
def test_columnar_money_whole_numbers_and_other_forms(cells: list[str]) -> None:
    import polars as pl

    micro = money_module.money_micro(pl.Series(cells, dtype=pl.String))
    assert micro is not None
    expected = [None if not cell.strip() else int(parse_money(cell).scaleb(6)) for cell in cells]
    assert micro.to_list() == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(money_texts, min_size=1, max_size=20))
def test_columnar_money_equals_parse_money(cells: list[str]) -> None:
    import polars as pl

    micro = money_module.money_micro(pl.Series(cells, dtype=pl.String))
    expected: list[int | None] = []
    for cell in cells:
        if not cell.strip(" \t\u00a0"):
            expected.append(None)
            continue
        try:
            scaled = parse_money(cell).scaleb(6)
        except ValueError:
            assert micro is None  # one value that is not money declines the whole column
            return
        if scaled != scaled.to_integral_value() or scaled >= 2**63:
            assert micro is None
            return
        expected.append(int(scaled))
    assert micro is not None
    assert micro.to_list() == expected


@pytest.mark.parametrize("explain", [False, True])
@pytest.mark.parametrize("engine", ["python", "polars"])
def test_streamed_json_is_the_json_of_one_dumps(tmp_path: Path, engine: str, explain: bool) -> None:
    """The JSON writer formats each account by hand for speed; it must write exactly what dumps writes,
    for every kind of account name (the Big List of Naughty Strings) and ARR (blank cells included)."""
    import csv
    import json as json_module

    from samkit.output.jsonout import dumps
    from tests.conftest import REPO

    # the corpora live beside the clone (../shared/corpora); a worktree sits one level deeper
    corpus = next(
        (folder / "blns.json" for folder in (REPO.parent, REPO.parent.parent) if (folder / "shared").is_dir()), None
    )
    if corpus is None:
        pytest.skip("the shared corpora are not beside this clone")
    corpus = corpus.parent / "shared" / "corpora" / "blns.json"
    names = [name for name in json_module.loads(corpus.read_text(encoding="utf-8")) if name.strip()]
    if engine == "polars":  # the columnar reader declines quoted fields and odd line ends: plain names only
        names = [name for name in names if name.isprintable() and not set(name) & set('",;\t')]
    path = tmp_path / "naughty.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.split(","))
        for number, name in enumerate(names[:300]):
            arr = "" if number % 7 == 0 else f"${number * 1234}.5"
            writer.writerow([name, "Owner", arr, *[str(number % 11)] * 6, "7.25"])
    roster = scored(path, engine)
    assert render_json(roster, explain) == dumps(roster.to_dict(explain)) + "\n"


def test_a_misspelt_dimension_column_is_named_as_the_header_writes_it_with_did_you_mean(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Account,Current Revenue,Expansion Potential,Strategic Fit,Market Influnce,Relationship Strength,"
        "Product Adoption,Partnership Potential\nA,1,2,3,4,5,6,7\n",
        encoding="utf-8",
    )
    with pytest.raises(RosterError, match=r"missing column: 'Market Influence' \(did you mean 'Market Influnce'\?\)"):
        read_roster(roster, ScoringConfig())


def test_a_blank_line_between_rows_and_signed_points_read_alike_by_both_readers(tmp_path: Path) -> None:
    # a spreadsheet's empty row left in the export, and points a user typed as "+10"
    signed = SEED.replace(",10,9,", ",+10,9,", 1)
    path = write(tmp_path, f"{HEADER}\n{signed}\n\n{STANDARD}\n")
    roster = same_by_both_readers(path)
    assert [account.account for account in roster.ranked()] == ["Global Financial Corp", "Brightline Logistics"]
    assert [account.line for account in roster.ranked()] == [2, 4]  # the blank line is counted
    # a number, not text a spreadsheet would run as a formula: passed through as written, by both readers
    assert "Maria Rodriguez,$850K,+10,9,10,9,8,7,8,90.5,Strategic\n" in render_csv(roster)


def test_a_runaway_cell_is_an_invalid_row_at_the_line_it_starts_on(
    tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a quote left open in a spreadsheet export: one cell swallows the rest of the file
    runaway = "x" * (1 << 20) + "x"  # over the csv module's limit whatever it is set to in this process
    write(tmp_path, f'{HEADER}\n{SEED}\nBig Co,"{runaway}",$1K,1,1,1,1,1,1,1\n{STANDARD}\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli("score", "roster.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("roster.csv:3: cannot read this row: field larger than field limit (")
    assert lines[1] == "roster.csv: 1 invalid row (1 problem); nothing scored"


def test_an_arr_column_left_blank_is_said_in_the_concentration_line(
    tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    blank_arr = [row.replace(",$850K,", ",,").replace(",$45K,", ",,") for row in (SEED, STANDARD)]
    write(tmp_path, "\n".join([HEADER, *blank_arr]) + "\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("score", "roster.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "Strategic accounts are 50.0% of accounts (no ARR recorded): outside the rule of thumb "
        "(top 10-20% of accounts, 60-80% of revenue)."
    )
