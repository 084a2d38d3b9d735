"""What search knows of the language readers type (search_words.py): words of Hong Kong, the
mainland and Taiwan for one thing, everyday words, and the words they ask with."""

from __future__ import annotations

import json

import pytest
from conftest import LOCALE_PREFIXES, Build

from measures_site.data import hanzi
from measures_site.site import search_words, segment


def test_regional_groups_join_hong_kong_words_to_opencc_mainland_and_taiwan_phrases():
    groups = {word: set(group) for group in search_words.regional_groups() for word in group}
    # 數碼 (Hong Kong) and 數字 (the mainland) are the project's; 數位 comes from OpenCC.
    assert "數位" in hanzi.read_table(search_words.TAIWAN_PHRASES)["數字"]
    assert {"數碼", "數字", "數位"} <= groups["數碼"]
    # A pair of OpenCC's alone.
    assert {"出租車", "計程車", "的士"} <= groups["的士"]
    # One group for each word.
    assert sum("數字" in group for group in search_words.regional_groups()) == 1


def test_a_group_finds_only_the_words_the_text_holds_whole():
    text = segment.WholeWords(["推動\u200b數字\u200b經濟\u200b高質量\u200b發展", "航線\u200b上"])
    pairs = set(search_words.language_synonyms(text))
    assert {("數碼", "數字"), ("數位", "數字"), ("質素", "質量")} <= pairs
    # 線上 is not a word of 航線|上; 待遇 is nowhere in the text.
    assert not [pair for pair in pairs if pair[1] in ("線上", "待遇")]


def test_whole_words_begin_and_end_where_the_text_words_do_or_lie_inside_one():
    text = segment.WholeWords(["社會\u200b保障", "高質量", "航線\u200b上"])
    assert text("社會保障") and text("保障") and text("質量")
    assert not text("會保") and not text("線上")


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_each_index_carries_the_language_words_in_its_script(site: Build, locale: str):
    config = json.loads((site.site / LOCALE_PREFIXES[locale] / "search/search_index.json").read_text(encoding="utf-8"))["config"]
    synonyms = config["synonyms"]
    if locale == "zh-Hant":
        assert set(synonyms["數碼"]) == {"數字", "數位"} and synonyms["義工"] == ["志願服務"]
        # The 繁體 text writes 數位 (數位產業): typed, it finds that, not 數字 too.
        assert "數位" not in synonyms
        assert synonyms["着數"] == ["待遇", "便利"] and "喺" in config["asking_words"]
    else:
        assert "数字" in synonyms["数码"] and synonyms["义工"] == ["志愿服务"]
        # The 简体 text writes 数字产业 there (an editors' override): 数位 finds 数字.
        assert synonyms["数位"] == ["数字"]
        assert synonyms["着数"] == ["待遇", "便利"] and "怎么" in config["asking_words"]
    # Only what finds a word of the text: 的士 finds nothing here.
    assert "的士" not in synonyms
