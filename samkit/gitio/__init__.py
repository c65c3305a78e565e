"""Git without surprises: the safe runner, revisions, changed files and blobs."""
