"""The lint engine: settings, accept comments, running the rules over many files."""
