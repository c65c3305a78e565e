"""What a plan that does not load still says of its account: its names and CRM id.

An import leaves such a plan untouched, and must still tell a row of its account (skipped: the plan does not
load) from a row of an account outside the program (``unknown account``: add it). The plan is read as far
as the strict reader reads it, nothing guessed: the whole text when it is valid YAML (a plan that breaks
the plan format, say a tier misspelt), else its top-level ``account:`` section alone (a tab or a stray quote
further down). A section that does not read either gives None: that plan's account is unknown.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from samkit.fileio.inputs import InputProblem, read_input
from samkit.plan.yamlsafe import MAX_BYTES, YamlProblem, decode, parse_yaml

# the top-level `account:` key (its section follows on indented, blank and comment lines) and a top-level line
_ACCOUNT_KEY = re.compile(r"account[ \t]*:(?:[ \t]|$)")
_TOP_LEVEL = re.compile(r"[^\s#]")


@dataclass(frozen=True)
class AccountNames:
    """``account.name`` and ``account.aliases`` (``names``) and ``account.crm_id``, as the plan writes them."""

    names: tuple[str, ...]
    crm_id: str | None = None


def account_of_file(path: str | os.PathLike[str]) -> AccountNames | None:
    """``account_names`` of the plan file at ``path``; None when it cannot be read at all (too large, say)."""
    try:
        return account_names(read_input(path, MAX_BYTES, "plan"))
    except InputProblem:
        return None


def account_names(raw: bytes) -> AccountNames | None:
    """The account a plan's bytes name, read whole or from the ``account:`` section alone; None if neither
    reads or the section has no name."""
    try:
        text = decode(raw)
    except YamlProblem:  # not UTF-8 (or UTF-16): nothing in it can be read
        return None
    try:
        data = parse_yaml(text)[0]
    except YamlProblem:
        data = _account_section(text)
    account = data.get("account") if isinstance(data, dict) else None
    if not isinstance(account, dict):
        return None
    name = _text(account.get("name"))
    if name is None:
        return None
    aliases = account.get("aliases")
    others = [_text(alias) for alias in (aliases if isinstance(aliases, list) else [aliases])]
    return AccountNames((name, *(alias for alias in others if alias)), _text(account.get("crm_id")))


def _account_section(text: str) -> Any:
    """The top-level ``account:`` section parsed on its own, or None when there is none or it does not read."""
    lines = text.splitlines(keepends=True)
    start = next((number for number, line in enumerate(lines) if _ACCOUNT_KEY.match(line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and not _TOP_LEVEL.match(lines[end]):
        end += 1
    try:
        return parse_yaml("".join(lines[start:end]))[0]
    except YamlProblem:
        return None


def _text(value: Any) -> str | None:
    """A name or an id as written: text, or digits (a HubSpot id written as a number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str | int):
        return str(value).strip() or None
    return None
