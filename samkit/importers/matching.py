"""Who a row is about: never the wrong person (docs/imports.md, "Matching").

Accounts match by name normalised (case, punctuation, spacing, legal suffixes: ``Contoso Pharma, Inc.`` is
``Contoso Pharma``), by ``account.aliases`` and by ``account.crm_id`` against the row's account id. People
match by email first, then by ``stakeholders[].crm_id`` against the row's contact id, then by name, and
always *within the matched account*: a row naming an account outside the program is skipped, and so is a
row whose email or id belongs to a stakeholder of another account. Without an account on the row, a
person must be the only one across the program with that email, id or name, and every plan must load.

The plans are indexed once, so each row costs a few dictionary look-ups; the index keeps a few names per
plan (``IndexedPlan``), never the plans, so an import of thousands of plans stays small.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from samkit.importers.base import Activity, Skip
from samkit.plan.contacts import person_key
from samkit.plan.crmids import crm_id_key
from samkit.plan.model import Plan
from samkit.plan.salvage import AccountNames

Person = tuple[int, int]  # (plan number, stakeholder index)

# legal forms dropped from the end of an account name before comparing (all spellings after punctuation
# is removed: `S.A.` is `sa`, `L.L.C.` is `llc`)
LEGAL_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "gmbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "ab",
        "as",
        "asa",
        "oy",
        "pty",
        "pte",
        "kk",
        "se",
    ]
)
_DROPPED = re.compile(r"[.,'’`]")
_SPACED = re.compile(r"[^\w]+")


def account_key(name: str) -> str:
    """``Contoso Pharma, Inc.`` / ``CONTOSO  PHARMA`` / ``Contoso-Pharma GmbH`` → ``contoso pharma``."""
    text = _DROPPED.sub("", name.casefold().replace("&", " and "))
    words = _SPACED.sub(" ", text).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().casefold()


@dataclass(frozen=True, slots=True)
class IndexedPerson:
    """What an import needs of one stakeholder once the row is matched: whether and from when to update."""

    name: str
    active: bool
    last_contact: date | None


@dataclass(frozen=True, slots=True)
class IndexedPlan:
    """What an import keeps of one plan while it reads the rows: a few names, never the plan itself."""

    path: str
    account: str
    crm_id: str | None
    people: tuple[IndexedPerson, ...]
    churned: bool = False  # history: an import changes nothing of it


class PlanIndex:
    """Where accounts and people are found, built plan by plan (``add``) from the plans that load.

    People are indexed per plan (a row with an account looks only there) and across the program (a row
    without one, and the check that an email or id belongs to another account). Only the compact
    ``IndexedPlan`` of each plan is kept, so an import never holds every plan at once.
    """

    def __init__(self, plans: Iterable[tuple[str, Plan]] = (), internal_domains: Iterable[str] = ()) -> None:
        self.plans: list[IndexedPlan] = []
        self.accounts: dict[str, set[int]] = defaultdict(set)
        self.account_ids: dict[str, set[int]] = defaultdict(set)
        # (program-wide table, per-plan tables) for emails, contact ids and names
        self.emails: dict[str, list[Person]] = defaultdict(list)
        self.contact_ids: dict[str, list[Person]] = defaultdict(list)
        self.names: dict[str, list[Person]] = defaultdict(list)
        self.by_plan: list[tuple[dict[str, list[Person]], ...]] = []
        self.team_emails: set[str] = set()
        self.internal_domains = frozenset(domain.casefold() for domain in internal_domains)
        self._account_keys: dict[str, str] = {}
        self.learned: dict[int, str] = {}  # plan number → the account id this run learned, until an edit writes it
        self.unloaded = 0  # plans that do not load: a person looked for across the program may be in one of them
        # their accounts as far as they read (``samkit.plan.salvage``): (name keys, account id key); None: unknown
        self.unloaded_accounts: list[tuple[frozenset[str], str | None] | None] = []
        for path, plan in plans:
            self.add(path, plan)

    def learn_account_ids(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Before any row is matched: the account ids of the run's exports that name a program account whose
        plan has no id yet, so that every file and row of the run finds it by that id, whatever their order
        (Data Export and Data Loader name accounts in opportunity files by ``AccountId`` alone).

        ``pairs``: each (account name, account id) of the rows, stripped. An id is learned for a plan when
        the plan's name (or alias) finds exactly one plan and that plan, not churned, is found with that one
        id and the id with that one plan; two ids for one plan, or one id for two, teach nothing (the rows
        then match as before, by name). A learned id counts as the plan's own from then on: a row of that
        name with another id is another company, as it will be once the id is written.
        """
        ids_of: dict[int, set[str]] = defaultdict(set)
        plans_of: dict[str, set[int]] = defaultdict(set)
        spelled: dict[str, str] = {}
        for account, account_id in pairs:
            key = crm_id_key(account_id)
            if ";" in account_id or key in self.account_ids:
                continue  # several ids (which is the plan's?), or an id a plan has already
            found = self._account_named(account, account_id)
            if type(found) is int and not self.plans[found].churned:  # (a plan found so has no id of its own)
                ids_of[found].add(key)
                plans_of[key].add(found)
                spelled.setdefault(key, account_id)
        for number, keys in ids_of.items():
            key = next(iter(keys))
            if len(keys) == 1 and len(plans_of[key]) == 1:
                self.account_ids[key].add(number)
                self.plans[number] = replace(self.plans[number], crm_id=spelled[key])
                self.learned[number] = spelled[key]

    def add(self, path: str, plan: Plan) -> int:
        """Index one plan that loaded; returns its number (the first of a ``Person``)."""
        number = len(self.plans)
        people = tuple(IndexedPerson(person.name, person.active, person.last_contact) for person in plan.stakeholders)
        self.plans.append(IndexedPlan(path, plan.account.name, plan.account.crm_id, people, plan.account.churned))
        for name in (plan.account.name, *plan.account.aliases):
            self.accounts[account_key(name)].add(number)
        if plan.account.crm_id:
            self.account_ids[crm_id_key(plan.account.crm_id)].add(number)
        self.team_emails.update(person_key(member.email) for member in plan.account.team if member.email)
        tables: tuple[dict[str, list[Person]], ...] = ({}, {}, {})
        for index, person in enumerate(plan.stakeholders):
            keys = (
                person_key(person.email) if person.email else "",
                crm_id_key(person.crm_id) if person.crm_id else "",
                person_key(person.name),
            )
            for key, program, here in zip(keys, (self.emails, self.contact_ids, self.names), tables, strict=True):
                if key:
                    program[key].append((number, index))
                    here.setdefault(key, []).append((number, index))
        self.by_plan.append(tables)
        return number

    def add_unloaded(self, account: AccountNames | None) -> None:
        """A plan that does not load, with what it still says of its account (None: nothing readable)."""
        self.unloaded += 1
        if account is None:
            self.unloaded_accounts.append(None)
            return
        keys = frozenset(self._account_key(name) for name in account.names)
        self.unloaded_accounts.append((keys, crm_id_key(account.crm_id) if account.crm_id else None))

    def of_unloaded(self, account: str | None, account_id: str | None) -> bool:
        """Whether a row's account, found in no plan that loads, may be that of a plan that does not load: its
        id or a name (whole, or one of several joined by ``;``) is one that plan has, or its account is unknown.
        A plan with an id of its own is not found by name for a row whose ids are others (as ``account_named``)."""
        ids = {crm_id_key(part) for part in (account_id or "").split(";") if part.strip()}
        names = {self._account_key(part) for part in (account or "", *(account or "").split(";")) if part.strip()}
        for unloaded in self.unloaded_accounts:
            if unloaded is None:
                return True
            keys, own_id = unloaded
            if (own_id is not None and own_id in ids) or (not (own_id and ids) and not keys.isdisjoint(names)):
                return True
        return False

    def internal(self, activity: Activity) -> bool:
        """One of ours: an address at an internal domain or of an account team; never a stakeholder."""
        if not activity.email:
            return False
        email = person_key(activity.email)
        if email in self.emails:
            return False
        return email in self.team_emails or email_domain(email) in self.internal_domains

    def _account_key(self, name: str) -> str:
        key = self._account_keys.get(name)
        if key is None:  # an export names the same few accounts again and again
            key = self._account_keys[name] = account_key(name)
        return key

    def account_of(self, activity: Activity) -> int | Skip | None:
        """The plan the row's account names; None when the row names no account.

        A cell that names no account whole but holds several joined by ``;`` (HubSpot's ``Associated
        Company`` of a record associated with several companies, and its ids) is the one program account
        among them; two or more of them in the program is ambiguous.
        """
        return self.account_named(activity.account, activity.account_id)

    def account_named(self, account: str | None, account_id: str | None) -> int | Skip | None:
        """``account_of`` for a row's account and account id cells (stripped, None when blank)."""
        found = self._account_named(account, account_id)
        if found is Skip.UNKNOWN_ACCOUNT and (";" in (account or "") or ";" in (account_id or "")):
            found = self._one_of_several(account, account_id)
        return found

    def _named_without_other_id(self, name: str, has_ids: bool) -> set[int]:
        """The plans an account name finds; when the row has ids that found none, only plans without an id
        of their own (a same-named plan carrying another id is another company of that name)."""
        named = self.accounts.get(self._account_key(name), set())
        return {number for number in named if not self.plans[number].crm_id} if has_ids else named

    def _account_named(self, account: str | None, account_id: str | None) -> int | Skip | None:
        if account_id:
            by_id = self.account_ids.get(crm_id_key(account_id), set())
            if len(by_id) == 1:
                return next(iter(by_id))
            if len(by_id) > 1:
                return Skip.AMBIGUOUS
        if account:
            by_name = self._named_without_other_id(account, bool(account_id))
            if len(by_name) == 1:
                return next(iter(by_name))
            return Skip.AMBIGUOUS if by_name else Skip.UNKNOWN_ACCOUNT
        return Skip.UNKNOWN_ACCOUNT if account_id else None

    def _one_of_several(self, account: str | None, account_id: str | None) -> int | Skip:
        ids = {crm_id_key(part) for part in (account_id or "").split(";") if part.strip()}
        found = {number for key in ids for number in self.account_ids.get(key, ())}
        for part in (account or "").split(";"):
            if part.strip():  # a plan carrying one of the row's ids is found by it above
                found |= self._named_without_other_id(part, bool(ids))
        if len(found) == 1:
            return next(iter(found))
        return Skip.AMBIGUOUS if found else Skip.UNKNOWN_ACCOUNT

    def match(self, activity: Activity) -> Person | Skip:
        """Email first, then the contact id, then the name; within the named account, else across the program.

        Across the program only when every plan loaded: a plan that does not load may have a stakeholder with
        that very email, id or name, so any match elsewhere would be a guess (``Skip.NOT_LOADED``); so is a
        row whose account no plan that loads has and a plan that does not load may have.
        """
        account = self.account_of(activity)
        if (
            account is Skip.UNKNOWN_ACCOUNT
            and self.unloaded
            and self.of_unloaded(activity.account, activity.account_id)
        ):
            return Skip.NOT_LOADED
        if isinstance(account, Skip):
            return account
        if account is None and self.unloaded:
            return Skip.NOT_LOADED
        keys = (
            person_key(activity.email) if activity.email else "",
            crm_id_key(activity.contact_id) if activity.contact_id else "",
            person_key(activity.contact) if activity.contact else "",
        )
        program = (self.emails, self.contact_ids, self.names)
        tables = program if account is None else self.by_plan[account]
        for kind, key in enumerate(keys):
            if not key:
                continue
            found = tables[kind].get(key)
            if not found:
                if account is not None and kind < 2 and key in program[kind]:
                    return Skip.OTHER_ACCOUNT  # their address or id says they work elsewhere
                continue
            return found[0] if len(found) == 1 else Skip.AMBIGUOUS
        return Skip.UNKNOWN_PERSON
