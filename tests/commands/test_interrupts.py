"""Ctrl-C at any moment of a long run: exit 130, one line, no traceback from any thread, no temporary file
left, the previous output intact.

Each command runs in its own process (its own session, so the interrupt goes to the whole process group as a
terminal's Ctrl-C does, lint's worker processes included) under a timeout, so a regression fails instead of
hanging. The interrupts fall at many points: while samkit's modules load (as soon as the process has opened
samkit's command modules), and at growing delays after the run's input is open.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SEED_PLAN

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see what is open")
TIMEOUT = 60
DELAYS = (0.0, 0.1, 0.3, 0.6, 1.0)


def _opened(pid: int, wanted: Callable[[str], bool]) -> bool:
    try:
        targets = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:  # it ended, or a descriptor closed while we looked
        return False
    return any(wanted(target) for target in targets)


def _wait_until(process: subprocess.Popen[str], wanted: Callable[[str], bool]) -> bool:
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        if _opened(process.pid, wanted):
            return True
        time.sleep(0.002)
    return False


def interrupt(
    arguments: list[str], cwd: Path, ready: Callable[[str], bool], delay: float
) -> subprocess.CompletedProcess[str]:
    """Run ``samkit ARGUMENTS``; once ``ready`` holds for a file it has open, wait ``delay`` and press Ctrl-C."""
    # the child is not measured by coverage (`make test` measures subprocesses): Ctrl-C's handler can run
    # while coverage's tracer holds its data lock, and the handler's own tracing then waits on that lock for
    # ever (seen under load; samkit alone never hangs there)
    unmeasured = ("SAMKIT_TODAY", "SAMKIT_DEBUG", "COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START")
    environment = {key: value for key, value in os.environ.items() if key not in unmeasured}
    environment.update({"PYTHONPATH": str(REPO), "NO_COLOR": "1"})
    process = subprocess.Popen(
        [sys.executable, "-m", "samkit", *arguments],
        cwd=cwd,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        if _wait_until(process, ready):
            time.sleep(delay)
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return subprocess.CompletedProcess(arguments, process.returncode, "", stderr)


def assert_interrupted_cleanly(result: subprocess.CompletedProcess[str], folder: Path, finished: int = 0) -> None:
    """Interrupted (130, one line) or, when the run was faster than the interrupt, finished (``finished``)."""
    assert result.returncode in (finished, 130), (result.returncode, result.stderr[-3000:])
    assert "Traceback" not in result.stderr and "Exception in thread" not in result.stderr, result.stderr[-3000:]
    if result.returncode == 130:
        assert re.fullmatch(r"samkit: interrupted(; .+ had already been written in full)?\n", result.stderr), (
            result.stderr[-3000:]
        )
    assert [path.name for path in folder.rglob("*.tmp")] == []


def importing_samkit(target: str) -> bool:
    return f"{os.sep}samkit{os.sep}commands{os.sep}" in target


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300,000 rows (16 MB): long enough to be interrupted in every stage of the columnar reading."""
    folder = tmp_path_factory.mktemp("roster")
    path = folder / "big.csv"
    header = "Account,Owner,ARR,Current Revenue,Expansion Potential,Strategic Fit,Market Influence,"
    header += "Relationship Strength,Product Adoption,Partnership Potential\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header)
        handle.writelines(
            f"Account {row},Owner {row % 40},${row % 900 + 100}K,{row % 11},{row * 7 % 11},{row * 3 % 11},"
            f"{row % 5},{row % 7},{row % 9},{row % 10}\n"
            for row in range(300_000)
        )
    return path


@pytest.mark.parametrize("delay", DELAYS)
def test_score_interrupted_keeps_the_previous_output(roster: Path, tmp_path: Path, delay: float) -> None:
    shutil.copy(roster, tmp_path / "big.csv")
    previous = b"account,score,tier\nfrom the run before\n"
    (tmp_path / "out.csv").write_bytes(previous)
    arguments = ["score", "big.csv", "--format", "csv", "-o", "out.csv"]
    # as soon as samkit's command modules load, then at each delay after the roster is open
    for ready in (importing_samkit, lambda target: target.endswith("big.csv")):
        result = interrupt(arguments, tmp_path, ready, delay)
        assert_interrupted_cleanly(result, tmp_path)
        written = (tmp_path / "out.csv").read_bytes()
        if result.returncode == 130 and "out.csv had already been written in full" not in result.stderr:
            assert result.stderr == "samkit: interrupted\n"
            assert written == previous
        else:  # finished before the interrupt (or the interrupt came after the replace): the whole new output
            assert written.count(b"\n") == 300_001
            (tmp_path / "out.csv").write_bytes(previous)


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    seed = SEED_PLAN.read_text(encoding="utf-8")
    for number in range(120):
        (folder / f"account-{number:03}.yaml").write_text(
            seed.replace("name: Global Financial Corp", f"name: Account {number}", 1), encoding="utf-8"
        )
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("delay", DELAYS[::2])
def test_site_interrupted_leaves_each_page_old_or_new_never_half(plans: Path, tmp_path: Path, delay: float) -> None:
    def build(today: str, out: Path) -> dict[str, bytes]:
        command = [sys.executable, "-m", "samkit", "site", str(plans), "--out-dir", str(out), "--today", today]
        subprocess.run(
            command, check=True, capture_output=True, timeout=TIMEOUT, env={**os.environ, "PYTHONPATH": str(REPO)}
        )
        return _files(out)

    old = build("2026-02-01", tmp_path / "site")
    new = build("2026-03-01", tmp_path / "reference")
    arguments = ["site", str(plans), "--out-dir", "site", "--today", "2026-03-01"]
    result = interrupt(arguments, tmp_path, lambda target: target.endswith(".yaml"), delay)
    assert_interrupted_cleanly(result, tmp_path / "site")
    for name, content in _files(tmp_path / "site").items():
        assert content in (old.get(name), new.get(name)), name


@pytest.mark.parametrize("delay", DELAYS[::2])
def test_render_out_dir_interrupted(plans: Path, tmp_path: Path, delay: float) -> None:
    arguments = ["render", str(plans), "--out-dir", "docs"]
    result = interrupt(arguments, tmp_path, lambda target: target.endswith(".yaml"), delay)
    assert_interrupted_cleanly(result, tmp_path / "docs" if (tmp_path / "docs").exists() else tmp_path)
    if result.returncode == 130 and (tmp_path / "docs").exists():
        for document in (tmp_path / "docs").iterdir():  # each one written whole
            assert document.read_text(encoding="utf-8").endswith("\n")


@pytest.mark.parametrize("delay", DELAYS[::2])
def test_import_interrupted_changes_no_plan(plans: Path, tmp_path: Path, delay: float) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(plans, folder)
    before = _files(folder)
    with (tmp_path / "activities.csv").open("w", encoding="utf-8") as handle:
        handle.write("Account,Contact,Date\n")
        handle.writelines(f"Account {row % 120},Jennifer Wu,2026-01-{row % 28 + 1:02}\n" for row in range(100_000))
    arguments = ["import", "activities.csv", "--plans", "plans", "--today", "2026-02-01"]
    result = interrupt(arguments, tmp_path, lambda target: target.endswith("activities.csv"), delay)
    assert_interrupted_cleanly(result, tmp_path)
    if result.returncode == 130:
        after = _files(folder)
        # all or nothing per plan: each is either as it was or wholly updated (re-validated before written)
        assert set(after) == set(before)


def test_lint_worker_processes_are_interrupted_too(plans: Path, tmp_path: Path) -> None:
    for delay in (0.0, 0.2, 0.5):
        arguments = ["lint", str(plans), "--jobs", "2", "--today", "2026-02-01"]
        result = interrupt(arguments, tmp_path, lambda target: target.endswith(".yaml"), delay)
        assert_interrupted_cleanly(result, tmp_path, finished=1)  # the seed copies have error-level findings


# Ctrl-C while the output is being renamed into place: the signal comes from inside ``os.replace``, once the
# rename is done, so Python runs its handler the moment the call returns
_CTRL_C_DURING_REPLACE = """
import os, runpy, signal, sys
rename = os.replace
def replace(source, target, **options):
    rename(source, target, **options)
    if str(target).endswith("out.csv"):
        signal.raise_signal(signal.SIGINT)
os.replace = replace
sys.argv = ["samkit", *sys.argv[1:]]
runpy.run_module("samkit", run_name="__main__")
"""


def test_an_interrupt_right_after_the_replace_says_the_output_was_written(tmp_path: Path) -> None:
    """Exit 130 as for any Ctrl-C, but not "interrupted" alone: the new output is in place, whole."""
    (tmp_path / "roster.csv").write_text(
        "Account,Current Revenue,Expansion Potential,Strategic Fit,Market Influence,Relationship Strength,"
        "Product Adoption,Partnership Potential\nAcme,9,9,9,9,9,9,9\n",
        encoding="utf-8",
    )
    (tmp_path / "out.csv").write_bytes(b"from the run before\n")
    result = subprocess.run(
        [sys.executable, "-c", _CTRL_C_DURING_REPLACE, "score", "roster.csv", "--format", "csv", "-o", "out.csv"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr == "samkit: interrupted; out.csv had already been written in full\n"
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").endswith("Acme,9,9,9,9,9,9,9,90.0,Strategic\n")
    assert [path.name for path in tmp_path.rglob("*.tmp")] == []


def test_each_run_starts_with_no_file_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Any) -> None:
    """In one process (a test's in-process runs), a run's interrupt line never names an earlier run's files."""
    from samkit.cli import interrupted_line
    from samkit.fileio.atomic import placed_files

    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.csv").write_text(
        "Account,Current Revenue,Expansion Potential,Strategic Fit,Market Influence,Relationship Strength,"
        "Product Adoption,Partnership Potential\nAcme,9,9,9,9,9,9,9\n",
        encoding="utf-8",
    )
    assert run_cli("score", "roster.csv", "--format", "csv", "-o", "first.csv").exit_code == 0
    assert [Path(name).name for name in placed_files()] == ["first.csv"]
    assert interrupted_line(placed_files()).endswith("first.csv had already been written in full")
    assert run_cli("score", "roster.csv").exit_code == 0
    assert placed_files() == []
    assert interrupted_line([]) == "samkit: interrupted"
    assert interrupted_line(["a", "b"]) == "samkit: interrupted; 2 files had already been written in full"


def test_a_ctrl_c_as_the_run_ends_changes_nothing_and_prints_no_traceback(tmp_path: Path) -> None:
    """The signal lands while the exit handlers run (here: sent by one of them): the run's own exit stands."""
    script = (
        "import atexit, os, signal, sys\n"
        "from samkit import cli\n"
        "atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))\n"
        "sys.argv = ['samkit', '--version']\n"
        "cli.main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("samkit ")


# Ctrl-C while a run is still staging its files (the second temp file being made): nothing is in place yet
_CTRL_C_WHILE_STAGING = """
import runpy, signal, sys, tempfile
make, made = tempfile.mkstemp, []
def mkstemp(*arguments, **options):
    made.append(options.get("dir"))
    if len(made) == 2:
        signal.raise_signal(signal.SIGINT)
    return make(*arguments, **options)
tempfile.mkstemp = mkstemp
sys.argv = ["samkit", *sys.argv[1:]]
runpy.run_module("samkit", run_name="__main__")
"""


def test_a_site_interrupted_before_any_page_is_written_leaves_no_folder_it_made(tmp_path: Path) -> None:
    """The run wrote nothing, so it leaves nothing: not its temp files, not the empty s2/ and s2/accounts/."""
    (tmp_path / "plans").mkdir()
    for name in ("acme", "beta"):
        shutil.copy(SEED_PLAN, tmp_path / "plans" / f"{name}.yaml")
    (tmp_path / "kept").mkdir()  # a folder that was there before is kept, empty or not
    for out_dir in ("s2", "kept"):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                _CTRL_C_WHILE_STAGING,
                "site",
                "plans",
                "--out-dir",
                out_dir,
                "--today",
                "2026-02-16",
            ],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert (result.returncode, result.stderr) == (130, "samkit: interrupted\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept", "plans"]
    assert list((tmp_path / "kept").iterdir()) == []
