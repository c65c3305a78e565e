"""``samkit.fileio.inputs``: regular files only, size-capped before and while reading, clear reasons."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samkit.errors import UsageError
from samkit.fileio.inputs import InputProblem, check_input, first_non_utf8, not_utf8, read_input, read_input_text
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


def where_undecodable(data: bytes) -> tuple[int, int, int] | None:
    """The oracle: the whole file decoded at once, its error's place counted from the start of the text (a
    BOM is none of it), with the csv module's line ends (``\\r\\n``, ``\\r``, ``\\n``)."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        lines = re.split(r"\r\n|\r|\n", data[: error.start].decode("utf-8"))
        return len(lines), len(lines[-1]) + 1, data[error.start]
    return None


@pytest.mark.parametrize(
    "data",
    [
        "Contact,Date\nRen\xe9 Ogier,2026-02-10\n".encode("cp1252"),  # a spreadsheet's "CSV", not "CSV UTF-8"
        "Contact,Date\rRen\xe9 Ogier,2026-02-10\r".encode("mac_roman"),  # Excel for Mac's "CSV": CR line ends
        b"a,b\r\n" * 300_000 + "Soci\xe9t\xe9,1\r\n".encode("latin-1"),  # past the first chunk (1 MiB)
        # a line of 2-byte characters across the chunk boundary, one of them cut by it, the bad byte after
        b"xy\n" + "\u00e9".encode() * (1 << 20) + b"\xff\n",
        b"a" * ((1 << 20) - 1) + b"\r\n\xff",  # a CRLF cut by the chunk boundary: one line end, not two
        b"\xef\xbb\xbfAcc\xe9,Date\n",  # a BOM is not a character of the first line
        b"\xef\xbb\xbfAccount,Date\nAcme,2026-02-10\n\xe2\x82",  # a character cut off at the end of the file
        "Name,Date\n\u5317\u4eac,2026-02-10\n".encode(),  # UTF-8 throughout
    ],
    ids=[
        "cp1252",
        "mac-roman-cr",
        "second-chunk",
        "split-character-line",
        "split-crlf",
        "bom-column",
        "truncated-at-end",
        "utf-8",
    ],
)
def test_the_first_byte_that_is_not_utf8_is_placed_in_the_file_not_its_chunk(tmp_path: Path, data: bytes) -> None:
    """A streamed reader's ``UnicodeDecodeError`` counts from its chunk: ``first_non_utf8`` reads again."""
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    assert first_non_utf8(path) == where_undecodable(data)
    expected = where_undecodable(data)
    line, column, message = not_utf8(path)
    if expected is None:
        assert (line, column) == (None, None)
    else:
        assert (line, column) == expected[:2]
        assert message.startswith(f"not UTF-8 text (byte 0x{expected[2]:02x}); save the export as UTF-8")


def test_a_file_gone_before_it_is_placed_is_still_one_message(tmp_path: Path) -> None:
    assert not_utf8(tmp_path / "gone.csv") == (
        None,
        None,
        'not UTF-8 text; save the export as UTF-8 (a spreadsheet\'s "CSV UTF-8")',
    )
