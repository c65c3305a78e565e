"""Plan files whose names are not valid UTF-8: shown with \\xNN escapes, percent-encoded in SARIF URIs."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_PLAN
from tests.hostile.conftest import assert_clean_exit, samkit

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names must be arbitrary bytes")

NAME = b"caf\xe9-\xff.yaml"  # Latin-1 bytes, as an old archive or a Windows share might leave them
SHOWN = "caf\\xe9-\\xff.yaml"
SHOWN_IN_MARKDOWN = SHOWN.replace("\\", "\\\\")  # the backslash escaped, so the page shows SHOWN


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(os.fsencode(SEED_PLAN), os.path.join(os.fsencode(folder), NAME))
    return folder


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_lint_shows_the_name_in_every_format(plans: Path, output_format: str) -> None:
    result = samkit("lint", "--today", "2026-02-01", "-f", output_format, "plans", cwd=plans.parent)
    assert_clean_exit(result, 1)
    if output_format == "json":
        assert {finding["path"] for finding in json.loads(result.stdout)} == {f"plans/{SHOWN}"}
    elif output_format == "sarif":
        log = json.loads(result.stdout)
        uris = {
            location["physicalLocation"]["artifactLocation"]["uri"]
            for found in log["runs"][0]["results"]
            for location in found["locations"]
        }
        assert uris == {"plans/caf%E9-%FF.yaml"}  # the real bytes, percent-encoded (RFC 3986)
    elif output_format == "github":
        assert f"file=plans/{SHOWN}," in result.stdout
    else:
        assert f"plans/{SHOWN}:" in result.stdout


def test_validate_and_render_show_the_name(plans: Path) -> None:
    (plans / "broken.yaml").write_text("account: [\n", encoding="utf-8")
    os.rename(os.path.join(os.fsencode(plans), b"broken.yaml"), os.path.join(os.fsencode(plans), b"\xfe.yaml"))
    result = samkit("validate", "plans", cwd=plans.parent)
    assert_clean_exit(result, 1)
    assert "plans/\\xfe.yaml:" in result.stdout
    os.remove(os.path.join(os.fsencode(plans), b"\xfe.yaml"))
    result = samkit("render", "plans", "--out-dir", "docs", cwd=plans.parent)
    assert_clean_exit(result, 0)
    (document,) = os.listdir(os.fsencode(plans.parent / "docs"))
    assert document == NAME.replace(b".yaml", b".md")  # the document keeps the plan's real name
    text = (plans.parent / "docs" / os.fsdecode(document)).read_text(encoding="utf-8")
    assert SHOWN_IN_MARKDOWN in text  # and names it, shown, in its text


def test_a_single_plan_renders_to_stdout(plans: Path) -> None:
    result = samkit("render", os.path.join(os.fsencode(plans), NAME), cwd=plans.parent)
    assert_clean_exit(result, 0)
    assert SHOWN_IN_MARKDOWN in result.stdout
