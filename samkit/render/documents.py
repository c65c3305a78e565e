"""The account plan document: one plan → Markdown through ``templates/plan.md.j2``, many plans → many files.

Rendering goes through the one environment of ``samkit.templating``; documents are all rendered before
any file is replaced, and every write is atomic. Many plans stream: each is loaded, rendered and compared
(or staged beside its file) in turn, so memory does not grow with the number of plans.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.errors import UsageError
from samkit.fileio.names import shown_name
from samkit.render.stakeholder_map import stakeholder_map
from samkit.templating import get_template, name_key, render_template

if TYPE_CHECKING:
    from jinja2 import Template

    from samkit.config import Config
    from samkit.fileio.generated import FileStatus, GeneratedFiles
    from samkit.fileio.outputs import InputFiles
    from samkit.plan.loader import LoadedPlan
    from samkit.plan.model import Plan

PLAN_TEMPLATE = "plan.md.j2"


# --- the plan document ------------------------------------------------------------------------------------------------


def plan_context(loaded: LoadedPlan, config: Config, today: date) -> dict[str, Any]:
    """What a plan template sees: ``plan``, ``coverage``, ``pipeline``, ``score`` (or None), ``tier`` (the tier
    the plan is judged by and where it comes from, a ``PlanTier``: strategic by default), ``today``, plus
    ``next_steps`` (the coverage gaps as sentences), ``source`` (the plan's file name) and
    ``relationships_owned`` (who each team member owns, by ``name_key``).

    Nothing here depends on ``today`` unless a template prints it, so the same plan renders to the same
    bytes every day (``render --check`` relies on it).
    """
    from samkit.analysis.whitespace import whitespace_matrix

    context = plan_figures(loaded, config, today)
    plan = context["plan"]
    products, rows = whitespace_matrix(plan)
    context.update(
        whitespace_products=products,
        whitespace_rows=rows,
        stakeholder_map=stakeholder_map(plan),
        relationships_owned=relationships_owned(plan),
    )
    return context


def plan_figures(loaded: LoadedPlan, config: Config, today: date) -> dict[str, Any]:
    """The part of ``plan_context`` that is figures rather than Markdown (everything but the whitespace
    matrix's rows, the Mermaid map and ``relationships_owned``): what the site's account page shows in HTML."""
    from samkit.analysis.coverage import compute_coverage, next_steps
    from samkit.analysis.objectives import objectives_report
    from samkit.analysis.pipeline import compute_pipeline
    from samkit.analysis.plan_score import plan_limits, plan_score, tier_and_source
    from samkit.analysis.whitespace import compute_whitespace

    plan = loaded.plan
    if plan is None:
        raise ValueError(f"{loaded.path}: the plan did not load; render only loaded plans")
    coverage = compute_coverage(plan)
    target = plan_limits(plan, config).min_stakeholders
    return {
        "plan": plan,
        "coverage": coverage,
        "pipeline": compute_pipeline(plan),
        "score": plan_score(plan, config.scoring),
        "tier": tier_and_source(plan, config.scoring),  # domain.md "Tier of a plan": never None
        "today": today,
        "next_steps": next_steps(plan, coverage, target),
        "source": shown_name(Path(loaded.path).name),
        "target_stakeholders": target,
        "whitespace": compute_whitespace(plan),
        "objectives": objectives_report(plan, today),  # progress and value; no day-dependent figure is printed
    }


def relationships_owned(plan: Plan) -> dict[str, list[str]]:
    """The names of the active stakeholders each team member owns (``covered_by``), in plan order, by the
    member's ``name_key``: one pass over the stakeholders instead of one per team member."""
    owned: dict[str, list[str]] = {}
    for person in plan.stakeholders:
        owner = name_key(person.covered_by)
        if person.active and owner:
            owned.setdefault(owner, []).append(person.name)
    return owned


def render_plan(loaded: LoadedPlan, config: Config, today: date, template: str | Path | Template | None = None) -> str:
    """The Markdown document for one loaded plan, from the default template or the one given."""
    return render_template(template if template is not None else PLAN_TEMPLATE, plan_context(loaded, config, today))


# --- many plans → many documents ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One rendered document and where it belongs (None: standard output)."""

    plan_path: str
    target: Path | None
    text: str
    root: Path | None = None  # the --out-dir the document must stay inside


@dataclass(frozen=True)
class RenderJob:
    """Which plans to render and where each document goes."""

    plans: list[tuple[Path, Path | None]]
    to_stdout: bool
    out_dir: Path | None = None


def plan_targets(
    sources: Sequence[Path], output: Path | None, out_dir: Path | None, *, check: bool = False
) -> RenderJob:
    """Map each plan under ``sources`` (files and directories, like every plan command) to its document.

    A single plan goes to ``output``, or ``out_dir/<stem>.md``, or standard output (None); several plan files
    without ``out_dir`` go to standard output one after another. A directory needs ``out_dir`` and mirrors its
    sub-folders there, so ``emea/acme.yaml`` and ``apac/acme.yaml`` never collide.
    """
    from samkit.plan.loader import discover_plans

    if output is not None and out_dir is not None:
        raise UsageError("give either -o/--output FILE or --out-dir DIR, not both")
    if check and output is None and out_dir is None:
        raise UsageError("--check compares documents with files: give -o FILE or --out-dir DIR")
    pairs: list[tuple[Path, Path | None]] = []
    for source in sources:
        plan_files = discover_plans([source])
        if source.is_dir():
            if output is not None:
                raise UsageError(f"{source} is a directory: use --out-dir DIR to write one document per plan, not -o")
            if out_dir is None:
                raise UsageError(f"{source} is a directory: give --out-dir DIR for its documents (one .md per plan)")
            pairs += [(plan, out_dir / plan.relative_to(source).with_suffix(".md")) for plan in plan_files]
        elif out_dir is not None:
            pairs += [(plan, out_dir / f"{plan.stem}.md") for plan in plan_files]
        else:
            pairs += [(plan, output) for plan in plan_files]
    if output is not None and len(pairs) > 1:
        raise UsageError("-o/--output writes one document: give --out-dir DIR for several plans")
    if any(target is not None for _, target in pairs):
        from samkit.fileio.outputs import InputFiles

        plans = InputFiles(
            plan for plan, _ in pairs
        )  # resolved once: each target is then one look-up, not one per plan
        _refuse_collisions(pairs)
        _refuse_unsafe_targets(pairs, plans, out_dir, checking=check)
    return RenderJob(pairs, to_stdout=output is None and out_dir is None, out_dir=out_dir)


def _refuse_unsafe_targets(
    pairs: list[tuple[Path, Path | None]], plans: InputFiles, out_dir: Path | None, *, checking: bool
) -> None:
    """Before anything is rendered: no target may be a directory, a FIFO, a plan file (``*.yaml``, ``*.yml``, or
    one of ``plans`` by another name), or behind a link out of DIR: ``check_output``, as for every output."""
    from samkit.fileio.outputs import OutputRoot, check_output

    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{shown_name(out_dir)}: is not a directory")
    root = OutputRoot(out_dir) if out_dir is not None else None  # resolved once, each folder once
    for _, target in pairs:
        if target is not None:
            check_output(target, inputs=plans, root=root, checking=checking)


def _refuse_collisions(pairs: list[tuple[Path, Path | None]]) -> None:
    """No two documents to one file, links followed (a plan as the target: ``_refuse_unsafe_targets``)."""
    claimed: dict[Path, Path] = {}
    folders: dict[Path, Path] = {}  # each output folder resolved once, not once per document in it
    for plan, target in pairs:
        if target is None:
            continue
        resolved = _resolved(target, folders)
        if resolved in claimed:
            raise UsageError(f"{claimed[resolved]} and {plan} would both render to {target}; rename one of them")
        claimed[resolved] = plan


def _resolved(target: Path, folders: dict[Path, Path]) -> Path:
    """``target.resolve()``: the real path of its folder (remembered in ``folders``) and its name, unless the
    target is itself a link (then followed) or a name such as '..'."""
    if target.name in ("", ".", "..") or target.is_symlink():
        return target.resolve()
    folder = folders.get(target.parent)
    if folder is None:
        folder = folders[target.parent] = target.parent.resolve()
    return folder / target.name


@dataclass(frozen=True)
class RenderResult:
    documents: list[Document]
    failed: list[LoadedPlan]


def render_documents(
    job: RenderJob, config: Config, today: date, template: Path | None = None
) -> Iterator[Document | LoadedPlan]:
    """Each plan's document as soon as it is rendered, or the plan when it does not load; plans are loaded
    one at a time, so only the document at hand is in memory."""
    from samkit.plan.loader import load_plan

    compiled = get_template(template if template is not None else PLAN_TEMPLATE)
    for plan_file, target in job.plans:
        loaded = load_plan(plan_file)
        if not loaded.ok:
            yield loaded
            continue
        yield Document(loaded.path, target, render_plan(loaded, config, today, compiled), job.out_dir)


def render_job(job: RenderJob, config: Config, today: date, template: Path | None = None) -> RenderResult:
    """Render every plan in memory (nothing is written, so a template error leaves every file as it was)."""
    documents = []
    failed = []
    for item in render_documents(job, config, today, template):
        if isinstance(item, Document):
            documents.append(item)
        else:
            failed.append(item)
    return RenderResult(documents, failed)


def sync_documents(
    job: RenderJob, config: Config, today: date, template: Path | None, files: GeneratedFiles
) -> list[LoadedPlan]:
    """Each document handed to the generated-files service as it is rendered (compared with its file; staged
    on a write), so no document waits in memory; the plans that did not load are returned."""
    failed = []
    for item in render_documents(job, config, today, template):
        if not isinstance(item, Document):
            failed.append(item)
            continue
        if item.target is None:
            raise ValueError(f"{item.plan_path}: a document for standard output has no file to compare with")
        files.add(item.target, item.text.encode("utf-8"), source=item.plan_path)
    return failed


def check_job(
    job: RenderJob, config: Config, today: date, template: Path | None = None
) -> tuple[list[FileStatus], list[LoadedPlan]]:
    """``render --check``: each document compared with its file (line ends as written on any system)."""
    from samkit.fileio.generated import GeneratedFiles, LineEnds

    with GeneratedFiles(checking=True, root=job.out_dir, line_ends=LineEnds.ANY) as files:
        failed = sync_documents(job, config, today, template, files)
    return files.statuses, failed


def write_job(
    job: RenderJob, config: Config, today: date, template: Path | None = None
) -> tuple[list[FileStatus], list[LoadedPlan]]:
    """``render --out-dir``/``-o``: the documents that differ from their files replace them together once every
    plan has rendered; a template error part way leaves every file as it was. Unchanged documents keep their
    mtime."""
    from samkit.fileio.generated import GeneratedFiles, LineEnds

    with GeneratedFiles(checking=False, root=job.out_dir, line_ends=LineEnds.ANY) as files:
        failed = sync_documents(job, config, today, template, files)
        files.commit()
    return files.statuses, failed
