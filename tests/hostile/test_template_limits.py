"""A user's template cannot take the machine down (time, memory) nor read files outside its folder."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from samkit.errors import UsageError
from samkit.templating import render_template
from tests.conftest import SEED_PLAN
from tests.hostile.conftest import assert_clean_exit, samkit


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return tmp_path / "templates" / "brief.md.j2"


def _render(template: Path, source: str) -> str:
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(source, encoding="utf-8")
    return render_template(template, {"name": "Acme"})


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 9 ** (9 ** 9) }}", "9 ** 387420489 is too large a number"),
        ("{{ (10 ** 1000) * (10 ** 1000) * (10 ** 1000) * (10 ** 1000) * (10 ** 1000) }}", "too large a number"),
        ('{{ "x" * 10 ** 9 }}', "builds more than 1,000,000 items"),
        ("{{ [1, 2] * 10 ** 8 }}", "builds more than 1,000,000 items"),
        ("{{ lipsum(10 ** 6) }}", "lipsum() makes at most 100 paragraphs"),
        ('{{ "%0999999999d" % 1 }}', "a format width over 10,000"),
        ('{{ "{:>999999999}".format(1) }}', "a format width over 10,000"),
        ('{{ "%0999999999d" | format(1) }}', "a format width over 10,000"),
        ('{{ "x" | center(10 ** 9) }}', "center(): 1,000,000,000 is over the limit"),
        ('{{ "x".ljust(10 ** 9) }}', "ljust(): 1,000,000,000 is over the limit"),
        ("{{ range(10 ** 9) | list }}", "Range too big"),
        ('{% for i in range(99999) %}{{ "y" * 999 }}{% endfor %}', "the document grew past 10,000,000 characters"),
    ],
)
def test_resource_bombs_stop_with_a_message(template: Path, source: str, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(UsageError) as raised:
        _render(template, source)
    assert message in str(raised.value)
    assert "brief.md.j2" in str(raised.value)  # the template is named
    assert time.monotonic() - started < 5


def test_ordinary_arithmetic_and_formatting_still_work(template: Path) -> None:
    source = '{{ 2 ** 10 }} {{ "ab" * 3 }} {{ "%05.1f" % 3.14159 }} {{ "{:>6}".format(name) }} {{ lipsum(1, false) | length > 9 }}'
    assert _render(template, source) == "1024 ababab 003.1   Acme True"


def test_a_loop_that_outputs_nothing_is_stopped_by_the_clock(template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("samkit.templating.MAX_TEMPLATE_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(UsageError, match=r"the template ran for more than 0\.5 seconds"):
        _render(template, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")
    assert time.monotonic() - started < 5


def test_an_include_through_a_symlink_out_of_the_folder_is_refused(template: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=hunter2\n", encoding="utf-8")
    template.parent.mkdir(parents=True)
    (template.parent / "notes.j2").symlink_to(secret)
    (template.parent / "parts").symlink_to(tmp_path, target_is_directory=True)
    for include in ("notes.j2", "parts/secret.txt"):
        with pytest.raises(UsageError) as raised:
            _render(template, f'{{% include "{include}" %}}')
        assert f"{include!r} is a link to outside the template folder" in str(raised.value)
        assert "hunter2" not in str(raised.value)


def test_an_include_of_a_link_inside_the_folder_is_fine(template: Path) -> None:
    template.parent.mkdir(parents=True)
    (template.parent / "part.j2").write_text("part {{ name }}", encoding="utf-8")
    (template.parent / "alias.j2").symlink_to(template.parent / "part.j2")
    assert _render(template, '{% include "alias.j2" %}') == "part Acme"


def test_the_cli_reports_a_template_bomb_as_exit_2(tmp_path: Path) -> None:
    shutil.copy(SEED_PLAN, tmp_path / "gfc.yaml")
    (tmp_path / "t.md.j2").write_text("{{ 9 ** (9 ** 9) }}", encoding="utf-8")
    result = samkit("render", "gfc.yaml", "--template", "t.md.j2", cwd=tmp_path, timeout=30)
    assert_clean_exit(result, 2)
    assert "t.md.j2:1: not allowed in a template: 9 ** 387420489 is too large a number" in result.stderr
