"""The scripts the site is published in.

The locale codes are the folders under docs/ and the `locale`s of the i18n plugin
in mkdocs.yml (a test keeps the two in step). The first is the source script that
editors write; every other one is generated from it with its OpenCC configuration.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    code: str
    opencc_config: str | None  # None: the editors' own script, published as written

    @property
    def is_source(self) -> bool:
        return self.opencc_config is None


LOCALES: tuple[Locale, ...] = (
    Locale("zh-Hant", opencc_config=None),
    # Hong Kong Traditional (the source's standard forms, e.g. 「着」「峰」) to mainland Simplified.
    Locale("zh-Hans", opencc_config="hk2s"),
)
SOURCE_LOCALE = LOCALES[0]
