"""The scripts the site is published in.

The locale codes are the folders under docs/ and the `locale`s of the i18n plugin
in mkdocs.yml (a test keeps the two in step). The first is the source script that
editors write; every other one is generated from it with its OpenCC configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Locale:
    code: str
    name: str  # as readers see it, in its own script: the script switch's and mkdocs.yml's `name`
    opencc_config: str | None  # None: the editors' own script, published as written
    # Open Graph names a language with a region (WhatsApp and WeChat previews read it):
    # the signed text is Hong Kong's; the Simplified pages are for readers on the mainland.
    open_graph_locale: str

    @property
    def is_source(self) -> bool:
        return self.opencc_config is None

    @property
    def path_prefix(self) -> str:
        """Where the locale's pages live under the site root: "" or "zh-Hans/"."""
        return "" if self.is_source else f"{self.code}/"


LOCALES: tuple[Locale, ...] = (
    Locale("zh-Hant", "繁體", opencc_config=None, open_graph_locale="zh_HK"),
    # Hong Kong Traditional (the source's standard forms, e.g. 「着」「峰」) to mainland Simplified.
    Locale("zh-Hans", "简体", opencc_config="hk2s", open_graph_locale="zh_CN"),
)
SOURCE_LOCALE = LOCALES[0]
# The one locale generated from the source (unpacking fails if another is ever added).
(SIMPLIFIED_LOCALE,) = (locale for locale in LOCALES if not locale.is_source)
# A locale by its code, as MkDocs' theme language and the generated pages' folders name it.
LOCALE_BY_CODE = {locale.code: locale for locale in LOCALES}


def locale_of_path(path: str) -> tuple[Locale, str]:
    """A built page's path ("zh-Hans/domains/finance/") -> its locale and the path within it."""
    for locale in LOCALES:
        if not locale.is_source and (path == locale.code or path.startswith(locale.path_prefix)):
            return locale, path.removeprefix(locale.code).lstrip("/")
    return SOURCE_LOCALE, path


def hreflang_alternates(site_url: str, path: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of a page in every locale, then x-default (the source's),
    as search engines want them: the same list, with absolute URLs, on each counterpart."""
    _, within = locale_of_path(path.removeprefix("./"))
    urls = [(locale.code, f"{site_url}{locale.path_prefix}{within}") for locale in LOCALES]
    return [*urls, ("x-default", urls[0][1])]


def locale_dir(site_dir: Path, locale_code: str) -> Path:
    """A locale's root folder in the built site: the site itself for the source locale."""
    if locale_code == SOURCE_LOCALE.code or site_dir.name == locale_code:
        return site_dir
    return site_dir / locale_code
