"""The interface strings of both locales, from interface.yaml: the words around the content.

The generated pages take theirs (`PAGE_LABELS`, `OPEN_DATA_TEXT`, `ABOUT_PAGES_TEXT`) in the
source locale and convert them like the data, then by the stated exceptions (`page_converter`). The theme's are resolved here for each locale, and the theme's
language partials are generated from them (`language_partial`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import opencc
import yaml

from measures_site.data.model import chinese_ordinal
from measures_site.locales import Locale

INTERFACE_FILE = Path(__file__).with_name("interface.yaml")
_STRINGS: Mapping[str, Any] = yaml.safe_load(INTERFACE_FILE.read_text(encoding="utf-8"))

PAGE_LABELS: Mapping[str, str] = _STRINGS["pages"]
OPEN_DATA_TEXT: Mapping[str, str] = _STRINGS["open_data_page"]
ABOUT_PAGES_TEXT: Mapping[str, str | list[str]] = _STRINGS["about_pages"]
PAGE_WORDS: Mapping[str, Mapping[str, str]] = _STRINGS["page_words"]
# {status: {label, definition}}, in the order the statuses are listed and counted.
PROGRESS_STATUS_TEXT: Mapping[str, Mapping[str, str]] = _STRINGS["progress_statuses"]


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(template: str, **values: object) -> str:
    """An interface string with its {name} placeholders filled in one pass. A value goes in as it is
    and is never read as a template, and a brace that is not a placeholder (an override may write
    one) stays as written: str.format would fail on it, or read a value's braces."""
    return _PLACEHOLDER.sub(lambda match: str(values[match[1]]) if match[1] in values else match[0], template)


def meeting_label(number: int, labels: Mapping[str, str]) -> str:
    """第五次會議: a meeting in a word, from `labels` (the pages' words, in the page's script)."""
    return fill(labels["meeting_label"], number=chinese_ordinal(number))


def meeting_suffix(number: int, labels: Mapping[str, str]) -> str:
    """「（第五次會議）」: what a title of the meeting's ends with when the site holds several."""
    return f"（{meeting_label(number, labels)}）"


def page_converter(locale_code: str, convert: Callable[[str], str]) -> Callable[[str], str]:
    """The conversion of the pages' own words into a locale's script and usage."""
    words = PAGE_WORDS.get(locale_code, {})

    def interface(text: str) -> str:
        converted = convert(text)
        for word, usage in words.items():
            converted = converted.replace(word, usage)
        return converted

    return interface


def in_locale(value: str | Mapping[str, str], locale: Locale) -> str:
    """One string in a locale: its stated form there, else the source form converted."""
    if isinstance(value, Mapping):
        return value[locale.code]
    return value if locale.is_source else opencc.OpenCC(locale.opencc_config).convert(value)


def site_settings(locale: Locale) -> dict[str, str]:
    """The site's name, description and copyright line in a locale."""
    return {key: in_locale(value, locale) for key, value in _STRINGS["site"].items()}


def theme_strings(locale: Locale) -> dict[str, str]:
    """Material's interface strings in a locale, by Material's keys."""
    return {"language": locale.code, **{key: in_locale(value, locale) for key, value in _STRINGS["theme"].items()}}


def language_partial(locale: Locale) -> str:
    """overrides/partials/languages/<code>.html: the macro Material calls for each string."""
    strings = theme_strings(locale).items()
    entries = ",\n".join(f"  {json.dumps(key)}: {json.dumps(text, ensure_ascii=False)}" for key, text in strings)
    return (
        "{#-\n"
        f"  Generated from scripts/measures_site/content/interface.yaml: Material's interface strings in {locale.code}.\n"
        "  Do not edit: edit interface.yaml, then run `python scripts/build_measures.py partials`.\n"
        "-#}\n"
        "{% macro t(key) %}{{ {\n"
        f"{entries}\n"
        "}[key] }}{% endmacro %}\n"
    )


def write_language_partials(languages_dir: Path, locales: tuple[Locale, ...]) -> None:
    for locale in locales:
        (languages_dir / f"{locale.code}.html").write_text(language_partial(locale), encoding="utf-8")
