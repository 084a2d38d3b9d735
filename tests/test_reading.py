"""What a reader meets on a phone and a desktop, in both scripts: the script switch, the
404 page, the home cards, the index of measures, the measure headings, the Tab stops
and dark mode, in Chromium on the built fixture site."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import axe_violations
from site_links import built_pages

pytestmark = pytest.mark.browser

PREFIXES = ("", "zh-Hans/")
PHONE = {"width": 390, "height": 844}
CURRENT = {"": ("繁體", "简体"), "zh-Hans/": ("简体", "繁體")}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


# ── the script switch ─────────────────────────────────────────────────────────


def test_script_switch_shows_both_scripts_in_words_and_marks_the_current_one(site):
    for page in built_pages(site.site):
        prefix = "zh-Hans/" if page.startswith("zh-Hans/") else ""
        switch = BeautifulSoup(site.page(page), "html.parser").select_one("header .script-switch")
        current, other = CURRENT[prefix]
        assert switch.get_text(" ", strip=True) == "繁體 简体", page
        [marked] = switch.select("[aria-current]")
        assert (marked.name, marked.get_text(strip=True)) == ("span", current), page
        [link] = switch.select("a")
        assert link.get_text(strip=True) == other, page
        # Named for what it does, not "choose a font".
        assert switch["aria-label"] in ("繁簡轉換", "繁简转换"), page
        assert not switch.select("svg"), page


@pytest.mark.parametrize("prefix", PREFIXES)
def test_script_switch_is_visible_text_on_a_phone(phone, site_url, prefix):
    phone.goto(f"{site_url}{prefix}domains/education/")
    current, other = CURRENT[prefix]
    assert phone.locator(".script-switch__current").inner_text() == current
    assert phone.locator(".script-switch__current").is_visible()
    link = phone.locator("a.script-switch__link")
    assert link.inner_text() == other and link.is_visible()
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # a target a finger can hit
    assert box["x"] + box["width"] <= PHONE["width"]


def switch_script(page) -> None:
    page.locator("a.script-switch__link").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize(("prefix", "other"), [("", "zh-Hans/"), ("zh-Hans/", "")])
def test_switch_keeps_the_measure_the_reader_scrolled_to(phone, site_url, prefix, other):
    """Scrolled to measure 17, with nothing in the address: the other page opens on measure 17."""
    page = phone
    page.goto(f"{site_url}{prefix}domains/education/")
    page.locator("#measure-17").evaluate("heading => heading.scrollIntoView()")
    page.wait_for_timeout(100)
    assert page.evaluate("location.hash") == ""
    switch_script(page)
    assert page.url == f"{site_url}{other}domains/education/#measure-17"
    heading = page.locator("#measure-17")
    assert heading.is_visible()
    top = heading.bounding_box()["y"]
    assert 0 <= top < 200  # at the top of the window, under the header


def test_switch_prefers_what_is_on_screen_to_the_address(phone, site_url):
    phone.goto(f"{site_url}domains/education/#measure-15")
    phone.locator("#measure-17").evaluate("heading => heading.scrollIntoView()")
    phone.wait_for_timeout(100)
    switch_script(phone)
    assert phone.url.endswith("zh-Hans/domains/education/#measure-17")


def test_switch_at_the_end_of_a_page_opens_the_other_at_its_end(page, site_url):
    page.goto(f"{site_url}domains/education/")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(100)
    switch_script(page)
    assert page.url.startswith(f"{site_url}zh-Hans/domains/education/#measure-1")
    assert page.locator("#measure-18").is_visible()


def test_switch_keeps_the_memorandum_paragraph_in_view(phone, site_url):
    page = phone
    page.goto(f"{site_url}memorandum/")
    page.locator("#paragraph-3").evaluate("paragraph => paragraph.scrollIntoView()")
    page.wait_for_timeout(100)
    switch_script(page)
    assert page.url == f"{site_url}zh-Hans/memorandum/#paragraph-3"
    assert page.locator("#paragraph-3").inner_text().startswith("“十四五”时期，福建将")
    assert 0 <= page.locator("#paragraph-3").bounding_box()["y"] < 200


def test_switch_at_the_top_of_a_page_opens_the_other_at_its_top(page, site_url):
    page.goto(f"{site_url}zh-Hans/domains/education/")
    switch_script(page)
    assert page.url == f"{site_url}domains/education/"


# ── the 404 page ──────────────────────────────────────────────────────────────


def test_simplified_404_keeps_the_address_the_reader_typed(page, site):
    from compressed_server import serve_compressed  # serves 404.html for a missing address, as GitHub Pages does

    with serve_compressed(site.site) as url:
        typed = url + "zh-Hans/domains/no-such-page/"
        page.goto(typed)
        page.locator("article h1", has_text="找不到此页").wait_for()
        page.wait_for_selector("html[lang='zh-Hans']", state="attached")
        assert page.url == typed
        assert page.evaluate("location.href") == typed


@pytest.mark.parametrize(("file", "other", "home"), [("404.html", "zh-Hans", "/zh-Hans/"), ("zh-Hans/404.html", "zh-Hant", "/")])
def test_404_script_switch_leads_to_the_other_script_home(site, file, other, home):
    document = BeautifulSoup((site.site / file).read_text(encoding="utf-8"), "html.parser")
    [link] = document.select(f"a.script-switch__link[hreflang={other}]")
    assert link["href"] == home


# ── the home page ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize("prefix", PREFIXES)
def test_home_cards_are_not_one_button_and_every_line_is_a_link(phone, site_url, prefix):
    phone.goto(f"{site_url}{prefix}")
    cards = phone.locator(".grid.cards > ul > li")
    assert cards.count() == 10
    education = cards.nth(7)
    links = education.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "domains/education/",
        *(f"domains/education/#measure-{n}" for n in (15, 16, 17, 18)),
    ]
    # No hover lift: a card does not pretend to be one button.
    before = education.evaluate("card => getComputedStyle(card).boxShadow")
    education.hover()
    phone.wait_for_timeout(300)
    assert education.evaluate("card => getComputedStyle(card).boxShadow") == before


# ── the index of measures ─────────────────────────────────────────────────────


def overflowing_links(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll("article a")]
            .filter(a => a.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(a => a.textContent)"""
    )


@pytest.mark.parametrize("prefix", PREFIXES)
def test_index_reads_at_full_size_on_a_phone(phone, site_url, prefix):
    phone.goto(f"{site_url}{prefix}measures/")
    sizes = phone.evaluate(
        """() => [...document.querySelectorAll("article a[href*='#measure-']")]
            .map(a => parseFloat(getComputedStyle(a).fontSize))"""
    )
    assert len(sizes) == 21
    assert min(sizes) >= 16
    assert overflowing_links(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_index_keeps_every_link_on_screen_with_text_at_200_percent(phone, site_url, prefix):
    phone.goto(f"{site_url}{prefix}measures/")
    # Text at twice its size (Material's root size is 125 %).
    phone.evaluate("document.documentElement.style.fontSize = '250%'")
    phone.wait_for_timeout(100)
    assert overflowing_links(phone) == []
    domains = phone.locator("article a[href*='domains/']:not([href*='#'])")
    assert domains.count() == 10


def lone_last_characters(page) -> list[str]:
    """The measure headings (and their side-by-side pages' two) whose last line holds a single
    character (besides punctuation)."""
    return page.evaluate(
        r"""() => [...document.querySelectorAll("article h2[id^=measure-], article .side-by-side[id^=measure-] > h2")].filter(heading => {
            const tops = [];
            const range = document.createRange();
            const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode()); ) {
                if (node.parentElement.closest(".headerlink")) continue;
                for (let i = 0; i < node.length; i++) {
                    if (!node.data[i].trim() || /\p{P}/u.test(node.data[i])) continue;  // punctuation rides along
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const box = range.getClientRects()[0];
                    if (box) tops.push(box.top);
                }
            }
            const last = Math.max(...tops);
            return tops.filter(top => Math.abs(top - last) < 4).length === 1;
        }).map(heading => heading.id || `${heading.parentElement.id} (${heading.lang})`)"""
    )


@pytest.mark.parametrize("width", [320, 390])
def test_measure_headings_leave_no_character_alone_on_their_last_line(browser, site, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True)
    page = context.new_page()
    alone = {}
    for path in built_pages(site.site):
        if "/domains/" in f"/{path}":
            page.goto(site_url + path)
            alone[path] = lone_last_characters(page)
    context.close()
    assert len(alone) == 40  # each domain's page and its side-by-side page, in both scripts
    assert {path: ids for path, ids in alone.items() if ids} == {}


# ── keyboard and dark mode ────────────────────────────────────────────────────


@pytest.mark.parametrize("width", [390, 1280])
def test_every_tab_stop_before_the_content_can_be_seen(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}domains/education/", wait_until="networkidle")
    invisible = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => { const element = document.activeElement, box = element.getBoundingClientRect();
                return [element.className || element.tagName, box.width > 0 && box.height > 0
                        && element.checkVisibility({visibilityProperty: true})]; }"""
        )
        if not stop[1]:
            invisible.append(stop[0])
    context.close()
    assert invisible == []


@pytest.mark.parametrize("path", ["", "zh-Hans/domains/education/", "measures/", "zh-Hans/about/"])
def test_dark_mode_follows_the_system_and_stays_readable(browser, site_url, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(part) for part in re.findall(r"\d+", background)[:3])
    assert max(red, green, blue) < 80, background
    violations = axe_violations(page)
    context.close()
    assert violations == []
