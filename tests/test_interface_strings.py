"""Every interface string has one home, scripts/measures_site/content/interface.yaml."""

from __future__ import annotations

import yaml

from conftest import ROOT
from measures_site.content.interface import fill, language_partial, site_settings, theme_strings
from measures_site.content.pipeline import load_site_content
from measures_site.locales import LOCALES
from measures_site.site.theme_context import footer

LANGUAGES_DIR = ROOT / "overrides" / "partials" / "languages"


def test_the_language_partials_are_generated_from_the_interface_strings():
    for locale in LOCALES:
        committed = (LANGUAGES_DIR / f"{locale.code}.html").read_text(encoding="utf-8")
        assert committed == language_partial(locale), (
            f"overrides/partials/languages/{locale.code}.html is stale: "
            "run `python scripts/build_measures.py partials`"
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


def test_a_label_is_filled_in_one_pass_and_keeps_braces_that_are_not_its_placeholders():
    assert fill("本站由{publisher}編製。", publisher="{converter}{0}") == "本站由{converter}{0}編製。"
    assert fill("{0}第 {number} 項{publisher:>9}", number=15) == "{0}第 15 項{publisher:>9}"


def test_an_override_writing_braces_into_the_pages_words_is_shown_as_written(tmp_path):
    # 编制 is in the pages' own words (本站由…编制): the labels that hold it were format strings.
    overrides = (ROOT / "tests" / "fixture" / "conversion.yaml").read_text(encoding="utf-8")
    overrides += '  - opencc: 编制\n    simplified: "{0}制"\n    reason: 測試。\n'
    (tmp_path / "conversion.yaml").write_text(overrides, encoding="utf-8")
    for name in ("measures.yaml", "search.yaml"):
        (tmp_path / name).write_bytes((ROOT / "tests" / "fixture" / name).read_bytes())
    content = load_site_content(tmp_path / "measures.yaml", tmp_path / "conversion.yaml")
    assert "本站由闽港合作措施网站项目团队{0}制" in content.pages["zh-Hans/about.md"].markdown
    assert footer(content, "zh-Hans")["notice"].startswith("本站由闽港合作措施网站项目团队{0}制")
