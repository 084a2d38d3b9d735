"""Every interface string has one home, scripts/measures_site/interface.yaml."""

from __future__ import annotations

import yaml

from conftest import ROOT
from measures_site.interface import language_partial, site_settings, theme_strings
from measures_site.locales import LOCALES

LANGUAGES_DIR = ROOT / "overrides" / "partials" / "languages"


def test_the_language_partials_are_generated_from_the_interface_strings():
    for locale in LOCALES:
        committed = (LANGUAGES_DIR / f"{locale.code}.html").read_text(encoding="utf-8")
        assert committed == language_partial(locale), (
            f"overrides/partials/languages/{locale.code}.html is stale: "
            "run `python scripts/build_measures.py --write-partials`"
        )


def test_a_theme_string_is_converted_unless_its_simplified_form_is_stated():
    hant, hans = (theme_strings(locale) for locale in LOCALES)
    assert (hant["clipboard.copy"], hans["clipboard.copy"]) == ("複製", "复制")  # converted
    assert (hant["search"], hans["search"]) == ("搜尋", "搜索")  # stated: OpenCC would write 搜寻


def test_the_i18n_settings_agree_with_the_interface_strings():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (i18n,) = (plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    for language, locale in zip(i18n["languages"], LOCALES, strict=True):
        expected = site_settings(locale)
        settings = {"site_description": config["site_description"], **language}
        assert {key: settings[key] for key in expected} == expected
