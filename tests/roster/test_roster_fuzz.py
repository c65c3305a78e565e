"""Fuzzing the roster reader: no input gives a traceback, and whenever the columnar reader accepts a file it
reads exactly what the csv module reads."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samkit.config import DIMENSIONS
from samkit.errors import UsageError
from samkit.output.score_out import render_csv, render_json
from samkit.roster.scoring import ScoreOutcome, score_roster
from tests.roster.passes import PASSES, columnar_pass

HEADER = "Account,Owner,ARR," + ",".join(DIMENSIONS)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# cells that are mostly valid, with the characters that trip CSV readers mixed in
cells = st.one_of(
    st.sampled_from(["0", "5", "7.5", "10", " 8 ", "7,5", "", "11", "-1", "x", "$850K", '"$1,200"', "Acme"]),
    st.text(alphabet='ab ,;"\t\r\n=+-@.$0123456789', max_size=8),
)
rows = st.lists(cells, min_size=0, max_size=12).map(lambda fields: ",".join(fields))
line_ends = st.sampled_from(["\n", "\r\n", "\r"])


def outcome_of(data: bytes, engine: str) -> ScoreOutcome | str:
    """The result, or the usage error's text; anything else propagates and fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(data)
        try:
            return score_roster(path, engine=engine)  # type: ignore[arg-type]
        except UsageError as error:
            return str(error).replace(str(path), "roster.csv")


def comparable(outcome: ScoreOutcome | str) -> object:
    if isinstance(outcome, str):
        return outcome
    if outcome.roster is None:
        return [problem.format("roster.csv") for problem in outcome.problems]
    return render_csv(outcome.roster, explain=True), render_json(outcome.roster, explain=True)


@pytest.mark.slow
@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise_anything_but_a_usage_error(data: bytes) -> None:
    for engine in ("python", "auto"):
        outcome_of(data, engine)
        outcome_of(HEADER.encode() + b"\n" + data, engine)


@pytest.mark.slow
@FUZZ
@given(st.lists(rows, max_size=6), line_ends, st.booleans())
def test_columnar_reader_agrees_with_the_csv_module_whenever_it_accepts(
    body: list[str], line_end: str, trailing: bool
) -> None:
    data = (line_end.join([HEADER, *body]) + (line_end if trailing else "")).encode()
    python = outcome_of(data, "python")
    for name in PASSES:
        with columnar_pass(name):
            try:
                fast = outcome_of(data, "polars")
            except RuntimeError:  # the columnar reader declined: nothing to compare
                continue
        assert comparable(fast) == comparable(python), name


@pytest.mark.slow
@FUZZ
@given(st.lists(st.lists(st.sampled_from(["5", "7.5", "10", "0", "3"]), min_size=7, max_size=7), max_size=5), st.data())
def test_valid_rosters_with_awkward_text_columns_read_the_same(points: list[list[str]], data: st.DataObject) -> None:
    lines = [HEADER]
    for row in points:
        account = data.draw(st.text(alphabet='ab ,"=+-@\t', min_size=1, max_size=6).filter(lambda t: t.strip(" \t")))
        owner = data.draw(st.text(alphabet='ab ,"=-@;', max_size=6))
        quoted = [f'"{text.replace(chr(34), chr(34) * 2)}"' for text in (account, owner)]
        lines.append(",".join([*quoted, "$1.5M", *row]))
    data_bytes = ("\n".join(lines) + "\n").encode()
    python = outcome_of(data_bytes, "python")
    for name in PASSES:
        with columnar_pass(name):
            fast = outcome_of(data_bytes, "polars")  # well-formed quoting: both passes must accept it
        assert comparable(fast) == comparable(python), name


H = HEADER.encode()
ROW = b"A,Bob,850000,5,5,5,5,5,5,5"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        # a BOM at the start of the first data line: polars took it off, the csv module keeps it
        (H + b"\n\xef\xbb\xbf" + ROW + b"\n", None),
        (H + b"\n\xef\xbb\xbf,,,,,,,,,\n", None),
        # malformed quoting before a multi-byte character, in a points column: polars panicked
        (H + b'\nA,Bob,850000,5,5,5,5,5,5,"5"\xc2\xa0\n', None),
        (H + b'\nA,Bob,850000,5,5,5,5,5,5,"5"\xc3\xa9\n', None),
        # a first line of blank quoted cells: the csv reader skips it as blank
        (b'""\n' + H + b"\n" + ROW + b"\n", None),
        (b'"",""\n' + H + b"\n" + ROW + b"\n", None),
        # cells longer than the csv module's field size limit, in a row and in the header
        (H + b"\nA," + b"x" * 131_073 + b",850000,5,5,5,5,5,5,5\n", None),
        (H + b"," + b"N" * 131_073 + b"\n" + ROW + b",x\n", None),
        # a doubled BOM, which utf-8-sig and the csv reader take off twice
        (b"\xef\xbb\xbf\xef\xbb\xbf" + H + b"\n" + ROW + b"\n", "utf-8-sig"),
        # a quote and bytes that are not UTF-8: the chunked pass's quote check read them unguarded
        (H + b'\n"A",Bob,850000,5,5,5,5,5,5,5\n\xff\n', None),
    ],
    ids=[
        "bom-first-row",
        "bom-blank-row",
        "quote-then-nbsp",
        "quote-then-e-acute",
        "blank-quoted-line",
        "blank-quoted-cells",
        "long-cell",
        "long-header-cell",
        "double-bom",
        "quote-and-not-utf8",
    ],
)
def test_what_a_review_found_is_read_as_the_csv_module_reads_it(data: bytes, encoding: str | None) -> None:
    """Inputs an adversarial review of the whole-file pass found: each columnar pass declines or agrees, and
    the default path answers exactly as the csv reader does, never with a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(data)

        def outcome(engine: str) -> object:
            try:
                return comparable(score_roster(path, engine=engine, encoding=encoding))  # type: ignore[arg-type]
            except UsageError as error:
                return str(error)

        python = outcome("python")
        for name in PASSES:
            with columnar_pass(name):
                try:
                    fast = outcome("polars")
                except RuntimeError:  # declined
                    continue
            assert fast == python, name
        assert outcome("auto") == python
