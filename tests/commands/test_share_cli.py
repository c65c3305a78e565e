"""`samkit share`: the mutual plan written atomically as Markdown or HTML; exit codes; hostile text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.output.terminal import terminal_safe
from samkit.plan.loader import load_text
from tests.conftest import TEST_DATA
from tests.site.conftest import corpus_file
from tests.site.sitepages import read_page

MUTUAL = TEST_DATA / "mutual-plan.yaml"
TODAY = "2026-01-30"
# characters that must never reach the page live: C0/C1 controls but tab and newline, bidi controls, separators
LIVE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_html_is_one_self_contained_page_styled_like_the_site(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "gfc-mutual.html"
    result = run_cli("share", str(MUTUAL), "-o", str(target), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = read_page(target)
    assert page.sources == []  # nothing loaded: no stylesheet, image or font from anywhere
    assert "script" not in page.tags
    assert "style" in page.tags and "header" in page.tags
    text = " ".join(page.text)
    for shown in ("Faster ticket resolution", "97.5%", "Automated triage live", "Jennifer Wu (yours)", "$180,000"):
        assert shown in text
    for internal in ("Payments readiness", "Lisa Thompson", "skeptic", "Competitive evaluation", "$850,000", "RACI"):
        assert internal not in text
    assert [value for tag, name, value in page.attributes if tag == "progress" and name == "value"] == ["975", "250"]
    assert "https://support.example/reports/2026-01" in page.links


def test_markdown_by_suffix_by_format_and_on_stdout(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    to_stdout = run_cli("share", str(MUTUAL), "--today", TODAY)
    assert to_stdout.exit_code == 0 and to_stdout.stdout.startswith("# Global Financial Corp: our mutual plan\n")
    target = tmp_path / "mutual.md"
    assert run_cli("share", str(MUTUAL), "-o", str(target), "--today", TODAY).exit_code == 0
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    forced = tmp_path / "mutual.txt"
    assert run_cli("share", str(MUTUAL), "-o", str(forced), "-f", "html", "--today", TODAY).exit_code == 0
    assert forced.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_an_overdue_review_shows_today_as_the_next_review_in_every_format(
    run_cli: Callable[..., Any], output_format: str
) -> None:
    # strategic, last reviewed Jan 12, 2026: Apr 14, 2026 has passed by Dec 7
    result = run_cli("share", str(MUTUAL), "-f", output_format, "--today", "2026-12-07")
    assert result.exit_code == 0, result.stderr
    assert "Dec 7, 2026" in result.stdout.split("Next review", 1)[1][:80]
    assert "Apr 14, 2026" not in result.stdout


def test_usage_errors_exit_2_and_write_nothing(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    odd = run_cli("share", str(MUTUAL), "-o", str(tmp_path / "mutual.pdf"))
    assert odd.exit_code == 2 and "write a .md or .html file" in odd.stderr
    assert not (tmp_path / "mutual.pdf").exists()
    missing = run_cli("share", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.md"))
    assert missing.exit_code == 2 and "nope.yaml" in missing.stderr
    folder = run_cli("share", str(tmp_path), "-o", str(tmp_path / "x.md"))
    assert folder.exit_code == 2 and "one plan file" in folder.stderr
    into_plan = run_cli("share", str(MUTUAL), "-o", str(MUTUAL), "-f", "markdown")
    assert into_plan.exit_code == 2
    assert not (tmp_path / "x.md").exists()


def test_a_plan_that_does_not_load_exits_1_and_leaves_the_old_file(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    plan = write_plan("account: {name: Acme, manager: M}\nobjectives:\n  - {name: A, baseline: 1, target: 1}\n")
    target = tmp_path / "acme.html"
    target.write_text("the page we sent last week", encoding="utf-8")
    result = run_cli("share", str(plan), "-o", str(target))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"{plan}:3:36: objectives.0.target: 1 equals the baseline; a target must differ from where the metric started\n"
    )
    assert target.read_text(encoding="utf-8") == "the page we sent last week"


def _naughty_mutual_plan(strings: list[str]) -> tuple[str, list[str]]:
    """A plan with every BLNS string that YAML carries in every new field: objective, metric, unit, owners,
    milestone, value delivered, evidence, shared action and its customer owner (a stakeholder)."""
    probe = "account: {name: Acme, manager: M}\nobjectives:\n  - name: x\n    metric: "
    kept = [text for text in strings if text.strip() and load_text(probe + json.dumps(text) + "\n").ok]
    people, objectives, values, actions = [], [], [], []
    for index, text in enumerate(kept):
        quoted = json.dumps(text)
        person = json.dumps(f"{text} ~{index}")  # names are unique ignoring case and spaces
        people.append(f"  - {{name: {person}, relationship: weak}}\n")
        objectives.append(
            f"  - {{name: {person}, metric: {quoted}, unit: {quoted}, baseline: 0, target: 10, current: 4, "
            f"owner: {quoted}, customer_owner: {person}, "
            f"milestones: [{{name: {quoted}, owner: {quoted}, customer_owner: {person}}}]}}\n"
        )
        values.append(
            f"  - {{date: 2026-01-02, outcome: {quoted}, evidence: {quoted}, objective: {person}, amount: 5}}\n"
        )
        actions.append(
            f"  - {{due: 2026-02-01, action: {quoted}, owner: {quoted}, shared: true, customer_owner: {person}}}\n"
        )
    text = (
        'account: {name: "<script>alert(1)</script> & \\"Co\\"", manager: Pat, team: [{name: "<b>Pat</b>"}]}\n'
        + "stakeholders:\n"
        + "".join(people)
        + "objectives:\n"
        + "".join(objectives)
        + "value_delivered:\n"
        + "".join(values)
        + "actions:\n"
        + "".join(actions)
    )
    return text, kept


def test_blns_in_every_new_field_is_escaped_with_no_bidi_control_left_live(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    strings = json.loads(corpus_file("blns.json").read_text(encoding="utf-8"))
    text, kept = _naughty_mutual_plan(strings)
    assert len(kept) > 400
    assert any(LIVE_CONTROL.search(string) for string in kept)  # the corpus does carry bidi overrides
    plan = tmp_path / "naughty.yaml"
    plan.write_text(text, encoding="utf-8")
    target = tmp_path / "naughty.html"
    result = run_cli("share", str(plan), "-o", str(target), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    raw = target.read_text(encoding="utf-8")
    assert LIVE_CONTROL.search(raw) is None
    page = read_page(target)
    assert "script" not in page.tags
    assert [(tag, name) for tag, name, _ in page.attributes if name.startswith("on")] == []
    assert set(page.tags) <= {
        "html", "head", "meta", "title", "style", "body", "header", "span", "main", "h1", "h2", "h3", "ul", "li",
        "section", "p", "progress", "strong", "div", "table", "caption", "thead", "tbody", "tfoot", "tr", "th",
        "td", "footer", "a",
    }  # fmt: skip
    shown = "".join(page.text)
    assert '<script>alert(1)</script> & "Co"' in shown and "<b>Pat</b>" in shown
    missing = [string for string in kept if terminal_safe(string) not in shown]
    assert missing == []
    # only our own links: evidence that is not an http(s) address never becomes one
    assert all(link.startswith(("http://", "https://", "mailto:")) for link in page.links)


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_the_file_is_replaced_atomically(run_cli: Callable[..., Any], tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"mutual{suffix}"
    target.write_text("old", encoding="utf-8")
    assert run_cli("share", str(MUTUAL), "-o", str(target), "--today", TODAY).exit_code == 0
    assert "Faster ticket resolution" in target.read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == [target.name]  # no temporary file left behind


def test_blns_in_the_markdown_opens_no_tag_and_leaves_no_control_live(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    from markdown_it import MarkdownIt

    strings = json.loads(corpus_file("blns.json").read_text(encoding="utf-8"))
    text, kept = _naughty_mutual_plan(strings)
    plan = tmp_path / "naughty.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run_cli("share", str(plan), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert LIVE_CONTROL.search(result.stdout) is None
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    inline = [child for token in tokens for child in token.children or []]
    markup = {child.content for child in inline if child.type == "html_inline"} | {
        token.content for token in tokens if token.type == "html_block"
    }
    assert markup <= {"<br>"}  # line breaks of multi-line text, nothing from the plan
    rows = [token for token in tokens if token.type == "tr_open"]
    # no text split a row: objectives, value and actions (a header and a row each), one milestone table per
    # objective (a header and its row), the team (a header and its row)
    assert len(rows) == 3 * (1 + len(kept)) + 2 * len(kept) + 2


def test_a_shared_action_with_one_owner_names_only_that_side(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    plan = tmp_path / "share.yaml"
    plan.write_text(
        "account:\n  name: Share Co\n  manager: Maria Rodriguez\n"
        "stakeholders:\n  - name: Ann Buyer\n    relationship: strong\n"
        "actions:\n"
        "  - due: 2026-05-01\n    action: Kick-off workshop\n    owner: Maria Rodriguez\n    shared: true\n"
        "  - due: 2026-05-02\n    action: Send data sample\n    customer_owner: Ann Buyer\n    shared: true\n",
        encoding="utf-8",
    )
    target = tmp_path / "share.md"
    result = run_cli("share", str(plan), "-o", str(target), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    rows = [line for line in target.read_text(encoding="utf-8").splitlines() if line.startswith("| May")]
    assert rows == [
        "| May 1, 2026 | Kick-off workshop | no | Maria Rodriguez (ours) |",
        "| May 2, 2026 | Send data sample | no | Ann Buyer (yours) |",
    ]
