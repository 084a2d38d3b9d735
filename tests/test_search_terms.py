"""data/search.yaml: the editors' synonyms and variant forms, checked like the other data
files, and what the index makes of them and of OpenCC's variant tables."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import opencc
import pytest
from ruamel.yaml import YAML

import build_measures
from conftest import FIXTURE_FOLDER, ROOT
from measures_site.data.hanzi import variant_forms
from measures_site.data.model import SearchSynonym, SearchTerms
from measures_site.site.search_index import Name, derived_short_forms, short_form, synonyms_by_locale, variant_folding

FIXTURE_SEARCH = (FIXTURE_FOLDER / "search.yaml").read_text(encoding="utf-8")


def check(tmp_path: Path, search_text: str) -> tuple[int, list[str]]:
    for name in ("measures.yaml", "conversion.yaml"):
        (tmp_path / name).write_text((FIXTURE_FOLDER / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "search.yaml").write_text(search_text, encoding="utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_measures.main(
            ["check", "--data", str(tmp_path / "measures.yaml"), "--overrides", str(tmp_path / "conversion.yaml")]
        )
    # The OK line names search.yaml too: only the problems are wanted here.
    lines = [line for line in stderr.getvalue().splitlines() if "search.yaml:" in line and not line.endswith(": OK")]
    return status, [line.split("search.yaml:", 1)[1] for line in lines]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_fixture_search_file_is_valid(tmp_path: Path):
    assert check(tmp_path, FIXTURE_SEARCH) == (0, [])


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("    finds: 人工智能", "    find: 人工智能"),
            [
                ("query: AI", 5, "item 5 of 'synonyms' is missing the required field 'finds'"),
                ("find: 人工智能", 5, "unknown field 'find' in item 5 of 'synonyms' — did you mean 'finds'?"),
            ],
        ),
        (
            ("    finds: 香港理工大學", "    finds: 香港理工大学"),
            [
                ("香港理工大学", 12, "'finds' of item 3 of 'synonyms' has Simplified characters in the Traditional"
                 " text: 「学」→「學」 — type the Traditional form (the Simplified pages are generated)"),
            ],
        ),
        (
            ("  - 綫線", "  - 綫"),
            [("  - 綫", 5, "item 1 of 'variants' must be two or more different forms of one character, written together (綫線)")],
        ),
    ],
    ids=["misspelt field", "Simplified character", "one form only"],
)
def test_a_mistake_in_the_search_file_is_reported_at_its_line(tmp_path: Path, edit, expected):
    broken = FIXTURE_SEARCH.replace(*edit, 1)
    assert broken != FIXTURE_SEARCH
    status, problems = check(tmp_path, broken)
    assert status == 1
    assert problems == [f"{line_of(broken, needle)}:{column}: {message}" for needle, column, message in expected]


def test_a_short_form_as_long_as_its_name_is_reported_at_its_line(tmp_path: Path):
    broken = FIXTURE_SEARCH.replace("  - short: 港青\n", "  - short: 香港青年人\n")
    assert broken != FIXTURE_SEARCH
    status, problems = check(tmp_path, broken)
    assert status == 1
    assert problems == [
        f"{line_of(broken, 'short: 香港青年人')}:12: short form '香港青年人' of item 1 of 'short_forms' is not shorter"
        " than its full form '香港青年' — a different term is a synonym (synonyms:)"
    ]


def _name(*pieces: str, compound: bool = True, body: bool = False) -> Name:
    to_simplified = opencc.OpenCC("hk2s").convert
    return Name(tuple((piece, to_simplified(piece)) for piece in pieces), compound=compound, body=body)


@pytest.mark.parametrize(
    ("name", "short"),
    [
        (_name("世界", "遺產"), "世遺"),  # first character of each noun
        (_name("醫療", "衛生"), "醫衛"),
        (_name("福建", "企業", compound=False), "閩企"),  # the place's one-character name
        (_name("香港", "高校", compound=False), "港高"),
        (_name("充分", "發揮"), None),  # an adverb and a verb: a phrase, not a name
        (_name("香港", "中學", "文憑", "考試", compound=False), None),  # shortened by custom (文憑試), not by rule
        (_name("武夷", "學院", compound=False), None),  # no one-character name for 武夷
        # Bodies, events, schemes: the first and last words that make the name specific, and
        # its generic character.
        (_name("投資", "貿易", "洽談會", compound=False, body=True), "投洽會"),
        (_name("貿易", "發展局", compound=False, body=True), "貿發局"),
        (_name("青年", "聯合會", compound=False, body=True), "青聯"),
        (_name("旅遊", "推廣", "聯盟", compound=False, body=True), "旅推盟"),
        (_name("海上", "絲綢", "之路", compound=False, body=True), "海絲"),
        (_name("閩籍", "商", "協會", compound=False, body=True), None),  # a one-character word: by custom
        (_name("海峽", "兩岸", "經貿", "交易會", compound=False, body=True), None),  # four words: by custom (海交會)
    ],
    ids=lambda value: value.text if isinstance(value, Name) else str(value),
)
def test_short_forms_follow_the_rules_of_chinese_abbreviation(name: Name, short: str | None):
    assert short_form(name) == short


def test_names_of_bodies_events_and_schemes_are_found_without_their_place_and_prefixes():
    from measures_site.site.search_index import names

    to_simplified = opencc.OpenCC("hk2s").convert
    found = {name.text: short_form(name) for name in names(
        ["借助中國國際投資貿易洽談會等大型經貿平台", "由福建省青年聯合會牽頭", "加快推進21世紀海上絲綢之路核心區",
         "香港將積極融入國家發展大局"], to_simplified) if name.body}
    # Not 國家|發展: a verb's 展 is no event.
    assert found == {"投資貿易洽談會": "投洽會", "青年聯合會": "青聯", "海上絲綢之路": "海絲"}


def test_a_short_form_that_is_an_ordinary_word_of_the_text_is_not_derived():
    names = [_name("文化", "藝術"), _name("世界", "遺產")]
    # 文藝 is a word of 文藝演出; 世遺 is nowhere.
    assert derived_short_forms(names, ["文化藝術交流", "文藝演出", "世界遺產教育"]) == {"世遺": ["世界遺產"]}
    # Inside its own name a short form is no other word (港高 in 香港高校).
    assert derived_short_forms([_name("香港", "高校", compound=False)], ["香港高校"]) == {"港高": ["香港高校"]}


def test_without_a_search_file_search_has_no_synonyms(tmp_path: Path):
    status, _ = check(tmp_path, FIXTURE_SEARCH)
    (tmp_path / "search.yaml").unlink()
    assert status == 0
    assert build_measures.main(["check", "--data", str(tmp_path / "measures.yaml"),
                                "--overrides", str(tmp_path / "conversion.yaml")]) == 0


def test_the_live_search_file_is_valid_under_its_schema():
    import json

    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json.loads((ROOT / "data" / "search.yaml.schema.json").read_text(encoding="utf-8")))
    data = YAML(typ="safe").load((ROOT / "data" / "search.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    first_line = (ROOT / "data" / "search.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./search.yaml.schema.json"


def test_opencc_variant_tables_are_read_both_ways():
    folding = variant_folding(variant_forms(), [])
    for group in ("衞衛", "啓啟", "峯峰", "着著", "臺台", "裏裡", "羣群"):
        first, second = group
        assert folding.get(first, first) == folding.get(second, second), group


def test_variant_forms_fold_to_the_form_of_the_text():
    folding = variant_folding([*variant_forms(), "綫線"], ["推動兩地跨境郵輪航線發展", "醫療衛生", "開啟", "平台"])
    assert folding["綫"] == "線" and "線" not in folding
    assert folding["衞"] == "衛" and folding["啓"] == "啟" and folding["臺"] == "台"


def test_synonyms_and_override_phrases_are_queries_in_both_scripts():
    terms = SearchTerms(synonyms=(SearchSynonym(query="文憑試", finds="香港中學文憑考試"),))
    to_simplified = opencc.OpenCC("hk2s").convert
    converters = {"zh-Hant": str, "zh-Hans": to_simplified}
    replacements = {"zh-Hant": {"数": "數", "产": "產", "业": "業"}, "zh-Hans": {}}
    typed = [(synonym.query, synonym.finds) for synonym in terms.synonyms]
    tables = synonyms_by_locale(typed, [("数位产业", "数字产业")], converters, replacements)
    assert tables["zh-Hant"] == {"文憑試": ["香港中學文憑考試"], "數字產業": ["數位產業"]}
    assert tables["zh-Hans"] == {"文凭试": ["香港中学文凭考试"], "数位产业": ["数字产业"]}
