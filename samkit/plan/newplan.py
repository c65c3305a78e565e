"""``samkit new``: a fresh plan file from ``templates/new-plan.yaml.j2``, valid as written."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from samkit.errors import UsageError
from samkit.plan.values import Quarter
from samkit.resources import template_path

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


def _yaml_string(text: str) -> str:
    # a JSON string is a valid YAML double-quoted scalar: quotes, colons and '#' need no further care
    return json.dumps(text, ensure_ascii=False)


def render_new_plan(name: str, manager: str, today: date, schema_ref: str | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(
        loader=FileSystemLoader(str(template_path(""))),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters["yaml_string"] = _yaml_string
    template = environment.get_template("new-plan.yaml.j2")
    return template.render(
        name=name, manager=manager, today=today, period=str(Quarter.containing(today)), schema_ref=schema_ref
    )


def create_plan(name: str, manager: str, directory: str | Path, today: date) -> Path:
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
        return _write_new(target, name.strip(), manager.strip(), today)
    except OSError as error:
        # a --dir that is a file, a read-only folder, a full disk: the user's environment, not a bug
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None


def _write_new(target: Path, name: str, manager: str, today: date) -> Path:
    folder = target.parent
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise UsageError(f"{target} already exists; samkit new never overwrites a plan")
    schema = Path("schema/plan.schema.json")
    schema_ref = Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix() if schema.is_file() else None
    text = render_new_plan(name, manager, today, schema_ref)
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
