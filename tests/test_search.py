"""Search: terms readers remember, and phrases as readers ask, find the right measure,
in either script, on either site.

The browser tests type each query into the search box of the real site in Chromium
and read the results Material shows. Every query runs on the 繁體 site and on the
简体 site; about half are typed in each script, so every run on one of the two sites
is a cross-script query. An exact term (QUERIES) finds its measure first; a reader's
query (READER_QUERIES) finds it among the first three, with the sentence that holds
the words; noise finds nothing.
"""

from __future__ import annotations

import html as html_text
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import opencc
import pytest
from conftest import LOCALE_PREFIXES, Build

from measures_site.content.interface import PAGE_LABELS, page_converter
from measures_site.data import hanzi
from measures_site.site import segment

PREFIX = LOCALE_PREFIXES
# The page each site's searches are made from (any page of the site would do).
START_PAGE = "domains/finance/"

# (what a reader types, the measure it must find first). Written the way readers
# would: Traditional (T), Simplified (S), Latin and digits (L), in any case.
QUERIES = [
    ("雙循環", 1),  # T
    ("RCEP", 1),  # L
    ("一带一路 双循环", 1),  # S, two words: both must be found
    ("CEPA", 2),  # L, half-width brackets around it in the text
    ("投资贸易洽谈会", 2),  # S: jieba alone cuts the Traditional 「貿易洽|談會」
    ("產業鏈", 2),  # T: jieba alone cuts 「閩|港產業|鏈」
    ("展銷會", 3),  # T
    ("闽菜", 3),  # S
    ("REITs", 4),  # L, full-width brackets around it
    ("reits", 4),  # L, lower case
    ("ofc", 4),  # L
    ("LPF", 4),  # L
    ("债券", 4),  # S
    ("香港交易所", 4),  # T: 香港 alone is in many titles
    ("數字中國", 5),  # T
    ("数字中国", 5),  # S
    ("人工智能", 6),  # T and S alike
    ("21世紀", 6),  # L + T
    ("集成电路", 6),  # S
    ("物流業", 7),  # T
    ("空港", 7),  # T and S alike
    ("机场运营", 8),  # S
    ("學術團體", 9),  # T
    ("生物医药港", 10),  # S
    ("路演", 10),  # T and S alike
    ("戲曲", 11),  # T
    ("设计营商周", 11),  # S
    ("民心相通", 12),  # T and S alike, a title
    ("同乡社团", 12),  # S
    ("郵輪", 13),  # T
    ("旅游推广联盟", 13),  # S
    ("一程多站", 14),  # T and S alike
    ("研學旅行", 14),  # T: 研學 alone is also in measure 19
    ("武夷山", 15),  # T and S alike
    ("生物多样性", 15),  # S
    ("姊妹學校", 16),  # T
    ("文凭考试", 17),  # S
    ("華僑大學", 17),  # T
    ("理工大学", 18),  # S
    ("晉江", 18),  # T
    ("5000", 19),  # L
    ("港澳青年看祖國", 19),  # T
    ("寒暑假", 20),  # T and S alike
    ("实习实训", 20),  # S
    ("港澳居民", 21),  # T and S alike
    ("社會保障", 21),  # T
]

# (kind, what a reader types, the measure it must find among the first three, or None:
# nothing at all). Typed as readers ask, not as the text words it: whole phrases with
# words the text lacks, the variant forms Hong Kong and Taiwan readers type, terms the
# text does not use (data/search.yaml, and the conversion overrides' phrases), Latin
# letters and digits inside Chinese, words the site does not hold; short forms of the
# text's names (derived, and the editors'), parts of its words, everyday Hong Kong and
# mainland words and English names (data/search.yaml), names one character off, and
# questions about what the site does not hold, of which one common word is on the site.
NATURAL, VARIANT, SYNONYM, LATIN, NOISE = "natural", "variant", "synonym", "Latin and digits", "noise"
SHORT, PART, COLLOQUIAL, SLIP, NOT_ON_SITE = "short form", "part of a word", "colloquial", "slip", "not on the site"
SPECIFIC = "a name among words not on the site"
REGIONAL, QUESTION = "Hong Kong, mainland and Taiwan words", "question"
BODY, TERM_SLIP = "short name of a body or event", "slip in a synonym or short form"
READER_QUERIES = [
    (NATURAL, "港人在福建的待遇", 21),
    (NATURAL, "香港青年去福建實習", 20),
    (NATURAL, "福建企業來香港上市", 4),
    (NATURAL, "香港學生去福建讀大學", 17),
    (NATURAL, "兩地學校的交流", 16),
    (NATURAL, "香港的大學到福建辦學", 18),
    (NATURAL, "去廈門坐郵輪旅遊", 13),
    (NATURAL, "中醫藥交流合作", 9),
    (NATURAL, "生物醫藥的產業合作", 10),
    (NATURAL, "機場的管理培訓", 8),
    (NATURAL, "文化藝術演出", 11),
    (NATURAL, "綠色金融", 4),
    (NATURAL, "数字经济怎样合作", 5),
    (NATURAL, "香港青少年到福建研学", 19),
    (NATURAL, "港澳居民在內地的社會保障", 21),
    (NATURAL, "武夷山的生物保护实习", 15),
    (NATURAL, "怎么申请助学金", 17),
    (NATURAL, "闽港物流合作", 7),
    (NATURAL, "内地与香港的经贸安排", 2),
    (NATURAL, "香港的海港和空港", 7),
    (VARIANT, "航綫", 13),
    (VARIANT, "衞生", 9),
    (VARIANT, "開啓", 15),
    (VARIANT, "經貿平臺", 2),
    (VARIANT, "峯會", 5),
    (VARIANT, "著力支持港人", 21),
    (VARIANT, "科技創新平臺", 6),
    (VARIANT, "醫療衞生交流", 9),
    (VARIANT, "郵輪航綫", 13),
    (VARIANT, "開啓閩港新領域", 15),
    (VARIANT, "数字中国峯会", 5),
    (SYNONYM, "文憑試", 17),
    (SYNONYM, "DSE", 17),
    (SYNONYM, "理大", 18),
    (SYNONYM, "侨大", 17),
    (SYNONYM, "AI", 6),
    (SYNONYM, "芯片", 6),
    (SYNONYM, "晶片", 6),
    (SYNONYM, "电动车", 6),
    (SYNONYM, "港交所上市", 4),
    (SYNONYM, "社保", 21),
    (SYNONYM, "姐妹学校", 16),
    (SYNONYM, "遊輪", 13),
    (SYNONYM, "數位產業", 6),  # the conversion override's phrase: 数字产业 on the 简体 page
    (SYNONYM, "数字产业", 6),
    (LATIN, "OFC", 4),
    (LATIN, "lpf", 4),
    (LATIN, "Cepa", 2),
    (LATIN, "rcep市場", 1),
    (LATIN, "200名大學生", 20),
    (LATIN, "5000名", 19),
    (LATIN, "REITs上市", 4),
    (LATIN, "21世紀海上絲綢之路", 6),
    (LATIN, "ai人工智能", 6),
    (NOISE, "不存在的字", None),
    (NOISE, "港珠澳大橋", None),
    (NOISE, "的", None),
    (NOISE, "在", None),
    (NOISE, "港", None),
    (NOISE, "是的", None),
    (NOISE, "这是什么", None),
    (SHORT, "生醫", 10),  # derived: 生物|醫藥
    (SHORT, "医卫", 9),  # derived: 医疗|卫生
    (SHORT, "華大", 17),  # derived: 華僑|大學
    (SHORT, "闽品", 3),  # derived: 福建 → 闽, 品牌
    (SHORT, "港生", 17),  # the editors': 香港學生
    (SHORT, "港大生", 20),  # the editors': 香港大學生
    (SHORT, "港青", 19),  # the editors': 香港青年
    (PART, "生物醫", 10),  # of 生物醫藥
    (PART, "成电路", 6),  # of 集成电路
    (PART, "多樣", 15),  # of 多樣性
    (PART, "理工大", 18),  # of 香港理工大學
    (PART, "洽谈", 2),  # of 洽谈会
    (PART, "展銷", 3),  # of 展銷會
    (PART, "reit", 4),  # of REITs
    (COLLOQUIAL, "念書", 17),
    (COLLOQUIAL, "搵工", 21),
    (COLLOQUIAL, "搭船", 13),
    (COLLOQUIAL, "老乡", 12),
    (COLLOQUIAL, "医保", 21),
    (COLLOQUIAL, "回鄉證", 21),
    (COLLOQUIAL, "暑期工", 20),
    (COLLOQUIAL, "上大学", 17),
    (COLLOQUIAL, "HKEX", 4),
    (COLLOQUIAL, "PolyU", 18),
    (COLLOQUIAL, "filmart", 11),
    (SLIP, "華喬大學", 17),
    (SLIP, "社会保章", 21),
    (SLIP, "香港理功大學", 18),
    (SLIP, "學術團休", 9),
    (SLIP, "人工智慧", 6),
    (SLIP, "集成电鹿", 6),
    (NOT_ON_SITE, "香港天氣預報", None),
    (NOT_ON_SITE, "福建土樓門票", None),
    (NOT_ON_SITE, "美國關稅政策", None),
    (NOT_ON_SITE, "香港楼价", None),
    (NOT_ON_SITE, "台湾旅游签证", None),
    (NOT_ON_SITE, "深圳地铁路线", None),
    (NOT_ON_SITE, "颱風停課安排", None),
    (NOT_ON_SITE, "泉州天氣預報", None),  # a place of the site alone
    (NOT_ON_SITE, "厦门房价走势", None),
    # A specific word of the text (a name, a term rare in the language, Latin letters), whatever
    # the words around it the site does not hold.
    (SPECIFIC, "武夷山國家公園", 15),
    (SPECIFIC, "REITs回報率", 4),
    (SPECIFIC, "闽菜餐厅推介", 3),
    (SPECIFIC, "晉江機場航班", 18),
    (SPECIFIC, "寒暑假补习班", 20),
    (SPECIFIC, "郵輪碼頭位置", 13),
    (SPECIFIC, "路演活動報名", 10),
    # One thing, in the words of Hong Kong, the mainland or Taiwan (search_words.py): the text
    # writes 數字, 志願服務, 質量, 支持.
    (REGIONAL, "數碼經濟", 5),
    (REGIONAL, "数码中国", 5),
    (REGIONAL, "義工服務", 20),
    (REGIONAL, "志愿者", 20),
    (REGIONAL, "教育質素", 1),
    (REGIONAL, "支援港人在閩發展", 21),
    # Questions as they are typed, in Cantonese and in Mandarin: the asking words are noise.
    (QUESTION, "香港人喺福建搵工有咩着數呀", 21),
    (QUESTION, "香港學生喺福建讀書有冇福利", 17),
    (QUESTION, "香港學生點樣申請福建大學嘅助學金", 17),
    (QUESTION, "我想知道香港大学生去福建实习可以点样报名", 20),
    (QUESTION, "香港人在福建工作能不能享受社保", 21),
    (QUESTION, "怎么带香港学生去福建研学旅行呢", 14),
    (QUESTION, "福建企业可唔可以去香港发债券", 4),
    (NOT_ON_SITE, "香港人喺福建買樓要交幾多稅", None),  # a long question, only common words on the site
    (NOT_ON_SITE, "我想知道香港明天的天气会不会落雨", None),
    # Bodies, events and schemes named as the press shortens them, derived from the text.
    (BODY, "投洽會", 2),  # 中國國際投資貿易洽談會
    (BODY, "青联", 19),  # 福建省青年聯合會
    (BODY, "海絲", 13),  # 海上絲綢之路
    (BODY, "影展", 11),  # 香港國際影視展
    (BODY, "投洽会项目对接", 2),
    (BODY, "福建青聯", 19),
    # A synonym or a short form one character off finds what it finds.
    (TERM_SLIP, "文憑式", 17),  # 文憑試 (the editors')
    (TERM_SLIP, "投恰會", 2),  # 投洽會 (derived)
    (TERM_SLIP, "回乡正", 21),  # 回鄉證
    (TERM_SLIP, "电动汽", 6),  # 電動車
    (TERM_SLIP, "姐妹學效", 16),  # 姐妹學校
    (TERM_SLIP, "睇醫聲", 9),  # 睇醫生
]
KINDS = (
    NATURAL, VARIANT, SYNONYM, LATIN, NOISE, SHORT, PART, COLLOQUIAL, SLIP, NOT_ON_SITE, SPECIFIC, REGIONAL, QUESTION,
    BODY, TERM_SLIP,
)
# What finds nothing: the kinds whose queries have no measure.
NOTHING = (NOISE, NOT_ON_SITE)

# The worker answers each query in milliseconds, but on a loaded machine an answer can come
# later than any fixed wait. The observer is therefore armed before the query is typed, and
# the answer is the result list once it has changed and then stayed unchanged this long.
QUIET_MS = 250
# Material redraws the list for every answer, even an identical one; this only bounds a wait
# that would otherwise hang if it did not.
NO_ANSWER_MS = 10_000
ARM_RESULTS = f"""() => {{
  const results = document.querySelector(".md-search-result");
  window.searchAnswer = new Promise(resolve => {{
    const done = () => {{
      observer.disconnect();
      resolve({{
        meta: results.querySelector(".md-search-result__meta").textContent,
        items: [...results.querySelectorAll(".md-search-result__list > li")].map(item => ({{
          href: item.querySelector("a").href,
          title: [...item.querySelector("h1, h2").childNodes]
            .filter(node => !(node.classList && node.classList.contains("md-search-result__sentence")))
            .map(node => node.textContent).join(""),
          sentence: item.querySelector(".md-search-result__sentence")?.textContent ?? "",
          marked: [...item.querySelectorAll("h1 mark, h2 mark")].map(mark => mark.textContent),
          links: [...item.querySelectorAll("a")].map(link => link.href),
        }})),
      }});
    }};
    let timer = setTimeout(done, {NO_ANSWER_MS});
    const observer = new MutationObserver(() => {{ clearTimeout(timer); timer = setTimeout(done, {QUIET_MS}); }});
    observer.observe(results, {{ subtree: true, childList: true, characterData: true }});
  }});
}}"""


def search(page, query: str) -> dict:
    """Type `query` into the search box; the results Material then shows."""
    box = page.locator(".md-search__input")
    box.click()
    # The last query's answer cleared, and nothing else under way, before the observer is armed.
    box.fill("")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__list > li", state="detached")
    page.wait_for_timeout(QUIET_MS)
    page.evaluate(ARM_RESULTS)
    # The whole query at once, as an input method commits it, then one key: Material searches
    # on keyup, and typed key by key a query's first characters ("21" of 21世紀) were searched
    # alone, their answer sometimes taken for the query's under load. End changes nothing.
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    return page.evaluate("() => window.searchAnswer")


def _measures(site: Build) -> dict[int, tuple[str, str]]:
    """Measure number -> (its domain page, relative to a script's root; its heading)."""
    measures = {}
    for page in sorted((site.site / "domains").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        for number, heading in re.findall(r'<h2 [^>]*\bid="measure-(\d+)"[^>]*>(.*?)</h2>', html):
            measures[int(number)] = (f"domains/{page.parent.name}/", html_text.unescape(heading))
    return measures


def _heading(site: Build, locale: str, page: str, number: int) -> str:
    html = (site.site / PREFIX[locale] / page / "index.html").read_text(encoding="utf-8")
    return html_text.unescape(re.search(rf'<h2 [^>]*\bid="measure-{number}"[^>]*>(.*?)</h2>', html)[1])


@pytest.fixture(scope="module")
def search_pages(browser, site_url):
    """One open page per site, its search box ready."""
    pages = {}
    for locale, prefix in PREFIX.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(site_url + prefix + START_PAGE)
        pages[locale] = page
    yield pages
    for page in pages.values():
        page.context.close()


def test_queries_cover_every_measure_and_every_kind_of_term(site: Build):
    assert {number for _, number in QUERIES} == set(_measures(site)) == set(range(1, 22))
    assert len(QUERIES) >= 40
    typed_in = {"Traditional": hanzi.find_traditional, "Simplified": hanzi.find_simplified}
    for name, finds in typed_in.items():
        assert sum(bool(finds(query)) for query, _ in QUERIES) >= 12, f"too few queries in {name}"
    assert sum(bool(re.search(r"[A-Za-z]", query)) for query, _ in QUERIES) >= 5
    assert sum(bool(re.search(r"\d", query)) for query, _ in QUERIES) >= 2


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
@pytest.mark.parametrize(("query", "number"), QUERIES, ids=[query for query, _ in QUERIES])
def test_query_finds_its_measure_first_in_the_page_script(site: Build, site_url, search_pages, locale, query, number):
    page_of_measure, _ = _measures(site)[number]
    results = search(search_pages[locale], query)
    assert results["items"], f"no result for {query!r} on the {locale} site"

    top = results["items"][0]
    address = urlsplit(top["href"])
    assert (address.path, address.fragment) == (
        urlsplit(site_url).path + PREFIX[locale] + page_of_measure,
        f"measure-{number}",
    ), f"{query!r} on the {locale} site: first result {top['title']!r} at {top['href']}"
    # Shown as its number and title, as the page's heading has it, without the full stop.
    heading = _heading(site, locale, page_of_measure, number)
    assert top["title"].replace(segment.WORD_BREAK, "") == heading.removesuffix("。")


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
@pytest.mark.parametrize("query", ["合作", "香港", "发展", "措施", "2023"])
def test_every_result_is_an_existing_page_of_the_page_script(site: Build, site_url, search_pages, locale, query):
    results = search(search_pages[locale], query)
    assert results["items"], query
    other_prefix = PREFIX["zh-Hans"]
    for item in results["items"]:
        for link in item["links"]:
            address = urlsplit(link)
            path = address.path.removeprefix(urlsplit(site_url).path)
            assert (site.site / path / "index.html").is_file(), f"{link} is no page"
            assert path.startswith(other_prefix) == (locale == "zh-Hans"), f"{link} is in the other script"
            if address.fragment:
                html = (site.site / path / "index.html").read_text(encoding="utf-8")
                assert f'id="{address.fragment}"' in html, f"{link}: no such anchor"
    find_other_script = hanzi.find_simplified if locale == "zh-Hant" else hanzi.find_traditional
    shown = results["meta"] + "".join(item["title"] + item["sentence"] for item in results["items"])
    assert not find_other_script(shown), f"other script in the results: {shown}"


def test_reader_queries_cover_every_kind():
    assert len(READER_QUERIES) >= 60
    assert len({query for _, query, _ in READER_QUERIES}) == len(READER_QUERIES)
    for kind in KINDS:
        assert sum(k == kind for k, _, _ in READER_QUERIES) >= 6, kind
    assert sum(bool(hanzi.find_simplified(query)) for _, query, _ in READER_QUERIES) >= 12


def test_the_benchmark_asks_queries_of_its_own():
    """benchmarks/search_queries.py is written from the text, not from these tests' queries."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from search_queries import QUERIES as BENCHMARK_QUERIES

    to_simplified = opencc.OpenCC("hk2s").convert
    ours = {query for query, _ in QUERIES} | {query for _, query, _ in READER_QUERIES}
    ours |= {to_simplified(query) for query in ours}
    assert len(BENCHMARK_QUERIES) >= 60
    assert [query for _, query, _ in BENCHMARK_QUERIES if query in ours or to_simplified(query) in ours] == []


def _found(site_url: str, locale: str, item: dict, site: Build) -> int | None:
    address = urlsplit(item["href"])
    match = re.fullmatch(r"measure-(\d+)", address.fragment)
    if not match or not address.path.startswith(urlsplit(site_url).path + PREFIX[locale]):
        return None
    number = int(match[1])
    page_of_measure, _ = _measures(site)[number]
    return number if address.path == urlsplit(site_url).path + PREFIX[locale] + page_of_measure else None


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
@pytest.mark.parametrize(("kind", "query", "number"), READER_QUERIES, ids=[query for _, query, _ in READER_QUERIES])
def test_reader_query_finds_its_measure_among_the_first_three(
    site: Build, site_url, search_pages, locale, kind, query, number
):
    results = search(search_pages[locale], query)
    if number is None:
        assert kind in NOTHING
        assert results["items"] == [], f"{query!r} on the {locale} site: {[i['title'] for i in results['items']]}"
        # The message says so, in the page's script.
        find_other_script = hanzi.find_simplified if locale == "zh-Hant" else hanzi.find_traditional
        assert results["meta"] and not find_other_script(results["meta"])
        return
    found = [_found(site_url, locale, item, site) for item in results["items"][:3]]
    assert number in found, f"{kind} {query!r} on the {locale} site: {[i['title'] for i in results['items'][:3]]}"
    # The result shows a sentence of the measure and the words found, marked (in the
    # sentence that holds most of them, or in the title when only the title holds them).
    item = results["items"][found.index(number)]
    assert item["sentence"] and item["marked"], item
    assert all(mark in item["title"] + item["sentence"] for mark in item["marked"]), item


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
def test_a_measure_found_by_a_specific_word_alone_comes_after_those_that_cover_the_query(
    site: Build, site_url, search_pages, locale
):
    # Measure 13 holds 郵輪 and 航線; measure 3 only 閩菜, a specific word: still listed, after.
    results = search(search_pages[locale], "閩菜 郵輪航線")
    found = [_found(site_url, locale, item, site) for item in results["items"]]
    assert found == [13, 3], [item["title"] for item in results["items"]]


# (query, its measure, what the result marks and the page it leads to highlights, in
# Traditional): the text's own words, not the query's, however they were found.
FOUND_AS_THE_TEXT_WRITES_THEM = [
    ("展銷", 3, {"展銷"}),  # part of 展銷會: the part is marked, inside the word
    ("医卫", 9, {"醫療衛生"}),  # short form: its name
    ("華喬大學", 17, {"華僑大學"}),  # one character off: the name as the text writes it
    ("坐郵輪", 13, {"郵輪"}),  # 坐 is no word of the text: not marked
]


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
@pytest.mark.parametrize(("query", "number", "words"), FOUND_AS_THE_TEXT_WRITES_THEM,
                         ids=[query for query, _, _ in FOUND_AS_THE_TEXT_WRITES_THEM])
def test_a_word_found_in_another_form_is_marked_and_highlighted_as_the_text_writes_it(
    browser, site_url, locale, query, number, words
):
    expected = words if locale == "zh-Hant" else {opencc.OpenCC("hk2s").convert(word) for word in words}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + PREFIX[locale] + START_PAGE)
        results = search(page, query)
        top = results["items"][0]
        assert urlsplit(top["href"]).fragment == f"measure-{number}", top
        assert set(top["marked"]) == expected, top
        page.locator(".md-search-result__list a").first.click()
        page.wait_for_url(f"**#measure-{number}")
        marks = page.locator(f"#measure-{number} ~ p mark[data-md-highlight]")
        marks.first.wait_for()
        assert set(marks.all_text_contents()) == expected
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
def test_the_page_a_result_leads_to_highlights_the_words_found(browser, site_url, locale):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + PREFIX[locale] + START_PAGE)
        # 綫 is a variant form: the text's own form, 航線, is what the page highlights.
        results = search(page, "郵輪航綫")
        assert urlsplit(results["items"][0]["href"]).fragment == "measure-13"
        page.locator(".md-search-result__list a").first.click()
        page.wait_for_url("**#measure-13")
        marks = page.locator("article mark[data-md-highlight]")
        marks.first.wait_for()
        expected = {"郵輪", "航線"} if locale == "zh-Hant" else {"邮轮", "航线"}
        assert set(marks.all_text_contents()) == expected
        # In the measure the result named.
        assert page.locator("#measure-13 ~ p mark[data-md-highlight]").count() >= 2
    finally:
        context.close()


# ── the indexes, read from the built site ───────────────────────────────────


def _index(site: Build, locale: str) -> dict:
    return json.loads((site.site / PREFIX[locale] / "search/search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("locale", PREFIX)
def test_each_script_has_its_own_index_of_its_own_pages(site: Build, locale: str):
    index = _index(site, locale)
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and len(locations) == len(set(locations))
    for location in locations:
        page = location.split("#")[0]
        assert not page.startswith(PREFIX["zh-Hans"]), location
        assert (site.site / PREFIX[locale] / page / "index.html").is_file(), location
    text = "".join(doc["title"] + doc["text"] for doc in index["docs"])
    find_other_script = hanzi.find_simplified if locale == "zh-Hant" else hanzi.find_traditional
    assert not find_other_script(text)


@pytest.mark.parametrize("locale", PREFIX)
def test_all_measures_list_is_left_out_of_search_for_the_measures_themselves(site: Build, locale: str):
    locations = {doc["location"] for doc in _index(site, locale)["docs"]}
    assert not any(location.startswith("measures/") for location in locations)
    assert {f"#measure-{number}" for number in range(1, 22)} <= {"#" + loc.partition("#")[2] for loc in locations}


@pytest.mark.parametrize("locale", PREFIX)
def test_side_by_side_pages_are_left_out_of_search_for_the_pages_they_mirror(site: Build, locale: str):
    """Their rows repeat, in both scripts, the sections found on the domain pages and the memorandum."""
    locations = {doc["location"].split("#")[0] for doc in _index(site, locale)["docs"]}
    assert (site.site / PREFIX[locale] / "memorandum/side-by-side/index.html").is_file()
    assert "memorandum/" in locations and "domains/education/" in locations
    assert not any("side-by-side" in location for location in locations)


@pytest.mark.parametrize("locale", PREFIX)
def test_no_result_is_made_of_the_interface_words_around_the_text(site: Build, locale: str):
    """A result's title and snippet are the text's: not a count, a link to the side-by-side
    view, nor the home page's 合作領域 heading, which as a result says nothing of where it leads."""
    in_script = page_converter(locale, opencc.OpenCC("hk2s").convert) if locale == "zh-Hans" else str
    interface = {name: in_script(PAGE_LABELS[name]) for name in ("domain_total", "side_by_side_link", "domains")}
    index = _index(site, locale)
    words = [interface["domain_total"], interface["side_by_side_link"].split("：")[0]]
    unspaced = lambda text: html_text.unescape(text).replace(segment.WORD_BREAK, "")  # noqa: E731
    for doc in index["docs"]:
        for word in words:
            assert word not in unspaced(doc["text"]), (doc["location"], word)
        assert unspaced(doc["title"]) != interface["domains"], doc["location"]
    # Still there for readers, and the domain pages still found by their names.
    assert interface["domain_total"] in site.page(PREFIX[locale] + "domains/education/")
    assert any(unspaced(doc["title"]).endswith("教育") for doc in index["docs"] if doc["location"] == "domains/education/")


@pytest.mark.parametrize("locale", PREFIX)
def test_pages_search_their_own_script_index(site: Build, locale: str):
    html = site.page(PREFIX[locale] + START_PAGE)
    page_config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    # From zh-Hans/domains/finance/, the 简体 root is ../.. ; the 繁體 root is ../.. from domains/finance/.
    assert page_config["base"] == "../.."
    assert page_config["search"].split("?")[0].endswith("workers/search-measures.js")


def test_both_scripts_are_cut_into_the_same_words(site: Build):
    traditional, simplified = (_index(site, locale) for locale in PREFIX)
    simplified_docs = {doc["location"]: doc for doc in simplified["docs"]}
    for doc in traditional["docs"]:
        other = simplified_docs[doc["location"]]
        lengths = [len(piece) for piece in doc["text"].split(segment.WORD_BREAK)]
        assert lengths == [len(piece) for piece in other["text"].split(segment.WORD_BREAK)], doc["location"]


def test_both_scripts_index_the_same_sections_in_the_same_order(site: Build):
    # What lets the build segment each section once, with its counterpart (segment_alike).
    traditional, simplified = (_index(site, locale) for locale in PREFIX)
    assert [doc["location"] for doc in traditional["docs"]] == [doc["location"] for doc in simplified["docs"]]


def test_a_section_and_its_simplified_counterpart_are_cut_alike():
    to_simplified = opencc.OpenCC("hk2s").convert
    traditional = "推動閩港產業鏈、供應鏈融合發展（CEPA）"
    segmented, counterpart = segment.segment_alike(traditional, to_simplified(traditional), to_simplified)
    assert segmented.replace(segment.WORD_BREAK, "") == traditional
    assert [len(piece) for piece in segmented.split(segment.WORD_BREAK)] == [
        len(piece) for piece in counterpart.split(segment.WORD_BREAK)
    ]
    assert "產業鏈" in segmented.split(segment.WORD_BREAK)


def test_a_counterpart_of_another_length_is_segmented_on_its_own():
    # An editor's override may change the length of the Simplified text.
    to_simplified = opencc.OpenCC("hk2s").convert
    segmented, counterpart = segment.segment_alike("閩港產業鏈", "闽港数字化产业链", to_simplified)
    assert segmented.replace(segment.WORD_BREAK, "") == "閩港產業鏈"
    assert counterpart.replace(segment.WORD_BREAK, "") == "闽港数字化产业链"
    assert segmented.split(segment.WORD_BREAK) == segment.cut_traditional("閩港產業鏈", to_simplified)


def test_traditional_text_is_cut_where_its_simplified_form_is_cut():
    to_simplified = opencc.OpenCC("hk2s").convert
    run = "借助中國國際投資貿易洽談會等大型經貿平台推動閩港產業鏈供應鏈融合發展"
    words = segment.cut_traditional(run, to_simplified)
    assert "".join(words) == run
    assert [len(word) for word in words] == [len(word) for word in segment.cut_simplified(to_simplified(run))]
    assert "洽談會" in words and "產業鏈" in words  # not 「貿易洽|談會」, 「閩|港產業|鏈」


def test_a_conversion_that_changes_length_falls_back_to_one_character_at_a_time():
    run = "閩港產業鏈"
    lengthening = lambda text: opencc.OpenCC("hk2s").convert(text) + ("X" if len(text) > 1 else "")  # noqa: E731
    assert "".join(segment.cut_traditional(run, lengthening)) == run


def test_long_words_are_split_so_that_their_parts_are_found():
    assert segment.cut_simplified("福建省人民政府") == ["福建省", "人民", "政府"]


def test_query_replacements_map_the_other_script_to_the_page_script(site: Build):
    traditional, simplified = (_index(site, locale)["config"]["query_replacements"] for locale in PREFIX)
    assert traditional["邮"] == "郵" and simplified["郵"] == "邮"
    # 系 is 係, 繫 or 系 in Traditional: mapped by the words of this content.
    assert "系" not in traditional and traditional["联系"] == "聯繫"


def test_each_index_carries_variant_forms_and_synonyms_in_its_script(site: Build):
    traditional, simplified = (_index(site, locale)["config"] for locale in PREFIX)
    # The text's own form: 航線 (measure 13), 衛生 (measure 9), 開啟 (measure 15).
    for config in (traditional, simplified):
        assert config["variants"]["綫"] == "線" and config["variants"]["衞"] == "衛" and config["variants"]["啓"] == "啟"
    # data/search.yaml, converted for the 简体 site.
    assert traditional["synonyms"]["文憑試"] == ["香港中學文憑考試"]
    assert simplified["synonyms"]["文凭试"] == ["香港中学文凭考试"]
    # The conversion override's phrases, both ways.
    assert simplified["synonyms"]["数位产业"] == ["数字产业"]
    assert traditional["synonyms"]["數字產業"] == ["數位產業"]


# The short forms of the fixture's names, derived by rule (search_index.short_form), some
# the forms readers use (世遺, 閩企, 醫衛, 生醫, 華大), the others harmless: nothing else
# in the text is written so. The editors' (tests/fixture/search.yaml) are 港青, 港生, 港大生.
DERIVED_SHORT_FORMS = {
    "世遺": ["世界遺產"], "人智": ["人工智能"], "合項": ["合作項目"], "國航": ["國際航運", "國際航空"],
    "國貿中": ["國際貿易中心"], "基設": ["基礎設施"], "學團": ["學術團體"], "投信": ["投資信託"],
    "政措": ["政策措施"], "文交": ["文化交流"], "文部": ["文化部門"], "服中": ["服務中心"], "業時": ["業餘時間"],
    "港地": ["香港地區"], "港學": ["香港學生"], "港平": ["香港平台"], "港機": ["香港機構"], "港高": ["香港高校"],
    "生醫": ["生物醫藥"], "社主": ["社會主義"], "科成": ["科技成果"], "科機": ["科研機構"], "科產": ["科技產業"],
    "精策": ["精心策劃"], "華大": ["華僑大學"], "藝交": ["藝術交流"], "行協": ["行業協會"], "貿中": ["貿易中心"],
    "醫衛": ["醫療衛生"], "金中": ["金融中心"], "金機": ["金融機構"], "閩交": ["福建交流"], "閩企": ["福建企業"],
    "閩品": ["福建品牌"], "閩文": ["福建省文化"], "閩篇": ["福建篇章"], "高論": ["高峰論壇"],
    # Bodies, events and schemes: 中國國際投資貿易洽談會, 福建省青年聯合會, 「海上絲綢之路」, 香港國際
    # 影視展, the readers' forms; 專業展銷會, 廈門市文化和旅遊局, 政制及內地事務局, harmless ones. Not
    # 旅發局, from 香港旅遊發展局: the text writes it.
    "投洽會": ["投資貿易洽談會"], "青聯": ["青年聯合會"], "海絲": ["海上絲綢之路"], "影展": ["影視展"],
    "專展會": ["專業展銷會"], "旅局": ["旅遊局"], "內事局": ["內地事務局"],
}
EDITORS_SHORT_FORMS = {"港青": ["香港青年"], "港生": ["香港學生"], "港大生": ["香港大學生"]}


def test_short_forms_are_derived_from_the_names_of_the_text(site: Build):
    traditional, simplified = (_index(site, locale)["config"]["short_forms"] for locale in PREFIX)
    assert traditional == dict(sorted({**DERIVED_SHORT_FORMS, **EDITORS_SHORT_FORMS}.items()))
    assert simplified["闽企"] == ["福建企业"] and simplified["世遗"] == ["世界遗产"]


def _plain_text(site: Build, locale: str) -> str:
    docs = _index(site, locale)["docs"]
    return "\n".join(html_text.unescape(re.sub(r"<[^>]+>", "\n", doc["title"] + "\n" + doc["text"])) for doc in docs).replace(
        segment.WORD_BREAK, ""
    )


def _words_at(segmented: str, word: str) -> list[int]:
    """Where `word` is in a segmented text as whole words (港生 is not in 閩港|生態)."""
    plain = segmented.replace(segment.WORD_BREAK, "")
    bounds, at = {0, len(plain)}, 0
    for piece in segmented.split(segment.WORD_BREAK):
        at += len(piece)
        bounds.add(at)
    return [start for start in range(len(plain)) if plain.startswith(word, start)
            and start in bounds and start + len(word) in bounds]


@pytest.mark.parametrize("locale", PREFIX)
def test_no_short_form_is_an_ordinary_word_of_the_text(site: Build, locale: str):
    text = _plain_text(site, locale)
    docs = _index(site, locale)["docs"]
    short_forms = _index(site, locale)["config"]["short_forms"]
    for short, names in short_forms.items():
        assert all(name in text for name in names), (short, names)
        for doc in docs:
            segmented = doc["title"] + segment.WORD_BREAK + doc["text"]
            plain = segmented.replace(segment.WORD_BREAK, "")
            inside_names = {start + offset for name in names for start in range(len(plain))
                            if plain.startswith(name, start) for offset in range(len(name))}
            assert set(_words_at(segmented, short)) <= inside_names, f"{short} ({names}) is a word of {doc['location']}"
    # Derived ones are not in the text at all outside their names, as words or not.
    for short in DERIVED_SHORT_FORMS:
        converted = opencc.OpenCC("hk2s").convert(short) if locale == "zh-Hans" else short
        elsewhere = text
        for name in sorted(short_forms[converted], key=len, reverse=True):
            elsewhere = elsewhere.replace(name, "\n")
        assert converted not in elsewhere, short


@pytest.mark.parametrize("locale", PREFIX)
def test_each_index_names_the_names_of_its_text_in_their_words(site: Build, locale: str):
    names = _index(site, locale)["config"]["names"]
    text = _plain_text(site, locale)
    assert all(name.replace(segment.WORD_BREAK, "") in text for name in names)
    expected = {"zh-Hant": ["集成\u200b電路", "武夷\u200b學院", "粵港澳\u200b大灣\u200b區"],
                "zh-Hans": ["集成\u200b电路", "武夷\u200b学院", "粤港澳\u200b大湾\u200b区"]}[locale]
    assert set(expected) <= set(names)


def test_index_is_generated_from_the_data_not_stored(site: Build):
    assert not Path(__file__).resolve().parent.parent.joinpath("docs/search").exists()


def test_specific_words_are_the_text_nouns_rare_in_the_language():
    from measures_site.site.search_index import specific_words

    to_simplified = opencc.OpenCC("hk2s").convert
    text = segment.WORD_BREAK.join(["支持", "武夷山", "學校", "廈門", "郵輪", "金融", "舉辦"])
    # Rare nouns (武夷山 175 in jieba's corpus, 郵輪 104); not common ones (學校, 金融), nor a
    # place of the site (廈門), nor verbs.
    assert specific_words([text], to_simplified) == ["武夷山", "郵輪"]
    assert specific_words([to_simplified(text)], to_simplified) == ["武夷山", "邮轮"]


@pytest.mark.parametrize("locale", PREFIX)
def test_each_index_names_the_specific_words_of_its_measures(site: Build, locale: str):
    config = _index(site, locale)["config"]
    expected = {"zh-Hant": {"武夷山", "郵輪", "晉江"}, "zh-Hans": {"武夷山", "邮轮", "晋江"}}[locale]
    assert expected <= set(config["specific_words"])
    assert not {"學校", "学校", "香港", "福建"} & set(config["specific_words"])
