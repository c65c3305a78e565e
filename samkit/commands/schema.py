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
    """Print the plan format's JSON Schema, for editors' YAML language servers.

    The schema accepts what `samkit validate` accepts (bounds, value forms, quoted numbers), except what no
    JSON Schema can say: a day that does not exist (2026-02-30), a quarter range across years that ends
    before it starts, duplicate names, emails or whitespace cells, `reports_to` naming nobody or going round
    in a loop, and a whitespace cell naming an opportunity the plan does not have. `samkit validate` checks
    those.
    """

    check_config(config)  # every command checks the configuration it is given, even one that uses none of it

    from samkit.fileio.outputs import write_output
    from samkit.output.jsonout import dumps
    from samkit.plan.model import plan_json_schema

    text = dumps(plan_json_schema()) + "\n"
    if output:
        write_output(output, text)
    else:
        typer.echo(text, nl=False)
