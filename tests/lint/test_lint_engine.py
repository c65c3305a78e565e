"""The lint engine: selection, severity overrides, accept comments, parallel runs."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samkit.config import Config, LintConfig
from samkit.errors import UsageError
from samkit.findings import Finding, Severity
from samkit.lint.acceptances import find_acceptances
from samkit.lint.engine import (
    PARALLEL_MIN_FILES,
    FileResult,
    build_settings,
    lint_loaded,
    lint_paths,
    plan_jobs,
    split_codes,
)
from samkit.plan.loader import load_text
from samkit.rules import RULES
from samkit.rules.base import PLAN
from tests.rules.plans import TODAY, PlanSpec, days_ago, line_of

CLEAN = PlanSpec()


def lint(text: str, config: Config | None = None, **options: list[str]) -> FileResult:
    settings = build_settings(config or Config(), TODAY, options.get("select"), options.get("ignore"))
    return lint_loaded(load_text(text, "plan.yaml"), settings)


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


# --------------------------------------------------------------------------------------------------------------
# selection and severities


def test_split_codes_accepts_commas_repeats_and_any_case() -> None:
    assert split_codes(["SAM101,sam102", " SAM301 ", "SAM101", ""], "--select") == ["SAM101", "SAM102", "SAM301"]


@pytest.mark.parametrize("bad", ["SAM999", "E501", "stale-contact"])
def test_unknown_codes_are_usage_errors(bad: str) -> None:
    with pytest.raises(UsageError, match=f"--ignore: unknown rule code '{bad}'"):
        split_codes([f"SAM101,{bad}"], "--ignore")


def test_select_runs_only_the_selected_rules() -> None:
    text = replace(CLEAN.with_person(2, last_contact=days_ago(100)), last_reviewed=None).yaml()
    assert codes(lint(text).findings) == ["SAM301", "SAM101"]
    assert codes(lint(text, select=["SAM301"]).findings) == ["SAM301"]
    assert codes(lint(text, ignore=["SAM301"]).findings) == ["SAM101"]
    assert codes(lint(text, select=["SAM101,SAM301"], ignore=["SAM101"]).findings) == ["SAM301"]


def test_configured_ignore_applies_unless_the_command_line_selects_the_rule() -> None:
    text = replace(CLEAN, last_reviewed=None).yaml()
    config = Config(lint=LintConfig(ignore=["SAM301"]))
    assert lint(text, config).findings == []
    assert codes(lint(text, config, select=["SAM301"]).findings) == ["SAM301"]


def test_a_severity_override_changes_the_finding_and_the_exit_code() -> None:
    text = replace(CLEAN, people=CLEAN.people[:7]).yaml()
    (default,) = lint(text).findings
    assert default.severity is Severity.WARNING
    config = Config(lint=LintConfig(severity={"SAM202": "error"}))
    (overridden,) = lint(text, config).findings
    assert (overridden.code, overridden.severity) == ("SAM202", Severity.ERROR)


def test_an_error_rule_can_be_lowered_to_a_warning() -> None:
    config = Config(lint=LintConfig(severity={"SAM101": "warning"}))
    settings = build_settings(config, TODAY)
    assert settings.severities["SAM101"] is Severity.WARNING
    assert settings.severities["SAM103"] is Severity.ERROR


def test_unknown_codes_in_the_configuration_name_the_file_and_key(tmp_path: Path) -> None:
    source = tmp_path / "samkit.toml"
    with pytest.raises(UsageError, match=r"samkit\.toml: lint\.ignore: unknown rule code 'SAM998'"):
        build_settings(Config(lint=LintConfig(ignore=["SAM998"]), source=source), TODAY)
    pyproject = tmp_path / "pyproject.toml"
    with pytest.raises(UsageError, match=r"pyproject\.toml: tool\.samkit\.lint\.severity\.SAM997: unknown rule"):
        build_settings(Config(lint=LintConfig(severity={"SAM997": "error"}), source=pyproject), TODAY)


# --------------------------------------------------------------------------------------------------------------
# accept comments


STALE_AT_2 = CLEAN.with_person(2, last_contact=days_ago(100))


def with_comment_after(text: str, needle: str, comment: str, above: bool = False) -> str:
    """Put ``comment`` as a line right below (or above) the line holding ``needle``."""
    lines = text.splitlines()
    index = line_of(text, needle) - 1
    lines.insert(index if above else index + 1, comment)
    return "\n".join(lines) + "\n"


def test_a_trailing_accept_comment_on_the_item_accepts_the_finding() -> None:
    text = STALE_AT_2.yaml().replace(
        f"last_contact: {days_ago(100)}",
        f"last_contact: {days_ago(100)}  # samkit: accept SAM101 -- on parental leave until March",
    )
    result = lint(text)
    assert result.findings == []
    (accepted,) = result.accepted
    assert accepted.finding.code == "SAM101"
    assert accepted.reason == "on parental leave until March"


@pytest.mark.parametrize(
    ("needle", "comment", "above"),
    [
        ("name: Person 3", "    # samkit: accept SAM101 -- inside the item, below its name", False),
        ("name: Person 3", "  # samkit: accept SAM101 -- on the line above the item", True),
        # after the item's last line, indented like its keys: still this item, not the next one
        (f"last_contact: {days_ago(100)}", "    # samkit: accept SAM101 -- below the item, key indent", False),
    ],
)
def test_accept_comment_placements_that_cover_the_item(needle: str, comment: str, above: bool) -> None:
    result = lint(with_comment_after(STALE_AT_2.yaml(), needle, comment, above))
    assert result.findings == []
    assert codes([accepted.finding for accepted in result.accepted]) == ["SAM101"]


def test_an_accept_comment_covers_only_its_own_item() -> None:
    text = STALE_AT_2.with_person(3, last_contact=days_ago(100)).yaml()
    text = with_comment_after(text, "name: Person 3", "    # samkit: accept SAM101 -- on leave")
    result = lint(text)
    (remaining,) = result.findings
    assert remaining.message.startswith("Person 4:")
    assert [accepted.finding.message.split(":")[0] for accepted in result.accepted] == ["Person 3"]


def test_a_dedented_comment_below_an_item_belongs_to_the_next_item() -> None:
    text = STALE_AT_2.yaml()
    text = with_comment_after(text, f"last_contact: {days_ago(100)}", "  # samkit: accept SAM101 -- for the next one")
    result = lint(text)
    assert codes(result.findings) == ["SAM101", "SAM901"]
    assert result.accepted == []
    unused = result.findings[1]
    assert unused.line == line_of(text, "# samkit: accept SAM101 -- for the next one")
    assert unused.column == 3
    assert unused.severity is Severity.WARNING
    assert unused.message == (
        "accept comment for SAM101 on stakeholders item 3 matches no finding; remove it if the problem is fixed"
    )


def test_an_accept_comment_must_name_the_right_code() -> None:
    text = STALE_AT_2.yaml().replace(
        f"last_contact: {days_ago(100)}", f"last_contact: {days_ago(100)}  # samkit: accept SAM102 -- wrong code"
    )
    result = lint(text)
    assert codes(result.findings) == ["SAM101", "SAM901"]
    assert "SAM102" in result.findings[1].message and "matches no finding" in result.findings[1].message


def test_plan_level_findings_are_accepted_at_plan_level_only() -> None:
    thin = replace(CLEAN, people=CLEAN.people[:5])
    top = replace(thin, header="# samkit: accept SAM202 -- a five-person company, everyone is mapped\n").yaml()
    result = lint(top)
    assert result.findings == []
    assert result.accepted[0].reason == "a five-person company, everyone is mapped"
    inside_a_stakeholder = with_comment_after(thin.yaml(), "name: Person 3", "    # samkit: accept SAM202 -- no")
    assert codes(lint(inside_a_stakeholder).findings) == ["SAM202", "SAM901"]  # and the comment is unused


def test_one_comment_can_accept_several_codes() -> None:
    text = replace(CLEAN, people=CLEAN.people[:5], last_reviewed=None)
    text = replace(text, header="# samkit: accept SAM202, SAM301 -- new account, first plan\n")
    result = lint(text.yaml())
    assert result.findings == []
    assert sorted(codes([accepted.finding for accepted in result.accepted])) == ["SAM202", "SAM301"]


def test_a_hash_inside_a_quoted_string_is_not_a_comment() -> None:
    text = STALE_AT_2.yaml().replace(
        "name: Person 3\n", 'name: Person 3\n    title: "VP # samkit: accept SAM101 -- not a comment"\n'
    )
    assert codes(lint(text).findings) == ["SAM101"]


@pytest.mark.parametrize(
    ("comment", "code", "message"),
    [
        ("# samkit: accept SAM999 -- typo", "SAM903", "accept comment names unknown rule code 'SAM999'"),
        (
            "# samkit: accept -- forgot the code",
            "SAM903",
            "accept comment names no rule code; write '# samkit: accept CODE -- reason'",
        ),
        ("# samkit: accept SAM001 -- cannot", "SAM903", "SAM001 cannot be accepted; fix the file"),
        ("# samkit: accept SAM901 -- cannot", "SAM903", "SAM901 cannot be accepted; fix the file"),
        (
            "# samkit: acept SAM101 -- misspelt",
            "SAM903",
            "unknown samkit comment 'acept'; write '# samkit: accept CODE -- reason'",
        ),
        ("# samkit: accept SAM202", "SAM902", "accept comment for SAM202 gives no reason; add one after '--'"),
    ],
)
def test_malformed_accept_comments_are_findings_at_the_comment(comment: str, code: str, message: str) -> None:
    text = replace(CLEAN, people=CLEAN.people[:5], header="\n  " + comment + "\n").yaml()
    result = lint(text)
    problems = [finding for finding in result.findings if finding.code.startswith("SAM90")]
    assert [(f.path, f.line, f.column, f.code, f.severity, f.message) for f in problems] == [
        ("plan.yaml", 2, 3, code, Severity.WARNING, message)
    ]


def test_accept_comment_findings_follow_selection_and_severity_overrides() -> None:
    text = replace(CLEAN, people=CLEAN.people[:5], header="# samkit: accept SAM202\n").yaml()
    assert codes(lint(text).findings) == ["SAM902"]
    assert codes(lint(text, ignore=["SAM902"]).findings) == []
    assert codes(lint(text, select=["SAM202"]).findings) == []
    strict = Config(lint=LintConfig(severity={"SAM902": "error"}))
    assert [finding.severity for finding in lint(text, strict).findings] == [Severity.ERROR]


def test_an_accept_without_a_reason_still_accepts() -> None:
    text = replace(CLEAN, people=CLEAN.people[:5], header="# samkit: accept SAM202\n").yaml()
    result = lint(text)
    assert codes(result.findings) == ["SAM902"]
    assert result.accepted[0].reason == ""


def test_acceptances_know_their_subject() -> None:
    text = with_comment_after(STALE_AT_2.yaml(), "name: Person 3", "    # samkit: accept SAM101 -- x")
    text = with_comment_after(text, "due: 2026-02-01", "    # samkit: accept SAM302 -- y")
    acceptances, _ = find_acceptances(load_text(replace(CLEAN, header="# samkit: accept SAM301 -- z\n").yaml()))
    assert [accept.subject for accept in acceptances] == [PLAN]
    acceptances, _ = find_acceptances(load_text(text))
    assert [accept.subject for accept in acceptances] == [("stakeholders", 2), ("actions", 0)]


def test_no_unused_accept_finding_for_a_rule_that_is_not_running() -> None:
    text = replace(CLEAN, header="# samkit: accept SAM202 -- x\n").yaml()
    assert lint(text, ignore=["SAM202"]).findings == []
    assert codes(lint(text).findings) == ["SAM901"]


# --------------------------------------------------------------------------------------------------------------
# running over files, in one process or several


def write_tree(root: Path, count: int) -> None:
    for number in range(count):
        spec = CLEAN.with_person(number % 8, last_contact=days_ago(91 + number))
        folder = root / f"team{number % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"plan{number:03}.yaml").write_text(spec.yaml(), encoding="utf-8")
    (root / "broken.yaml").write_text("account: [\n", encoding="utf-8")


def test_parallel_and_serial_runs_give_the_same_report(tmp_path: Path) -> None:
    write_tree(tmp_path, 24)
    settings = build_settings(Config(), TODAY)
    serial = lint_paths([tmp_path], settings, jobs=1)
    parallel = lint_paths([tmp_path], settings, jobs=2)
    assert serial.files == parallel.files == 25
    assert serial.findings == parallel.findings
    assert codes(serial.findings).count("SAM101") == 24
    assert codes(serial.findings).count("SAM001") == 1
    assert serial.exit_code() == 1


def test_small_trees_stay_in_process_and_large_ones_use_every_core() -> None:
    assert plan_jobs(10, None) == 1
    assert plan_jobs(PARALLEL_MIN_FILES - 1, 0) == 1
    assert plan_jobs(PARALLEL_MIN_FILES, 0) >= 1
    assert plan_jobs(5, 3) == 3
    assert plan_jobs(2, 8) == 2


def test_exit_code_counts_errors_unless_strict() -> None:
    from samkit.lint.engine import LintReport

    warning = Finding("p.yaml", 1, 1, "SAM202", Severity.WARNING, "thin")
    error = Finding("p.yaml", 1, 1, "SAM101", Severity.ERROR, "stale")
    assert LintReport(1, [], [], ()).exit_code(strict=True) == 0
    assert LintReport(1, [warning], [], ()).exit_code() == 0
    assert LintReport(1, [warning], [], ()).exit_code(strict=True) == 1
    assert LintReport(1, [error, warning], [], ()).exit_code() == 1


# --------------------------------------------------------------------------------------------------------------
# properties


@settings(max_examples=60, deadline=None)
@given(age=st.integers(min_value=-5, max_value=400), limit=st.integers(min_value=0, max_value=200))
def test_stale_exactly_when_older_than_the_limit(age: int, limit: int) -> None:
    contact = TODAY - timedelta(days=age)
    text = CLEAN.with_person(2, last_contact=contact.isoformat()).yaml()
    config = Config(lint=LintConfig(stale_contact_days=limit))
    about_person_3 = [
        finding.code for finding in lint(text, config).findings if finding.message.startswith("Person 3:")
    ]
    assert ("SAM101" in about_person_3) is (age > limit)
    assert ("SAM103" in about_person_3) is (age < 0)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    extra=st.text(alphabet=st.sampled_from(list("abc #:-'\"\n samkitacceptSAM1023,")), max_size=60),
    where=st.integers(min_value=0, max_value=60),
)
def test_lint_never_raises_on_edited_plans(extra: str, where: int) -> None:
    """Arbitrary text spliced into a valid plan: findings, never an exception."""
    base = replace(CLEAN, people=CLEAN.people[:3], header="# samkit: accept SAM202 -- small\n").yaml()
    lines = base.splitlines()
    lines.insert(where % (len(lines) + 1), extra)
    result = lint("\n".join(lines) + "\n")
    for finding in result.findings:
        assert finding.code in RULES
        assert finding.line >= 1 and finding.column >= 1


def test_today_is_a_parameter_not_the_clock() -> None:
    text = textwrap.dedent(CLEAN.yaml())
    settings = build_settings(Config(), date(2030, 1, 1))
    found = codes(lint_loaded(load_text(text), settings).findings)
    assert "SAM101" in found and "SAM301" in found and "SAM303" in found


def test_accept_comments_in_a_file_with_windows_line_endings() -> None:
    text = STALE_AT_2.yaml().replace(
        f"last_contact: {days_ago(100)}", f"last_contact: {days_ago(100)}  # samkit: accept SAM101 -- on leave"
    )
    result = lint(text.replace("\n", "\r\n"))
    assert result.findings == []
    assert result.accepted[0].reason == "on leave"


def test_the_word_samkit_in_an_ordinary_comment_is_not_a_directive() -> None:
    text = replace(CLEAN, header="# written in the samkit plan format; see samkit: docs\n").yaml()
    assert lint(text).findings == []


@given(st.lists(st.sampled_from(["samkit", "x", "\n", " "]), max_size=30))
def test_lines_mentioning_matches_a_plain_line_scan(pieces: list[str]) -> None:
    from samkit.lint.acceptances import _lines_mentioning

    text = "".join(pieces)
    expected = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if "samkit" in line]
    assert list(_lines_mentioning(text, "samkit")) == expected
