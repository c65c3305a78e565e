"""Never the wrong person: accounts by normalised name, aliases and CRM id; people within the matched account."""

from __future__ import annotations

from datetime import date

import pytest

from samkit.importers.base import Activity, Skip
from samkit.importers.matching import Person, PlanIndex, account_key
from samkit.plan.loader import load_text
from samkit.plan.model import Plan
from samkit.plan.salvage import AccountNames

GFC = """\
account:
  name: Global Financial Corp
  manager: M
  crm_id: 001GFC
  team:
    - name: Maria Rodriguez
      email: maria@vendor.example
stakeholders:
  - name: Lisa Thompson
    email: lisa@gfc.example
    crm_id: 003LISA
    relationship: strong
  - name: Unique Person
    relationship: weak
"""
CONTOSO = """\
account:
  name: Contoso Pharma
  aliases: Contoso Pharmaceuticals Holding AG
  manager: M
stakeholders:
  - name: Lisa Thompson
    relationship: weak
"""


def plan(text: str) -> Plan:
    loaded = load_text(text)
    assert loaded.plan is not None, loaded.findings
    return loaded.plan


@pytest.fixture
def index() -> PlanIndex:
    return PlanIndex([("gfc.yaml", plan(GFC)), ("contoso.yaml", plan(CONTOSO))], ["vendor.example"])


def row(
    account: str | None = None,
    contact: str | None = None,
    email: str | None = None,
    account_id: str | None = None,
    contact_id: str | None = None,
) -> Activity:
    return Activity("x.csv", 2, date(2026, 2, 1), account, contact, email, account_id, contact_id)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Contoso Pharma, Inc.", "contoso pharma"),
        ("CONTOSO  PHARMA", "contoso pharma"),
        ("Contoso-Pharma GmbH", "contoso pharma"),
        ("Acme S.A.", "acme"),
        ("Acme L.L.C.", "acme"),
        ("Smith & Sons plc", "smith and sons"),
        ("Inc.", "inc"),  # a name that is only a suffix stays a name
        ("Global Financial Corporation", "global financial"),
    ],
)
def test_account_names_are_normalised(name: str, key: str) -> None:
    assert account_key(name) == key


def test_the_named_account_decides_whose_lisa_it_is(index: PlanIndex) -> None:
    assert index.match(row("Global Financial Corp.", "lisa thompson")) == (0, 0)
    assert index.match(row("Contoso Pharmaceuticals Holding", "Lisa Thompson")) == (1, 0)  # by alias
    assert index.match(row("Acme, Inc.", "Lisa Thompson")) is Skip.UNKNOWN_ACCOUNT
    assert index.match(row(None, "Lisa Thompson")) is Skip.AMBIGUOUS  # two Lisas in the program
    assert index.match(row(None, "Unique Person")) == (0, 1)


def test_an_email_or_id_of_another_accounts_stakeholder_is_never_taken(index: PlanIndex) -> None:
    assert index.match(row("Contoso Pharma", "Lisa Thompson", "lisa@gfc.example")) is Skip.OTHER_ACCOUNT
    assert index.match(row("Contoso Pharma", None, None, None, "003LISA")) is Skip.OTHER_ACCOUNT
    assert index.match(row(None, None, "LISA@gfc.example")) == (0, 0)


def test_crm_ids_match_accounts_and_people(index: PlanIndex) -> None:
    assert index.match(row(None, None, None, "001gfc", "003LISA")) == (0, 0)
    # a name match whose plan carries another CRM id is another company of that name
    assert index.match(row("Global Financial Corp", "Lisa Thompson", None, "001OTHER")) is Skip.UNKNOWN_ACCOUNT
    assert index.match(row(None, None, None, "001NOPE", "003LISA")) is Skip.UNKNOWN_ACCOUNT
    assert index.match(row("Global Financial Corp", None, None, None, "003NOBODY")) is Skip.UNKNOWN_PERSON


def test_colleagues_are_internal_and_stakeholders_never_are(index: PlanIndex) -> None:
    assert index.internal(row(None, "Sam", "sam@vendor.example"))
    assert index.internal(row(None, "Maria", "maria@vendor.example"))
    assert not index.internal(row(None, "Lisa", "lisa@gfc.example"))
    both = PlanIndex([("gfc.yaml", plan(GFC.replace("lisa@gfc.example", "lisa@vendor.example")))], ["vendor.example"])
    assert not both.internal(row(None, "Lisa", "lisa@vendor.example"))  # a stakeholder of the plan


def test_a_record_of_several_companies_is_the_one_in_the_program(index: PlanIndex) -> None:
    """HubSpot joins the companies a record is associated with by ``;`` (names, and ids in their column)."""
    assert index.account_of(row("Northwind Traders; Contoso Pharma, Inc.")) == 1
    assert index.account_of(row("Northwind Traders;Acme", None, None, "777;001GFC")) == 0  # by its id
    assert index.account_of(row("Northwind Traders;Acme")) is Skip.UNKNOWN_ACCOUNT
    assert index.account_of(row("Global Financial Corp;Contoso Pharma")) is Skip.AMBIGUOUS  # both in the program
    # a name match whose plan carries an id that is not among the row's ids is another company of that name
    assert index.account_of(row("Global Financial Corp;Acme", None, None, "777;778")) is Skip.UNKNOWN_ACCOUNT
    assert index.account_of(row("Contoso Pharma;Acme", None, None, "777;778")) == 1  # no id in the plan: by name
    # an account whose own name holds a `;` is found whole first
    semicolon = PlanIndex([("odd.yaml", plan(CONTOSO.replace("Contoso Pharma\n", "Smith; Jones\n")))])
    assert semicolon.account_of(row("Smith; Jones")) == 0
    assert index.match(row("Acme;Global Financial Corp", "Lisa Thompson")) == (0, 0)  # whose Lisa it is, too


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"account": "Broken Holdings, Inc.", "contact": "Lisa Thompson"}, Skip.NOT_LOADED),  # its name, normalised
        ({"account": "Broken Labs", "contact": "Ann"}, Skip.NOT_LOADED),  # an alias of it
        ({"account": "Someone Else", "account_id": "001broken", "contact": "Ann"}, Skip.NOT_LOADED),  # its id
        ({"account": "Broken Holdings", "account_id": "001OTHER", "contact": "Ann"}, Skip.UNKNOWN_ACCOUNT),
        ({"account": "Fabrikam", "contact": "Ann"}, Skip.UNKNOWN_ACCOUNT),  # in no plan at all: listed to add
        ({"account": "Acme; Broken Labs", "contact": "Ann"}, Skip.NOT_LOADED),  # one of several companies
        ({"account": "Global Financial Corp", "contact": "Lisa Thompson"}, (0, 0)),  # a plan that loads: certain
        ({"contact": "Unique Person"}, Skip.NOT_LOADED),  # no account: the broken plan may have them too
        ({"email": "lisa@gfc.example"}, Skip.NOT_LOADED),  # an email or id alike
        ({"contact_id": "003LISA"}, Skip.NOT_LOADED),
    ],
)
def test_a_row_that_may_be_about_a_plan_that_does_not_load_is_skipped_as_such(
    index: PlanIndex, cells: dict[str, str], expected: Person | Skip
) -> None:
    index.add_unloaded(AccountNames(("Broken Holdings", "Broken Labs"), "001BROKEN"))
    assert index.match(row(**cells)) == expected


def test_a_plan_whose_account_cannot_be_read_may_be_any_account_outside_the_program(index: PlanIndex) -> None:
    index.add_unloaded(None)
    assert index.match(row("Fabrikam", "Ann")) is Skip.NOT_LOADED
    assert index.match(row("Contoso Pharma", "Lisa Thompson")) == (1, 0)
