"""Reading back a document samkit has just written: ``parse_yaml``'s data, without positions.

The writer splices edits into a plan's text and then reads the result back whole, to check it reads as the
data it meant to write (``textedit``). Positions only matter when something is wrong, and then the text is
parsed again by ``parse_yaml``, which names the place; so this reader records none (no position, no path
per node) and reads a plan in about 60% of ``parse_yaml``'s time (an import reads back every plan it
updates). It refuses whatever ``parse_yaml`` refuses (tags, anchors, aliases, merge and repeated keys, a
second document, nesting past ``MAX_DEPTH``, a number too large, a date that is no day), without saying
where; ``tests/plan/test_readback.py`` holds it to ``parse_yaml``'s data on the YAML test suite.
"""

from __future__ import annotations

from typing import Any

import yaml

# the reader's own pieces (one package): its loader, its typing of a scalar, its event types
from samkit.plan.yamlsafe import _MAPPING_START as MAPPING_START
from samkit.plan.yamlsafe import _SCALAR as SCALAR
from samkit.plan.yamlsafe import _SEQUENCE_START as SEQUENCE_START
from samkit.plan.yamlsafe import MAX_DEPTH, YamlProblem
from samkit.plan.yamlsafe import _Loader as YamlLoader
from samkit.plan.yamlsafe import _scalar as scalar_value

_COLLECTION_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _refused() -> YamlProblem:
    return YamlProblem("not a document samkit writes")  # parse_yaml says what and where


def read_back(text: str) -> Any:
    """The data ``parse_yaml(text)`` gives; ``YamlProblem`` (without a place) where it would refuse ``text``."""
    loader = YamlLoader(text)
    next_event = loader.get_event
    built = _Built()
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is SCALAR:
                built.scalar(event)
            elif kind is MAPPING_START or kind is SEQUENCE_START:
                built.start(event, kind is MAPPING_START)
            elif kind in _COLLECTION_ENDS:
                built.open.pop()
            elif kind is yaml.AliasEvent:
                raise _refused()
            elif kind is yaml.DocumentStartEvent:
                built.documents += 1
                if built.documents > 1:
                    raise _refused()
    except yaml.YAMLError:
        raise _refused() from None
    finally:
        loader.dispose()
    if built.root is None:
        raise _refused()  # an empty file
    return built.root


class _Built:
    """The document so far: its root, and the open collections (each its container, whether a mapping, and
    the key waiting for its value)."""

    __slots__ = ("documents", "open", "root")

    def __init__(self) -> None:
        self.root: Any = None
        self.open: list[tuple[Any, bool, list[str | None]]] = []
        self.documents = 0

    def scalar(self, event: Any) -> None:
        if event.anchor is not None:
            raise _refused()
        if self.open and self.open[-1][1] and self.open[-1][2][0] is None:  # a mapping's key: it stays text
            container, _, pending = self.open[-1]
            if event.value == "<<" or event.value in container:
                raise _refused()
            pending[0] = event.value
            return
        self.attach(scalar_value(event))

    def start(self, event: Any, is_mapping: bool) -> None:
        if event.anchor is not None or event.tag not in (None, "!") or len(self.open) >= MAX_DEPTH:
            raise _refused()
        container: dict[str, Any] | list[Any] = {} if is_mapping else []
        self.attach(container)
        self.open.append((container, is_mapping, [None]))

    def attach(self, value: Any) -> None:
        if not self.open:
            self.root = value
            return
        container, is_mapping, pending = self.open[-1]
        if not is_mapping:
            container.append(value)
        elif pending[0] is None:  # a list or a mapping as a key
            raise _refused()
        else:
            container[pending[0]] = value
            pending[0] = None
