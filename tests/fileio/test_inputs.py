"""``samkit.fileio.inputs``: regular files only, size-capped before and while reading, clear reasons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samkit.errors import UsageError
from samkit.fileio.inputs import InputProblem, check_input, read_input, read_input_text
from tests.conftest import MINIMAL_PLAN, REPO


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"account: {}\n")
    assert read_input(path, 100) == b"account: {}\n"


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * (2 * 1024 * 1024))
    with pytest.raises(InputProblem) as raised:
        read_input(path, 1024 * 1024, "plan")
    assert raised.value.reason == "is 2,097,152 bytes; plan files are limited to 1 MiB"
    assert isinstance(raised.value, UsageError)
    assert read_input(path, 2 * 1024 * 1024) == b"x" * (2 * 1024 * 1024)  # exactly at the limit is fine


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # in a child process: if the open blocked, the timeout fails the test instead of hanging the suite
    code = f"from samkit.fileio.inputs import read_input\ntry:\n read_input({str(pipe)!r}, 10)\nexcept Exception as e:\n print(e)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "is a named pipe (FIFO), not a regular file" in result.stdout
    with pytest.raises(InputProblem, match="named pipe"):
        check_input(pipe)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused() -> None:
    with pytest.raises(InputProblem) as raised:
        read_input("/dev/zero", 10)
    assert str(raised.value) == "/dev/zero: is a device, not a regular file"


def test_a_directory_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputProblem) as raised:
        read_input(tmp_path, 10)
    assert raised.value.reason == "is a directory, not a file"
    assert raised.value.finding == "cannot read the file: it is a directory, not a file"
    with pytest.raises(InputProblem) as missing:
        read_input(tmp_path / "nope", 10)
    assert missing.value.reason == "no such file"


def test_text_must_be_utf8(tmp_path: Path) -> None:
    path = tmp_path / "samkit.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\nb = '\xe9'\n")
    with pytest.raises(InputProblem, match="line 2: not UTF-8 text; save it as UTF-8"):
        read_input_text(path, 100)
    path.write_bytes(b"\xef\xbb\xbfa = 1\n")
    assert read_input_text(path, 100) == "a = 1\n"


def test_an_undecodable_file_name_is_shown_escaped(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"\xff.yaml")
    with pytest.raises(InputProblem) as raised:
        read_input(os.fsdecode(name), 10)
    assert str(raised.value).endswith("/\\xff.yaml: no such file")


def test_broken_links_in_a_plans_folder_are_not_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Any
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "acme.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    (plans / "loop.yaml").symlink_to("loop.yaml")
    (plans / "gone.yaml").symlink_to("nowhere.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "plans")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "1 plan valid\n"
