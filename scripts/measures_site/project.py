"""Where the project's own files are, and how messages name them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATA_DIR = ROOT / "data"
DATA_FILE = DATA_DIR / "measures.yaml"
OVERRIDES_FILE = DATA_DIR / "conversion.yaml"
DOCS_DIR = ROOT / "docs"


def search_terms_file(data_file: Path) -> Path:
    """The editors' search terms live beside the measures data file."""
    return data_file.parent / "search.yaml"


def share_image_cache(root: Path) -> Path:
    """Where a project's drawn share images are kept between builds (git-ignored, never published)."""
    return root / ".cache" / "share-images"


def display_path(path: Path) -> str:
    """How error messages name a file: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
