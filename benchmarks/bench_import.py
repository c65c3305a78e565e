"""Benchmark: `samkit import` of a large CRM export against `samkit validate` on the same plans.

Generates, in a temporary folder, N plans (the seed plan with its own account name and one email per
stakeholder) and an activity export of M rows in Salesforce's shape (account, contact or email, date; a
few unknown people and future dates among them), then times as separate processes (start-up included):

- `samkit validate PLANS`                      the peer: reading and validating every plan once;
- `samkit import EXPORT --plans PLANS`         reading the plans, streaming the export, writing updates;
- `samkit import EXPORT --plans PLANS --dry-run`.

Each import runs on a fresh copy of the plans (the copy is not timed), so every run writes the same
updates; a dry run, which writes nothing, reads the pristine plans. Goal: import within 3x validate for 100,000 rows into 1,000 *small* plans (one account, 3-6
stakeholders, a few lines each: `--shape small`, the default); `--shape large` uses the seed plan (about
250 lines) for each account, as the README's earlier figure did.

`--calendar` measures the calendar side instead: a 5,000-event calendar with 500 weekly series over two
years (and 4,500 single meetings), read by samkit's calendar importer (recurrences expanded, each series'
latest occurrence up to today) against the peer, icalendar parsing the same file alone. In one process,
median of `--repeat` runs. Goal: within 3x the parse.

    python benchmarks/bench_import.py                          # 1,000 small plans, 100,000 rows
    python benchmarks/bench_import.py --plans 200 --rows 20000 --repeat 1 --shape large
    python benchmarks/bench_import.py --calendar --events 5000 --series 500
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "plans" / "global-financial-corp.yaml"
TODAY = date(2026, 2, 16)
GOAL = 3.0


SMALL_PEOPLE = ["Lisa Thompson", "Robert Martinez", "Jennifer Wu", "Sarah Johnson", "David Kim", "Ana Costa"]


def build_small_plans(root: Path, count: int) -> list[tuple[str, list[str]]]:
    """``count`` small plans: an account and 3 to 6 stakeholders with an email each."""
    accounts = []
    for number in range(count):
        folder = root / f"region-{number // 100:03}"
        folder.mkdir(parents=True, exist_ok=True)
        account = f"Global Financial Corp {number}"
        people = SMALL_PEOPLE[: 3 + number % 4]
        emails = [f"{name.lower().replace(' ', '.')}@gfc{number}.example" for name in people]
        lines = [f"account:\n  name: {account}\n  manager: Maria Rodriguez\n  tier: key\nstakeholders:\n"]
        for name, email in zip(people, emails, strict=True):
            lines.append(f"  - name: {name}\n    email: {email}\n    relationship: moderate\n")
            lines.append("    last_contact: 2025-09-01\n")
        (folder / f"account-{number:05}.yaml").write_text("".join(lines), encoding="utf-8")
        accounts.append((account, emails))
    return accounts


def build_plans(root: Path, count: int) -> list[tuple[str, list[str]]]:
    """``count`` plans; returns each account's name and its stakeholders' emails."""
    # the seed's own emails are dropped: each generated plan gets its own, unique across plans
    seed = re.sub(r"(?m)^    email: .*\n", "", SEED.read_text(encoding="utf-8"))
    section = seed.split("\nstakeholders:\n", 1)[1].split("\nstate:", 1)[0]
    names = [line.split("name:", 1)[1].strip() for line in section.splitlines() if line.startswith("  - name:")]
    accounts = []
    for number in range(count):
        folder = root / f"region-{number // 100:03}"
        folder.mkdir(parents=True, exist_ok=True)
        account = f"Global Financial Corp {number}"
        text = seed.replace("Global Financial Corp", account)
        emails = []
        for name in names:
            email = f"{name.lower().replace(' ', '.')}@gfc{number}.example"
            # an email line under each stakeholder's name, as teams that import from a CRM keep them
            text = text.replace(f"  - name: {name}\n", f"  - name: {name}\n    email: {email}\n", 1)
            emails.append(email)
        (folder / f"account-{number:05}.yaml").write_text(text, encoding="utf-8")
        accounts.append((account, emails))
    return accounts


def build_export(path: Path, accounts: list[tuple[str, list[str]]], rows: int, seed: int = 7) -> None:
    chooser = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Subject", "Assigned", "Account Name", "Contact", "Email", "Activity Date"])
        for number in range(rows):
            account, emails = chooser.choice(accounts)
            email = chooser.choice(emails)
            name = email.split("@")[0].replace(".", " ").title()
            roll = chooser.random()
            if roll < 0.02:
                name, email = f"Unknown Person {number}", ""
            day = TODAY - timedelta(days=chooser.randint(0, 200))
            if 0.02 <= roll < 0.03:
                day = TODAY + timedelta(days=chooser.randint(1, 30))
            by_email = chooser.random() < 0.5
            writer.writerow(
                [
                    "Call",
                    "Maria Rodriguez",
                    account,
                    "" if by_email and email else name,
                    email if by_email else "",
                    day.isoformat(),
                ]
            )


def child_env(today: str) -> dict[str, str]:
    """The environment of every timed run: this checkout, a fixed today, no colour, and bytecode written.

    A shell with ``PYTHONDONTWRITEBYTECODE`` set would make each run compile every module changed since its
    last ``.pyc``, timing the compiler (30 ms for the import's modules) instead of what a user's second run
    does; the warm-up (``warm_up``) writes them once.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMKIT_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update({"NO_COLOR": "1", "SAMKIT_TODAY": today})
    env["PYTHONPATH"] = str(REPO)  # this checkout: the bench measures the tree it is in, installed or not
    return env


def warm_up(commands: list[list[str]], cwd: Path, env: dict[str, str]) -> None:
    """Run each timed command once untimed: the file-system caches filled, every module's ``.pyc`` written."""
    for command in commands:
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)


def fresh_copy(pristine: Path, copy: Path) -> Path:
    """``pristine`` copied to a new folder ``copy`` for one import to edit, its data on disk before the clock
    starts: on ext4 (data=ordered) the import's own fsyncs would otherwise also write back the copy the
    benchmark just made, which a user's plans never are.

    Copies are not removed until the benchmark ends (its temporary folder goes then): on an ext4 without a
    journal (the machine these figures come from) the inode allocator skips every inode freed in the last minutes,
    one lookup each, so removing 1,000 plans before each run made the next run's 1,000 new files cost up to
    four times the system time, a state no user's import starts from.
    """
    shutil.copytree(pristine, copy)
    os.sync()
    return copy


def children_cpu() -> float:
    """User and system seconds of every finished child so far (a run's own: the difference around it)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def samkit_command() -> list[str]:
    script = Path(sys.executable).with_name("samkit")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "samkit"]


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shape", choices=["small", "large"], default="small")
    parser.add_argument("--calendar", action="store_true", help="measure the calendar importer instead")
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--series", type=int, default=500)
    parser.add_argument(
        "--settle",
        type=float,
        default=0,
        help="seconds to wait before each import, for the file system to forget the last run's removed files "
        "(65 on an ext4 without a journal: see fresh_copy)",
    )
    options = parser.parse_args()
    if options.calendar:
        calendar_bench(options.events, options.series, options.repeat)
        return
    samkit = samkit_command()
    env = child_env(TODAY.isoformat())
    with tempfile.TemporaryDirectory(prefix="samkit-bench-import-") as temp:
        work = Path(temp)
        pristine = work / "pristine"
        accounts = (build_small_plans if options.shape == "small" else build_plans)(pristine, options.plans)
        export = work / "activity.csv"
        build_export(export, accounts, options.rows)
        validate = [*samkit, "validate", str(pristine)]
        warm_up([validate, [*samkit, "import", str(export), "--plans", str(pristine), "--dry-run"]], work, env)
        cases: dict[str, list[float]] = {"validate": [], "import": [], "import --dry-run": []}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for run in range(options.repeat):
            for name, extra in (("validate", []), ("import", []), ("import --dry-run", ["--dry-run"])):
                # a dry run writes nothing: the pristine plans serve it; each import edits its own copy
                plans = fresh_copy(pristine, work / f"plans-{run}") if name == "import" else pristine
                if name == "import":
                    time.sleep(options.settle)
                command = validate if name == "validate" else [*samkit, "import", str(export), "--plans", str(plans)]
                before = children_cpu()
                cases[name].append(timed([*command, *extra], work, env))
                cpu[name].append(children_cpu() - before)
        report = subprocess.run(
            [*samkit, "import", str(export), "--plans", str(pristine), "--dry-run"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stderr.strip()

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; {platform.platform()}")
    print(
        f"{options.plans} {options.shape} plans, {options.rows:,} activity rows; "
        f"median of {options.repeat} runs, start-up included"
    )
    print(report)
    floor = statistics.median(cases["validate"])
    cpu_floor = statistics.median(cpu["validate"])
    print(f"\n{'case':<20} {'seconds':>8} {'vs validate':>12} {'CPU seconds':>12} {'vs validate':>12}")
    for name, times in cases.items():
        ratio, cpu_seconds = statistics.median(times) / floor, statistics.median(cpu[name])
        print(
            f"{name:<20} {statistics.median(times):8.2f} {ratio:11.2f}x {cpu_seconds:12.2f} {cpu_seconds / cpu_floor:11.2f}x"
        )
    verdict = "ok" if statistics.median(cases["import"]) / floor <= GOAL else "MISSED"
    print(f"goal: import within {GOAL:.0f}x validate: {verdict}")


def build_calendar(path: Path, events: int, series: int) -> None:
    """``series`` weekly meetings running for the two years before TODAY, and single meetings for the rest."""
    chooser = random.Random(11)
    start = TODAY - timedelta(days=730)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//samkit bench//EN"]
    for number in range(events):
        day = start + timedelta(days=chooser.randint(0, 730))
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{number}@bench.example",
            f"DTSTAMP:{TODAY:%Y%m%d}T000000Z",
            f"SUMMARY:Meeting {number}",
            f"DTSTART;TZID=America/New_York:{day:%Y%m%d}T{9 + number % 8:02}0000",
            f"DTEND;TZID=America/New_York:{day:%Y%m%d}T{9 + number % 8:02}3000",
        ]
        if number < series:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=104" if number % 2 else "RRULE:FREQ=WEEKLY")
            if number % 5 == 0:
                lines.append(f"EXDATE;TZID=America/New_York:{day + timedelta(days=7):%Y%m%d}T{9 + number % 8:02}0000")
        lines += [
            "ORGANIZER;CN=Maria Rodriguez:mailto:maria@vendor.example",
            f"ATTENDEE;CN=Person {number};PARTSTAT=ACCEPTED:mailto:person{number % 900}@customer.example",
            "ATTENDEE;CN=Maria Rodriguez;PARTSTAT=ACCEPTED:mailto:maria@vendor.example",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")


def calendar_bench(events: int, series: int, repeat: int) -> None:
    sys.path.insert(0, str(REPO))
    from icalendar import Calendar

    from samkit.importers.base import Activity, ReadSettings
    from samkit.importers.ics_source import IcsImporter

    with tempfile.TemporaryDirectory(prefix="samkit-bench-ics-") as temp:
        path = Path(temp) / "meetings.ics"
        build_calendar(path, events, series)
        raw = path.read_bytes()
        parse, read = [], []
        found = 0
        for _ in range(repeat):
            started = time.perf_counter()
            Calendar.from_ical(raw)
            parse.append(time.perf_counter() - started)
            started = time.perf_counter()
            found = sum(
                isinstance(item, Activity) for item in IcsImporter().extract(path, path.name, ReadSettings(today=TODAY))
            )
            read.append(time.perf_counter() - started)
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; {platform.platform()}")
    print(f"{events:,} events ({series} weekly series over two years), {len(raw):,} bytes; median of {repeat} runs")
    floor, ours = statistics.median(parse), statistics.median(read)
    print(f"icalendar parse alone      {floor:8.2f} s")
    print(f"samkit calendar importer   {ours:8.2f} s  {ours / floor:5.2f}x  ({found:,} touchpoints)")
    print(f"goal: within {GOAL:.0f}x the parse: {'ok' if ours / floor <= GOAL else 'MISSED'}")


if __name__ == "__main__":
    main()
