"""The lint rules, one module per family, listed in one explicit registry (no discovery magic).

``samkit rules`` and ``docs/lint.md`` are generated from this registry; each rule's docstring is its
documentation.
"""

from __future__ import annotations

from samkit.rules import accepts, comments, contacts, coverage, currency, entries, hygiene, loading, objectives, program
from samkit.rules.base import Hit, LintLimits, Rule, RuleContext

__all__ = ["RULES", "Hit", "LintLimits", "Rule", "RuleContext"]

RULES: dict[str, Rule] = {
    found.code: found
    for found in (
        loading.yaml_syntax,
        loading.schema,
        contacts.stale_contact,
        contacts.never_contacted,
        contacts.future_contact,
        coverage.single_threaded,
        coverage.thin_coverage,
        coverage.no_economic_buyer,
        coverage.no_champion,
        coverage.no_executive_sponsor,
        coverage.no_executive_alignment,
        coverage.no_executive_engagement,
        hygiene.stale_plan,
        hygiene.overdue_action,
        hygiene.lapsed_opportunity,
        hygiene.unmitigated_risk,
        hygiene.tier_mismatch,
        program.whitespace_without_opportunity,
        program.raci_unknown_person,
        program.closed_without_date,
        entries.all_zero_score,
        entries.future_review,
        entries.placeholder_manager,
        currency.money_in_other_currency,
        comments.comment_cuts_value,
        objectives.objective_without_target,
        objectives.shared_without_customer_owner,
        objectives.objective_past_due,
        accepts.unused_accept,
        accepts.accept_without_reason,
        accepts.invalid_accept,
    )
}
