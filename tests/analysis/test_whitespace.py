"""Whitespace figures (domain.md): counts, untapped and pipeline potential, units and products without adoption."""

from __future__ import annotations

from decimal import Decimal

from samkit.analysis.whitespace import compute_whitespace
from samkit.plan.enums import WhitespaceStatus
from tests.conftest import plan_from, seed_plan


def matrix(*cells: tuple[str, str, str, str | None]) -> str:
    text = "account:\n  name: X\n  manager: M\nwhitespace:\n"
    for unit, product, status, potential in cells:
        text += f"  - unit: {unit}\n    product: {product}\n    status: {status}\n"
        if potential is not None:
            text += f"    potential: {potential}\n"
    return text


def test_potentials_count_untapped_and_competitor_cells_apart_from_pipeline() -> None:
    figures = compute_whitespace(
        plan_from(
            matrix(
                ("Payments", "Core", "untapped", "$400K"),
                ("Payments", "Analytics", "competitor", "$85,000.50"),
                ("Finance", "Core", "pipeline", "$120K"),
                ("Finance", "Analytics", "pipeline", "0.01"),
                ("Ops", "Core", "adopted", "$999K"),  # adopted and not-a-fit potentials count nowhere
                ("Ops", "Analytics", "not_a_fit", "$1M"),
                ("HR", "Core", "untapped", None),  # no potential: counted as a cell, adds nothing
            )
        )
    )
    assert figures.untapped_potential == Decimal("485000.50")
    assert figures.pipeline_potential == Decimal("120000.01")
    assert figures.counts == {
        WhitespaceStatus.UNTAPPED: 2,
        WhitespaceStatus.COMPETITOR: 1,
        WhitespaceStatus.PIPELINE: 2,
        WhitespaceStatus.ADOPTED: 1,
        WhitespaceStatus.NOT_A_FIT: 1,
    }
    assert figures.cells == 7
    assert figures.to_dict()["counts"] == {
        "adopted": 1,
        "pipeline": 2,
        "competitor": 1,
        "untapped": 2,
        "not_a_fit": 1,
    }


def test_units_and_products_without_adoption_in_first_seen_order_and_any_case() -> None:
    figures = compute_whitespace(
        plan_from(
            matrix(
                ("Payments", "Core", "pipeline", None),
                ("Ops", "Core", "adopted", None),
                ("payments ", "Analytics", "untapped", None),  # the same unit, another spelling
                ("Finance", "Mobile", "competitor", None),
                ("OPS", "Analytics", "not_a_fit", None),
            )
        )
    )
    assert figures.units == ["Payments", "Ops", "Finance"]
    assert figures.products == ["Core", "Analytics", "Mobile"]
    assert figures.units_without_adoption == ["Payments", "Finance"]
    assert figures.products_without_adoption == ["Analytics", "Mobile"]
    assert figures.sentence() == "2 of 3 units with nothing adopted, 2 of 3 products adopted nowhere"


def test_an_empty_matrix() -> None:
    figures = compute_whitespace(plan_from("account:\n  name: X\n  manager: M\n"))
    assert (figures.cells, figures.untapped_potential, figures.pipeline_potential) == (0, Decimal(0), Decimal(0))
    assert figures.sentence() == "0 of 0 units with nothing adopted, 0 of 0 products adopted nowhere"


def test_one_unit_and_one_product_read_in_the_singular() -> None:
    figures = compute_whitespace(plan_from(matrix(("Payments", "Core", "untapped", None))))
    assert figures.sentence() == "1 of 1 unit with nothing adopted, 1 of 1 product adopted nowhere"


def test_the_seed_plan_matrix() -> None:
    figures = compute_whitespace(seed_plan())
    # Technology, Operations and Data Science run the Core Platform; the analytics module is adopted nowhere
    assert figures.units_without_adoption == ["Payments", "European Operations", "Finance"]
    assert figures.products_without_adoption == ["Advanced Analytics Module"]
    assert figures.pipeline_potential == Decimal(800000)  # 120K + 400K + 280K: the plan's recurring pipeline
    assert figures.untapped_potential == Decimal(300000)  # 60K + 150K untapped, 90K competitor
