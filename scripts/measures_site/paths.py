"""Where each published thing lives, relative to a locale's root: one source for every URL.

Pages are named by their Markdown source ("domains/education.md"); `url` turns a source
path into the address MkDocs publishes it at (directory URLs), so the rule is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Domain, Measure

# The open data files sit in the folder of the Data page (data.md -> data/).
DATA_FOLDER = "data"
JSON_NAME = "measures.json"
CSV_NAME = "measures.csv"


@dataclass(frozen=True)
class PagePaths:
    """Where each page lives, relative to a locale's docs folder."""

    home: str = "index.md"
    memorandum: str = "memorandum.md"
    all_measures: str = "measures.md"
    open_data: str = "data.md"

    @staticmethod
    def domain(domain: Domain) -> str:
        return f"domains/{domain.slug}.md"

    def measure(self, measure: Measure) -> str:
        return f"domains/{measure.domain}.md#{measure.anchor}"


PATHS = PagePaths()


def url(path: str) -> str:
    """A page's source path (with an optional anchor) -> its address relative to the locale's
    root, as MkDocs publishes it: "domains/education.md#measure-15" -> "domains/education/#measure-15"."""
    page, hash_sign, anchor = path.partition("#")
    stem = page.removesuffix(".md")
    folder = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else f"{stem}/"
    return f"{folder}{hash_sign}{anchor}"
