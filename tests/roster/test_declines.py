"""The columnar reader names its reason whenever it steps aside (SAMKIT_DEBUG_ROSTER=1), and says nothing otherwise."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from samkit.config import DEFAULT_WEIGHTS, Band, ScoringConfig
from samkit.errors import UsageError
from samkit.output.score_out import render_csv
from samkit.roster import reader as reader_module
from samkit.roster.columnar import FrameRead
from samkit.roster.declines import DEBUG_VARIABLE
from samkit.roster.reader import read_roster
from samkit.roster.scoring import score_roster
from tests.roster.passes import PASSES, columnar_pass

HEADER = "Account,Owner,ARR,Current Revenue,Expansion Potential,Strategic Fit,Market Influence,Relationship Strength,Product Adoption,Partnership Potential"
ROW = "Global Financial Corp,Maria Rodriguez,$850K,10,9,10,9,8,7,8"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('"Acme\nEurope",Ann,1,1,1,1,1,1,1,1', "a quoted line break"),
        ('Acme "Europe",Ann,1,1,1,1,1,1,1,1', "a stray quote"),
        ("Acme,Ann,1,1,1", "a row with too few fields"),
        ("Acme,Ann,1,ten,1,1,1,1,1,1", "'ten' is not points"),
    ],
)
@pytest.mark.parametrize("name", PASSES)
def test_a_decline_names_its_reason_when_asked(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    body: str,
    reason: str,
    name: str,
) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(f"{HEADER}\n{ROW}\n{body}\n", encoding="utf-8")
    with columnar_pass(name), pytest.raises(RuntimeError, match="declined"):
        read_roster(path, ScoringConfig(), engine="polars")
    assert capsys.readouterr().err == ""  # quiet unless asked
    monkeypatch.setenv(DEBUG_VARIABLE, "1")
    with columnar_pass(name), pytest.raises(RuntimeError, match="declined"):
        read_roster(path, ScoringConfig(), engine="polars")
    said = capsys.readouterr().err
    assert said.startswith("samkit: roster: the columnar reader steps aside: ")
    assert reason in said


def test_a_plain_roster_is_read_without_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEBUG_VARIABLE, "1")
    path = tmp_path / "roster.csv"
    path.write_text(f"{HEADER}\n{ROW}\n", encoding="utf-8")
    for name in PASSES:
        with columnar_pass(name):
            assert isinstance(read_roster(path, ScoringConfig(), engine="polars"), FrameRead)
    assert capsys.readouterr().err == ""


# every other reason, each with what a user's roster or configuration must hold to meet it
BANDED_FINER = ScoringConfig(
    bands={
        "current_revenue": Band(column="ARR", bands=[(Decimal(500000), Decimal("8.0000001")), (Decimal(0), Decimal(2))])
    }
)
BANDED_FROM_100K = ScoringConfig(
    bands={"current_revenue": Band(column="ARR", bands=[(Decimal(500000), Decimal(8)), (Decimal(100000), Decimal(2))])}
)
FINE_WEIGHTS = ScoringConfig(
    weights={
        **DEFAULT_WEIGHTS,
        "current_revenue": Decimal("25.0000000000001"),
        "expansion_potential": Decimal("19.9999999999999"),
    }
)


@pytest.mark.parametrize(
    ("text", "options", "scoring", "reason"),
    [
        (
            f"{HEADER}\n{ROW}\n".encode() + b"Ac\x81me,Ann,1,1,1,1,1,1,1,1\n",  # 0x81: no character in cp1252
            {"encoding": "cp1252"},
            None,
            "not cp1252 throughout",
        ),
        (
            f"{HEADER.replace(',', '§')}\n{ROW.replace(',', '§')}\n".encode(),
            {"delimiter": "§"},
            None,
            "the delimiter '§' is not one plain byte",
        ),
        (f'Acc"ount{HEADER[7:]}\n{ROW}\n'.encode(), {}, None, "the header's quotes are not well formed"),
        (  # over the csv module's limit whatever it is set to (an import in the same process sets 1 MiB)
            f'"{"A" * (1 << 20)}A",{HEADER}\nx,{ROW}\n'.encode(),
            {},
            None,
            "a header cell longer than the csv module reads",
        ),
        (f"{HEADER}\n{ROW}\n".encode(), {}, BANDED_FINER, "band points finer than millionths"),
        (
            f"{HEADER}\n{ROW}\nSmall Co,Ann,$5K,1,1,1,1,1,1,1\n".encode(),
            {},
            BANDED_FROM_100K,
            "a band column value below every band, or blank",
        ),
        (
            f"{HEADER}\n{ROW}\n".encode(),
            {},
            FINE_WEIGHTS,
            "the weights have more decimals than exact 64-bit integers carry",
        ),
    ],
    ids=["encoding", "delimiter", "header-quotes", "header-cell", "band-points", "below-bands", "weights"],
)
@pytest.mark.parametrize("name", PASSES)
def test_every_reason_is_named_and_the_csv_reader_answers(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: bytes,
    options: dict[str, str],
    scoring: ScoringConfig | None,
    reason: str,
    name: str,
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(text)
    delimiter, encoding = options.get("delimiter"), options.get("encoding")
    monkeypatch.setenv(DEBUG_VARIABLE, "1")
    with columnar_pass(name), pytest.raises(RuntimeError, match="declined"):
        read_roster(path, scoring or ScoringConfig(), delimiter, encoding, engine="polars")
    assert f"samkit: roster: the columnar reader steps aside: {reason}\n" in capsys.readouterr().err
    # what the user gets is the csv reader's answer: the same with or without the columnar reader tried first
    try:
        python = score_roster(path, scoring, delimiter, encoding, engine="python")
    except UsageError as error:
        with pytest.raises(UsageError, match=re.escape(str(error))):
            score_roster(path, scoring, delimiter, encoding, engine="auto")
        return
    monkeypatch.setattr(reader_module, "COLUMNAR_MIN_BYTES", 0)  # auto tries the columnar reader, then falls back
    with columnar_pass(name):
        auto = score_roster(path, scoring, delimiter, encoding, engine="auto")
    assert [problem.format("r.csv") for problem in auto.problems] == [
        problem.format("r.csv") for problem in python.problems
    ]
    if auto.roster is not None and python.roster is not None:
        assert render_csv(auto.roster) == render_csv(python.roster)


def test_a_control_byte_in_a_chunk_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 0x01 is the chunked pass's own marker of a missing field: a file holding it cannot be vouched for
    path = tmp_path / "roster.csv"
    path.write_bytes(f"{HEADER}\n{ROW}\n".encode() + b"Ac\x01me,Ann,1,1,1,1,1,1,1,1\n")
    monkeypatch.setenv(DEBUG_VARIABLE, "1")
    with columnar_pass("chunked"), pytest.raises(RuntimeError, match="declined"):
        read_roster(path, ScoringConfig(), engine="polars")
    said = capsys.readouterr().err
    assert "samkit: roster: the columnar reader steps aside: a control byte 0x01, or a byte order mark" in said
    python = score_roster(path, engine="python")
    monkeypatch.setattr(reader_module, "COLUMNAR_MIN_BYTES", 0)
    with columnar_pass("chunked"):
        auto = score_roster(path, engine="auto")
    assert auto.roster is not None and python.roster is not None
    assert render_csv(auto.roster) == render_csv(python.roster)
    assert "Ac\x01me" in render_csv(python.roster)


OR_EUR = ', or set [program] currency = "EUR" if all the program\'s money is in EUR'
OR_GBP = ', or set [program] currency = "GBP" if all the program\'s money is in GBP'


@pytest.mark.parametrize(
    ("currency", "fits", "arr", "foreign", "fix"),
    [
        ("USD", "$850K", "€1.2M", "€", OR_EUR),
        ("USD", "850K", "£900K", "£", OR_GBP),
        ("EUR", "€850K", "$1.2M", "$", ""),  # `$` is no one currency's: no [program] currency to suggest
        ("GBP", "£850K", "€850K", "€", OR_EUR),
    ],
)
@pytest.mark.parametrize("name", PASSES)
def test_money_in_another_currency_is_the_csv_readers_to_name_by_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    currency: str,
    fits: str,
    arr: str,
    foreign: str,
    fix: str,
    name: str,
) -> None:
    """Either reader, the same answer: the row with another currency's sign, by line and column (as SAM312
    says of a plan's money); the ARR is also the band column here, and still one report."""
    path = tmp_path / "roster.csv"
    path.write_text(f"{HEADER}\nAcme,Ann,{fits},9,9,9,9,9,9,9\nGlobex,Bob,{arr},9,9,9,9,9,9,9\n", encoding="utf-8")
    scoring = ScoringConfig(bands={"current_revenue": Band(column="ARR", bands=[(Decimal(0), Decimal(5))])})
    monkeypatch.setenv(DEBUG_VARIABLE, "1")
    with columnar_pass(name), pytest.raises(RuntimeError, match="declined"):
        read_roster(path, scoring, engine="polars", currency=currency)
    assert "steps aside: money with another currency's sign" in capsys.readouterr().err
    python = score_roster(path, scoring, engine="python", currency=currency)
    monkeypatch.setattr(reader_module, "COLUMNAR_MIN_BYTES", 0)
    with columnar_pass(name):
        auto = score_roster(path, scoring, engine="auto", currency=currency)
    expected = (
        f"r.csv:3:3: ARR: {arr!r} is in {foreign}, not the program's {currency} ([program] currency): samkit never "
        f"converts currencies and would count it as {currency}; write the amount in {currency}{fix}"
    )
    for outcome in (python, auto):
        assert outcome.roster is None
        assert [problem.format("r.csv") for problem in outcome.problems] == [expected]
    # without a currency (the library's default) every sign reads, as before
    assert score_roster(path, scoring, engine="python").roster is not None
