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
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import published
from .interface import OPEN_DATA_TEXT, PAGE_LABELS
from .model import MeasuresDocument
from .paths import CSV_NAME, JSON_NAME, PATHS
from .schema import OPEN_DATA_SCHEMA_NAME

DATA_FILE = "data/measures.yaml"

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


def front_matter_string(value: str) -> Markdown:
    """A page title for the front matter: YAML-safe (a JSON string is a YAML string) and
    HTML-escaped, because MkDocs and Material print titles into <title> and the
    navigation without escaping them."""
    return Markdown(json.dumps(html.escape(value, quote=True), ensure_ascii=False))


def chinese_date(day: datetime.date) -> str:
    """2023年6月28日: written the same way in both scripts."""
    return f"{day.year}年{day.month}月{day.day}日"


# Search engines and link previews (WhatsApp, WeChat) show about this many characters.
DESCRIPTION_LENGTH = 120


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """A page description: the text itself when short enough, else its start and "……"."""
    return text if len(text) <= limit else text[: limit - 2] + "……"


def page_descriptions(document: MeasuresDocument, labels: Mapping[str, str], open_data_intro: str) -> dict[str, str]:
    """{page path: one-line description drawn from the page's own content}, in its script.

    Printed as the page's meta description and Open Graph description; plain text here,
    HTML-escaped with the rest of the front matter.
    """
    conference = document.conference
    domain_names = "、".join(domain.name for domain in document.domains)
    descriptions = {
        PATHS.home: (
            f"{document.annex.title}（{chinese_date(conference.date)}，{conference.venue}）："
            f"{len(document.measures)} {labels['measure_count']}，{labels['covers']}{domain_names}。"
        ),
        PATHS.memorandum: document.memorandum.paragraphs[0],
        PATHS.all_measures: f"{document.annex.title}：" + " ".join(
            f"{measure.number}. {measure.title}" for measure in document.measures
        ),
        PATHS.open_data: open_data_intro,
    }
    for domain in document.domains:
        titles = " ".join(f"{measure.number}. {measure.title}" for measure in document.measures_in(domain))
        descriptions[PATHS.domain(domain)] = f"{domain.ordinal}、{domain.name}：{titles}"
    return {path: shorten(text) for path, text in descriptions.items()}


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("measures_site", "templates"),
        finalize=escape_markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: escaping is `finalize`'s job
    )
    environment.filters["yaml_string"] = front_matter_string
    environment.filters["chinese_date"] = chinese_date
    environment.filters["anchor"] = lambda measure: Markdown(measure.anchor)
    return environment


_ENVIRONMENT = _environment()


def _open_data_text(convert: Callable[[str], str]) -> dict[str, Any]:
    # File names stay as written: they are links, not words.
    text: dict[str, Any] = {key: convert(value) for key, value in OPEN_DATA_TEXT.items()}
    text["fields"] = tuple((Markdown(field.name), convert(field.meaning)) for field in published.MEASURE_FIELDS)
    text.update(
        json_name=Markdown(JSON_NAME), csv_name=Markdown(CSV_NAME), schema_name=Markdown(OPEN_DATA_SCHEMA_NAME)
    )
    return text


# The index page links every measure, and thousands of them share a handful of paths.
_relative_path = functools.lru_cache(maxsize=1024)(posixpath.relpath)


def render_pages(document: MeasuresDocument, convert: Callable[[str], str]) -> dict[str, str]:
    """{path relative to the locale's docs folder: Markdown} for one script.

    `document` is already in the page's script; `convert` turns the source-script
    labels into it.
    """
    # The words around the data, converted like it, so each page is in one script.
    labels = {key: convert(value) for key, value in PAGE_LABELS.items()}
    open_data = _open_data_text(convert)
    descriptions = page_descriptions(document, labels, open_data["intro"])

    def render(template: str, page: str, **context: Any) -> str:
        def link(target: str) -> Markdown:
            path, _, anchor = target.partition("#")
            relative = _relative_path(path, posixpath.dirname(page) or ".")
            return Markdown(f"{relative}#{anchor}" if anchor else relative)

        return _ENVIRONMENT.get_template(template).render(
            doc=document,
            labels=labels,
            paths=PATHS,
            link=link,
            data_file=Markdown(DATA_FILE),
            description=descriptions[page],
            **context,
        )

    pages = {
        PATHS.home: render("home.md.j2", PATHS.home),
        PATHS.memorandum: render("memorandum.md.j2", PATHS.memorandum),
        PATHS.all_measures: render("measures.md.j2", PATHS.all_measures),
        PATHS.open_data: render("data.md.j2", PATHS.open_data, open_data=open_data),
    }
    for domain in document.domains:
        page = PATHS.domain(domain)
        pages[page] = render("domain.md.j2", page, domain=domain, measures=document.measures_in(domain))
    return pages
