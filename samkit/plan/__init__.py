"""The plan format: a strict YAML reader with positions, value forms, the model, loading and new plans."""

# what a plan file is called: the loader searches folders for these, git history picks plans by them
PLAN_SUFFIXES = (".yaml", ".yml")
