"""Names that hold a line break (a CRM import can write ``name: "Two\\nLines"``) or a control character keep
``samkit diff``'s one line per change: the text shows them as ``\\n`` and ``\\x1b``, the Markdown comment
keeps each on its list item."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.gitrepo import GitRepo, isolate_git

Run = Callable[..., Any]
PLAN = "plans/y.yaml"
BEFORE = """\
account:
  name: Y Co
  manager: Tom Lee
stakeholders:
  - name: "Ann\\nLee"
    relationship: weak
opportunities:
  - name: Fleet
    value: $300K
    probability: 50%
"""
AFTER = """\
account:
  name: Y Co
  manager: Tom Lee
stakeholders:
  - name: "Ann\\nLee"
    title: "Chief\\nTechnology Officer"
    relationship: strong
  - name: "Red\\x1b[31m\\nHerring"
    title: "CTO\\tand more"
    relationship: weak
opportunities:
  - name: Fleet
    value: $300K
    probability: 50%
  - name: "Two\\nLines"
    value: $5K
    probability: 50%
risks:
  - risk: "Risk\\nsplit"
    severity: low
"""
NEW_PLAN = """\
account:
  name: "New\\nCo"
  manager: "Ma\\nnager"
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """Y Co committed, then given names with line breaks, a tab and an escape sequence in the working tree."""
    isolate_git(monkeypatch, tmp_path)
    repository = GitRepo.create(tmp_path / "repo")
    repository.write(PLAN, BEFORE, dedent=False)
    repository.commit("Y Co", date="2026-01-12T10:00:00")
    repository.write(PLAN, AFTER, dedent=False)
    repository.write("plans/new.yaml", NEW_PLAN, dedent=False)
    monkeypatch.chdir(repository.root)
    return repository


def test_text_keeps_one_line_per_change(repo: GitRepo, run_cli: Run) -> None:
    result = run_cli("diff")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "New\\nCo · plans/new.yaml · added",
        "  New plan: manager Ma\\nnager; no tier; 0 stakeholders (0 relationships, 0 strong); 0 opportunities",
        "  Pipeline: (none) → $0; weighted (none) → $0",
        "",
        "Y Co · plans/y.yaml · modified",
        "  Stakeholders:",
        "    Added stakeholder Red\\x1b[31m\\nHerring (CTO\\tand more) — weak",
        "    Ann\\nLee: title (none) → Chief Technology Officer",
        "    Ann\\nLee: relationship weak → strong (strengthened)",
        "  Opportunities:",
        "    Added opportunity Two\\nLines — $5,000, recurring, 50% likely",
        "  Risks:",
        "    Added risk Risk\\nsplit — low severity, no mitigation",
        "  Pipeline: $300,000 → $305,000 (+$5,000); weighted $150,000 → $152,500 (+$2,500)",
    ]
    assert "\x1b" not in result.stdout and "\t" not in result.stdout


def _inline_text(token: Any) -> str:
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))


def test_markdown_keeps_each_name_on_its_list_item(repo: GitRepo, run_cli: Run) -> None:
    result = run_cli("diff", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "#### **New Co** · `plans/new.yaml` · added" in lines
    assert "New plan: manager Ma nager; no tier; 0 stakeholders (0 relationships, 0 strong); 0 opportunities" in lines
    items = [line for line in lines if line.startswith("- ")]
    assert items == [
        "- Added stakeholder **Red\\x1b\\[31m Herring** (CTO and more) — weak",
        "- **Ann Lee**: title (none) → Chief Technology Officer",
        "- **Ann Lee**: relationship weak → strong (strengthened)",
        "- Added opportunity **Two Lines** — \\$5,000, recurring, 50% likely",
        "- Added risk **Risk split** — low severity, no mitigation",
    ]
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    rendered = [_inline_text(tokens[index + 2]) for index, token in enumerate(tokens) if token.type == "list_item_open"]
    assert rendered == [
        "Added stakeholder Red\\x1b[31m Herring (CTO and more) — weak",
        "Ann Lee: title (none) → Chief Technology Officer",
        "Ann Lee: relationship weak → strong (strengthened)",
        "Added opportunity Two Lines — $5,000, recurring, 50% likely",
        "Added risk Risk split — low severity, no mitigation",
    ]
    assert "\x1b" not in result.stdout
