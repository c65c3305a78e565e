from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, OutputOpt, check_config


def command(
    output: OutputOpt = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing: exit 1 if FILE (-o) is missing or differs from the schema (for CI)."
        ),
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Print the plan format's JSON Schema, for editors' YAML language servers.

    The schema accepts what `samkit validate` accepts (bounds, value forms, quoted numbers), except what no
    JSON Schema can say: a day that does not exist (2026-02-30), a quarter range across years that ends
    before it starts, duplicate names, emails or whitespace cells, `reports_to` naming nobody or going round
    in a loop, and a whitespace cell naming an opportunity the plan does not have. `samkit validate` checks
    those.

    With -o FILE the file is rewritten only when it differs; --check -o FILE writes nothing and exits 1 when FILE
    is missing or out of date (CI keeps a committed copy current).
    """

    check_config(config)  # every command checks the configuration it is given, even one that uses none of it
    if check and not output:
        from samkit.errors import UsageError

        raise UsageError("--check compares the schema with a file: give -o FILE")

    from samkit.output.jsonout import dumps
    from samkit.plan.model import plan_json_schema

    text = dumps(plan_json_schema()) + "\n"
    if not output:
        typer.echo(text, nl=False)
        return
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS
    from samkit.fileio.generated import GeneratedFiles, check_listing, check_summary
    from samkit.output.console import note

    with GeneratedFiles(checking=check, create_folders=False) as schema:
        schema.add(output, text.encode("utf-8"))
        schema.commit()
    if check:
        typer.echo(check_listing(schema.statuses), nl=False)
        note(check_summary(schema.statuses, "schema file", f"samkit schema -o {output}"))
        raise typer.Exit(EXIT_OK if schema.in_sync else EXIT_PROBLEMS)
