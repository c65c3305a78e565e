"""What ``samkit backtest`` reads out of git: the accounts at FROM and TO (from the plans, through ``samkit
metrics``' snapshot reader and matching, or from a committed roster CSV) and the configuration as it was at FROM.

The configuration at FROM is found as today's is (``samkit.toml``, then ``pyproject.toml`` ``[tool.samkit]``,
from the working directory up to the repository root), but in FROM's commit; none there means the built-in
defaults. A ``--config`` file inside the repository is read as it was at FROM; one outside it has no
history and is used as it is today (a note says so).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from samkit.analysis.backtest import Candidate, LeftOut, Reason
from samkit.analysis.metrics import account_key, match_accounts
from samkit.config import Config, ScoringConfig, config_from_settings, find_config, load_config
from samkit.errors import UsageError
from samkit.fileio.configfile import settings_from_text
from samkit.fileio.inputs import MiB
from samkit.history.snapshots import PeriodPlans, period_plans

if TYPE_CHECKING:
    from samkit.gitio.timeline import DatedCommit
    from samkit.roster.csvreader import RosterRow, RowsRead
    from samkit.roster.layout import RosterLayout

CONFIG_NAMES = (("samkit.toml", False), ("pyproject.toml", True))


@dataclass
class Sources:
    """The candidates, the accounts left out because a file or row does not load, and what to tell people."""

    candidates: list[Candidate]
    from_label: str
    to_label: str
    from_commit: DatedCommit | None
    unloadable: list[LeftOut] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one sentence each, for stderr (exit 1)
    notes: list[str] = field(default_factory=list)


def configuration_at(commit: DatedCommit | None, explicit: str | None, cwd: Path) -> tuple[Config, str]:
    """The configuration as it was in ``commit`` (None: today's), and where it came from, for people."""
    from samkit.gitio.git import GitError, read_file_at, repository_root

    if commit is None:
        config = load_config(explicit, cwd)
        return config, _today_label(config)
    try:
        root = repository_root(cwd).resolve()
    except GitError:
        config = load_config(explicit, cwd)
        return config, f"{_today_label(config)} (the working directory is not in the repository, so no history)"
    where = f"commit {commit.short} of {commit.day.isoformat()}"
    for relative, in_pyproject in _config_candidates(root, cwd.resolve(), explicit):
        content = read_file_at(root, commit.commit, relative)
        if content is None:
            continue
        label = f"{relative} as of {where}"
        if len(content) > MiB:  # as read_settings refuses a larger file
            raise UsageError(f"{label}: configuration larger than 1 MiB")
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(f"{label}: not UTF-8 text") from None
        settings, prefix = settings_from_text(Path(label), text, in_pyproject)
        return config_from_settings(Path(label), settings, prefix), label
    outside = _outside_repository(root, cwd, explicit)
    if outside is not None:
        config = load_config(outside, cwd)
        return config, f"{outside} (outside the repository, so as it is today)"
    return Config(), f"built-in defaults (no configuration file in {where})"


def _today_label(config: Config) -> str:
    return f"{config.source} as it is today" if config.source is not None else "built-in defaults"


def _config_candidates(root: Path, cwd: Path, explicit: str | None) -> list[tuple[str, bool]]:
    """Repository paths where the configuration could have been, in the order discovery tries them."""
    if explicit is not None:
        target = (cwd / explicit).resolve()
        if not target.is_relative_to(root):
            return []
        return [(target.relative_to(root).as_posix(), target.name == "pyproject.toml")]
    folders = [cwd, *cwd.parents] if cwd.is_relative_to(root) else [root]
    inside = [folder for folder in folders if folder.is_relative_to(root)]
    return [
        ((folder / name).relative_to(root).as_posix(), in_pyproject)
        for name, in_pyproject in CONFIG_NAMES
        for folder in inside
    ]


def _outside_repository(root: Path, cwd: Path, explicit: str | None) -> str | None:
    if explicit is not None:
        target = (cwd / explicit).resolve()
        return None if target.is_relative_to(root) else explicit
    found = find_config(cwd)
    if found is not None and not found[0].resolve().is_relative_to(root):
        return str(found[0])
    return None


# --- plans ---------------------------------------------------------------------------------------------------------


def plan_sources(start: date, end: date, paths: Sequence[str], today: date, cwd: Path) -> Sources:
    """The accounts active at FROM, from the plans at FROM and TO as ``samkit metrics`` reads and matches them."""
    plans = period_plans(start, end, paths, today, cwd)
    notes: list[str] = []
    where = {id(item.plan): item.path for item in plans.start.plans if item.plan is not None}
    candidates = []
    for account in match_accounts(plans.start.loaded, plans.end.loaded, notes):
        before, after = account.before, account.after
        if before is None or not account.active_before:
            continue
        churned = after is None or not account.active_after
        candidates.append(
            Candidate(
                name=before.account.name,
                where=where.get(id(before)),
                points=before.score.points() if before.score is not None else None,
                starting_arr=before.account.arr,
                churned=churned,
                ending_arr=None if churned or after is None else after.account.arr,
            )
        )
    sources = _sources(plans, candidates)
    sources.notes = notes
    for path in dict.fromkeys(problem.plan.path for problem in plans.unreadable):
        sources.unloadable.append(LeftOut(Reason.NOT_LOADABLE, plans.unreadable_accounts.get(path), path))
    for shared in plans.duplicate_names:
        sources.unloadable.append(LeftOut(Reason.DUPLICATE_NAME, shared.name, ", ".join(shared.paths)))
    sources.problems = plans.problems()
    return sources


def _sources(plans: PeriodPlans, candidates: list[Candidate]) -> Sources:
    return Sources(candidates, plans.start.label, plans.end.label, plans.start.commit)


# --- a roster ------------------------------------------------------------------------------------------------------


def roster_sources(
    roster: str,
    start: date,
    end: date,
    today: date,
    cwd: Path,
    scoring_at: Callable[[DatedCommit | None], ScoringConfig],
) -> Sources:
    """The accounts of a committed roster CSV at FROM (points and ARR) and at TO (ARR; absent or 0: churned).

    Each side is read with the scoring (its ``[scoring.bands]``) that ``scoring_at`` gives for its commit (None:
    the working tree). Rows that do not read on either side are left out on both, by account name, and named
    (exit 1)."""
    from samkit.gitio.git import read_file_at, repository_relative
    from samkit.roster.csvreader import read_rows
    from samkit.roster.layout import decode_text, read_bytes

    # the commits, and metrics' messages when none (a roster is not a plan file: no plans are needed at FROM)
    plans = period_plans(start, end, [roster], today, cwd, plans_needed=False)
    sources = _sources(plans, [])
    assert plans.start.commit is not None
    relative = repository_relative(cwd, roster)
    reads: list[RowsRead] = []
    texts: list[str] = []
    for side, commit in (("FROM", plans.start.commit), ("TO", plans.end.commit)):
        version = f"as of commit {commit.short} of {commit.day.isoformat()}" if commit is not None else "working tree"
        when = f"the roster at {side}: {version}"
        if commit is None:
            data = read_bytes(str(cwd / roster))
        else:
            found = read_file_at(cwd, commit.commit, relative)
            if found is None:
                raise UsageError(f"{roster}: not in commit {commit.short} of {commit.day.isoformat()} ({side})")
            data = found
        try:
            text = decode_text(data, "utf-8", roster)
            read = read_rows(text, None, scoring_at(commit), roster, None)
        except UsageError as error:
            raise UsageError(f"{error} ({when})") from None
        reads.append(read)
        texts.append(text)
        sources.problems += [f"{problem.format(roster)} ({when})" for problem in read.problems]
    broken: dict[str, LeftOut] = {}
    for read, text, side in zip(reads, texts, ("FROM", "TO"), strict=True):
        for line, name in _accounts_on_lines(text, read.layout, {problem.line for problem in read.problems}):
            broken.setdefault(account_key(name), LeftOut(Reason.NOT_LOADABLE, name, f"{roster}:{line} ({side})"))
    before = _by_account(reads[0], sources.notes, "FROM")
    after = _by_account(reads[1], sources.notes, "TO")
    sources.unloadable += broken.values()
    for key, row in before.items():
        if key in broken:
            continue
        ending = after.get(key)
        churned = ending is None or (ending.arr is not None and ending.arr == 0)
        sources.candidates.append(
            Candidate(
                name=row.account,
                where=f"{roster}:{row.line}",
                points=dict(row.points),
                starting_arr=row.arr,
                churned=churned,
                ending_arr=None if churned or ending is None else ending.arr,
            )
        )
    return sources


def _by_account(read: RowsRead, notes: list[str], side: str) -> dict[str, RosterRow]:
    rows: dict[str, RosterRow] = {}
    for row in read.rows:
        key = account_key(row.account)
        if key in rows:
            notes.append(f"two roster rows at {side} name the account {row.account!r}; only the first is counted")
            continue
        rows[key] = row
    return rows


def _accounts_on_lines(text: str, layout: RosterLayout, lines: set[int]) -> list[tuple[int, str]]:
    """The account cell of the records that start on ``lines`` (rows that did not read), so the account can be
    left out on both sides rather than look churned or new."""
    if not lines:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter, quotechar='"', doublequote=True)
    found: list[tuple[int, str]] = []
    line = 1
    try:
        for record in reader:
            if line in lines and len(record) > layout.account and record[layout.account].strip():
                found.append((line, record[layout.account].strip()))
            line = reader.line_num + 1
    except csv.Error:
        pass  # the reader already reported where the file stops making sense
    return found
