"""What a plan that does not load still says of its account, read by the strict reader or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from samkit.plan.loader import load_text
from samkit.plan.salvage import AccountNames, account_names, account_of_file

ACCOUNT = (
    "version: 1\naccount:   # the customer\n  name: 'Acme, Inc.'\n  aliases: [Acme Labs]\n  crm_id: 0015e00000AbCdE\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ACCOUNT + "  tier: keyy\n", AccountNames(("Acme, Inc.", "Acme Labs"), "0015e00000AbCdE")),  # the format
        (
            ACCOUNT + "\n# people\nstakeholders:\n\t- name: Ann\n",
            AccountNames(("Acme, Inc.", "Acme Labs"), "0015e00000AbCdE"),
        ),
        (
            "account:\n  name: Acme\n  aliases: Acme Labs\n  crm_id: 4521\nrisks: [\n",
            AccountNames(("Acme", "Acme Labs"), "4521"),
        ),
        ("account: {name: Acme}\nrisks: [\n", AccountNames(("Acme",))),
        ("account:\n\tname: Acme\n", None),  # the section itself does not read: nothing is guessed
        ("account:\n  name: [Acme\nrisks: []\n", None),
        ("stakeholders:\n\t- name: Ann\n", None),  # no account section
        ("account:\n  manager: M\nx: [\n", None),  # no name
        ("account:\n  name: true\n", None),
    ],
    ids=["schema", "tab-below", "flow-error-below", "inline", "tab-inside", "broken-name", "none", "no-name", "bool"],
)
def test_the_account_of_a_plan_that_does_not_load(text: str, expected: AccountNames | None) -> None:
    assert load_text(text).plan is None  # each of these is a plan that does not load
    assert account_names(text.encode("utf-8")) == expected


def test_a_file_that_cannot_be_read_names_no_account(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("account:\n  name: Big Co\n" + "# padding\n" * 110_000, encoding="utf-8")
    assert account_of_file(big) is None
    utf16 = tmp_path / "wide.yaml"
    utf16.write_bytes("account:\n  name: Wide Co\n".encode("utf-16"))
    assert account_of_file(utf16) is None
    assert account_of_file(tmp_path / "missing.yaml") is None
