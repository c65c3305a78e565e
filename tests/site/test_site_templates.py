"""The HTML template environment: autoescape on, the same filters, template problems as usage errors; the
Markdown environment stays as it was."""

from __future__ import annotations

from decimal import Decimal

import pytest

from samkit.errors import UsageError
from samkit.templating import make_environment, make_html_environment, render_html


def test_html_environment_escapes_and_shares_the_filters() -> None:
    environment = make_html_environment()
    assert environment.autoescape is True
    template = environment.from_string("{{ name }} {{ value | money }} {{ svg | safe }}")
    rendered = template.render(name='<b>O\'Brien & "Co"</b>', value=Decimal("1234.5"), svg="<svg></svg>")
    assert rendered == "&lt;b&gt;O&#39;Brien &amp; &#34;Co&#34;&lt;/b&gt; $1,234.50 <svg></svg>"


def test_markdown_environment_keeps_autoescape_off() -> None:
    assert make_environment().autoescape is False
    assert make_environment().from_string("{{ x }}").render(x="<b>") == "<b>"


def test_an_html_template_problem_is_a_usage_error_naming_the_template() -> None:
    with pytest.raises(UsageError, match=r"site/nope\.html\.j2"):
        render_html("site/nope.html.j2", {})
    with pytest.raises(UsageError, match=r"site/base\.html\.j2:\d+: .title. is undefined"):
        render_html("site/index.html.j2", {})
