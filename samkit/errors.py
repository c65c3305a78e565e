"""Errors that end a command with exit code 2 (usage, environment, configuration)."""

from __future__ import annotations


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
