"""Where the project's own files are, and how messages name them."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# A project's data files, from its root: this project's, or a copy's (the tests', the benchmarks').
MEASURES_PATH = Path("data", "measures.yaml")
OVERRIDES_PATH = Path("data", "conversion.yaml")
DATA_DIR = ROOT / MEASURES_PATH.parent
DATA_FILE = ROOT / MEASURES_PATH
OVERRIDES_FILE = ROOT / OVERRIDES_PATH
DOCS_DIR = ROOT / "docs"
# What a build reads: a copy of these is a project that builds (the tests', the audit's and the
# benchmarks' copies, each with data of its own), without what a build writes into docs/.
BUILD_INPUTS = ("mkdocs.yml", "data", "scripts", "overrides", "docs")
_NOT_INPUTS = shutil.ignore_patterns("__pycache__", "zh-Hant", "zh-Hans")


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


def copy_build_inputs(destination: Path) -> Path:
    """A copy of what the project's build reads, in `destination`."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=_NOT_INPUTS)
        else:
            shutil.copy2(source, destination / name)
    return destination
