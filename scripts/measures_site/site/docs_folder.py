"""Generated pages -> files under docs/<locale>/, touching only what changed.

Writing only changed files keeps `mkdocs serve` from rebuilding in a loop (it
watches docs/), and generated files no longer produced (a removed domain) are
deleted, so no stale page is ever served. Every page is encoded before the first
is written, and each is written atomically: a failure leaves the old pages whole.
A file in these folders that the generator did not write is never deleted: it is
reported, because nothing there is published unless it comes from the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from measures_site.files import write_atomically

GENERATED_MARKER = "# Generated from data/measures.yaml"


class ForeignFiles(Exception):
    """Files under the generated folders that the generator did not write."""

    def __init__(self, paths: list[Path], docs_dir: Path) -> None:
        self.paths = paths
        shown = ", ".join((Path(docs_dir.name) / path.relative_to(docs_dir)).as_posix() for path in paths)
        super().__init__(
            f"{shown}: not written by the generator. docs/<script>/ holds only pages generated from "
            "data/measures.yaml, and is emptied by `make clean`: put content in data/measures.yaml, "
            "pages' wording in scripts/measures_site/content/templates/, and images or scripts in docs/assets/."
        )


def is_generated(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8")[:300]
    except (OSError, UnicodeDecodeError):
        return False
    return GENERATED_MARKER in head


def _files_under(docs_dir: Path, locale_dirs: list[str]) -> list[Path]:
    return sorted(path for locale_dir in locale_dirs for path in (docs_dir / locale_dir).rglob("*") if path.is_file())


def foreign_files(docs_dir: Path, locale_dirs: list[str]) -> list[Path]:
    """Files under docs/<locale>/ that the generator did not write."""
    return [path for path in _files_under(docs_dir, locale_dirs) if not is_generated(path)]


def publish_pages(pages: Mapping[str, str], docs_dir: Path, locale_dirs: list[str]) -> list[Path]:
    """Write `pages` ({"zh-Hant/index.md": text}) under docs_dir; return the files changed.

    Raises ForeignFiles, writing nothing, when a file there was not generated.
    """
    foreign = foreign_files(docs_dir, locale_dirs)
    if foreign:
        raise ForeignFiles(foreign, docs_dir)
    encoded = {docs_dir / relative: text.encode("utf-8") for relative, text in pages.items()}
    changed: list[Path] = []
    for target, content in encoded.items():
        if target.is_file() and target.read_bytes() == content:
            continue
        write_atomically(target, content)
        changed.append(target)
    for stale in _files_under(docs_dir, locale_dirs):
        if stale not in encoded:
            stale.unlink()
            changed.append(stale)
    return changed


def remove_generated_pages(docs_dir: Path, locale_dirs: list[str]) -> list[Path]:
    """Delete the generated pages (for `make clean`); return the files left, which were not generated."""
    for path in _files_under(docs_dir, locale_dirs):
        if is_generated(path):
            path.unlink()
    for locale_dir in locale_dirs:
        for folder in sorted((docs_dir / locale_dir).glob("**/"), key=lambda p: len(p.parts), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    return foreign_files(docs_dir, locale_dirs)
