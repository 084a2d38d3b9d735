"""What search engines and link previews read, per script: lang, alternates, canonical,
description, Open Graph, sitemap, robots.txt and a 404 page in each script."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Build, build_site
from site_links import built_pages

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url: the tests build with it
LOCALE_OF_FOLDER = {"": "zh-Hant", "zh-Hans/": "zh-Hans"}
OPEN_GRAPH_LOCALE = {"zh-Hant": "zh_HK", "zh-Hans": "zh_CN"}


def locale_and_path(page: str) -> tuple[str, str]:
    if page.startswith("zh-Hans/"):
        return "zh-Hans", page.removeprefix("zh-Hans/")
    return "zh-Hant", page


def head(site: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(page), "html.parser")


def meta(document: BeautifulSoup, **attribute: str) -> list[str]:
    return [tag["content"] for tag in document.find_all("meta", attrs=attribute)]


def test_every_page_is_listed(site: Build):
    pages = built_pages(site.site)
    # 10 domain pages, home, memorandum, index, progress, data, the four about the site and the change log,
    # 11 side-by-side pages (the domains' and the memorandum's) and the fixture's 21 measures' own
    # pages, per script.
    assert len(pages) == 104 and len([p for p in pages if p.startswith("zh-Hans/")]) == 52
    assert len([p for p in pages if p.startswith("meetings/4/measures/")]) == 21


def test_html_lang_is_the_page_script(each_site: Build):
    for page in built_pages(each_site.site):
        assert head(each_site, page).html["lang"] == locale_and_path(page)[0], page


def language_of(element) -> str:
    """The element's language: its own lang, else the nearest ancestor's (as HTML inherits it)."""
    while element.get("lang") is None:
        element = element.parent
    return element["lang"]


def test_script_switch_links_name_their_language(each_site: Build):
    for page in built_pages(each_site.site):
        names = head(each_site, page).select(".script-switch [lang]")
        assert [(name.get("hreflang", name["lang"]), language_of(name), name.get_text(strip=True)) for name in names] == [
            ("zh-Hant", "zh-Hant", "繁體"),
            ("zh-Hans", "zh-Hans", "简体"),
        ], page


def test_alternates_are_absolute_reciprocal_and_have_x_default(each_site: Build):
    for page in built_pages(each_site.site):
        _, path = locale_and_path(page)
        expected = [
            ("zh-Hant", f"{SITE_URL}{path}"),
            ("zh-Hans", f"{SITE_URL}zh-Hans/{path}"),
            ("x-default", f"{SITE_URL}{path}"),
        ]
        links = head(each_site, page).select("head link[rel=alternate][hreflang]")
        assert [(link["hreflang"], link["href"]) for link in links] == expected, page
        # Reciprocal: the counterpart lists exactly the same alternates.
        counterpart = page.removeprefix("zh-Hans/") if page.startswith("zh-Hans/") else f"zh-Hans/{page}"
        other = head(each_site, counterpart).select("head link[rel=alternate][hreflang]")
        assert [(link["hreflang"], link["href"]) for link in other] == expected


def test_canonical_url_is_the_page_itself(site: Build):
    for page in built_pages(site.site):
        document = head(site, page)
        assert [link["href"] for link in document.select("head link[rel=canonical]")] == [SITE_URL + page]
        assert meta(document, property="og:url") == [SITE_URL + page]


def test_description_is_drawn_from_the_page_in_its_script(site: Build):
    descriptions = {}
    for page in built_pages(site.site):
        document = head(site, page)
        [description] = meta(document, name="description")
        assert meta(document, property="og:description") == [description]
        descriptions[page] = description
    # Each page says something of its own, not the site's one-line summary.
    for folder in ("", "zh-Hans/"):
        in_script = [text for page, text in descriptions.items() if locale_and_path(page)[0] == LOCALE_OF_FOLDER[folder]]
        assert len(set(in_script)) == len(in_script) == 52
    assert descriptions["domains/education/side-by-side/"].startswith("八、教育（繁簡對照）：本頁逐段並列繁體原文及簡體版")
    assert descriptions["zh-Hans/memorandum/side-by-side/"].startswith("合作备忘录（繁简对照）：本页逐段并列繁体原文及简体版")
    assert descriptions["domains/education/"] == (
        "八、教育：15. 開啟閩港新領域合作。 16. 推動兩地姊妹學校作多角度及更深層的專業探討和多元協作。"
        " 17. 鼓勵更多香港學生來閩升學。 18. 支持香港高校來閩合作辦學。"
    )
    assert descriptions["zh-Hans/domains/education/"].startswith("八、教育：15. 开启闽港新领域合作。 16. 推动两地")
    assert descriptions["memorandum/"].startswith("為進一步擴大和深化香港特別行政區與福建省的交流合作")
    assert descriptions["memorandum/"].endswith("……") and len(descriptions["memorandum/"]) == 120
    assert "21 項措施" in descriptions[""] and "21 项措施" in descriptions["zh-Hans/"]


def test_open_graph_title_and_locale_per_script(site: Build):
    for page in built_pages(site.site):
        locale, _ = locale_and_path(page)
        document = head(site, page)
        assert meta(document, property="og:title") == [document.title.get_text()]
        assert meta(document, property="og:locale") == [OPEN_GRAPH_LOCALE[locale]]
        assert meta(document, property="og:locale:alternate") == [
            value for key, value in OPEN_GRAPH_LOCALE.items() if key != locale
        ]
        # A measure's own page is an article; every other page is the site's.
        assert meta(document, property="og:type") == ["article" if "meetings/" in page else "website"], page
    assert meta(head(site, "zh-Hans/domains/finance/"), property="og:title") == ["二、金融 - 闽港合作措施"]
    assert meta(head(site, "domains/finance/"), property="og:title") == ["二、金融 - 閩港合作措施"]
    assert meta(head(site, ""), property="og:title") == ["閩港合作措施"]
    assert meta(head(site, "zh-Hans/"), property="og:title") == ["闽港合作措施"]


def test_head_asks_no_web_font_and_has_a_local_icon(site: Build):
    for page in built_pages(site.site):
        document = head(site, page)
        for link in document.select("head link[href]"):
            if link.get("rel") not in (["alternate"], ["canonical"]):
                assert not link["href"].startswith(("http:", "https:", "//")), (page, link)
        [icon] = document.select("head link[rel=icon]")
        assert icon["href"].endswith("assets/images/favicon.svg")
    assert (site.site / "assets" / "images" / "favicon.svg").read_text(encoding="utf-8").startswith("<svg")


def test_sitemap_lists_every_page_of_both_scripts_with_alternates(each_site: Build):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(each_site.site / "sitemap.xml")
    entries = {}
    for url in tree.getroot().findall("s:url", namespaces):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
        entries[url.find("s:loc", namespaces).text] = alternates
    assert sorted(entries) == sorted(SITE_URL + page for page in built_pages(each_site.site))
    for page in built_pages(each_site.site):
        _, path = locale_and_path(page)
        assert entries[SITE_URL + page] == {"zh-Hant": SITE_URL + path, "zh-Hans": f"{SITE_URL}zh-Hans/{path}"}


def test_robots_txt_allows_crawling_and_points_at_the_sitemap(site: Build):
    robots = (site.site / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == ["User-agent: *", "Allow: /", "", f"Sitemap: {SITE_URL}sitemap.xml"]


@pytest.mark.parametrize(
    ("file", "locale", "heading", "home"),
    [("404.html", "zh-Hant", "找不到此頁", "/"), ("zh-Hans/404.html", "zh-Hans", "找不到此页", "/zh-Hans/")],
)
def test_each_script_has_its_own_404_page(site: Build, file: str, locale: str, heading: str, home: str):
    document = BeautifulSoup((site.site / file).read_text(encoding="utf-8"), "html.parser")
    assert document.html["lang"] == locale
    assert [h1.get_text(strip=True) for h1 in document.find_all("h1")] == [heading]
    assert document.title.get_text(strip=True).startswith(heading)
    assert document.select_one("article a")["href"] == home
    assert meta(document, name="robots") == ["noindex"]
    # A missing page has no canonical address and no counterparts.
    assert not document.select("head link[rel=canonical], head link[rel=alternate]")


def test_descriptions_show_what_editors_typed_as_text_never_as_markup(project_copy: Path):
    data = project_copy / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    tricky = '開啟閩港新領域合作"><script>alert(1)</script>&amp;'
    quoted = json.dumps(tricky + "。", ensure_ascii=False)  # a JSON string is a YAML string
    data.write_text(text.replace('"開啟閩港新領域合作。"', quoted, 1), encoding="utf-8")
    build = build_site(project_copy)
    assert build.returncode == 0, build.output
    page = build.page("domains/education/")
    document = BeautifulSoup(page, "html.parser")
    [description] = meta(document, name="description")
    assert description.startswith("八、教育：15. " + tricky + "。")
    assert meta(document, property="og:description") == [description]
    assert not document.head.find_all("script", string=re.compile("alert"))
    assert html.escape(tricky, quote=True) in page


@pytest.mark.browser
def test_a_missing_address_gets_the_404_page_of_its_script(page, site: Build):
    from compressed_server import serve_compressed  # serves 404.html for a missing address, as GitHub Pages does

    with serve_compressed(site.site) as url:
        response = page.goto(url + "domains/no-such-page/")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == "zh-Hant"
        assert page.locator("article h1").inner_text() == "找不到此頁"

        page.goto(url + "zh-Hans/domains/no-such-page/")
        page.locator("article h1", has_text="找不到此页").wait_for()
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        page.locator("article p a").click()
        page.wait_for_url(url + "zh-Hans/")

        # Typed in lower case, or lower-cased by a chat app: the page, not a 404.
        page.goto(url + "zh-hans/domains/finance/#measure-4")
        page.wait_for_url(url + "zh-Hans/domains/finance/#measure-4")
        page.locator("article h1", has_text="金融").wait_for()
        # A missing page offers the areas and every measure, in its script.
        page.goto(url + "zh-Hans/domains/no-such-page/")
        page.locator("article h1", has_text="找不到此页").wait_for()
        areas = page.locator("article li a").all_inner_texts()
        assert areas[0] == "一、经贸" and areas[-1] == "全部措施" and len(areas) == 11, areas
