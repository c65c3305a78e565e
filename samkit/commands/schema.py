from __future__ import annotations

from typing import Annotated

import typer


def command(
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")
    ] = None,
) -> None:
    """Print the plan format's JSON Schema, for editors' YAML language servers."""
    from samkit.model import plan_json_schema
    from samkit.output.files import write_atomic
    from samkit.output.jsonout import dumps

    text = dumps(plan_json_schema()) + "\n"
    if output:
        write_atomic(output, text)
    else:
        typer.echo(text, nl=False)
