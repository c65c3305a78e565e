"""SAM401-SAM403: the customer's side of the plan: objectives that can be measured, shared items with an owner
on the customer's side, objectives whose due date passed without an outcome."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.analysis.objectives import progress_of
from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule


@rule("SAM401", "objective-without-target", Severity.WARNING)
def objective_without_target(context: RuleContext) -> Iterator[Hit]:
    """An objective has no `target` or no `due` date.

    Without a target there is no progress to show and nothing to call achieved; without a due date it can
    never be missed, and a QBR cannot say whether it is late. Points at the objective's `name`; one finding
    names both when both are missing.

    Why it matters: a promise with no number and no date cannot be set against what was delivered, which
    is what the business review is for.

    Fails:

        objectives:
          - name: Faster ticket resolution
            baseline: 12
            current: 6

    Passes:

        objectives:
          - name: Faster ticket resolution
            baseline: 12
            target: 4
            current: 6
            due: 2026-06-30
    """
    for index, objective in enumerate(context.plan.objectives):
        missing = [
            words for field, words in (("target", "target"), ("due", "due date")) if getattr(objective, field) is None
        ]
        if missing:
            what = " and ".join(missing)
            yield context.item_hit(
                ("objectives", index),
                "name",
                f"objective {objective.name!r} has no {what}: say what counts as done and by when",
            )


@rule("SAM402", "shared-without-customer-owner", Severity.WARNING)
def shared_without_customer_owner(context: RuleContext) -> Iterator[Hit]:
    """A shared action, or a milestone of a shared objective, has no `customer_owner`.

    Shared items appear in the mutual plan the customer sees (`samkit share`); a milestone is shared when
    its objective is (objectives are shared unless `shared: false`; actions only with `shared: true`).
    Points at the action's `action` or the milestone's `name`.

    Why it matters: a mutual plan whose steps are all ours is a vendor's to-do list; every shared step
    needs someone on the customer's side who owns it.

    Fails:

        actions:
          - due: 2026-02-03
            action: Executive QBR
            shared: true

    Passes:

        actions:
          - due: 2026-02-03
            action: Executive QBR
            shared: true
            customer_owner: Jennifer Wu
    """
    for index, action in enumerate(context.plan.actions):
        if action.shared and not (action.customer_owner or "").strip():
            yield context.item_hit(
                ("actions", index), "action", f"shared action has no customer_owner: {action.action}"
            )
    for index, objective in enumerate(context.plan.objectives):
        if not objective.shared:
            continue
        for step, milestone in enumerate(objective.milestones):
            if not (milestone.customer_owner or "").strip():
                yield context.item_hit(
                    ("objectives", index, "milestones", step),
                    "name",
                    f"milestone {milestone.name!r} of shared objective {objective.name!r} has no customer_owner",
                )


@rule("SAM403", "objective-past-due", Severity.WARNING)
def objective_past_due(context: RuleContext) -> Iterator[Hit]:
    """An objective's `due` date is before today, it has not reached its target, and no `status` says what
    happened.

    Derived status would call it missed; this asks the plan's owner to say so, or to record the outcome
    (`status: achieved` when it was met some other way, `missed` when it was not). An objective due today
    is not past due. Points at the objective's `due`.

    Why it matters: a promise that quietly lapsed is the first thing a customer brings up at the review.

    Fails (on 2026-02-01):

        objectives:
          - name: Analytics adoption
            baseline: 20
            target: 80
            current: 35
            due: 2026-01-31

    Passes:

        objectives:
          - name: Analytics adoption
            baseline: 20
            target: 80
            current: 35
            due: 2026-01-31
            status: missed
    """
    for index, objective in enumerate(context.plan.objectives):
        if objective.status is not None or objective.due is None or objective.due >= context.today:
            continue
        progress = progress_of(objective)
        if progress is not None and progress >= 1:
            continue
        yield context.item_hit(
            ("objectives", index),
            "due",
            f"objective {objective.name!r} was due {objective.due.isoformat()} and is not achieved: "
            "set its status (achieved or missed), or a new due date",
        )
