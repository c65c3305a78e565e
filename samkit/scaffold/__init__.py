"""``samkit init``: a plans repository, ready for samkit locally, in pre-commit and in GitHub Actions.

It never overwrites: every file that exists is kept and reported as skipped, so running it twice (or in
a repository that already has some of these files) changes nothing that is there.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from samkit import __version__
from samkit.errors import UsageError
from samkit.plan import PLAN_SUFFIXES
from samkit.plan.values import Quarter, QuarterRange
from samkit.resources import template_path
from samkit.scaffold.provenance import Origin, running_origin
from samkit.scaffold.settings import samkit_toml

EXAMPLE_PLAN = "plans/example-industries.yaml"
WORKFLOW = ".github/workflows/samkit.yml"
HOOK = ".samkit/hook"  # runs samkit for git diff and pre-commit, or says how to install it
DEFAULT_BRANCH = "main"
EXECUTABLE = {HOOK}


@dataclass
class InitReport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    git_initialized: bool = False
    notes: list[str] = field(default_factory=list)
    # the hook wrapper as git runs it: from the top of the repository (DIR may be a folder inside one)
    hook_from_root: str = HOOK

    @property
    def textconv_setup(self) -> str:
        return f'git config diff.samkit.textconv "{self.hook_from_root} diff --textconv"'


def _render(name: str, **values: object) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(
        loader=FileSystemLoader(str(template_path("init"))),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    return environment.get_template(name).render(version=__version__, **values)


def example_plan(today: date) -> str:
    """The example plan, its dates placed around ``today`` so that ``samkit lint`` passes on that day."""
    quarter = Quarter.containing(today)
    return _render(
        "example-plan.yaml.j2",
        today=today.isoformat(),
        period=str(quarter),
        reviewed=(today - timedelta(days=14)).isoformat(),
        renewal=(today + timedelta(days=200)).isoformat(),
        contact_cfo=(today - timedelta(days=12)).isoformat(),
        contact_champion=(today - timedelta(days=5)).isoformat(),
        contact_it=(today - timedelta(days=20)).isoformat(),
        contact_procurement=(today - timedelta(days=30)).isoformat(),
        contact_plant=(today - timedelta(days=40)).isoformat(),
        timeframe=str(QuarterRange(quarter, Quarter.from_index(quarter.index + 1))),
        action_due=(today + timedelta(days=14)).isoformat(),
    )


def _schema() -> str:
    from samkit.output.jsonout import dumps
    from samkit.plan.model import plan_json_schema

    return dumps(plan_json_schema()) + "\n"


def scaffold_files(
    today: date, origin: Origin | None = None, branch: str = DEFAULT_BRANCH, hook_from_root: str = HOOK
) -> dict[str, Callable[[], str]]:
    """Each file ``init`` writes (relative path → its text, made only when it is written). ``origin`` is where
    the running samkit came from (what CI and the hook install); ``branch`` the one the push trigger names."""
    import json

    from samkit.scaffold.install import install_hint, install_step

    where = origin if origin is not None else running_origin()
    return {
        EXAMPLE_PLAN: lambda: example_plan(today),
        "samkit.toml": lambda: samkit_toml(__version__),
        ".gitattributes": lambda: _render("gitattributes.j2", hook=hook_from_root),
        ".pre-commit-config.yaml": lambda: _render("pre-commit-config.yaml.j2", hook=hook_from_root),
        HOOK: lambda: _render("samkit-hook.sh.j2", install_hint=install_hint(where), hook=hook_from_root),
        WORKFLOW: lambda: _render(
            "samkit.yml.j2",
            install_step=install_step(where),
            # the CRM job installs samkit only once a CRM export is configured (it does nothing until then)
            crm_install_step=install_step(where, condition="steps.crm.outputs.configured == 'yes'"),
            branch_json=json.dumps(branch),
        ),
        "schema/plan.schema.json": _schema,
    }


def _write_new(target: Path, text: str, mode: int = 0o644) -> bool:
    """Create ``target`` with ``text``; False when it exists (it is never replaced)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temp_name, mode)
        try:
            os.link(temp_name, target)  # fails if the target exists, even one created a moment ago
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: exclusive creation never replaces either
            try:
                with open(target, "x", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
            except FileExistsError:
                return False
            os.chmod(target, mode)
        return True
    finally:
        Path(temp_name).unlink(missing_ok=True)


def _has_plans(folder: Path) -> bool:
    return folder.is_dir() and any(path.suffix.lower() in PLAN_SUFFIXES for path in folder.rglob("*"))


def _git_init(root: Path, report: InitReport) -> None:
    from samkit.gitio.git import GitError, repository_root, run_git

    try:
        repository_root(root)
        return  # already inside a repository: nothing to do
    except GitError as error:
        if "not inside a git repository" not in str(error):
            report.notes.append(f"git init skipped: {error}")
            return
    try:
        run_git(["init", "--quiet"], root)
        # `main`, whatever init.defaultBranch says (git before 2.28 always made `master`): the workflow's push
        # trigger names the current branch, and `main` is what GitHub makes for a new repository
        run_git(["symbolic-ref", "HEAD", f"refs/heads/{DEFAULT_BRANCH}"], root)
    except GitError as error:
        report.notes.append(f"git init skipped: {error}")
        return
    report.git_initialized = True


def _from_repository_root(root: Path, relative: str) -> str:
    """``relative`` (a path inside ``root``) as seen from the top of ``root``'s repository."""
    from samkit.gitio.git import GitError, repository_root

    try:
        top = repository_root(root).resolve()
        shown = (root.resolve() / relative).relative_to(top).as_posix()
    except (GitError, ValueError):
        return relative
    # written into YAML and a git setting as it is: plain characters only, else the path from DIR
    return shown if re.fullmatch(r"[A-Za-z0-9._/-]+", shown) else relative


def current_branch(root: Path) -> str:
    """The branch checked out in ``root``'s repository (``main`` outside one, or on a detached HEAD)."""
    from samkit.gitio.git import GitError, run_git

    try:
        completed = run_git(["symbolic-ref", "--quiet", "--short", "HEAD"], root, check=False)
    except GitError:  # no git at all: nothing names a branch yet
        return DEFAULT_BRANCH
    name = completed.stdout.decode("utf-8", errors="replace").strip()
    return name if completed.returncode == 0 and name else DEFAULT_BRANCH


def init_repository(directory: str | Path, today: date, *, git: bool = True) -> InitReport:
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise UsageError(f"{directory}: not a directory")
    report = InitReport()
    try:
        root.mkdir(parents=True, exist_ok=True)
        if git:
            _git_init(root, report)
        branch = current_branch(root) if git else DEFAULT_BRANCH
        report.hook_from_root = _from_repository_root(root, HOOK) if git else HOOK
        files = scaffold_files(today, branch=branch, hook_from_root=report.hook_from_root)
        for relative, make in files.items():
            target = root / relative
            if relative == EXAMPLE_PLAN and not target.exists() and _has_plans(target.parent):
                report.skipped.append(f"{relative} (plans/ already has plans)")
                continue
            if target.exists() or target.is_symlink():
                report.skipped.append(relative)
            elif _write_new(target, make(), 0o755 if relative in EXECUTABLE else 0o644):
                report.created.append(relative)
            else:
                report.skipped.append(relative)
    except OSError as error:
        raise UsageError(f"cannot write in {directory}: {error.strerror or error}") from None
    return report
