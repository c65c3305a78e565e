"""SAM312 beyond its case file: the messages, an accept comment, and the three testers' report end to end (a
euro or pound amount in a plan of a USD program was silently counted as dollars by validate, lint and the
reports). The currencies a sign stands for are the CRM import's (``samkit.plan.currency``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from samkit.config import Config
from samkit.findings import Finding
from samkit.lint.engine import build_settings, lint_loaded
from samkit.plan.currency import EACH, SIGN_CURRENCIES, currency_fits, money_fields, money_sign, written_money
from samkit.plan.loader import load_text
from samkit.plan.values import parse_money
from tests.rules.plans import TODAY, PlanSpec, line_of

CLEAN = PlanSpec()
Run = Callable[..., Any]


def sam312(text: str, currency: str | None = None) -> list[Finding]:
    config = Config.model_validate({"program": {"currency": currency}} if currency else {})
    findings = lint_loaded(load_text(text, "plan.yaml"), build_settings(config, TODAY)).findings
    return [finding for finding in findings if finding.code == "SAM312"]


def with_value(value: str) -> str:
    return replace(CLEAN, opportunities=(f"  - name: Upsell\n    value: {value}\n    probability: 50%\n",)).yaml()


def test_the_message_names_the_amount_the_program_currency_and_the_setting() -> None:
    text = with_value("€1.2M")
    (finding,) = sam312(text)
    assert (finding.line, finding.column) == (line_of(text, "value:"), len("    value: ") + 1)
    assert finding.message == (
        "value '€1.2M' is in €, not the program's USD ([program] currency): samkit never converts currencies "
        "and would count it as USD; write the amount in USD, "
        'or set [program] currency = "EUR" if all the program\'s money is in EUR'
    )


def test_a_dollar_sign_in_a_program_in_euros_suggests_no_one_currency() -> None:
    (finding,) = sam312(with_value("$85,000"), currency="EUR")
    assert finding.message == (
        "value '$85,000' is in $, not the program's EUR ([program] currency): samkit never converts currencies "
        "and would count it as EUR; write the amount in EUR"
    )


@pytest.mark.parametrize(
    ("value", "currency", "fires"),
    [
        ("€100K", "USD", True),
        ("£100K", "USD", True),
        ("$100K", "USD", False),
        ("100000", "GBP", False),
        ("£100K", "EUR", True),
        ("€100K", "EUR", False),
        ("$100K", "MXN", False),
        ("$100K", "JPY", True),
    ],
)
def test_a_sign_fits_the_program_as_it_does_in_a_crm_import(value: str, currency: str, fires: bool) -> None:
    assert bool(sam312(with_value(value), currency)) is fires


def test_an_accept_comment_on_the_opportunity_accepts_it() -> None:
    text = with_value("€1.2M  # samkit: accept SAM312 -- the Paris deal, converted at quarter end")
    assert sam312(text) == []


def test_sam312_reports_a_euro_arr_a_plan_of_a_usd_program_loads_without_a_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    """The report: `arr: €1.2M` validates (it is a money form) but lint now fails, pointing at the value."""
    text = CLEAN.yaml().replace("  manager: Maria Rodriguez\n", "  manager: Maria Rodriguez\n  arr: €1.2M\n")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("validate", "plans").exit_code == 0
    result = run_cli("lint", "plans", "--today", TODAY.isoformat())
    assert result.exit_code == 1
    assert result.stdout.startswith(f"plans/a.yaml:{line_of(text, 'arr:')}:8: SAM312 error: arr '€1.2M' is in €")
    (tmp_path / "samkit.toml").write_text('[program]\ncurrency = "EUR"\n', encoding="utf-8")
    text = text.replace("value: $100K", "value: €100K")
    (tmp_path / "plans" / "a.yaml").write_text(text, encoding="utf-8")
    assert run_cli("lint", "plans", "--today", TODAY.isoformat()).exit_code == 0


# ------------------------------------------------------------------------------------------ samkit.plan.currency


def test_every_money_field_of_the_plan_model_is_found() -> None:
    """Read from the model (the fields ``parse_money`` reads), so a new money field is checked without a change."""
    assert money_fields() == (
        ("account", "arr"),
        ("opportunities", EACH, "value"),
        ("whitespace", EACH, "potential"),
        ("value_delivered", EACH, "amount"),
    )


def test_written_money_yields_the_text_of_each_amount_with_its_path() -> None:
    data = {
        "account": {"name": "A", "arr": "€1.2M"},
        "opportunities": [{"value": 400000}, {"value": " £85K"}],
        "whitespace": "not a list",
        "value_delivered": [{"amount": None}, "not a mapping"],
    }
    assert list(written_money(data)) == [(("account", "arr"), "€1.2M"), (("opportunities", 1, "value"), " £85K")]
    assert list(written_money(["not", "a", "plan"])) == []


@pytest.mark.parametrize(("text", "sign"), [("€1.2M", "€"), (" £85,000", "£"), ("$400K", "$"), ("1.25M", None)])
def test_money_sign_is_the_sign_the_plan_money_form_allows(text: str, sign: str | None) -> None:
    parse_money(text)  # a money form of the plan
    assert money_sign(text) == sign


def test_each_sign_of_the_plan_money_form_stands_for_some_currency() -> None:
    assert set(SIGN_CURRENCIES) == {"$", "€", "£"}
    assert currency_fits("€", "EUR") and not currency_fits("€", "USD")
    assert currency_fits("$", "CAD") and not currency_fits("$", "EUR")
    assert currency_fits("EUR", "EUR") and not currency_fits("EUR", "USD")
