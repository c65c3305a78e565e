"""The terminal: its width and whether to colour, for stdout and stderr; rich consoles where rich still draws.

Colour only on a terminal, never with ``NO_COLOR`` set (to anything but empty) or ``TERM=dumb``. Piped output
has no width: every line is as long as its content needs, never padded.

Every console samkit makes comes from ``make_console``: text handed to it as a string (table cells, lines)
goes through ``terminal_safe`` first, so a plan's or a roster's text cannot drive the terminal, while rich's
own colour codes still work.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

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


T = TypeVar("T")


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def stdout_width(stream: TextIO | None = None) -> int | None:
    """The terminal's width in cells (``COLUMNS`` wins, as everywhere), or None when the output is piped."""
    stream = stream if stream is not None else sys.stdout
    if not is_terminal(stream):
        return None
    return max(shutil.get_terminal_size().columns, 20)


def table_width(stream: TextIO | None = None, piped: bool = False) -> int | None:
    """The width tables are fitted to: ``COLUMNS`` when set (POSIX: the user's preferred width, honoured
    whether or not the output is a terminal), else the terminal's, else None (natural width).

    ``piped``: the output goes to a file, whatever ``stream`` is."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), 20)
    return None if piped else stdout_width(stream)


def stdout_colour(stream: TextIO | None = None) -> bool:
    stream = stream if stream is not None else sys.stdout
    return is_terminal(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


BAR_MIN_ITEMS = 300  # about a second of loading: fewer plans are done before a bar could be read


def loading_bar(items: Sequence[T], label: str) -> Iterator[T]:
    """``items`` one by one, with a progress bar on stderr while they are worked through: only on a terminal
    and only for enough items to take a second or more (the caller leaves it out for machine formats)."""
    if len(items) < BAR_MIN_ITEMS or not is_terminal(sys.stderr):
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr, force_terminal=True, no_color=bool(os.environ.get("NO_COLOR")))
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)


def note(message: str) -> None:
    """A line for people on stderr (summaries, progress), so machine formats keep stdout clean; on a terminal
    wrapped between words to its width (the terminal itself would break a word anywhere)."""
    from samkit.output.terminal import terminal_safe

    message = terminal_safe(message)
    width = stdout_width(sys.stderr)
    if width is not None:
        import textwrap

        message = "\n".join(
            "\n".join(textwrap.wrap(line, width, break_on_hyphens=False, break_long_words=False) or [""])
            for line in message.splitlines()
        )
    print(message, file=sys.stderr)
