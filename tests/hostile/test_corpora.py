"""Public corpora through samkit: the YAML test suite through the loader, the Big List of Naughty Strings
through lint (every format), render and diff, csv-spectrum (and its CRLF, CR, BOM, UTF-16 and NUL variants)
through the roster reader. Nothing may crash or hang; problems are findings (exit 1) or usage errors (2)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from samkit.config import DIMENSIONS, ScoringConfig
from samkit.errors import UsageError
from samkit.output.score_out import render_json
from samkit.plan.loader import load_text
from samkit.roster.scoring import score_roster
from tests.conftest import SEED_PLAN
from tests.gitrepo import GitRepo
from tests.hostile.conftest import assert_clean_exit, naughty, samkit

SEED = SEED_PLAN.read_text(encoding="utf-8")
_YAML_PRINTABLE = set(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0D, 0x85}


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: anything YAML would not take raw is an escape."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif (code in _YAML_PRINTABLE and char not in "\r\n\t\x85") or _wide_printable(code):
            out.append(char)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def _wide_printable(code: int) -> bool:
    return 0xA0 <= code <= 0xD7FF or (0xE000 <= code <= 0xFFFD and code != 0xFEFF) or code >= 0x10000


def naughty_plan(strings: list[str]) -> str:
    """The seed plan with one extra stakeholder per string: the string as title, and in a (stale) name."""
    people = "".join(
        f"  - name: {yaml_quoted(f'{index} {text}')}\n"
        f"    title: {yaml_quoted(text)}\n"
        f"    department: {yaml_quoted(text[:40])}\n"
        "    relationship: weak\n"
        "    last_contact: 2025-01-01\n"
        for index, text in enumerate(strings)
    )
    return SEED.replace("stakeholders:\n", "stakeholders:\n" + people, 1)


# --- yaml-test-suite ----------------------------------------------------------------------------------------------


def _yaml_cases(corpus: Path) -> dict[str, dict[str, object]]:
    cases: dict[str, dict[str, object]] = json.loads((corpus / "yaml-test-suite.json").read_text("utf-8"))["tests"]
    return cases


def test_every_yaml_test_suite_case_loads_or_is_a_finding(corpus: Path) -> None:
    cases = _yaml_cases(corpus)
    assert len(cases) > 300
    for case_id, case in cases.items():
        loaded = load_text(str(case["yaml"]), f"{case_id}.yaml")  # never raises
        assert loaded.ok or loaded.findings, case_id
        for finding in loaded.findings:
            assert finding.line >= 1 and finding.column >= 1, (case_id, finding)


def test_the_yaml_test_suite_through_the_cli(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for case_id, case in _yaml_cases(corpus).items():
        (folder / f"{case_id.replace('/', '-')}.yaml").write_text(str(case["yaml"]), encoding="utf-8", newline="")
    for command in (["validate", "plans"], ["lint", "--today", "2026-02-01", "-f", "json", "plans"]):
        result = samkit(*command, cwd=tmp_path, timeout=180)
        assert_clean_exit(result, 1)  # none of them is an account plan


# --- the Big List of Naughty Strings ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def naughty_folder(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("blns")
    strings = naughty(corpus)
    (folder / "plans").mkdir()
    for start in range(0, len(strings), 100):
        text = naughty_plan(strings[start : start + 100])
        (folder / "plans" / f"chunk-{start:03d}.yaml").write_text(text, encoding="utf-8", newline="")
    return folder


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_naughty_strings_through_lint(naughty_folder: Path, output_format: str) -> None:
    result = samkit("lint", "--today", "2026-02-01", "-f", output_format, "plans", cwd=naughty_folder, timeout=180)
    assert_clean_exit(result, 1)
    if output_format in ("json", "sarif"):
        json.loads(result.stdout)
    if output_format in ("text", "github"):
        assert not any(0 < ord(char) < 0x20 and char not in "\n\t" for char in result.stdout)
    assert "SAM101" in result.stdout  # the stakeholders were loaded and checked, not refused wholesale


def test_naughty_strings_through_render(naughty_folder: Path) -> None:
    result = samkit("render", "plans", "--out-dir", "docs", cwd=naughty_folder, timeout=180)
    assert_clean_exit(result, 0)
    for document in (naughty_folder / "docs").iterdir():
        tokens = MarkdownIt("commonmark").enable("table").parse(document.read_text(encoding="utf-8"))
        assert any(token.type == "table_open" for token in tokens)


def test_naughty_strings_through_diff_markdown(corpus: Path, tmp_path: Path) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", SEED, dedent=False)
    repo.commit("Add")
    repo.write("plans/gfc.yaml", naughty_plan(naughty(corpus)), dedent=False)
    result = samkit("diff", "-f", "markdown", cwd=repo.root, timeout=180)
    assert_clean_exit(result, 0)
    assert "Added stakeholder" in result.stdout
    MarkdownIt("commonmark").parse(result.stdout)
    assert "@here" not in result.stdout and "@channel" not in result.stdout


# --- csv-spectrum -------------------------------------------------------------------------------------------------


def _variants(raw: bytes) -> dict[str, bytes]:
    lf = raw.replace(b"\r\n", b"\n")
    return {
        "as-is": raw,
        "crlf": lf.replace(b"\n", b"\r\n"),
        "cr": lf.replace(b"\n", b"\r"),
        "bom": b"\xef\xbb\xbf" + raw,
        "utf-16": raw.decode("utf-8").encode("utf-16"),
        "nul": raw[: len(raw) // 2] + b"\x00" + raw[len(raw) // 2 :],
    }


def _spectrum(corpus: Path) -> list[Path]:
    files = sorted((corpus / "csv-spectrum").glob("*.csv"))
    assert len(files) >= 10
    return files


@pytest.mark.parametrize("engine", ["python", "polars"])
def test_csv_spectrum_and_variants_through_the_roster_reader(corpus: Path, tmp_path: Path, engine: str) -> None:
    """Not rosters (no account or points columns): each is a clear usage error, never anything else."""
    for source in _spectrum(corpus):
        for variant, data in _variants(source.read_bytes()).items():
            path = tmp_path / f"{source.stem}-{variant}.csv"
            path.write_bytes(data)
            try:
                outcome = score_roster(path, ScoringConfig(), engine=engine)  # type: ignore[arg-type]
            except UsageError as error:
                assert str(error), (source.name, variant)
            except RuntimeError as error:  # the columnar reader declined; the Python reader takes over
                assert "declined" in str(error), (source.name, variant)
            else:
                assert outcome.roster is None and outcome.problems, (source.name, variant)


def test_csv_spectrum_rows_as_account_names_round_trip(corpus: Path, tmp_path: Path) -> None:
    """Every field of every corpus row (quotes, commas, newlines, JSON, UTF-8) as an account name, written
    with ``csv``: the reader gives back exactly the names written."""
    names = []
    for source in _spectrum(corpus):
        rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"), newline="")))
        names += [" | ".join(row) for row in rows if any(cell.strip() for cell in row)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["account", *DIMENSIONS])
    for name in names:
        writer.writerow([name, *["5"] * len(DIMENSIONS)])
    path = tmp_path / "roster.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    outcome = score_roster(path, ScoringConfig())
    assert outcome.roster is not None, outcome.problems
    accounts = json.loads(render_json(outcome.roster))["accounts"]
    assert sorted(account["account"] for account in accounts) == sorted(name.strip() for name in names)
    result = samkit("score", "roster.csv", "-f", "csv", cwd=tmp_path)
    assert_clean_exit(result, 0)
    written = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert sorted(row["account"] for row in written) == sorted(names)  # the CSV keeps each cell as it was
