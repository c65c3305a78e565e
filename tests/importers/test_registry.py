"""The importer registry: a team's own source plugs into `samkit import`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from samkit import importers
from samkit.importers.base import Activity, InvalidRow, ReadSettings


class JsonLinesImporter:
    """A team's own source: one JSON object per line with `email` and `day` (a call recorder's export)."""

    name = "jsonl"

    def identify(self, path: Path, head: bytes) -> bool:
        return path.suffix == ".jsonl"

    def extract(self, path: Path, source: str, settings: ReadSettings) -> Iterator[Activity | InvalidRow]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            record = json.loads(line)
            yield Activity(source, number, date.fromisoformat(record["day"]), None, None, record["email"])


def test_a_registered_importer_is_used_by_samkit_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    monkeypatch.setattr(importers, "IMPORTERS", list(importers.IMPORTERS))
    importers.register(JsonLinesImporter())
    with pytest.raises(TypeError):
        importers.register(object())  # type: ignore[arg-type]
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text(
        "account:\n  name: A\n  manager: M\nstakeholders:\n  - name: Ann\n    email: ann@a.example\n"
        "    relationship: weak\n",
        encoding="utf-8",
    )
    (tmp_path / "calls.jsonl").write_text('{"email": "ANN@a.example", "day": "2026-02-03"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("import", "calls.jsonl", "--today", "2026-02-16")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "plans/a.yaml: Ann: last_contact (none) → 2026-02-03\n"
