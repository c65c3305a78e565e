"""The terminal: its width and whether to colour, for stdout and stderr; rich consoles where rich still draws.

Colour only on a terminal, never with ``NO_COLOR`` set (to anything but empty) or ``TERM=dumb``. Piped output
has no width: every line is as long as its content needs, never padded.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


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


def stdout_colour(stream: TextIO | None = None) -> bool:
    stream = stream if stream is not None else sys.stdout
    return is_terminal(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def stdout_console() -> Console:
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def note(message: str) -> None:
    """A line for people on stderr (summaries, progress), so machine formats keep stdout clean; on a terminal
    wrapped between words to its width (the terminal itself would break a word anywhere)."""
    width = stdout_width(sys.stderr)
    if width is not None:
        import textwrap

        message = "\n".join(
            "\n".join(textwrap.wrap(line, width, break_on_hyphens=False, break_long_words=False) or [""])
            for line in message.splitlines()
        )
    print(message, file=sys.stderr)
