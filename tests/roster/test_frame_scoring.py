"""Scoring a columnar roster: score texts looked up or built give the same text, tiers by lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from samkit.roster import frame_scoring
from samkit.roster.scoring import score_roster
from tests.roster.passes import PASSES, columnar_pass

HEADER = "Account,Owner,ARR,Current Revenue,Expansion Potential,Strategic Fit,Market Influence,Relationship Strength,Product Adoption,Partnership Potential"


@pytest.mark.parametrize("table_max", [100_000, 0])
def test_score_texts_looked_up_or_built_read_the_same(monkeypatch: pytest.MonkeyPatch, table_max: int) -> None:
    import polars as pl

    monkeypatch.setattr(frame_scoring, "_TEXT_TABLE_MAX", table_max)  # 0: every text built, none looked up
    tenths = pl.Series([0, 5, 10, 699, 700, 1000, 123], dtype=pl.Int64)
    assert frame_scoring._score_texts(tenths).to_list() == ["0.0", "0.5", "1.0", "69.9", "70.0", "100.0", "12.3"]


def test_mixed_line_ends_are_read_whole_and_alike(tmp_path: Path) -> None:
    """``\\r\\n`` and ``\\n`` in one file: the csv module takes both as line ends, and so does the whole-file pass."""
    rows = [f"Acme {index},Ann,$1.{index}M,{index % 11},5,5,5,5,5,{10 - index % 11}" for index in range(40)]
    text = HEADER + "\r\n" + "".join(row + ("\r\n" if index % 3 else "\n") for index, row in enumerate(rows))
    path = tmp_path / "mixed.csv"
    path.write_bytes(text.encode())
    slow = score_roster(path, engine="python")
    assert slow.roster is not None
    for name in PASSES:
        with columnar_pass(name):
            try:
                fast = score_roster(path, engine="polars")
            except RuntimeError:
                assert name == "chunked"  # the chunked pass declines mixed line ends; the whole-file one must not
                continue
        assert fast.roster is not None and fast.roster.frame is not None
        assert [(a.account, a.line, a.score, a.tier) for a in fast.roster.accounts()] == [
            (a.account, a.line, a.score, a.tier) for a in slow.roster.accounts()
        ]
