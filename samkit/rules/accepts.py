"""SAM901-SAM903: the accept comments themselves (``# samkit: accept CODE -- reason``).

Only the lint engine knows which findings each accept comment covered, so it reports these after the
other rules have run (``samkit.lint.engine``); the checks here yield nothing of their own. As rules they
are listed by ``samkit rules``, and can be selected, ignored or given another severity like any other.
"""

from __future__ import annotations

from collections.abc import Iterator

from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule

UNUSED_ACCEPT = "SAM901"
ACCEPT_WITHOUT_REASON = "SAM902"
INVALID_ACCEPT = "SAM903"


@rule(UNUSED_ACCEPT, "unused-accept", Severity.WARNING)
def unused_accept(context: RuleContext) -> Iterator[Hit]:
    """An accept comment matches no finding: remove it once the problem is fixed.

    Reported only while a rule the comment names is running (an accept for an ignored rule is left
    alone). An accept comment covers findings about the item it sits on, so one on the wrong item is
    also unused. Points at the comment. Cannot itself be accepted.

    Why it matters: a stale accept comment silences the next real finding on that item without anyone
    deciding to.

    Fails (on 2026-02-01 the contact is fresh, so there is nothing to accept):

        stakeholders:
          - name: Lisa Thompson
            relationship: weak
            last_contact: 2026-01-20   # samkit: accept SAM101 -- on parental leave until March

    Passes:

        stakeholders:
          - name: Lisa Thompson
            relationship: weak
            last_contact: 2026-01-20
    """
    yield from ()


@rule(ACCEPT_WITHOUT_REASON, "accept-without-reason", Severity.WARNING)
def accept_without_reason(context: RuleContext) -> Iterator[Hit]:
    """An accept comment gives no reason after `--`.

    The accept still works; the reason is what a reviewer reads (and what SARIF output carries as the
    justification), so add one: `# samkit: accept SAM101 -- on parental leave until March`. Cannot
    itself be accepted.

    Why it matters: an exception nobody can explain in a review is not a decision, it is a mute button.

    Fails:

        stakeholders:
          - name: Lisa Thompson
            relationship: weak
            last_contact: 2025-10-15   # samkit: accept SAM101

    Passes:

        stakeholders:
          - name: Lisa Thompson
            relationship: weak
            last_contact: 2025-10-15   # samkit: accept SAM101 -- on parental leave until March
    """
    yield from ()


@rule(INVALID_ACCEPT, "invalid-accept", Severity.WARNING)
def invalid_accept(context: RuleContext) -> Iterator[Hit]:
    """A `# samkit:` comment is misspelt, names no code, or names one it cannot accept.

    `# samkit: acept ...`, `# samkit: accept -- reason` with no code, a code that is no rule, or a
    code that cannot be accepted (SAM001, SAM002 and these SAM9xx rules: fix the file instead). The
    codes it names correctly still accept their findings. Cannot itself be accepted.

    Why it matters: a misspelt accept comment accepts nothing, so the finding it was meant for keeps
    failing the build with no visible reason.

    Fails:

        stakeholders:
          - name: Lisa Thompson
            relationship: weak
            last_contact: 2025-10-15   # samkit: acept SAM101 -- on parental leave until March

    Passes:

        stakeholders:
          - name: Lisa Thompson
            relationship: weak
            last_contact: 2025-10-15   # samkit: accept SAM101 -- on parental leave until March
    """
    yield from ()
