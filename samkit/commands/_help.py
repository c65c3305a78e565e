"""``--help`` as samkit writes it: plain text that fits the terminal, no type noise, examples last.

Typer's own help changes from version to version (0.29 prints ``--config <str>`` and ``--help -h <bool>``);
samkit formats the help of every command and of the group itself from the parameters, so it reads the same
on every Typer in the supported range. A command's docstring is its help: the first line is the summary,
an ``Examples:`` paragraph (lines starting with ``$``) is printed as written.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from typing import Any

import typer.core

WIDEST = 100  # long lines are hard to read, even on a wide terminal


def help_width() -> int:
    if sys.stdout.isatty():
        return max(min(shutil.get_terminal_size().columns, WIDEST), 40)
    return 80


# One or two examples a command, printed last in its help (a command with none prints none).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "validate": ("samkit validate plans/", "samkit validate plans/acme.yaml --format json"),
    "schema": ("samkit schema -o schema/plan.schema.json", "samkit schema -o schema/plan.schema.json --check"),
    "new": ('samkit new "Acme Industries" --manager "Maria Rodriguez"',),
    "score": ("samkit score plans/roster.csv --limit 20", "samkit score plans/roster.csv --format csv -o scored.csv"),
    "coverage": ("samkit coverage plans/ --today 2026-02-01", "samkit coverage plans/acme.yaml --format markdown"),
    "pipeline": ("samkit pipeline plans/", "samkit pipeline plans/ --by quarter --format json"),
    "portfolio": ("samkit portfolio plans/ --today 2026-02-01", "samkit portfolio --format markdown -o portfolio.md"),
    "render": ("samkit render plans/acme.yaml", "samkit render plans/ --out-dir docs/plans --check"),
    "lint": ("samkit lint plans/", "samkit lint --format github --select SAM101,SAM201"),
    "rules": ("samkit rules", "samkit rules SAM101"),
    "review": ("samkit review plans/acme.yaml --today 2026-02-01", "samkit review plans/acme.yaml --format markdown"),
    "diff": ("samkit diff main", "samkit diff origin/main HEAD --format markdown"),
    "metrics": ("samkit metrics --from 2026-01-01 --by manager", "samkit metrics --from 2026-01-01 --format json"),
    "backtest": ("samkit backtest --from 2026-01-01", "samkit backtest --from 2026-01-01 --suggest-weights"),
    "actions": (
        'samkit actions plans/ --owner "Maria Rodriguez" --days 30',
        "samkit actions --format ics > actions.ics",
    ),
    "site": ("samkit site plans/ --out-dir site/", "samkit site plans/ --out-dir site/ --check"),
    "share": ("samkit share plans/acme.yaml -o acme-mutual-plan.html", "samkit share plans/acme.yaml -o acme.md"),
    "init": ("samkit init", "samkit init accounts --no-git"),
    "log": (
        'samkit log plans/acme.yaml "Lisa Thompson" --note "sent the ROI pack"',
        "samkit log plans/acme.yaml lisa@acme.example --reviewed",
    ),
    "import": (
        "samkit import crm-activities.csv calendar.ics --dry-run",
        "samkit import Account.csv Opportunity.csv --column arr=ARR__c --plans plans/",
    ),
    "help": ("samkit help score",),
}

# what an option's value is, by the parameter's name, where the command does not say (a metavar)
_METAVARS = {
    "config": "FILE",
    "today": "DATE",
    "output": "FILE",
    "out_dir": "DIR",
    "template": "FILE",
    "select": "CODES",
    "ignore": "CODES",
    "jobs": "N",
    "limit": "N",
    "delimiter": "CHAR",
    "encoding": "NAME",
    "since": "REF",
    "path": "PATH",
    "paths": "PATH",
}


def _metavar(param: Any) -> str:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    if param.metavar:
        return str(param.metavar)
    # Typer before 0.24 keeps click's Choice type; later ones a type descriptor
    choices = getattr(getattr(param, "type", None), "choices", None) or getattr(
        getattr(param, "type_descriptor", None), "choices", None
    )
    if choices:
        return "|".join(str(getattr(choice, "value", choice)) for choice in choices)
    return _METAVARS.get(str(param.name), str(param.name).upper())


def _usage(command: Any, ctx: Any) -> str:
    pieces = [ctx.command_path, "[OPTIONS]"]
    for param in command.get_params(ctx):
        if param.param_type_name != "argument":
            continue
        name = _metavar(param)
        if param.nargs != 1:
            name = f"[{name}]..." if not param.required else f"{name}..."
        elif not param.required:
            name = f"[{name}]"
        pieces.append(name)
    return " ".join(pieces)


def _default(param: Any) -> str:
    if getattr(param, "is_flag", False) or param.required or param.show_default is False:
        return ""
    default = param.default
    if default is None or default == () or default == []:
        return ""
    return f" [default: {getattr(default, 'value', default)}]"


def _rows(rows: list[tuple[str, str]], width: int) -> list[str]:
    """``  name  help`` with the help wrapped beside the names (below them when a name is too long)."""
    if not rows:
        return []
    name_width = min(max(len(name) for name, _ in rows), 28)
    text_width = max(width - name_width - 6, 30)
    lines = []
    for name, text in rows:
        wrapped = textwrap.wrap(text, text_width, break_on_hyphens=False) or [""]
        if len(name) > name_width:
            lines.append(f"  {name}")
            lines += [f"  {'':{name_width}}  {part}" for part in wrapped]
            continue
        lines.append(f"  {name:{name_width}}  {wrapped[0]}".rstrip())
        lines += [f"  {'':{name_width}}  {part}" for part in wrapped[1:]]
    return lines


def _paragraphs(text: str, width: int) -> list[str]:
    """The docstring: prose paragraphs wrapped, an indented or ``$`` paragraph (examples) kept as written."""
    lines: list[str] = []
    for paragraph in textwrap.dedent(text).strip().split("\n\n"):
        if lines:
            lines.append("")
        body = paragraph.strip("\n")
        if any(line.lstrip().startswith("$") for line in body.splitlines()):
            lines += [
                f"  {line.strip()}" if line.lstrip().startswith("$") else line.rstrip() for line in body.splitlines()
            ]
        else:
            lines += textwrap.wrap(" ".join(body.split()), width, break_on_hyphens=False)
    return lines


def command_help(command: Any, ctx: Any) -> str:
    width = help_width()
    lines = [f"Usage: {_usage(command, ctx)}", ""]
    lines += _paragraphs(command.help or "", width)
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            arguments.append((_metavar(param), (param.help or "") + _default(param)))
            continue
        names = ", ".join(sorted(param.opts, key=len))
        if param.secondary_opts:
            names += " / " + ", ".join(param.secondary_opts)
        metavar = _metavar(param)
        options.append((f"{names} {metavar}".rstrip(), (param.help or "") + _default(param)))
    if arguments:
        lines += ["", "Arguments:", *_rows(arguments, width)]
    if options:
        lines += ["", "Options:", *_rows(options, width)]
    examples = EXAMPLES.get(str(ctx.info_name), ())
    if examples:
        lines += ["", "Examples:", *(f"  $ {example}" for example in examples)]
    return "\n".join(lines) + "\n"


def group_help(group: Any, ctx: Any) -> str:
    width = help_width()
    lines = [f"Usage: {ctx.command_path} [OPTIONS] COMMAND [ARGS]...", ""]
    lines += _paragraphs(group.help or "", width)
    rows = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        summary = " ".join((command.help or "").strip().split("\n\n")[0].split())
        rows.append((name, summary.split(". ")[0].removesuffix(".")))  # the first sentence
    lines += ["", "Commands:", *_rows(rows, width)]
    options = []
    for param in group.get_params(ctx):
        if param.param_type_name == "option" and not getattr(param, "hidden", False):
            options.append((", ".join(sorted(param.opts, key=len)), param.help or ""))
    lines += ["", "Options:", *_rows(options, width)]
    lines += ["", f"`{ctx.command_path} help COMMAND` or `{ctx.command_path} COMMAND -h` shows a command's help."]
    return "\n".join(lines) + "\n"


# pydantic's wording for a bad option value (newer Typer checks values with pydantic), in samkit's words
_PYDANTIC_WORDS = (
    ("Value error, ", ""),
    ("Input should be a valid integer, unable to parse string as an integer", "expected a whole number"),
    ("Input should be a valid integer", "expected a whole number"),
    ("Input should be a valid number, unable to parse string as a number", "expected a number"),
    ("Input should be greater than or equal to", "expected a number at least"),
)


def _click_exceptions() -> Any:
    """Click's exceptions module: Typer 0.26+ carries its own copy of Click (``typer._click``), older ones use Click."""
    try:
        from typer._click import exceptions
    except ImportError:  # Typer before it vendored Click
        from click import exceptions  # type: ignore[no-redef, import-not-found, unused-ignore]
    return exceptions


def usage_message(error: Any, command: Any, ctx: Any) -> str:
    """A Click usage error in samkit's voice: lower case, the names ``--help`` shows (``PLAN``, not ``'plan'``),
    pydantic's "Value error," and "Input should be" rewritten, a did-you-mean for a misspelt option."""
    exceptions = _click_exceptions()
    BadParameter, MissingParameter, NoSuchOption = (
        exceptions.BadParameter,
        exceptions.MissingParameter,
        exceptions.NoSuchOption,
    )
    param = getattr(error, "param", None)
    if isinstance(error, MissingParameter) and param is not None:
        if param.param_type_name == "argument":
            return f"missing {_metavar(param)}; `{ctx.command_path} -h` says what to give"
        return f"missing option {param.opts[0]}"
    if isinstance(error, NoSuchOption):
        close = sorted(error.possibilities or ())
        hint = f"; did you mean {' or '.join(close)}?" if close else f"; `{ctx.command_path} -h` lists the options"
        return f"no such option {error.option_name}{hint}"
    message = str(error.message)
    for pydantic, ours in _PYDANTIC_WORDS:
        message = message.replace(pydantic, ours)
    if isinstance(error, BadParameter) and param is not None:
        name = param.opts[0] if param.param_type_name == "option" and param.opts else _metavar(param)
        return f"{name}: {message[:1].lower() + message[1:]}"
    text = str(error.format_message())
    for pydantic, ours in _PYDANTIC_WORDS:
        text = text.replace(pydantic, ours)
    return text[:1].lower() + text[1:]


def _raise_in_our_voice(message: str, command: Any, ctx: Any) -> Any:
    """Raise the usage error again, shown as the usage line then ``samkit: error: ...`` (exit 2, as Click's)."""
    usage_error = _click_exceptions().UsageError

    class _Shown(usage_error):  # type: ignore[misc, valid-type]
        def show(self, file: Any = None) -> None:
            stream = file if file is not None else sys.stderr
            usage = _usage(command, ctx) if command is not None else f"{ctx.command_path} [OPTIONS] COMMAND"
            print(f"Usage: {usage}\nsamkit: error: {self.message}", file=stream)

    raise _Shown(message, ctx) from None


class SamkitCommand(typer.core.TyperCommand):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(command_help(self, ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(f"Usage: {_usage(self, ctx)}\n")

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return list(super().parse_args(ctx, args))
        except _click_exceptions().UsageError as error:
            if type(error).__name__ == "_Shown":
                raise
            _raise_in_our_voice(usage_message(error, self, ctx), self, ctx)
            raise  # not reached


class SamkitGroup(typer.core.TyperGroup):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(group_help(self, ctx))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _click_exceptions().UsageError as error:
            import difflib

            wanted = args[0] if args else ""
            names = list(self.list_commands(ctx))
            close = difflib.get_close_matches(wanted, names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; `{ctx.command_path} -h` lists the commands"
            message = f"no command {wanted!r}{hint}" if wanted else usage_message(error, None, ctx)
            _raise_in_our_voice(message, None, ctx)
            raise  # not reached
