"""``log`` / ``import`` lines: one line per change, whatever a name or a note holds."""

from __future__ import annotations

from samkit.output.log_out import change_line
from samkit.plan.contacts import Change


def test_a_change_line_shows_line_breaks_and_control_characters_as_escapes() -> None:
    line = change_line("plans/a\x1b]0;x\x07.yaml", Change("Lisa\nThompson", "notes", None, "call\r\n\x1b[2Jagain"))
    assert line == 'plans/a\\x1b]0;x\\x07.yaml: Lisa\\nThompson: notes + "call\\r\\n\\x1b[2Jagain"'
    kept = change_line("p.yaml", Change("Al\tB", "last_contact", "2026-01-01", "2025-01-01", False, "already"))
    assert kept == "p.yaml: Al\\tB: last_contact already 2026-01-01"
