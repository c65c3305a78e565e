"""Documents rendered from plans through the one Jinja environment (samkit.templating)."""
