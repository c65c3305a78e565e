"""Reading the site's pages back: a strict HTML walk (every element closed in order) that collects links,
ids, attributes, scripts and text, for the HTML-parser tests and the browser tests alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# a plan with every section the account page draws: team, RACI, whitespace, departed people, risks, actions
FULL_PLAN = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
  executive_sponsor: Sam Lee
  tier: strategic
  arr: 1200000
  team:
    - {name: Maria Rodriguez, role: strategic_account_manager}
    - {name: Tom Lee, role: technical_account_manager}
last_reviewed: 2026-01-10
context:
  initiatives: [Move payments to real time]
stakeholders:
  - {name: Jane Wu, title: CTO, department: Technology, role: economic_buyer, relationship: strong, last_contact: 2026-01-08, covered_by: Sam Lee}
  - {name: Mike Chen, title: VP Engineering, department: Technology, relationship: moderate, reports_to: Jane Wu, last_contact: 2026-01-05, support: advocate, influence: high}
  - {name: Lisa Park, title: CFO, department: Finance, relationship: weak, last_contact: 2025-10-01, cares_about: [Cost per transaction], notes: [Prefers email]}
  - {name: Old Friend, title: Director IT, department: IT, relationship: strong, status: left}
state: {health_score: 64, feature_adoption: 58%}
opportunities:
  - {name: Analytics, value: $120K, probability: 80%, timeframe: Q2 2026}
  - {name: Services, value: 85000, kind: one_time, probability: 50%}
risks:
  - {risk: Competitor pilot, severity: high, mitigation: [Executive briefing]}
actions:
  - {due: 2026-02-01, action: Call the CFO, owner: Maria Rodriguez}
  - {due: 2026-02-20, action: Roadmap briefing, owner: Tom Lee}
raci:
  - {activity: QBR, responsible: Maria Rodriguez, accountable: Sam Lee, consulted: [Tom Lee]}
whitespace:
  - {unit: Retail, product: Analytics, status: adopted}
  - {unit: Retail, product: Payments, status: pipeline, potential: 200000, opportunity: Analytics}
  - {unit: Wealth, product: Analytics, status: competitor, potential: 150000, competitor: Rival Inc}
  - {unit: Wealth, product: Payments, status: untapped, potential: 90000}
"""


@dataclass
class Page:
    path: Path
    links: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value)
    tags: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)


class _Walker(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append(tag)
        for name, value in attrs:
            self.page.attributes.append((tag, name, value or ""))
            if name == "href" and tag == "a":
                self.page.links.append(value or "")
            if name in {"src", "srcset", "poster", "data"} or (name == "href" and tag == "link"):
                self.page.sources.append(value or "")
            if name == "id":
                self.page.ids.add(value or "")
            if name == "class":
                self.page.classes.extend((value or "").split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"{self.page.path}: </{tag}> closes nothing"
        opened = self.stack.pop()
        assert opened == tag, f"{self.page.path}: <{opened}> closed by </{tag}> at {self.getpos()}"

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in {"script", "style"}:
            return
        self.page.text.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    walker = _Walker(page)
    walker.feed(path.read_text(encoding="utf-8"))
    walker.close()
    assert not walker.stack, f"{path}: unclosed {walker.stack}"
    return page


def site_files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def big_org_plan(people: int = 60, departments: int = 6, name: str = "Orbit Holdings") -> str:
    """A plan whose stakeholder map is a large org chart: a CEO, a C-suite or VP head per department reporting
    to her, managers under the heads, staff under the managers, and a few people with no reporting line."""
    units = ["Finance", "Technology", "Operations", "Procurement", "Security", "Marketing", "Legal", "People"]
    rows = [
        "  - {name: Dana Whitfield, title: Chief Executive Officer, department: Executive, level: c_suite, relationship: strong, support: advocate, influence: high, covered_by: Maria Rodriguez}"
    ]
    heads = []
    for number in range(departments - 1):
        unit = units[number]
        head = f"{unit} Head"
        heads.append((unit, head))
        rows.append(
            f"  - {{name: {head}, title: VP {unit}, department: {unit}, level: vp, relationship: moderate, "
            f"support: supporter, reports_to: Dana Whitfield}}"
        )
    relationships = ["strong", "moderate", "weak", "none"]
    supports = ["advocate", "supporter", "neutral", "skeptic", "opponent"]
    count = len(rows)
    number = 0
    while count < people - 4:
        unit, head = heads[number % len(heads)]
        boss = (
            head
            if number < 2 * len(heads)
            else f"{heads[number % len(heads)][0]} Manager {number % (2 * len(heads)) // len(heads)}"
        )
        title = "Director" if number < 2 * len(heads) else "Analyst"
        person = f"{unit} Manager {number // len(heads)}" if number < 2 * len(heads) else f"{unit} Staff {number}"
        status = ", status: left" if number % 17 == 5 else ""
        rows.append(
            f"  - {{name: {person}, title: {title} {unit}, department: {unit}, relationship: "
            f"{relationships[number % 4]}, support: {supports[number % 5]}, reports_to: {boss}{status}}}"
        )
        count += 1
        number += 1
    for extra in range(people - count):
        unit = heads[extra % len(heads)][0]
        rows.append(f"  - {{name: Loose Contact {extra}, title: Specialist, department: {unit}, relationship: weak}}")
    return (
        f"account:\n  name: {name}\n  manager: Maria Rodriguez\n  tier: strategic\n  arr: 900000\n"
        "last_reviewed: 2026-01-20\n"
        "stakeholders:\n" + "\n".join(rows) + "\n"
        "state: {health_score: 35}\n"
        "actions:\n  - {due: 2026-01-20, action: Map the procurement chain and agree the renewal path with the CFO, owner: Maria Rodriguez}\n"
    )
