"""Configuration discovery (--config > samkit.toml > [tool.samkit] > defaults) and validation."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from samkit.config import DEFAULT_WEIGHTS, DIMENSIONS, Band, TierLimits, load_config
from samkit.errors import UsageError
from samkit.plan.enums import Role, Tier


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder as the working directory, with no config file above it in tmp_path."""
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def stale_days(config_source: Path | None, start: Path) -> int:
    days = load_config(config_source, start=start).lint.stale_contact_days
    assert days is not None
    return days


# ---------------------------------------------------------------- discovery order


def test_defaults_without_any_file(project: Path) -> None:
    config = load_config(None, start=project)
    if config.source is not None:  # a config file above tmp_path on this machine would make the test meaningless
        pytest.skip(f"a configuration file exists above the test folder: {config.source}")
    assert config.scoring.weights == DEFAULT_WEIGHTS
    assert config.scoring.strategic_threshold == 70
    assert config.scoring.key_threshold == 50
    assert config.scoring.bands == {}
    assert config.lint.ignore == []
    # no flat key set: every tier keeps its built-in limits
    assert (config.lint.stale_contact_days, config.lint.min_stakeholders, config.lint.review_interval_days) == (
        None,
        None,
        None,
    )
    assert config.lint.limits(Tier.STRATEGIC) == TierLimits(92, 8, 90)
    assert config.lint.limits(Tier.KEY) == TierLimits(183, 5, 90)
    assert config.lint.limits(Tier.STANDARD) == TierLimits(365, 3, 90)
    assert config.lint.severity == {}


def test_samkit_toml_in_the_working_directory(project: Path) -> None:
    write(project / "samkit.toml", "[lint]\nstale_contact_days = 30\n")
    config = load_config(None)
    assert config.lint.stale_contact_days == 30
    assert config.source == project / "samkit.toml"


def test_samkit_toml_in_the_nearest_parent(project: Path) -> None:
    write(project / "samkit.toml", "[lint]\nstale_contact_days = 30\n")
    write(project / "teams" / "samkit.toml", "[lint]\nstale_contact_days = 45\n")
    deep = project / "teams" / "emea" / "plans"
    deep.mkdir(parents=True)
    assert stale_days(None, deep) == 45
    assert stale_days(None, project / "teams") == 45
    assert stale_days(None, project) == 30


def test_samkit_toml_beats_pyproject(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.samkit.lint]\nstale_contact_days = 10\n")
    write(project / "samkit.toml", "[lint]\nstale_contact_days = 20\n")
    assert stale_days(None, project) == 20


def test_pyproject_tool_samkit(project: Path) -> None:
    write(
        project / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.samkit.scoring]\nstrategic_threshold = 75\n\n[tool.samkit.lint]\nmin_stakeholders = 5\n',
    )
    config = load_config(None)
    assert config.scoring.strategic_threshold == 75
    assert config.lint.min_stakeholders == 5
    assert config.source == project / "pyproject.toml"


def test_pyproject_without_a_samkit_table_gives_defaults(project: Path) -> None:
    write(project / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    assert load_config(None).lint.limits(Tier.KEY).stale_contact_days == 90


def test_explicit_config_beats_discovery(project: Path) -> None:
    write(project / "samkit.toml", "[lint]\nstale_contact_days = 20\n")
    explicit = write(project / "ci" / "strict.toml", "[lint]\nstale_contact_days = 7\n")
    config = load_config(explicit)
    assert config.lint.stale_contact_days == 7
    assert config.source == explicit


def test_explicit_pyproject_reads_tool_samkit(project: Path) -> None:
    explicit = write(project / "other" / "pyproject.toml", "[tool.samkit.lint]\nstale_contact_days = 12\n")
    assert load_config(explicit).lint.stale_contact_days == 12


def test_explicit_config_that_does_not_exist(project: Path) -> None:
    with pytest.raises(UsageError, match=r"missing\.toml: configuration file not found"):
        load_config(project / "missing.toml")


# ---------------------------------------------------------------- values


def test_full_example_from_the_cli_contract(project: Path) -> None:
    # cli.md writes the weights as an inline table over two lines, which TOML 1.0 (tomllib) refuses;
    # the same keys as a [scoring.weights] table
    path = write(
        project / "samkit.toml",
        """
[scoring]
strategic_threshold = 70
key_threshold = 50
[scoring.weights]
current_revenue = 25
expansion_potential = 20
strategic_fit = 15
market_influence = 15
relationship_strength = 10
product_adoption = 10
partnership_potential = 5
[scoring.bands.current_revenue]
column = "ARR"
bands = [[1000000, 10], [500000, 8], [250000, 6], [100000, 4], [0, 2]]

[lint]
ignore = ["SAM102"]
stale_contact_days = 90
min_stakeholders = 8
review_interval_days = 92
[lint.severity]
SAM202 = "error"
""",
    )
    config = load_config(path)
    band = config.scoring.bands["current_revenue"]
    assert band.column == "ARR"
    assert [band.points_for(Decimal(value)) for value in (2_000_000, 1_000_000, 999_999, 250_000, 5)] == [
        10,
        10,
        8,
        6,
        2,
    ]
    assert config.lint.ignore == ["SAM102"]
    assert config.lint.severity == {"SAM202": "error"}
    assert config.scoring.weights == DEFAULT_WEIGHTS


def test_band_below_every_minimum_gives_no_points() -> None:
    band = Band(column="ARR", bands=[(Decimal(100), Decimal(5))])
    assert band.points_for(Decimal(99)) is None


def test_partial_weights_summing_to_100_leave_the_rest_at_zero(project: Path) -> None:
    path = write(project / "samkit.toml", "[scoring]\nweights = { current_revenue = 60, strategic_fit = 40 }\n")
    weights = load_config(path).scoring.weights
    assert list(weights) == list(DIMENSIONS)
    assert weights["current_revenue"] == 60
    assert weights["strategic_fit"] == 40
    assert weights["partnership_potential"] == 0


def test_decimal_weights_are_exact(project: Path) -> None:
    # 33.3 + 33.3 + 33.4 is 100 exactly in decimal; in binary floats it is 99.99999999999999
    path = write(
        project / "samkit.toml",
        "[scoring]\nweights = { current_revenue = 33.3, expansion_potential = 33.3, strategic_fit = 33.4 }\n",
    )
    assert sum(load_config(path).scoring.weights.values()) == Decimal(100)


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("[scoring]\nweights = { current_revenue = 50, expansion_potential = 40 }\n", "scoring.weights", "sum to 100"),
        (
            "[scoring]\nweights = { current_revenue = 150, expansion_potential = -50 }\n",
            "scoring.weights",
            "must not be negative: expansion_potential",
        ),
        ("[scoring]\nweights = { curent_revenue = 100 }\n", "scoring.weights", "unknown dimension 'curent_revenue'"),
        (
            "[scoring]\nstrategic_threshold = 40\nkey_threshold = 50\n",
            "scoring",
            "key_threshold <= strategic_threshold",
        ),
        ("[scoring]\nstrategic_threshold = 120\n", "scoring", "<= 100"),
        ("[scoring]\nkey_threshold = -1\n", "scoring", "0 <= key_threshold"),
        ("[scoring]\nstrategic_threshold = 'high'\n", "scoring.strategic_threshold", "expected a number"),
        ("[lint]\nstale_contact_day = 30\n", "lint.stale_contact_day", "unknown key"),
        ("[lint]\nstale_contact_days = -1\n", "lint.stale_contact_days", "greater than or equal to 0"),
        ("[lint]\nstale_contact_days = 30.5\n", "lint.stale_contact_days", "expected a whole number, got 30.5"),
        ("[lint]\nstale_contact_days = true\n", "lint.stale_contact_days", "expected a whole number, got true"),
        ("[lint]\nignore = ['SAM1']\n", "lint.ignore.0", "pattern"),
        ("[lint.severity]\nSAM202 = 'fatal'\n", "lint.severity.SAM202", "'error' or 'warning'"),
        ("[colour]\nenabled = true\n", "colour", "unknown key"),
        ("scoring = 5\n", "scoring", "expected a table"),
        ("source = 'x'\n", "source", "unknown key"),
        (
            "[scoring.bands.current_revenu]\ncolumn = 'ARR'\nbands = [[0, 2]]\n",
            "scoring.bands.current_revenu",
            "unknown dimension",
        ),
        (
            "[scoring.bands.current_revenue]\ncolumn = 'ARR'\nbands = [[0, 2], [1000, 5]]\n",
            "scoring.bands.current_revenue.bands",
            "highest minimum first",
        ),
        (
            "[scoring.bands.current_revenue]\ncolumn = 'ARR'\nbands = [[0, 11]]\n",
            "scoring.bands.current_revenue.bands",
            "between 0 and 10",
        ),
        ("[scoring.bands.current_revenue]\nbands = [[0, 2]]\n", "scoring.bands.current_revenue.column", "required"),
        (
            "[import]\ninternal_domains = ['ourco']\n",
            "import.internal_domains",
            "'ourco' is not an email domain; write it like ourcompany.example",
        ),
        ("[import.columns]\nphone = 'Phone'\n", "import.columns", "unknown column role 'phone'; roles: account, "),
    ],
)
def test_bad_configuration_names_file_and_key(project: Path, text: str, key: str, fragment: str) -> None:
    path = write(project / "samkit.toml", text)
    with pytest.raises(UsageError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {key}: "), message
    assert fragment in message


def test_bad_key_in_pyproject_is_named_with_its_table(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.samkit.lint]\nstale_days = 3\n")
    with pytest.raises(UsageError, match=r"pyproject\.toml: tool\.samkit\.lint\.stale_days: unknown key"):
        load_config(None)


def test_tool_samkit_must_be_a_table(project: Path) -> None:
    write(project / "pyproject.toml", "[tool]\nsamkit = 5\n")
    with pytest.raises(UsageError, match=r"\[tool\.samkit\] must be a table"):
        load_config(None)


def test_invalid_toml_names_the_file(project: Path) -> None:
    path = write(project / "samkit.toml", "[lint\nstale = 3\n")
    with pytest.raises(UsageError, match=r"samkit\.toml: invalid TOML"):
        load_config(None)
    assert path.exists()


def test_every_problem_is_reported_at_once(project: Path) -> None:
    write(project / "samkit.toml", "[lint]\nstale_contact_days = -1\nmin_stakeholders = 'many'\nfoo = 1\n")
    with pytest.raises(UsageError) as caught:
        load_config(None)
    lines = str(caught.value).splitlines()
    assert len(lines) == 3
    assert all(line.startswith(str(project / "samkit.toml")) for line in lines)


def test_a_flat_key_applies_to_every_tier_and_a_tier_table_overrides_it(project: Path) -> None:
    write(
        project / "samkit.toml",
        "[lint]\nreview_interval_days = 100\n[lint.tiers.key]\nreview_interval_days = 200\nmin_stakeholders = 4\n",
    )
    lint = load_config(None).lint
    assert lint.limits(Tier.STRATEGIC) == TierLimits(100, 8, 90)
    assert lint.limits(Tier.KEY) == TierLimits(200, 4, 90)
    assert lint.limits(Tier.STANDARD) == TierLimits(100, 3, 90)


def test_program_costs_and_import_settings(project: Path) -> None:
    write(
        project / "samkit.toml",
        '[program]\nsam_cost = "$250K"\n[program.sam_costs]\n"Maria Rodriguez" = 275000\n'
        '[import]\ndate_format = "%m/%d/%Y"\n[lint.cadence]\nchampion = 30\n',
    )
    config = load_config(None)
    assert config.program.cost_of("maria rodriguez") == Decimal(275000)
    assert config.program.cost_of("Someone Else") == Decimal(250000)
    assert config.import_.date_format == "%m/%d/%Y"
    assert config.lint.cadence == {Role.CHAMPION: 30}


@pytest.mark.parametrize(
    ("program", "written", "key", "message"),
    [
        (
            "",
            'sam_cost = "€120,000"',
            "program.sam_cost",
            "'€120,000' is in €, not the program's USD ([program] currency): samkit never converts currencies "
            'and would count it as USD; write the amount in USD, or set [program] currency = "EUR" if all the '
            "program's money is in EUR",
        ),
        (
            'currency = "EUR"\n',
            'sam_cost = 250000\n[program.sam_costs]\n"Maria Rodriguez" = "$275K"',
            "program.sam_costs.Maria Rodriguez",
            "'$275K' is in $, not the program's EUR ([program] currency): samkit never converts currencies "
            "and would count it as EUR; write the amount in EUR",
        ),
        (
            'currency = "chf"\n',
            'sam_cost = "£90K"',
            "program.sam_cost",
            "'£90K' is in £, not the program's CHF ([program] currency): samkit never converts currencies and "
            'would count it as CHF; write the amount in CHF, or set [program] currency = "GBP" if all the '
            "program's money is in GBP",
        ),
    ],
)
def test_a_program_cost_in_another_currency_is_one_line_naming_the_key_and_the_fix(
    project: Path, program: str, written: str, key: str, message: str
) -> None:
    """As SAM312 for a plan's money: the sign is lost once read, so €120,000 would be counted as dollars."""
    path = write(project / "samkit.toml", f"[program]\n{program}{written}\n")
    with pytest.raises(UsageError) as raised:
        load_config(None)
    assert str(raised.value) == f"{path}: {key}: {message}"


def test_a_program_cost_in_another_currency_is_exit_2(project: Path, run_cli: Callable[..., Any]) -> None:
    path = write(project / "samkit.toml", '[program]\nsam_cost = "€120,000"\n')
    write(project / "plans" / "a.yaml", "account:\n  name: A\n  manager: B\n")
    result = run_cli("validate", "plans")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"samkit: error: {path}: program.sam_cost: '€120,000' is in €, not the program's USD"
    )
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("program", "written", "cost"),
    [
        ('currency = "EUR"', '"€120,000"', Decimal(120000)),
        ('currency = "GBP"', '"£90K"', Decimal(90000)),
        ('currency = "CAD"', '"$1.2M"', Decimal(1200000)),  # `$` is every dollar's sign
        ('currency = "CHF"', '"250K"', Decimal(250000)),  # no sign: the program's currency
        ("", "250000", Decimal(250000)),
    ],
)
def test_a_program_cost_in_the_program_currency_is_read(
    project: Path, program: str, written: str, cost: Decimal
) -> None:
    write(
        project / "samkit.toml", f"[program]\n{program}\nsam_cost = {written}\n[program.sam_costs]\nAnn = {written}\n"
    )
    assert load_config(None).program.cost_of("ann") == load_config(None).program.sam_cost == cost


def test_a_wrong_currency_is_said_once_not_as_costs_in_another_currency(project: Path) -> None:
    path = write(project / "samkit.toml", '[program]\ncurrency = "euro"\nsam_cost = "€120,000"\n')
    with pytest.raises(UsageError) as raised:
        load_config(None)
    assert (
        str(raised.value)
        == f"{path}: program.currency: 'euro' is not a currency code; write three letters like USD or EUR"
    )


def test_internal_domains_are_read_as_people_write_them(project: Path) -> None:
    write(project / "samkit.toml", "[import]\ninternal_domains = ['@OurCo.example', ' us.example ']\n")
    assert load_config(None).import_.internal_domains == ["ourco.example", "us.example"]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("[lint.tiers.gold]\nmin_stakeholders = 3\n", "strategic"),
        ("[lint.cadence]\nchampoin = 30\n", "champion"),
    ],
)
def test_an_unknown_tier_or_role_key_names_what_is_allowed_there(project: Path, text: str, wanted: str) -> None:
    write(project / "samkit.toml", text)
    with pytest.raises(UsageError) as raised:
        load_config(None)
    assert "dimension" not in str(raised.value) and wanted in str(raised.value)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[lint.tiers.gold]\nmin_stakeholders = 3\n", "lint.tiers.gold"),
        ("[lint.tiers.key]\nstale_days = 3\n", "lint.tiers.key.stale_days"),
        ("[lint.cadence]\nchampion = 0\n", "lint.cadence.champion"),
        ('[import]\ndate_format = "%Y"\n', "import.date_format"),
        ('[program]\nsam_cost = "lots"\n', "program.sam_cost"),
    ],
)
def test_bad_additions_name_the_key(project: Path, text: str, key: str) -> None:
    path = write(project / "samkit.toml", text)
    with pytest.raises(UsageError) as raised:
        load_config(None)
    assert str(raised.value).startswith(f"{path}: {key}")


# ---------------------------------------------------------------- round 3: upwards to the repository root


def test_discovery_stops_at_the_repository_root(project: Path) -> None:
    write(project / "samkit.toml", "[lint]\nstale_contact_days = 30\n")
    repository = project / "clone"
    (repository / ".git").mkdir(parents=True)
    (repository / "plans").mkdir()
    # the samkit.toml above the clone belongs to no repository of ours: not read from inside it
    assert load_config(None, start=repository / "plans").source is None
    write(repository / "samkit.toml", "[lint]\nstale_contact_days = 45\n")
    assert stale_days(None, repository / "plans") == 45


def test_a_pyproject_without_tool_samkit_is_not_the_configuration(project: Path) -> None:
    write(project / "samkit.toml", "[lint]\nstale_contact_days = 30\n")
    write(project / "sub" / "pyproject.toml", "[project]\nname = 'other'\n")
    assert stale_days(None, project / "sub") == 30


def test_the_default_plans_folder_is_beside_the_configuration(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samkit.fileio.configfile import default_plans_folder

    (project / ".git").mkdir()
    write(project / "samkit.toml", "")
    (project / "plans").mkdir()
    (project / ".github" / "workflows").mkdir(parents=True)
    assert default_plans_folder(project) == "plans"
    assert default_plans_folder(project / "plans") == "."
    assert default_plans_folder(project / ".github" / "workflows") == "../../plans"
