"""The change log as an Atom feed, one per script: <locale>/changes/feed.xml.

Made with feedgen from the same entries as the change-log page (changes.py). Every date comes
from the data, never from the clock, so two builds of the same data write the same bytes.

Each entry's id is a tag URI (RFC 4151) made of what the entry is, not where it stands in the
list: tag:<site's host>,<its date>:<site's path><locale>changes/<subject>, e.g.
tag:example.org,2024-01-15:/zh-Hans/changes/measure-15. Inserting, moving or deleting other
entries, or correcting a note's wording, leaves it unchanged; one entry per subject a day is
enforced when the data is read (load.py), so no two entries share one. The feed's own id is its
address. Both change only if site_url does, which moves the feed itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from lxml import etree  # feedgen's own XML library

from measures_site.content.changes import ShownChange, shown_changes
from measures_site.content.interface import PAGE_LABELS, site_settings
from measures_site.content.paths import PATHS, url
from measures_site.content.pipeline import LocalizedContent
from measures_site.content.progress import progress_words
from measures_site.content.render import chinese_date
from measures_site.files import write_atomically

# The newest entries a feed holds; the change-log page (the feed's alternate link) holds them
# all. Feed readers poll daily or more often and keep what they have read, so 50 entries
# cover a year of weekly corrections while the file stays small (about 25 KB) however long
# the log grows: every poll downloads the whole feed.
FEED_ENTRIES = 50

# What a browser shows the feed with, from the site's root (feed_readable_in_a_browser).
FEED_STYLESHEET = "assets/stylesheets/feed.css"
XHTML = "http://www.w3.org/1999/xhtml"

# The editors' days are Hong Kong's: an entry is dated at the start of its day there.
HONG_KONG = datetime.timezone(datetime.timedelta(hours=8))


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), HONG_KONG)


def entry_id(site_url: str, locale_prefix: str, day: datetime.date, subject: str) -> str:
    address = urlsplit(site_url)
    return f"tag:{address.hostname},{day.isoformat()}:{address.path}{locale_prefix}{url(PATHS.changes)}{subject}"


def feed_xml(localized: LocalizedContent, site_url: str) -> bytes:
    """The Atom feed of `localized`'s change log; `site_url` (mkdocs.yml) ends with '/'."""
    locale = localized.locale
    document = localized.document
    labels: Mapping[str, str] = {key: localized.interface(value) for key, value in PAGE_LABELS.items()}
    locale_url = site_url + locale.path_prefix
    page_url = locale_url + url(PATHS.changes)
    feed_url = locale_url + PATHS.changes_feed
    entries = shown_changes(document, labels, progress_words(localized.interface)[0])
    site = site_settings(locale)

    feed = FeedGenerator()
    # feedgen names itself in a generator element unless told otherwise: the feed speaks of the site only.
    feed.generator(generator="")
    feed.id(feed_url)
    feed.title(f"{labels['changes']} - {site['site_name']}")
    feed.subtitle(site["site_description"])
    feed.language(locale.code)
    feed.author({"name": document.site.publisher})
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.updated(_moment(max((entry.date for entry in entries), default=document.last_updated)))
    for shown in entries[:FEED_ENTRIES]:  # newest first
        entry = feed.add_entry(order="append")
        entry.id(entry_id(site_url, locale.path_prefix, shown.date, shown.key))
        entry.title(f"{shown.subject}：{shown.note}")
        entry.updated(_moment(shown.date))
        entry.published(_moment(shown.date))
        # feedgen 1.0.0 writes an entry's link without its rel and type; without rel, a link is the
        # entry's alternate (RFC 4287, 4.2.7.2), which is what it is.
        entry.link(href=locale_url + url(shown.target) if shown.target else page_url, rel="alternate")
        entry.content(_entry_xhtml(shown, locale_url), type="xhtml")
    note = {"text": labels["changes_feed_note"], "link": labels["changes_feed_page"], "href": page_url}
    up_to_root = "../" * (locale.path_prefix.count("/") + PATHS.changes_feed.count("/"))
    return feed_readable_in_a_browser(feed.atom_str(pretty=True), up_to_root + FEED_STYLESHEET, note)


def _entry_xhtml(shown: ShownChange, locale_url: str) -> str:
    """An entry as the change-log page shows it: its day, what it is about (a link when the
    data still holds it), and the note. XHTML, so that feed readers show the link too."""
    subject = escape(shown.subject)
    if shown.target:
        subject = f'<a href="{escape(locale_url + url(shown.target))}">{subject}</a>'
    return f'<p><time datetime="{shown.date.isoformat()}">{chinese_date(shown.date)}</time>　{subject}：{escape(shown.note)}</p>'


def feed_readable_in_a_browser(atom: bytes, stylesheet: str, note: Mapping[str, str]) -> bytes:
    """The feed with a CSS stylesheet and, atop it, a note that says what it is.

    Opened in a browser, a bare feed is raw XML under the browser's own words ("This XML file
    does not appear to have any style information"). An XSLT stylesheet would turn it into a
    page, but browsers are removing XSLT and Chromium already bars every such page with a
    warning; styling XML with CSS is standard and stays. The note is an XHTML element, an
    extension of the feed that feed readers skip (RFC 4287, 6.4).
    """
    feed = etree.fromstring(atom)
    block = etree.fromstring(
        f'<div xmlns="{XHTML}" class="feed-note"><p>{escape(note["text"])}</p>'
        f'<p><a href="{escape(note["href"])}">{escape(note["link"])}</a></p></div>'
    )
    subtitle = feed.find("{http://www.w3.org/2005/Atom}subtitle")
    block.tail = subtitle.tail  # the feed's own indentation
    subtitle.addnext(block)
    prolog = f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/css" href="{escape(stylesheet)}"?>\n'
    return (prolog + etree.tostring(feed, encoding="unicode") + "\n").encode("utf-8")


def write_feed(localized: LocalizedContent, locale_site_dir: Path, site_url: str) -> Path:
    """Write the locale's feed beside its change-log page; `locale_site_dir` is the locale's root."""
    path = locale_site_dir / PATHS.changes_feed
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, feed_xml(localized, site_url))
    return path
