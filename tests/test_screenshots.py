"""The screenshots in docs/images/ show the site as it is: no commit to the site's templates or code since the
commit that last regenerated each image (``make screenshots`` regenerates them; commit them with the change)."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import REPO

IMAGES = ("docs/images/site-index.png", "docs/images/site-account.png")
SHOWN = ("templates/site", "samkit/site")


def git(*arguments: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *arguments], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


@pytest.fixture(scope="module")
def history() -> None:
    try:
        shallow = git("rev-parse", "--is-shallow-repository")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the screenshots' age is read from the history")
    if shallow == "true":
        pytest.skip("a shallow clone: the history that dates the screenshots is cut off")


@pytest.mark.parametrize("image", IMAGES)
def test_a_screenshot_is_not_older_than_what_it_shows(history: None, image: str) -> None:
    made = git("log", "-1", "--format=%H", "--", image)
    assert made, f"{image} is not committed"
    later = git("rev-list", f"{made}..HEAD", "--", *SHOWN).split()
    assert later == [], f"{image} predates {len(later)} commit(s) to {', '.join(SHOWN)}: run make screenshots"
