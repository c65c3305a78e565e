"""One policy for file names that are not valid UTF-8 (and for any text that came from one).

Python reads such names with ``surrogateescape``: each undecodable byte becomes a lone surrogate
(U+DC80..U+DCFF). That keeps the name usable for opening the file, but a lone surrogate cannot be
printed, written to a UTF-8 file or put in a URI. So: names keep their surrogates inside samkit, and
wherever a name is *shown*, each such byte is written as a backslash escape (``caf\\xe9.yaml``); in a URI
the name's real bytes are percent-encoded (``caf%E9.yaml``). And what a plan file is called.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

_SURROGATE = re.compile("[\udc80-\udcff]")

# what a plan file is called: the loader searches folders for these, git history picks plans by them, and no
# command writes a document under such a name (``samkit.fileio.outputs.check_output``)
PLAN_SUFFIXES = (".yaml", ".yml")


def shown_name(name: str | os.PathLike[str]) -> str:
    """``name`` with each byte that is not UTF-8 shown as ``\\xNN``: printable, writable, still recognisable."""
    return _SURROGATE.sub(lambda match: f"\\x{ord(match.group()) - 0xDC00:02x}", os.fspath(name))


def uri_path(name: str) -> str:
    """A relative path for a URI: its real bytes percent-encoded (``/`` kept), valid whatever the encoding."""
    return quote(os.fsencode(name), safe="/")
