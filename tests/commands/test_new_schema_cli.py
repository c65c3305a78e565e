"""``samkit new``, ``samkit schema`` (and the committed copy kept in sync), ``--version``, example plans."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from samkit import __version__
from samkit.output.jsonout import to_jsonable
from samkit.plan.loader import load_plan, load_text
from samkit.plan.newplan import slugify
from samkit.plan.yamlsafe import parse_yaml
from tests.conftest import PLANS, REPO

Run = Callable[..., Any]
COMMITTED_SCHEMA = REPO / "schema" / "plan.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json"
EXAMPLE_PLANS = sorted(PLANS.glob("*.yaml"))


def as_json_data(text: str) -> Any:
    """The plan as a YAML language server sees it: JSON types (numbers, strings for dates)."""
    data, _ = parse_yaml(text)
    return to_jsonable(data, float)


# ---------------------------------------------------------------- --version and schema


def test_version(run_cli: Run) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"samkit {__version__}\n"


def test_schema_output_is_the_committed_copy(run_cli: Run) -> None:
    # the sync test: after a model change, run `samkit schema -o schema/plan.schema.json`
    result = run_cli("schema")
    assert result.exit_code == 0
    assert result.stdout == COMMITTED_SCHEMA.read_text(encoding="utf-8")


def test_schema_is_a_valid_draft_2020_12_schema(run_cli: Run) -> None:
    schema = json.loads(run_cli("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "samkit account plan"


def test_schema_to_a_file(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.schema.json"
    result = run_cli("schema", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == COMMITTED_SCHEMA.read_text(encoding="utf-8")


def test_schema_to_a_missing_folder_exits_2(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("schema", "-o", str(tmp_path / "no" / "such" / "schema.json"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_schema_check_compares_the_file_and_writes_nothing(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.schema.json"
    missing = run_cli("schema", "-o", str(target), "--check")
    assert missing.exit_code == 1 and missing.stdout == f"{target}: missing\n"
    assert not target.exists()
    assert run_cli("schema", "-o", str(target)).exit_code == 0
    current = run_cli("schema", "-o", str(target), "--check")
    assert current.exit_code == 0 and current.stdout == ""
    assert "1 schema file up to date" in current.stderr
    target.write_text(target.read_text(encoding="utf-8").replace("samkit account plan", "old"), encoding="utf-8")
    stale = run_cli("schema", "-o", str(target), "--check")
    assert stale.exit_code == 1 and stale.stdout == f"{target}: out of date\n"
    assert f"run samkit schema -o {target} to update" in stale.stderr
    assert "old" in target.read_text(encoding="utf-8")
    without_file = run_cli("schema", "--check")
    assert without_file.exit_code == 2 and "give -o FILE" in without_file.stderr


# ---------------------------------------------------------------- the example plans


def test_there_are_examples_beyond_the_seed() -> None:
    assert len(EXAMPLE_PLANS) >= 4
    assert PLANS / "global-financial-corp.yaml" in EXAMPLE_PLANS


@pytest.mark.parametrize("path", EXAMPLE_PLANS, ids=lambda path: path.name)
def test_every_plan_points_at_the_committed_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == SCHEMA_LINE
    assert (path.parent / "../schema/plan.schema.json").resolve() == COMMITTED_SCHEMA.resolve()


@pytest.mark.parametrize("path", EXAMPLE_PLANS, ids=lambda path: path.name)
def test_every_plan_validates_against_the_schema_and_the_model(path: Path) -> None:
    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(as_json_data(path.read_text(encoding="utf-8")), schema)
    loaded = load_plan(path)
    assert loaded.findings == []


def test_the_schema_rejects_what_the_model_rejects() -> None:
    # guards the test above against a schema that accepts anything
    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    plans = [
        "account:\n  name: A\n  manager: M\n  manger: x\n",
        "account:\n  name: A\n",
        "account:\n  name: A\n  manager: M\nstakeholders:\n  - name: B\n    relationship: close\n",
        "account:\n  name: A\n  manager: M\nopportunities:\n  - name: B\n    value: 1\n    probability: 65\n",
    ]
    for text in plans:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(as_json_data(text), schema)


def test_examples_cover_the_cases_the_issue_asks_for() -> None:
    from samkit.analysis.coverage import compute_coverage
    from samkit.analysis.plan_score import plan_tier
    from samkit.config import ScoringConfig

    plans = {path.name: load_plan(path).plan for path in EXAMPLE_PLANS}
    assert all(plan is not None for plan in plans.values())
    valid = [plan for plan in plans.values() if plan is not None]
    tiers = {plan_tier(plan, ScoringConfig()) for plan in valid}
    assert {"Strategic", "Key"} <= {str(tier) for tier in tiers}
    assert any(compute_coverage(plan).single_threaded for plan in valid)
    departed = [plan for plan in valid if any(not person.active for person in plan.stakeholders)]
    assert departed
    assert any("left" in risk.risk or "departure" in risk.risk for plan in departed for risk in plan.risks)
    assert "Maria Rodriguez" in {plan.account.manager for plan in valid if plan.account.name != "Global Financial Corp"}
    assert len({plan.account.manager for plan in valid}) >= 3


# ---------------------------------------------------------------- new


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Acme Industries", "acme-industries"),
        ("Müller & Söhne GmbH", "muller-sohne-gmbh"),
        ("  O'Brien's  Bakery, Inc. ", "o-brien-s-bakery-inc"),
        ("3M", "3m"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_new_writes_a_valid_plan_at_once(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "Acme Industries", "--manager", "Maria Rodriguez", "--today", "2026-02-10")
    assert result.exit_code == 0, result.stderr
    target = Path("plans") / "acme-industries.yaml"
    assert result.stdout == f"{target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    loaded = load_plan(target)
    assert loaded.findings == []
    assert loaded.plan is not None
    assert loaded.plan.account.name == "Acme Industries"
    assert loaded.plan.account.manager == "Maria Rodriguez"
    assert str(loaded.plan.period) == "Q1 2026"
    assert run_cli("validate").exit_code == 0


def test_new_plan_text_with_yaml_special_characters_round_trips(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = 'Acme: "Labs" #1 - NO'
    result = run_cli("new", name, "-m", "yes", "--today", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    loaded = load_plan(Path(result.stdout.strip()))
    assert loaded.plan is not None, loaded.findings
    assert loaded.plan.account.name == name
    assert loaded.plan.account.manager == "yes"
    assert str(loaded.plan.period) == "Q4 2026"


def test_new_never_overwrites(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "plans" / "acme.yaml"
    existing.parent.mkdir()
    existing.write_text("my precious plan\n", encoding="utf-8")
    result = run_cli("new", "Acme", "-m", "Maria Rodriguez")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert existing.read_text(encoding="utf-8") == "my precious plan\n"
    assert sorted(path.name for path in existing.parent.iterdir()) == ["acme.yaml"]  # no temp file left behind


def test_new_refuses_a_second_time(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "Acme", "-m", "Maria Rodriguez", "--today", "2026-01-05").exit_code == 0
    first = (tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8")
    again = run_cli("new", "ACME", "-m", "Maria Rodriguez", "--today", "2027-06-01")
    assert again.exit_code == 2
    assert (tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8") == first


def test_new_in_the_repository_points_at_the_schema(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "plan.schema.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "Acme", "-m", "Maria Rodriguez", "--today", "2026-01-05")
    assert result.exit_code == 0
    first_line = (tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == SCHEMA_LINE


def test_new_into_another_folder(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "Acme", "--dir", "accounts/emea", "--today", "2026-01-05")
    assert result.exit_code == 0
    assert (tmp_path / "accounts" / "emea" / "acme.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["new", "!!!"], "no letters or digits"),
        (["new", "  "], "empty"),
        (["new", "Acme", "--today", "2026-02-30"], "not a date"),
        (["new", "Acme", "--today", "20260330"], "write YYYY-MM-DD"),
        (["new", "Acme", "--manager", " "], "--manager is empty"),
    ],
)
def test_new_usage_errors_exit_2(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], fragment: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert not (tmp_path / "plans").exists() or not any((tmp_path / "plans").iterdir())


def test_new_with_dir_that_is_a_file_exits_2(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").write_text("not a folder", encoding="utf-8")
    result = run_cli("new", "Acme")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_new_uses_samkit_today(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAMKIT_TODAY", "2026-08-15")
    assert run_cli("new", "Acme").exit_code == 0
    loaded = load_plan(tmp_path / "plans" / "acme.yaml")
    assert loaded.plan is not None
    assert str(loaded.plan.period) == "Q3 2026"
    assert "created 2026-08-15" in loaded.text


def test_a_new_plan_passes_the_lint_gate(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-commit hook runs `samkit lint` on the plans being committed: a fresh plan must get through."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "Acme Industries", "-m", "Maria Rodriguez", "--today", "2026-02-10").exit_code == 0
    result = run_cli("lint", "--today", "2026-02-10")
    assert result.exit_code == 0, result.stdout
    codes = [line.split()[1] for line in result.stdout.splitlines()]
    assert "SAM201" not in codes
    assert "stakeholders not mapped yet" in result.stdout
    assert run_cli("lint", "--today", "2026-02-10", "--strict").exit_code == 1  # the warnings are still there


def _uncommented(text: str) -> str:
    """The plan with its commented examples switched on: `#  ...` lines lose the `#`, filled sections their `[]`."""
    lines = [line[1:] if line.startswith(("#  ", "#score:")) else line for line in text.splitlines()]
    for section in ("raci", "stakeholders", "opportunities", "whitespace"):
        lines = [
            line.replace(f"{section}: []", f"{section}:", 1) if line.startswith(section) else line for line in lines
        ]
    return "\n".join(lines) + "\n"


def test_a_new_plan_shows_every_new_section_as_an_example_that_is_valid(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "Acme", "-m", "Maria Rodriguez", "--today", "2026-02-10").exit_code == 0
    text = (tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8")
    for key in ("status:", "renewal_date:", "team:", "role: strategic_account_manager", "raci:", "whitespace:"):
        assert key in text
    for example in ("email:", "influence:", "support:", "cares_about:", "cadence_days:", "notes:", "closed:"):
        assert f"#    {example}" in text
    loaded = load_text(_uncommented(text), "acme.yaml")
    assert loaded.findings == []
    plan = loaded.plan
    assert plan is not None
    assert [member.name for member in plan.account.team] == ["Maria Rodriguez", "Dana Cole"]
    assert plan.raci[0].accountable == "Dana Cole"
    person = plan.stakeholders[0]
    assert (person.email, person.cadence_days, person.cares_about) == (
        "lisa.thompson@customer.example",
        30,
        ["ROI realization", "cost control"],
    )
    assert plan.whitespace[0].opportunity == plan.opportunities[0].name
    assert plan.score is not None and plan.score.current_revenue == 8  # the commented score example is valid


def test_a_new_plan_is_not_scored_and_keeps_its_declared_tier(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new` writes the score block as a commented example: a new plan has no score, so no tier from zeros."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "Acme", "-m", "Maria Rodriguez", "--today", "2026-02-10").exit_code == 0
    text = (tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8")
    plan = load_text(text.replace("  tier:                 #", "  tier: key            #"), "acme.yaml").plan
    assert plan is not None and plan.score is None
    assert "\nscore:" not in text and "\n#score:" in text


def test_new_takes_the_manager_from_git_and_says_so(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "config", "user.name", "Jordan Blake"], check=True)
    result = run_cli("new", "Acme", "--today", "2026-02-10")
    assert result.exit_code == 0, result.stderr
    assert "manager: Jordan Blake (from git config user.name" in result.stderr
    plan = load_text((tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8"), "acme.yaml").plan
    assert plan is not None and plan.account.manager == "Jordan Blake"


def test_new_without_a_manager_anywhere_is_a_usage_error(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))  # no global git identity either
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    result = run_cli("new", "Acme", "--today", "2026-02-10")
    assert result.exit_code == 2
    assert "--manager" in result.stderr and "user.name" in result.stderr
    assert not (tmp_path / "plans" / "acme.yaml").exists()


def test_new_without_git_installed_asks_for_the_manager(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(empty))
    result = run_cli("new", "Acme", "--today", "2026-02-10")
    assert result.exit_code == 2
    assert "no manager given and git config user.name is not set" in result.stderr
    assert not (tmp_path / "plans").exists()
    made = run_cli("new", "Acme", "--today", "2026-02-10", "--manager", "Jordan Blake")
    assert made.exit_code == 0, made.stderr
    assert (tmp_path / "plans" / "acme.yaml").is_file()


def test_new_renders_through_the_one_template_environment() -> None:
    """`samkit new` uses samkit.templating's environment: its filters, strict undefined names, its errors."""
    from samkit.render.newplan import NEW_PLAN_TEMPLATE
    from samkit.templating import get_template, make_environment

    template = get_template(NEW_PLAN_TEMPLATE)
    assert template.environment is make_environment()
