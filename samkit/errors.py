"""Errors that end a command with exit code 2 (usage, environment, configuration), and the exit codes."""

from __future__ import annotations

import threading


class UsageError(Exception):
    """Bad usage or environment: a missing path, bad configuration, an unknown git ref.

    The CLI prints the message (no traceback) and exits with 2.
    """


EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # a bug in samkit (BSD sysexits' EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a command ended by SIGINT
EXIT_BROKEN_PIPE = 1  # the reader of the output went away: quietly, as Click ends such a run

# Set by the command line's SIGINT handler (never by the library on its own): code that swallows broad
# exceptions (a polars read that fails falls back to another reader) asks it, so that Ctrl-C is never taken
# for a failed read and the run never goes on to write its output.
_interrupt = threading.Event()


def note_interrupt() -> None:
    _interrupt.set()


def interrupted() -> bool:
    return _interrupt.is_set()


def raise_if_interrupted() -> None:
    """``KeyboardInterrupt`` when Ctrl-C was pressed, whatever part of the run took the signal."""
    if _interrupt.is_set():
        raise KeyboardInterrupt
