"""A small plans repository with dated commits, for the worked example of docs/metrics.md.

    python docs/examples/metrics_history.py /tmp/metrics-example
    cd /tmp/metrics-example
    samkit metrics --from 2026-01-01 --to 2026-03-31 --today 2026-04-15

The history, so every figure can be re-derived by hand:

- 2025-12-20: five accounts. Maria Rodriguez: Acme Corp (strategic, $1,000,000, renewal 2026-02-15),
  Borealis Bank (strategic, $800,000), Echo Media (key, $300,000). James Okafor: Cobalt Health (key,
  $400,000, renewal 2026-03-01), Delta Freight (standard, $200,000).
- 2026-02-10: Acme Corp grows to $1,300,000 (a $300,000 recurring opportunity won on 2026-02-05);
  Borealis Bank shrinks to $750,000.
- 2026-03-05: Delta Freight churns (status: churned); echo-media.yaml is renamed echo-media-group.yaml
  (the same account); Fjord Energy ($250,000, strategic, James Okafor) is added.
- 2026-04-03, after the period: Cobalt Health grows to $500,000 (not counted for a period ending 2026-03-31).

samkit.toml sets the program's cost: $250,000 a year per SAM, $275,000 for Maria Rodriguez.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

CONFIG = """\
[program]
sam_cost = 250000
[program.sam_costs]
"Maria Rodriguez" = 275000
"""


def plan(
    name: str,
    manager: str,
    tier: str,
    arr: str,
    *,
    status: str = "active",
    renewal: str | None = None,
    extra: str = "",
) -> str:
    renewal_line = f"  renewal_date: {renewal}\n" if renewal else ""
    return (
        textwrap.dedent(
            f"""\
            version: 1
            account:
              name: {name}
              manager: {manager}
              tier: {tier}
              arr: {arr}
              status: {status}
            """
        )
        + renewal_line
        + textwrap.dedent(
            """\
            last_reviewed: 2026-01-15
            stakeholders:
              - name: Pat Example
                title: Chief Executive Officer
                level: c_suite
                role: economic_buyer
                relationship: strong
                last_contact: 2026-02-20
            """
        )
        + extra
    )


ACME_WIN = """\
opportunities:
  - name: Payments expansion
    value: $300,000
    kind: recurring
    probability: 100%
    status: won
    closed: 2026-02-05
"""


def _git(root: Path, *arguments: str, when: str | None = None) -> None:
    environment = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Example",
        "GIT_AUTHOR_EMAIL": "example@example.com",
        "GIT_COMMITTER_NAME": "Example",
        "GIT_COMMITTER_EMAIL": "example@example.com",
    }
    if when:
        environment.update({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    subprocess.run(["git", *arguments], cwd=root, env=environment, check=True, capture_output=True)


def _commit(root: Path, message: str, when: str, files: dict[str, str | None]) -> None:
    for relative, text in files.items():
        path = root / relative
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "-m", message, when=when)


def build_history(root: Path) -> Path:
    """Create the example repository at ``root`` (which must not exist yet, or be empty); returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    _git(root, "init", "--quiet")
    _git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    maria, james = "Maria Rodriguez", "James Okafor"
    _commit(
        root,
        "Five accounts",
        "2025-12-20T10:00:00",
        {
            "samkit.toml": CONFIG,
            "plans/acme-corp.yaml": plan("Acme Corp", maria, "strategic", "$1,000,000", renewal="2026-02-15"),
            "plans/borealis-bank.yaml": plan("Borealis Bank", maria, "strategic", "$800,000"),
            "plans/echo-media.yaml": plan("Echo Media", maria, "key", "$300,000"),
            "plans/cobalt-health.yaml": plan("Cobalt Health", james, "key", "$400,000", renewal="2026-03-01"),
            "plans/delta-freight.yaml": plan("Delta Freight", james, "standard", "$200,000"),
        },
    )
    _commit(
        root,
        "Acme expands, Borealis contracts",
        "2026-02-10T10:00:00",
        {
            "plans/acme-corp.yaml": plan(
                "Acme Corp", maria, "strategic", "$1,300,000", renewal="2026-02-15", extra=ACME_WIN
            ),
            "plans/borealis-bank.yaml": plan("Borealis Bank", maria, "strategic", "$750,000"),
        },
    )
    _commit(
        root,
        "Delta churns, Echo renamed, Fjord added",
        "2026-03-05T10:00:00",
        {
            "plans/delta-freight.yaml": plan("Delta Freight", james, "standard", "$200,000", status="churned"),
            "plans/echo-media.yaml": None,
            "plans/echo-media-group.yaml": plan("Echo Media", maria, "key", "$300,000"),
            "plans/fjord-energy.yaml": plan("Fjord Energy", james, "strategic", "$250,000"),
        },
    )
    _commit(
        root,
        "Cobalt grows after the quarter",
        "2026-04-03T10:00:00",
        {"plans/cobalt-health.yaml": plan("Cobalt Health", james, "key", "$500,000", renewal="2026-03-01")},
    )
    return root


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="samkit-metrics-"))
    print(build_history(target))
