"""Files that ship with samkit: the Jinja templates and the plan JSON Schema.

In a wheel they sit inside the package (``samkit/templates``); in a source checkout or an editable
install they are the repository's top-level ``templates/`` and ``schema/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    installed = _PACKAGE / "templates"
    return installed if installed.is_dir() else _PACKAGE.parent / "templates"


def template_path(name: str) -> Path:
    return templates_dir() / name
