"""The cell separator of a CSV file, decided by its header line: one rule for the roster and every import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from samkit.fileio.delimited import delimited_rows, detect_delimiter


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("Name,Account,Date", ","),
        ("Name;Account;Date", ";"),
        ("Name\tAccount\tDate", "\t"),
        ('"Company; Inc.",Name', ","),  # inside quotes a `;` separates nothing
        ("Name", ","),  # nothing to go by: the CRMs' own
        ("a;b,c", ","),  # a tie: the CRMs' own
        ("a;b,c;d", ";"),  # the most frequent
        ('"a;b;c;d",x,y', ","),
    ],
)
def test_the_header_line_decides(header: str, delimiter: str) -> None:
    assert detect_delimiter(header) == delimiter


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_rows_read_back_as_written_with_their_lines(tmp_path: Path, delimiter: str) -> None:
    rows = [["Opportunity Name", "Amount"], ["Renewal; phase 2", "1.234,50"], ["Multi\nline", "7"], ["Last", "8"]]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))  # a BOM, as Excel writes
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = delimited_rows(handle)
        read, lines = [], []
        for row in reader:
            read.append(row)
            lines.append(reader.line_num)  # type: ignore[attr-defined]
    assert read == rows
    assert lines == [1, 2, 4, 5]  # physical lines: the quoted line break counts
