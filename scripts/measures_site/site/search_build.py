"""When, during a MkDocs build, each script's search index is made and written.

Material's search plugin collects the sections of the pages of each locale's build,
and each locale's build writes its own index (mkdocs-static-i18n's merge of them is
off in mkdocs.yml). The i18n plugin runs the other locales' builds inside the first
one, so the sections are kept per locale as each build ends, and each script's own
index (search_index.py) is written after all of them, over what the builds wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from measures_site.locales import SOURCE_LOCALE, locale_dir
from measures_site.site.search_index import search_indexes, write_index

if TYPE_CHECKING:
    from measures_site.content.pipeline import SiteContent


def _as_written(text: str) -> str:
    return text


def keep_sections_as_written(config) -> None:
    """Material's search cuts every run of Han characters with jieba whenever jieba is installed
    (with a Simplified dictionary, in both scripts); the site segments both scripts itself
    (search_index.py), so that pass would be work thrown away. Set on this build's own index,
    in an event: Material's module is left as it is."""
    search = config.plugins.get("material/search")
    if search is not None:
        search.search_index._segment_chinese = _as_written


class SearchBuild:
    """The sections of every locale's build, and the indexes made from them once."""

    def __init__(self) -> None:
        self.sections: dict[str, list[dict[str, Any]]] = {}
        self.indexes: dict[str, dict[str, Any]] = {}  # emptied when the sections change

    def keep_sections(self, config) -> None:
        """At the end of a locale's build, after Material's search has collected its pages."""
        search = config.plugins.get("material/search")
        if search is not None:
            self.sections[config.theme["language"]] = [dict(entry) for entry in search.search_index.entries]
            self.indexes.clear()

    def write_indexes(self, config, content: SiteContent) -> None:
        """Write every script's index; a no-op until the source script's sections are kept.

        Runs at the end of every locale's build: the other locales' (inside the first
        one), then the first one's. The indexes are made once and written both times;
        the last writing stays.
        """
        search = config.plugins.get("material/search")
        if search is None or SOURCE_LOCALE.code not in self.sections:
            return
        if not self.indexes:
            self.indexes.update(search_indexes(content, self.sections, search.search_index.config))
        for code, index in self.indexes.items():
            write_index(index, locale_dir(Path(config.site_dir), code))
