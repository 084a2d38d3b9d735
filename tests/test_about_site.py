"""What a Hong Kong government information site always has, in both scripts: who
publishes it and how to reach them, an accessibility statement, important notices
(copyright, data licence, privacy), the official source, a site map for people; and
on every 简体 page, what the page is: a conversion, by which converter."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from conftest import FIXTURE_FOLDER, LOCALE_PREFIXES, build_site
from site_links import built_pages

FIXTURE = YAML(typ="safe").load((FIXTURE_FOLDER / "measures.yaml").read_text(encoding="utf-8"))
SITE = FIXTURE["site"]
PREFIXES = LOCALE_PREFIXES
ABOUT_PAGES = {
    "about/": ("關於本站", "关于本站"),
    "accessibility/": ("無障礙聲明", "无障碍声明"),
    "notices/": ("重要告示", "重要告示"),
    "site-map/": ("網站地圖", "网站地图"),
}
CONVERTER = f"OpenCC（hk2s，opencc-python-reimplemented {importlib.metadata.version('opencc-python-reimplemented')}）"


def article(build, path: str):
    return BeautifulSoup(build.page(path), "html.parser").select_one("article")


def test_every_page_footer_links_the_pages_about_the_site_and_the_official_source(each_site):
    for page in built_pages(each_site.site):
        simplified = page.startswith("zh-Hans/")
        footer = BeautifulSoup(each_site.page(page), "html.parser").select_one(".md-copyright")
        links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
        for target, names in ABOUT_PAGES.items():
            href = links[names[simplified]]
            assert (each_site.site / page / href / "index.html").resolve() == (
                each_site.site / ("zh-Hans/" if simplified else "") / target / "index.html"
            ).resolve(), (page, href)
        assert links["官方来源" if simplified else "官方來源"] == SITE["official_source"]["url"]
        # The change log, from the list and from the date of the last change; privacy, on its own.
        changes = (each_site.site / ("zh-Hans/" if simplified else "") / "changes" / "index.html").resolve()
        assert (each_site.site / page / links["修订记录" if simplified else "修訂紀錄"] / "index.html").resolve() == changes
        (dated,) = footer.select("[data-last-updated] a")
        assert (each_site.site / page / dated["href"] / "index.html").resolve() == changes, page
        privacy = links["隐私政策" if simplified else "私隱政策"]
        assert privacy.endswith("notices/#privacy"), page
        # Who publishes it, and that it is not a government's: on every page, in its script.
        notice = footer.select_one(".site-notice").get_text(strip=True)
        publisher = "闽港合作措施网站项目团队" if simplified else SITE["publisher"]
        assert notice == (f"本站由{publisher}编制，并非政府网站。" if simplified else f"本站由{publisher}編製，並非政府網站。")


@pytest.mark.parametrize("locale", PREFIXES)
def test_about_page_says_who_publishes_how_to_give_feedback_and_the_source(site, locale):
    text = article(site, PREFIXES[locale] + "about/")
    hrefs = {a["href"] for a in text.find_all("a")}
    assert {SITE["feedback_url"], SITE["official_source"]["url"]} <= hrefs
    publisher = SITE["publisher"] if locale == "zh-Hant" else "闽港合作措施网站项目团队"
    assert publisher in text.get_text()


def test_about_page_lists_every_conversion_override_with_its_reason(site):
    overrides = YAML(typ="safe").load((FIXTURE_FOLDER / "conversion.yaml").read_text(encoding="utf-8"))["overrides"]
    for locale, prefix in PREFIXES.items():
        section = article(site, prefix + "about/")
        assert section.find(id="simplified") is not None
        rows = section.select("table tbody tr")
        assert len(rows) == len(overrides)
        for row, override in zip(rows, overrides):
            cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            assert cells[:2] == [override["opencc"], override["simplified"]]
            # The reason quotes the phrase the override replaces: it is never rewritten by it;
            # and the source's word it quotes stays the source's, marked as such, on the 简体 page.
            assert "「数位产业」" in cells[2]
            quoted = {span.get_text(): span["lang"] for span in row.find_all("td")[2].find_all("span")}
            assert quoted["「數位產業」"] == "zh-Hant" and quoted["「数位产业」"] == "zh-Hans"
            assert "「」， " not in cells[2] and "， 同一" not in cells[2]
        assert CONVERTER in section.get_text()


def test_every_simplified_page_says_in_plain_words_it_is_converted_and_links_how(site):
    for page in built_pages(site.site):
        document = BeautifulSoup(site.page(page), "html.parser")
        notes = document.select("article .script-note")
        if not page.startswith("zh-Hans/"):
            assert notes == [], page
            continue
        [note] = notes
        # Plain words for a reader in Fujian; the converter is named on the page the note links.
        assert note.get_text() == "本页由繁体版自动转换，个别用词经人工校订。了解详情"
        link = note.find("a")
        assert (site.site / page / link["href"].split("#")[0] / "index.html").resolve() == (
            site.site / "zh-Hans/about/index.html"
        ).resolve()
        assert link["href"].endswith("#simplified")


@pytest.mark.parametrize("locale", PREFIXES)
def test_notices_give_copyright_data_licence_and_privacy(site, locale):
    text = article(site, PREFIXES[locale] + "notices/")
    headings = [heading.get_text(strip=True) for heading in text.find_all("h2")]
    assert headings == (["版權", "授權", "私隱", "免責聲明"] if locale == "zh-Hant" else ["版权", "授权", "隐私", "免责声明"])
    hrefs = {a["href"] for a in text.find_all("a")}
    assert {SITE["data_licence"]["url"], SITE["official_source"]["url"]} <= hrefs
    assert "cookie" in text.get_text()


@pytest.mark.parametrize("locale", PREFIXES)
def test_data_page_names_the_licence(site, locale):
    text = article(site, PREFIXES[locale] + "data/")
    [licence] = [a for a in text.find_all("a") if a["href"] == SITE["data_licence"]["url"]]
    assert licence.get_text(strip=True) == SITE["data_licence"]["name"]


@pytest.mark.parametrize("locale", PREFIXES)
def test_site_map_links_every_page_of_its_script(each_site, locale):
    prefix = PREFIXES[locale]
    text = article(each_site, prefix + "site-map/")
    reached = {
        (each_site.site / prefix / "site-map" / a["href"] / "index.html").resolve() for a in text.select("li a")
    }
    pages = {
        (each_site.site / page / "index.html").resolve()
        for page in built_pages(each_site.site)
        if page.startswith("zh-Hans/") == (locale == "zh-Hans") and not page.endswith("site-map/")
    }
    assert reached == pages


@pytest.mark.parametrize("locale", PREFIXES)
def test_accessibility_statement_gives_the_standard_and_a_way_to_report(site, locale):
    text = article(site, PREFIXES[locale] + "accessibility/")
    assert "WCAG" in text.get_text() and "2.2 AA" in text.get_text()
    assert SITE["feedback_url"] in {a["href"] for a in text.find_all("a")}


# Hong Kong usage that mainland readers write otherwise, as the conversion leaves it.
HONG_KONG_WORDS = ("资料下载", "开放资料", "栏位", "私隐", "连结", "萤幕", "卷动", "意见回馈", "程式")


def test_simplified_interface_words_are_mainland_usage(site):
    for page in built_pages(site.site):
        if page.startswith("zh-Hans/"):
            text = BeautifulSoup(site.page(page), "html.parser").get_text()
            assert [word for word in HONG_KONG_WORDS if word in text] == [], page
    assert "数据下载" in site.page("zh-Hans/data/") and "字段" in site.page("zh-Hans/data/")


def test_each_script_downloads_under_its_own_name(site):
    for locale, prefix in PREFIXES.items():
        text = article(site, prefix + "data/")
        downloads = {a["href"] for a in text.select("a[download]")}
        assert downloads == {f"measures-{locale}.json", f"measures-{locale}.csv"}
        for name in downloads:
            assert (site.site / prefix / "data" / name).is_file()


def test_publisher_contact_and_licence_are_the_editors_data(project_copy: Path):
    data = project_copy / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace(SITE["publisher"], "某某編輯組").replace(SITE["feedback_url"], "https://example.org/feedback")
    data.write_text(text, encoding="utf-8")
    build = build_site(project_copy)
    assert build.returncode == 0, build.output
    about = article(build, "about/")
    assert "某某編輯組" in about.get_text()
    assert "https://example.org/feedback" in {a["href"] for a in about.find_all("a")}
    assert "某某编辑组" in article(build, "zh-Hans/notices/").get_text()


def test_feedback_by_e_mail_first_for_simplified_readers_and_the_official_document_in_every_footer(project_copy: Path):
    data = project_copy / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace(
        f'  feedback_url: "{SITE["feedback_url"]}"\n',
        '  feedback_url: "https://github.com/someone/measures/issues"\n'
        "  feedback_email: measures@someone.org.hk\n"
        "  notice: 本站由某某編輯組編製，並非香港特別行政區政府或福建省人民政府的網站。\n",
    )
    text = text.replace(
        "  data_licence:\n",
        "  official_document:\n    name: 合作備忘錄簽署文本\n    url: \"https://www.cmab.gov.hk/doc/memorandum.pdf\"\n  data_licence:\n",
    )
    data.write_text(text, encoding="utf-8")
    build = build_site(project_copy)
    assert build.returncode == 0, build.output
    for prefix, first, second in (("", "問題回報頁", "電郵"), ("zh-Hans/", "电邮", "问题反馈页")):
        for page in ("about/", "accessibility/"):
            heading = article(build, prefix + page).find("h2", string=("意見回饋", "意见反馈"))
            channels = [item.get_text(strip=True) for item in heading.find_next("ul").find_all("li")]
            assert len(channels) == 2 and channels[0].startswith(first) and channels[1].startswith(second), channels
            hrefs = {a["href"] for a in article(build, prefix + page).find_all("a")}
            assert {"mailto:measures@someone.org.hk", "https://github.com/someone/measures/issues"} <= hrefs
        footer = BeautifulSoup(build.page(prefix), "html.parser").select_one(".md-copyright")
        links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
        assert links["官方文本"] == "https://www.cmab.gov.hk/doc/memorandum.pdf"
        assert "并非香港特别行政区政府" in footer.get_text() if prefix else "並非香港特別行政區政府" in footer.get_text()
