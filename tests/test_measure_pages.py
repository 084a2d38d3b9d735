"""A page per measure, in both scripts, at an address that names its meeting; and the
copy-link button after every measure heading."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import Build
from measures_site.data.model import chinese_ordinal
from test_site_build import PREFIX, Content, content, fold, soup  # noqa: F401 - `content` is a fixture

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default: the tests build with it
SITE_NAME = {"zh-Hant": "閩港合作措施", "zh-Hans": "闽港合作措施"}


def in_script(content: Content, locale: str, text: str) -> str:
    return text if locale == "zh-Hant" else content.to_simplified(text)


def resolved(page: str, href: str) -> str:
    """A link's target as a path from the site root (no host)."""
    return urljoin(SITE_URL + page, href).removeprefix(SITE_URL)


def meta(document: BeautifulSoup, **attribute: str) -> list[str]:
    return [tag["content"] for tag in document.find_all("meta", attrs=attribute)]


def test_one_page_per_measure_in_each_script_and_no_other(content: Content):
    expected = sorted(
        (meeting["conference"]["meeting_number"], measure["number"])
        for meeting in content.data["meetings"]
        for measure in meeting.get("measures", [])
    )
    for prefix in PREFIX.values():
        folder = content.build.site / prefix / "meetings"
        built = sorted(
            (int(page.parent.parent.parent.name), int(page.parent.name))
            for page in folder.glob("*/measures/*/index.html")
        )
        assert built == expected


def test_measure_page_has_its_text_domain_place_and_neighbours(content: Content):
    measures = content.meeting["measures"]
    domains = {domain["slug"]: domain for domain in content.meeting["domains"]}
    for locale, prefix in PREFIX.items():
        for index, measure in enumerate(measures):
            page = prefix + content.measure_page(measure["number"])
            article = soup(content.build, page).find("article")
            [heading] = article.find_all("h1")
            assert fold(heading.get_text()) == fold(f"{measure['number']}. {in_script(content, locale, measure['title'])}")
            assert fold(in_script(content, locale, measure["body"])) in [fold(p.get_text()) for p in article.find_all("p")]
            links = {resolved(page, a["href"]): fold(a.get_text()) for a in article.find_all("a", href=True)}
            domain = domains[measure["domain"]]
            ordinal = chinese_ordinal(list(domains).index(measure["domain"]) + 1)
            domain_page = f"{prefix}{content.folder}domains/{domain['slug']}/"
            assert links[domain_page] == fold(in_script(content, locale, f"{ordinal}、{domain['name']}"))
            assert f"{domain_page}#measure-{measure['number']}" in links
            # Neighbours by number, none at the ends: the only links to other measures' pages.
            neighbours = [other for other in (measures[index - 1] if index else None, measures[index + 1] if index + 1 < len(measures) else None) if other]
            to_measures = {target: text for target, text in links.items() if "/measures/" in target}
            assert to_measures == {
                prefix + content.measure_page(other["number"]): fold(
                    f"{other['number']}. {in_script(content, locale, other['title'])}"
                )
                for other in neighbours
            }, page


def test_measure_page_head_names_that_measure(content: Content):
    for locale, prefix in PREFIX.items():
        for measure in content.meeting["measures"]:
            page = prefix + content.measure_page(measure["number"])
            document = soup(content.build, page)
            # Named as readers name it: without the signed heading's closing full stop.
            title = f"{measure['number']}. {in_script(content, locale, measure['title']).removesuffix('。')}{content.named(locale)}"
            body = in_script(content, locale, measure["body"])
            assert document.title.get_text() == f"{title} - {SITE_NAME[locale]}"
            assert meta(document, property="og:title") == [document.title.get_text()]
            # The body, or its first 118 characters and an ellipsis: what link previews show.
            [description] = meta(document, name="description")
            assert description == (body if len(body) <= 120 else body[:118] + "……")
            assert meta(document, property="og:description") == [description]
            assert meta(document, property="og:url") == [SITE_URL + page]
            assert meta(document, property="og:type") == ["article"]
            assert [link["href"] for link in document.select("head link[rel=canonical]")] == [SITE_URL + page]


def test_measure_page_of_the_signed_text(site: Build):
    """One page read by a person: measure 15 of the fixture, in both scripts."""
    hant = soup(site, "meetings/4/measures/15/")
    assert hant.title.get_text() == "15. 開啟閩港新領域合作 - 閩港合作措施"
    assert hant.find("meta", attrs={"name": "description"})["content"].startswith("支持開展“香港青年武夷山生物多樣性保護實習計劃”")
    text = fold(hant.find("article").get_text(" "))
    assert "領域： 八、教育 （ 在領域頁中的位置 ）" in text
    assert "上一項措施： 14. 共拓旅遊合作渠道。" in text and "下一項措施： 16. 推動兩地姊妹學校" in text
    hans = soup(site, "zh-Hans/meetings/4/measures/15/")
    assert hans.title.get_text() == "15. 开启闽港新领域合作 - 闽港合作措施"
    assert "上一项措施： 14. 共拓旅游合作渠道。" in fold(hans.find("article").get_text(" "))
    first, last = soup(site, "meetings/4/measures/1/"), soup(site, "meetings/4/measures/21/")
    assert "上一項措施" not in first.find("article").get_text() and "下一項措施" in first.find("article").get_text()
    assert "下一項措施" not in last.find("article").get_text() and "上一項措施" in last.find("article").get_text()


def test_domain_headings_keep_their_anchors_and_name_the_measure_page(content: Content):
    for prefix in PREFIX.values():
        for slug in content.slugs:
            page = f"{prefix}{content.folder}domains/{slug}/"
            document = soup(content.build, page)
            headings = document.select("article h2[data-copy-link]")
            assert [heading["id"] for heading in headings] == [
                f"measure-{measure['number']}" for measure in content.measures_in(slug)
            ]
            for heading, measure in zip(headings, content.measures_in(slug)):
                assert resolved(page, heading["data-copy-link"]) == prefix + content.measure_page(measure["number"])
            # The button's words, once per page, for the script to use.
            assert len(document.select("article .copy-link-text[hidden]")) == 1


def test_measure_pages_are_out_of_search_and_navigation(site: Build):
    for prefix in PREFIX.values():
        index = (site.site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "meetings/" not in index
        navigation = soup(site, prefix).select_one("nav.md-nav--primary")
        assert not navigation.select("a[href*='meetings/']")


def test_sitemap_lists_every_measure_page_with_its_alternates(site: Build):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", namespaces).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
        for url in ElementTree.parse(site.site / "sitemap.xml").getroot().findall("s:url", namespaces)
    }
    for number in range(1, 22):
        path = f"meetings/4/measures/{number}/"
        expected = {"zh-Hant": SITE_URL + path, "zh-Hans": f"{SITE_URL}zh-Hans/{path}"}
        assert entries[SITE_URL + path] == expected
        assert entries[f"{SITE_URL}zh-Hans/{path}"] == expected


# ── in Chromium ──────────────────────────────────────────────────────────────

COPIED = {"zh-Hant": "已複製連結", "zh-Hans": "已复制链接"}
FAILED = {"zh-Hant": "未能自動複製，請手動複製此網址：", "zh-Hans": "未能自动复制，请手动复制此网址："}
BUTTON = {"zh-Hant": "複製連結", "zh-Hans": "复制链接"}


@pytest.mark.browser
def test_script_switch_on_a_measure_page_leads_to_the_same_measure(page, site_url):
    page.goto(site_url + "meetings/4/measures/15/")
    page.locator("a.script-switch__link[hreflang=zh-Hans]").click()
    page.wait_for_url(site_url + "zh-Hans/meetings/4/measures/15/")
    assert page.locator("article h1").inner_text().startswith("15. 开启闽港新领域合作")
    page.locator("a.script-switch__link[hreflang=zh-Hant]").click()
    page.wait_for_url(site_url + "meetings/4/measures/15/")


def _press_copy_link(page, heading_id: str):
    """Tab from the heading's preceding focusable element onto its button, and press Enter."""
    button = page.locator(f"#{heading_id} + .copy-link-row > button.copy-link")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('button.copy-link')")
    assert page.evaluate(f"document.activeElement === document.querySelector('#{heading_id} + .copy-link-row > button')")
    page.keyboard.press("Enter")
    return button


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
def test_copy_link_copies_the_measure_page_and_says_so(browser, site_url, locale: str):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    prefix = PREFIX[locale]
    for at, heading_id, target in (
        ("domains/education/", "measure-16", "meetings/4/measures/16/"),
        ("meetings/4/measures/15/", "measure-15", "meetings/4/measures/15/"),
    ):
        page.goto(site_url + prefix + at)
        button = _press_copy_link(page, heading_id)
        assert button.inner_text() == BUTTON[locale]
        assert button.get_attribute("type") == "button"
        status = page.locator(f"#{heading_id} + .copy-link-row > button + [role=status]")
        status.filter(has_text=COPIED[locale]).wait_for()
        assert status.inner_text() == COPIED[locale]
        assert page.evaluate("navigator.clipboard.readText()") == site_url + prefix + target
        # Space presses it too, as any button.
        page.evaluate("navigator.clipboard.writeText('')")
        page.keyboard.press("Space")
        page.wait_for_function("() => navigator.clipboard.readText().then(text => text !== '')")
        assert page.evaluate("navigator.clipboard.readText()") == site_url + prefix + target
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
def test_copy_link_without_a_clipboard_gives_the_address_to_copy_by_hand(browser, site_url, locale: str):
    # As on a plain-http address other than this machine's: no clipboard at all.
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    page = context.new_page()
    page.goto(site_url + PREFIX[locale] + "domains/education/")
    _press_copy_link(page, "measure-17")
    status = page.locator("#measure-17 + .copy-link-row > button + [role=status]")
    assert status.inner_text() == FAILED[locale] + site_url + PREFIX[locale] + "meetings/4/measures/17/"
    context.close()


@pytest.mark.browser
def test_copy_link_refused_gives_the_address_to_copy_by_hand(browser, site_url):
    context = browser.new_context()  # no clipboard permission: the write is refused
    context.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'))"
    )
    page = context.new_page()
    page.goto(site_url + "meetings/4/measures/3/")
    _press_copy_link(page, "measure-3")
    status = page.locator("#measure-3 + .copy-link-row > button + [role=status]")
    status.filter(has_text=FAILED["zh-Hant"]).wait_for()
    assert status.inner_text() == FAILED["zh-Hant"] + site_url + "meetings/4/measures/3/"
    context.close()


@pytest.mark.browser
def test_copy_link_is_not_printed(page, site_url):
    page.goto(site_url + "meetings/4/measures/15/")
    assert page.locator("button.copy-link").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("button.copy-link").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["domains/education/", "zh-Hans/domains/education/", "meetings/4/measures/15/"])
def test_the_buttons_appear_without_moving_the_text(browser, site_url, path: str):
    """The heading keeps room for its button: the text stands where it stood before the script ran."""
    where = "es => es.filter(e => e.offsetParent).map(e => e.getBoundingClientRect().y)"
    places = []
    for scripts in (False, True):
        context = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=scripts)
        page = context.new_page()
        page.goto(site_url + path)
        places.append((page.eval_on_selector_all("article h1, article h2, article p", where), page.locator("button.copy-link").count()))
        context.close()
    (without, none), (with_buttons, buttons) = places
    assert none == 0 and buttons >= 1
    assert with_buttons == pytest.approx(without, abs=0.5)


@pytest.mark.parametrize(("prefix", "home", "label"), [("", "首頁", "頁面位置"), ("zh-Hans/", "首页", "页面位置")])
def test_every_page_below_the_home_says_where_it_is_above_its_heading(site: Build, prefix: str, home: str, label: str):
    education = "八、教育"  # the same in both scripts
    trails = {
        "meetings/4/measures/15/": [(home, ""), (education, "domains/education/"), ("15. " + ("開啟閩港新領域合作" if not prefix else "开启闽港新领域合作"), None)],
        "domains/education/": [(home, ""), (education, None)],
        "domains/education/side-by-side/": [(home, ""), (education, "domains/education/"), ("繁簡對照" if not prefix else "繁简对照", None)],
        "about/": [(home, ""), ("關於本站" if not prefix else "关于本站", None)],
    }
    for page, expected in trails.items():
        document = soup(site, prefix + page)
        (trail,) = document.select("nav.md-path")
        assert trail["aria-label"] == label
        # Above the heading, outside the page's text (the article, which search indexes).
        assert trail.find_next("h1") is document.select_one("article h1") and not trail.find_parent("article")
        crumbs = []
        for item in trail.select("li"):
            link = item.find("a")
            target = resolved(prefix + page, link["href"]).removeprefix(prefix) if link else None
            crumbs.append((item.get_text(strip=True), target))
            assert (item.get("aria-current") == "page") == (link is None)
        assert crumbs == expected, page
    assert soup(site, prefix).select("nav.md-path") == []  # the home page is where they start


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hans/"])
def test_on_a_phone_the_trail_keeps_the_pages_above_whole_and_cuts_only_the_measure_s_long_title(
    site: Build, site_url: str, browser, prefix: str
):
    context = browser.new_context(viewport={"width": 390, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    # The longest title of the fixture: it cannot fit beside the pages above it.
    page.goto(site_url + prefix + "meetings/4/measures/16/", wait_until="load")
    items = page.evaluate(
        """() => [...document.querySelectorAll('.md-path__item')].map(item => {
             const text = item.querySelector('.md-ellipsis');
             return {height: item.getBoundingClientRect().height, right: item.getBoundingClientRect().right,
                     cut: text.scrollWidth > text.clientWidth};
           })"""
    )
    context.close()
    assert len(items) == 3
    assert len({item["height"] for item in items}) == 1, items  # each on one line, as the cut title is
    assert [item["cut"] for item in items] == [False, False, True]
    assert all(item["right"] <= 390 for item in items)
