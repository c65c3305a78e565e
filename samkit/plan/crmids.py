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


def _salesforce_15(value: str) -> str | None:
    """The 15-character id an 18-character Salesforce id stands for, or None when ``value`` is not one: its
    suffix must name upper case only for letters, and its letters must be cased as the suffix says, or all
    alike (an id lower- or upper-cased by some tool on the way)."""
    body, suffix = value[:15], value[15:].upper()
    letters = [char for char in body if char.isalpha()]
    uniform = all(char.islower() for char in letters) or all(char.isupper() for char in letters)
    restored: list[str] = []
    for chunk, flag in zip((body[0:5], body[5:10], body[10:15]), suffix, strict=True):
        flags = _CASE_FLAGS.find(flag)
        if flags < 0:
            return None
        for place, char in enumerate(chunk):
            upper = bool(flags >> place & 1)
            if upper and not char.isalpha():
                return None
            if not uniform and char.isalpha() and char.isupper() != upper:
                return None
            restored.append(char.upper() if upper else char.lower())
    return "".join(restored)
