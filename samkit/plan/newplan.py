"""``samkit new``: a fresh plan file, valid as written, never over an existing one.

The text comes from the caller (``samkit.render.newplan`` renders ``templates/new-plan.yaml.j2``); this module
picks the file name, points the editor at the schema and writes without ever replacing a plan.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from samkit.errors import UsageError

# (name, manager, schema_ref) → the plan's text
RenderNewPlan = Callable[[str, str, str | None], str]

# a file name is at most 255 bytes on common file systems; leave room for ".yaml" and a temp-file prefix
MAX_SLUG_BYTES = 200


def slugify(name: str) -> str:
    """``Müller & Söhne GmbH`` → ``muller-sohne-gmbh``; ``Газпром нефть`` → ``газпром-нефть``; ``トヨタ`` → ``トヨタ``.

    A letter that is a Latin letter with accents becomes that letter (the trivial transliteration); a letter
    or digit of any other script is kept as it is (lower-cased); everything else separates words.
    """
    kept = []
    for char in unicodedata.normalize("NFC", name):
        base = "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
        if base.isascii() and base.isalnum():
            kept.append(base.lower())
        elif char.isalnum():
            kept.append(char.lower())
        else:
            kept.append("-")
    slug = re.sub(r"-+", "-", "".join(kept)).strip("-")[:80]
    while len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug[:-1]
    return slug.rstrip("-")


def create_plan(name: str, manager: str, directory: str | Path, render: RenderNewPlan) -> Path:
    if not name.strip():
        raise UsageError("the account name is empty")
    if not manager.strip():
        raise UsageError("--manager is empty")
    slug = slugify(name)
    if not slug:
        raise UsageError(f"{name!r} has no letters or digits to make a file name from")
    folder = Path(directory)
    target = folder / f"{slug}.yaml"
    try:
        return _write_new(target, name.strip(), manager.strip(), render)
    except OSError as error:
        # a --dir that is a file, a read-only folder, a full disk: the user's environment, not a bug
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None


def _write_new(target: Path, name: str, manager: str, render: RenderNewPlan) -> Path:
    folder = target.parent
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise UsageError(f"{target} already exists; samkit new never overwrites a plan")
    schema = Path("schema/plan.schema.json")
    schema_ref = Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix() if schema.is_file() else None
    text = render(name, manager, schema_ref)
    if not text.endswith("\n"):
        text += "\n"  # POSIX text files end with a newline; editors and `git diff` expect it
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(temp_name, 0o644)
        try:
            # link() fails if the target appeared meanwhile: the existing plan is never replaced
            os.link(temp_name, target)
        except FileExistsError:
            raise UsageError(f"{target} already exists; samkit new never overwrites a plan") from None
        except OSError:
            # a file system without hard links: exclusive creation still never replaces a plan
            try:
                with open(target, "x", encoding="utf-8") as handle:
                    handle.write(text)
            except FileExistsError:
                raise UsageError(f"{target} already exists; samkit new never overwrites a plan") from None
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return target
