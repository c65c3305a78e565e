"""Why a plan edit or write was refused."""

from __future__ import annotations


class EditError(Exception):
    """An edit that cannot be applied, or whose result would not be the plan that was asked for."""


class ConcurrentChange(EditError):
    """The file changed on disk after it was read; nothing was written."""
