"""How one value is written in plan YAML: ISO dates, numbers, strings quoted only when they must be."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from samkit.plan.errors import EditError
from samkit.plan.yamlsafe import YamlProblem, parse_yaml

Scalar = str | date | int | Decimal | bool

# Words and number-like spellings other YAML readers (YAML 1.1, editors, yamllint) would type even though
# samkit's reader does not: quoting them keeps the file unambiguous for every tool.
_AMBIGUOUS = re.compile(
    r"^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?\.(?:inf|nan)|[-+]?[0-9][0-9a-f_.:xob+-]*(?:e[-+]?[0-9]+)?)$",
    re.IGNORECASE,
)
_PLAIN_FIRST_FORBIDDEN = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_FORBIDDEN = set(",[]{}")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0", "\x85": "\\N"}
_ESCAPES |= {"\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\ufeff"}


def _printable(char: str) -> bool:
    code = ord(char)
    return (
        (0x20 <= code <= 0x7E)
        or (0xA0 <= code <= 0xD7FF)
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or (0x10000 <= code <= 0x10FFFF)
    )


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _printable(char):
            out.append(char)
        elif 0xD800 <= ord(char) <= 0xDFFF:
            raise EditError(f"{text!r} contains a lone surrogate and cannot be written as UTF-8")
        else:
            out.append(f"\\x{ord(char):02x}" if ord(char) <= 0xFF else f"\\u{ord(char):04x}")
    return '"' + "".join(out) + '"'


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or _AMBIGUOUS.match(text):
        return False
    if text[0] in _PLAIN_FIRST_FORBIDDEN or text.endswith(":") or ": " in text or " #" in text:
        return False
    if flow and (_FLOW_FORBIDDEN & set(text)):
        return False
    return all(_printable(char) for char in text)


def format_scalar(value: Scalar, *, quote: str = "", flow: bool = False) -> str:
    """``value`` as plan YAML: ISO dates, ``true``/``false``, numbers, strings quoted only when needed.

    ``quote`` asks for a quoting style (``'`` or ``"``) so an edit can keep the one the old value had;
    ``flow`` is for values inside ``[...]``, where ``,[]{}`` need quotes too. The text is re-parsed and
    must read back as exactly ``value``, else ``EditError``.
    """
    key = (type(value), value if isinstance(value, str) else str(value), quote, flow)
    known = _FORMATTED.get(key)
    if known is not None:  # an import writes the same few thousand values again and again
        return known
    text = _format(value, quote=quote, flow=flow)
    if len(_FORMATTED) >= _FORMATTED_MAX:
        _FORMATTED.clear()
    _FORMATTED[key] = text
    return text


# values already formatted and read back: (type, text, quote, flow) -> text; bounded
_FORMATTED: dict[tuple[type, str, str, bool], str] = {}
_FORMATTED_MAX = 65536


def _format(value: Scalar, *, quote: str, flow: bool) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, datetime):
        raise EditError(f"{value!r}: plans hold dates, not date-times")
    elif isinstance(value, date):
        return value.isoformat()  # an ISO day always reads back as itself (an import writes thousands)
    elif isinstance(value, int | Decimal):
        text = str(value)
    elif quote == "'" and all(_printable(char) for char in value):
        text = "'" + value.replace("'", "''") + "'"
    elif not quote and _plain_ok(value, flow):
        if value.isascii() and value.isalnum():
            # one run of letters and digits is one plain scalar anywhere, and _plain_ok has refused the runs
            # samkit's reader types (true, false, null, numbers like 12 or 1e5): it reads back as itself, with
            # no parse (an opportunity import writes thousands of CRM ids such as 0065g00000AbCdE)
            return value
        text = value
    else:
        text = _double_quoted(value)
    sample = f"k: [{text}]\n" if flow else f"k: {text}\n"
    try:
        data, _ = parse_yaml(sample)
    except YamlProblem as problem:
        raise EditError(f"{value!r} cannot be written as a plan value: {problem.message}") from None
    read_back = data["k"][0] if flow else data["k"]
    if not _same(read_back, value):
        raise EditError(f"{value!r} would read back as {read_back!r}")
    return text


def _same(read: Any, asked: Any) -> bool:
    # 1 == True and Decimal("5") == 5 in Python; a text, a flag or a date must still come back as one
    kinds = (str, bool, date)
    return bool(read == asked) and all(isinstance(read, kind) == isinstance(asked, kind) for kind in kinds)
