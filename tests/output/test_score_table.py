"""``score``'s table for people, streamed: the same text as the whole-table layout, for every width."""

from __future__ import annotations

from pathlib import Path

import pytest

from samkit.output.blocks import blocks_text
from samkit.output.score_table import score_blocks, table_chunks
from samkit.roster.scoring import score_roster
from tests.output.test_score_frame import _hostile_roster


@pytest.mark.parametrize("engine", ["polars", "python"])
@pytest.mark.parametrize("explain", [False, True])
@pytest.mark.parametrize("limit", [None, 7])
def test_the_streamed_table_is_the_whole_table_at_every_width(
    tmp_path: Path, engine: str, explain: bool, limit: int | None
) -> None:
    outcome = score_roster(_hostile_roster(tmp_path), engine=engine)  # type: ignore[arg-type]
    roster = outcome.roster
    assert roster is not None
    assert (roster.frame is not None) == (engine == "polars")
    for width in (None, 200, 80, 40, 20):  # 20: too narrow for columns, so one record per account
        for colour in (False, True):
            whole = blocks_text(score_blocks(roster, explain, limit), width, colour)
            assert "".join(table_chunks(roster, explain, limit, width, colour)) == whole, (width, colour)


def test_an_empty_roster_streams_the_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(
        "Account,Current Revenue,Expansion Potential,Strategic Fit,Market Influence,"
        "Relationship Strength,Product Adoption,Partnership Potential\n",
        encoding="utf-8",
    )
    roster = score_roster(path).roster
    assert roster is not None
    for width in (None, 80, 20):
        assert "".join(table_chunks(roster, False, None, width)) == blocks_text(
            score_blocks(roster, False, None), width
        )
