"""Whitespace figures of one plan: cells per status, untapped and pipeline potential, and an account
plan's "4 divisions untapped, 3 products not adopted" read off the matrix."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from samkit.plan.enums import WhitespaceStatus
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.plan.model import Plan, WhitespaceCell

UNTAPPED_STATUSES = frozenset({WhitespaceStatus.UNTAPPED, WhitespaceStatus.COMPETITOR})


@dataclass(frozen=True)
class Whitespace:
    units: list[str]
    products: list[str]
    counts: dict[WhitespaceStatus, int]
    untapped_potential: Decimal
    pipeline_potential: Decimal
    # units with no adopted cell, products with no adopted cell (first-seen order)
    units_without_adoption: list[str]
    products_without_adoption: list[str]

    @property
    def cells(self) -> int:
        return sum(self.counts.values())

    @property
    def status_counts(self) -> list[tuple[WhitespaceStatus, int]]:
        """(status, cells) for every status that has cells, in the format's order."""
        return [(status, self.counts[status]) for status in WhitespaceStatus if self.counts.get(status)]

    def sentence(self) -> str:
        """'2 of 4 units with nothing adopted, 3 of 5 products adopted nowhere'."""
        return (
            f"{len(self.units_without_adoption)} of {plural(len(self.units), 'unit')} with nothing adopted, "
            f"{len(self.products_without_adoption)} of {plural(len(self.products), 'product')} adopted nowhere"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "cells": self.cells,
            "counts": {status.value: self.counts.get(status, 0) for status in WhitespaceStatus},
            "untapped_potential": self.untapped_potential,
            "pipeline_potential": self.pipeline_potential,
            "units": self.units,
            "products": self.products,
            "units_without_adoption": self.units_without_adoption,
            "products_without_adoption": self.products_without_adoption,
        }


def _distinct(names: list[str]) -> list[str]:
    """First-seen order; names that differ only in case or surrounding spaces are one."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.strip().casefold(), name.strip())
    return list(seen.values())


def compute_whitespace(plan: Plan) -> Whitespace:
    cells = plan.whitespace
    units = _distinct([cell.unit for cell in cells])
    products = _distinct([cell.product for cell in cells])
    adopted_units = {cell.unit.strip().casefold() for cell in cells if cell.status is WhitespaceStatus.ADOPTED}
    adopted_products = {cell.product.strip().casefold() for cell in cells if cell.status is WhitespaceStatus.ADOPTED}
    return Whitespace(
        units=units,
        products=products,
        counts=dict(Counter(cell.status for cell in cells)),
        untapped_potential=sum(
            (cell.potential for cell in cells if cell.status in UNTAPPED_STATUSES and cell.potential is not None),
            Decimal(0),
        ),
        pipeline_potential=sum(
            (
                cell.potential
                for cell in cells
                if cell.status is WhitespaceStatus.PIPELINE and cell.potential is not None
            ),
            Decimal(0),
        ),
        units_without_adoption=[unit for unit in units if unit.casefold() not in adopted_units],
        products_without_adoption=[product for product in products if product.casefold() not in adopted_products],
    )


@dataclass(frozen=True)
class MatrixRow:
    """One business unit of the matrix: its cell for each product (None where the plan has none)."""

    unit: str
    cells: list[WhitespaceCell | None]


def whitespace_matrix(plan: Plan) -> tuple[list[str], list[MatrixRow]]:
    """Products (columns) and units (rows) in first-seen order, each cell looked up case-insensitively."""
    figures = compute_whitespace(plan)
    by_key = {(cell.unit.strip().casefold(), cell.product.strip().casefold()): cell for cell in plan.whitespace}
    rows = [
        MatrixRow(unit, [by_key.get((unit.casefold(), product.casefold())) for product in figures.products])
        for unit in figures.units
    ]
    return figures.products, rows
