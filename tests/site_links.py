"""A link checker over a built site: every href and src of every HTML file.

Relative links must reach a file of the site, and a #fragment an element with that
id; root-absolute links ("/x") are reported, because a project page is served
under /REPO/ and they would leave it. A 404.html (one per script: the root's and
zh-Hans/404.html) is the exception MkDocs makes: it is served at any depth, so its
links start with site_url's path, which it is given.
"""

from __future__ import annotations

import functools
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "data", "javascript", "tel"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.links.append(value)
            elif name in {"id", "name"}:
                self.ids.add(value)


@functools.cache
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def links_and_ids(html: str) -> tuple[list[str], set[str]]:
    """A page's links (href and src, as written) and the ids of its elements."""
    collector = _Collector()
    collector.feed(html)
    return collector.links, collector.ids


def _target_file(site: Path, page: Path, path: str) -> Path:
    base = page.parent.relative_to(site).as_posix()
    joined = posixpath.normpath(posixpath.join(base, unquote(path)))
    target = site / joined
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def broken_links(site: Path, root_path: str = "/") -> list[str]:
    """'page: link — why' for every broken link of the site; [] when all are sound."""
    site = site.resolve()
    problems: list[str] = []
    for page in sorted(site.rglob("*.html")):
        shown = page.relative_to(site).as_posix()
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in EXTERNAL_SCHEMES:
                continue
            if link.startswith("//"):
                problems.append(f"{shown}: {link} — protocol-relative link")
                continue
            path = parts.path
            if path.startswith("/"):
                if page.name != "404.html":
                    problems.append(f"{shown}: {link} — root-absolute link breaks under a sub-path")
                    continue
                if not path.startswith(root_path):
                    problems.append(f"{shown}: {link} — outside the site's path {root_path}")
                    continue
                path = posixpath.relpath(path, root_path) + ("/" if path.endswith("/") else "")
                target = _target_file(site, site / "404.html", path)  # from the site root
            else:
                target = _target_file(site, page, path) if path else page
            if not target.is_file():
                problems.append(f"{shown}: {link} — no such file {target.relative_to(site).as_posix()}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target).ids:
                problems.append(f"{shown}: {link} — no element with id '{parts.fragment}'")
    return problems


def built_pages(site: Path) -> list[str]:
    """Every page of a built site as its path under the site root: "", "zh-Hans/domains/finance/"…"""
    folders = (page.parent.relative_to(site).as_posix() for page in site.rglob("index.html"))
    return sorted("" if folder == "." else f"{folder}/" for folder in folders)


@functools.cache  # several sweeps ask, of the same built project
def pages_of_each_kind(project: Path) -> tuple[str, ...]:
    """A page of each kind (each template: home, domain, measure, side-by-side…) in each script,
    as paths under the site root, from the content the project's data makes: the heaviest of its
    kind (SiteContent.page_of_each_kind).

    The browser sweeps read these: a page's markup is its template's, so one page of each shows
    what every page of its kind does; the file-based checks still read every page."""
    from measures_site.content.paths import url
    from measures_site.content.pipeline import load_site_content
    from measures_site.locales import LOCALES

    data = project / "data"
    content = load_site_content(data / "measures.yaml", data / "conversion.yaml")
    pages = content.page_of_each_kind().values()
    return tuple(locale.path_prefix + url(path) for locale in LOCALES for path in pages)
