"""Program metrics (domain.md): the pure function over plans at FROM and at TO, figures worked out by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from samkit.analysis.groups import GroupBy
from samkit.analysis.metrics import Figures, Metrics, Period, RoiBand, compute_metrics, roi_band
from samkit.config import Config, ProgramConfig
from samkit.output.metrics_out import metrics_json, metrics_markdown
from samkit.plan.loader import load_text
from samkit.plan.model import Plan
from tests.conftest import REPO, plan_from

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
ONE_DAY = Period(date(2026, 1, 1), date(2026, 1, 1))


def account(
    name: str,
    arr: str | None = None,
    *,
    manager: str = "Maria Rodriguez",
    tier: str | None = None,
    status: str = "active",
    renewal: str | None = None,
    body: str = "",
) -> Plan:
    lines = [f"account:\n  name: {name}\n  manager: {manager}\n  status: {status}\n"]
    if arr is not None:
        lines.append(f"  arr: {arr}\n")
    if tier is not None:
        lines.append(f"  tier: {tier}\n")
    if renewal is not None:
        lines.append(f"  renewal_date: {renewal}\n")
    return plan_from("".join(lines) + body)


def costed(sam_cost: str | None = None, **per_manager: str) -> Config:
    return Config(
        program=ProgramConfig(
            sam_cost=Decimal(sam_cost) if sam_cost else None,
            sam_costs={name.replace("_", " "): Decimal(cost) for name, cost in per_manager.items()},
        )
    )


def metrics(
    before: list[Plan],
    after: list[Plan],
    config: Config | None = None,
    period: Period = Q1,
    by: GroupBy = GroupBy.tier,
) -> Metrics:
    return compute_metrics(before, after, config or Config(), period, by)


def test_expansion_contraction_deletion_and_churned_status() -> None:
    before = [
        account("Grows", "$100,000"),
        account("Shrinks", "$200,000"),
        account("Deleted", "$50,000"),
        account("Churned", "$30,000"),
        account("Flat", "$10,000"),
    ]
    after = [
        account("Grows", "$130,000"),
        account("Shrinks", "$150,000"),
        account("Churned", "$30,000", status="churned"),
        account("Flat", "$10,000"),
    ]
    total = metrics(before, after).total
    assert total.starting_arr == Decimal(390_000)
    assert (total.expansion, total.contraction, total.churn) == (Decimal(30_000), Decimal(50_000), Decimal(80_000))
    assert total.ending_arr == Decimal(290_000)
    # GRR (390 - 50 - 80) / 390 = 66.666..% ; NDR (390 + 30 - 50 - 80) / 390 = 74.358..%
    assert total.grr == Decimal("66.7")
    assert total.ndr == Decimal("74.4")
    assert total.accounts == 5


def test_new_accounts_and_comebacks_add_to_new_and_not_to_ndr_or_grr() -> None:
    before = [account("Old", "$100,000"), account("Lost Then Back", "$40,000", status="churned")]
    after = [
        account("Old", "$100,000"),
        account("Brand New", "$70,000"),
        account("Lost Then Back", "$45,000"),
    ]
    total = metrics(before, after).total
    assert total.starting_arr == Decimal(100_000)
    assert total.new == Decimal(115_000)
    assert total.ending_arr == Decimal(215_000)
    assert (total.grr, total.ndr) == (Decimal("100.0"), Decimal("100.0"))


def test_matching_is_by_account_name_ignoring_case() -> None:
    total = metrics([account("acme corp", "$100")], [account("ACME Corp", "$120")]).total
    assert (total.expansion, total.churn, total.new) == (Decimal(20), Decimal(0), Decimal(0))


def test_accounts_without_arr() -> None:
    before = [
        account("No ARR Ever"),
        account("ARR Removed", "$500"),
        account("ARR Added Later"),
        account("Base", "$1000"),
    ]
    after = [
        account("No ARR Ever"),
        account("ARR Removed"),
        account("ARR Added Later", "$300"),
        account("Base", "$1000"),
    ]
    result = metrics(before, after)
    total = result.total
    # an account whose ARR disappears is not churn (it is still a customer); it leaves the ARR figures
    assert total.starting_arr == Decimal(1000)
    assert total.churn == Decimal(0)
    # an account without ARR at FROM that has one at TO adds to new
    assert total.new == Decimal(300)
    assert total.ending_arr == Decimal(1300)
    assert any("ARR Removed" in note for note in result.notes)
    assert any("ARR Added Later" in note for note in result.notes)
    assert total.accounts == 4


def test_no_starting_arr_gives_no_rates() -> None:
    total = metrics([account("A")], [account("A", "$10")]).total
    assert total.grr is None and total.ndr is None
    assert total.to_dict()["grr"] is None


WIN = """\
opportunities:
  - name: {name}
    value: {value}
    kind: {kind}
    probability: 100%
    status: {status}
    closed: {closed}
"""


@pytest.mark.parametrize(
    ("kind", "status", "closed", "counted"),
    [
        ("recurring", "won", "2026-01-01", True),  # first day of the period
        ("recurring", "won", "2026-03-31", True),  # last day
        ("recurring", "won", "2025-12-31", False),  # the day before
        ("recurring", "won", "2026-04-01", False),  # the day after
        ("one_time", "won", "2026-02-01", False),  # services are not expansion
        ("recurring", "lost", "2026-02-01", False),
    ],
)
def test_won_expansion_counts_recurring_wins_closed_in_the_period(
    kind: str, status: str, closed: str, counted: bool
) -> None:
    body = WIN.format(name="Deal", value="$25,000", kind=kind, status=status, closed=closed)
    after = [account("A", "$100", body=body)]
    total = metrics([account("A", "$100")], after).total
    assert total.won_expansion == (Decimal(25_000) if counted else Decimal(0))


@pytest.mark.parametrize(
    ("renewal", "active_at_to", "counted"),
    [
        ("2026-01-01", True, True),
        ("2026-03-31", True, True),
        ("2026-04-01", True, False),
        ("2025-12-31", True, False),
        ("2026-02-01", False, False),  # churned before TO: no renewal
    ],
)
def test_renewal_arr_counts_renewals_due_in_the_period_of_accounts_still_active(
    renewal: str, active_at_to: bool, counted: bool
) -> None:
    before = [account("A", "$400", renewal=renewal)]
    after = [account("A", "$450", status="active" if active_at_to else "churned")]
    total = metrics(before, after).total
    # the renewal is the ARR at FROM (s), not the ARR at TO
    assert total.renewal_arr == (Decimal(400) if counted else Decimal(0))


def test_renewal_date_is_read_at_from_not_at_to() -> None:
    before = [account("A", "$400", renewal="2027-01-01")]
    after = [account("A", "$400", renewal="2026-02-01")]
    assert metrics(before, after).total.renewal_arr == Decimal(0)


def test_cost_is_annual_cost_times_days_over_365_per_manager_owning_accounts_at_from() -> None:
    before = [
        account("A", "$1", manager="Maria Rodriguez"),
        account("B", "$1", manager="maria rodriguez"),  # the same manager
        account("C", "$1", manager="James Okafor"),
        account("Gone", "$1", manager="Nobody Costly", status="churned"),  # owns no active account
    ]
    after = [*before[:3], account("D", "$1", manager="New Manager")]
    config = costed("250000", Maria_Rodriguez="275000")
    total = metrics(before, after, config).total
    # Maria 275,000 × 90 / 365 = 67,808.219.. → 67,808.22 ; James 250,000 × 90 / 365 = 61,643.835.. → 61,643.84
    assert total.cost == Decimal("129452.06")


def test_without_a_configured_cost_cost_and_roi_are_null() -> None:
    total = metrics([account("A", "$100")], [account("A", "$200")]).total
    assert total.cost is None
    assert total.to_dict()["cost"] is None and total.to_dict()["roi"] is None and total.to_dict()["roi_band"] is None


def test_a_manager_without_a_cost_makes_the_total_unknown_and_is_named() -> None:
    before = [account("A", "$100", manager="Maria Rodriguez"), account("B", "$100", manager="James Okafor")]
    result = metrics(before, before, costed(Maria_Rodriguez="365000"), by=GroupBy.manager)
    assert result.total.cost is None
    assert result.managers_without_cost == ["James Okafor"]
    costs = {group.group: group.cost for group in result.groups}
    assert costs == {"James Okafor": None, "Maria Rodriguez": Decimal("90000.00")}


@pytest.mark.parametrize(
    ("gain", "roi", "band"),
    [
        ("5000", "5.00", RoiBand.HEALTHY),
        ("4995", "5.00", RoiBand.HEALTHY),  # 4.995 rounds half-up to 5.00: the band follows the figure shown
        ("4994.99", "4.99", RoiBand.BELOW_HEALTHY),
        ("3000", "3.00", RoiBand.BELOW_HEALTHY),
        ("2994.99", "2.99", RoiBand.REVISE),
        ("0", "0.00", RoiBand.REVISE),
    ],
)
def test_roi_bands_at_their_boundaries(gain: str, roi: str, band: RoiBand) -> None:
    # 365,000 a year for one day costs exactly 1,000.00
    before = [account("A", "$10,000")]
    after = [account("A", f"${Decimal(10_000) + Decimal(gain)}")]
    total = metrics(before, after, costed("365000"), ONE_DAY).total
    assert total.cost == Decimal("1000.00")
    assert total.roi == Decimal(roi)
    assert total.roi_band is band
    assert str(total.to_dict()["roi"]) == roi


def test_roi_band_function_boundaries() -> None:
    assert roi_band(Decimal("5.00")) is RoiBand.HEALTHY
    assert roi_band(Decimal("4.99")) is RoiBand.BELOW_HEALTHY
    assert roi_band(Decimal("3.00")) is RoiBand.BELOW_HEALTHY
    assert roi_band(Decimal("2.99")) is RoiBand.REVISE


def test_roi_counts_expansion_and_renewals_over_cost() -> None:
    before = [account("A", "$1,000", renewal="2026-01-01")]
    after = [account("A", "$1,500")]
    total = metrics(before, after, costed("365000"), ONE_DAY).total
    assert total.roi == Decimal("1.50")  # (500 + 1,000) / 1,000


def _sums_match(groups: list[Figures], total: Figures) -> None:
    for name in ("accounts", "starting_arr", "expansion", "contraction", "churn", "new", "ending_arr"):
        assert sum(getattr(group, name) for group in groups) == getattr(total, name), name
    for name in ("won_expansion", "renewal_arr", "cost"):
        assert sum(getattr(group, name) for group in groups) == getattr(total, name), name


def test_cost_split_across_tiers_by_accounts_and_the_remaining_cent_goes_to_the_biggest_tier() -> None:
    # 7.30 a year for one day is 0.02 for each manager
    plans = [
        account("S1", "$10", tier="strategic"),
        account("S2", "$10", tier="strategic"),
        account("K1", "$10", tier="key"),
        account("T1", "$10", tier="standard", manager="Other Manager"),
    ]
    config = costed("7.30")  # 7.30 × 1 / 365 = 0.02 a day for each manager
    result = metrics(plans, plans, config, ONE_DAY)
    costs = {group.group: group.cost for group in result.groups}
    # Maria: 0.02 × 2/3 = 0.0133 → 0.01 (strategic), 0.02 × 1/3 = 0.0067 → 0.01 (key); Other Manager: 0.02
    assert costs == {"Strategic": Decimal("0.01"), "Key": Decimal("0.01"), "Standard": Decimal("0.02")}
    assert result.total.cost == Decimal("0.04")
    _sums_match(result.groups, result.total)

    three = [
        account("S1", "$10", tier="strategic"),
        account("K1", "$10", tier="key"),
        account("T1", "$10", tier="standard"),
    ]
    # 0.02 split three ways: 0.0067 → 0.01 each = 0.03, one cent too many: taken back from the first tier by order
    # of most accounts (all equal: strategic first)
    result = metrics(three, three, costed("7.30"), ONE_DAY)
    costs = {group.group: group.cost for group in result.groups}
    assert costs == {"Strategic": Decimal("0.00"), "Key": Decimal("0.01"), "Standard": Decimal("0.01")}
    _sums_match(result.groups, result.total)


def test_remaining_cent_goes_to_the_tier_with_most_of_the_managers_accounts() -> None:
    plans = [
        account("K1", "$1", tier="key"),
        account("K2", "$1", tier="key"),
        account("K3", "$1", tier="key"),
        account("S1", "$1", tier="strategic"),
        account("S2", "$1", tier="strategic"),
        account("T1", "$1", tier="standard"),
        account("T2", "$1", tier="standard"),
    ]
    # 0.10 a day (36.50 a year) over 7 accounts: 3/7 → 0.0429 → 0.04; 2/7 → 0.0286 → 0.03 (twice) = 0.10
    result = metrics(plans, plans, costed("36.50"), ONE_DAY)
    costs = {group.group: group.cost for group in result.groups}
    assert costs == {"Strategic": Decimal("0.03"), "Key": Decimal("0.04"), "Standard": Decimal("0.03")}
    # 0.05 a day: 3/7 → 0.0214 → 0.02, 2/7 → 0.0143 → 0.01 (twice) = 0.04; the missing cent goes to key (3 accounts)
    result = metrics(plans, plans, costed("18.25"), ONE_DAY)
    costs = {group.group: group.cost for group in result.groups}
    assert costs == {"Strategic": Decimal("0.01"), "Key": Decimal("0.03"), "Standard": Decimal("0.01")}
    _sums_match(result.groups, result.total)


def test_grouping_uses_the_tier_at_from_and_the_tier_at_to_for_new_accounts() -> None:
    before = [account("Moves Down", "$100", tier="strategic")]
    after = [account("Moves Down", "$150", tier="standard"), account("New Key", "$70", tier="key")]
    groups = {group.group: group for group in metrics(before, after).groups}
    assert groups["Strategic"].expansion == Decimal(50)
    assert groups["Standard"].accounts == 0
    assert groups["Key"].new == Decimal(70)


def test_grouping_by_manager_uses_the_manager_at_from() -> None:
    before = [account("A", "$100", manager="Maria Rodriguez"), account("B", "$100", manager="James Okafor")]
    after = [
        account("A", "$100", manager="James Okafor"),
        account("B", "$50", manager="James Okafor"),
        account("C", "$10", manager="Ana Silva"),
    ]
    result = metrics(before, after, costed("365000"), ONE_DAY, GroupBy.manager)
    groups = {group.group: group for group in result.groups}
    assert list(groups) == ["Ana Silva", "James Okafor", "Maria Rodriguez"]
    assert groups["Maria Rodriguez"].starting_arr == Decimal(100)
    assert groups["James Okafor"].contraction == Decimal(50)
    assert groups["Ana Silva"].new == Decimal(10)
    assert groups["Ana Silva"].cost == Decimal(0)  # owned nothing at FROM
    assert groups["Ana Silva"].roi is None
    _sums_match(result.groups, result.total)


ENGAGED = """\
last_reviewed: {reviewed}
stakeholders:
  - name: Chief
    level: c_suite
    relationship: strong
    last_contact: {contact}
  - name: Helper
    relationship: moderate
"""


def test_engagement_coverage_review_and_tier_agreement_over_active_plans_at_to() -> None:
    score_key = (
        "score:\n  current_revenue: 5\n  expansion_potential: 5\n  strategic_fit: 5\n  market_influence: 5\n"
        "  relationship_strength: 5\n  product_adoption: 5\n  partnership_potential: 5\n"
    )  # scores 50: Key
    after = [
        account("Engaged", tier="strategic", body=ENGAGED.format(reviewed="2026-01-15", contact="2026-02-01")),
        account("Quiet", tier="strategic", body=ENGAGED.format(reviewed="2025-12-01", contact="2025-12-31")),
        account("Keyed", tier="key", body=score_key + ENGAGED.format(reviewed="2025-10-01", contact="2026-01-01")),
        account("Misdeclared", tier="strategic", body=score_key + "last_reviewed: 2025-03-31\n"),
        account(
            "Gone", tier="strategic", status="churned", body=ENGAGED.format(reviewed="2026-03-01", contact="2026-03-01")
        ),
    ]
    result = metrics([], after)
    # strategic at TO (churned left out): Engaged, Quiet (Misdeclared scores Key)
    assert (result.engagement.strategic_accounts, result.engagement.with_c_level_contact) == (2, 1)
    assert result.engagement.rate == Decimal("50.0")
    assert result.coverage.average_stakeholders == Decimal("2.0")
    # review intervals before 2026-03-31: strategic 92 days (from 2025-12-29), key 183 days (from 2025-09-29)
    # Engaged yes, Quiet no (120 days), Keyed yes (181 days), Misdeclared no (365 days)
    assert (result.review.plans, result.review.reviewed_in_interval) == (4, 2)
    assert (result.tier_agreement.plans_with_score, result.tier_agreement.matching) == (2, 1)
    assert result.tier_agreement.rate == Decimal("50.0")


def test_json_shape_is_the_contract() -> None:
    data = metrics([account("A", "$100")], [account("A", "$120")], costed("365000")).to_dict()
    contract = ["from", "to", "groups", "total", "engagement", "coverage", "review", "designation"]
    assert list(data) == [*contract, "objectives"]  # round 3 (issue #28): objectives achieved / missed
    figures = [
        "group", "accounts", "starting_arr", "expansion", "contraction", "churn", "new", "ending_arr",
        "grr", "ndr", "won_expansion", "renewal_arr", "cost", "roi", "roi_band",
    ]  # fmt: skip
    assert list(data["total"]) == figures
    assert all(list(group) == figures for group in data["groups"])
    assert list(data["engagement"]) == ["strategic_accounts", "with_c_level_contact", "rate", "target"]
    assert list(data["coverage"]) == ["strategic_accounts", "average_stakeholders", "target"]
    assert list(data["review"]) == ["plans", "reviewed_in_interval", "rate"]
    assert list(data["designation"]) == ["plans_with_score", "matching", "rate"]
    assert [group["group"] for group in data["groups"]] == ["Strategic", "Key", "Standard"]


def test_duplicate_account_names_on_one_side_count_once_and_are_noted() -> None:
    result = metrics([account("A", "$100"), account("a", "$900")], [account("A", "$100")])
    assert result.total.starting_arr == Decimal(100)
    assert any("two plans at FROM" in note for note in result.notes)


movements = st.lists(
    st.tuples(
        st.decimals(min_value=0, max_value=10_000_000, places=2),  # ARR at FROM
        st.one_of(st.none(), st.decimals(min_value=0, max_value=10_000_000, places=2)),  # at TO; None: gone
    ),
    min_size=1,
    max_size=12,
)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(movements)
def test_ndr_minus_grr_is_expansion_over_starting_arr(moves: list[tuple[Decimal, Decimal | None]]) -> None:
    before = [account(f"Account {index}", f"${start}") for index, (start, _) in enumerate(moves)]
    after = [account(f"Account {index}", f"${end}") for index, (_, end) in enumerate(moves) if end is not None]
    total = metrics(before, after).total
    if total.starting_arr == 0:
        assert total.ndr is None and total.grr is None
        return
    assert total.ndr is not None and total.grr is not None
    expansion_rate = total.expansion * 100 / total.starting_arr
    # each rate is rounded to 0.05 at most, so their difference is within 0.1 of the exact one
    assert abs((total.ndr - total.grr) - expansion_rate) <= Decimal("0.1")
    # and the movement adds up exactly
    assert total.ending_arr == total.starting_arr + total.expansion - total.contraction - total.churn + total.new


def _naughty_strings() -> list[str]:
    for folder in (REPO.parent / "shared" / "corpora", REPO.parent.parent / "shared" / "corpora"):
        if (folder / "blns.json").is_file():
            strings: list[str] = json.loads((folder / "blns.json").read_text(encoding="utf-8"))
            return strings
    pytest.skip("the shared corpora (blns.json) are not beside this clone")


def test_naughty_manager_and_account_names_survive_every_format() -> None:
    plans = []
    for index, text in enumerate(_naughty_strings()):
        source = f"account:\n  name: {json.dumps(f'{text} #{index}')}\n  manager: {json.dumps(text)}\n  arr: $1000\n"
        loaded = load_text(source, "naughty.yaml")
        if loaded.plan is not None:
            plans.append(loaded.plan)
    assert len(plans) > 100
    result = metrics(plans, plans[: len(plans) // 2], costed("365000"), ONE_DAY, GroupBy.manager)
    _sums_match(result.groups, result.total)
    data = json.loads(metrics_json(result))
    assert [group["group"] for group in data["groups"]] == [group.group for group in result.groups]
    tokens = MarkdownIt().enable("table").parse(metrics_markdown(result))
    rows = [token for token in tokens if token.type == "tr_open"]
    # three tables, each a header row, one row per manager and the total
    assert len(rows) == 3 * (len(result.groups) + 2)
