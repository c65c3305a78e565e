"""``samkit actions``: the formats of cli.md, read back with real parsers (json, markdown-it, icalendar)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from icalendar import Calendar
from markdown_it import MarkdownIt

from tests.conftest import PLANS
from tests.site.conftest import corpus_file

NAUGHTY_PLAN = """\
account:
  name: "Acme; Corp, \\"Ltd\\" \\\\ <b>"
  manager: Maria Rodriguez
actions:
  - due: 2026-02-10
    action: "Line one\\nLine two; with, commas and a very long tail that goes well past seventy-five octets: é€😀"
    owner: "O'Brien, Pat"
  - due: 2026-02-20
    action: Plain follow-up
    owner: Pat Jones
"""


def _events(text: str) -> list[Any]:
    calendar = Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def test_json_lists_overdue_then_upcoming_with_the_contract_keys(run_cli: Callable[..., Any]) -> None:
    result = run_cli("actions", str(PLANS), "--today", "2026-02-16", "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert records and all(
        set(record) == {"path", "account", "due", "action", "owner", "overdue_days"} for record in records
    )
    overdue = [record for record in records if record["overdue_days"] > 0]
    assert records[: len(overdue)] == overdue  # overdue ones first
    assert [r["due"] for r in overdue] == sorted(r["due"] for r in overdue)
    upcoming = records[len(overdue) :]
    assert all("2026-02-16" <= r["due"] <= "2026-03-02" for r in upcoming)
    narrower = json.loads(run_cli("actions", str(PLANS), "--today", "2026-02-16", "-f", "json", "--days", "3").stdout)
    assert len(narrower) < len(records)


def test_owner_filter_is_case_insensitive(run_cli: Callable[..., Any]) -> None:
    result = run_cli("actions", str(PLANS), "--today", "2026-02-16", "-f", "json", "--owner", "maria RODRIGUEZ")
    owners = {record["owner"] for record in json.loads(result.stdout)}
    assert owners == {"Maria Rodriguez"}


def test_markdown_is_tables_a_parser_reads(run_cli: Callable[..., Any]) -> None:
    result = run_cli("actions", str(PLANS), "--today", "2026-02-16", "--format", "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    cells = [token.content for token in tokens if token.type == "inline"]
    assert "Overdue" in " ".join(cells) and "Global Financial Corp" in cells


def test_ics_is_a_calendar_of_all_day_events_with_escaping_and_folding(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path]
) -> None:
    plan = write_plan(NAUGHTY_PLAN, "acme.yaml")
    result = run_cli("actions", str(plan), "--today", "2026-02-16", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "RFC 5545 folds lines at 75 octets"
    events = _events(raw.decode("utf-8"))
    assert len(events) == 2
    first = events[0]
    assert str(first["SUMMARY"]) == (
        'Acme; Corp, "Ltd" \\ <b>: Line one\nLine two; with, commas and a very long tail that goes well past '
        "seventy-five octets: é€😀"
    )
    assert first.decoded("DTSTART") == date(2026, 2, 10)  # a date, not a date-time: an all-day event
    assert first.decoded("DTEND") == date(2026, 2, 11)
    assert len({str(event["UID"]) for event in events}) == 2


def test_ics_uids_stay_when_the_plan_file_is_renamed(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path]
) -> None:
    first = write_plan(NAUGHTY_PLAN, "acme.yaml")
    before = run_cli("actions", str(first), "--today", "2026-02-16", "-f", "ics").stdout
    moved = write_plan(NAUGHTY_PLAN.replace("2026-02-20", "2026-02-21"), "renamed/acme-corp.yaml")
    after = run_cli("actions", str(moved), "--today", "2026-02-16", "-f", "ics").stdout
    assert [str(e["UID"]) for e in _events(before)] == [str(e["UID"]) for e in _events(after)]
    again = run_cli("actions", str(first), "--today", "2026-02-16", "-f", "ics").stdout
    assert again == before  # the same plans and --today give the same bytes


def test_naughty_strings_round_trip_through_the_calendar(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path]
) -> None:
    corpus = corpus_file("blns.json")
    from samkit.plan.loader import load_text

    strings = [text for text in json.loads(corpus.read_text(encoding="utf-8")) if text.strip()]
    lines = ["account: {name: Naughty, manager: Pat}", "actions:"]
    kept = []
    for text in strings:
        item = f"  - {{due: 2026-03-01, action: {json.dumps(text)}}}"
        if load_text("\n".join([lines[0], "actions:", item]) + "\n").ok:
            lines.append(item)
            kept.append(text)
    assert len(kept) > 400
    plan = write_plan("\n".join(lines) + "\n", "naughty.yaml")
    result = run_cli("actions", str(plan), "--today", "2026-02-16", "-f", "ics", "--days", "30")
    assert result.exit_code == 0, result.stderr
    summaries = [str(event["SUMMARY"]) for event in _events(result.stdout)]
    assert summaries == sorted((f"Naughty: {text}" for text in kept), key=lambda s: s[len("Naughty: ") :])


def test_a_broken_plan_is_named_and_exits_1(run_cli: Callable[..., Any], write_plan: Callable[..., Path]) -> None:
    write_plan("account: [\n", "broken.yaml")
    good = write_plan(NAUGHTY_PLAN, "acme.yaml")
    result = run_cli("actions", str(good.parent), "--today", "2026-02-16", "-f", "json")
    assert result.exit_code == 1
    assert "broken.yaml:" in result.stderr
    assert len(json.loads(result.stdout)) == 2
    assert run_cli("actions", "--days", "-1").exit_code == 2
