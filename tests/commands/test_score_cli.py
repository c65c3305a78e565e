"""`samkit score` end to end: formats, files, exit codes, configuration, and the sample roster."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from samkit.config import DEFAULT_WEIGHTS, DIMENSIONS
from samkit.output.score_out import PROGRESS_MIN_BYTES, neutralise, progress_for
from samkit.roster import reader as roster_module
from tests.conftest import PLANS

ROSTER = PLANS / "roster.csv"
HEADER = "Account,Owner,ARR," + ",".join(DIMENSIONS)

Run = Callable[..., Any]


def expected_scores(path: Path) -> dict[str, tuple[Fraction, str]]:
    """An independent reading of a points roster: csv module, rational arithmetic, domain.md's tiers."""
    weights = {name: Fraction(int(DEFAULT_WEIGHTS[name])) for name in DIMENSIONS}
    result: dict[str, tuple[Fraction, str]] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            columns = {key.lower().replace(" ", "_"): value for key, value in row.items()}
            score = sum((weights[name] * Fraction(columns[name]) for name in DIMENSIONS), Fraction(0)) / 10
            tier = "Strategic" if score >= 70 else "Key" if score >= 50 else "Standard"
            result[row["Account"]] = (score, tier)
    return result


def write(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------- the sample roster


def test_sample_roster_is_realistic() -> None:
    scores = expected_scores(ROSTER)
    assert len(scores) >= 30
    assert scores["Global Financial Corp"] == (Fraction("90.5"), "Strategic")
    assert scores["Brightline Logistics"] == (Fraction(31), "Standard")
    strategic = sum(1 for _, tier in scores.values() if tier == "Strategic")
    assert 0.15 <= strategic / len(scores) <= 0.20
    with ROSTER.open(newline="") as handle:
        assert {"ARR", "Owner", "Industry"} <= set(next(csv.reader(handle)))


def test_json_matches_an_independent_calculation(run_cli: Run) -> None:
    result = run_cli("score", str(ROSTER), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"accounts", "summary"}
    expected = expected_scores(ROSTER)
    assert [account["account"] for account in data["accounts"]] == list(expected)  # roster order
    for account in data["accounts"]:
        score, tier = expected[account["account"]]
        assert set(account) == {"account", "score", "tier", "line", "points", "arr"}  # the roster has ARR
        assert account["score"] == pytest.approx(float(round(Decimal(score.numerator) / score.denominator, 1)))
        assert account["tier"] == tier
        assert list(account["points"]) == list(DIMENSIONS)
    assert data["accounts"][0] == {
        "account": "Global Financial Corp",
        "score": 90.5,
        "tier": "Strategic",
        "line": 2,
        "points": dict(zip(DIMENSIONS, [10, 9, 10, 9, 8, 7, 8], strict=True)),
        "arr": 850000,  # $850K, as the table shows it
    }
    tiers = [tier for _, tier in expected.values()]
    assert data["summary"] == {name: tiers.count(name) for name in ("Strategic", "Key", "Standard")}
    assert "accounts scored" in result.stderr  # the summary goes to stderr, stdout stays pure JSON


def test_table_is_ranked_with_tier_shares(run_cli: Run) -> None:
    result = run_cli("score", str(ROSTER))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    ranked = [line for line in lines if line.lstrip()[:1].isdigit() and "Strategic" in line]
    assert ranked[0].split() == ["1", "Global", "Financial", "Corp", "90.5", "Strategic", "$850,000"]
    assert ["Strategic", "6", "18.2%", "$6,770,000", "60.8%"] in [line.split() for line in lines]
    assert ["Total", "33", "100.0%", "$11,141,000", "100.0%"] in [line.split() for line in lines]
    assert all(line == line.rstrip() for line in lines)  # piped: no trailing blanks
    assert "Strategic accounts are 18.2% of accounts and 60.8% of ARR: within the rule of thumb" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_explain_shows_weighted_contributions(run_cli: Run) -> None:
    data = json.loads(run_cli("score", str(ROSTER), "--format", "json", "--explain").stdout)
    seed = data["accounts"][0]
    assert seed["contributions"] == {
        "current_revenue": 25,
        "expansion_potential": 18,
        "strategic_fit": 15,
        "market_influence": 13.5,
        "relationship_strength": 8,
        "product_adoption": 7,
        "partnership_potential": 4,
    }
    assert sum(seed["contributions"].values()) == seed["score"]
    table = run_cli("score", str(ROSTER), "--explain").stdout
    assert "Revenue" in table and "Partnership" in table and "13.5" in table


def test_markdown_parses_into_tables(run_cli: Run) -> None:
    result = run_cli("score", str(ROSTER), "--format", "markdown", "--explain")
    assert result.exit_code == 0
    tokens = MarkdownIt().enable("table").parse(result.stdout)
    tables = [token for token in tokens if token.type == "table_open"]
    assert len(tables) == 2
    cells = [token.content for token in tokens if token.type == "inline"]
    assert cells[0] == "Account scores: roster.csv"
    first_row = cells[cells.index("Global Financial Corp") - 1 : cells.index("Global Financial Corp") + 5]
    assert first_row == ["1", "Global Financial Corp", "90.5", "Strategic", "$850,000", "25"]
    body_rows = sum(1 for token in tokens if token.type == "tr_open")
    assert body_rows == (1 + 33) + (1 + 4)  # header rows, accounts, tiers and total


def test_markdown_escapes_account_names(tmp_path: Path, run_cli: Run) -> None:
    path = write(tmp_path, HEADER + "\nA|B *bold* <x>,Ann,1," + ",".join(["5"] * 7) + "\n")
    html = MarkdownIt().enable("table").render(run_cli("score", str(path), "-f", "markdown").stdout)
    assert "<td>A|B *bold* &lt;x&gt;</td>" in html  # one cell, literal text: no split, emphasis or HTML


# ---------------------------------------------------------------------------------------------- CSV


def test_csv_keeps_the_roster_columns_and_adds_score_and_tier(run_cli: Run) -> None:
    result = run_cli("score", str(ROSTER), "--format", "csv")
    assert result.exit_code == 0
    output = list(csv.DictReader(io.StringIO(result.stdout)))
    with ROSTER.open(newline="") as handle:
        original = list(csv.DictReader(handle))
    assert list(output[0]) == [*original[0], "score", "tier"]
    for before, after in zip(original, output, strict=True):
        assert {key: after[key] for key in before} == before
    assert (output[0]["score"], output[0]["tier"]) == ("90.5", "Strategic")
    assert any(row["score"] == "31.0" for row in output)


FORMULAS = ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
NUMBERS = ["-5", "+3.5", "-1,234.50", "1e5"]


@pytest.mark.parametrize("engine_threshold", [None, 0])
def test_csv_neutralises_formulas_but_keeps_numbers(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch, engine_threshold: int | None
) -> None:
    if engine_threshold is not None:  # the columnar reader and polars' writer must do the same
        monkeypatch.setattr(roster_module, "COLUMNAR_MIN_BYTES", engine_threshold)
    rows = []
    for index, text in enumerate(FORMULAS + NUMBERS):
        quoted = '"' + text.replace('"', '""') + '"'
        rows.append(f"Acct {index},{quoted},1," + ",".join(["5"] * 7))
    path = write(
        tmp_path,
        "Account,Note,ARR,"
        + ",".join(DIMENSIONS)
        + "\n"
        + "\n".join(rows)
        + "\n=evil(),x,1,"
        + ",".join(["5"] * 7)
        + "\n",
    )
    result = run_cli("score", str(path), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    output = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    notes = [row["Note"] for row in output]
    assert notes[: len(FORMULAS)] == ["'" + text for text in FORMULAS]
    assert notes[len(FORMULAS) : len(FORMULAS) + len(NUMBERS)] == NUMBERS
    assert output[-1]["Account"] == "'=evil()"
    assert output[0]["current_revenue"] == "5"


def test_neutralise() -> None:
    assert neutralise("=1") == "'=1"
    assert neutralise("-12.5") == "-12.5"
    assert neutralise("-") == "'-"
    assert neutralise("-5\n") == "'-5\n"
    assert neutralise("Acme") == "Acme"
    assert neutralise("") == ""


def test_rescoring_a_scored_roster_replaces_score_and_tier(tmp_path: Path, run_cli: Run) -> None:
    first = tmp_path / "scored.csv"
    assert run_cli("score", str(ROSTER), "-f", "csv", "-o", str(first)).exit_code == 0
    again = run_cli("score", str(first), "-f", "csv")
    header = next(csv.reader(io.StringIO(again.stdout)))
    assert header.count("score") == 1 and header.count("tier") == 1
    assert again.stdout == first.read_text()


# ---------------------------------------------------------------------------------------------- files and exit codes


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path, run_cli: Run) -> None:
    target = tmp_path / "out.json"
    result = run_cli("score", str(ROSTER), "--format", "json", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert json.loads(target.read_text())["summary"]["Strategic"] == 6
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]  # no temp file left behind


@pytest.mark.parametrize("engine_threshold", [None, 0])
def test_csv_output_file_from_either_reader(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch, engine_threshold: int | None
) -> None:
    if engine_threshold is not None:
        monkeypatch.setattr(roster_module, "COLUMNAR_MIN_BYTES", engine_threshold)
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    assert run_cli("score", str(ROSTER), "-f", "csv", "-o", str(target)).exit_code == 0
    assert target.read_text() == run_cli("score", str(ROSTER), "-f", "csv").stdout
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.csv"]


def test_invalid_rows_exit_1_listing_every_row_and_leave_the_output_alone(tmp_path: Path, run_cli: Run) -> None:
    path = write(tmp_path, f"{HEADER}\nGood,Ann,1,5,5,5,5,5,5,5\n\nBad,Bob,1,12,5,5,5,5,5,5\nWorse,Cy,1,5,5,x,5,5,5\n")
    target = tmp_path / "out.csv"
    target.write_text("previous\n")
    result = run_cli("score", str(path), "-f", "csv", "-o", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:4:4: current_revenue: 12 is outside 0-10",
        f"{path}:5: 9 fields, but the header has 10",
        f"{path}: 2 invalid rows (2 problems); nothing scored",
    ]
    assert target.read_text() == "previous\n"


def test_invalid_rows_are_findings_in_json_output(tmp_path: Path, run_cli: Run) -> None:
    path = write(tmp_path, f"{HEADER}\nGood,Ann,1,5,5,5,5,5,5,5\n\nBad,Bob,1,12,5,5,5,5,5,5\nWorse,Cy,1,5,5,x,5,5,5\n")
    result = run_cli("score", str(path), "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "problems": [
            {
                "path": str(path),
                "line": 4,
                "column": 4,
                "code": "SAM010",
                "severity": "error",
                "message": "current_revenue: 12 is outside 0-10",
            },
            {
                "path": str(path),
                "line": 5,
                "column": None,
                "code": "SAM010",
                "severity": "error",
                "message": "9 fields, but the header has 10",
            },
        ]
    }
    assert result.stderr.splitlines()[0] == f"{path}:4:4: current_revenue: 12 is outside 0-10"
    target = tmp_path / "out.json"
    to_file = run_cli("score", str(path), "-f", "json", "-o", str(target))
    assert (to_file.exit_code, to_file.stdout, target.exists()) == (1, "", False)


def test_missing_dimension_column_exits_2_naming_it(tmp_path: Path, run_cli: Run) -> None:
    path = write(tmp_path, HEADER.replace(",product_adoption", "") + "\n")
    result = run_cli("score", str(path))
    assert result.exit_code == 2
    assert "missing column: 'product_adoption'" in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_header_exits_2(tmp_path: Path, run_cli: Run) -> None:
    result = run_cli("score", str(write(tmp_path, HEADER + ",Strategic-Fit\n")))
    assert result.exit_code == 2
    assert "duplicate column 'strategic_fit'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "missing.csv: no such file"),
        ([".", "--format", "csv"], "is a directory"),
        (["ROSTER", "--encoding", "nope"], "unknown encoding"),
        (["ROSTER", "--delimiter", "ab"], "--delimiter"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, run_cli: Run, args: list[str], message: str) -> None:
    args = [str(ROSTER) if arg == "ROSTER" else arg for arg in args]
    result = run_cli("score", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_options_for_a_european_export(tmp_path: Path, run_cli: Run) -> None:
    text = HEADER.replace(",", ";") + "\nSociété Générale;Zoë;$1.2M;10;9;10;9;8;7;8\n"
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    data = json.loads(run_cli("score", str(path), "-f", "json").stdout)
    assert data["accounts"][0]["account"] == "Société Générale"
    cp1252 = tmp_path / "cp1252.csv"
    cp1252.write_bytes(text.replace("$1.2M", "1200000").encode("cp1252"))
    assert run_cli("score", str(cp1252)).exit_code == 2
    forced = run_cli("score", str(cp1252), "--encoding", "cp1252", "--delimiter", ";", "-f", "json")
    assert json.loads(forced.stdout)["accounts"][0]["score"] == 90.5


# ---------------------------------------------------------------------------------------------- configuration


def config(tmp_path: Path, text: str) -> Path:
    return write(tmp_path, text, "samkit.toml")


def test_configured_weights_and_thresholds(tmp_path: Path, run_cli: Run) -> None:
    path = config(
        tmp_path,
        "[scoring]\nweights = { current_revenue = 50, expansion_potential = 50 }\n"
        "strategic_threshold = 90\nkey_threshold = 40\n",
    )
    data = json.loads(run_cli("score", str(ROSTER), "-f", "json", "--config", str(path)).stdout)
    seed = data["accounts"][0]
    assert (seed["score"], seed["tier"]) == (95, "Strategic")  # (10 × 50 + 9 × 50) / 10
    meridian = data["accounts"][1]
    assert (meridian["score"], meridian["tier"]) == (90, "Strategic")  # exactly on the threshold


@pytest.mark.parametrize(
    ("scoring", "message"),
    [
        ("weights = { current_revenue = 50, expansion_potential = 40 }", "weights must sum to 100, they sum to 90"),
        ("weights = { current_revenue = 110, expansion_potential = -10 }", "must not be negative: expansion_potential"),
        ("weights = { revenue = 100 }", "unknown dimension 'revenue'"),
        ("strategic_threshold = 40\nkey_threshold = 50", "thresholds must satisfy"),
    ],
)
def test_bad_scoring_configuration_exits_2_naming_the_problem(
    tmp_path: Path, run_cli: Run, scoring: str, message: str
) -> None:
    path = config(tmp_path, f"[scoring]\n{scoring}\n")
    result = run_cli("score", str(ROSTER), "--config", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert str(path) in result.stderr


def test_bands_derive_current_revenue_from_arr(tmp_path: Path, run_cli: Run) -> None:
    path = config(
        tmp_path,
        '[scoring.bands.current_revenue]\ncolumn = "ARR"\n'
        "bands = [[1000000, 10], [500000, 8], [250000, 6], [100000, 4], [0, 2]]\n",
    )
    roster = write(
        tmp_path, "Account,ARR," + ",".join(DIMENSIONS[1:]) + "\nGFC,$850K,9,10,9,8,7,8\nBL,$45K,3,5,3,4,3,2\n"
    )
    data = json.loads(run_cli("score", str(roster), "-f", "json", "--config", str(path)).stdout)
    assert [(a["points"]["current_revenue"], a["score"]) for a in data["accounts"]] == [(8, 85.5), (2, 31)]


def test_arr_in_another_currency_is_an_invalid_row_and_fits_the_configured_currency(
    tmp_path: Path, run_cli: Run
) -> None:
    roster = write(
        tmp_path, "Account,ARR," + ",".join(DIMENSIONS) + "\nGFC,$850K,8,9,10,9,8,7,8\nBL,€45K,2,3,5,3,4,3,2\n"
    )
    result = run_cli("score", str(roster))  # the default currency, USD
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{roster}:3:2: ARR: '€45K' is in €, not the program's USD ([program] currency): samkit never converts "
        'currencies and would count it as USD; write the amount in USD, or set [program] currency = "EUR" if all '
        "the program's money is in EUR",
        f"{roster}: 1 invalid row (1 problem); nothing scored",
    ]
    euros = write(
        tmp_path, "Account,ARR," + ",".join(DIMENSIONS) + "\nGFC,€850K,8,9,10,9,8,7,8\nBL,€45K,2,3,5,3,4,3,2\n"
    )
    path = config(tmp_path, '[program]\ncurrency = "EUR"\n')
    data = json.loads(run_cli("score", str(euros), "-f", "json", "--config", str(path)).stdout)
    assert [account["arr"] for account in data["accounts"]] == [850000, 45000]


# ---------------------------------------------------------------------------------------------- progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_for_a_big_roster_on_a_terminal(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * PROGRESS_MIN_BYTES)
    stream = Terminal()
    with progress_for(str(big), stream) as update:
        assert update is not None
        update("reading", 50, 100)
    assert "scoring" in stream.getvalue()
    with progress_for(str(big), io.StringIO()) as update:
        assert update is None
    with progress_for(str(ROSTER), Terminal()) as update:
        assert update is None


def test_progress_reports_reading_stages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samkit.roster.scoring import score_roster

    monkeypatch.setattr(roster_module, "COLUMNAR_MIN_BYTES", 0)
    seen: list[tuple[str, int, int]] = []
    outcome = score_roster(ROSTER, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert outcome.roster is not None
    size = ROSTER.stat().st_size
    reading = [(done, total) for stage, done, total in seen if stage == "reading"]
    assert [stage for stage, _, _ in seen] == ["reading"] * len(reading) + ["scoring"]
    assert all(total == size for _, total in reading)
    assert [done for done, _ in reading] == sorted(done for done, _ in reading)  # it only moves forward
    assert reading[-1][0] == size  # and ends with the whole file read
