"""Page names for plans whose file names collide, worked out in one pass (``<account>/plan.yaml`` layouts)."""

from __future__ import annotations

from pathlib import Path

from samkit.plan.newplan import slugify
from samkit.site.build import PageNames


def _one_at_a_time(paths: list[str]) -> dict[str, str]:
    """The rule as written in PageNames' docstring, tried from ``-2`` upwards for every path."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for path in sorted(paths):
        base = slugify(Path(path).stem) or "account"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[path] = slug
    return slugs


def test_colliding_file_names_get_numbers_in_path_order() -> None:
    paths = [f"plans/account-{number:04}/plan.yaml" for number in range(1500)]
    slugs = _page_names(paths)
    assert slugs["plans/account-0000/plan.yaml"] == "plan"
    assert slugs["plans/account-0001/plan.yaml"] == "plan-2"
    assert slugs["plans/account-1499/plan.yaml"] == "plan-1500"
    assert len(set(slugs.values())) == len(paths)


def test_names_that_look_numbered_already_are_skipped_as_before() -> None:
    """A plan really named ``plan-3.yaml`` keeps the numbering honest: no page name is given twice."""
    paths = [
        "a/plan.yaml",
        "a/plan-3.yaml",
        "b/plan.yaml",
        "c/plan.yaml",
        "d/plan.yaml",
        "d/plan-2.yaml",
        "e/plan.yaml",
        "e/Plan.yml",
        "f/---.yaml",
        "g/!!!.yaml",
        "h/account.yaml",
    ]
    slugs = _page_names(paths)
    assert slugs == _one_at_a_time(paths)
    assert len(set(slugs.values())) == len(paths)


def _page_names(paths: list[str]) -> dict[str, str]:
    """Every path's page name, the paths given to one ``PageNames`` in path order."""
    names = PageNames()
    return {path: names.name(path) for path in sorted(paths)}
