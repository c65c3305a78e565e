"""Amounts read exactly (a decimal comma only when the file proves it), stage names, value spellings."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from samkit.importers.amounts import decimal_comma, read_amount
from samkit.importers.crm_values import FileForms, ValueProblem, amount_of, check_currency
from samkit.importers.plan_style import money_like, probability_like
from samkit.importers.stages import Stage, StageMap
from samkit.plan.enums import OpportunityStatus


@pytest.mark.parametrize(
    ("cells", "comma"),
    [
        (["$1,234.50", "400000"], False),
        (["1.234,50 €", "2.000"], True),  # 1.234,50 reads only the European way; 2.000 then is two thousand
        (["1.234,50", "1,234.50"], False),  # both forms in one file: the roster's form, and 1.234,50 is an error
        (["1,234"], False),  # a thousand, or one and a bit: not proven, read as the roster reads it
        (["1234,5"], True),
    ],
)
def test_the_file_decides_the_decimal_comma(cells: list[str], comma: bool) -> None:
    assert decimal_comma(cells) is comma


def test_amounts_are_exact_decimals() -> None:
    assert read_amount("$1,234.50", False) == Decimal("1234.50")
    assert read_amount("USD 400,000.00", False) == Decimal("400000.00")
    assert read_amount("1.234,50 €", True) == Decimal("1234.50")
    assert read_amount("2.000", True) == 2000
    assert read_amount("0.1", False) + read_amount("0.2", False) == Decimal("0.3")
    with pytest.raises(ValueError, match="not an amount of money"):
        read_amount("1.234,50", False)
    with pytest.raises(ValueError, match="negative"):
        read_amount("-5", False)
    for currency_alone in ("EUR", "€", " USD "):  # the message names the cell as written
        with pytest.raises(ValueError, match=re.escape(f"{currency_alone!r} is not an amount of money: no number")):
            read_amount(currency_alone, False)


@pytest.mark.parametrize(
    ("cell", "comma", "message"),
    [
        ("330,000", True, "'330,000' reads as 330 with the decimal comma this file's amounts use, or as 330000"),
        ("330.000", False, "'330.000' reads as 330 with the decimal point this file's amounts use, or as 330000"),
        ("USD 1.234", False, "reads as 1.234 with the decimal point this file's amounts use, or as 1234 with a"),
    ],
)
def test_an_amount_with_three_decimals_that_reads_both_ways_is_an_error(cell: str, comma: bool, message: str) -> None:
    """A file that mixes forms would otherwise be off by a thousand on such a cell, silently."""
    forms = FileForms(comma, None, True, "USD")
    with pytest.raises(ValueProblem, match=re.escape(message)):
        amount_of(cell, forms)
    # the same digits in a form that cannot be the other's are read as they stand
    assert amount_of("1.330,000" if comma else "1,330.000", forms) == Decimal("1330")
    assert amount_of("330,00" if comma else "330.00", forms) == Decimal("330")
    assert amount_of("2.000" if comma else "2,000", forms) == 2000


@pytest.mark.parametrize("cell", ["-", "$ -", " -  ", "€-", "–"])
def test_a_spreadsheets_accounting_dash_is_zero(cell: str) -> None:
    assert read_amount(cell, False) == 0 and read_amount(cell, True) == 0


def test_a_probability_column_in_two_forms_is_an_error() -> None:
    """HubSpot writes 0.9 for 90%, Salesforce 40 for 40%: a bare column holding both cannot be read."""
    from samkit.importers.crm_values import probability_of

    forms = FileForms(False, None, True, "USD", percent_shown_by="40")
    with pytest.raises(ValueProblem, match=re.escape("probability '0.9' reads as 0.9% beside '40' in the same")):
        probability_of("0.9", forms)
    assert probability_of("1", forms) == Decimal("0.01") and probability_of("0", forms) == 0
    assert probability_of("0.9", FileForms(False, None, True, "USD")) == Decimal("0.009")  # `Probability (%)`


def test_stages_defaults_and_configuration() -> None:
    stages = StageMap({"Verbal Commit": "open", "decisionmakerboughtin": "lost"})
    assert stages.get("negotiation/review") == stages.get("Negotiation / Review")
    assert stages.get("Closed Won").status is OpportunityStatus.WON
    assert stages.get("Contract sent").probability == Decimal("0.90")
    assert stages.get("Verbal Commit").probability is None
    assert stages.get("decisionmakerboughtin") == Stage(OpportunityStatus.LOST, None)  # configured wins
    assert stages.get("Decision maker bought-in") == Stage(OpportunityStatus.LOST, None)  # its label too
    assert stages.get("Stage 7") is None
    # HubSpot's Closed won label is Salesforce's Closed Won: one name, so configuring closedwon sets both
    assert StageMap({"closedwon": "lost"}).get("Closed Won") == Stage(OpportunityStatus.LOST, None)


def test_configured_probabilities_over_the_stages() -> None:
    from samkit.importers.stages import UnknownStageProbability

    stages = StageMap(
        {"Verbal Commit": "open", "Closed won": "lost"},
        {"verbal commit": Decimal(85), "Contract Sent": Decimal("12.5"), "Prospecting": Decimal(0)},
    )
    assert stages.get("Verbal-Commit") == Stage(OpportunityStatus.OPEN, Decimal("0.85"))
    # a HubSpot stage is one stage under its internal name and its label
    assert stages.get("contractsent") == stages.get("Contract sent") == Stage(OpportunityStatus.OPEN, Decimal("0.125"))
    assert stages.get("closedwon") == stages.get("Closed won") == Stage(OpportunityStatus.LOST, None)
    assert stages.get("Prospecting") == Stage(OpportunityStatus.OPEN, Decimal(0))
    assert stages.get("Qualification") == Stage(OpportunityStatus.OPEN, Decimal("0.10"))  # the default stays
    with pytest.raises(UnknownStageProbability) as raised:
        StageMap({}, {"Verbal Commit": Decimal(85)})  # not mapped in [import.stages]: no such stage
    assert raised.value.name == "Verbal Commit"


def test_values_are_spelt_like_the_plan() -> None:
    assert money_like(Decimal(410_000), "$400K") == "$410K"
    assert money_like(Decimal(1_400_000), "$1.2M") == "$1.4M"
    assert money_like(Decimal("42750.25"), "$40K") == "$42,750.25"
    assert money_like(Decimal(5000), 4000) == 5000
    assert probability_like(Decimal("0.125"), "65%") == "12.5%"
    assert probability_like(Decimal("0.9"), Decimal("0.65")) == Decimal("0.9")


def test_the_program_currency_setting_is_a_code() -> None:
    from samkit.config import ProgramConfig

    assert ProgramConfig(currency=" eur ").currency == "EUR"
    with pytest.raises(ValueError, match="not a currency code"):
        ProgramConfig(currency="US dollars")


@pytest.mark.parametrize(
    ("cell", "program", "amount"),
    [
        ("USD 400,000.00", "USD", Decimal("400000.00")),
        ("$1,234.50", "USD", Decimal("1234.50")),
        ("$1,234.50", "CAD", Decimal("1234.50")),  # `$` is every dollar's sign
        ("1.234,50 €", "EUR", Decimal("1234.50")),
        ("€1.234,50", "EUR", Decimal("1234.50")),
        ("£95,500.50", "GBP", Decimal("95500.50")),
        ("400000", "JPY", Decimal(400000)),  # no currency written: the program's
    ],
)
def test_an_amount_in_the_programs_currency_is_read(cell: str, program: str, amount: Decimal) -> None:
    assert amount_of(cell, FileForms("€" in cell, None, False, program)) == amount


@pytest.mark.parametrize(
    ("cell", "program", "written"),
    [
        ("EUR 135,000.00", "USD", "EUR"),  # a multi-currency Salesforce report's Amount
        ("135.000,00 €", "USD", "€"),
        ("£135,000.00", "USD", "£"),
        ("$135,000.00", "EUR", "$"),
        ("135,000.00 CHF", "USD", "CHF"),
    ],
)
def test_an_amount_in_another_currency_is_an_error(cell: str, program: str, written: str) -> None:
    """samkit never converts currencies: an amount the export writes in another one is never taken as the
    program's."""
    with pytest.raises(ValueProblem) as raised:
        amount_of(cell, FileForms("€" in cell, None, False, program))
    assert str(raised.value).startswith(f"amount {cell!r} is in {written}, not the program's {program} ([program]")


def test_a_currency_column_and_an_amount_follow_one_rule() -> None:
    """A currency cell may hold a sign as an amount may (`€` in a EUR program); every currency a cell names counts."""
    check_currency("€", "EUR")
    check_currency(" usd ", "USD")
    check_currency("$", "CAD")
    with pytest.raises(ValueProblem, match="currency '€' is not the program's USD"):
        check_currency("€", "USD")
    with pytest.raises(ValueProblem, match="amount 'USD 100 EUR' is in EUR, not the program's USD"):
        amount_of("USD 100 EUR", FileForms(False, None, False, "USD"))
