"""Regenerate the generated parts of docs/ from the code, or check that they are current.

    python scripts/gen_docs.py           # rewrite them in place
    python scripts/gen_docs.py --check   # exit 1 listing each document that is out of date (make test runs this)

Today that is docs/lint.md: the rule table (``samkit rules --format markdown``) and the rule pages
(``--full``), each between two markers. The console examples of the docs are refreshed by the doc test
instead: ``SAMKIT_DOCS_UPDATE=1 .venv/bin/pytest tests/test_docs.py`` (``make docs`` runs both).
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class GeneratedPart:
    """A part of a document between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``, made by a samkit command."""

    document: Path
    marker: str
    arguments: tuple[str, ...]

    def current(self) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "samkit", *self.arguments],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            env={"NO_COLOR": "1", "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        )
        return result.stdout.strip() + "\n"

    def spliced(self, text: str) -> str:
        start, end = f"<!-- {self.marker}:start -->\n", f"<!-- {self.marker}:end -->"
        if start not in text or end not in text:
            raise SystemExit(f"{self.document.relative_to(REPO)}: the markers {start.strip()} ... {end} are missing")
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        return head + start + self.current() + end + tail


PARTS = (
    GeneratedPart(REPO / "docs" / "lint.md", "rules", ("rules", "--format", "markdown")),
    GeneratedPart(REPO / "docs" / "lint.md", "rule-pages", ("rules", "--format", "markdown", "--full")),
)


def main(argv: list[str] | None = None) -> int:
    """Through samkit's generated-files service (as ``render``, ``site`` and ``schema`` are): each document with
    all its parts spliced in, compared with the file; ``--check`` lists the stale ones (stdout) and exits 1, a
    run rewrites them, all together once every part is made."""
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS
    from samkit.fileio.generated import GeneratedFiles, LineEnds, check_listing, check_summary, write_summary

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a part is out of date")
    options = parser.parse_args(argv)
    documents: dict[Path, list[GeneratedPart]] = {}
    for part in PARTS:
        documents.setdefault(part.document, []).append(part)
    with contextlib.chdir(REPO), GeneratedFiles(checking=options.check, line_ends=LineEnds.ANY) as files:
        for document, parts in documents.items():
            text = document.read_text(encoding="utf-8")
            stale = []
            for part in parts:
                updated = part.spliced(text)
                if updated != text:
                    stale.append(part.marker)
                text = updated
            source = f"generated part{'s' * (len(stale) != 1)} {', '.join(stale)}" if stale else None
            files.add(document.relative_to(REPO), text.encode("utf-8"), source=source)
        files.commit()
    if options.check:
        print(check_listing(files.statuses), end="")
        print(check_summary(files.statuses, "generated document", "make docs"), file=sys.stderr)
        return EXIT_OK if files.in_sync else EXIT_PROBLEMS
    print(check_listing(files.statuses), end="")
    print(write_summary(files.statuses, "generated document", "docs"), file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
