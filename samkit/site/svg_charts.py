"""Small inline-SVG charts for ``samkit site``: pure functions from labelled ``Decimal`` values to ``<svg>`` text.

Public API::

    Formatter = Callable[[Decimal], str]          # e.g. samkit's money filter, or format_number
    PALETTE: tuple[str, ...]                      # series colours, each ≥ 3:1 contrast on white

    @dataclass(frozen=True) class Bar:      label: str; value: Decimal; colour: str | None = None
    @dataclass(frozen=True) class Category: label: str; values: tuple[Decimal, ...]   # one per series

    format_number(value: Decimal) -> str          # "1,234.5": the default formatter
    bar_chart(bars, *, title, fmt=format_number, colour=PALETTE[0], max_value=None) -> str
    stacked_bar(segments, *, title, fmt=format_number, total_label="Total") -> str   # segments: Bars
    stacked_bars(categories, series, *, title, fmt=format_number) -> str

Every chart is one ``<svg role="img">`` whose ``<title>`` is ``title`` and whose ``<desc>`` lists every label
with its formatted value, so a screen reader (or a reader without images) gets the numbers. The chart has
``width="100%"`` and a height in px but no ``viewBox``: it fills its card on a 390px phone and a wide desktop
alike while its text keeps one CSS size (``FONT`` px) at every viewport; bars are placed in percent of the
width. Rows put the label on its own line above the bar with the value right-aligned beside it; the value is
drawn whole (a figure cut short says nothing) unless it would leave its label less than ``MIN_LABEL`` px, and
the label is cut with an ellipsis to what fits beside it in ``LABEL_WIDTH`` px (the narrowest card, on a
phone), its full text kept in a ``<title>`` child (a tooltip). Values must be finite and ≥ 0 (``ValueError``
otherwise). Output is deterministic: no ids, no randomness, coordinates written with at most two decimals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from samkit.site._svgtext import FONT_FAMILY, display, esc, num, text_width, truncate

Formatter = Callable[[Decimal], str]

# Darker tones of the usual categorical hues: every one has at least 3:1 contrast on white (WCAG non-text
# contrast), and neighbours differ in lightness as well as hue.
PALETTE: tuple[str, ...] = (
    "#1f5fa8",  # blue
    "#c2410c",  # orange
    "#15803d",  # green
    "#7e22ce",  # purple
    "#b91c1c",  # red
    "#0e7490",  # teal
    "#a16207",  # ochre
    "#4b5563",  # grey
)

LABEL_WIDTH = 330  # px: labels and legends are fitted to the narrowest card (a 390px phone) so they fit every card
PAD = 8  # above and below
FONT = 14  # px at every viewport: between 12px and the body text
ROW = 44  # one row: a text line, then the bar
BAR_H = 14
GAP = 12  # between a label and its value
MIN_LABEL = 96  # px a label keeps beside a long value (about a dozen letters; its tooltip has the rest)
TRACK = "#e5e7eb"
TEXT = "#1f2937"


@dataclass(frozen=True)
class Bar:
    """A labelled value: one bar of :func:`bar_chart`, or one part of :func:`stacked_bar`."""

    label: str
    value: Decimal
    colour: str | None = None  # the chart's colour when None (stacked_bar: the palette's, in order)


@dataclass(frozen=True)
class Category:
    """One row of :func:`stacked_bars`: ``values[i]`` belongs to ``series[i]``."""

    label: str
    values: tuple[Decimal, ...]


def format_number(value: Decimal) -> str:
    """``1234.5`` → ``1,234.5``; never scientific notation (``1E+3`` → ``1,000``)."""
    return f"{value:,f}"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    fmt: Formatter = format_number,
    colour: str = PALETTE[0],
    max_value: Decimal | None = None,
) -> str:
    """Horizontal bars, one row per ``Bar`` in the given order, each in its own colour or ``colour``.
    ``max_value`` fixes the full-width value so several charts can share a scale (defaults to the largest)."""
    values = [_checked(bar.value, bar.label) for bar in bars]
    scale = max([*values, max_value if max_value is not None else Decimal(0)])
    body: list[str] = []
    y = PAD
    for bar, value in zip(bars, values, strict=True):
        body.append(_row_text(bar.label, fmt(value), y))
        body.append(_rect(0, y + 20, FULL, BAR_H, TRACK))
        body.append(_rect(0, y + 20, _length(value, scale), BAR_H, bar.colour or colour, f"{bar.label}: {fmt(value)}"))
        y += ROW
    desc = "; ".join(f"{bar.label}: {fmt(value)}" for bar, value in zip(bars, values, strict=True))
    return _svg("samkit-bar-chart", title, desc, body, y, empty=not bars)


def stacked_bar(
    segments: Sequence[Bar], *, title: str, fmt: Formatter = format_number, total_label: str = "Total"
) -> str:
    """One full-width bar split into ``segments`` (left to right, each in its own colour or the next of
    :data:`PALETTE`), then a legend row per segment with its value and share, then a total row."""
    values = [_checked(segment.value, segment.label) for segment in segments]
    total = sum(values, Decimal(0))
    body: list[str] = []
    x = Decimal(0)
    y = PAD
    for index, (segment, value) in enumerate(zip(segments, values, strict=True)):
        length = _length(value, total)
        tip = f"{segment.label}: {fmt(value)} ({_share(value, total)})"
        body.append(_rect(x, y, length, 24, segment.colour or _colour(index), tip, separator=True))
        x += length
    y += 24 + 10
    for index, (segment, value) in enumerate(zip(segments, values, strict=True)):
        body.append(_swatch(0, y + 3, segment.colour or _colour(index)))
        body.append(_row_text(segment.label, f"{fmt(value)} · {_share(value, total)}", y, indent=20))
        y += 24
    if segments:
        body.append(_row_text(total_label, fmt(total), y, bold=True))
        y += 24
    parts = [
        f"{segment.label}: {fmt(value)} ({_share(value, total)})"
        for segment, value in zip(segments, values, strict=True)
    ]
    desc = "; ".join([*parts, f"{total_label}: {fmt(total)}"]) if segments else ""
    return _svg("samkit-stacked-bar", title, desc, body, y, empty=not segments)


def stacked_bars(
    categories: Sequence[Category], series: Sequence[str], *, title: str, fmt: Formatter = format_number
) -> str:
    """One stacked bar per category (all on the scale of the largest total), the series legend on top, each
    row's total right-aligned beside its label. ``ValueError`` when a category has not one value per series."""
    for category in categories:
        if len(category.values) != len(series):
            raise ValueError(f"{category.label!r} has {len(category.values)} values for {len(series)} series")
    rows = [[_checked(value, category.label) for value in category.values] for category in categories]
    totals = [sum(values, Decimal(0)) for values in rows]
    scale = max(totals, default=Decimal(0))
    body, y = _legend(series) if categories else ([], PAD)
    for category, values, total in zip(categories, rows, totals, strict=True):
        body.append(_row_text(category.label, fmt(total), y))
        body.append(_rect(0, y + 20, FULL, BAR_H, TRACK))
        x = Decimal(0)
        for index, (name, value) in enumerate(zip(series, values, strict=True)):
            length = _length(value, scale)
            body.append(
                _rect(
                    x, y + 20, length, BAR_H, _colour(index), f"{category.label} — {name}: {fmt(value)}", separator=True
                )
            )
            x += length
        y += ROW
    desc = "; ".join(
        f"{category.label}: "
        + ", ".join(f"{name} {fmt(value)}" for name, value in zip(series, values, strict=True))
        + f" (total {fmt(total)})"
        for category, values, total in zip(categories, rows, totals, strict=True)
    )
    return _svg("samkit-stacked-bars", title, desc, body, y, empty=not categories)


def _checked(value: Decimal, label: str) -> Decimal:
    """Bars grow rightwards from zero: a negative, NaN or infinite value has no honest bar."""
    if not value.is_finite() or value < 0:
        raise ValueError(f"{label!r}: chart values must be finite and not negative, got {value}")
    return value


FULL = Decimal(100)  # bar positions and lengths are percentages of the chart's width
_VISIBLE = Decimal("0.5")


def _length(value: Decimal, scale: Decimal) -> Decimal:
    """Bar length in percent of the width; a value above zero stays visible (at least half a percent)."""
    if scale <= 0 or value <= 0:
        return Decimal(0)
    return max(_VISIBLE, value / scale * FULL)


def _share(value: Decimal, total: Decimal) -> str:
    if total <= 0:
        return "–"
    return f"{(value / total * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}%"  # as the tables


def _colour(index: int) -> str:
    # more series than colours repeat the palette; the legend order and the <desc> still tell them apart
    return PALETTE[index % len(PALETTE)]


def _swatch(x: int, y: int, fill: str) -> str:
    """A 12px legend square, placed in px."""
    return f'<rect x="{x}" y="{y}" width="12" height="12" fill="{esc(fill)}"/>'


def _rect(
    x: Decimal | int, y: int, w: Decimal | int, h: int, fill: str, tip: str | None = None, *, separator: bool = False
) -> str:
    """A bar or a part of one: ``x`` and ``w`` in percent of the chart's width, ``y`` and ``h`` in px."""
    # a white outline keeps neighbouring segments apart even when two colours are close for some readers
    stroke = ' stroke="#ffffff" stroke-width="1"' if separator else ""
    attrs = f'x="{num(x)}%" y="{y}" width="{num(w)}%" height="{h}" fill="{esc(fill)}"{stroke}'
    if tip is None:
        return f"<rect {attrs}/>"
    if w <= 0:  # nothing to draw (an outline would show as a stray line); the value is still in <desc>
        return ""
    return f"<rect {attrs}><title>{esc(tip)}</title></rect>"


def _row_text(label: str, value: str, y: int, *, indent: int = 0, bold: bool = False) -> str:
    """A label left and a value right on one text line starting at ``y``. The value is whole unless that would
    leave the label less than ``MIN_LABEL`` px (or its own width, when shorter); the label is cut to what is
    left, so the two never meet."""
    label_text = display(label)
    room = LABEL_WIDTH - indent - GAP
    value_room = room - min(MIN_LABEL, text_width(label_text, FONT, bold=bold))
    value_text = truncate(display(value), value_room, FONT, bold=bold)
    label_room = room - text_width(value_text, FONT, bold=bold)
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<g class="label"><title>{esc(label)}</title>'
        f'<text x="{indent}" y="{y + 15}"{weight}>{esc(truncate(label_text, label_room, FONT, bold=bold))}</text></g>'
        f'<text class="value" x="100%" y="{y + 15}" text-anchor="end"{weight}>{esc(value_text)}</text>'
    )


def _legend(series: Sequence[str]) -> tuple[list[str], int]:
    """Series swatches flowed left to right, wrapping to a new line before an item would pass the edge."""
    body: list[str] = []
    x = 0
    y = PAD
    for index, name in enumerate(series):
        text = truncate(display(name), LABEL_WIDTH - 18, FONT)
        item = 18 + text_width(text, FONT)
        if x > 0 and x + item > LABEL_WIDTH:
            x = 0
            y += 22
        body.append(_swatch(x, y + 3, _colour(index)))
        body.append(
            f'<g class="label"><title>{esc(name)}</title><text x="{x + 18}" y="{y + 14}">{esc(text)}</text></g>'
        )
        x += int(item) + 1 + 16
    return body, y + 22 + 10


def _svg(kind: str, title: str, desc: str, body: list[str], height: int, *, empty: bool) -> str:
    if empty:
        body = [f'<text x="50%" y="{PAD + 20}" text-anchor="middle">No data</text>']
        height = PAD + 32
        desc = "No data."
    height += PAD
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="samkit-chart {kind}" role="img" width="100%" '
            f'height="{height}" font-family="{FONT_FAMILY}" font-size="{FONT}" fill="{TEXT}">',
            f"<title>{esc(title)}</title>",
            f"<desc>{esc(desc)}</desc>",
            *body,
            "</svg>",
        ]
    )
