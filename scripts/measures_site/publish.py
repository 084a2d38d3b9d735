"""Generated pages -> files under docs/<locale>/, touching only what changed.

Writing only changed files keeps `mkdocs serve` from rebuilding in a loop (it
watches docs/), and generated files no longer produced (a removed domain) are
deleted, so no stale page is ever served.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

GENERATED_MARKER = "# Generated from data/measures.yaml"


def is_generated(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8")[:300]
    except (OSError, UnicodeDecodeError):
        return False
    return GENERATED_MARKER in head


def publish_pages(pages: Mapping[str, str], docs_dir: Path, locale_dirs: list[str]) -> list[Path]:
    """Write `pages` ({"zh-Hant/index.md": text}) under docs_dir; return the files changed."""
    changed: list[Path] = []
    for relative, text in pages.items():
        target = docs_dir / relative
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        changed.append(target)
    wanted = {docs_dir / relative for relative in pages}
    for locale_dir in locale_dirs:
        for stale in sorted((docs_dir / locale_dir).rglob("*.md")):
            if stale not in wanted and is_generated(stale):
                stale.unlink()
                changed.append(stale)
    return changed
