"""Usable by everyone: no axe-core violation on any page, a skip link, one H1 and an
ordered outline, and navigation, script switch and search by keyboard alone."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import ANIMATIONS_DONE, NOT_FOUND_PAGES, axe_violations
from site_links import built_pages, pages_of_each_kind

SKIP_LINK_TEXT = {"zh-Hant": "跳至內容", "zh-Hans": "跳至正文"}


def test_no_axe_violation_on_any_page_on_a_phone(every_page_visit):
    # A page of each kind in each script, and both 404 pages (test_offline_reach counts them).
    assert len(every_page_visit) == 2 * 13 + 2
    assert {path: visit.axe for path, visit in every_page_visit.items() if visit.axe} == {}


@pytest.mark.browser
def test_no_axe_violation_on_any_page_on_a_desktop(page, site, site_url):
    violations = {}
    for path in [*pages_of_each_kind(site.project), *NOT_FOUND_PAGES]:
        page.goto(site_url + path)
        violations[path] = axe_violations(page)
    assert {path: found for path, found in violations.items() if found} == {}


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hans/"])
def test_no_axe_violation_with_search_results_or_the_navigation_drawer_open(browser, site_url, prefix):
    """The states a reader opens: contrast of search results (highlighted words, the count)
    and of the phone's navigation drawer is checked too, not only the page at rest."""
    found = {}
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{site_url}{prefix}domains/education/", wait_until="networkidle")
        page.keyboard.press("/")
        # On a phone the box is shown once search is open: typed sooner, the characters
        # land in a hidden box, out of order.
        # A selector, not a predicate: polling a predicate in the page is an eval, which the pages'
        # policy refuses once the first look finds it false (under load).
        page.wait_for_selector("#__search:checked", state="attached")
        page.keyboard.type("香港")
        page.keyboard.press("End")
        page.locator(".md-search-result__list mark").first.wait_for()
        page.wait_for_timeout(500)  # let the dialog finish fading in: axe measures what is painted
        found[f"search, {width}px"] = axe_violations(page)
        if width == 375:
            page.goto(f"{site_url}{prefix}domains/education/", wait_until="networkidle")
            page.locator("label.md-header__button[for='__drawer']").click()
            page.wait_for_timeout(500)
            found[f"drawer, {width}px"] = axe_violations(page)
        context.close()
    assert {state: violations for state, violations in found.items() if violations} == {}


def test_axe_finds_what_it_is_asked_to_find(page):
    """The check is live: a page with a nameless dialog and a low-contrast text fails it."""
    page.set_content(
        '<html lang="zh-Hant"><head><title>t</title></head><body><main><h1>標題</h1>'
        '<div role="dialog"></div><p style="color:#bbb">淺色文字</p></main></body></html>'
    )
    found = {violation.split(":")[0] for violation in axe_violations(page)}
    assert {"aria-dialog-name", "color-contrast"} <= found


def headings(site, path: str) -> list[tuple[int, str]]:
    document = BeautifulSoup((site.site / path).read_text(encoding="utf-8"), "html.parser")
    article = document.select_one("article")
    return [(int(tag.name[1]), tag.get_text(strip=True)) for tag in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def test_every_page_has_one_h1_first_and_no_skipped_heading_level(each_site):
    pages = [f"{path}index.html" for path in built_pages(each_site.site)] + list(NOT_FOUND_PAGES)
    for path in pages:
        outline = headings(each_site, path)
        document = BeautifulSoup((each_site.site / path).read_text(encoding="utf-8"), "html.parser")
        assert len(document.find_all("h1")) == 1, path
        assert outline[0][0] == 1, path
        for (previous, _), (level, text) in zip(outline, outline[1:]):
            assert level <= previous + 1, f"{path}: {text} jumps from h{previous} to h{level}"



def tab_until(page, selector: str, limit: int = 60):
    """Press Tab until the focused element matches `selector`; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{selector} never received focus by Tab")


@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "locale"), [("", "zh-Hant"), ("zh-Hans/", "zh-Hans")])
def test_first_tab_reaches_the_skip_link_which_jumps_to_the_content(page, site_url, prefix, locale):
    page.goto(f"{site_url}{prefix}domains/education/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text().strip() == SKIP_LINK_TEXT[locale]
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**#_1")
    assert page.locator("article h1").inner_text() == "八、教育"
    assert page.locator("article h1").is_visible()


@pytest.mark.browser
def test_navigation_by_keyboard(page, site_url):
    page.goto(site_url)
    # The domains are a section that opens with Enter, as Material's nav is built.
    section = tab_until(page, ".md-sidebar--primary label.md-nav__link")
    assert section.inner_text().strip() == "合作領域"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.locator(":focus").inner_text().strip() == "一、經貿"
    link = tab_until(page, ".md-sidebar--primary a.md-nav__link[href$='education/']", limit=10)
    assert link.inner_text().strip() == "八、教育"
    assert link.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/domains/education/")
    assert page.locator("article h1").inner_text() == "八、教育"


@pytest.mark.browser
def test_script_switch_by_keyboard_keeps_the_page(page, site_url):
    page.goto(site_url + "domains/education/")
    link = tab_until(page, "a.script-switch__link[hreflang='zh-Hans']")
    assert link.inner_text() == "简体"
    assert link.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh-Hans/domains/education/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    link = tab_until(page, "a.script-switch__link[hreflang='zh-Hant']")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/domains/education/") and "zh-Hans" not in url)


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hans/"])
def test_search_by_keyboard_opens_a_result(page, site_url, prefix):
    # Which results come first, and in which script, is search's own concern (its tests);
    # here: a reader without a mouse reaches the box, types, picks a result and gets there.
    page.goto(f"{site_url}{prefix}memorandum/", wait_until="networkidle")
    tab_until(page, "input.md-search__input")
    page.keyboard.type("武夷山")
    # Chinese arrives through an input method, whose commit ends with a key release: Material
    # searches on keyup, which Playwright's typing of non-ASCII text does not send. End does,
    # and changes nothing in the box.
    page.keyboard.press("End")
    page.locator(".md-search-result__list a").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.md-search-result__list') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "memorandum" not in url)
    assert "武夷山" in page.locator("article").inner_text()


def clear_button_box(page, prefix: str) -> dict:
    """The search box's clear button, once a query is typed and its opening animation has run."""
    if page.locator("label.md-header__button[for=__search]").is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    else:
        page.locator(".md-search__input").click()
    # Typed once search is ready (the result line stops saying it is being prepared).
    ready = {"": "輸入字詞開始搜尋", "zh-Hans/": "输入字词开始搜索"}[prefix]
    page.locator(".md-search-result__meta", has_text=ready).wait_for()
    page.locator(".md-search__input").fill("教育")
    page.keyboard.press("End")  # Material searches on keyup
    page.locator(".md-search-result__list > li").first.wait_for()
    clear = page.locator(".md-search__options button[type=reset]")
    # Material grows the button in as the query appears: measured once it has.
    clear.evaluate(ANIMATIONS_DONE)
    return clear.bounding_box()


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hans/"])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
# The browser's usual text size (a root of 20 px under Material's 125 %), and a smaller one (15 px).
@pytest.mark.parametrize("root", ["", "15px"], ids=["usual-text", "smaller-text"])
def test_the_search_clear_button_is_at_least_24_px_whatever_the_text_size(browser, site_url, prefix, viewport, root):
    """WCAG 2.2's minimum target size, 2.5.8, in both scripts, on a phone and a desktop."""
    small = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, is_mobile=small, has_touch=small)
    page = context.new_page()
    try:
        page.goto(site_url + prefix + "domains/education/")
        if root:
            page.evaluate("size => { document.documentElement.style.fontSize = size }", root)
        box = clear_button_box(page, prefix)
        assert box["width"] >= 24 and box["height"] >= 24, box
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hans/"])
def test_on_a_phone_every_footer_link_is_at_least_24_px(browser, site_url, prefix):
    """WCAG 2.2's minimum target size, 2.5.8, measured where a finger meets it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + prefix + "domains/education/")
        small = []
        for link in page.locator(".md-footer a, .md-copyright a").all():
            box = link.bounding_box()
            if box and (box["width"] < 24 or box["height"] < 24):
                small.append((link.inner_text(), box["width"], box["height"]))
        assert small == []
    finally:
        context.close()


@pytest.mark.browser
def test_the_text_size_chosen_is_announced_and_every_page_opens_at_it(browser, site_url):
    """GovHK's A A A: in the footer of every page, kept in this browser across pages and scripts."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    root_size = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    try:
        page.goto(site_url + "domains/education/")
        control = page.locator(".text-size")
        assert control.get_attribute("aria-label") == "字體大小"
        standard = page.evaluate(root_size)
        pressed = control.locator("button[aria-pressed=true]")
        assert pressed.inner_text() == "標準"
        control.locator("button", has_text="特大").click()
        assert page.locator(".text-size [role=status]").inner_text() == "字體大小已設為特大"
        assert pressed.inner_text() == "特大"
        larger = page.evaluate(root_size)
        assert larger >= 1.3 * standard

        # The next page, in the other script, opens at that size: set before it is drawn.
        sizes_seen = []
        page.expose_function("seen", lambda size: sizes_seen.append(size))
        page.add_init_script(
            "document.addEventListener('DOMContentLoaded', () => window.seen(parseFloat(getComputedStyle(document.documentElement).fontSize)))"
        )
        page.goto(site_url + "zh-Hans/meetings/4/measures/15/")
        assert sizes_seen == [larger]
        assert page.locator(".text-size button[aria-pressed=true]").inner_text() == "特大"
        page.locator(".text-size button", has_text="标准").click()
        assert page.evaluate(root_size) == standard
        assert page.locator(".text-size [role=status]").inner_text() == "字体大小已设为标准"
        page.goto(site_url)
        assert page.evaluate(root_size) == standard
    finally:
        context.close()
