"""The columnar reader names its reason whenever it steps aside (SAMKIT_DEBUG_ROSTER=1), and says nothing otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from samkit.config import ScoringConfig
from samkit.roster.columnar import FrameRead
from samkit.roster.declines import DEBUG_VARIABLE
from samkit.roster.reader import read_roster
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
