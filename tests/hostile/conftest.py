"""Helpers for hostile-input tests: the CLI in a subprocess with a timeout, as a user permissions apply to.

A regression of a hang (a FIFO read) must fail the test, not stall the suite: every command runs in its own
process with a timeout. The tests run as root, and root ignores file permissions, so the permission cases
run the CLI through ``setpriv`` either as root without the two capabilities that bypass permissions
(``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``: the owner's permission bits then apply to root as to anyone,
and the test folders can stay private) or, where that is not possible, as ``nobody``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import REPO

TIMEOUT = 60
CORPORA = [REPO.parent / "shared" / "corpora", REPO.parent.parent / "shared" / "corpora"]
_NO_DAC = "-dac_override,-dac_read_search"


def samkit(
    *args: str | bytes | os.PathLike[str],
    cwd: Path,
    as_user: Sequence[str] = (),
    timeout: float = TIMEOUT,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m samkit ARGS`` in ``cwd``; a hang fails the test with ``TimeoutExpired``."""
    environment = {key: value for key, value in os.environ.items() if key not in ("SAMKIT_TODAY", "SAMKIT_DEBUG")}
    environment.update({"PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "100"}, **(env or {}))
    command: list[str | bytes | os.PathLike[str]] = [*as_user, sys.executable, "-m", "samkit", *args]
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, timeout=timeout, text=True, errors="replace"
    )


def assert_clean_exit(result: subprocess.CompletedProcess[str], code: int) -> None:
    """The exit code wanted, and none of the ways a crash shows."""
    assert result.returncode == code, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


def _works(prefix: list[str]) -> bool:
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", "import typer"], capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


@pytest.fixture(scope="session")
def unprivileged() -> list[str]:
    """A command prefix under which file permissions apply (empty when the tests do not run as root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv is not installed: permissions cannot be tested")
    # root without the two capabilities that bypass permissions: the test folders stay private to root
    root_bound = [setpriv, f"--inh-caps={_NO_DAC}", f"--bounding-set={_NO_DAC}"]
    if _works(root_bound):
        return root_bound
    nobody = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    if _works(nobody):
        return nobody
    pytest.skip("cannot run the CLI as a user that file permissions apply to (setpriv failed)")


def open_to_all(path: Path) -> Path:
    """Make ``path`` and its ancestors traversable, so a test folder is reachable for ``nobody`` too."""
    for folder in [path, *path.parents]:
        if folder == Path("/"):
            break
        with contextlib.suppress(OSError):
            folder.chmod(folder.stat().st_mode | (0o755 if folder.is_dir() else 0o644))
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    for folder in CORPORA:
        if (folder / "blns.json").is_file():
            return folder
    pytest.skip("the shared corpora are not beside this clone")


def naughty(corpus: Path) -> list[str]:
    strings: list[str] = json.loads((corpus / "blns.json").read_text(encoding="utf-8"))
    return strings


@pytest.fixture
def restricted(unprivileged: list[str], tmp_path: Path) -> list[str]:
    """``unprivileged``, with ``tmp_path`` made reachable when that means another user."""
    if any("--reuid" in part for part in unprivileged):
        open_to_all(tmp_path)
    return unprivileged
