"""The docs' console examples are the real output, checked like doctests.

Every fenced ``console`` block with a ``$ samkit ...`` line, in README.md and in ``docs/**/*.md``, is run block by
block in a scratch copy of the repository's plans, templates, schema and docs, piped, without colour. Under each
``$`` line is what the command prints (stdout, then stderr); a line ``…`` stands for any number of lines;
``> FILE`` after a command writes its stdout there; ``$ echo $?`` checks the exit code of the command before it;
a ``# comment`` after a command is ignored. A ``$`` line that does not start with ``samkit`` (``cp``, ``diff``,
``rm``) runs in ``bash`` in the same folder, so a tour can copy what it changes. A block that cannot run on its own
(it needs a git history, say) is preceded by ``<!-- console: not run (why) -->``.

``SAMKIT_DOCS_UPDATE=1 pytest tests/test_docs.py`` rewrites the expected output of every block that no longer
matches, in place: lines before the first ``…`` and after the last one are refreshed and the elision kept, so a
long output stays excerpted. Read the ``git diff`` before committing it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO

NOT_RUN = "<!-- console: not run"
ELISION = "…"
COPIED = ("plans", "templates", "schema", "docs")
UPDATE = os.environ.get("SAMKIT_DOCS_UPDATE") == "1"
# documents read in order, each block going on from the one before (a tour): their blocks share one scratch folder
TOURS = {REPO / "README.md"}


def documents() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


@dataclass
class Step:
    command: str
    line: int
    expected: list[str] = field(default_factory=list)


@dataclass
class Example:
    path: Path
    index: int  # the example's place among the file's run blocks: stable while an update shifts lines
    line: int
    end: int  # the line of the closing fence
    steps: list[Step]

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}" if self.path.is_relative_to(REPO) else str(self.line)


def console_examples(text: str, path: Path = REPO / "README.md") -> list[Example]:
    """Every ``console`` block that runs samkit, with its commands and expected output."""
    examples: list[Example] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        if lines[index].strip() != "```console":
            index += 1
            continue
        start = index
        skipped = start > 0 and lines[start - 1].startswith(NOT_RUN)
        index += 1
        steps: list[Step] = []
        while index < len(lines) and lines[index].strip() != "```":
            line = lines[index]
            if line.startswith("$ "):
                steps.append(Step(line[2:], index + 1))
            elif steps:
                steps[-1].expected.append(line)
            index += 1
        if not skipped and any(step.command.startswith("samkit ") for step in steps):
            examples.append(Example(path, len(examples), start + 1, index + 1, steps))
        index += 1
    return examples


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, trailing blank lines ignored; ``…`` matches any run of lines (none included)."""
    expected = _trimmed(expected)
    actual = _trimmed(actual)
    if not expected:
        return not actual
    head, *rest = expected
    if head.strip() == ELISION:
        return any(matches(rest, actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and actual[0].rstrip() == head.rstrip() and matches(rest, actual[1:])


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """What an update writes: the actual output, excerpted where the expected one was (``…`` kept)."""
    expected = _trimmed(expected)
    actual = [line.rstrip() for line in _trimmed(actual)]
    if matches(expected, actual):
        return expected
    elided = [number for number, line in enumerate(expected) if line.strip() == ELISION]
    if not elided:
        return actual
    head = elided[0]
    tail = len(expected) - elided[-1] - 1
    if head + tail >= len(actual):
        return actual
    return [*actual[:head], ELISION, *(actual[len(actual) - tail :] if tail else [])]


def _trimmed(lines: list[str]) -> list[str]:
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end]


def scratch_repository(target: Path) -> Path:
    for name in COPIED:
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SAMKIT_", "COLUMNS"))}
    env.update({"NO_COLOR": "1", "PYTHONPATH": str(REPO)})
    return env


def run(command: str, cwd: Path) -> tuple[int, list[str]]:
    """Run one ``$`` line; ``> FILE`` at the end of a samkit line sends stdout to FILE (only stderr is compared)."""
    words = shlex.split(command, comments=True)
    if words[0] != "samkit":
        shell = subprocess.run(
            ["bash", "-c", command],
            cwd=cwd,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return shell.returncode, (shell.stdout + shell.stderr).splitlines()
    target = None
    if len(words) > 2 and words[-2] == ">":
        target = cwd / words[-1]
        words = words[:-2]
    result = subprocess.run(
        [sys.executable, "-m", "samkit", *words[1:]],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if target is not None:
        target.write_text(result.stdout, encoding="utf-8")
        return result.returncode, result.stderr.splitlines()
    return result.returncode, (result.stdout + result.stderr).splitlines()


def run_example(example: Example, cwd: Path) -> list[list[str]]:
    """Every step's actual output (for ``echo $?``, the exit code of the step before)."""
    outputs: list[list[str]] = []
    last_code: int | None = None
    for step in example.steps:
        if step.command.strip() == "echo $?":
            outputs.append([str(last_code)])
            continue
        last_code, output = run(step.command, cwd)
        outputs.append(output)
    return outputs


def update_document(example: Example, outputs: list[list[str]]) -> None:
    """Rewrite the example's expected lines in its file (found again by index: earlier updates may move it)."""
    text = example.path.read_text(encoding="utf-8")
    current = console_examples(text, example.path)[example.index]
    lines = text.splitlines()
    block: list[str] = []
    for step, output in zip(current.steps, outputs, strict=True):
        block.append(f"$ {step.command}")
        block.extend(refreshed(step.expected, output))
    lines[current.line : current.end - 1] = block
    example.path.write_text("\n".join(lines) + "\n", encoding="utf-8")


EXAMPLES = [example for path in documents() for example in console_examples(path.read_text(encoding="utf-8"), path)]
# what one test runs: a tour's blocks together and in order, any other block on its own
RUNS = [pytest.param([example], id=example.name) for example in EXAMPLES if example.path not in TOURS] + [
    # a whole tour takes seconds: the quick loop (make test-fast) leaves it to make test
    pytest.param([example for example in EXAMPLES if example.path == tour], id=tour.name, marks=pytest.mark.slow)
    for tour in sorted(TOURS)
]


def test_the_readme_and_the_docs_have_console_examples() -> None:
    in_readme = [example for example in EXAMPLES if example.path.name == "README.md" and example.path.parent == REPO]
    assert len(in_readme) >= 5
    assert {example.path.name for example in EXAMPLES} >= {"README.md", "commands.md", "lint.md"}


@pytest.mark.parametrize("examples", RUNS)
def test_a_console_example_is_the_real_output(examples: list[Example], tmp_path: Path) -> None:
    cwd = scratch_repository(tmp_path)
    for example in examples:
        outputs = run_example(example, cwd)
        if UPDATE:
            if any(not matches(step.expected, output) for step, output in zip(example.steps, outputs, strict=True)):
                update_document(example, outputs)
            continue
        for step, output in zip(example.steps, outputs, strict=True):
            assert matches(step.expected, output), f"{example.name}: line {step.line}: `{step.command}` printed:\n" + (
                "\n".join(output)
            )


def test_the_readme_tour_leaves_the_bundled_plans_alone() -> None:
    """The tour writes only under tour/ (git-ignored): pasted in a clone, it changes nothing that is committed."""
    writers = ("new", "log", "import", "render", "site", "schema")
    for example in EXAMPLES:
        if example.path != REPO / "README.md":
            continue
        for step in example.steps:
            words = shlex.split(step.command, comments=True)
            if words[0] == "samkit" and words[1] in writers and "--dry-run" not in words and "--check" not in words:
                assert any(word.startswith("tour/") for word in words), step.command
    assert "/tour/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_files_the_docs_name_exist() -> None:
    """Every relative link resolves, and every docs/examples/ file a command uses is committed."""
    link = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")
    missing = []
    for path in documents():
        text = path.read_text(encoding="utf-8")
        for target in link.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            resolved = (path.parent / target).resolve()
            if not resolved.exists():
                missing.append(f"{path.relative_to(REPO)}: {target}")
        missing += [
            f"{path.relative_to(REPO)}: {name}"
            for name in re.findall(r"\bdocs/examples/[\w.-]+", text)
            if not (REPO / name).exists()
        ]
    assert missing == []


def test_every_page_is_in_the_documentation_index() -> None:
    """A page nobody links to is a page a newcomer never finds: docs/README.md's table lists each one."""
    index = (REPO / "docs" / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| \[[^\]]+\]\(([^)#]+)\)", index, flags=re.MULTILINE))
    pages = {path.name for path in (REPO / "docs").glob("*.md") if path.name != "README.md"}
    assert sorted(pages - listed) == []


def test_the_matcher_understands_elisions() -> None:
    assert matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "…", "b"], ["a", "b"])
    assert not matches(["a", "…", "d"], ["a", "b", "c"])
    assert matches(["a", ""], ["a"])
    assert not matches(["a"], ["a", "b"])


def test_an_update_keeps_the_excerpt() -> None:
    assert refreshed(["a", "…", "z"], ["a", "b", "z"]) == ["a", "…", "z"]
    assert refreshed(["a", "…", "z"], ["A", "b", "c", "Z"]) == ["A", "…", "Z"]
    assert refreshed(["a", "…"], ["A", "b"]) == ["A", "…"]
    assert refreshed(["old"], ["new", "lines "]) == ["new", "lines"]
    assert refreshed(["a", "b", "…", "z"], ["A", "Z"]) == ["A", "Z"]


def test_an_update_rewrites_only_the_block_that_changed(tmp_path: Path) -> None:
    document = tmp_path / "page.md"
    document.write_text(
        "Intro\n\n```console\n$ samkit validate plans/\n9 plans valid\n```\n\nText\n\n"
        "```console\n$ samkit rules\nSAM001 x\n…\n$ echo $?\n3\n```\n",
        encoding="utf-8",
    )
    first, second = console_examples(document.read_text(encoding="utf-8"), document)
    update_document(first, [["5 plans valid", "and more"]])
    update_document(second, [["SAM001 y", "SAM002 z"], ["0"]])
    assert document.read_text(encoding="utf-8") == (
        "Intro\n\n```console\n$ samkit validate plans/\n5 plans valid\nand more\n```\n\nText\n\n"
        "```console\n$ samkit rules\nSAM001 y\n…\n$ echo $?\n0\n```\n"
    )


def test_the_parser_skips_marked_blocks_and_other_languages() -> None:
    text = "\n".join(
        [
            "```console",
            "$ samkit rules  # all",
            "SAM001 x",
            "$ echo $?",
            "0",
            "```",
            NOT_RUN + " (needs git) -->",
            "```console",
            "$ samkit diff main",
            "```",
            "```sh",
            "$ samkit lint",
            "```",
        ]
    )
    [example] = console_examples(text)
    assert [step.command for step in example.steps] == ["samkit rules  # all", "echo $?"]
    assert example.steps[0].expected == ["SAM001 x"]
    assert (example.line, example.end) == (1, 6)
