"""Model in one script -> the Markdown pages of that script.

Every value a template prints is escaped for Markdown and HTML by default (the
environment's `finalize`), so whatever an editor types is shown as literal text;
only values wrapped in `Markdown` (the links this module builds) pass unescaped.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from .model import Domain, Measure, MeasuresDocument

DATA_FILE = "data/measures.yaml"

# Words the generated pages use around the data, written in the source script and
# converted like the data, so each page is in one script.
LABELS: Mapping[str, str] = {
    "home": "首頁",
    "memorandum": "合作備忘錄",
    "all_measures": "全部措施",
    "domains": "合作領域",
    "date": "日期",
    "venue": "地點",
    "led_by": "率領",
    "measure_count": "項措施",
    "number": "編號",
    "measure": "措施",
    "domain": "領域",
    "summary": "雙方簽署合作備忘錄，同意在以下領域加強合作，合共",
    "read_memorandum": "閱讀合作備忘錄全文",
    "annex": "附件",
    "domain_total": "本領域措施數目：",
}

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
    """A YAML-safe scalar for page front matter (JSON strings are YAML strings)."""
    return Markdown(json.dumps(value, ensure_ascii=False))


@dataclass(frozen=True)
class PagePaths:
    """Where each page lives, relative to a locale's docs folder: one source for every URL."""

    home: str = "index.md"
    memorandum: str = "memorandum.md"
    all_measures: str = "measures.md"

    @staticmethod
    def domain(domain: Domain) -> str:
        return f"domains/{domain.slug}.md"

    def measure(self, measure: Measure) -> str:
        return f"domains/{measure.domain}.md#{measure.anchor}"


PATHS = PagePaths()


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
    environment.filters["chinese_date"] = lambda day: f"{day.year}年{day.month}月{day.day}日"
    environment.filters["anchor"] = lambda measure: Markdown(measure.anchor)
    return environment


_ENVIRONMENT = _environment()


def render_pages(document: MeasuresDocument, convert: Callable[[str], str]) -> dict[str, str]:
    """{path relative to the locale's docs folder: Markdown} for one script.

    `document` is already in the page's script; `convert` turns the source-script
    labels into it.
    """
    labels = {key: convert(value) for key, value in LABELS.items()}

    def render(template: str, page: str, **context: Any) -> str:
        def link(target: str) -> Markdown:
            path, _, anchor = target.partition("#")
            relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
            return Markdown(f"{relative}#{anchor}" if anchor else relative)

        return _ENVIRONMENT.get_template(template).render(
            doc=document, labels=labels, paths=PATHS, link=link, data_file=Markdown(DATA_FILE), **context
        )

    pages = {
        PATHS.home: render("home.md.j2", PATHS.home),
        PATHS.memorandum: render("memorandum.md.j2", PATHS.memorandum),
        PATHS.all_measures: render("measures.md.j2", PATHS.all_measures),
    }
    for domain in document.domains:
        page = PATHS.domain(domain)
        pages[page] = render("domain.md.j2", page, domain=domain, measures=document.measures_in(domain))
    return pages
