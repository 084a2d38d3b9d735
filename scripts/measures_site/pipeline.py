"""The whole flow for every locale: data file -> {"<locale>/<page>.md": Markdown}."""

from __future__ import annotations

from pathlib import Path

from .convert import ScriptConverter, convert_model
from .load import load_document
from .locales import LOCALES
from .model import MeasuresDocument
from .render import render_pages


def build_pages(document: MeasuresDocument) -> dict[str, str]:
    """Every generated page of every locale, keyed by its path under docs/."""
    pages: dict[str, str] = {}
    for locale in LOCALES:
        if locale.is_source:
            localized, convert = document, str
        else:
            convert = ScriptConverter(locale.opencc_config)
            localized = convert_model(document, convert)
        for path, text in render_pages(localized, convert).items():
            pages[f"{locale.code}/{path}"] = text
    return pages


def build_pages_from(data_file: Path, shown: str | None = None) -> dict[str, str]:
    return build_pages(load_document(data_file, shown))
