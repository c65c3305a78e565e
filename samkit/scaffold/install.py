"""How the files ``samkit init`` writes install samkit: from where the running samkit came from, or not at all.

Only a requirement made of plain characters is written into the workflow and the hook wrapper (no quote,
no blank, no ``$``): a URL recorded by an installer is data, and must not become shell or YAML syntax.
"""

from __future__ import annotations

import re

from samkit.scaffold.provenance import Origin

_PLAIN = re.compile(r"[A-Za-z0-9@:/._+=#~%,!-]+")
_PLACEHOLDER_HINT = "ask your team where samkit is installed from (see the Install samkit step in CI)"


def safe_requirement(origin: Origin) -> str | None:
    """``origin``'s pip requirement, when it is known and made of plain characters only."""
    requirement = origin.requirement
    if requirement is None:
        return None
    if origin.kind == "index":
        return requirement if re.fullmatch(r"samkit==[A-Za-z0-9.+!-]+", requirement) else None
    name, _, location = requirement.partition(" @ ")
    if name != "samkit" or not _PLAIN.fullmatch(location):
        return None
    return requirement


def install_hint(origin: Origin) -> str:
    """One line for people: the command that installs this samkit, or where to ask."""
    requirement = safe_requirement(origin)
    return f'pip install "{requirement}"' if requirement else _PLACEHOLDER_HINT


def install_step(origin: Origin, condition: str | None = None) -> str:
    """The workflow's ``Install samkit`` step (indented for a job's ``steps:``), run only when ``condition``
    (a step ``if:`` expression) holds, when one is given."""
    head = "      - name: Install samkit\n" + (f"        if: {condition}\n" if condition else "")
    requirement = safe_requirement(origin)
    if requirement is None:
        return (
            head
            + "        # `samkit init` ran from a local copy of samkit, which CI cannot reach, so this step fails\n"
            "        # until you say where your team installs samkit from: replace the two lines of `run` with\n"
            '        # e.g. pip install "samkit @ git+https://github.com/YOUR-ORG/samkit@COMMIT" (a commit you\n'
            "        # trust). Never the bare name samkit from PyPI: that name is not samkit's there, and whoever\n"
            "        # publishes it first would run code in this job.\n"
            "        run: |\n"
            '          echo "::error title=samkit is not installed::say where to install samkit from in the'
            ' Install samkit step of .github/workflows/samkit.yml"\n'
            "          exit 1\n"
        )
    if origin.kind == "index":
        why = (
            f"        # samkit {origin.version} from the package index the samkit that wrote this file came from\n"
            "        # (set PIP_INDEX_URL in this step when that is your own index, not PyPI)\n"
        )
    else:
        why = "        # the samkit that wrote this file, from where it was installed (pinned: a commit or a hash)\n"
    return f"{head}{why}        run: pip install '{requirement}'\n"
