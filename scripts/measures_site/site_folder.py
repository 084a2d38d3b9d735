"""The folder a build publishes into: where it may be, how the build marks it, what it leaves.

The build replaces its site folder whole, so it must never be pointed at something
else: the project, a folder holding it, the editors' data, the pages' sources, or any
folder with content the build did not make. Every site the build makes carries
SITE_MARKER; an empty or missing folder, or one with the marker, is the only kind it
will replace. Beside the site it works in `.<site>-new-*` (the build in progress) and
`.<site>-old` (the site being replaced, for a moment): both are removed when the build
ends, however it ends, and by `make clean` after a machine crash.
"""

from __future__ import annotations

from pathlib import Path

SITE_MARKER = ".built-site"
SITE_MARKER_TEXT = "Made by scripts/build_site.py, which replaces this folder whole on every build.\n"
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
