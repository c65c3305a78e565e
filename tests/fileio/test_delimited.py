"""The cell separator of a CSV file, decided by its header line: one rule for the roster and every import; and
a quoted cell never closed, which the csv module would read on to the end of the file as one cell."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.fileio.delimited import delimited_rows, detect_delimiter, quote_left_open
from tests.conftest import SHARED


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


def is_blank(row: list[str]) -> bool:
    return not "".join(row).strip()


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
    *data, end = read
    assert data == rows
    assert is_blank(end)  # every file ends with a blank row, skipped as a blank line is
    assert lines[:-1] == [1, 2, 4, 5]  # physical lines: the quoted line break counts


def read_all(text: str) -> tuple[list[list[str]], int | None]:
    """The rows ``delimited_rows`` reads from ``text``, and the line the record that stopped it starts on."""
    reader = delimited_rows(io.StringIO(text, newline=""))
    rows, line_num = [], 0
    try:
        for row in reader:
            rows.append(row)
            line_num = reader.line_num  # type: ignore[attr-defined]
    except csv.Error:
        return rows, line_num + 1
    return rows, None


@pytest.mark.parametrize(
    ("text", "start", "where"),
    [
        ('Subject,Date\nCall,2026-02-10\n"Call with Ann,2026-11-03\nMeeting,2026-11-04\n', 3, (3, 1)),
        ('Subject,Date\r\nCall,"2026-02-10', 2, (2, 6)),  # the last line, without a line break
        ('Subject,Date\nCall,"', 2, (2, 6)),  # nothing after the quote
        ('"Subject,Date\nCall,2026-02-10\n', 1, (1, 1)),  # in the header
        ('a;b\n"x\ny";"z ""quoted"" and on\n', 2, (3, 4)),  # its row's first cell spans two lines, closed
        ('a,b\n"x"y,"z\n', 2, (2, 6)),  # after text that follows a closing quote (read on, as the csv module does)
        ('a,b\nx"y,"z\n\n', 2, (2, 5)),  # a quote inside an unquoted cell is text
    ],
)
def test_a_quote_never_closed_stops_the_reader_and_is_found(text: str, start: int, where: tuple[int, int]) -> None:
    assert read_all(text)[1] == start
    assert quote_left_open(io.StringIO(text, newline=""), start) == where


def test_a_record_that_ends_has_no_quote_left_open() -> None:
    """The reader's other error, a cell over the size limit, is no quote left open."""
    text = 'a,b\n"x\ny",z\nlast,row\n'
    assert read_all(text) == ([["a", "b"], ["x\ny", "z"], ["last", "row"], ["\r "]], None)
    assert [quote_left_open(io.StringIO(text, newline=""), start) for start in (1, 2, 4)] == [None, None, None]


CSV_TEXT = st.lists(st.sampled_from(["a", "b", " ", ",", ";", '"', '""', "\n", "\r\n", "\r"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(CSV_TEXT)
def test_the_reader_reads_as_the_csv_module_or_finds_the_quote_left_open(text: str) -> None:
    """Its rows are the csv module's own (and a blank one at the end); when it stops instead, the csv module's
    last row ends with a cell read from an open quote to the end of the file, the one ``quote_left_open``
    finds: every quote after it is doubled, and the cell is that text."""
    delimiter = detect_delimiter(io.StringIO(text, newline="").readline())
    plain = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    rows, stopped = read_all(text)
    if stopped is None:
        assert rows[:-1] == plain
        assert rows[-1:] == ([] if not text else [["\r "]])
        return
    assert rows == plain[:-1]
    where = quote_left_open(io.StringIO(text, newline=""), stopped)
    assert where is not None
    lines = io.StringIO(text, newline="").readlines()
    at = sum(len(line) for line in lines[: where[0] - 1]) + where[1] - 1
    assert text[at] == '"'
    assert re.fullmatch(r'(?:[^"]|"")*', text[at + 1 :])
    assert plain[-1][-1] == text[at + 1 :].replace('""', '"')


@pytest.mark.parametrize(
    "path", sorted((SHARED / "corpora" / "csv-spectrum").glob("*.csv")), ids=lambda path: path.name
)
def test_csv_spectrum_reads_as_the_csv_module_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rows, stopped = read_all(text)
    assert stopped is None
    assert rows[:-1] == list(csv.reader(io.StringIO(text, newline="")))
