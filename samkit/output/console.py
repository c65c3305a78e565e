"""Rich consoles for stdout and stderr. Colour only on a terminal and never with NO_COLOR (rich honours both)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def stdout_console() -> Console:
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def note(message: str) -> None:
    """A line for people on stderr (summaries, progress), so machine formats keep stdout clean."""
    from samkit.output.terminal import terminal_safe

    print(terminal_safe(message), file=sys.stderr)
