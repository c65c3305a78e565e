"""The README's console examples are the real output, checked like doctests.

Every fenced ``console`` block with a ``$ samkit ...`` line is run, block by block, in a scratch copy of the
repository's plans, templates and schema (plus the files in ``tests/data/readme/``), piped, without colour.
Under each ``$`` line is what the command prints (stdout, then stderr); a line ``…`` stands for any number of
lines; ``> FILE`` after a command writes its stdout there; ``$ echo $?`` checks the exit code of the command before it; a ``# comment`` after a command is ignored.
A block that cannot run on its own (it needs a git history, say) is preceded by ``<!-- console: not run -->``.
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

from tests.conftest import REPO, TEST_DATA

README = REPO / "README.md"
NOT_RUN = "<!-- console: not run"
ELISION = "…"
COPIED = ("plans", "templates", "schema", "docs")


@dataclass
class Step:
    command: str
    line: int
    expected: list[str] = field(default_factory=list)


@dataclass
class Example:
    line: int
    steps: list[Step]


def console_examples(text: str) -> list[Example]:
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
        index += 1
        if not skipped and any(step.command.startswith("samkit ") for step in steps):
            examples.append(Example(start + 1, steps))
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


def _trimmed(lines: list[str]) -> list[str]:
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end]


def scratch_repository(target: Path) -> Path:
    for name in COPIED:
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name)
    extra = TEST_DATA / "readme"
    if extra.is_dir():
        shutil.copytree(extra, target, dirs_exist_ok=True)
    return target


def run(command: str, cwd: Path) -> tuple[int, list[str]]:
    """Run one ``$ samkit ...`` line; ``> FILE`` at its end sends stdout to FILE (only stderr is compared)."""
    words = shlex.split(command, comments=True)
    assert words[0] == "samkit", command
    target = None
    if len(words) > 2 and words[-2] == ">":
        target = cwd / words[-1]
        words = words[:-2]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SAMKIT_", "COLUMNS"))}
    env.update({"NO_COLOR": "1", "PYTHONPATH": str(REPO)})
    result = subprocess.run(
        [sys.executable, "-m", "samkit", *words[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if target is not None:
        target.write_text(result.stdout, encoding="utf-8")
        return result.returncode, result.stderr.splitlines()
    return result.returncode, (result.stdout + result.stderr).splitlines()


EXAMPLES = console_examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_console_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: f"README.md:{example.line}")
def test_a_readme_console_example_is_the_real_output(example: Example, tmp_path: Path) -> None:
    cwd = scratch_repository(tmp_path)
    last_code: int | None = None
    for step in example.steps:
        if step.command.strip() == "echo $?":
            assert [str(last_code)] == _trimmed(step.expected), f"README.md:{step.line}"
            continue
        last_code, output = run(step.command, cwd)
        assert matches(step.expected, output), f"README.md:{step.line}: `{step.command}` printed:\n" + "\n".join(output)


def test_the_matcher_understands_elisions() -> None:
    assert matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "…", "b"], ["a", "b"])
    assert not matches(["a", "…", "d"], ["a", "b", "c"])
    assert matches(["a", ""], ["a"])
    assert not matches(["a"], ["a", "b"])


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
    assert re.fullmatch(r"\d+", str(example.line))
