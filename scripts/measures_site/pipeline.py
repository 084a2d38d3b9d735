"""The whole flow for every locale: data files -> validated, converted content -> pages.

Everything is computed in memory and checked before anything is written, so bad
data never half-publishes: `load_site_content` either returns the complete pages
of every locale or raises DataError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .convert import ScriptConverter, convert_model
from .load import load_document, load_overrides, load_search_terms
from .locales import LOCALES, Locale
from .model import MeasuresDocument, SearchTerms
from .problems import DataError
from .render import render_pages


@dataclass(frozen=True)
class LocalizedContent:
    """The document in one locale's script, and the conversion that made it."""

    locale: Locale
    document: MeasuresDocument
    convert: Callable[[str], str]


@dataclass(frozen=True)
class SiteContent:
    source: MeasuresDocument
    localized: dict[str, LocalizedContent]  # by locale code
    pages: dict[str, str]  # "<locale>/<page>.md" -> Markdown
    search_terms: SearchTerms = SearchTerms()  # the editors' synonyms and variant forms
    corrections: tuple[tuple[str, str], ...] = ()  # (OpenCC's phrase, the editors' one)


def load_site_content(
    data_file: Path, overrides_file: Path, shown: Callable[[Path], str] = str, search_file: Path | None = None
) -> SiteContent:
    """Validate the data files, convert, render every page; DataError lists every problem.

    The search terms are read from `search_file`, by default search.yaml beside the data file.
    """
    search_file = search_file or data_file.parent / "search.yaml"
    problems = []
    try:
        document = load_document(data_file, shown(data_file))
    except DataError as error:
        problems += error.problems
    try:
        overrides = load_overrides(overrides_file, shown(overrides_file))
    except DataError as error:
        problems += error.problems
    try:
        search_terms = load_search_terms(search_file, shown(search_file))
    except DataError as error:
        problems += error.problems
    if problems:
        raise DataError(problems)

    corrections = {override.opencc: override.simplified for override in overrides.overrides.overrides}
    localized: dict[str, LocalizedContent] = {}
    pages: dict[str, str] = {}
    for locale in LOCALES:
        if locale.is_source:
            content = LocalizedContent(locale, document, str)
        else:
            converter = ScriptConverter(locale.opencc_config, corrections)
            content = LocalizedContent(locale, convert_model(document, converter), converter)
        localized[locale.code] = content
        for path, text in render_pages(content.document, content.convert).items():
            pages[f"{locale.code}/{path}"] = text

    used = set().union(*(getattr(content.convert, "used", set()) for content in localized.values()))
    unused = overrides.unused(used)
    if unused:
        raise DataError(unused)
    return SiteContent(document, localized, pages, search_terms, tuple(corrections.items()))
