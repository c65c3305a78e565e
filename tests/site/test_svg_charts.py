"""The inline SVG charts: well-formed, accessible, escaped, deterministic, and text that fits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from samkit.plan.values import format_money
from samkit.site._svgtext import ELLIPSIS, display, text_width, xml_safe
from samkit.site.svg_charts import (
    FONT,
    GAP,
    LABEL_WIDTH,
    MIN_LABEL,
    PALETTE,
    Bar,
    Category,
    bar_chart,
    format_number,
    stacked_bar,
    stacked_bars,
)
from tests.site.conftest import SVG, parse


def _money(value: Decimal) -> str:
    return f"${value:,.0f}"


def _labels(root: object) -> list[tuple[str, str]]:
    """(full text from <title>, drawn text) of every label group."""
    pairs = []
    for group in root.iter(f"{SVG}g"):  # type: ignore[attr-defined]
        if group.get("class") == "label":
            pairs.append((group.find(f"{SVG}title").text or "", group.find(f"{SVG}text").text or ""))
    return pairs


def _assert_label(full: str, drawn: str, original: str) -> None:
    assert full == xml_safe(original)
    shown = display(original)
    assert drawn == shown or (drawn.endswith(ELLIPSIS) and shown.startswith(drawn[:-1].rstrip()))


def test_bar_chart_lists_every_number_in_its_text_alternative() -> None:
    svg = bar_chart([Bar("Acme", Decimal("1200000")), Bar("Globex", Decimal("300000"))], title="ARR", fmt=_money)
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "ARR"
    assert root.find(f"{SVG}desc").text == "Acme: $1,200,000; Globex: $300,000"
    # the card's width, a fixed height, and no viewBox: nothing scales the text with the viewport
    assert root.get("width") == "100%" and root.get("height") == "104" and root.get("viewBox") is None
    assert root.get("font-size") == str(FONT) and 12 <= FONT <= 15


def test_bar_lengths_are_proportional_to_values() -> None:
    root = parse(bar_chart([Bar("a", Decimal(4)), Bar("b", Decimal(1)), Bar("c", Decimal(0))], title="t"))
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") == PALETTE[0]]
    widths = [rect.get("width") for rect in bars]
    assert widths == ["100%", "25%"]  # percent of the card's width; the zero bar draws nothing


def test_shared_scale_with_max_value() -> None:
    root = parse(bar_chart([Bar("a", Decimal(1))], title="t", max_value=Decimal(4)))
    bar = next(rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") == PALETTE[0])
    assert bar.get("width") == "25%"


@pytest.mark.parametrize("bad", [Decimal(-1), Decimal("NaN"), Decimal("Infinity")])
def test_values_without_an_honest_bar_are_rejected(bad: Decimal) -> None:
    with pytest.raises(ValueError, match="finite and not negative"):
        bar_chart([Bar("x", bad)], title="t")


def test_long_label_is_cut_to_leave_room_for_its_value() -> None:
    label = "A very long account name that would run straight into the value column " * 3
    root = parse(bar_chart([Bar(label, Decimal("123456789"))], title="t"))
    [(full, drawn)] = _labels(root)
    assert full == label and drawn.endswith(ELLIPSIS)
    value = next(text for text in root.iter(f"{SVG}text") if text.get("class") == "value")
    label_end = text_width(drawn, FONT)
    value_start = LABEL_WIDTH - text_width(value.text or "", FONT)  # at the narrowest card, right-aligned
    assert value.get("x") == "100%" and value.get("text-anchor") == "end"
    assert label_end < value_start


def _rows(root: object) -> list[tuple[float, str, str, str]]:
    """(label's x, label's full text, label as drawn, value as drawn) of each text line."""
    values = [text.text or "" for text in root.iter(f"{SVG}text") if text.get("class") == "value"]  # type: ignore[attr-defined]
    starts = [
        float(group.find(f"{SVG}text").get("x", "0"))
        for group in root.iter(f"{SVG}g")  # type: ignore[attr-defined]
        if group.get("class") == "label"
    ]
    return [(x, full, drawn, value) for x, (full, drawn), value in zip(starts, _labels(root), values, strict=True)]


def test_a_long_figure_is_drawn_whole_and_its_label_cut_instead() -> None:
    """A figure cut short says nothing ('$5,900,000.50 · 76.…'); a label cut short keeps its tooltip."""
    segments = [Bar("Strategic accounts", Decimal("5900000.50")), Bar("All other accounts", Decimal("1863158.05"))]
    root = parse(stacked_bar(segments, title="Share of ARR from strategic accounts", fmt=format_money))
    rows = _rows(root)
    assert [value for _, _, _, value in rows] == ["$5,900,000.50 · 76.0%", "$1,863,158.05 · 24.0%", "$7,763,158.55"]
    for x, full, drawn, value in rows:
        _assert_label(full, drawn, full)
        # at the narrowest card, the label ends a gap before the right-aligned value starts
        assert x + text_width(drawn, FONT, bold=full == "Total") + GAP <= LABEL_WIDTH - text_width(value, FONT) + 1


def test_a_value_too_long_for_any_card_is_cut_leaving_its_label_room() -> None:
    root = parse(
        bar_chart([Bar("Acme", Decimal(10) ** 60), Bar("A longer account name", Decimal(10) ** 60)], title="t")
    )
    for x, full, drawn, value in _rows(root):
        assert value.endswith(ELLIPSIS) and value.startswith("1,000,000")
        assert text_width(drawn, FONT) >= min(MIN_LABEL, text_width(full, FONT)) - FONT  # less at most one letter
        assert x + text_width(drawn, FONT) + GAP <= LABEL_WIDTH - text_width(value, FONT) + 1
    assert _labels(root)[0] == ("Acme", "Acme")


def test_stacked_bar_shares_total_and_legend() -> None:
    segments = [Bar("Tier 1", Decimal(5)), Bar("Tier 2", Decimal(3)), Bar("Tier 3", Decimal(2))]
    root = parse(stacked_bar(segments, title="Tiers"))
    assert root.find(f"{SVG}desc").text == "Tier 1: 5 (50.0%); Tier 2: 3 (30.0%); Tier 3: 2 (20.0%); Total: 10"
    parts = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert [rect.get("width") for rect in parts] == ["50%", "30%", "20%"]
    assert [rect.get("fill") for rect in parts] == list(PALETTE[:3])
    # segments tile the bar left to right
    assert [rect.get("x") for rect in parts] == ["0%", "50%", "80%"]
    legend = [label for label, _ in _labels(root)]
    assert legend == ["Tier 1", "Tier 2", "Tier 3", "Total"]


def test_a_stacked_bar_segment_keeps_its_own_colour() -> None:
    segments = [Bar("Won", Decimal(1), "#123456"), Bar("Open", Decimal(1))]
    root = parse(stacked_bar(segments, title="Deals"))
    parts = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert [rect.get("fill") for rect in parts] == ["#123456", PALETTE[1]]
    swatches = [rect.get("fill") for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is None]
    assert "#123456" in swatches and PALETTE[1] in swatches


def test_stacked_bars_per_category() -> None:
    categories = [Category("Q1", (Decimal(1), Decimal(3))), Category("Q2", (Decimal(2), Decimal(0)))]
    root = parse(stacked_bars(categories, ["New", "Expansion"], title="Pipeline"))
    assert root.find(f"{SVG}desc").text == "Q1: New 1, Expansion 3 (total 4); Q2: New 2, Expansion 0 (total 2)"
    parts = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert [rect.get("width") for rect in parts] == ["25%", "75%", "50%"]
    with pytest.raises(ValueError, match="2 series"):
        stacked_bars([Category("Q1", (Decimal(1),))], ["New", "Expansion"], title="t")


def test_bars_take_their_own_colour() -> None:
    root = parse(bar_chart([Bar("a", Decimal(2), "#b91c1c"), Bar("b", Decimal(1))], title="t", colour="#15803d"))
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert fills == ["#b91c1c", "#15803d"]


def test_legend_wraps_inside_the_narrowest_card() -> None:
    series = [f"Series number {index}" for index in range(12)]
    root = parse(stacked_bars([Category("Q1", tuple(Decimal(1) for _ in series))], series, title="t"))
    for group in root.iter(f"{SVG}g"):
        text = group.find(f"{SVG}text")
        if group.get("class") == "label" and text is not None:
            assert float(text.get("x", "0")) + text_width(text.text or "", FONT) <= LABEL_WIDTH


@pytest.mark.parametrize(
    "svg",
    [bar_chart([], title="t"), stacked_bar([], title="t"), stacked_bars([], ["a"], title="t")],
)
def test_empty_charts_say_so(svg: str) -> None:
    root = parse(svg)
    assert root.find(f"{SVG}desc").text == "No data."
    assert [text.text for text in root.iter(f"{SVG}text")] == ["No data"]


def test_format_number_never_uses_exponents() -> None:
    assert format_number(Decimal("1E+3")) == "1,000"
    assert format_number(Decimal("1234.50")) == "1,234.50"


def test_palette_has_three_to_one_contrast_on_white() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert len(set(PALETTE)) == len(PALETTE)
    for colour in PALETTE:
        assert 1.05 / (luminance(colour) + 0.05) >= 3, colour


def _all_charts(labels: list[str], title: str = "t") -> list[str]:
    values = [Decimal(index) for index in range(len(labels))]
    pairs = list(zip(labels, values, strict=True))
    return [
        bar_chart([Bar(label, value) for label, value in pairs], title=title),
        stacked_bar([Bar(label, value) for label, value in pairs], title=title),
        stacked_bars([Category(label, (value, value)) for label, value in pairs], labels[:2], title=title),
    ]


def test_naughty_strings_are_escaped_and_round_trip(blns: list[str]) -> None:
    for start in range(0, len(blns), 40):
        chunk = [*blns[start : start + 40], "pad"]
        originals = {xml_safe(label): label for label in [*chunk, "Total"]}
        for svg in _all_charts(chunk, title=f"t {chunk[0]}"):
            root = parse(svg)
            assert root.find(f"{SVG}title").text == xml_safe(f"t {chunk[0]}")
            desc = root.find(f"{SVG}desc").text or ""
            pairs = _labels(root)
            assert {xml_safe(label) for label in chunk} <= {full for full, _ in pairs}
            for full, drawn in pairs:
                _assert_label(full, drawn, originals[full])
                assert full in desc


def test_label_as_value_from_formatter_is_escaped() -> None:
    root = parse(bar_chart([Bar("x", Decimal(1))], title="t", fmt=lambda value: f'<b>{value}</b> & "q"'))
    value = next(text for text in root.iter(f"{SVG}text") if text.get("class") == "value")
    assert value.text == '<b>1</b> & "q"'


def test_same_input_same_bytes() -> None:
    labels = ["Ünïcödé", "北京", "a & b", "x" * 200]
    assert _all_charts(labels) == _all_charts(list(labels))
    svg = bar_chart([Bar("a", Decimal(1))], title="t", max_value=Decimal(3))
    assert 'width="33.33%"' in svg  # two decimals, no float noise
