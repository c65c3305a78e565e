"""Scaffold a lint rule: its check in a family module, its place in the registry, its case file and its docs page.

    python scripts/new_rule.py SAM309 renewal-without-owner --family hygiene [--severity warning] [--dry-run]
    make new-rule CODE=SAM309 NAME=renewal-without-owner FAMILY=hygiene

What it writes (CONTRIBUTING.md, "Adding a lint rule", says what to do next):

- ``samkit/rules/FAMILY.py``: a ``@rule`` check that finds nothing yet, with the docstring to fill in (what it
  checks, why it matters, a failing and a passing example). A new family gets a new module.
- ``samkit/rules/__init__.py``: the rule in ``RULES``, after the family's other rules.
- ``tests/rules/cases/CODE.yaml``: a plan the rule must leave alone, and a failing case whose finding is a
  placeholder (line 0), so the test fails until the rule and its case are written.
- ``docs/lint.md``: the rule table and pages regenerated (``scripts/gen_docs.py``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RULES_DIR = REPO / "samkit" / "rules"
REGISTRY = RULES_DIR / "__init__.py"
CASES_DIR = REPO / "tests" / "rules" / "cases"

CHECK = '''

@rule("{code}", "{name}", Severity.{severity})
def {function}(context: RuleContext) -> Iterator[Hit]:
    """TODO: what the rule checks, in one sentence (``samkit rules`` shows it).

    TODO: the boundary (what exactly fires, what does not), the configuration it reads, and what the finding
    points at.

    Why it matters: TODO.

    Fails (on 2026-02-01):

        account:
          name: TODO a plan fragment that gives {code}
          manager: Maria Rodriguez

    Passes:

        account:
          name: TODO the same fragment, fixed
          manager: Maria Rodriguez
    """
    # yield context.item_hit(("section", index), "field", "message naming the item and the figures")
    yield from ()
'''

NEW_FAMILY = '''"""{codes}: TODO what this family of rules checks."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule
'''

CASES = """# {code}: plans that must give this rule's findings (line and column) and plans that must not.
# Run by tests/rules/test_rule_cases.py; `today` and `config` (samkit.toml's tables) may be set per case.
rule: {code}
today: '2026-02-01'
cases:
- name: TODO the smallest plan that gives {code}
  plan: |
{plan}
  findings:
  - line: 0  # TODO: the line and column the finding points at
    column: 0
- name: a plan no rule flags
  plan: |
{plan}
  findings: []
"""


def function_name(name: str) -> str:
    return name.replace("-", "_")


def plan_text() -> str:
    sys.path.insert(0, str(REPO))
    from tests.rules.plans import PlanSpec

    return "\n".join(f"    {line}" if line else "" for line in PlanSpec().yaml().splitlines())


def planned_writes(code: str, name: str, family: str, severity: str) -> dict[Path, str]:
    """Every file the scaffold writes, with its new text."""
    if not re.fullmatch(r"SAM\d{3}", code):
        raise SystemExit(f"{code}: a rule code is SAM and three digits")
    if not re.fullmatch(r"[a-z]+(-[a-z]+)*", name):
        raise SystemExit(f"{name}: a rule name is lower-case words joined by hyphens")
    registry = REGISTRY.read_text(encoding="utf-8")
    if f'"{code}"' in "".join(path.read_text(encoding="utf-8") for path in RULES_DIR.glob("*.py")):
        raise SystemExit(f"{code} exists already: pick the next free code (samkit rules lists them)")
    module = RULES_DIR / f"{family}.py"
    function = function_name(name)
    check = CHECK.format(code=code, name=name, severity=severity.upper(), function=function)
    source = module.read_text(encoding="utf-8") if module.exists() else NEW_FAMILY.format(codes=code)
    entries = re.findall(rf"^        {family}\.\w+,\n", registry, re.MULTILINE)
    if entries:
        registry = registry.replace(entries[-1], entries[-1] + f"        {family}.{function},\n")
    else:
        registry = registry.replace(
            "        accepts.unused_accept,\n", f"        {family}.{function},\n        accepts.unused_accept,\n"
        )
        registry = re.sub(
            r"^from samkit\.rules import (.+)$",
            lambda match: "from samkit.rules import " + ", ".join(sorted({*match.group(1).split(", "), family})),
            registry,
            count=1,
            flags=re.MULTILINE,
        )
    return {
        module: source.rstrip("\n") + "\n" + check,
        REGISTRY: registry,
        CASES_DIR / f"{code}.yaml": CASES.format(code=code, plan=plan_text()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("code", help="the new rule's code, e.g. SAM309")
    parser.add_argument("name", help="its name, lower-case words joined by hyphens, e.g. renewal-without-owner")
    parser.add_argument("--family", required=True, help="the module under samkit/rules/ it belongs to, e.g. hygiene")
    parser.add_argument("--severity", choices=("error", "warning"), default="warning", help="default: warning")
    parser.add_argument("--dry-run", action="store_true", help="say what would be written, write nothing")
    options = parser.parse_args(argv)
    writes = planned_writes(options.code, options.name, options.family, options.severity)
    for path, text in writes.items():
        print(f"{'would write' if options.dry_run else 'wrote'} {path.relative_to(REPO)}")
        if not options.dry_run:
            path.write_text(text, encoding="utf-8")
    if options.dry_run:
        print("would regenerate docs/lint.md")
        return 0
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_docs.py")], check=True)
    print(
        f"next: write the check and its docstring in samkit/rules/{options.family}.py, the cases in "
        f"tests/rules/cases/{options.code}.yaml, then run make docs and .venv/bin/pytest tests/rules"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
