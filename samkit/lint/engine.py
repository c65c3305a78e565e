"""The lint engine: which rules run, at which severity, what an accept comment covers, and in how many processes.

Rules (``samkit.rules``) only yield hits. This module turns hits into ``Finding``s: it stamps the code and the
effective severity (a ``[lint.severity]`` override applies to output and exit code alike), drops the hits an
``# samkit: accept CODE -- reason`` comment covers (and reports the comments themselves when they are unused,
give no reason or accept nothing: SAM901-SAM903), and runs large trees on every available core.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from samkit.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from samkit.findings import RULE_CODE_PATTERN, SCHEMA, SYNTAX, Finding, Severity
from samkit.lint.acceptances import Acceptance, AcceptedFinding, find_acceptances
from samkit.rules import RULES, Hit, LintLimits, RuleContext
from samkit.rules.accepts import UNUSED_ACCEPT
from samkit.rules.base import PLAN, Node
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.config import Config, ScoringConfig
    from samkit.plan.loader import LoadedPlan

# Below this many files a process pool saves too little to be worth it, and loses on a busy machine
# (crossover measured with benchmarks/bench_lint.py; see docs/lint.md).
PARALLEL_MIN_FILES = 1000
# a plan that does not load cannot be checked, so its SAM001/SAM002 findings always count and are never accepted
ALWAYS_ON = (SYNTAX, SCHEMA)
STRUCTURAL_PREFIX = "SAM0"  # SAM001, SAM002: the only rules a churned plan still answers to

_CODE_RE = re.compile(RULE_CODE_PATTERN)


# ---------------------------------------------------------------------------------------------------------------
# settings: selection and severities


@dataclass(frozen=True)
class LintSettings:
    """Everything a worker process needs to lint a file; picklable, so it travels to pool workers."""

    limits: LintLimits
    enabled: tuple[str, ...]
    severities: dict[str, Severity]
    scoring: ScoringConfig | None = None


def split_codes(values: Iterable[str] | None, where: str) -> list[str]:
    """``["SAM101,SAM102", "sam201"]`` → ``["SAM101", "SAM102", "SAM201"]``; an unknown code is a UsageError."""
    codes: list[str] = []
    for value in values or ():
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if code not in RULES:
                hint = " (codes look like SAM101)" if not _CODE_RE.match(code) else ""
                prefix = f"{where}: " if where else ""  # the command's own name is said once, by the CLI's prefix
                raise UsageError(f"{prefix}unknown rule code {part.strip()!r}{hint}; `samkit rules` lists them")
            if code not in codes:
                codes.append(code)
    return codes


def _config_where(config: Config, key: str) -> str:
    source = config.source
    if source is None:
        return key
    prefix = "tool.samkit." if source.name == "pyproject.toml" else ""
    return f"{source}: {prefix}{key}"


def _refuse_ignoring_load_errors(codes: set[str], where: str) -> None:
    switched_off = sorted(codes & set(ALWAYS_ON))
    if switched_off:
        raise UsageError(
            f"{where}: {', '.join(switched_off)} cannot be switched off: a plan that does not load cannot be "
            "checked; lower the severity in [lint.severity] instead"
        )


def build_settings(
    config: Config,
    today: date,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> LintSettings:
    """Rules that run: ``--select`` (default: all, minus the configured ``ignore``), minus ``--ignore``.

    An explicit ``--select`` wins over the configuration's ``ignore``: the command line is the more specific wish.
    """
    lint = config.lint
    configured_ignore = split_codes(lint.ignore, _config_where(config, "lint.ignore"))
    severities = {code: found.severity for code, found in RULES.items()}
    for code, level in lint.severity.items():
        known = split_codes([code], _config_where(config, f"lint.severity.{code}"))
        severities[known[0]] = Severity(level)
    selected = split_codes(select, "--select")
    ignored = set(split_codes(ignore, "--ignore"))
    _refuse_ignoring_load_errors(ignored, "--ignore")
    _refuse_ignoring_load_errors(set(configured_ignore), _config_where(config, "lint.ignore"))
    if not selected:
        ignored |= set(configured_ignore)
    chosen = set(selected) | set(ALWAYS_ON) if selected else set(RULES)
    enabled = tuple(code for code in RULES if code in chosen and code not in ignored)
    limits = LintLimits(today=today, config=lint, currency=config.program.currency)
    return LintSettings(limits, enabled, severities, config.scoring)


# ---------------------------------------------------------------------------------------------------------------
# running the rules


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    accepted: list[AcceptedFinding] = field(default_factory=list)


# the keys that name a list item, first found: the subject of a finding about it
_NAMING_KEYS = ("name", "risk", "action", "activity", "email")


def subject_name(data: object, subject: Node) -> str:
    """The item a finding is about, named as the plan names it (``stakeholders/Lisa Thompson``), so that its
    identity survives lines inserted above it; the item's position when it has no name; ``""`` for the plan."""
    if subject == PLAN:
        return ""
    section, *rest = subject
    items = data.get(section) if isinstance(data, dict) else None
    index = rest[0] if rest else None
    item = items[index] if isinstance(items, list) and isinstance(index, int) and 0 <= index < len(items) else None
    if isinstance(item, dict):
        if section == "whitespace":
            return f"whitespace/{item.get('unit')} / {item.get('product')}"
        for key in _NAMING_KEYS:
            if isinstance(item.get(key), str) and item[key].strip():
                return f"{section}/{item[key].strip()}"
    return "/".join(str(part) for part in subject)


def lint_loaded(loaded: LoadedPlan, settings: LintSettings) -> FileResult:
    """Run the enabled rules on one loaded file and apply its accept comments."""
    from samkit.analysis.program import is_history

    context = RuleContext(loaded, settings.limits, settings.scoring)
    hits: list[tuple[str, Hit]] = []
    # a churned plan is history: only the structural rules (SAM0xx) still apply to it
    history = loaded.plan is not None and is_history(loaded.plan)
    for code in settings.enabled:
        found = RULES[code]
        if (found.needs_plan and loaded.plan is None) or (history and not code.startswith(STRUCTURAL_PREFIX)):
            continue
        hits.extend((code, hit) for hit in found.check(context))
    result = FileResult()
    acceptances, problems = find_acceptances(loaded) if loaded.plan is not None and not history else ([], [])
    used: set[int] = set()
    covering: dict[tuple[str, Node], Acceptance] = {}  # by code and subject: one look-up per finding
    for accept in acceptances:
        for code in accept.codes:
            covering.setdefault((code, accept.subject), accept)  # the first comment in the file covers
    for code, hit in hits:
        finding = Finding(
            loaded.path,
            hit.line,
            hit.column,
            code,
            settings.severities[code],
            hit.message,
            subject_name(loaded.data, hit.subject),
        )
        cover = covering.get((code, hit.subject))
        if cover is None:
            result.findings.append(finding)
        else:
            used.add(cover.line)
            result.accepted.append(AcceptedFinding(finding, cover.reason, cover.line))
    for accept in acceptances:
        if accept.line not in used and any(code in settings.enabled for code in accept.codes):
            what = "the plan" if accept.subject == PLAN else f"{accept.subject[0]} item {accept.subject[1]}"
            message = (
                f"accept comment for {', '.join(accept.codes)} on {what} matches no finding; "
                "remove it if the problem is fixed"
            )
            problems.append((UNUSED_ACCEPT, Hit(accept.line, accept.column, message)))
    result.findings.extend(
        Finding(loaded.path, hit.line, hit.column, code, settings.severities[code], hit.message)
        for code, hit in problems
        if code in settings.enabled
    )
    result.findings.sort()
    return result


def lint_file(path: Path, settings: LintSettings) -> FileResult:
    from samkit.plan.loader import load_plan

    return lint_loaded(load_plan(path), settings)


def _lint_chunk(paths: list[Path], settings: LintSettings) -> list[FileResult]:
    return [lint_file(path, settings) for path in paths]


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def plan_jobs(file_count: int, jobs: int | None) -> int:
    """Processes to use: ``jobs`` when given (0 or None: automatic), one for small trees, else every core."""
    if jobs is not None and jobs > 0:
        return max(1, min(jobs, file_count))
    if file_count < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(available_cores(), file_count))


def _run_parallel(paths: list[Path], settings: LintSettings, workers: int) -> list[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # several chunks per worker evens out slow files; few enough that pickling stays cheap
    chunk_size = max(1, -(-len(paths) // (workers * 8)))
    chunks = [paths[start : start + chunk_size] for start in range(0, len(paths), chunk_size)]
    # fork shares the already imported pydantic models with the workers, instead of each importing them again
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results: list[FileResult] = []
        for chunk_results in pool.map(_lint_chunk, chunks, [settings] * len(chunks)):
            results.extend(chunk_results)
    return results


@dataclass
class LintReport:
    files: int
    findings: list[Finding]
    accepted: list[AcceptedFinding]
    enabled: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Severity.WARNING)

    def exit_code(self, strict: bool = False) -> int:
        """1 when an error-level finding remains (any finding with ``strict``), else 0."""
        failing = self.findings if strict else [f for f in self.findings if f.severity is Severity.ERROR]
        return EXIT_PROBLEMS if failing else EXIT_OK

    def summary(self) -> str:
        plans = f"{plural(self.files, 'plan')}"
        accepted = f", {len(self.accepted)} accepted" if self.accepted else ""
        if not self.findings:
            return f"samkit lint: {plans} checked, no problems{accepted}"
        errors = f"{plural(self.errors, 'error')}"
        warnings = f"{plural(self.warnings, 'warning')}"
        return f"samkit lint: {plans} checked, {errors}, {warnings}{accepted}"


def lint_paths(paths: Sequence[str | Path], settings: LintSettings, jobs: int | None = None) -> LintReport:
    """Lint every plan under ``paths``; a missing path is a UsageError (exit 2)."""
    from samkit.plan.loader import discover_plans

    files = discover_plans(paths)
    workers = plan_jobs(len(files), jobs)
    results = _run_parallel(files, settings, workers) if workers > 1 else _lint_chunk(files, settings)
    findings = sorted(finding for result in results for finding in result.findings)
    accepted = [accepted for result in results for accepted in result.accepted]
    return LintReport(len(files), findings, accepted, settings.enabled)
