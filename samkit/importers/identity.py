"""Who is "us" in an import: the ``[import]`` section ``samkit init`` writes, with our email domain proposed.

A meeting's internal side (the organiser's own attendee copy, colleagues invited) is recognised by
``[import] internal_domains`` and the account team's emails. ``init`` proposes the domain of the user's git
email (``git config user.email``), commented out so the file stays at the defaults until someone agrees;
a public mail provider's domain is never proposed (customers write from it too).
"""

from __future__ import annotations

from pathlib import Path

from samkit.config import DEFAULT_SKIP_OUTCOMES

PUBLIC_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "mail.com",
        "yandex.ru",
        "users.noreply.github.com",
    ]
)


def git_email_domain(cwd: Path | str = ".") -> str | None:
    """The domain of ``git config user.email`` when it is a company's; None without git, an email or a company."""
    from samkit.gitio.git import GitError, run_git

    try:
        found = run_git(["config", "user.email"], cwd, check=False)
    except GitError:
        return None
    email = found.stdout.decode("utf-8", "replace").strip()
    domain = email.rpartition("@")[2].casefold() if "@" in email else ""
    if "." not in domain or domain in PUBLIC_MAIL_DOMAINS or "noreply" in domain:
        return None
    return domain


def import_toml_lines(cwd: Path | str = ".") -> list[str]:
    """The ``[import]`` section of the ``samkit.toml`` that ``init`` writes (every key at its default)."""
    domain = git_email_domain(cwd)
    outcomes = ", ".join(f'"{outcome}"' for outcome in DEFAULT_SKIP_OUTCOMES[:4])
    return [
        "[import]",
        "# how `samkit import` reads dates that are not ISO (YYYY-MM-DD), strftime codes;",
        "# unset: ISO, or the one form every date of the file reads in (detected)",
        '# date_format = "%m/%d/%Y"',
        "# outcomes and task statuses that are no contact (cancelled meetings, calls",
        "# not answered, tasks not done); a list here replaces the defaults, e.g.",
        f"# skip_outcomes = [{outcomes}, ...]",
        "# our own email domains: attendees there are colleagues, never stakeholders",
        *(["# (proposed from your git email)"] if domain else []),
        f'# internal_domains = ["{domain or "ourcompany.example"}"]',
        "",
        "[import.columns]",
        "# which export header holds a role samkit does not recognise, e.g.",
        '# account = "Organisation"',
        '# contact = "Who"',
    ]
