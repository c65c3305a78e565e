"""Every bundled plan's document, pinned byte for byte: a change to the template, the filters or the context
that alters any document shows here as a diff to review (the seed's own is ``tests/snapshots``).

To accept a deliberate change: ``SAMKIT_UPDATE_SNAPSHOTS=1 pytest tests/render/test_bundled_snapshots.py``,
then review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from samkit.config import Config
from samkit.plan.loader import load_plan
from samkit.render.documents import render_plan
from tests.conftest import REPO, SEED_PLAN

SNAPSHOTS = Path(__file__).parent / "snapshots"
BUNDLED = sorted(path for path in (REPO / "plans").glob("*.yaml") if path != SEED_PLAN)
UPDATE_SNAPSHOTS = os.environ.get("SAMKIT_UPDATE_SNAPSHOTS") == "1"


def test_every_bundled_plan_but_the_seed_has_a_snapshot_here() -> None:
    assert len(BUNDLED) >= 4
    assert sorted(path.stem for path in SNAPSHOTS.glob("*.md")) == [plan.stem for plan in BUNDLED]


@pytest.mark.parametrize("plan", BUNDLED, ids=lambda plan: plan.stem)
def test_bundled_plan_document_matches_its_snapshot(plan: Path) -> None:
    loaded = load_plan(plan)
    assert loaded.ok, [finding.format_text() for finding in loaded.findings]
    document = render_plan(loaded, Config(), date(2026, 1, 15))
    snapshot = SNAPSHOTS / f"{plan.stem}.md"
    if UPDATE_SNAPSHOTS:
        snapshot.write_text(document, encoding="utf-8")
    assert document == snapshot.read_text(encoding="utf-8"), (
        f"{plan.name}'s document changed; if intended, rerun with SAMKIT_UPDATE_SNAPSHOTS=1 and review the diff"
    )
