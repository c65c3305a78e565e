"""Git-side hostile paths: a committed symlink is never followed; a newline in a plan's name loses nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED_PLAN
from tests.gitrepo import GitRepo
from tests.hostile.conftest import assert_clean_exit, samkit

SEED = SEED_PLAN.read_text(encoding="utf-8")


@pytest.mark.slow
def test_diff_never_follows_a_committed_symlink_out_of_the_repository(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(SEED.replace("Global Financial Corp", "Confidential Holdings"), encoding="utf-8")
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", SEED, dedent=False)
    repo.commit("Add GFC")
    repo.path("plans/evil.yaml").symlink_to(secret)
    repo.commit("Add a link")
    for output_format in ("text", "markdown", "json"):
        result = samkit("diff", "HEAD~1", "-f", output_format, cwd=repo.root)
        assert_clean_exit(result, 1)  # a side that does not load is a problem in the inputs
        assert "Confidential Holdings" not in result.stdout + result.stderr
    data = json.loads(samkit("diff", "HEAD~1", "-f", "json", cwd=repo.root).stdout)
    messages = [problem["message"] for plan in data["plans"] for problem in plan["problems"]]
    assert any("is a symbolic link; plans must be regular files" in message for message in messages), data


def test_review_finds_the_history_of_a_plan_whose_name_has_a_newline(tmp_path: Path) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    name = "plans/new\nline.yaml"
    repo.write(name, SEED, dedent=False)
    repo.commit("Add", date="2026-01-05T10:00:00")
    repo.edit(name, "  name: Global Financial Corp\n", "  name: Global Financial Corporation\n")
    for since in ([], ["--since", "HEAD"]):
        result = samkit("review", name, "--today", "2026-02-01", "-f", "json", *since, cwd=repo.root)
        assert_clean_exit(result, 0)
        brief = json.loads(result.stdout)
        assert brief["changes"], brief.get("changes_note")
        assert "Global Financial Corporation" in json.dumps(brief["changes"])
