"""The mutual plan shows exactly the allowlist: every field of the plan model, walked from pydantic (so a field
added later is covered without touching this test), is filled with a unique sentinel, and exactly the
allowlisted sentinels appear, in Markdown and in HTML."""

from __future__ import annotations

import itertools
import re
import typing
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

import pytest
from markdown_it import MarkdownIt
from pydantic import BaseModel, TypeAdapter, ValidationError

from samkit.analysis.objectives import progress_bar
from samkit.analysis.share import SHARED_FIELDS, shared_paths, shared_plan
from samkit.config import Config
from samkit.plan.model import Plan
from samkit.render.share import share_html, share_markdown
from samkit.templating import format_date

TODAY = date(2026, 1, 30)
_counter = itertools.count(1)
DATES: dict[str, date] = {}  # the date fields' unique days, filled by the walk


def _model_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The plan model inside an annotation (``list[Milestone]``, ``Context | None``...), and whether it is a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin = typing.get_origin(annotation)
    for argument in typing.get_args(annotation):
        model, in_list = _model_in(argument)
        if model is not None:
            return model, in_list or origin is list
    return None, False


def _fill_value(adapter: TypeAdapter[Any], path: str, texts: dict[str, str], numbers: dict[str, int]) -> Any:
    """A unique text sentinel where the field takes text; else a unique number; else any valid value."""
    sentinel = f"zq{next(_counter):04d}qz"
    for candidate in (sentinel, f"{sentinel}@example.com", [sentinel]):
        try:
            value = adapter.validate_python(candidate)
        except ValidationError:
            continue
        if sentinel in str(value):
            texts[path] = sentinel
            return candidate
    number = 900_000 + next(_counter) * 7
    try:
        adapter.validate_python(number)
    except ValidationError:
        pass
    else:
        numbers[path] = number
        return number
    day = date(2030, 1, 1) + timedelta(days=3 * next(_counter))  # 3 apart: a 92-day review interval lands between
    try:
        adapter.validate_python(day)
    except ValidationError:
        pass
    else:
        DATES[path] = day
        return day
    for fallback in (True, "Q1 2026", 1):
        try:
            adapter.validate_python(fallback)
        except ValidationError:
            continue
        return fallback
    raise AssertionError(f"no value found for {path}")


def _fill(model: type[BaseModel], path: str, texts: dict[str, str], numbers: dict[str, int]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        field_path = f"{path}.{name}" if path else name
        inner, in_list = _model_in(info.annotation)
        if inner is not None:
            filled = _fill(inner, field_path, texts, numbers)
            data[name] = [filled] if in_list else filled
            continue
        annotation = info.annotation
        adapter: TypeAdapter[Any] = TypeAdapter(
            Annotated[(annotation, *info.metadata)] if info.metadata else annotation
        )
        if _is_enum(annotation):
            data[name] = _first_member(annotation)
            continue
        data[name] = _fill_value(adapter, field_path, texts, numbers)
    return data


def _enums(annotation: Any) -> Iterator[type[Enum]]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _enums(argument)


def _is_enum(annotation: Any) -> bool:
    return any(True for _ in _enums(annotation))


def _first_member(annotation: Any) -> Any:
    return next(iter(next(_enums(annotation)))).value


@pytest.fixture(scope="module")
def filled() -> tuple[Plan, dict[str, str], dict[str, int]]:
    texts: dict[str, str] = {}
    numbers: dict[str, int] = {}
    data = _fill(Plan, "", texts, numbers)
    # every item shared (the allowlist is about fields; which items are shared has its own tests)
    for section in ("objectives", "value_delivered", "actions"):
        for item in data[section]:
            item["shared"] = True
    # the value entry names the objective, as a shared entry of a shared objective does
    data["value_delivered"][0]["objective"] = data["objectives"][0]["name"]
    texts["value_delivered.objective"] = texts["objectives.name"]
    return Plan.model_validate(data), texts, numbers


def _expected(texts: dict[str, str]) -> set[str]:
    return {sentinel for path, sentinel in texts.items() if path in shared_paths()}


def test_the_walk_reaches_every_section_and_the_internal_fields(
    filled: tuple[Plan, dict[str, str], dict[str, int]],
) -> None:
    _, texts, numbers = filled
    # the walk found the fields that must never leave, and the ones that must
    for internal in (
        "stakeholders.notes",
        "stakeholders.cares_about",
        "risks.risk",
        "raci.activity",
        "context.competition",
    ):
        assert internal in texts
    assert {"opportunities.value", "account.arr", "whitespace.potential"} <= set(numbers)
    assert "objectives.milestones.name" in texts and "account.team.name" in texts
    assert {"stakeholders.last_contact", "last_reviewed", "objectives.due", "value_delivered.date"} <= set(DATES)


@pytest.mark.parametrize("render", [share_markdown, share_html], ids=["markdown", "html"])
def test_exactly_the_allowlisted_sentinels_appear(
    filled: tuple[Plan, dict[str, str], dict[str, int]], render: Any
) -> None:
    plan, texts, numbers = filled
    output = render(shared_plan(plan, Config(), TODAY))
    shown = set(re.findall(r"zq\d{4}qz", output))
    assert shown == _expected(texts)
    digits = output.replace(",", "")
    for path, number in numbers.items():
        appears = re.search(rf"(?<![\d.]){number}(?![\d])", digits) is not None
        assert appears == (path in shared_paths()), path
    for path, day in DATES.items():
        assert (format_date(day) in output) == (path in shared_paths()), path


def test_every_allowlisted_section_exists_in_the_model() -> None:
    for section, fields in SHARED_FIELDS.items():
        model: type[BaseModel] = Plan
        for part in section.split("."):
            inner, _ = _model_in(model.model_fields[part].annotation)
            assert inner is not None, section
            model = inner
        # team email arrives with the CRM-identity change; every other named field exists today
        missing = [
            field
            for field in fields
            if field not in model.model_fields and (section, field) != ("account.team", "email")
        ]
        assert missing == [], section


def test_items_not_shared_stay_out_and_an_internal_objective_is_not_named(
    filled: tuple[Plan, dict[str, str], dict[str, int]],
) -> None:
    plan, texts, _ = filled
    objective = plan.objectives[0].model_copy(update={"shared": False})
    action = plan.actions[0].model_copy(update={"shared": False})
    entry = plan.value_delivered[0]
    private = plan.model_copy(update={"objectives": [objective], "actions": [action], "value_delivered": [entry]})
    for render in (share_markdown, share_html):
        output = render(shared_plan(private, Config(), TODAY))
        for path in ("objectives.name", "objectives.milestones.name", "actions.action"):
            assert texts[path] not in output, path
        assert texts["value_delivered.outcome"] in output  # the value entry itself is shared


def test_the_markdown_parses_into_the_sections_the_customer_reads() -> None:
    from samkit.plan.loader import load_plan
    from tests.conftest import TEST_DATA

    loaded = load_plan(TEST_DATA / "mutual-plan.yaml")
    assert loaded.plan is not None
    text = share_markdown(shared_plan(loaded.plan, Config(), TODAY))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    assert headings == [
        "Global Financial Corp: our mutual plan",
        "Objectives",
        "Milestones: Faster ticket resolution",
        "Value delivered",
        "Next steps",
        "Your account team",
    ]
    # strategic tier: last reviewed Jan 12 + 92 days
    assert "Next review: **Apr 14, 2026**" in text
    assert "Payments" not in text and "Lisa Thompson" not in text and "$850" not in text
    assert "| ▰▰▰▰▰▰▰▰▰▱ 97.5% | On track |" in text
    assert "Total value delivered: **$180,000**." in text


def test_a_plan_never_reviewed_is_reviewed_today_and_a_key_account_waits_its_interval() -> None:
    from tests.conftest import plan_from

    never = plan_from("account: {name: Acme, manager: M}\n")
    assert shared_plan(never, Config(), TODAY).next_review == TODAY
    key = plan_from("account: {name: Acme, manager: M, tier: key}\nlast_reviewed: 2026-01-01\n")
    assert shared_plan(key, Config(), TODAY).next_review == date(2026, 7, 3)  # + 183 days


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 7, 2), date(2026, 7, 3)),  # the day before: the computed day
        (date(2026, 7, 3), date(2026, 7, 3)),  # on the day
        (date(2026, 7, 4), date(2026, 7, 4)),  # a day late: due now, not yesterday
        (date(2026, 12, 7), date(2026, 12, 7)),  # months overdue
    ],
)
def test_an_overdue_review_is_due_today_never_on_a_past_day(today: date, expected: date) -> None:
    from tests.conftest import plan_from

    key = plan_from("account: {name: Acme, manager: M, tier: key}\nlast_reviewed: 2026-01-01\n")
    shared = shared_plan(key, Config(), today)
    assert shared.next_review == expected
    shown = format_date(expected)
    assert f"Next review: **{shown}**" in share_markdown(shared)
    assert f'<span class="k">Next review</span><span class="v">{shown}</span>' in share_html(shared)


@pytest.mark.parametrize(
    ("progress", "bar"),
    [(None, ""), (Decimal(0), "▱" * 10), (Decimal("0.999"), "▰" * 9 + "▱"), (Decimal(1), "▰" * 10)],
)
def test_the_text_bar_is_full_only_at_the_target(progress: Decimal | None, bar: str) -> None:
    assert progress_bar(progress) == bar


def test_the_documented_allowlist_is_the_one_in_the_code() -> None:
    from tests.conftest import REPO

    document = (REPO / "docs" / "objectives-and-share.md").read_text(encoding="utf-8")
    start, end = "<!-- allowlist:start -->\n", "<!-- allowlist:end -->"
    table = document[document.index(start) + len(start) : document.index(end)].strip().splitlines()[2:]
    documented = {
        row.split("|")[1].strip().strip("`"): tuple(name.strip().strip("`") for name in row.split("|")[2].split(","))
        for row in table
    }
    assert documented == SHARED_FIELDS
