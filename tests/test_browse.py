"""A reader's path through the site in a real browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_reader_follows_card_and_measure_then_switches_script_on_the_same_measure(page, site_url):
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "zh-Hant"

    page.locator(".grid.cards a", has_text="八、教育").click()
    page.wait_for_url("**/domains/education/")
    assert page.locator("h1").inner_text() == "八、教育"

    page.locator(".md-sidebar--secondary a[href='#measure-15']").click()
    page.wait_for_url("**/domains/education/#measure-15")
    assert page.locator("#measure-15").is_visible()

    page.locator("a.script-switch__link[hreflang='zh-Hans']").click()
    page.wait_for_url("**/zh-Hans/domains/education/#measure-15")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("#measure-15").inner_text().startswith("15. 开启闽港新领域合作")
    assert page.locator("#measure-15").is_visible()


def test_on_a_phone_the_menu_reaches_the_pages_about_the_site_and_a_long_page_has_back_to_top(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "zh-Hans/")
        page.locator("label.md-header__button[for=__drawer]").click()
        drawer = page.locator("nav.md-nav--primary")
        drawer.locator("label.md-nav__link", has_text="关于本站").click()
        for name in ("关于本站", "无障碍声明", "重要告示", "网站地图", "修订记录"):
            assert drawer.locator("a.md-nav__link", has_text=name).first.is_visible(), name
        page.locator("label.md-overlay").click(position={"x": 380, "y": 400})

        # Material shows the button once a reader, far down, turns back up.
        page.mouse.wheel(0, 2500)
        page.wait_for_function("() => window.scrollY > 1500")
        page.mouse.wheel(0, -200)
        top = page.locator("button.md-top")
        top.wait_for(state="visible")
        assert top.inner_text().strip() == "回到页首"
        top.click()
        page.wait_for_function("() => window.scrollY === 0")
    finally:
        context.close()


@pytest.mark.parametrize(("prefix", "name"), [("", "閩港合作措施"), ("zh-Hans/", "闽港合作措施")])
def test_on_the_narrowest_phone_the_header_shows_the_site_s_whole_name(browser, site_url, prefix, name):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + prefix)
        title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert title.inner_text().strip() == name
        assert title.evaluate("el => el.scrollWidth <= el.clientWidth"), "the name is cut with an ellipsis"
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()


@pytest.mark.parametrize(("prefix", "other"), [("", "zh-Hans/"), ("zh-Hans/", "")])
def test_switching_script_in_the_lower_part_of_a_long_paragraph_keeps_that_paragraph(browser, site_url, prefix, other):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    # The largest text: the memorandum's paragraphs run longer than the window.
    context.add_init_script("localStorage.setItem('text-size', 'larger')")
    page = context.new_page()
    try:
        page.goto(f"{site_url}{prefix}memorandum/")
        header = page.locator(".md-header").bounding_box()["height"]
        # The next paragraph begins in the window's lower part; the one being read began far above.
        page.locator("#paragraph-3").evaluate(
            "(paragraph, header) => scrollBy(0, paragraph.getBoundingClientRect().top - header - 200)", header
        )
        read, following = (page.locator(f"#paragraph-{n}").bounding_box()["y"] - header for n in (2, 3))
        assert -read > following > 0, "the next paragraph must start nearer the top than the one being read"
        page.locator("a.script-switch__link").click()
        page.wait_for_url(f"{site_url}{other}memorandum/#paragraph-2")
    finally:
        context.close()
