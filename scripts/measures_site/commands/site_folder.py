"""The folder a build publishes into: where it may be, how the build marks it, what it leaves.

The build replaces its site folder whole, so it must never be pointed at something
else: the project, a folder holding it, the editors' data, the pages' sources, or any
folder with content the build did not make. Every site the build makes carries
SITE_MARKER; an empty or missing folder, or one with the marker, is the only kind it
will replace. Beside the site it works in `.<site>-new-*` (the build in progress) and
`.<site>-old` (the site being replaced, for a moment): both are removed when the build
ends, however it ends, and by `make clean` after a machine crash. A folder this process
may not write in cannot be replaced either: the old site could not be removed after it.
"""

from __future__ import annotations

import os
from pathlib import Path

SITE_MARKER = ".built-site"
SITE_MARKER_TEXT = "Made by `scripts/build_measures.py build`, which replaces this folder whole on every build.\n"
# In the working folder while MkDocs builds (it keeps dot files): gone at the end if someone
# deleted the folder meanwhile, when MkDocs would have made it again with only the rest of the site.
IN_PROGRESS = ".build-in-progress"
_SOURCES = {"data": "the editors' data", "docs": "the pages' sources"}


def refusal(site_dir: Path, project: Path) -> str | None:
    """Why the build must not replace `site_dir`, or None when it may."""
    site, project = site_dir.resolve(), project.resolve()
    if site == project:
        return "it is the project itself"
    if project.is_relative_to(site):
        return "it contains the project"
    for folder, what in _SOURCES.items():
        if site.is_relative_to(project / folder):
            return f"it is in {folder}/, {what}"
    if site.exists() and not site.is_dir():
        return "it is a file"
    if site.is_dir() and any(site.iterdir()) and not (site / SITE_MARKER).is_file():
        return f"it holds files the build did not make (every site it makes has {SITE_MARKER}; `make clean` empties site/)"
    return None


def read_only(site_dir: Path) -> str | None:
    """Why the build could not remove `site_dir` once a new site is in its place, or None."""
    for folder, _, _ in os.walk(site_dir):
        if not os.access(folder, os.W_OK | os.X_OK):
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                return "its file system is read-only: build into a folder on a writable disk with --site-dir"
            shown = Path(folder).relative_to(site_dir.parent)
            return f"{shown}/ is read-only: make it writable (chmod -R u+w {site_dir.name}) and build again"
    return None


def mark(site_dir: Path) -> None:
    (site_dir / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


def staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-new-"


def retired(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-old")


def leftovers(site_dir: Path) -> list[Path]:
    """Working folders a killed build left beside `site_dir`."""
    beside = sorted(site_dir.parent.glob(staging_prefix(site_dir) + "*"))
    return [path for path in [*beside, retired(site_dir)] if path.is_dir()]
