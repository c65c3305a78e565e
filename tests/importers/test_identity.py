"""`samkit init` proposes our email domain from git; the [import] section it writes reads as the defaults."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest

from samkit.config import Config
from samkit.importers.identity import git_email_domain, import_toml_lines


def git_repo(path: Path, email: str) -> Path:
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    subprocess.run(["git", "-C", str(path), "config", "user.email", email], check=True)
    return path


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("maria.rodriguez@vendor.example", "vendor.example"),
        ("Maria@Sub.Vendor.Example", "sub.vendor.example"),
        ("maria@gmail.com", None),  # customers write from public providers too
        ("123+maria@users.noreply.github.com", None),
    ],
)
def test_the_domain_of_the_git_email_is_proposed(tmp_path: Path, email: str, expected: str | None) -> None:
    repo = git_repo(tmp_path / "repo", email)
    assert git_email_domain(repo) == expected
    lines = import_toml_lines(repo)
    assert f'# internal_domains = ["{expected or "ourcompany.example"}"]' in lines
    assert all(len(line) <= 80 for line in lines)
    # commented out: the file stays at the defaults until someone agrees
    document = tomllib.loads("\n".join(lines) + "\n")
    assert Config.model_validate({"import": document["import"]}).import_ == Config().import_
