"""The contributor scripts: the generated docs are current, and the rule scaffold writes a rule that fits."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from samkit.plan.loader import load_text
from tests.conftest import REPO


def script(name: str) -> Any:  # a script module, loaded from its file
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_generated_docs_are_current() -> None:
    assert script("gen_docs").main(["--check"]) == 0


def test_a_stale_generated_part_is_named_and_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gen_docs = script("gen_docs")
    document = tmp_path / "lint.md"
    document.write_text("# Rules\n<!-- rules:start -->\nold\n<!-- rules:end -->\nafter\n", encoding="utf-8")
    part = gen_docs.GeneratedPart(document, "rules", ("rules", "--format", "markdown"))
    gen_docs.PARTS, saved = (part,), gen_docs.PARTS
    gen_docs.REPO, saved_repo = tmp_path, gen_docs.REPO
    try:
        assert gen_docs.main(["--check"]) == 1
        told = capsys.readouterr()
        assert told.out == "lint.md: out of date (from generated part rules)\n"  # the generated-files wording
        assert "1 of 1 generated document would change (1 out of date); run make docs to update" in told.err
        assert "old" in document.read_text(encoding="utf-8")  # --check wrote nothing
        assert gen_docs.main([]) == 0
        assert "wrote 1 of 1 generated document" in capsys.readouterr().err
        assert gen_docs.main(["--check"]) == 0
    finally:
        gen_docs.PARTS, gen_docs.REPO = saved, saved_repo
    text = document.read_text(encoding="utf-8")
    assert "| SAM101 | stale-contact | error |" in text and text.endswith("<!-- rules:end -->\nafter\n")


def test_the_rule_scaffold_writes_a_check_a_registry_entry_and_a_case_file() -> None:
    new_rule = script("new_rule")
    writes = new_rule.planned_writes("SAM399", "renewal-without-owner", "hygiene", "warning")
    module, registry, cases = (
        writes[REPO / "samkit" / "rules" / "hygiene.py"],
        writes[REPO / "samkit" / "rules" / "__init__.py"],
        writes[REPO / "tests" / "rules" / "cases" / "SAM399.yaml"],
    )
    assert '@rule("SAM399", "renewal-without-owner", Severity.WARNING)\ndef renewal_without_owner(' in module
    compile(module, "hygiene.py", "exec")
    assert "        hygiene.tier_mismatch,\n        hygiene.renewal_without_owner,\n" in registry
    data = yaml.safe_load(cases)
    assert data["rule"] == "SAM399"
    assert [case["findings"] for case in data["cases"]] == [[{"line": 0, "column": 0}], []]
    assert all(load_text(case["plan"]).ok for case in data["cases"])


def test_the_rule_scaffold_refuses_a_code_in_use_and_a_bad_name() -> None:
    new_rule = script("new_rule")
    with pytest.raises(SystemExit, match="SAM101 exists already"):
        new_rule.planned_writes("SAM101", "stale-again", "contacts", "error")
    with pytest.raises(SystemExit, match="lower-case words"):
        new_rule.planned_writes("SAM398", "Bad Name", "contacts", "error")
