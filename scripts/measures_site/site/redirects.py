"""The pages left at a domain's former addresses: each sends the reader to the domain's page now.

A domain whose slug changed lists its old slugs (`former_slugs:` in data/measures.yaml), and
each locale's build writes, at every old address of its pages (the domain page and its
side-by-side page), a small HTML page: a meta refresh to the new address, the new address as
canonical link, a visible link for a reader whose browser does not follow the refresh, and
noindex so that search engines keep only the new page. GitHub Pages cannot answer a 301.

The page holds no script, so its Content-Security-Policy needs no hash: it allows nothing at
all (`default-src 'none'`), stricter than the site's own pages, and a meta refresh is no fetch
the policy governs. It is written after MkDocs, like the 404 pages, and outside the sitemap and
search: it is no page of the site, only a way to one.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from measures_site.content.paths import PATHS, url
from measures_site.data.model import Domain, MeasuresDocument
from measures_site.files import write_atomically

POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"


def redirects(document: MeasuresDocument) -> Iterator[tuple[str, str, Domain]]:
    """(old address, new address, domain), relative to a locale's root, for every former slug of
    every meeting's domains (a former address is in its meeting's folder)."""
    for meeting in document.meetings:
        at = PATHS.meeting(meeting.number)
        for domain in meeting.domains if meeting.measures else ():
            for slug in domain.former_slugs:
                former = domain.model_copy(update={"slug": slug})
                for page in (at.domain, at.domain_side_by_side):
                    yield url(page(former)), url(page(domain)), domain


def _relative(source: str, target: str) -> str:
    """`target` as a link from the folder `source` (both folder addresses from the locale's root)."""
    depth = source.rstrip("/").count("/") + 1
    return "../" * depth + target


def redirect_page(lang: str, source: str, target: str, site_locale_url: str | None, title: str, moved_to: str) -> str:
    link = _relative(source, target)
    canonical = f"{site_locale_url}{target}" if site_locale_url else link
    shown, href, canonical = html.escape(title), html.escape(link), html.escape(canonical)
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f"<title>{html.escape(moved_to)}「{shown}」</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "</head>\n<body>\n"
        f'<p>{html.escape(moved_to)}<a href="{href}">「{shown}」</a></p>\n'
        "</body>\n</html>\n"
    )


def write_redirects(document: MeasuresDocument, lang: str, folder: Path, locale_url: str | None, moved_to: str) -> list[str]:
    """Each redirect page of one locale (`document` in its script), written into its build folder;
    the old addresses written. `locale_url`: the locale's absolute address, for the canonical link."""
    written = []
    for source, target, domain in redirects(document):
        page = redirect_page(lang, source, target, locale_url, f"{domain.ordinal}、{domain.name}", moved_to)
        path = folder / source / "index.html"
        if not path.is_file() or path.read_text(encoding="utf-8") != page:
            write_atomically(path, page)
        written.append(source)
    return written
