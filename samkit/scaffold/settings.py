"""``samkit.toml`` as ``samkit init`` writes it: every setting at its built-in default, a comment each.

The values come from the code that applies them (``samkit.config``), so the file can never disagree
with the defaults; only the comments are written here.
"""

from __future__ import annotations

from decimal import Decimal

from samkit.config import DEFAULT_TIER_LIMITS, DIMENSIONS, LintConfig, ScoringConfig
from samkit.importers.identity import import_toml_lines

_TIER_COMMENTS = {
    "review_interval_days": "days between plan reviews (QBRs), at most (SAM301)",
    "min_stakeholders": "stakeholders mapped, at least (SAM202)",
    "stale_contact_days": "days since a contact, at most (SAM101)",
}


def _number(value: Decimal | int) -> str:
    return str(int(value)) if value == int(value) else format(value, "f")


def samkit_toml(version: str) -> str:
    scoring = ScoringConfig()
    lint = LintConfig()
    lines = [
        f"# samkit configuration, written by `samkit init` (samkit {version}).",
        "# Every setting is at its built-in default: change what your program needs.",
        "",
        "[scoring]",
        "# score at or above which an account is Strategic",
        f"strategic_threshold = {_number(scoring.strategic_threshold)}",
        "# score at or above which an account is Key (below it: Standard)",
        f"key_threshold = {_number(scoring.key_threshold)}",
        "# optional: points from a raw roster column (the first band reached wins):",
        "# [scoring.bands.current_revenue]",
        '# column = "ARR"',
        "# bands = [[1000000, 10], [500000, 8], [250000, 6], [100000, 4], [0, 2]]",
        "",
        "[scoring.weights]",
        "# weight of each selection dimension in the account score; they sum to 100",
        *(f"{name} = {_number(scoring.weights[name])}" for name in DIMENSIONS),
        "",
        "[lint]",
        '# rule codes to switch off, e.g. ["SAM205"]; `samkit rules` lists them',
        f"ignore = [{', '.join(repr(code) for code in lint.ignore)}]",
        "# stale_contact_days, min_stakeholders, review_interval_days set here apply to",
        "# every tier instead of the per-tier defaults; [lint.tiers.*] is per tier.",
        "",
        "[lint.severity]",
        '# a rule\'s severity: "error" or "warning", e.g. SAM202 = "error"',
    ]
    for tier, limits in DEFAULT_TIER_LIMITS.items():
        lines += ["", f"[lint.tiers.{tier.value}]"]
        for name, comment in _TIER_COMMENTS.items():
            lines.append(f"{name} = {getattr(limits, name)}  # {comment}")
    lines += [
        "",
        "[lint.cadence]",
        "# contact cadence in days by role (a stakeholder's cadence_days overrides it);",
        "# a role not listed uses its tier's stale_contact_days. For example:",
        "# champion = 30",
        "# economic_buyer = 60",
        "",
        "[program]",
        "# annual fully-loaded cost of one SAM (money), for `samkit metrics` ROI; unset:",
        "# sam_cost = 250000",
        "# the program's currency (ISO 4217); an import in another currency is an error",
        '# currency = "USD"',
        "",
        "[program.sam_costs]",
        "# a manager's own cost, by account.manager, overriding sam_cost, e.g.",
        '# "Maria Rodriguez" = 275000',
        "",
        *import_toml_lines(),  # [import]: samkit.importers.identity (proposes our email domain)
        "",
        "[import.stages]",
        "# CRM stage -> open / won / lost, over the standard Salesforce stages and",
        "# HubSpot default pipeline (docs/imports-crm-money.md), e.g.",
        '# "Verbal Commit" = "open"',
        "",
        "[import.probabilities]",
        "# CRM stage -> percent 0-100 for exports without a probability column, over",
        "# the defaults (docs/imports-crm-money.md), e.g.",
        '# "Verbal Commit" = 85',
        "",
        "[import.kinds]",
        "# CRM opportunity type -> recurring / one_time (unmapped: kind left alone)",
        '# "New Business" = "recurring"',
        '# "Services" = "one_time"',
    ]
    return "\n".join(lines) + "\n"
