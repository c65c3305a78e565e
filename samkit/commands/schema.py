from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, check_config


def command(
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Print the plan format's JSON Schema, for editors' YAML language servers."""

    check_config(config)  # every command checks the configuration it is given, even one that uses none of it

    from samkit.fileio.outputs import write_output
    from samkit.output.jsonout import dumps
    from samkit.plan.model import plan_json_schema

    text = dumps(plan_json_schema()) + "\n"
    if output:
        write_output(output, text)
    else:
        typer.echo(text, nl=False)
