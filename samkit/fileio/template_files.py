"""Templates read from real files inside their folders, never through a link to anywhere else.

Jinja's ``FileSystemLoader`` refuses ``..`` in a template name but follows symbolic links, so a link in a
user's template folder would let ``{% include "link" %}`` print any file the user running samkit can read
(an SSH key, a token) into a document that is then committed or published. ``ConfinedLoader`` resolves
each candidate and only accepts a regular file whose real path is inside the real template folder, read
through ``samkit.fileio.inputs`` (so a FIFO or ``/dev/zero`` named as a template cannot hang or exhaust).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence

from jinja2 import BaseLoader, Environment, TemplateNotFound
from jinja2.loaders import split_template_path

from samkit.fileio.inputs import InputProblem, MiB, read_input_text

MAX_TEMPLATE_BYTES = MiB


class ConfinedLoader(BaseLoader):
    """``FileSystemLoader`` semantics (first folder that has the name wins), confined to each folder."""

    def __init__(self, searchpath: Sequence[str | os.PathLike[str]]) -> None:
        self.searchpath = [os.path.abspath(path) for path in searchpath]

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses ".." like Jinja's own loader
        for folder in self.searchpath:
            candidate = os.path.join(folder, *pieces)
            if not os.path.lexists(candidate):
                continue
            real_folder = os.path.realpath(folder)
            real = os.path.realpath(candidate)
            if os.path.commonpath([real, real_folder]) != real_folder:
                raise TemplateNotFound(template, f"{template!r} is a link to outside the template folder {folder}")
            try:
                source = read_input_text(real, MAX_TEMPLATE_BYTES, "template")
            except InputProblem as problem:
                raise TemplateNotFound(template, f"{template!r} {problem.reason}") from None
            return source, os.path.normpath(candidate), functools.partial(_unchanged, real, os.path.getmtime(real))
        raise TemplateNotFound(template)


def _unchanged(path: str, mtime: float) -> bool:
    try:
        return os.path.getmtime(path) == mtime
    except OSError:
        return False
