"""Rich consoles for stdout and stderr. Colour only on a terminal and never with NO_COLOR (rich honours both).

Every console samkit makes comes from ``make_console``: text handed to it as a string (table cells, lines)
goes through ``terminal_safe`` first, so a plan's or a roster's text cannot drive the terminal, while rich's
own colour codes still work.
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


@functools.cache
def _safe_console_class() -> type[Console]:
    from rich.console import Console

    from samkit.output.terminal import terminal_safe

    class SafeConsole(Console):
        def render_str(self, text: str, **options: Any) -> Text:
            return super().render_str(terminal_safe(text), **options)

    return SafeConsole


def make_console(**options: Any) -> Console:
    """``rich.console.Console(**options)`` that shows control characters in strings as escapes."""
    return _safe_console_class()(**options)


def safe_text(text: str, style: str = "") -> Text:
    """``rich.text.Text`` of ``text`` with control characters shown as escapes (``Text`` skips ``render_str``)."""
    from rich.text import Text

    from samkit.output.terminal import terminal_safe

    return Text(terminal_safe(text), style=style)


def stdout_console() -> Console:
    return make_console(file=sys.stdout, highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return make_console(file=sys.stderr, highlight=False, soft_wrap=True)


def note(message: str) -> None:
    """A line for people on stderr (summaries, progress), so machine formats keep stdout clean."""
    from samkit.output.terminal import terminal_safe

    print(terminal_safe(message), file=sys.stderr)
