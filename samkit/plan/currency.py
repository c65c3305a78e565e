"""Currencies: which currency a sign stands for, and the money a plan writes with a sign.

samkit never converts currencies: every amount of a program is in its one currency (``[program] currency``,
an ISO 4217 code, default USD). An amount may carry a sign (``€1.2M``) or, in a CRM export, a code (``EUR
1,200.00``); ``€`` and ``£`` are the signs of one currency each, ``$`` of every dollar and of the pesos that
write it. The CRM import refuses an amount in another currency (``samkit.importers``), lint's SAM312 a
plan's money written so (``samkit.rules.currency``) and the configuration a ``[program]`` cost written so
(``samkit.config``): all ask ``currency_fits``, the last two through ``other_currency``.

Pure standard library at import time; the plan model is read only to list its money fields.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, get_args, get_origin

from samkit.plan.values import MONEY_SIGN, parse_money

if TYPE_CHECKING:
    from pydantic import BaseModel

# the currencies a sign can stand for: `$` is the sign of every dollar and of several pesos
SIGN_CURRENCIES = {
    "€": frozenset({"EUR"}),
    "£": frozenset({"GBP"}),
    "$": frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN", "ARS", "CLP", "COP", "UYU"}),
}

# in a money field's key path: each item of a list (``("opportunities", EACH, "value")``)
EACH = "[]"

Node = tuple[str | int, ...]


def shown_sign(program: str) -> str:
    """The sign the program's money is shown with: `€` for EUR, `£` for GBP, `$` for the currencies that write
    it, else the code and a space (``CHF 1,200``)."""
    for sign, currencies in SIGN_CURRENCIES.items():
        if program in currencies:
            return sign
    return f"{program} "


def show_money_in(program: str) -> None:
    """Show every amount of this run in the program's currency (``format_money``; ``[program] currency``)."""
    MONEY_SIGN.set(shown_sign(program))


def currency_fits(written: str, program: str) -> bool:
    """Whether a code or sign ``written`` beside an amount can be the program's currency (an ISO code)."""
    return written == program if written not in SIGN_CURRENCIES else program in SIGN_CURRENCIES[written]


def other_currency(text: str, program: str) -> str | None:
    """Why money written ``text`` (``'€1.2M'``) is not in the program's currency ``program``, and the fix; None
    when it can be (no sign, or a sign of that currency). Said alike for a plan (SAM312) and the configuration."""
    sign = money_sign(text)
    if sign is None or currency_fits(sign, program):
        return None
    message = (
        f"{text.strip()!r} is in {sign}, not the program's {program} ([program] currency): samkit never "
        f"converts currencies and would count it as {program}; write the amount in {program}"
    )
    if len(SIGN_CURRENCIES[sign]) == 1:  # `€`, `£`: the program may be in that currency
        (only,) = SIGN_CURRENCIES[sign]
        message += f', or set [program] currency = "{only}" if all the program\'s money is in {only}'
    return message


def money_sign(text: str) -> str | None:
    """The currency sign a plan's money value is written with (``'€1.2M'`` → ``'€'``), or None.

    The plan's money form puts the sign first (``samkit.plan.values.parse_money``); a code (``EUR 1.2M``) is
    not a money form of the plan at all.
    """
    sign = text.strip()[:1]
    return sign if sign in SIGN_CURRENCIES else None


@functools.cache
def money_fields() -> tuple[tuple[str, ...], ...]:
    """The key paths of every money field of the plan model, a list's items as ``EACH``:
    ``("account", "arr")``, ``("opportunities", "[]", "value")``, ..."""
    from samkit.plan.model import Plan

    return tuple(_money_paths(Plan, ()))


def _money_paths(model: type[BaseModel], prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    for name, info in model.model_fields.items():
        key = (*prefix, info.alias or name)
        if _is_money(info.annotation, info.metadata):
            yield key
        elif (nested := _nested_model(info.annotation)) is not None:
            inner, listed = nested
            yield from _money_paths(inner, (*key, EACH) if listed else key)


def _is_money(annotation: Any, metadata: Any) -> bool:
    """A field read by ``parse_money`` (``Money``, ``Money | None``)."""
    if any(getattr(item, "func", None) is parse_money for item in metadata):
        return True
    return any(_is_money(arg, getattr(arg, "__metadata__", ())) for arg in get_args(annotation))


def _nested_model(annotation: Any) -> tuple[type[BaseModel], bool] | None:
    """The model a field holds (``Account``, ``list[Opportunity]``, ``Context | None``), and whether in a list."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found[0], found[1] or get_origin(annotation) is list
    return None


def written_money(data: Any) -> Iterator[tuple[Node, str]]:
    """Every money value of a plan's data (the YAML as parsed) that is written as text, with its path
    (``("opportunities", 2, "value")``): the text keeps the sign that the parsed ``Decimal`` has lost."""
    for path in money_fields():
        yield from _walk(data, path, ())


def _walk(data: Any, rest: tuple[str, ...], done: Node) -> Iterator[tuple[Node, str]]:
    if not rest:
        if isinstance(data, str):
            yield done, data
        return
    step, *after = rest
    if step == EACH:
        for index, item in enumerate(data if isinstance(data, list) else ()):
            yield from _walk(item, tuple(after), (*done, index))
    elif isinstance(data, dict) and step in data:
        yield from _walk(data[step], tuple(after), (*done, step))
