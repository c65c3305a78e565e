"""How two CRM ids are compared: one key per CRM record, whichever form an export writes its id in.

Salesforce gives every record two ids: 15 characters, case-sensitive (report exports, the address bar), and
18 characters, case-insensitive (Data Export, the API, the ``18 Digit ID`` fields of reports), whose last
three characters spell the case of the first fifteen. A team that imports a report once and a Data Export
later must find the same opportunities, not append them again; so an 18-character Salesforce id is read as
the 15-character id it stands for, and a 15-character id is compared as written (``...abc`` and ``...ABC``
are two records). Every other id (HubSpot's numbers, GUIDs) is compared ignoring case and surrounding
spaces. Validation (ids unique across the program) and every import use this one key.
"""

from __future__ import annotations

# the 18-character id's suffix: one character per five of the fifteen, bit i set when character i is upper case
_CASE_FLAGS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_SALESFORCE_ID_LENGTHS = (15, 18)
# for each suffix character, the places (0-4) of its five characters that are upper case
_UPPER_PLACES = {flag: tuple(place for place in range(5) if bits >> place & 1) for bits, flag in enumerate(_CASE_FLAGS)}


def crm_id_key(text: str) -> str:
    """``0015e00000ABCdeQAR`` / ``0015E00000ABCDEQAR`` / ``0015e00000ABCde`` → ``0015e00000ABCde``;
    ``  HubSpot-77 `` → ``hubspot-77``."""
    value = text.strip()
    if len(value) in _SALESFORCE_ID_LENGTHS and value.isascii() and value.isalnum():
        if len(value) == 15:
            return value
        restored = _salesforce_15(value)
        if restored is not None:
            return restored
    return value.casefold()


def key_probe(text: str) -> str:
    """What any id's key starts with, case folded: its first fifteen characters, found without working the key
    out. Two ids whose probes differ have different keys, so a whole-org export's rows, whose ids are mostly
    none of the program's, are told apart by a set look-up (``crm_id_key`` costs microseconds a row)."""
    return text.strip().casefold()[:15]


def _salesforce_15(value: str) -> str | None:
    """The 15-character id an 18-character Salesforce id stands for, or None when ``value`` is not one: its
    suffix must name upper case only for letters, and its letters must be cased as the suffix says, or all
    alike (an id lower- or upper-cased by some tool on the way)."""
    body = value[:15]
    chars = list(body.lower())
    for chunk, flag in enumerate(value[15:].upper()):
        places = _UPPER_PLACES.get(flag)
        if places is None:
            return None
        for place in places:
            at = chunk * 5 + place
            if not chars[at].isalpha():
                return None
            chars[at] = chars[at].upper()
    restored = "".join(chars)
    if restored != body and body != body.lower() and body != body.upper():  # cased, and not as the suffix says
        return None
    return restored
