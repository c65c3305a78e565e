"""Importer plugins as a team installs them: a package on the path whose metadata names an object in the
``samkit.importers`` entry-point group (docs/imports.md). samkit runs in a subprocess, as users run it, so the
plugin is found by the real entry-point machinery and never leaks into the other tests' registry.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PLAN = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
stakeholders:
  - name: Jennifer Wu
    email: jen.wu@acme.example
    relationship: strong
    last_contact: 2026-01-08
"""
PLUGIN = '''\
"""A call recorder's export: one `email date` pair a line."""
from datetime import date

from samkit.importers.base import Activity


class CallsImporter:
    name = "calls"

    def identify(self, path, head):
        return path.suffix == ".calls"

    def extract(self, path, source, settings):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            email, day = line.split()
            yield Activity(source, number, date.fromisoformat(day), None, None, email)
'''


def install_plugin(site: Path, entry_point: str) -> None:
    """A module and the dist-info an installer writes for it, with one ``samkit.importers`` entry point."""
    site.mkdir()
    (site / "team_calls.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "team_calls-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: team-calls\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[samkit.importers]\n{entry_point}\n", encoding="utf-8")


def samkit_import(tmp_path: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)]), "NO_COLOR": "1"}
    environment.pop("SAMKIT_TODAY", None)
    command = [sys.executable, "-m", "samkit", "import", *args, "--today", "2026-02-16"]
    return subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)


def test_an_installed_plugin_reads_its_own_files(tmp_path: Path) -> None:
    install_plugin(tmp_path / "site", "calls = team_calls:CallsImporter")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "week.calls").write_text("jen.wu@acme.example 2026-02-12\n", encoding="utf-8")
    result = samkit_import(tmp_path, tmp_path / "site", "week.calls")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "plans/acme.yaml: Jennifer Wu: last_contact 2026-01-08 → 2026-02-12\n"
    assert "    last_contact: 2026-02-12\n" in (tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8")


def test_a_plugin_that_does_not_load_is_exit_2_naming_it(tmp_path: Path) -> None:
    install_plugin(tmp_path / "site", "calls = team_calls:CallImporter")  # a typo in the object's name
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "week.calls").write_text("jen.wu@acme.example 2026-02-12\n", encoding="utf-8")
    result = samkit_import(tmp_path, tmp_path / "site", "week.calls")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "samkit: error: importer plugin 'calls' (team_calls:CallImporter) cannot be loaded: "
    )
    assert "Traceback" not in result.stderr
    assert (tmp_path / "plans" / "acme.yaml").read_text(encoding="utf-8") == PLAN
