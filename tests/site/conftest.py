"""Shared helpers for the site's SVG tests: the naughty-strings corpus and SVG parsing."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SVG = "{http://www.w3.org/2000/svg}"
_REPO = Path(__file__).resolve().parents[2]
# the corpora live beside the clone (../shared/corpora); a worktree sits one level deeper
_CORPORA = [_REPO.parent / "shared" / "corpora", _REPO.parent.parent / "shared" / "corpora"]


def corpus_file(name: str) -> Path:
    """A file of the shared corpora (skips the test when they are not beside this clone)."""
    for folder in _CORPORA:
        path = folder / name
        if path.is_file():
            return path
    pytest.skip(f"the shared corpora ({name}) are not beside this clone")


@pytest.fixture(scope="session")
def blns() -> list[str]:
    strings: list[str] = json.loads(corpus_file("blns.json").read_text(encoding="utf-8"))
    return strings


def parse(svg: str) -> ET.Element:
    """Parse ``svg`` as XML (raises on anything not well-formed) and check it is an accessible SVG image."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") or (root.get("width") == "100%" and root.get("height"))
    children = list(root)
    assert children[0].tag == f"{SVG}title" and (children[0].text or "").strip()
    assert children[1].tag == f"{SVG}desc" and (children[1].text or "").strip()
    return root


# --- the browser tests: Debian's headless Chromium driven by Playwright (never a downloaded browser) ---

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests (install Debian's chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        _unavailable("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
