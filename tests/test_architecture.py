"""The layout shows the architecture: subpackages import one way, modules stay small, the top level stays short."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "samkit"
MAX_MODULE_LINES = 450
MAX_TOP_LEVEL_MODULES = 10


def _unit(module: str) -> str:
    """The architectural unit of a dotted module name: its first-level subpackage, or the top-level module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports_of(path: Path) -> set[str]:
    """Every samkit module ``path`` imports, at the top or inside a function (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("samkit"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("samkit"))
    return found


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def _unit_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        own = _unit(_module_name(path))
        targets = {_unit(module) for module in _imports_of(path)} - {own, "samkit"}
        graph.setdefault(own, set()).update(targets)
    return graph


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        trail.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def test_the_import_graph_between_subpackages_has_no_cycle() -> None:
    assert _find_cycle(_unit_graph()) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": {"c"}}) is None


def test_nothing_imports_the_cli() -> None:
    importers = [path for path in PACKAGE.rglob("*.py") if "samkit.cli" in _imports_of(path)]
    assert [path.name for path in importers] == ["__main__.py"]


def test_the_plan_format_imports_no_other_layer() -> None:
    """plan → analysis → rules/render/output → commands → cli: the plan format depends on nothing above it."""
    above = {"analysis", "roster", "gitio", "history", "lint", "rules", "render", "output", "commands", "site"}
    assert _unit_graph().get("plan", set()) & above == set()


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_is_longer_than_the_limit(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(REPO)} has {lines} lines; split it along its seams"


def test_the_top_level_holds_at_most_ten_modules() -> None:
    modules = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules


def test_the_rules_and_the_lint_engine_import_no_importer() -> None:
    """What lint and the CRM import share (the currencies a sign stands for) lives below both, in the plan layer."""
    graph = _unit_graph()
    assert "importers" not in graph["rules"] | graph["lint"]
