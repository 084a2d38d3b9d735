"""The files each locale's build adds or finishes beside its pages: the open data, the change
log's feed, its 404 page, the pages at domains' former addresses, the site's robots.txt, and our
own stylesheet and scripts made compact."""

from __future__ import annotations

from pathlib import Path

from measures_site.content.interface import PAGE_LABELS
from measures_site.content.pipeline import LocalizedContent
from measures_site.files import write_atomically
from measures_site.locales import Locale, locale_dir
from measures_site.site.compact import compact_css, compact_js
from measures_site.site.feed import write_feed
from measures_site.site.open_data import write_open_data
from measures_site.site.redirects import write_redirects


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
        folder, root_dir = locale_dir(site_dir, locale.code), site_root(site_dir, locale)
        write_open_data(localized.document, locale.code, locale_url, folder)
        write_feed(localized, folder, site_url)
        # A canonical link must be absolute or relative: a preview's "/" would be root-absolute.
        canonical_base = locale_url if locale_url.startswith(("https://", "http://")) else None
        write_redirects(localized.document, locale.code, folder, canonical_base, localized.interface(PAGE_LABELS["moved_to"]))
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


# Our own stylesheet and scripts, as the site root holds them: published without the
# comments and indentation written for their maintainers (compact.py).
OWN_ASSETS = {
    "assets/stylesheets/extra.css": compact_css,
    "assets/javascripts/place-links.js": compact_js,
    "assets/javascripts/not-found.js": compact_js,
    "assets/javascripts/text-size.js": compact_js,
}


def site_root(site_dir: Path, locale: Locale) -> Path:
    """The built site's root folder, from the build of any locale."""
    folder = locale_dir(site_dir, locale.code)
    return folder if locale.is_source else folder.parent


def compact_own_assets(root: Path) -> None:
    for path, compact in OWN_ASSETS.items():
        asset = root / path
        if asset.is_file():
            text = asset.read_text(encoding="utf-8")
            compacted = compact(text)
            if compacted != text:
                write_atomically(asset, compacted)
