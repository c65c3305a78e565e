"""The customer's side of the plan format (round 3): objectives, milestones, value delivered, shared actions."""

from __future__ import annotations

import textwrap

import pytest

from samkit.plan.loader import load_plan, load_text
from tests.conftest import TEST_DATA

MUTUAL = TEST_DATA / "mutual-plan.yaml"

BROKEN = """\
account: {name: Acme, manager: Maria Rodriguez}
stakeholders:
  - {name: Jennifer Wu, relationship: strong}
objectives:
  - name: Faster close
    baseline: 10
    target: 10.0
    customer_owner: Nobody
    milestones:
      - {name: Kick-off, customer_owner: JENNIFER WU}
      - {name: Pilot, customer_owner: Jenny}
  - name: " faster CLOSE"
value_delivered:
  - {date: 2026-01-10, outcome: Saved a week, objective: Faster close}
  - {date: 2026-01-11, outcome: Saved a day, objective: Slower close}
actions:
  - {due: 2026-02-01, action: Call, shared: true, customer_owner: Bob}
"""


def test_the_example_plan_with_every_new_section_loads() -> None:
    loaded = load_plan(MUTUAL)
    assert loaded.plan is not None, loaded.findings
    plan = loaded.plan
    assert [objective.shared for objective in plan.objectives] == [True, True, False]
    assert plan.objectives[0].milestones[0].done and not plan.objectives[0].milestones[1].done
    assert [action.shared for action in plan.actions].count(True) == 2
    assert str(plan.value_delivered[0].amount) == "120000"


def test_older_plans_stay_valid_and_default_to_nothing_shared_but_objectives_and_value() -> None:
    loaded = load_text("account: {name: Acme, manager: M}\nactions:\n  - {due: 2026-01-01, action: Call}\n")
    assert loaded.plan is not None
    assert loaded.plan.objectives == [] and loaded.plan.value_delivered == []
    assert loaded.plan.actions[0].shared is False and loaded.plan.actions[0].customer_owner is None


def test_cross_checks_point_at_the_value_they_are_about() -> None:
    loaded = load_text(BROKEN, "acme.yaml")
    assert loaded.plan is None
    assert [finding.format_text() for finding in loaded.findings] == [
        "acme.yaml:7:13: SAM002 objectives.0.target: 10.0 equals the baseline; "
        "a target must differ from where the metric started",
        "acme.yaml:8:21: SAM002 objectives.0.customer_owner: 'Nobody' is not a stakeholder in this plan",
        "acme.yaml:11:39: SAM002 objectives.0.milestones.1.customer_owner: 'Jenny' is not a stakeholder in this plan",
        "acme.yaml:12:11: SAM002 objectives.1.name: ' faster CLOSE' is already used on line 5; names must be unique",
        "acme.yaml:15:57: SAM002 value_delivered.1.objective: 'Slower close' is not an objective in this plan",
        "acme.yaml:17:67: SAM002 actions.0.customer_owner: 'Bob' is not a stakeholder in this plan",
    ]


def test_bad_values_name_the_allowed_ones() -> None:
    text = textwrap.dedent(
        """\
        account: {name: Acme, manager: M}
        objectives:
          - {name: A, status: late, shared: yes}
        value_delivered:
          - {date: soon, outcome: X, amount: -5}
        """
    )
    messages = [finding.message for finding in load_text(text, "a.yaml").findings]
    assert any("late" in message and "on_track, at_risk, achieved, missed" in message for message in messages)
    assert any("true or false" in message for message in messages)
    assert any("not a date" in message for message in messages)
    assert any("negative" in message for message in messages)


def test_the_committed_schema_takes_the_new_sections_and_refuses_what_the_model_refuses() -> None:
    import json

    import jsonschema

    from tests.commands.test_new_schema_cli import COMMITTED_SCHEMA, as_json_data

    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(as_json_data(MUTUAL.read_text(encoding="utf-8")), schema)
    for bad in (
        "account: {name: A, manager: M}\nobjectives:\n  - {name: X, status: late}\n",
        "account: {name: A, manager: M}\nobjectives:\n  - {name: X, milestones: [{name: Y, owner_email: y}]}\n",
        "account: {name: A, manager: M}\nvalue_delivered:\n  - {outcome: X}\n",
        "account: {name: A, manager: M}\nactions:\n  - {due: 2026-01-01, action: X, shared: maybe}\n",
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(as_json_data(bad), schema)
        assert not load_text(bad).ok
