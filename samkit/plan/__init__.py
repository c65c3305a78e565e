"""Plan files as text: format-preserving edits and the one writer every plan change goes through."""
