"""The files each locale's build adds beside its pages: the open data, its 404 page, and
the site's robots.txt."""

from __future__ import annotations

from pathlib import Path

from .files import write_atomically
from .locales import locale_dir
from .open_data import write_open_data
from .pipeline import LocalizedContent


class SiteFiles:
    """Written at the end of every locale's build.

    The i18n plugin builds the locales one after another into the same site root, and
    each build writes its 404.html there: the source's first, then the others over it.
    The source's page is kept here between the two, so each locale's 404 page ends in
    its own folder and the source's at the root.
    """

    def __init__(self) -> None:
        self._source_not_found_page: bytes | None = None

    def write(self, localized: LocalizedContent, site_dir: Path, site_url: str) -> None:
        locale = localized.locale
        locale_url = (
            site_url if locale.is_source or site_url.endswith(f"/{locale.code}/") else f"{site_url}{locale.code}/"
        )
        folder = locale_dir(site_dir, locale.code)
        root_dir = folder if locale.is_source else folder.parent
        write_open_data(localized.document, locale.code, locale_url, folder)
        not_found = root_dir / "404.html"
        if locale.is_source:
            self._source_not_found_page = not_found.read_bytes() if not_found.is_file() else None
            write_robots_txt(root_dir, site_url)
        elif not_found.is_file() and self._source_not_found_page is not None:
            not_found.replace(folder / "404.html")
            not_found.write_bytes(self._source_not_found_page)


def write_robots_txt(root_dir: Path, site_url: str) -> None:
    """Every page may be crawled; the sitemap lists both locales with their alternates."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"
    robots = root_dir / "robots.txt"
    if not robots.is_file() or robots.read_text(encoding="utf-8") != text:
        write_atomically(robots, text)
