"""No input may produce a traceback: random bytes, YAML-ish token soup and mutations of the seed plan.

Each must come back from ``load_text`` as a plan or as findings with a real position, never as an exception;
``samkit validate`` on such files must exit 0 or 1 with no traceback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from samkit.findings import SCHEMA, SYNTAX
from samkit.plan.loader import LoadedPlan, load_text
from samkit.plan.yamlsafe import MAX_DEPTH
from tests.conftest import SEED_PLAN

SEED_TEXT = SEED_PLAN.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.splitlines(keepends=True)

YAML_TOKENS = [
    "account:",
    "name:",
    "manager:",
    "stakeholders:",
    "opportunities:",
    "relationship: strong",
    "value: $400K",
    "probability: 65",
    "probability: 65%",
    "timeframe: Q4 2026-Q1 2027",
    "due: 2026-02-30",
    "last_contact: 2026-01-08",
    "- ",
    "  ",
    "    ",
    "\n",
    "\t",
    ":",
    ": ",
    "&a ",
    "*a",
    "<<: ",
    "!!str ",
    "!!python/object:os.system ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "'",
    '"',
    "# comment",
    "---",
    "...",
    "|",
    ">-",
    "? ",
    "~",
    "null",
    "yes",
    "NO",
    "1:30",
    "02134",
    "0x1F",
    "1e400",
    "-1",
    ".nan",
    "%YAML 1.1",
    "%TAG ! tag:x,2000:",
    "@",
    "`",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "é",
    "\\",
    "\\x00",
    "Economic Buyer",
    "true",
    "version: 2",
]


def line_breaks(text: str) -> int:
    """An upper bound of the line breaks YAML sees: it also breaks lines at NEL, LS and PS."""
    return sum(text.count(brk) for brk in ("\n", "\r", "\x85", "\u2028", "\u2029"))


def assert_clean(loaded: LoadedPlan, text_lines: int | None = None) -> None:
    """A plan, or findings that each say where; never both a plan and errors."""
    if loaded.plan is not None:
        assert loaded.findings == []
        return
    assert loaded.findings, "no plan and no finding"
    for finding in loaded.findings:
        assert finding.code in (SYNTAX, SCHEMA)
        assert finding.line >= 1
        assert finding.column >= 1
        if text_lines is not None:
            assert finding.line <= text_lines + 1
        assert finding.message.strip()
        assert "Traceback" not in finding.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
@example(b"\xff\xfe\x00\x00")
@example(b"\xef\xbb\xbf")
@example(b"\xef\xbb\xbf\xef\xbb\xbf")
@example(b"account:\r\n  name: A\r\n  manager: M\r\n")
@example(b"\x1b[31m")
def test_random_bytes_never_raise(raw: bytes) -> None:
    assert_clean(load_text(raw, "fuzz.yaml"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_random_text_never_raises(text: str) -> None:
    assert_clean(load_text(text, "fuzz.yaml"))


yamlish = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=8), max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(yamlish)
@example("account:\n  name: &a A\n  manager: *a\n")
@example("\x85{")
@example("account: {name: A, manager: M}\nrisks: [{risk: R, severity: high, mitigation: {a: 1}}]\n")
@example("account:\n  name: A\n  manager: M\nstakeholders:\n  - name: A\n    relationship: strong\n    reports_to: ~\n")
def test_yamlish_token_soup_never_raises(text: str) -> None:
    assert_clean(load_text(text, "fuzz.yaml"), line_breaks(text) + 1)


@st.composite
def seed_mutations(draw: st.DrawFn) -> str:
    """The seed plan with a few lines deleted, duplicated, swapped, cut or spliced with YAML tokens."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not lines:
            break
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "splice", "cut", "indent", "dedent"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "splice":
            line = lines[index]
            at = draw(st.integers(min_value=0, max_value=len(line)))
            token = draw(st.sampled_from(YAML_TOKENS))
            lines[index] = line[:at] + token + line[at:]
        elif action == "cut":
            line = lines[index]
            at = draw(st.integers(min_value=0, max_value=len(line)))
            lines[index] = line[:at] + "\n"
        elif action == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index].removeprefix("  ")
    return "".join(lines)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(seed_mutations())
def test_mutations_of_the_seed_plan_never_raise(text: str) -> None:
    assert_clean(load_text(text, "mutant.yaml"), line_breaks(text) + 1)
    assert_clean(load_text(text.encode("utf-8"), "mutant.yaml"), line_breaks(text) + 1)


def test_unmutated_seed_is_a_plan() -> None:
    # the mutation test would pass vacuously if the seed itself did not load
    assert load_text(SEED_TEXT, "seed.yaml").plan is not None


@pytest.mark.parametrize("opener", ["[", "{a: ", "[x, "])
@pytest.mark.parametrize("count", [MAX_DEPTH + 10, 5_000, 200_000])
def test_deep_nesting_is_refused_fast_at_samkits_own_limit(opener: str, count: int) -> None:
    # every node records its full path: without a depth limit, 1 MiB of '[' costs minutes and gigabytes.
    # PyYAML versions differ in where (and whether) they stop deep flow nesting themselves; the finding
    # must be samkit's, at the bracket that opens one level too many, whatever the installed version does.
    closer = "]" if opener.startswith("[") else "}"
    prefix = "account:\n  name: A\ncontext:\n  metrics: "
    started = time.perf_counter()
    loaded = load_text(prefix + opener * count + closer * count, "deep.yaml")
    assert time.perf_counter() - started < 2.0
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert f"more than {MAX_DEPTH} levels" in finding.message
    # the top-level mapping and `context:` are two levels, so the (MAX_DEPTH - 1)th bracket is one too many
    too_deep = len(prefix.splitlines()[-1]) + len(opener) * (MAX_DEPTH - 2) + 1
    assert (finding.line, finding.column) == (4, too_deep)


def test_nesting_up_to_the_limit_is_parsed() -> None:
    def nested(lists: int) -> LoadedPlan:
        # the top-level mapping and `context:` are two levels; each '[' one more
        return load_text("account:\n  name: A\n  manager: M\ncontext:\n  metrics: " + "[" * lists + "]" * lists + "\n")

    assert all("levels" not in finding.message for finding in nested(MAX_DEPTH - 2).findings)
    assert any("levels" in finding.message for finding in nested(MAX_DEPTH - 1).findings)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(seed_mutations(), yamlish, st.binary(max_size=300).map(lambda raw: raw.decode("latin-1"))))
def test_validate_cli_on_fuzzed_files_exits_0_or_1_without_traceback(
    run_cli: Callable[..., Any], tmp_path: Path, text: str
) -> None:
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    for output_format in ("text", "json"):
        result = run_cli("validate", "--format", output_format, str(path))
        assert result.exit_code in (0, 1)
        assert "Traceback" not in result.stderr
        assert "internal error" not in result.stderr
        if result.exit_code == 1 and output_format == "text":
            assert result.stdout.startswith(f"{path}:")
