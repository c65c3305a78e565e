"""Limits on the work a user's template may do (``--template FILE`` runs in Jinja's immutable sandbox).

The sandbox keeps a template away from Python internals; these keep it from taking the machine down with
work: `9 ** 9 ** 9`, `"x" * 10**9`, `lipsum(10**6)`, `"%999999999d" % 1`, nested loops, a huge document.
Each is a ``SecurityError``, which ``samkit.templating`` turns into a usage error naming the template line.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

MAX_TEMPLATE_SECONDS = 10.0
MAX_DOCUMENT_CHARS = 10_000_000
MAX_SEQUENCE = 1_000_000  # characters or items a `*` may build
MAX_NUMBER_BITS = 4096  # about 1,200 digits: far past any money or score
MAX_LIPSUM_PARAGRAPHS = 100
MAX_FORMAT_WIDTH = 10_000
# a width or precision of five digits or more in a %-format or a {}-format spec
_WIDTH = re.compile(r"(?:%[-+ #0]*(?:[0-9]*\.)?|\{[^{}]*:[^{}]*?)[0-9]{5,}")

# when the template being rendered must stop, and the limit that set it (for the message)
DEADLINE: ContextVar[tuple[float, float]] = ContextVar("samkit_template_deadline", default=(float("inf"), 0.0))


def _check_deadline() -> None:
    deadline, seconds = DEADLINE.get()
    if time.monotonic() > deadline:
        raise limit_error(f"the template ran for more than {seconds:g} seconds")


def limit_error(message: str) -> Exception:
    from jinja2.exceptions import SecurityError

    return SecurityError(message)


def _bounded_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be absurdly large *before* Python starts building it."""
    # Python ints grow without bound (floats and Decimals overflow at once, so they need no check)
    integers = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and integers:
        if abs(left) >= 2 and abs(left).bit_length() * right > MAX_NUMBER_BITS:
            raise limit_error(f"{left} ** {right} is too large a number")
    elif operator == "*" and integers:
        if left.bit_length() + right.bit_length() > MAX_NUMBER_BITS:
            raise limit_error("too large a number")
    elif operator == "*":
        sequence, count = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(count, int) and hasattr(sequence, "__len__") and len(sequence) * count > MAX_SEQUENCE:
            raise limit_error(f"repeating something {count:,} times builds more than {MAX_SEQUENCE:,} items")
    elif operator == "%" and isinstance(left, str) and _WIDTH.search(left):
        raise limit_error(f"a format width over {MAX_FORMAT_WIDTH:,}")


def _bounded_range(*args: int) -> Iterator[int]:
    from jinja2.sandbox import safe_range

    for number in safe_range(*args):  # safe_range caps the length at 100,000 items
        _check_deadline()
        yield number


def _bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    from jinja2.utils import generate_lorem_ipsum

    if not 0 <= n <= MAX_LIPSUM_PARAGRAPHS or not 0 <= min <= max <= 1000:
        raise limit_error(f"lipsum() makes at most {MAX_LIPSUM_PARAGRAPHS} paragraphs of at most 1,000 words")
    return generate_lorem_ipsum(n, html, min, max)


def bounded_sandbox_class() -> type[Environment]:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, plus limits on time, number size and repetition (see the Jinja docs on
        ``intercepted_binops``: power and multiplication are the operators the sandbox does not bound)."""

        intercepted_binops = frozenset({"**", "*", "%"})

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self.globals["range"] = _bounded_range
            self.globals["lipsum"] = _bounded_lipsum
            for name in (*_WIDTH_TAKING, "format"):
                if name in self.filters:
                    self.filters[name] = _bounded_filter(name, self.filters[name])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_deadline()
            _bounded_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _check_deadline()
            # the sandbox hands out str.format wrapped; the string it formats is the wrapped method's __self__
            owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
            _bounded_arguments(getattr(__obj, "__name__", ""), owner, args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def getattr(self, obj: Any, attribute: str) -> Any:
            _check_deadline()
            return super().getattr(obj, attribute)

    return BoundedSandbox


# functions and filters whose number arguments are widths or counts: "x".center(10**9) builds a gigabyte
_WIDTH_TAKING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap", "truncate"})


def _bounded_arguments(name: str, owner: object, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if name in _WIDTH_TAKING:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_FORMAT_WIDTH:
                raise limit_error(f"{name}(): {value:,} is over the limit of {MAX_FORMAT_WIDTH:,}")
    texts = [owner] if name in ("format", "format_map") else []
    texts += [value for value in args if name == "format" and isinstance(value, str)]
    if any(isinstance(text, str) and _WIDTH.search(text) for text in texts):
        raise limit_error(f"a format width over {MAX_FORMAT_WIDTH:,}")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter that checks its width and format arguments first (filters bypass ``call``)."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_deadline()
        _bounded_arguments(name, args[0] if name == "format" and args else None, args[1:], kwargs)
        return function(*args, **kwargs)

    return bounded
