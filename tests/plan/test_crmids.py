"""One key per CRM record: a Salesforce id in its 15- and 18-character forms, any other id by its text."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samkit.plan.crmids import crm_id_key, key_probe
from samkit.plan.loader import load_text


def eighteen(fifteen: str) -> str:
    """Salesforce's documented suffix, written independently: each five characters reversed, upper case as 1,
    read as a binary number, which picks a character of A-Z0-5."""
    alphabet = string.ascii_uppercase + "012345"
    suffix = ""
    for start in (0, 5, 10):
        bits = "".join("1" if char in string.ascii_uppercase else "0" for char in reversed(fifteen[start : start + 5]))
        suffix += alphabet[int(bits, 2)]
    return fifteen + suffix


salesforce_ids = st.text(string.ascii_letters + string.digits, min_size=15, max_size=15)


def test_a_published_pair_is_one_record() -> None:
    assert eighteen("a0D30000001n7Pi") == "a0D30000001n7PiEAI"
    assert crm_id_key("a0D30000001n7PiEAI") == crm_id_key("a0D30000001n7Pi") == "a0D30000001n7Pi"


@given(salesforce_ids)
def test_every_form_of_a_salesforce_id_has_the_15_character_key(fifteen: str) -> None:
    long_form = eighteen(fifteen)
    for written in (fifteen, long_form, long_form.lower(), long_form.upper(), f"  {long_form}\t"):
        assert crm_id_key(written) == fifteen


@given(salesforce_ids)
def test_15_character_ids_that_differ_in_case_are_two_records(fifteen: str) -> None:
    swapped = fifteen.swapcase()
    if swapped != fifteen:  # some letter
        assert crm_id_key(swapped) != crm_id_key(fifteen)
        assert crm_id_key(eighteen(swapped)) != crm_id_key(eighteen(fifteen))


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("18374650211", "18374650211"),  # HubSpot: a number
        (" HubSpot-77 ", "hubspot-77"),
        ("123456789012345678", "123456789012345678"),  # 18 digits (Zoho): no suffix names a digit upper case
        ("6F9619FF-8B86-D011-B42D-00C04FC964FF", "6f9619ff-8b86-d011-b42d-00c04fc964ff"),  # a GUID
        # 18 characters whose letters are cased against their own suffix: not a Salesforce id, read as text
        ("0015e00000ABCdeAAA", "0015e00000abcdeaaa"),
        ("0015é00000ABCdeQAR", "0015é00000abcdeqar"),  # not ASCII
    ],
)
def test_other_ids_compare_ignoring_case_and_spaces(written: str, key: str) -> None:
    assert crm_id_key(written) == key


def test_a_plan_that_holds_one_opportunity_id_in_both_forms_is_refused() -> None:
    text = (
        "account:\n  name: A\n  manager: M\nopportunities:\n"
        "  - name: One\n    value: 1\n    timeframe: Q1 2026\n    probability: 50%\n    crm_id: 0065e00000PAY01\n"
        f"  - name: Two\n    value: 1\n    timeframe: Q1 2026\n    probability: 50%\n    crm_id: {eighteen('0065e00000PAY01')}\n"
    )
    findings = load_text(text, "a.yaml").findings
    assert [(finding.line, finding.message.split(";")[0]) for finding in findings] == [
        (14, f"opportunities.1.crm_id: '{eighteen('0065e00000PAY01')}' is already used on line 9")
    ]


@given(st.one_of(salesforce_ids.map(eighteen), salesforce_ids, st.text(max_size=30)))
def test_an_id_and_its_key_have_one_probe(written: str) -> None:
    """``key_probe`` is a necessary condition: an id whose probe no key has cannot have one of those keys."""
    assert key_probe(written) == key_probe(crm_id_key(written))
