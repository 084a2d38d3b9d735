"""What the theme shows around each page, in the page's locale: the navigation, the head
(overrides/main.html, overrides/404.html) and the footer (overrides/partials/copyright.html).

MkDocs renders the theme's templates without autoescaping (Material prints the page's
HTML as it is), so this is where data enters them HTML-escaped: every string these
functions hand the theme is markupsafe's `Markup`, escaped once here and never again
by a template's `| e`. The pages' own titles and descriptions reach the theme through
their front matter, escaped there (render.front_matter_string).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape

from measures_site.content.interface import ABOUT_PAGES_TEXT, PAGE_LABELS, fill
from measures_site.content.paths import APPLE_TOUCH_ICON, DATA_FOLDER, PATHS, PRIVACY_SECTION, SIMPLIFIED_SECTION, data_file_name, url
from measures_site.content.pipeline import SiteContent
from measures_site.content.render import chinese_date
from measures_site.locales import LOCALES, hreflang_alternates, locale_of_path


def html_escaped(value: Any) -> Any:
    """`value` with every string in it HTML-escaped (as `Markup`), through dicts and lists."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: html_escaped(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [html_escaped(item) for item in value]
    return value


def _for_the_theme(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def escaped(*args: Any, **kwargs: Any) -> Any:
        return html_escaped(function(*args, **kwargs))

    return escaped


def navigation(content: SiteContent, locale_code: str) -> list:
    """The menu (MkDocs' `nav`) of one script: the pages whose records put them in it, in the
    records' order, a section's pages under its title."""
    localized = content.localized[locale_code]
    menu: list = []
    sections: dict[str, list[str]] = {}
    for page, record in content.pages_of(locale_code).items():
        if record.menu_section is None:
            continue
        if not record.menu_section:
            menu.append(page)
            continue
        if record.menu_section not in sections:
            # A section's title is printed by the theme as it is; the pages' titles come from their front matter.
            title = str(html_escaped(localized.interface(PAGE_LABELS[record.menu_section])))
            sections[record.menu_section] = []
            menu.append({title: sections[record.menu_section]})
        sections[record.menu_section].append(page)
    return menu


@_for_the_theme
def footer(content: SiteContent, locale_code: str) -> dict[str, Any]:
    """What overrides/partials/copyright.html shows, in the page's locale."""
    localized = content.localized[locale_code]
    prefix = localized.locale.path_prefix
    label = localized.interface
    site = localized.document.site
    # The document a reader checks the text against, when the data names it; else its keeper.
    official = (
        {"label": label(PAGE_LABELS["official_document"]), "name": site.official_document.name, "url": site.official_document.url}
        if site.official_document
        else {"label": label(PAGE_LABELS["official_source"]), "name": site.official_source.name, "url": site.official_source.url}
    )
    return {
        # The footer's text-size control (text-size.js); a size's value is extra.css's data-text-size.
        "text_size": {
            "label": label(PAGE_LABELS["text_size"]),
            "announce": label(PAGE_LABELS["text_size_set"]),
            "sizes": [
                {"value": value, "label": label(PAGE_LABELS[f"text_size_{value or 'standard'}"])}
                for value in ("", "large", "larger")
            ],
        },
        # Who stands behind the site, on every page: it looks official and is not.
        "notice": site.notice or fill(label(ABOUT_PAGES_TEXT["site_notice"]), publisher=site.publisher),
        "last_updated_label": label(PAGE_LABELS["last_updated"]),
        "last_updated": chinese_date(content.source.last_updated),
        "last_updated_iso": content.source.last_updated.isoformat(),
        # The date leads to what changed on it.
        "changes_page": prefix + url(PATHS.changes),
        "open_data_label": label(PAGE_LABELS["open_data"]),
        # Relative to the site root; the template prefixes the page's base_url.
        "open_data_page": prefix + url(PATHS.open_data),
        "json": f"{prefix}{DATA_FOLDER}/{data_file_name(locale_code, 'json')}",
        "csv": f"{prefix}{DATA_FOLDER}/{data_file_name(locale_code, 'csv')}",
        # What a Hong Kong government information site links from every page.
        "about_site": [
            *({"label": label(PAGE_LABELS[key]), "page": prefix + url(path)} for key, path in PATHS.about_site.items()),
            {"label": label(PAGE_LABELS["changes"]), "page": prefix + url(PATHS.changes)},
            {"label": label(PAGE_LABELS["privacy_policy"]), "page": prefix + url(PATHS.notices) + "#" + PRIVACY_SECTION},
        ],
        "official_source": official,
    }


@_for_the_theme
def head(content: SiteContent, locale_code: str) -> dict[str, Any]:
    """What overrides/main.html and overrides/404.html print besides the page, in its locale."""
    localized = content.localized[locale_code]
    locale = localized.locale
    # A missing page lists the pages of the meeting the home page leads with.
    lead = PATHS.meeting(localized.document.lead_meeting.number)
    return {
        "open_graph_locale": locale.open_graph_locale,
        "open_graph_alternate_locales": [other.open_graph_locale for other in LOCALES if other != locale],
        "page_url_label": localized.interface(PAGE_LABELS["page_url"]),
        "breadcrumbs_label": localized.interface(PAGE_LABELS["breadcrumbs"]),
        "apple_touch_icon": APPLE_TOUCH_ICON,  # relative to the site root
        # The change log's feed in the page's script (relative to the site root), announced by every page.
        "feed": {"title": localized.interface(PAGE_LABELS["changes"]), "path": locale.path_prefix + PATHS.changes_feed},
        "not_found": {
            "title": localized.interface(PAGE_LABELS["not_found"]),
            "message": localized.interface(PAGE_LABELS["not_found_message"]),
            "home_label": localized.interface(PAGE_LABELS["back_home"]),
            "home_path": locale.path_prefix,  # relative to the site root
            # Where a reader who followed a broken link most likely wanted to go: the areas.
            "domains_label": localized.interface(PAGE_LABELS["domains"]),
            "domains": [
                {"label": f"{domain.ordinal}、{domain.name}", "path": locale.path_prefix + url(lead.domain(domain))}
                for domain in localized.document.lead_meeting.domains
            ],
            "all_measures": {
                "label": localized.interface(PAGE_LABELS["all_measures"]),
                "path": locale.path_prefix + url(lead.all_measures),
            },
        },
        # A missing page has no counterpart: its script switch leads to each locale's home.
        "script_homes": {other.code: other.path_prefix for other in LOCALES},
        # Every generated locale's pages say what they are, and where the conversion is explained.
        "script_note": None
        if locale.is_source
        else {
            "text": localized.interface(PAGE_LABELS["script_note"]),
            "link_label": localized.interface(PAGE_LABELS["script_note_link"]),
            "page": locale.path_prefix + url(PATHS.about) + "#" + SIMPLIFIED_SECTION,
        },
        # The site root's 404.html is served for every missing address: it sends an
        # address under another locale's folder to that locale's own 404 page.
        "not_found_elsewhere": [
            {"prefix": other.path_prefix, "page": f"{other.path_prefix}404.html"}
            for other in LOCALES
            if not other.is_source
        ]
        if locale.is_source
        else [],
    }


def site_names(config) -> dict[str, str]:
    """{locale code: the site's name in it}, as mkdocs.yml gives them to the i18n plugin."""
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n is not None else []
    names = {language.locale: language.site_name or config.site_name for language in languages}
    return {locale.code: names.get(locale.code, config.site_name) for locale in LOCALES}


def relative_language_links(alternates, site_url: str) -> None:
    """Make the language switcher's links page-relative, like every other link.

    The i18n plugin gives the home pages root-absolute links ("/zh-Hans/"), which
    only work when site_url is exactly right; relative links work under any path.
    Material's `url` filter turns a site-root-relative link into a page-relative one.
    """
    root = urlsplit(site_url).path
    for alternate in alternates or ():
        link = alternate.get("link", "")
        if link.startswith(root):
            alternate["link"] = link[len(root):] or "./"


def page_context(context: dict, page_url: str, site_url: str) -> dict:
    # Absolute, as search engines require; overrides/main.html prints them in <head>.
    context["hreflang_alternates"] = hreflang_alternates(site_url, page_url)
    # Each locale's home page, which MkDocs knows only for the first (page.is_homepage).
    context["is_script_home"] = locale_of_path(page_url.removeprefix("./"))[1] == ""
    return context
