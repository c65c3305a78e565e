from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, check_config, format_option


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def command(
    codes: Annotated[
        list[str] | None,
        typer.Argument(help="Show these rules in full (e.g. SAM101 SAM302); default: every rule, one a line."),
    ] = None,
    output_format: Annotated[
        RulesFormat,
        format_option("text: aligned columns; json: a list; markdown: the table of docs/lint.md."),
    ] = RulesFormat.text,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Every rule's whole page: what it checks, why, a failing and a passing example "
            "(the default when codes are given; with --format markdown, the rule pages of docs/lint.md).",
        ),
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """List the lint rules: code, name, default severity and what each checks; `samkit rules SAM101` shows one rule's
    whole page (what it checks, why it matters, a failing and a passing example), from the rule's docstring."""

    check_config(config)  # every command checks the configuration it is given, even one that uses none of it

    from samkit.lint.engine import split_codes
    from samkit.output import lint_out
    from samkit.rules import RULES

    chosen = split_codes(codes, "")
    rules = [RULES[code] for code in chosen] if chosen else list(RULES.values())
    if output_format is RulesFormat.json:
        typer.echo(lint_out.rules_json(rules), nl=False)
    elif output_format is RulesFormat.markdown:
        page = lint_out.rule_pages_markdown if full or chosen else lint_out.rules_markdown
        typer.echo(page(rules), nl=False)
    else:
        from samkit.output.console import stdout_colour, table_width

        # the rule list is a table: COLUMNS, when set, is its width through a pipe too
        text = lint_out.rules_text(rules, full or bool(chosen), table_width(), stdout_colour())
        typer.echo(text, nl=False)
