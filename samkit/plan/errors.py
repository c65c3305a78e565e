"""Why a plan edit or write was refused."""

from __future__ import annotations


class EditError(Exception):
    """An edit that cannot be applied, or whose result would not be the plan that was asked for.

    ``where``: the line and column (1-based) in the plan as read, when the refusal is about one place of it;
    ``PlanFile`` then shows the message as ``path:line:column: message``.
    """

    def __init__(self, message: str, where: tuple[int, int] | None = None) -> None:
        super().__init__(message)
        self.where = where


class ConcurrentChange(EditError):
    """The file changed on disk after it was read; nothing was written."""
