"""Where a build will be read: the site's address, and on GitHub the repository it is built from.

Read from the environment in one place: SITE_URL (which mkdocs.yml reads too; the Pages
workflow sets it to the published address) and GITHUB_REPOSITORY (set on every GitHub
Actions run), or else the GitHub repository a clone was made from (its `origin`), so an
editor's preview links the same issue page as the published site. A build is public when its address is not this machine's: then a
placeholder address in the data is an error, where a local preview only warns.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from measures_site.project import ROOT

# mkdocs.yml's default site_url: `make serve`'s address.
LOCAL_SITE_URL = "http://127.0.0.1:8000/"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_REPOSITORY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}")
_ORIGIN = re.compile(
    r'^\[remote "origin"\]\n(?:[ \t]+.*\n)*?[ \t]+url = (?:https://github\.com/|git@github\.com:)([^\s]+?)(?:\.git)?/?$',
    re.M,
)


def clone_repository(root: Path = ROOT) -> str | None:
    """"owner/name" of the GitHub repository this folder was cloned from, if it was."""
    try:
        config = (root / ".git" / "config").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # not a clone, or a worktree's .git file
        return None
    match = _ORIGIN.search(config)
    return match.group(1) if match and _REPOSITORY.fullmatch(match.group(1)) else None


@dataclass(frozen=True)
class Publication:
    site_url: str = LOCAL_SITE_URL
    repository: str | None = None  # "owner/name" on GitHub

    @classmethod
    def from_environment(cls, site_url: str | None = None) -> Publication:
        """This run's publication; `site_url` as MkDocs has it, when known (else SITE_URL)."""
        repository = os.environ.get("GITHUB_REPOSITORY", "")
        return cls(
            site_url or os.environ.get("SITE_URL") or LOCAL_SITE_URL,
            repository if _REPOSITORY.fullmatch(repository) else clone_repository(),
        )

    @property
    def public(self) -> bool:
        return (urlsplit(self.site_url).hostname or "") not in LOOPBACK_HOSTS

    @property
    def issues_address(self) -> str | None:
        """The repository's issue page, where readers report a mistake when the data names none."""
        return f"https://github.com/{self.repository}/issues" if self.repository else None
