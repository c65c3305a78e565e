"""The ``samkit`` command line: a thin Typer layer over the core.

Commands are registered explicitly from ``samkit.commands``; their modules import only typer and the
standard library at import time, so ``samkit --help`` pays for nothing it does not show.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from samkit import __version__
from samkit.commands import (
    actions,
    coverage,
    diff,
    import_,
    init,
    lint,
    log,
    metrics,
    new,
    pipeline,
    portfolio,
    render,
    review,
    rules,
    schema,
    score,
    site,
    validate,
)
from samkit.commands._help import SamkitCommand, SamkitGroup
from samkit.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, UsageError

app = typer.Typer(
    name="samkit",
    cls=SamkitGroup,
    help="Strategic account management as code: validate, score, lint, render and diff account plans.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish and PowerShell
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMANDS: dict[str, Callable[..., None]] = {
    "validate": validate.command,
    "schema": schema.command,
    "new": new.command,
    "score": score.command,
    "coverage": coverage.command,
    "pipeline": pipeline.command,
    "portfolio": portfolio.command,
    "render": render.command,
    "lint": lint.command,
    "rules": rules.command,
    "review": review.command,
    "diff": diff.command,
    "init": init.command,
    "log": log.command,
    "import": import_.command,
    "metrics": metrics.command,
    "actions": actions.command,
    "site": site.command,
}


def _usage_errors_exit_2(function: Callable[..., None]) -> Callable[..., None]:
    """A ``UsageError`` from the core becomes a one-line message on stderr and exit code 2."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> None:
        try:
            function(*args, **kwargs)
        except UsageError as error:
            print(f"samkit: error: {error}", file=sys.stderr)
            raise typer.Exit(EXIT_USAGE) from None

    return guarded


def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None, typer.Argument(help="The command to explain; default: the list of commands.", metavar="COMMAND")
    ] = None,
) -> None:
    """Show a command's help (the same as `samkit COMMAND --help`)."""
    import difflib

    from samkit.errors import UsageError

    group_context = ctx.parent
    assert group_context is not None
    group = group_context.command
    if command is None:
        typer.echo(group.get_help(group_context))
        return
    names = [*COMMANDS, "help"]
    target = group.get_command(group_context, command) if command in names else None  # type: ignore[attr-defined]
    if target is None:
        close = difflib.get_close_matches(command, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; the commands are {', '.join(names)}"
        raise UsageError(f"no command {command!r}{hint}")
    with type(ctx)(target, info_name=command, parent=group_context) as command_context:
        typer.echo(target.get_help(command_context))


for _name, _function in [*COMMANDS.items(), ("help", help_command)]:
    app.command(_name, cls=SamkitCommand)(_usage_errors_exit_2(_function))


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"samkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Strategic account management as code: validate, score, lint, render and diff account plans."""


def main() -> None:
    """Console entry point: usage errors exit 2 with a message, never a traceback."""
    # No pydantic plugin has a part in samkit's models, and looking for plugins reads the metadata of every
    # installed package (~15 ms of each run); Typer skips them too for its own adapters. A value the user
    # sets wins (an empty one enables every plugin).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except KeyboardInterrupt:
        print("samkit: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:  # an internal error: say so plainly; SAMKIT_DEBUG=1 shows the traceback
        if os.environ.get("SAMKIT_DEBUG") == "1":
            raise
        print(
            f"samkit: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in samkit; run again with SAMKIT_DEBUG=1 to see the traceback and please report it.",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
