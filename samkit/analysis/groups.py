"""How ``samkit metrics`` groups its figures.

A module of its own, importing nothing, so that the command line can offer the choice (``--by``) at start-up
without loading the metrics themselves.
"""

from __future__ import annotations

from enum import StrEnum


class GroupBy(StrEnum):
    tier = "tier"
    manager = "manager"
