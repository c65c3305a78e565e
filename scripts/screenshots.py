"""Regenerate the screenshots in docs/images/ from the bundled plans, in headless Chromium (``make screenshots``).

- ``site-index.png``: the program at a glance, the top 1400 × 1100 pixels of ``index.html``;
- ``site-account.png``: Global Financial Corp's page from its stakeholder map down, 1400 × 760 pixels.

The site is built with ``samkit site plans/ --today 2026-02-16`` into a temporary folder. Drives Debian's
``/usr/bin/chromium`` through Playwright (``make browser`` installs it). It also writes
``docs/images/screenshots.sha256``, the fingerprint of what the images show (the site's templates and code):
``tests/test_screenshots.py`` fails when they changed since, so run this and commit the images with the change.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IMAGES = REPO / "docs" / "images"
TODAY = "2026-02-16"
SHOWN = ("templates/site", "samkit/site")
STAMP = IMAGES / "screenshots.sha256"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def chromium() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    raise SystemExit("chromium is not installed: make browser (apt-get install --no-install-recommends chromium)")


def fingerprint() -> str:
    """The sha256 of every file the screenshots show, by path (caches left out), so any edit changes it."""
    digest = hashlib.sha256()
    for folder in SHOWN:
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def main() -> int:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        subprocess.run(
            [sys.executable, "-m", "samkit", "site", "plans/", "--out-dir", str(site), "--today", TODAY],
            cwd=REPO,
            check=True,
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto((site / "index.html").as_uri())
            page.screenshot(path=str(IMAGES / "site-index.png"))
            page.set_viewport_size({"width": 1400, "height": 760})
            page.goto((site / "accounts" / "global-financial-corp.html").as_uri())
            heading = page.get_by_role("heading", name="Stakeholder map")
            top = heading.evaluate("element => element.getBoundingClientRect().top + window.scrollY")
            page.evaluate(f"window.scrollTo(0, {max(0, int(top) - 16)})")
            page.screenshot(path=str(IMAGES / "site-account.png"))
            browser.close()
    STAMP.write_text(f"{fingerprint()}  {' '.join(SHOWN)}\n", encoding="utf-8")
    for name in ("site-index.png", "site-account.png", STAMP.name):
        print(f"wrote docs/images/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
