"""The ``samkit`` command line: a thin Typer layer over the core.

Commands are registered explicitly from ``samkit.commands`` (built into Click commands only when looked up);
their modules import only typer and the standard library at import time, so ``samkit --help`` pays for
nothing it does not show, and one command's run builds only that command.
"""

from __future__ import annotations

import os
import signal
import sys


def _interrupted_while_starting(_signal: int, _frame: object) -> None:
    # Ctrl-C while the modules load: nothing is open or written yet, so leave at once, in one line
    os.write(2, b"samkit: interrupted\n")
    os._exit(130)


_PROGRAM = os.path.basename(sys.argv[0]) in ("samkit", "samkit.exe", "__main__.py")  # run, not imported
if _PROGRAM and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a background job's ignore is kept
    signal.signal(signal.SIGINT, _interrupted_while_starting)

import atexit  # noqa: E402  (after the handler: a Ctrl-C during these imports must not show a traceback)
import contextlib  # noqa: E402
import errno  # noqa: E402
import functools  # noqa: E402
from collections.abc import Callable, Iterator, MutableMapping  # noqa: E402
from typing import Annotated, Any, NoReturn  # noqa: E402

import typer  # noqa: E402
from typer.main import get_command_from_info  # noqa: E402
from typer.models import CommandInfo  # noqa: E402

from samkit import __version__  # noqa: E402
from samkit.commands import (  # noqa: E402
    actions,
    backtest,
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
    share,
    site,
    validate,
)
from samkit.commands._help import SamkitCommand, SamkitGroup  # noqa: E402
from samkit.errors import (  # noqa: E402
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    UsageError,
    interrupted,
    note_interrupt,
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
    "backtest": backtest.command,
    "actions": actions.command,
    "site": site.command,
    "share": share.command,
}


def _usage_errors_exit_2(function: Callable[..., None]) -> Callable[..., None]:
    """A ``UsageError`` from the core becomes a one-line message on stderr and exit code 2."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> None:
        from samkit.plan.values import MONEY_SIGN

        shown_in = MONEY_SIGN.set(MONEY_SIGN.get())  # the command's configuration sets its own sign
        try:
            function(*args, **kwargs)
        except UsageError as error:
            print(f"samkit: error: {error}", file=sys.stderr)
            raise typer.Exit(EXIT_USAGE) from None
        except OSError as error:
            # a path longer than the system allows fails the first look at it (``Path.is_dir`` raises, where
            # a missing file only answers False), wherever that is: it is the user's path, a usage error
            if error.errno != errno.ENAMETOOLONG or error.filename is None:
                raise
            from samkit.output.terminal import terminal_safe

            print(f"samkit: error: {terminal_safe(os.fsdecode(error.filename))}: file name too long", file=sys.stderr)
            raise typer.Exit(EXIT_USAGE) from None
        finally:  # another run in this process (a test's) starts from the default again
            MONEY_SIGN.reset(shown_in)

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


class _CommandsOnDemand(MutableMapping[str, Any]):
    """The group's commands, each turned into a Click command only when it is looked up.

    Typer reads every parameter annotation of every command to build one (~25 ms for all of them); a run
    of one command needs only that one. ``--help``, completion and ``help`` look them all up, as before.
    """

    def __init__(self, functions: dict[str, Callable[..., None]]) -> None:
        self._functions = dict(functions)  # the commands not built yet, in the order they are listed
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            function = self._functions[name]
            info = CommandInfo(name=name, cls=SamkitCommand, callback=_usage_errors_exit_2(function))
            self._built[name] = get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __contains__(self, name: object) -> bool:  # without building it
        return name in self._functions or name in self._built

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._functions.pop(name, None)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._functions
        yield from (name for name in self._built if name not in self._functions)

    def __len__(self) -> int:
        return len(self._functions) + sum(name not in self._functions for name in self._built)


class _Group(SamkitGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registered = dict(self.commands)  # none unless a command was added to ``app`` directly
        self.commands = _CommandsOnDemand({**COMMANDS, "help": help_command})
        self.commands.update(registered)


app = typer.Typer(
    name="samkit",
    cls=_Group,
    help="Strategic account management as code: validate, score, lint, render and diff account plans.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish and PowerShell
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    # every run (a process's one, or each of a test's in-process runs) starts with no file of its own written
    atomic = sys.modules.get("samkit.fileio.atomic")  # not loaded: nothing was ever written in this process
    if atomic is not None:
        atomic.forget_placed()


JEMALLOC_CONF = "dirty_decay_ms:100,muzzy_decay_ms:0"


def _broken_pipe(error: OSError) -> bool:
    # polars reports a closed pipe as a plain OSError naming the error number in its message
    return isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE or f"(os error {errno.EPIPE})" in str(error)


def _leave(code: object) -> NoReturn:
    """End the process as ``sys.exit(code)`` would, without tearing the interpreter down: freeing every module
    and object one by one took 0.09 s of each run (0.15 s after a million-row roster), and there is nothing
    left to do by then. What is written is flushed and the exit handlers run first.

    The run is over: a Ctrl-C from here on (a key pressed as it ends) has nothing left to stop, and raised in
    a flush or an exit handler it would end in a traceback instead of the run's own exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if code is None or isinstance(code, int):
        status = code or 0
    else:  # sys.exit("message"): the message on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away, or a closed stream
            stream.flush()
    atexit._run_exitfuncs()  # e.g. temporary folders still to be removed
    os._exit(status)


def main() -> None:
    """Console entry point: usage errors exit 2 with a message, never a traceback."""
    # No pydantic plugin has a part in samkit's models, and looking for plugins reads the metadata of every
    # installed package (~4 ms of each run); Typer skips them too for its own adapters. A value the user
    # sets wins (an empty one enables every plugin).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # polars' allocator (jemalloc) keeps freed memory for ten seconds by default; a big roster's reading frees
    # its buffers a few at a time, so it held on to ~100 MB more at a million rows. Handing memory back
    # after 0.1 s costs no measurable time. Read when polars loads (only then); a value the user sets wins.
    os.environ.setdefault("_RJEM_MALLOC_CONF", JEMALLOC_CONF)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a shell's background job ignores it: keep that
        signal.signal(signal.SIGINT, _on_interrupt)
    try:
        app()
    except SystemExit as done:  # how Typer ends every run, errors included (Ctrl-C too: Typer makes it 130)
        if interrupted():
            _leave_interrupted()
        _leave(done.code)
    except KeyboardInterrupt:
        _leave_interrupted()
    except BaseException as error:
        if interrupted():  # whatever the interrupt became on its way up (a library's own error)
            _leave_interrupted()
        if not isinstance(error, Exception):
            raise
        _internal_error(error)


def _on_interrupt(_signal: int, _frame: object) -> None:
    """Ctrl-C: unwind (temporary files are removed, worker threads joined on the way), then one line and exit
    130. Once the run is unwinding, another interrupt is not raised again: it could cut a clean-up short (and
    polars raises the one it caught a second time)."""
    if interrupted():
        return
    note_interrupt()
    raise KeyboardInterrupt


def _leave_interrupted() -> NoReturn:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the run is over: nothing more to interrupt
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second flush error at exit
    atomic = sys.modules.get("samkit.fileio.atomic")  # not loaded: the run wrote no file
    print(interrupted_line(atomic.placed_files() if atomic is not None else []), file=sys.stderr)
    _leave(EXIT_INTERRUPTED)


def interrupted_line(written: list[str]) -> str:
    """The last line of an interrupted run: and which files it had already written whole, if any (a Ctrl-C
    after the output's replace, or between a site's pages)."""
    if not written:
        return "samkit: interrupted"
    if len(written) == 1:
        return f"samkit: interrupted; {written[0]} had already been written in full"
    return f"samkit: interrupted; {len(written)} files had already been written in full"


def _internal_error(error: Exception) -> NoReturn:
    """An internal error: said plainly in two lines; ``SAMKIT_DEBUG=1`` shows the traceback."""
    if isinstance(error, OSError) and _broken_pipe(error):
        # the reader of our output stopped (`samkit score big.csv -f csv | head`) while polars wrote to it:
        # end quietly, as Click does when Python's own write fails so; stdout then points at nothing, so
        # that no flush fails again
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _leave(EXIT_BROKEN_PIPE)
    if os.environ.get("SAMKIT_DEBUG") == "1":
        raise error
    print(
        f"samkit: internal error: {type(error).__name__}: {error}\n"
        "This is a bug in samkit; run again with SAMKIT_DEBUG=1 to see the traceback and please report it.",
        file=sys.stderr,
    )
    sys.exit(EXIT_INTERNAL)
