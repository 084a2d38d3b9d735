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
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from .changes import shown_changes
from .files import write_atomically
from .interface import PAGE_LABELS, site_settings
from .paths import PATHS, url
from .pipeline import LocalizedContent

# The newest entries a feed holds; the change-log page (the feed's alternate link) holds them
# all. Feed readers poll daily or more often and keep what they have read, so 50 entries
# cover a year of weekly corrections while the file stays small (about 25 KB) however long
# the log grows: every poll downloads the whole feed.
FEED_ENTRIES = 50

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
    entries = shown_changes(document, labels)
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
        entry.content(shown.note, type="text")
    return feed.atom_str(pretty=True)


def write_feed(localized: LocalizedContent, locale_site_dir: Path, site_url: str) -> Path:
    """Write the locale's feed beside its change-log page; `locale_site_dir` is the locale's root."""
    path = locale_site_dir / PATHS.changes_feed
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, feed_xml(localized, site_url))
    return path
