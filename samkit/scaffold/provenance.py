"""Where the running samkit came from, as its installer recorded it (PEP 610 ``direct_url.json``).

The workflow ``samkit init`` writes installs samkit in CI. It must install *this* samkit from *where it came
from*, never a package name someone else could publish first (samkit is not on PyPI, and whoever claims the
name would run code in jobs holding ``security-events: write``). So:

- installed from a version-control URL: that URL at the exact commit (``samkit @ git+URL@COMMIT``);
- installed from an archive at an https URL: that URL, with its hash when the installer recorded one;
- installed from an index (no ``direct_url.json``): that version from the index, ``samkit==VERSION``;
- installed from a local folder or file, or not installed at all (run from a checkout): unknown. The
  workflow then gets a step that fails saying what to put there, never a guess.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from typing import Any

DISTRIBUTION = "samkit"
_BROWSABLE_HOSTS = ("github.com", "gitlab.com", "codeberg.org")


@dataclass(frozen=True)
class Origin:
    """How samkit was installed: ``vcs``, ``archive``, ``index`` or ``unknown`` (a local path, a checkout)."""

    kind: str
    version: str
    url: str | None = None
    commit: str | None = None
    archive_hash: str | None = None

    @property
    def requirement(self) -> str | None:
        """What ``pip install`` needs to install this very samkit again; None when that is not known."""
        if self.kind == "vcs" and self.url and self.commit:
            return f"{DISTRIBUTION} @ git+{self.url}@{self.commit}"
        if self.kind == "archive" and self.url:
            return f"{DISTRIBUTION} @ {self.url}" + (f"#{self.archive_hash}" if self.archive_hash else "")
        if self.kind == "index":
            return f"{DISTRIBUTION}=={self.version}"
        return None

    @property
    def docs_url(self) -> str | None:
        """The ``docs/`` folder of the repository samkit was installed from, at its commit, when a forge shows
        it at a known address (``https://github.com/ORG/samkit/blob/COMMIT/docs``)."""
        if self.kind != "vcs" or not self.url or not self.commit:
            return None
        match = re.fullmatch(r"https://([^/@]+)/([^/]+)/([^/]+?)(?:\.git)?/?", self.url)
        if match is None or match.group(1) not in _BROWSABLE_HOSTS:
            return None
        host, owner, name = match.groups()
        return f"https://{host}/{owner}/{name}/blob/{self.commit}/docs"


def origin_from(direct_url: dict[str, Any] | None, version: str) -> Origin:
    """Read a PEP 610 record (None: there is none, so an index installed it)."""
    if direct_url is None:
        return Origin("index", version)
    url = direct_url.get("url")
    if not isinstance(url, str):
        return Origin("unknown", version)
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(vcs.get("commit_id"), str):
        if url.startswith(("https://", "ssh://")):
            return Origin("vcs", version, url=url, commit=vcs["commit_id"])
        return Origin("unknown", version)  # a clone on this machine (file://): CI cannot reach it
    archive = direct_url.get("archive_info")
    if isinstance(archive, dict) and url.startswith("https://"):
        hashes = archive.get("hashes")
        digest = None
        if isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
            digest = f"sha256={hashes['sha256']}"
        elif isinstance(archive.get("hash"), str):
            digest = archive["hash"]
        return Origin("archive", version, url=url, archive_hash=digest)
    return Origin("unknown", version)  # dir_info (a folder, editable or not) or a local file


def running_origin() -> Origin:
    """The origin of the installed samkit distribution; ``unknown`` when none is installed."""
    from samkit import __version__

    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return Origin("unknown", __version__)
    text = distribution.read_text("direct_url.json")
    if text is None:
        return origin_from(None, distribution.version)
    try:
        record = json.loads(text)
    except ValueError:
        return Origin("unknown", distribution.version)
    return origin_from(record if isinstance(record, dict) else {}, distribution.version)
