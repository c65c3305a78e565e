"""Atomic writes: a temp file in the same folder, then ``os.replace`` — never a partial or clobbered file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from samkit.errors import UsageError


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8", newline: str | None = None) -> None:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{target}: folder {folder} does not exist")
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline=newline) as handle:
            handle.write(text)
        if target.exists():
            os.chmod(temp_name, target.stat().st_mode & 0o777)
        else:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temp_name, 0o666 & ~mask)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
