"""The plan format: a strict YAML reader with positions, value forms, the model, loading and new plans."""
