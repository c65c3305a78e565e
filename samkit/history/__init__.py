"""Plans across git history: the semantic diff between revisions, changes since the last review."""
