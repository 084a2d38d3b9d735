"""Model in one script -> the Markdown pages of that script.

Every value a template prints is escaped for Markdown and HTML by default (the
environment's `finalize`), so whatever an editor types is shown as literal text;
only values wrapped in `Markdown` (the links this module builds) pass unescaped.
"""

from __future__ import annotations

import datetime
import functools
import html
import json
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from measures_site.content.changes import shown_changes
from measures_site.content.interface import ABOUT_PAGES_TEXT, OPEN_DATA_TEXT, PAGE_LABELS, fill, meeting_label, meeting_suffix
from measures_site.content.paths import (
    FEED_NAME,
    PATHS,
    PRIVACY_SECTION,
    REPORTS_SECTION,
    SIMPLIFIED_SECTION,
    data_file_name,
    paragraph_anchor,
    url,
)
from measures_site.content.progress import (
    COUNTED,
    NO_REPORT,
    figures_in_words,
    newest_report_day,
    progress_chart,
    progress_figures,
    progress_words,
    totals,
)
from measures_site.data import open_data_fields
from measures_site.data.model import MeasuresDocument, Meeting, SiteInfo
from measures_site.data.schema import OPEN_DATA_SCHEMA_NAME
from measures_site.locales import SIMPLIFIED_LOCALE, SOURCE_LOCALE
from measures_site.project import MEASURES_PATH

# Python-Markdown's escapable characters, plus '|' (tables) and ':' is harmless.
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()>#+-.!|")


class Markdown(str):
    """Text that is already Markdown and must not be escaped again."""


def escape_markdown(value: Any) -> str:
    """Literal text -> Markdown that shows exactly that text."""
    if isinstance(value, Markdown):
        return value
    text = html.escape(str(value), quote=False)
    return "".join(f"\\{char}" if char in _MARKDOWN_SPECIAL else char for char in text)


def web_address(url: str) -> Markdown:
    """An editor's web address as a Markdown link target: characters that would end it encoded."""
    encoded = "".join({"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E"}.get(char, char) for char in url)
    return Markdown(html.escape(encoded, quote=True))


def html_text(value: Any) -> Markdown:
    """Literal text inside raw HTML, where Markdown is not read (the side-by-side pages' blocks)."""
    return Markdown(html.escape(str(value), quote=True))


def front_matter_string(value: str) -> Markdown:
    """A page title for the front matter: YAML-safe (a JSON string is a YAML string) and
    HTML-escaped, because MkDocs and Material print titles into <title> and the
    navigation without escaping them."""
    return Markdown(json.dumps(html.escape(value, quote=True), ensure_ascii=False))


@dataclass(frozen=True)
class ShownOverride:
    """One conversion override as a page lists it: the phrases, and the reason in the page's script,
    in pieces: (text, the script of a quotation that keeps its own, or None)."""

    opencc: str
    simplified: str
    reason: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class ConversionNote:
    """How the Simplified pages are made: the converter, and the editors' corrections."""

    converter: str
    overrides: tuple[ShownOverride, ...]


def chinese_date(day: datetime.date) -> str:
    """2023年6月28日: written the same way in both scripts."""
    return f"{day.year}年{day.month}月{day.day}日"


# Search engines and link previews (WhatsApp, WeChat) show about this many characters.
DESCRIPTION_LENGTH = 120
# How many of a domain's measures the home page and the site map list, before a link to the rest on
# the domain's page: within the first view's budget whatever the data holds (MAINTAINERS, "Speed
# and accessibility"); every measure's page is still in the sitemap, linked by its neighbours and,
# once it has a report, by the progress page. The signed domains have three at most.
LISTED_IN_FULL = 10


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """A page description: the text itself when short enough, else its start and "……"."""
    return text if len(text) <= limit else text[: limit - 2] + "……"


def meeting_naming(number: int, labels: Mapping[str, str], several: bool) -> tuple[str, list[tuple[str, str]]]:
    """What a page of meeting `number` says of its meeting: the words its title ends with
    (「（第五次會議）」) and the start of its trail (the home page, the meeting's page) when the site
    holds several meetings; with one, nothing, and the home page."""
    home = [(labels["home"], PATHS.home)]
    if not several:
        return "", home
    return meeting_suffix(number, labels), [*home, (meeting_label(number, labels), PATHS.meeting(number).overview)]


def meeting_summary(meeting: Meeting, labels: Mapping[str, str]) -> str:
    """What the home page or a meeting's page says of the meeting in a line: its text, day, place
    and domains; or, for a meeting whose text the data does not hold, what was published of it."""
    conference = meeting.conference
    when = f"{chinese_date(conference.date)}，{conference.venue}"
    domain_names = "、".join(domain.name for domain in meeting.domains)
    if meeting.annex and meeting.measures:
        return (
            f"{meeting.annex.title}（{when}）："
            f"{len(meeting.measures)} {labels['measure_count']}，{labels['covers']}{domain_names}。"
        )
    covers = f"{labels['covers']}{domain_names}。" if domain_names else ""
    return f"{conference.name}（{when}）：{meeting.summary or ''}{covers}"


def meeting_descriptions(meeting: Meeting, labels: Mapping[str, str], overview: str) -> dict[str, str]:
    """{page path: its one-line description} of a meeting's pages; `overview`, the page that says
    what the meeting was (the home page for the meeting it leads with)."""
    at = PATHS.meeting(meeting.number)
    descriptions = {overview: meeting_summary(meeting, labels)}
    if meeting.memorandum:
        descriptions[at.memorandum] = meeting.memorandum.paragraphs[0]
    if meeting.annex and meeting.measures:
        descriptions[at.all_measures] = f"{meeting.annex.title}：" + " ".join(
            f"{measure.number}. {measure.title}" for measure in meeting.measures
        )
    for domain in meeting.domains if meeting.measures else ():
        titles = " ".join(f"{measure.number}. {measure.title}" for measure in meeting.measures_in(domain))
        descriptions[at.domain(domain)] = f"{domain.ordinal}、{domain.name}：{titles}"
    for measure in meeting.measures:
        descriptions[at.measure_page(measure)] = measure.body
    return descriptions


def shorten_all(descriptions: Mapping[str, str]) -> dict[str, str]:
    return {path: shorten(text) for path, text in descriptions.items()}


def progress_status_badges(words: Mapping[str, str]) -> dict[str, Markdown]:
    """{status, or NO_REPORT: its words, marked for the stylesheet}: how every page shows a
    report's status. The words say it; the colour (extra.css) only repeats them."""
    return {
        key: Markdown(f'<span class="progress-status progress-status--{key}">{html.escape(label)}</span>')
        for key, label in words.items()
    }


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("measures_site.content", "templates"),
        finalize=escape_markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: escaping is `finalize`'s job
    )
    environment.filters["yaml_string"] = front_matter_string
    environment.filters["chinese_date"] = chinese_date
    environment.filters["iso_date"] = lambda day: Markdown(day.isoformat())
    environment.filters["anchor"] = lambda measure: Markdown(measure.anchor)
    environment.filters["paragraph_anchor"] = lambda number: Markdown(paragraph_anchor(number))
    environment.filters["web_address"] = web_address
    # Whose report a source is, in a word readers recognise: the address's host.
    environment.filters["host"] = lambda address: urlsplit(address).hostname
    environment.filters["html_text"] = html_text
    # An interface string's {placeholders}, filled (interface.fill).
    environment.filters["fill"] = fill
    # A macro's output: every value in it was escaped when the macro printed it.
    environment.filters["macro_output"] = Markdown
    # A value inside a raw HTML attribute, where Markdown's backslash escapes would show.
    environment.filters["attribute"] = lambda value: Markdown(html.escape(str(value), quote=True))
    return environment


_ENVIRONMENT = _environment()


def _open_data_text(convert: Callable[[str], str], locale_code: str) -> dict[str, Any]:
    # File names stay as written: they are links, not words.
    text: dict[str, Any] = {key: convert(value) for key, value in OPEN_DATA_TEXT.items()}
    text["fields"] = tuple((Markdown(field.name), convert(field.meaning)) for field in open_data_fields.MEASURE_FIELDS)
    # The keys are names, not words: filled in after the conversion, as written.
    keys = "、".join(field.name for field in open_data_fields.DOCUMENT_FIELDS)
    text["url_note"] = fill(text["url_note"], document_keys=keys)
    text.update(
        json_name=Markdown(data_file_name(locale_code, "json")),
        csv_name=Markdown(data_file_name(locale_code, "csv")),
        schema_name=Markdown(OPEN_DATA_SCHEMA_NAME),
    )
    return text


@dataclass(frozen=True)
class FeedbackChannel:
    """A way readers report a mistake, as the pages about the site list it."""

    label: str
    address: Markdown  # a link target
    note: str = ""


def feedback_channels(site: SiteInfo, text: Mapping[str, Any], locale_code: str) -> tuple[FeedbackChannel, ...]:
    """The e-mail address and the issue page, whichever the data gives; the e-mail first on a
    generated script's pages, whose readers GitHub asks for an account and often does not answer."""
    channels = []
    if site.feedback_url:
        channels.append(FeedbackChannel(text["feedback_link"], web_address(site.feedback_url), text["feedback_issues_note"]))
    if site.feedback_email:
        email = FeedbackChannel(f"{text['feedback_email']}：{site.feedback_email}", web_address(f"mailto:{site.feedback_email}"))
        channels.insert(0 if locale_code != SOURCE_LOCALE.code else len(channels), email)
    return tuple(channels)


def _page_text(convert: Callable[[str], str], document: MeasuresDocument, converter: str) -> dict[str, Any]:
    def filled(text: str) -> str:
        return fill(convert(text), publisher=document.site.publisher, converter=converter)

    return {
        key: tuple(filled(item) for item in value) if isinstance(value, list) else filled(value)
        for key, value in ABOUT_PAGES_TEXT.items()
    }


# The index page links every measure, and thousands of them share a handful of paths.
_relative_path = functools.lru_cache(maxsize=1024)(posixpath.relpath)


@dataclass(frozen=True)
class PageRecord:
    """A generated page in one script, made once by the renderer and read by everything after it:
    MkDocs reads its Markdown (whose front matter says the same to the theme), the share images
    its titles and description, the tests' sweeps its kind. Nothing parses the Markdown back."""

    kind: str  # the template it is made from: "home", "domain", "measure", "side-by-side"…
    title: str  # as readers read it, plain text (the front matter HTML-escapes it for the theme)
    share_title: str  # what its share image names it: its title, but the home's is the conference
    description: str  # one line drawn from its own content, plain text
    in_search: bool  # whether the site's search indexes it
    markdown: str
    # Where the menu lists it: None when it is not in the menu (a measure's page, a side-by-side
    # view: reached from the pages that link them and from the site map); "" at the menu's top
    # level; else the interface.yaml `pages` key of the section it is in. The menu lists its pages
    # in the records' order. Every page, in the menu or not, is in the sitemap and the site map.
    menu_section: str | None = None


def _render(
    template: str,
    page: str,
    *,
    title: str,
    description: str,
    in_search: bool,
    menu_section: str | None = None,
    share_title: str | None = None,
    **context: Any,
) -> PageRecord:
    """One page from its template; `link` (Markdown links) and `address` (HTML attributes) in it make
    a page's path relative to this one."""

    def link(target: str) -> Markdown:
        path, _, anchor = target.partition("#")
        relative = _relative_path(path, posixpath.dirname(page) or ".")
        return Markdown(f"{relative}#{anchor}" if anchor else relative)

    def address(target: str) -> Markdown:
        """A page's address (with an optional #anchor) relative to this page's, for an HTML
        attribute (MkDocs rewrites only links)."""
        path, hash_sign, anchor = target.partition("#")
        relative = _relative_path(url(path) or ".", posixpath.dirname(url(page)) or ".")
        return Markdown(("./" if relative == "." else f"{relative}/") + hash_sign + anchor)

    share_title = share_title or title
    markdown = _ENVIRONMENT.get_template(template).render(
        paths=PATHS,
        link=link,
        address=address,
        data_file=Markdown(MEASURES_PATH.as_posix()),
        title=title,
        share_title=share_title,
        description=description,
        search_exclude=not in_search,
        **context,
    )
    return PageRecord(template.removesuffix(".md.j2"), title, share_title, description, in_search, markdown, menu_section)


def render_pages(
    document: MeasuresDocument, convert: Callable[[str], str], locale_code: str, conversion: ConversionNote
) -> dict[str, PageRecord]:
    """{path relative to the locale's docs folder: the page} for one script.

    `document` is already in the page's script; `convert` turns the source-script
    labels into it (interface.page_converter); `conversion` is what the about page says of
    the Simplified pages.
    """
    # The words around the data, converted like it, so each page is in one script.
    labels = {key: convert(value) for key, value in PAGE_LABELS.items()}
    open_data = _open_data_text(convert, locale_code)
    text = _page_text(convert, document, conversion.converter)
    progress_words_shown, progress_meanings = progress_words(convert)
    changes = shown_changes(document, labels, progress_words_shown)
    status_badges = progress_status_badges(progress_words_shown)
    lead = document.lead_meeting
    meetings = document.meetings_newest_first
    # With several meetings, each has a page of its own, a page names its meeting, and the menu
    # lists the meetings; the site of one meeting reads as it did before there were several.
    several = document.several_meetings
    meeting_labels = {meeting.number: meeting_label(meeting.number, labels) for meeting in meetings}
    descriptions = {
        PATHS.open_data: open_data["intro"],
        PATHS.changes: f"{labels['changes']}：" + (
            " ".join(f"{chinese_date(change.date)} {change.subject}：{change.note}" for change in changes)
            or labels["changes_none"]
        ),
        PATHS.about: text["about_intro"],
        PATHS.accessibility: text["accessibility_intro"],
        PATHS.notices: text["copyright_text"],
        PATHS.site_map: f"{labels['site_map']}：" + "、".join(
            labels[key] for key in ("home", "memorandum", "domains", "all_measures", "progress", "open_data")
        ),
    }
    for meeting in meetings:
        overview = PATHS.home if meeting is lead else PATHS.meeting(meeting.number).overview
        descriptions |= meeting_descriptions(meeting, labels, overview)
        if several and meeting is lead:
            descriptions[PATHS.meeting(meeting.number).overview] = meeting_summary(meeting, labels)
    descriptions = shorten_all(descriptions)

    def render(
        template: str, page: str, title: str, *, in_search: bool = True, menu_section: str | None = "", **context: Any
    ) -> PageRecord:
        return _render(
            template,
            page,
            title=title,
            description=descriptions[page],
            in_search=in_search,
            menu_section=menu_section,
            doc=document,
            meetings=meetings,
            meeting_labels=meeting_labels,
            listed_in_full=LISTED_IN_FULL,
            labels=labels,
            status_badges=status_badges,
            text=text,
            **context,
        )

    def meeting_pages(meeting: Meeting) -> tuple[dict[str, PageRecord], dict[str, PageRecord]]:
        """The meeting's pages: those the menu lists (the lead meeting's), and the others."""
        at = PATHS.meeting(meeting.number)
        in_menu = meeting is lead
        named, trail_head = meeting_naming(meeting.number, labels, several)

        def page(
            template: str, path: str, title: str, *, in_search: bool = True, menu_section: str | None = "", **context: Any
        ) -> PageRecord:
            # The trail names the meeting before the page: the page's own place in it, without.
            named_context = {"current": title} if named else {}
            return render(
                template,
                path,
                title + named,
                in_search=in_search,
                menu_section=menu_section if in_menu else None,
                meeting=meeting,
                meeting_paths=at,
                trail_head=trail_head,
                **named_context,
                **context,
            )

        listed: dict[str, PageRecord] = {}
        if meeting.memorandum:
            listed[at.memorandum] = page("memorandum.md.j2", at.memorandum, labels["memorandum"])
        if meeting.measures:
            for domain in meeting.domains:
                listed[at.domain(domain)] = page(
                    "domain.md.j2",
                    at.domain(domain),
                    f"{domain.ordinal}、{domain.name}",
                    menu_section="domains",
                    domain=domain,
                    measures=meeting.measures_in(domain),
                )
            # Left out of search: the index repeats every measure's title (search finds the measures themselves).
            listed[at.all_measures] = page("measures.md.j2", at.all_measures, labels["all_measures"], in_search=False)
            figures = progress_figures(meeting)
            newest = newest_report_day(meeting)
            figures_said = figures_in_words(figures, progress_words_shown, labels["measure_count"])
            # What its share image and link previews say: the figures, in words.
            descriptions[at.progress] = shorten(
                f"{labels['progress']}：" + (figures_said if newest else labels["progress_none_yet"])
            )
            listed[at.progress] = page(
                "progress.md.j2",
                at.progress,
                labels["progress"],
                figures=figures,
                totals=totals(figures),
                counted=COUNTED,
                words=progress_words_shown,
                definitions=progress_meanings,
                newest=newest,
                no_report=NO_REPORT,
                chart=Markdown(progress_chart(figures, progress_words_shown, labels["progress"], figures_said, locale_code)),
            )
        unlisted: dict[str, PageRecord] = {}
        if several:
            unlisted[at.overview] = render(
                "meeting.md.j2",
                at.overview,
                meeting.conference.name,
                menu_section="meetings",
                meeting=meeting,
                meeting_paths=at,
            )
        measures = meeting.measures  # in order of number (the model checks it)
        for index, measure in enumerate(measures):
            path = at.measure_page(measure)
            unlisted[path] = page(
                "measure.md.j2",
                path,
                measure.label,
                in_search=bool(measure.progress),  # its reports: the rest of it is out of search
                menu_section=None,
                reports_section=Markdown(REPORTS_SECTION),
                measure=measure,
                domain=meeting.domain_of(measure),
                previous=measures[index - 1] if index else None,
                following=measures[index + 1] if index + 1 < len(measures) else None,
            )
        return listed, unlisted

    def about_site(template: str, page: str, title: str, **context: Any) -> PageRecord:
        """A page about the site (and the change log): in the menu's section of them, out of search."""
        return render(template, page, title, in_search=False, menu_section="about", **context)

    # In the menu's order: the home page, the pages of the meeting it leads with, the meetings,
    # the open data and the pages about the site, which a phone's menu (all it shows of the
    # navigation) reaches as a Hong Kong government site's does. Left out of search: the pages
    # about the site are not what readers search for (and the about page quotes the Simplified
    # phrases of the conversion overrides on its 繁體 page); a measure's own page repeats its
    # section of the domain page, but for its reports of progress.
    lead_at = PATHS.meeting(lead.number)
    pages = {
        PATHS.home: render(
            "home.md.j2",
            PATHS.home,
            labels["home"],
            share_title=lead.conference.name,
            meeting=lead,
            meeting_paths=lead_at,
        ),
    }
    unlisted: dict[str, PageRecord] = {}
    for meeting in meetings:
        listed, others = meeting_pages(meeting)
        if meeting is lead:
            pages |= listed
        else:
            unlisted |= listed
        unlisted |= others
    # The meetings' own pages, newest first, in the menu's section of them.
    pages |= {path: record for path, record in unlisted.items() if record.menu_section == "meetings"}
    pages |= {
        PATHS.open_data: render("data.md.j2", PATHS.open_data, labels["open_data"], open_data=open_data),
        PATHS.about: about_site(
            "about.md.j2",
            PATHS.about,
            labels["about"],
            conversion=conversion,
            simplified_section=Markdown(SIMPLIFIED_SECTION),
            feedback=feedback_channels(document.site, text, locale_code),
        ),
        PATHS.accessibility: about_site(
            "accessibility.md.j2",
            PATHS.accessibility,
            labels["accessibility"],
            feedback=feedback_channels(document.site, text, locale_code),
        ),
        PATHS.notices: about_site(
            "notices.md.j2", PATHS.notices, labels["notices"], privacy_section=Markdown(PRIVACY_SECTION)
        ),
        PATHS.site_map: about_site("site-map.md.j2", PATHS.site_map, labels["site_map"], meeting=lead, meeting_paths=lead_at),
        PATHS.changes: about_site(
            "changes.md.j2", PATHS.changes, labels["changes"], changes=changes, feed_name=Markdown(FEED_NAME)
        ),
    }
    pages |= {path: record for path, record in unlisted.items() if path not in pages}
    return pages


def measures_rendered_alike(document: MeasuresDocument) -> MeasuresDocument:
    """The document with only the measures whose part of any page is rendered differently:
    each domain's first and last (an empty domain stays empty).

    For the check: a measure's part of a page (its section of the domain page, the home
    page, the index, the site map, the side-by-side page, its own page) is the same
    template code for every measure, printing fields every measure has (a number and
    texts the model has validated) through escapes defined for any text; only where it
    stands decides a branch (a measure page's neighbours: none before the first, none
    after the last, both for any other, which a domain's last or first is whenever
    there are three measures or more). So when these render, every measure renders.
    What a text could still refuse, a character no page can be written in (a lone
    surrogate), the loader refuses at its place, in every measure.
    """
    meetings = []
    for meeting in document.meetings:
        kept = set()
        for domain in meeting.domains:
            measures = meeting.measures_in(domain)
            kept.update(measure.number for measure in measures[:1] + measures[-1:])
            # A measure's progress is a branch of its own: the first with reports renders it.
            kept.update(measure.number for measure in [m for m in measures if m.progress][:1])
        # Not validated again: the measures are the meeting's own, their order kept.
        meetings.append(meeting.model_copy(update={"measures": tuple(m for m in meeting.measures if m.number in kept)}))
    return document.model_copy(update={"meetings": tuple(meetings)})


# ── 繁體 and 简体 side by side ──

# A generated text in pieces: (piece, whether an editor's override wrote it rather than OpenCC).
Pieces = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class BothScripts:
    """One line of text as written (the source script) and as generated, in pieces."""

    source: str
    generated: Pieces


@dataclass(frozen=True)
class SideBySideRow:
    """A heading or a paragraph in both scripts; its lines are shown one under the other."""

    tag: str  # "h2" or "p"
    lines: tuple[BothScripts, ...]


@dataclass(frozen=True)
class SideBySideBlock:
    """Rows that a reader's place is kept on (the anchor: the same as on the page it mirrors)."""

    anchor: str
    rows: tuple[SideBySideRow, ...]


def side_by_side_pages(
    source: MeasuresDocument,
    generated: MeasuresDocument,
    pieces: Callable[[str, str], Pieces],
    convert: Callable[[str], str],
    locale_code: str,
) -> dict[str, PageRecord]:
    """{path: the page} of one locale's side-by-side pages: each domain's and the memorandum's
    text in the source script and in the generated one, in two columns, row by row.

    `source` and `generated` are the document in the two scripts; `pieces(text, converted)`
    cuts a text's conversion where an editor's override wrote it; `convert` turns the pages'
    own words into this locale's script and usage (interface.page_converter).
    """
    labels = {key: convert(value) for key, value in PAGE_LABELS.items()}
    here = source if locale_code == SOURCE_LOCALE.code else generated
    several = source.several_meetings

    def both(text: str, converted: str, prefix: str = "") -> BothScripts:
        return BothScripts(prefix + text, ((prefix, False),) * bool(prefix) + pieces(text, converted))

    def row(tag: str, *lines: BothScripts) -> SideBySideRow:
        return SideBySideRow(tag, lines)

    pages = {}
    # The meetings of the three documents are in the same order: one is the others' conversion.
    for shown, written, converted in zip(here.meetings, source.meetings, generated.meetings):
        at = PATHS.meeting(shown.number)
        named, trail_head = meeting_naming(shown.number, labels, several)

        def render(page: str, title: str, back: str, back_title: str, blocks: list[SideBySideBlock]) -> PageRecord:
            intro = labels["side_by_side_intro"]
            # Out of search: they repeat, in both scripts, the sections search finds on the domain
            # pages and the memorandum.
            return _render(
                "side-by-side.md.j2",
                page,
                title=title + named,
                # Its heading, as before there were several meetings: the trail names the meeting.
                heading=title,
                description=shorten(f"{title}：{intro}"),
                in_search=False,
                labels=labels,
                back=back,
                back_title=back_title,
                trail_head=trail_head,
                blocks=blocks,
                columns=(SOURCE_LOCALE, SIMPLIFIED_LOCALE),
                simplified_section=Markdown(SIMPLIFIED_SECTION),
                overridden=any(marked for b in blocks for r in b.rows for line in r.lines for _, marked in line.generated),
            )

        for domain, in_source, in_generated in zip(shown.domains if shown.measures else (), written.domains, converted.domains):
            blocks = [
                SideBySideBlock(
                    measure.anchor,
                    (
                        row("h2", both(measure.title, other.title, f"{measure.number}. ")),
                        row("p", both(measure.body, other.body)),
                    ),
                )
                for measure, other in zip(written.measures_in(in_source), converted.measures_in(in_generated))
            ]
            name = f"{domain.ordinal}、{domain.name}"
            page = at.domain_side_by_side(domain)
            pages[page] = render(page, f"{name}（{labels['side_by_side']}）", at.domain(domain), name, blocks)

        memorandum, converted_memorandum = written.memorandum, converted.memorandum
        if memorandum is None or converted_memorandum is None:
            continue
        blocks = [
            SideBySideBlock("memorandum-title", (row("h2", both(memorandum.title, converted_memorandum.title)),)),
            *(
                # The memorandum page's own anchors: the script switch and links keep the paragraph.
                SideBySideBlock(paragraph_anchor(number), (row("p", both(paragraph, other)),))
                for number, (paragraph, other) in enumerate(zip(memorandum.paragraphs, converted_memorandum.paragraphs), 1)
            ),
            *(
                SideBySideBlock(
                    f"signatory-{number}",
                    (row("p", both(signatory.government, other.government), both(signatory.signature, other.signature)),),
                )
                for number, (signatory, other) in enumerate(zip(memorandum.signatories, converted_memorandum.signatories), 1)
            ),
            SideBySideBlock("signed-on", (row("p", both(memorandum.signed_on, converted_memorandum.signed_on)),)),
        ]
        page = at.memorandum_side_by_side
        pages[page] = render(
            page, f"{labels['memorandum']}（{labels['side_by_side']}）", at.memorandum, labels["memorandum"], blocks
        )
    return pages
