"""A plans repository with dated commits, for docs/backtest.md ("Did our tiering predict retention?").

    python docs/examples/backtest_history.py /tmp/backtest-example
    cd /tmp/backtest-example
    samkit backtest --from 2026-01-31 --to 2026-12-31 --today 2027-01-15

The history, so every figure can be re-derived by hand:

- 2026-01-10: 35 plans, each with a score block (``ACCOUNTS`` below: the seven points in the order of the
  score block, then the ARR). samkit.toml keeps the default weights and thresholds (strategic from 70).
- 2026-03-01: samkit.toml raises the strategic threshold to 75 (a backtest from 2026-01-31 still judges the
  tiers decided under 70).
- 2026-11-30: the year's outcomes: every account's ARR at the end of the year (``ACCOUNTS``' last column);
  Kestrel Foods and Umber Paper churn (``status: churned``), Halcyon Travel's plan is deleted (churn too).

Three plans are left out of the cohort: Juniper Labs has no ARR, Quartz Media an all-zero score block,
Vireo Games no score block.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

# the git helpers of the metrics example beside this file (one way of making a dated history)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from metrics_history import _commit, _git

DIMENSIONS = (
    "current_revenue",
    "expansion_potential",
    "strategic_fit",
    "market_influence",
    "relationship_strength",
    "product_adoption",
    "partnership_potential",
)

# name, points (one digit per dimension, in DIMENSIONS' order), ARR at FROM, ARR at the end of the year
# (None: the plan is deleted; "churned": status churned). The score is Σ weight × points / 10 with the
# default weights 25, 20, 15, 15, 10, 10, 5.
ACCOUNTS: list[tuple[str, str, int | None, int | str | None]] = [
    ("Aurora Bank", "9988877", 2_400_000, 2_900_000),
    ("Boreal Insurance", "9897768", 1_900_000, 2_150_000),
    ("Cobalt Health", "8988786", 1_600_000, 1_700_000),
    ("Delta Freight", "8887778", 1_500_000, 1_650_000),
    ("Ember Energy", "9878677", 1_300_000, 1_250_000),
    ("Fjord Telecom", "8787877", 1_200_000, 1_380_000),
    ("Garnet Retail", "8778777", 1_100_000, 1_100_000),
    ("Halcyon Travel", "6566555", 900_000, None),
    ("Indigo Software", "7777766", 850_000, 1_020_000),
    ("Kestrel Foods", "4344332", 800_000, "churned"),
    ("Larch Logistics", "6776655", 700_000, 720_000),
    ("Maple Clinics", "6667665", 650_000, 610_000),
    ("Nimbus Cloud", "6666656", 600_000, 630_000),
    ("Osprey Media", "6566564", 560_000, 560_000),
    ("Pike Mining", "6556554", 520_000, 470_000),
    ("Raven Security", "5666555", 500_000, 540_000),
    ("Sable Apparel", "5565545", 480_000, 480_000),
    ("Tern Shipping", "5556544", 450_000, 400_000),
    ("Umber Paper", "2332221", 420_000, "churned"),
    ("Vale Water", "5455454", 400_000, 410_000),
    ("Wren Robotics", "4555454", 380_000, 380_000),
    ("Yarrow Farms", "4454443", 350_000, 330_000),
    ("Zephyr Air", "4445443", 330_000, 340_000),
    ("Alder Chemicals", "4444433", 300_000, 285_000),
    ("Birch Textiles", "4344432", 280_000, 280_000),
    ("Cedar Homes", "3444332", 260_000, 230_000),
    ("Dune Solar", "3344332", 240_000, 250_000),
    ("Elm Publishing", "3334322", 220_000, 200_000),
    ("Fern Pharmacy", "3333222", 200_000, 200_000),
    ("Gull Marine", "2333222", 180_000, 170_000),
    ("Heron Labs", "2232221", 160_000, 168_000),
    ("Ibis Studios", "2222211", 150_000, 140_000),
    ("Juniper Labs", "6666666", None, 300_000),
    ("Quartz Media", "0000000", 400_000, 420_000),
    ("Vireo Games", "", 300_000, 310_000),
]

CONFIG_AT_FROM = "[scoring]\nstrategic_threshold = 70\n"
CONFIG_LATER = "[scoring]\nstrategic_threshold = 75\n"


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def plan(name: str, points: str, arr: int | None, *, status: str = "active") -> str:
    lines = ["version: 1", "account:", f"  name: {name}", "  manager: Maria Rodriguez", f"  status: {status}"]
    if arr is not None:
        lines.append(f"  arr: ${arr:,}")
    if points:
        lines.append("score:")
        lines += [f"  {dimension}: {digit}" for dimension, digit in zip(DIMENSIONS, points, strict=True)]
    return "\n".join(lines) + "\n"


def build_history(root: Path) -> Path:
    """Create the example repository at ``root`` (which must not exist yet, or be empty); returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    _git(root, "init", "--quiet")
    _git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    start: dict[str, str | None] = {"samkit.toml": CONFIG_AT_FROM}
    for name, points, arr, _ in ACCOUNTS:
        start[f"plans/{slug(name)}.yaml"] = plan(name, points, arr)
    _commit(root, "The program's plans, scored", "2026-01-10T10:00:00", start)
    _commit(root, "A stricter strategic tier", "2026-03-01T10:00:00", {"samkit.toml": CONFIG_LATER})
    outcomes: dict[str, str | None] = {}
    for name, points, arr, ending in ACCOUNTS:
        path = f"plans/{slug(name)}.yaml"
        if ending is None:
            outcomes[path] = None
        elif ending == "churned":
            outcomes[path] = plan(name, points, arr, status="churned")
        else:
            assert isinstance(ending, int)
            outcomes[path] = plan(name, points, ending)
    _commit(root, "The year's renewals and expansions", "2026-11-30T10:00:00", outcomes)
    return root


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="samkit-backtest-"))
    print(build_history(target))
