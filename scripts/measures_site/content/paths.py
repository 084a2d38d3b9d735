"""Where each published thing lives, relative to a locale's root: one source for every URL.

Pages are named by their Markdown source ("domains/education.md"); `url` turns a source
path into the address MkDocs publishes it at (directory URLs), so the rule is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from measures_site.data.model import Domain, Measure

# The change log's Atom feed, in its page's folder (changes/feed.xml).
FEED_NAME = "feed.xml"
# The open data files sit in the folder of the Data page (data.md -> data/).
DATA_FOLDER = "data"


def data_file_name(locale_code: str, extension: str) -> str:
    """measures-zh-Hans.csv: each locale's file says which it is, once downloaded."""
    return f"measures-{locale_code}.{extension}"


# The meeting whose pages the site published before it held several: they keep those addresses,
# at the locale's root (memorandum/, domains/<slug>/ with its #measure-N, measures/, progress/);
# every other meeting's pages are under meetings/<n>/. A fact of the site's history, not of the data.
MEETING_AT_ROOT = 4


@dataclass(frozen=True)
class MeetingPaths:
    """Where each page of one meeting lives, relative to a locale's docs folder."""

    number: int

    @property
    def folder(self) -> str:
        return "" if self.number == MEETING_AT_ROOT else f"meetings/{self.number}/"

    @property
    def overview(self) -> str:
        """The meeting's own page: what was published of it, and links to the rest (several meetings only)."""
        return f"meetings/{self.number}/index.md"

    @property
    def memorandum(self) -> str:
        return f"{self.folder}memorandum.md"

    @property
    def memorandum_side_by_side(self) -> str:
        """繁體 and 简体 side by side, paragraph by paragraph (outside the navigation, left out of search)."""
        return f"{self.folder}memorandum/side-by-side.md"

    @property
    def all_measures(self) -> str:
        return f"{self.folder}measures.md"

    @property
    def progress(self) -> str:
        """What public reports say of the measures: the figures per domain, and each measure's newest report."""
        return f"{self.folder}progress.md"

    def domain(self, domain: Domain) -> str:
        return f"{self.folder}domains/{domain.slug}.md"

    def domain_side_by_side(self, domain: Domain) -> str:
        return f"{self.folder}domains/{domain.slug}/side-by-side.md"

    def measure(self, measure: Measure) -> str:
        """The measure's place on its domain page: a permanent anchor, never moved."""
        return f"{self.folder}domains/{measure.domain}.md#{measure.anchor}"

    def paragraph(self, number: int) -> str:
        return f"{self.memorandum}#{paragraph_anchor(number)}"

    def measure_page(self, measure: Measure) -> str:
        """The measure's own page. Under its meeting, whichever it is: a later meeting numbers its
        measures from 1 again, and this address must still name this measure then."""
        return f"meetings/{self.number}/measures/{measure.number}.md"

    def measure_reports(self, measure: Measure) -> str:
        """The reports of progress on the measure's own page: what the change log, the domain page,
        the progress page and search link."""
        return f"{self.measure_page(measure)}#{REPORTS_SECTION}"


def paragraph_anchor(number: int) -> str:
    """The permanent fragment of a memorandum's paragraph `number` (1 for the first)."""
    return f"paragraph-{number}"


@dataclass(frozen=True)
class PagePaths:
    """Where each page of the site as a whole lives, relative to a locale's docs folder; a
    meeting's pages are its `meeting(number)`'s."""

    home: str = "index.md"
    open_data: str = "data.md"
    # About the site itself: linked from every page's footer and from the site map.
    about: str = "about.md"
    accessibility: str = "accessibility.md"
    notices: str = "notices.md"
    site_map: str = "site-map.md"
    # The change log: outside the navigation, linked from the site map, with its Atom feed beside it.
    changes: str = "changes.md"

    @staticmethod
    def meeting(number: int) -> MeetingPaths:
        return MeetingPaths(number)

    @property
    def about_site(self) -> dict[str, str]:
        """{interface.yaml `pages` key: page} of the pages about the site, in the footer's order."""
        return {"about": self.about, "accessibility": self.accessibility, "notices": self.notices, "site_map": self.site_map}

    @property
    def changes_feed(self) -> str:
        """The change log's Atom feed, in the change-log page's folder, relative to the locale's root."""
        return url(self.changes) + FEED_NAME


PATHS = PagePaths()

# Relative to the site root, made by the build (share_images.py): the home-screen icon of
# phones, drawn like the favicon.
APPLE_TOUCH_ICON = "assets/images/apple-touch-icon.png"


def share_image(page_url: str) -> str:
    """The picture a link preview shows for a page: beside its index.html
    ("zh-Hans/domains/education/" -> "zh-Hans/domains/education/share.png")."""
    return f"{page_url}share.png"
# The section of the about page on how the Simplified pages are made: every 简体 page links it.
SIMPLIFIED_SECTION = "simplified"
# The section of a measure's page that lists its reports of progress.
REPORTS_SECTION = "progress"
# The notices' privacy section: every page's footer links it (私隱政策).
PRIVACY_SECTION = "privacy"


def url(path: str) -> str:
    """A page's source path (with an optional anchor) -> its address relative to the locale's
    root, as MkDocs publishes it: "domains/education.md#measure-15" -> "domains/education/#measure-15"."""
    page, hash_sign, anchor = path.partition("#")
    stem = page.removesuffix(".md")
    folder = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else f"{stem}/"
    return f"{folder}{hash_sign}{anchor}"
