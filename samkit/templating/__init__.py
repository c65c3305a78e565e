"""The one Jinja environment every template goes through: filters, sandboxing and template errors.

One environment recipe serves every template: ``StrictUndefined`` (a typo is an error, never an empty string),
the Markdown-safe filters below, and no autoescape (the output is Markdown, not HTML: escaping is explicit, per
context, through ``md`` / ``md_cell`` / ``mermaid``; the site's HTML pages use a second environment with the same
filters, autoescape on and control characters escaped: ``make_html_environment`` / ``render_html``).
Built-in templates come from ``samkit.resources``; a user's template (``--template FILE``) runs in Jinja's
immutable sandbox, so it can read the plan but cannot reach Python internals or change anything, within the
limits on time, size and repetition of ``samkit.templating.sandbox``.

A template problem (syntax, undefined name, sandbox violation) is a ``UsageError`` naming the template file
and line: a bad template is a usage problem (exit 2), and never a traceback.
"""

from __future__ import annotations

import functools
import os
import re
import time
import traceback
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.analysis.scoring import display_score
from samkit.errors import UsageError
from samkit.fileio.inputs import check_input
from samkit.output.markdown import EMPTY_CELL, LINE_BREAK, escape
from samkit.output.terminal import terminal_safe, visible_text
from samkit.plan.schedule import opportunity_quarters
from samkit.plan.values import format_money, format_percent
from samkit.resources import templates_dir
from samkit.templating.sandbox import (
    DEADLINE,
    MAX_DOCUMENT_CHARS,
    MAX_TEMPLATE_SECONDS,
    bounded_sandbox_class,
    limit_error,
)

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment, Template


# --- filters ----------------------------------------------------------------------------------------------------------

# Characters a Mermaid label shows as they are; everything else becomes a Mermaid entity code (#35; for '#').
_MERMAID_CODED = re.compile(r"[^\w .,'/:+=?!@%*-]")
# A label made of those alone, with no space to strip at either end, is shown as it is (most names and titles).
_MERMAID_AS_IS = re.compile(r"[\w.,'/:+=?!@%*-](?:[\w .,'/:+=?!@%*-]*[\w.,'/:+=?!@%*-])?")

# enum values whose plain "replace the underscore" reading is wrong
_LABELS = {
    "c_suite": "C-suite",
    "vp": "VP",
    "one_time": "one-time",
    "individual": "individual contributor",
}


def _text_of(value: object) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


# Text that ``escape`` returns unchanged, for sure: letters, digits, spaces and punctuation Markdown leaves
# alone (no '_'), starting with a letter (no list marker or heading) and not ending with a space (nothing to
# strip); an '&' only where it cannot start an entity. Most names, titles and departments are such text, and a
# plan document prints hundreds of them: one scan of a character class is far cheaper than ``escape``'s passes.
_PLAIN_INLINE = re.compile(r"[\w ,.:;'\"!?()/%@+=&-]*")
_ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")


def _plain_inline(text: str) -> bool:
    return (
        text[:1].isalpha()
        and text[-1] != " "
        and "_" not in text
        and _PLAIN_INLINE.fullmatch(text) is not None
        and ("&" not in text or _ENTITY.search(text) is None)
    )


def markdown_inline(value: object) -> str:
    """Text that reads as itself anywhere inline in Markdown (see ``samkit.output.markdown.escape``)."""
    if value is None:
        return ""
    if type(value) is str and _plain_inline(value):  # not a subclass: a str enum prints its value
        return value
    return escape(_text_of(value))


def markdown_cell(value: object) -> str:
    """``markdown_inline`` for a table cell, where an empty cell is shown as a dash rather than left ambiguous."""
    text = markdown_inline(value)
    return text if text else EMPTY_CELL


def mermaid_label(value: object) -> str:
    """Text for inside a quoted Mermaid label: quotes, brackets, '#', '|', '<', '>' ... as entity codes."""
    if value is None:
        return ""
    if type(value) is str and _MERMAID_AS_IS.fullmatch(value):
        return value
    # control and bidi characters shown as escapes first (an entity code would make them live again)
    lines = (terminal_safe(line) for line in LINE_BREAK.split(_text_of(value).strip()))
    return "<br>".join(_MERMAID_CODED.sub(_mermaid_code, line) for line in lines)


def _mermaid_code(match: re.Match[str]) -> str:
    return f"#{ord(match.group())};"


def money(value: Decimal | int | None) -> str:
    """``$482,000`` (cents only when there are any)."""
    if value is None:
        return EMPTY_CELL
    return format_money(Decimal(value))


def percent(value: Decimal | None) -> str:
    """``Decimal('0.65')`` → ``65%``."""
    if value is None:
        return EMPTY_CELL
    return format_percent(value)


def one_decimal(value: Decimal | int) -> str:
    """A score as people read it: one decimal, half-up (``90.5``)."""
    return str(display_score(Decimal(value)))


# English whatever the locale (``%b`` follows LC_TIME), and without strftime's cost on every date of a document
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date | None, style: str = "long") -> str:
    """``long``: ``Jan 8, 2026`` (as plan documents write dates); ``iso``: ``2026-01-08``; anything else: a strftime format."""
    if value is None:
        return EMPTY_CELL
    if style == "long":
        return f"{_MONTHS[value.month]} {value.day}, {value.year}"
    if style == "iso":
        return value.isoformat()
    return value.strftime(style)


def label(value: object, capital: bool = True) -> str:
    """An enum value as a person writes it: ``economic_buyer`` → ``Economic buyer``, ``c_suite`` → ``C-suite``.

    ``capital=False`` for the middle of a sentence: ``director``, ``individual contributor`` (``VP`` stays).
    """
    if value is None:
        return EMPTY_CELL
    if isinstance(value, Enum):  # a handful of values, printed thousands of times
        return _enum_label(value, capital)
    return _label_of(_text_of(value), capital)


@functools.lru_cache(maxsize=256)
def _enum_label(value: Enum, capital: bool) -> str:
    return _label_of(_text_of(value), capital)


def _label_of(text: str, capital: bool) -> str:
    words = _LABELS.get(text) or text.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if capital else words


def name_key(value: object) -> str:
    """How names are matched (``reports_to`` → a stakeholder): case and surrounding space do not matter."""
    if value is None:
        return ""
    return _text_of(value).strip().casefold()


def humanize(value: object) -> str:
    """Free text that may be written like a key (``customer_success_manager``) → ``customer success manager``."""
    if value is None:
        return ""
    return _text_of(value).replace("_", " ").strip()


def yaml_string(value: object) -> str:
    """A YAML double-quoted scalar (a JSON string is one): quotes, colons and '#' need no further care."""
    import json

    return json.dumps(_text_of(value), ensure_ascii=False)


def name_is(value: object, other: object) -> bool:
    """A Jinja test: do two names match the way ``reports_to`` and ``covered_by`` are matched?"""
    return bool(name_key(value)) and name_key(value) == name_key(other)


TESTS: dict[str, Any] = {"name_is": name_is}

FILTERS: dict[str, Any] = {
    "md": markdown_inline,
    "md_cell": markdown_cell,
    "mermaid": mermaid_label,
    "money": money,
    "percent": percent,
    "one_decimal": one_decimal,
    "date": format_date,
    "label": label,
    "humanize": humanize,
    "name_key": name_key,
    "yaml_string": yaml_string,
    # an opportunity's quarters: close_date's, else its timeframe, else None (samkit.plan.schedule decides)
    "quarters": opportunity_quarters,
}

# --- environment ------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def make_environment(user_template_dir: Path | None = None, *, sandboxed: bool = False) -> Environment:
    """The Jinja environment for samkit's documents.

    ``user_template_dir`` is searched before the built-in templates, so a user's template can also
    ``{% include %}`` or ``{% extends %}`` a built-in one. ``sandboxed`` selects the immutable sandbox.
    Cached: rendering a hundred plans compiles each template once.
    """
    from samkit.fileio.template_files import ConfinedLoader

    search_path = [str(templates_dir())]
    if user_template_dir is not None:
        search_path.insert(0, str(user_template_dir))
    environment_class = bounded_sandbox_class() if sandboxed else _document_environment_class()
    environment = _environment(environment_class, ConfinedLoader(search_path), autoescape=False)
    environment.tests.update(TESTS)
    return environment


@functools.lru_cache(maxsize=1)
def make_html_environment() -> Environment:
    """The environment for the site's HTML pages (``templates/site/``): the same loader and filters as the
    Markdown one, but with autoescape on, so every value a page prints is HTML-escaped unless it is marked
    safe (the inline SVG, which ``samkit.site`` has already XML-escaped). Built-in templates only."""
    from jinja2 import FileSystemLoader

    loader = FileSystemLoader([str(templates_dir())], encoding="utf-8")
    return _environment(_document_environment_class(), loader, autoescape=True, finalize=visible_text)


def _environment(environment_class: type[Environment], loader: BaseLoader, **options: Any) -> Environment:
    """The recipe both environments share: an undefined name is an error, a template's last newline is kept, a
    line holding only a block tag leaves nothing behind, and samkit's filters; ``options`` say how values print."""
    from jinja2 import StrictUndefined

    environment = environment_class(
        loader=loader,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    environment.filters.update(FILTERS)
    return environment


@functools.lru_cache(maxsize=1)
def _document_environment_class() -> type[Environment]:
    from jinja2 import Environment

    class DocumentEnvironment(Environment):
        """Jinja's environment, with ``getitem`` going straight to the attribute of an object that has no items.

        ``selectattr("active")``, ``map(attribute="name")`` and ``sort(attribute="due")`` look each item up with
        ``getitem``, which tries ``person["active"]`` first; on a plan model that only raises a ``TypeError``
        for Jinja to catch, hundreds of times a document. The result is the same, without the exception.
        """

        def getitem(self, obj: Any, argument: Any) -> Any:
            kind: type = type(obj)
            if type(argument) is str and _has_no_items(kind):
                try:
                    return getattr(obj, argument)
                except AttributeError:
                    return self.undefined(obj=obj, name=argument)
            return super().getitem(obj, argument)

    return DocumentEnvironment


@functools.lru_cache(maxsize=256)
def _has_no_items(kind: type) -> bool:
    """``obj[key]`` can only raise a ``TypeError`` for an instance of ``kind`` (a class can have items: ``list[int]``)."""
    return not issubclass(kind, type) and not hasattr(kind, "__getitem__")


def render_html(name: str, context: Mapping[str, Any]) -> str:
    """Render a built-in HTML template (``site/index.html.j2`` ...); problems are ``UsageError`` like the rest."""
    environment = make_html_environment()
    try:
        template = environment.get_template(name)
    except Exception as error:
        raise _template_problem(error, name, environment) from None
    try:
        return template.render(context)
    except Exception as error:
        raise _template_problem(error, template.filename or name, environment) from None


def _template_source(name_or_path: str | Path) -> tuple[Environment, str]:
    """A ``str`` names a built-in template; a ``Path`` is a user's template file, which runs sandboxed."""
    if isinstance(name_or_path, str):
        return make_environment(), name_or_path
    path = Path(name_or_path)
    if not path.exists():
        raise UsageError(f"{path}: template not found")
    check_input(path)  # a FIFO or a device named as the template: refused, not read
    real = path.resolve()  # the file the user named, even through a link; its includes stay in its folder
    return make_environment(real.parent, sandboxed=True), real.name


def get_template(name_or_path: str | Path) -> Template:
    """Load and compile a template; a syntax error or a missing include is a ``UsageError`` with file and line."""
    environment, name = _template_source(name_or_path)
    try:
        return environment.get_template(name)
    except Exception as error:
        raise _template_problem(error, name_or_path, environment) from None


def render_template(name_or_path: str | Path | Template, context: Mapping[str, Any]) -> str:
    """Render a built-in template (by name), a user's template file (a ``Path``, sandboxed) or a loaded template."""
    from jinja2 import Template

    template = name_or_path if isinstance(name_or_path, Template) else get_template(name_or_path)
    limit = MAX_TEMPLATE_SECONDS if template.environment.sandboxed else float("inf")
    token = DEADLINE.set((time.monotonic() + limit, limit))
    try:
        return _bounded_render(template, context)
    except Exception as error:
        raise _template_problem(error, template.filename or template.name or "template", template.environment) from None
    finally:
        DEADLINE.reset(token)


def _bounded_render(template: Template, context: Mapping[str, Any]) -> str:
    """``template.render``, stopped once a sandboxed template's document passes ``MAX_DOCUMENT_CHARS``."""
    if not template.environment.sandboxed:
        return template.render(context)
    pieces: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_DOCUMENT_CHARS:
            raise limit_error(f"the document grew past {MAX_DOCUMENT_CHARS:,} characters")
        pieces.append(piece)
    return "".join(pieces)


def _shown(filename: str) -> str:
    try:
        return os.path.relpath(filename)
    except ValueError:  # another drive on Windows
        return filename


def _template_problem(error: Exception, template: str | Path, environment: Environment) -> UsageError:
    """'templates/plan.md.j2:12: 'plan object' has no attribute 'acount'': where the template went wrong."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    location = _shown(str(template))
    message = str(error) or type(error).__name__
    if isinstance(error, TemplateSyntaxError):
        location = f"{_shown(error.filename or error.name or str(template))}:{error.lineno}"
        message = f"template syntax error: {error.message}"
    else:
        frame = _innermost_template_frame(error, environment)
        if frame is not None:
            location = f"{_shown(frame[0])}:{frame[1]}"
        if isinstance(error, TemplateNotFound):
            message = f"template not found: {error.message or error.name}"
        elif isinstance(error, SecurityError):
            message = f"not allowed in a template: {message}"
        elif not isinstance(error, TemplateError):
            message = f"{type(error).__name__}: {message}"
    return UsageError(f"{location}: {message}")


def _innermost_template_frame(error: Exception, environment: Environment) -> tuple[str, int] | None:
    """Jinja rewrites tracebacks so template code shows as frames at ``template file: template line``."""
    roots = [os.path.abspath(root) for root in getattr(environment.loader, "searchpath", [])]
    found = None
    for entry in traceback.extract_tb(error.__traceback__):
        if entry.lineno is not None and any(
            os.path.abspath(entry.filename).startswith(root + os.sep) for root in roots
        ):
            found = (entry.filename, entry.lineno)
    return found
