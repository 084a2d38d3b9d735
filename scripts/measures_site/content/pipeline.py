"""The whole flow for every locale: data files -> validated, converted content -> pages.

Everything is computed in memory and checked before anything is written, so bad
data never half-publishes: `load_site_content` either returns the complete pages
of every locale or raises DataError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from measures_site.content.convert import LocaleConverter, convert_model, converter_name
from measures_site.content.interface import page_converter
from measures_site.content.render import (
    ConversionNote,
    Pieces,
    PageRecord,
    ShownOverride,
    measures_rendered_alike,
    render_pages,
    side_by_side_pages,
)
from measures_site.data import hanzi
from measures_site.data.load import load_overrides, load_search_terms, read_document, synonyms_finding_nothing
from measures_site.data.model import MeasuresDocument, SearchTerms
from measures_site.data.problems import DataError, Problem
from measures_site.locales import LOCALES, SIMPLIFIED_LOCALE, SOURCE_LOCALE, Locale
from measures_site.project import search_terms_file
from measures_site.publication import Publication


@dataclass(frozen=True)
class LocalizedContent:
    """The document in one locale's script, and the conversion that made it."""

    locale: Locale
    document: MeasuresDocument
    convert: Callable[[str], str]
    # The generated pages' own words: the conversion, then the script's interface usage.
    interface: Callable[[str], str]


@dataclass(frozen=True)
class SiteContent:
    source: MeasuresDocument
    localized: dict[str, LocalizedContent]  # by locale code
    pages: dict[str, PageRecord]  # "<locale>/<page>.md" -> the page
    converter: str  # the Simplified pages' converter and its version
    warnings: tuple[Problem, ...] = ()  # worth a look, but no reason not to publish
    search_terms: SearchTerms = SearchTerms()  # the editors' synonyms and variant forms
    corrections: tuple[tuple[str, str], ...] = ()  # (OpenCC's phrase, the editors' one)

    def markdown(self) -> dict[str, str]:
        """{"<locale>/<page>.md": its Markdown}: what is written under docs/."""
        return {path: page.markdown for path, page in self.pages.items()}

    def pages_of(self, locale_code: str) -> dict[str, PageRecord]:
        """{page, as a path under the script's docs folder: its record} of one script."""
        prefix = f"{locale_code}/"
        return {page.removeprefix(prefix): record for page, record in self.pages.items() if page.startswith(prefix)}

    def page_of_each_kind(self) -> dict[str, str]:
        """{kind: its page with the most content, as a path under a script's docs folder}.

        What the audit, the benchmarks and the tests' browser sweeps look at: every page of a kind
        has its template's markup, and the heaviest comes nearest the budgets (weight, first view,
        Lighthouse). The same path in every script; the source script's pages are weighed."""
        heaviest: dict[str, tuple[int, str]] = {}
        for page, record in self.pages.items():
            locale_code, _, path = page.partition("/")
            if locale_code == SOURCE_LOCALE.code and len(record.markdown) > heaviest.get(record.kind, (-1, ""))[0]:
                heaviest[record.kind] = (len(record.markdown), path)
        return {kind: path for kind, (_, path) in heaviest.items()}


class _ConvertedWhereOverridesMayApply:
    """A converter that leaves alone the texts no override can apply to: for the check only,
    which needs to know which overrides apply, not the Simplified text."""

    def __init__(self, converter: LocaleConverter) -> None:
        self._converter = converter
        self.used = converter.used

    def __call__(self, text: str) -> str:
        return self._converter(text) if self._converter.may_apply_overrides(text) else text


def _conversion_note(overrides, locale: Locale) -> ConversionNote:
    """What the about page says of the Simplified pages, its reasons in `locale`'s script.

    A reason's own words are converted (without the overrides, whose phrases it discusses);
    what it quotes in 「」 stays as written, marked with its script when it has one of its own.
    """
    convert = str if locale.is_source else LocaleConverter(locale.opencc_config)

    def reason(text: str) -> tuple[tuple[str, str | None], ...]:
        return tuple(
            (piece, hanzi.script_of(piece)) if quoted else (convert(piece), None)
            for piece, quoted in hanzi.quoted_pieces(text)
        )

    return ConversionNote(
        converter_name(SIMPLIFIED_LOCALE.opencc_config),
        tuple(ShownOverride(o.opencc, o.simplified, reason(o.reason)) for o in overrides),
    )


def load_site_content(
    data_file: Path,
    overrides_file: Path,
    shown: Callable[[Path], str] = str,
    publication: Publication | None = None,
) -> SiteContent:
    """Validate the data files, convert, render every page; DataError lists every problem.

    The editors' search terms are read from search.yaml beside the data file. `publication`
    (this run's, from the environment, unless told) decides whether a placeholder address
    is an error or a warning, and gives the feedback address the data may leave out.
    """
    return _site_content(
        data_file,
        overrides_file,
        shown,
        lambda converter: converter,
        lambda document: document,
        publication or Publication.from_environment(),
    )


def check_site_content(
    data_file: Path,
    overrides_file: Path,
    shown: Callable[[Path], str] = str,
    publication: Publication | None = None,
) -> tuple[Problem, ...]:
    """What `build_measures.py check` answers: the same problems as load_site_content (DataError), or the warnings.

    Every kind of page is rendered, so what the check accepts renders, but only with the
    measures whose part of a page is rendered differently (render.measures_rendered_alike):
    the rest are the same template code on texts the loader has validated, and rendering
    every page was most of the check's time at thousands of measures. A text is converted
    only when an override may apply to it (LocaleConverter.may_apply_overrides), which is
    all an unused override needs, and spares most of the conversion.
    """
    return _site_content(
        data_file,
        overrides_file,
        shown,
        _ConvertedWhereOverridesMayApply,
        measures_rendered_alike,
        publication or Publication.from_environment(),
    ).warnings


def _site_content(
    data_file: Path,
    overrides_file: Path,
    shown: Callable[[Path], str],
    converting: Callable[[LocaleConverter], Callable[[str], str]],
    rendered: Callable[[MeasuresDocument], MeasuresDocument],
    publication: Publication,
) -> SiteContent:
    search_file = search_terms_file(data_file)
    problems = []
    try:
        document, warnings = read_document(data_file, shown(data_file), publication)
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
    pages: dict[str, PageRecord] = {}

    def keep(locale_code: str, rendered_pages: dict[str, PageRecord]) -> None:
        pages.update((f"{locale_code}/{path}", page) for path, page in rendered_pages.items())

    for locale in LOCALES:
        if locale.is_source:
            content = LocalizedContent(locale, document, str, page_converter(locale.code, str))
        else:
            generating = LocaleConverter(locale.opencc_config, corrections)
            converter = converting(generating)
            content = LocalizedContent(
                locale,
                convert_model(document, converter),
                converter,
                page_converter(locale.code, converter),
            )
        localized[locale.code] = content
        note = _conversion_note(overrides.overrides.overrides, locale)
        keep(locale.code, render_pages(rendered(content.document), content.interface, locale.code, note))

    def pieces(text: str, converted: str) -> Pieces:
        # Converted again only where an override may have written part of it.
        return generating.pieces(text) if generating.may_apply_overrides(text) else ((converted, False),)

    generated = localized[SIMPLIFIED_LOCALE.code].document
    for content in localized.values():
        code = content.locale.code
        keep(code, side_by_side_pages(rendered(document), rendered(generated), pieces, content.interface, code))

    used = set().union(*(getattr(content.convert, "used", set()) for content in localized.values()))
    unused = overrides.unused(used)
    if unused:
        raise DataError(unused)
    unfound = synonyms_finding_nothing(search_file, shown(search_file), search_terms, document) if search_file.is_file() else []
    return SiteContent(
        document,
        localized,
        pages,
        note.converter,
        (*warnings, *overrides.warnings, *unfound),
        search_terms,
        tuple(corrections.items()),
    )
