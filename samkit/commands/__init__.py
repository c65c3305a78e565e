"""One module per command: parse options, call the core, hand the result to an output function.

Modules here import only typer and the standard library at import time, so ``samkit --help`` stays lean;
everything heavier is imported inside the command body.
"""
