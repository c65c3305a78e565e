"""Finding and reading the configuration file, without the pydantic models that validate it.

Kept apart from ``samkit.config`` so that a command which only checks the configuration (``validate``,
``log``, ...) pays for building those models only when there is something to validate.
"""

from __future__ import annotations

import os
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from samkit.errors import UsageError
from samkit.fileio.inputs import MiB, read_input_text

# No setting needs more digits than this; a 5,000-digit number is a mistake or an attack, not a weight.
MAX_DIGITS = 30
_LONG_NUMBER = re.compile(rf"^[ \t]*([^=#\s][^=#\n]*?)[ \t]*=[ \t]*[-+]?[0-9_]{{{MAX_DIGITS + 1},}}", re.MULTILINE)


def _is_repository_root(folder: Path) -> bool:
    # ".git" is a folder in a clone and a file in a worktree or submodule; either marks the root
    return os.path.lexists(folder / ".git")


def _search_folders(start: Path) -> list[Path]:
    """``start`` and its parents, up to and including the repository root (all of them outside a repository)."""
    folders = []
    for folder in (start, *start.parents):
        folders.append(folder)
        if _is_repository_root(folder):
            break
    return folders


def _exists(candidate: Path) -> bool:
    # not is_file(): a FIFO or a folder by that name is refused with a message, not skipped;
    # os.path.exists, not Path.exists: a parent folder one may not enter is no reason to crash
    return os.path.exists(candidate)


def _has_samkit_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures samkit; one that cannot be read or parsed says so when it is read."""
    try:
        text = read_input_text(pyproject, MiB, "configuration")
        data = tomllib.loads(text)
    except (UsageError, tomllib.TOMLDecodeError, ValueError):
        return True  # let read_settings report what is wrong with it
    tool = data.get("tool")
    return isinstance(tool, dict) and "samkit" in tool


def find_config(start: Path | None = None) -> tuple[Path, bool] | None:
    """The config file that applies from ``start`` and whether it is a pyproject.toml.

    From ``start`` (default: the working directory) upwards, stopping at the repository root (the folder
    holding ``.git``): the nearest ``samkit.toml``, else the nearest ``pyproject.toml`` with ``[tool.samkit]``
    (cli.md). A pyproject.toml without ``[tool.samkit]`` is some other project's, not samkit's defaults.
    """
    folders = _search_folders((start or Path.cwd()).resolve())
    for folder in folders:
        if _exists(folder / "samkit.toml"):
            return folder / "samkit.toml", False
    for folder in folders:
        pyproject = folder / "pyproject.toml"
        if _exists(pyproject) and _has_samkit_table(pyproject):
            return pyproject, True
    return None


def default_plans_folder(start: Path | None = None, name: str = "plans") -> str:
    """Where plans live when no path is given: ``plans`` in the folder of the configuration found from the
    working directory (so ``samkit lint`` works from ``plans/`` or ``.github/`` too), else ``plans`` here.
    Shown relative to the working directory (``../plans``). ``name``: another default folder (``site``)."""
    here = (start or Path.cwd()).resolve()
    found = find_config(here)
    if found is None:
        return name
    home = found[0].parent.resolve()
    if home == here:
        return name
    return os.path.relpath(home / name, here)


def locate_config(explicit: str | Path | None = None, start: Path | None = None) -> tuple[Path, bool] | None:
    """The ``--config`` file if given (which must exist), else the one found from ``start``; None: defaults."""
    if explicit is not None:
        path = Path(explicit)
        if not path.exists():
            raise UsageError(f"{explicit}: configuration file not found")
        return path, path.name == "pyproject.toml"
    return find_config(start)


def read_settings(path: Path, in_pyproject: bool) -> tuple[dict[str, Any], str]:
    """The file's samkit settings as TOML data, and the prefix its keys are named with in messages.

    Refuses unreadable files, invalid TOML and over-long numbers; validating the keys is ``samkit.config``'s.
    """
    return settings_from_text(path, read_input_text(path, MiB, "configuration"), in_pyproject)


def settings_from_text(path: Path, text: str, in_pyproject: bool) -> tuple[dict[str, Any], str]:
    """``read_settings`` on text already read (a file as it was in a commit); ``path`` names it in messages."""
    try:
        data: dict[str, Any] = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: invalid TOML: {error}") from None
    except ValueError:  # an integer past Python's digit limit, before any key could be named by the parser
        found = _LONG_NUMBER.search(text)
        where = f":{text.count(chr(10), 0, found.start(1)) + 1}: {found.group(1)}" if found else ""
        raise UsageError(f"{path}{where}: number too long; settings have at most {MAX_DIGITS} digits") from None
    _refuse_long_numbers(path, data, "")
    if not in_pyproject:
        return data, ""
    tool = data.get("tool", {})
    settings = tool.get("samkit", {}) if isinstance(tool, dict) else {}
    if not isinstance(settings, dict):
        raise UsageError(f"{path}: [tool.samkit] must be a table")
    return settings, "tool.samkit."


def _refuse_long_numbers(path: Path, data: object, key: str) -> None:
    """Every number in the file within ``MAX_DIGITS`` digits, or a ``UsageError`` naming its key."""
    if isinstance(data, dict):
        for name, value in data.items():
            _refuse_long_numbers(path, value, f"{key}.{name}" if key else str(name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _refuse_long_numbers(path, value, f"{key}[{index}]")
    elif isinstance(data, int | Decimal) and not isinstance(data, bool):
        digits = len(str(abs(data))) if isinstance(data, int) else len(data.as_tuple().digits)
        exponent = 0 if isinstance(data, int) else data.as_tuple().exponent
        if digits > MAX_DIGITS or (isinstance(exponent, int) and abs(exponent) > MAX_DIGITS):
            raise UsageError(f"{path}: {key}: number too long; settings have at most {MAX_DIGITS} digits")
