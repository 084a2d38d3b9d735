"""The whole flow for every locale: data files -> validated, converted content -> pages.

Everything is computed in memory and checked before anything is written, so bad
data never half-publishes: `load_site_content` either returns the complete pages
of every locale or raises DataError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .convert import ScriptConverter, convert_model, converter_name
from .load import load_document, load_overrides
from .locales import LOCALES, Locale
from .model import MeasuresDocument
from .problems import DataError
from .render import ConversionNote, ShownOverride, interface_converter, render_pages


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
    pages: dict[str, str]  # "<locale>/<page>.md" -> Markdown
    converter: str  # the Simplified pages' converter and its version


def _conversion_note(overrides, locale: Locale) -> ConversionNote:
    """What the about page says of the Simplified pages, its reasons in `locale`'s script.

    A reason is converted without the overrides: it quotes the very phrases they replace.
    """
    (simplified,) = (other for other in LOCALES if not other.is_source)
    reason = str if locale.is_source else ScriptConverter(locale.opencc_config)
    return ConversionNote(
        converter_name(simplified.opencc_config),
        tuple(ShownOverride(o.opencc, o.simplified, reason(o.reason)) for o in overrides),
    )


def load_site_content(data_file: Path, overrides_file: Path, shown: Callable[[Path], str] = str) -> SiteContent:
    """Validate both data files, convert, render every page; DataError lists every problem."""
    problems = []
    try:
        document = load_document(data_file, shown(data_file))
    except DataError as error:
        problems += error.problems
    try:
        overrides = load_overrides(overrides_file, shown(overrides_file))
    except DataError as error:
        problems += error.problems
    if problems:
        raise DataError(problems)

    corrections = {override.opencc: override.simplified for override in overrides.overrides.overrides}
    localized: dict[str, LocalizedContent] = {}
    pages: dict[str, str] = {}
    for locale in LOCALES:
        if locale.is_source:
            content = LocalizedContent(locale, document, str, interface_converter(locale.code, str))
        else:
            converter = ScriptConverter(locale.opencc_config, corrections)
            content = LocalizedContent(
                locale,
                convert_model(document, converter),
                converter,
                interface_converter(locale.code, converter),
            )
        localized[locale.code] = content
        note = _conversion_note(overrides.overrides.overrides, locale)
        for path, text in render_pages(content.document, content.interface, locale.code, note).items():
            pages[f"{locale.code}/{path}"] = text

    used = set().union(*(getattr(content.convert, "used", set()) for content in localized.values()))
    unused = overrides.unused(used)
    if unused:
        raise DataError(unused)
    return SiteContent(document, localized, pages, note.converter)
