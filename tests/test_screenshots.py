"""The screenshots in docs/images/ show the site as it is: ``make screenshots`` records the fingerprint of the
site's templates and code it photographed, and any change to them since fails here until they are retaken."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from tests.conftest import REPO


def screenshots_script() -> Any:  # the script module, loaded from its file
    spec = importlib.util.spec_from_file_location("screenshots", REPO / "scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_screenshots_were_taken_of_the_current_templates() -> None:
    script = screenshots_script()
    for name in ("site-index.png", "site-account.png"):
        assert (script.IMAGES / name).read_bytes().startswith(b"\x89PNG"), name
    recorded = script.STAMP.read_text(encoding="utf-8").split()[0]
    assert recorded == script.fingerprint(), "the site's templates or code changed since: run make screenshots"


def test_the_fingerprint_changes_with_any_shown_file(monkeypatch: pytest.MonkeyPatch) -> None:
    script = screenshots_script()
    before = script.fingerprint()
    monkeypatch.setattr(script, "SHOWN", (*script.SHOWN, "templates/init"))
    assert script.fingerprint() != before
