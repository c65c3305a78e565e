"""The plan format: a strict YAML reader with positions, value forms, the model, loading and new plans."""

from samkit.fileio.names import PLAN_SUFFIXES

__all__ = ["PLAN_SUFFIXES"]
