"""Open actions across plans: selection, order, owner filter, and calendar identities that survive edits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from samkit.analysis.actions import DEFAULT_WINDOW_DAYS, OpenAction, action_uid, plan_actions, select_open_actions
from samkit.plan.model import Plan
from tests.conftest import plan_from


def select_actions(
    plans: Iterable[tuple[str, Plan]], today: date, days: int | None = DEFAULT_WINDOW_DAYS, owner: str | None = None
) -> list[OpenAction]:
    """Every open action of some plans, selected as ``samkit actions`` selects them."""
    found = (item for path, plan in plans for item in plan_actions(path, plan, today))
    return select_open_actions(found, today, days=days, owner=owner)


TODAY = date(2026, 2, 16)

ACME = """\
account: {name: Acme Corp, manager: Maria Rodriguez}
actions:
  - {due: 2026-02-20, action: Send the proposal, owner: Maria Rodriguez}
  - {due: 2026-01-10, action: Call the CFO, owner: tom lee}
  - {due: 2026-02-01, action: Old and done, owner: Tom Lee, done: true}
  - {due: 2026-02-16, action: Due today, owner: Tom  Lee}
  - {due: 2026-03-02, action: At the window's edge}
  - {due: 2026-03-03, action: Beyond the window}
"""
BETA = """\
account: {name: Beta GmbH, manager: Daniel Kim}
actions:
  - {due: 2026-01-10, action: Call the CFO, owner: Daniel Kim}
  - {due: 2026-02-17, action: Workshop, owner: Daniel Kim}
"""


def _plans() -> list[tuple[str, Plan]]:
    return [("plans/beta.yaml", plan_from(BETA)), ("plans/acme.yaml", plan_from(ACME))]


def test_overdue_first_then_upcoming_within_the_window_by_due_date() -> None:
    found = select_actions(_plans(), TODAY, days=14)
    assert [(item.account, item.action, item.overdue_days) for item in found] == [
        ("Acme Corp", "Call the CFO", 37),
        ("Beta GmbH", "Call the CFO", 37),
        ("Acme Corp", "Due today", 0),
        ("Beta GmbH", "Workshop", 0),
        ("Acme Corp", "Send the proposal", 0),
        ("Acme Corp", "At the window's edge", 0),
    ]


def test_days_none_lists_every_open_action_and_zero_days_only_today() -> None:
    every = select_actions(_plans(), TODAY, days=None)
    assert len(every) == 7 and "Old and done" not in {item.action for item in every}
    today_only = select_actions(_plans(), TODAY, days=0)
    assert [item.action for item in today_only] == ["Call the CFO", "Call the CFO", "Due today"]


def test_owner_filter_ignores_case_and_spacing_but_matches_whole_names() -> None:
    found = select_actions(_plans(), TODAY, days=None, owner="TOM LEE")
    assert [item.action for item in found] == ["Call the CFO", "Due today"]
    assert select_actions(_plans(), TODAY, days=None, owner="Tom") == []


def test_json_record_has_the_contract_keys() -> None:
    item = select_actions(_plans(), TODAY)[0]
    assert item.to_dict() == {
        "path": "plans/acme.yaml",
        "account": "Acme Corp",
        "due": date(2026, 1, 10),
        "action": "Call the CFO",
        "owner": "tom lee",
        "overdue_days": 37,
    }


def test_uid_survives_renaming_the_file_and_redating_the_action_but_not_rewording_it() -> None:
    plan = plan_from(ACME)
    first = {item.action: item.uid for item in plan_actions("plans/acme.yaml", plan, TODAY)}
    renamed = {item.action: item.uid for item in plan_actions("elsewhere/acme-corp.yml", plan, TODAY)}
    assert first == renamed
    redated = plan_from(ACME.replace("2026-02-20", "2026-04-01"))
    assert {item.action: item.uid for item in plan_actions("plans/acme.yaml", redated, TODAY)} == first
    reworded = plan_from(ACME.replace("Send the proposal", "Send the final proposal"))
    new = {item.action: item.uid for item in plan_actions("plans/acme.yaml", reworded, TODAY)}
    assert new["Send the final proposal"] != first["Send the proposal"]
    # the same action text in another account is another event
    assert action_uid("Acme Corp", "Call the CFO", 0) != action_uid("Beta GmbH", "Call the CFO", 0)
    assert action_uid("Acme Corp", "Call the CFO", 0) == action_uid("acme  corp", "call the cfo", 0)


def test_repeated_action_texts_get_distinct_uids_that_do_not_shift_when_one_is_done() -> None:
    text = """\
    account: {name: Acme Corp, manager: Maria Rodriguez}
    actions:
      - {due: 2026-03-01, action: Monthly check-in}
      - {due: 2026-04-01, action: Monthly check-in}
      - {due: 2026-05-01, action: Monthly check-in}
    """
    before = [item.uid for item in plan_actions("a.yaml", plan_from(text), TODAY)]
    assert len(set(before)) == 3
    done_first = text.replace(
        "{due: 2026-03-01, action: Monthly check-in}", "{due: 2026-03-01, action: Monthly check-in, done: true}"
    )
    after = [item.uid for item in plan_actions("a.yaml", plan_from(done_first), TODAY)]
    assert after == before[1:]
