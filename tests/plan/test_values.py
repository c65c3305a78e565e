"""Value forms of plan-format.md: money, probability / percent, quarters and ranges, enum spellings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samkit.plan.values import (
    Quarter,
    QuarterRange,
    format_money,
    format_percent,
    normalize_enum_text,
    parse_decimal,
    parse_money,
    parse_probability,
    parse_quarter_range,
)

# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        (400000, Decimal(400000)),
        (Decimal("85000.50"), Decimal("85000.50")),
        (85000.5, Decimal("85000.5")),
        ("400000", Decimal(400000)),
        ("$400K", Decimal(400000)),
        ("$400k", Decimal(400000)),
        ("$1.4M", Decimal(1400000)),
        ("$85,000", Decimal(85000)),
        ("$85,000.50", Decimal("85000.50")),
        ("1.25M", Decimal(1250000)),
        ("€1,200.50", Decimal("1200.50")),
        ("£3B", Decimal(3000000000)),
        ("$ 400 K", Decimal(400000)),
        ("  $12,345,678.90  ", Decimal("12345678.90")),
        ("$.5M", Decimal(500000)),
        (0, Decimal(0)),
        ("0", Decimal(0)),
    ],
)
def test_money_forms(written: object, amount: Decimal) -> None:
    assert parse_money(written) == amount


def test_money_suffix_is_exact_decimal_never_float() -> None:
    parsed = parse_money("$1.4M")
    assert isinstance(parsed, Decimal)
    assert str(parsed) == "1400000"  # not 1.4E+6 or 1400000.0 or 1399999.9999...
    assert parse_money("$0.1M") + parse_money("$0.2M") == Decimal(300000)


def test_money_keeps_cents_exactly() -> None:
    assert parse_money("$85,000.50") + parse_money("$0.25") == Decimal("85000.75")
    assert str(parse_money(0.1)) == "0.1"  # a YAML float is read from its shortest repr, no binary noise


@pytest.mark.parametrize("written", [-5, Decimal("-5.5"), "-5", "-$5", "$-5K", "-1.2M"])
def test_negative_money_is_an_error_saying_so(written: object) -> None:
    with pytest.raises(ValueError, match="money cannot be negative"):
        parse_money(written)


@pytest.mark.parametrize("written", ["N/A", "", "  ", "$", "TBD", "1,00", "1e5", "$400KK", "400 dollars", "12%"])
def test_money_rejects_anything_else(written: str) -> None:
    with pytest.raises(ValueError, match="is not an amount of money; write a number or a form like"):
        parse_money(written)


@pytest.mark.parametrize("written", [None, True, [], {}, date(2026, 1, 1)])
def test_money_rejects_non_values(written: object) -> None:
    with pytest.raises(ValueError, match="expected an amount of money"):
        parse_money(written)


def test_money_rejects_nan_and_infinity() -> None:
    for written in (float("nan"), float("inf"), Decimal("Infinity")):
        with pytest.raises(ValueError, match="not an amount of money"):
            parse_money(written)


def test_negative_decimal_message_shows_the_number_not_python() -> None:
    with pytest.raises(ValueError) as error:
        parse_money(Decimal("-5.5"))
    assert "Decimal(" not in str(error.value)
    assert "-5.5" in str(error.value)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_money_round_trips_through_its_display_form(amount: Decimal) -> None:
    assert parse_money(format_money(amount)) == amount


# ---------------------------------------------------------------- probability / percent


@pytest.mark.parametrize(
    ("written", "fraction"),
    [
        ("65%", Decimal("0.65")),
        ("12.5%", Decimal("0.125")),
        ("65 %", Decimal("0.65")),
        ("0%", Decimal(0)),
        ("100%", Decimal(1)),
        (Decimal("0.65"), Decimal("0.65")),
        (0.65, Decimal("0.65")),
        ("0.65", Decimal("0.65")),
        (0, Decimal(0)),
        (1, Decimal(1)),
        ("-0", Decimal(0)),  # quoted as the schema allows (and as -0 unquoted reads): zero
        ("-0.0", Decimal(0)),
    ],
)
def test_probability_forms(written: object, fraction: Decimal) -> None:
    assert parse_probability(written) == fraction


@pytest.mark.parametrize("written", [65, "65", Decimal("65")])
def test_bare_65_says_to_write_65_percent_or_0_65(written: object) -> None:
    with pytest.raises(ValueError) as error:
        parse_probability(written)
    message = str(error.value)
    assert "65%" in message
    assert "0.65" in message
    assert "Decimal(" not in message


def test_bare_number_with_decimals_suggests_both_forms() -> None:
    with pytest.raises(ValueError, match=r"write 12\.5% or 0\.125"):
        parse_probability(Decimal("12.5"))


@pytest.mark.parametrize("written", ["101%", "150%", 150, Decimal("100.5"), -0.1, "-5%", "-0.5", "-1"])
def test_probability_outside_0_to_100_percent(written: object) -> None:
    with pytest.raises(ValueError, match="must be between 0% and 100%"):
        parse_probability(written)


@pytest.mark.parametrize("written", ["likely", "", "N/A", "65 percent", "%"])
def test_probability_rejects_text(written: str) -> None:
    with pytest.raises(ValueError, match=r"write a percentage like 65% or a number like 0\.65"):
        parse_probability(written)


def test_percent_uses_its_own_name_in_messages() -> None:
    with pytest.raises(ValueError, match=r"percent 58 is ambiguous; write 58% or 0\.58"):
        parse_probability(58, what="percent")


def test_probability_rejects_booleans() -> None:
    with pytest.raises(ValueError, match="expected a probability"):
        parse_probability(True)


# ---------------------------------------------------------------- plain numbers


def test_parse_decimal() -> None:
    assert parse_decimal("4.2") == Decimal("4.2")
    assert parse_decimal("-3") == Decimal(-3)
    assert parse_decimal(7) == Decimal(7)
    for bad in ("x", "5-", "- 5", True, None, "nan"):
        with pytest.raises(ValueError, match="expected a number"):
            parse_decimal(bad)


# ---------------------------------------------------------------- quarters


@pytest.mark.parametrize(
    ("written", "start", "end", "quarters"),
    [
        ("Q1 2026", date(2026, 1, 1), date(2026, 3, 31), ["Q1 2026"]),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), ["Q1 2026"]),
        ("q2 2026", date(2026, 4, 1), date(2026, 6, 30), ["Q2 2026"]),
        ("Q3 2026", date(2026, 7, 1), date(2026, 9, 30), ["Q3 2026"]),
        ("Q4 2026", date(2026, 10, 1), date(2026, 12, 31), ["Q4 2026"]),
        ("Q2-Q3 2026", date(2026, 4, 1), date(2026, 9, 30), ["Q2 2026", "Q3 2026"]),
        ("Q4 2026-Q1 2027", date(2026, 10, 1), date(2027, 3, 31), ["Q4 2026", "Q1 2027"]),
        ("Q4 2026 - Q1 2027", date(2026, 10, 1), date(2027, 3, 31), ["Q4 2026", "Q1 2027"]),
        ("2026-Q2..2026-Q3", date(2026, 4, 1), date(2026, 9, 30), ["Q2 2026", "Q3 2026"]),
        ("2026-Q4..2027-Q2", date(2026, 10, 1), date(2027, 6, 30), ["Q4 2026", "Q1 2027", "Q2 2027"]),
        ("Q3 2025-Q2 2027", date(2025, 7, 1), date(2027, 6, 30), None),
    ],
)
def test_quarter_forms_cover_first_day_to_last_day(
    written: str, start: date, end: date, quarters: list[str] | None
) -> None:
    parsed = parse_quarter_range(written)
    assert parsed.start == start
    assert parsed.end == end
    if quarters is not None:
        assert [str(quarter) for quarter in parsed.quarters()] == quarters


def test_range_across_years_counts_every_quarter() -> None:
    parsed = parse_quarter_range("Q3 2025-Q2 2027")
    assert len(parsed.quarters()) == 8
    assert date(2026, 12, 31) in parsed
    assert date(2025, 6, 30) not in parsed
    assert date(2027, 7, 1) not in parsed


def test_leap_year_quarter_end() -> None:
    assert Quarter(2028, 1).last_day == date(2028, 3, 31)
    assert Quarter.containing(date(2028, 2, 29)) == Quarter(2028, 1)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("Q1 2026", "Q1 2026"), ("2026-Q2..2026-Q3", "Q2-Q3 2026"), ("Q4 2026-Q1 2027", "Q4 2026-Q1 2027")],
)
def test_quarter_range_text_parses_back(written: str, shown: str) -> None:
    parsed = parse_quarter_range(written)
    assert str(parsed) == shown
    assert parse_quarter_range(str(parsed)) == parsed


quarters = st.builds(Quarter, st.integers(1000, 9999), st.integers(1, 4))
ranges = st.tuples(quarters, quarters).map(lambda pair: QuarterRange(min(pair), max(pair)))


@given(st.lists(ranges, min_size=2, max_size=8))
def test_the_iso_form_sorts_as_text_in_time_order_and_parses_back(written: list[QuarterRange]) -> None:
    """The site's sort key: text order is first quarter, then last (a quarter alone before a range it starts)."""
    assert sorted(written, key=lambda span: span.iso) == sorted(written, key=lambda span: (span.first, span.last))
    assert all(parse_quarter_range(span.iso) == span for span in written)


@pytest.mark.parametrize(("written", "iso"), [("Q3 2026", "2026-Q3"), ("Q4 2026-Q1 2027", "2026-Q4..2027-Q1")])
def test_the_iso_form(written: str, iso: str) -> None:
    assert parse_quarter_range(written).iso == iso


@pytest.mark.parametrize("written", ["Q3-Q2 2026", "Q1 2027-Q4 2026", "2026-Q4..2026-Q1"])
def test_range_ending_before_it_starts(written: str) -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_quarter_range(written)


@pytest.mark.parametrize("written", ["Q5 2026", "Q0 2026", "Q1", "2026", "first quarter", "Q1 26", "", "Q1 2026-Q2"])
def test_not_a_quarter(written: str) -> None:
    with pytest.raises(ValueError, match="is not a quarter; write 'Q1 2026'"):
        parse_quarter_range(written)


def test_quarter_must_be_text() -> None:
    with pytest.raises(ValueError, match="expected a quarter"):
        parse_quarter_range(2026)


@given(st.integers(min_value=1900, max_value=2200), st.integers(min_value=1, max_value=4))
def test_quarter_days_are_contiguous(year: int, quarter: int) -> None:
    this = Quarter(year, quarter)
    following = Quarter.from_index(this.index + 1)
    assert (following.first_day - this.last_day).days == 1
    assert Quarter.containing(this.first_day) == this
    assert Quarter.containing(this.last_day) == this
    assert QuarterRange(this, following).quarters() == [this, following]


# ---------------------------------------------------------------- display and enums


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal(482000), "$482,000"),
        (Decimal("482000.00"), "$482,000"),
        (Decimal("59500.5"), "$59,500.50"),
        (Decimal("1234567.891"), "$1,234,567.89"),
        (Decimal(0), "$0"),
        (Decimal(-5000), "-$5,000"),
        (Decimal("-12.5"), "-$12.50"),
    ],
)
def test_format_money(amount: Decimal, shown: str) -> None:
    assert format_money(amount) == shown


@pytest.mark.parametrize(
    ("fraction", "shown"),
    [(Decimal("0.65"), "65%"), (Decimal("0.125"), "12.5%"), (Decimal(1), "100%"), (Decimal("0.1"), "10%")],
)
def test_format_percent(fraction: Decimal, shown: str) -> None:
    assert format_percent(fraction) == shown


@pytest.mark.parametrize(
    ("written", "normal"),
    [("Economic Buyer", "economic_buyer"), ("economic-buyer", "economic_buyer"), ("  ONE  time ", "one_time")],
)
def test_normalize_enum_text(written: str, normal: str) -> None:
    assert normalize_enum_text(written) == normal


@pytest.mark.parametrize("text", ["١٢٣", "$٤٠٠K", "٦٥%"])
def test_only_ascii_digits_are_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_probability(text) if text.endswith("%") else parse_money(text)


def test_quarters_need_ascii_digits() -> None:
    with pytest.raises(ValueError):
        parse_quarter_range("Q1 ٢٠٢٦")


def test_a_fraction_of_a_cent_is_rounded_half_up_as_every_figure() -> None:
    """$1.01 at 50% weighs $0.505: $0.51, as domain.md rounds (banker's rounding would show $0.50)."""
    assert format_money(Decimal("0.505")) == "$0.51"
    assert format_money(Decimal("0.025")) == "$0.03"
    assert format_money(Decimal("-0.505")) == "-$0.51"
    assert format_money(Decimal("0.5049")) == "$0.50"
