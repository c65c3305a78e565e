"""Why the columnar roster reader stepped aside, said when asked.

The columnar reader (``columnar``) vouches only for files it can prove plain; anything else it declines and the
``csv`` reader decides, with the same answer, more slowly. Every decline names its reason through ``step_aside``:
with ``SAMKIT_DEBUG_ROSTER=1`` in the environment the reason goes to stderr (never stdout: machine formats stay
clean), so a slow ``samkit score`` on a large roster can be explained. docs/decisions/0001-three-roster-readers.md
says why there are three readers.
"""

from __future__ import annotations

import os
import sys

DEBUG_VARIABLE = "SAMKIT_DEBUG_ROSTER"


def step_aside(reason: str) -> None:
    """Note why the columnar reader declines (or leaves its whole-file pass); the caller then returns None."""
    if os.environ.get(DEBUG_VARIABLE) == "1":
        sys.stderr.write(f"samkit: roster: the columnar reader steps aside: {reason}\n")
    return None
