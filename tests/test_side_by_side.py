"""繁體 and 简体 side by side (繁簡對照), in Chromium on the built fixture site: two columns with
aligned rows on a desktop, 繁 then 简 stacked on a phone with nothing wider than the screen,
and the script switch keeping the row the reader is at."""

from __future__ import annotations

import pytest

from test_site_build import FIXTURE_MEETING

pytestmark = pytest.mark.browser

PREFIXES = ("", "zh-Hans/")
PAGES = ["memorandum/side-by-side/", *(f"domains/{domain['slug']}/side-by-side/" for domain in FIXTURE_MEETING["domains"])]
# Each block's children, in pairs: a row's 繁體 element, then its 简体 one.
ROWS = """() => [...document.querySelectorAll("article .side-by-side")].map(block =>
  [...block.children].map(child => {
    const box = child.getBoundingClientRect();
    return {lang: child.lang, left: box.left, right: box.right, top: box.top, bottom: box.bottom};
  }))"""


def rows_of(page) -> list[list[tuple[dict, dict]]]:
    blocks = page.evaluate(ROWS)
    assert blocks
    for block in blocks:
        assert [child["lang"] for child in block] == ["zh-Hant", "zh-Hans"] * (len(block) // 2)
    return [list(zip(block[::2], block[1::2])) for block in blocks]


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_on_a_desktop_the_two_scripts_are_side_by_side_in_aligned_rows(browser, site_url, prefix):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(site_url + prefix + path)
            for block in rows_of(page):
                for traditional, simplified in block:
                    assert traditional["right"] <= simplified["left"], path  # 繁 on the left
                    assert abs(traditional["top"] - simplified["top"]) < 1, path  # the row's tops level
            head = page.locator("article .side-by-side__head")
            assert head.is_visible()
            # Named by the head row: no label on each text.
            assert page.evaluate(
                """() => [...document.querySelectorAll("article .side-by-side:not(.side-by-side__head) > [lang]")]
                     .every(text => getComputedStyle(text, "::before").content === "none")"""
            ), path
            assert no_horizontal_overflow(page), path
    finally:
        context.close()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_on_a_phone_each_row_is_stacked_traditional_first(browser, site_url, prefix):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(site_url + prefix + path)
            width = page.evaluate("innerWidth")
            for block in rows_of(page):
                for traditional, simplified in block:
                    assert traditional["bottom"] <= simplified["top"], path  # 繁 above 简
                    assert abs(traditional["left"] - simplified["left"]) < 1, path
                    assert simplified["right"] <= width, path
            # The column names mean nothing in one column: each text is labelled with its script.
            assert not page.locator("article .side-by-side__head").is_visible()
            labels = page.evaluate(
                """() => [...document.querySelectorAll("article .side-by-side:not(.side-by-side__head) > [lang]")].map(text =>
                     [text.lang, getComputedStyle(text, "::before").content, getComputedStyle(text, "::before").display])"""
            )
            assert labels and {tuple(label) for label in labels} == {
                ("zh-Hant", '"繁體"', "block"),
                ("zh-Hans", '"简体"', "block"),
            }, path
            assert no_horizontal_overflow(page), path
    finally:
        context.close()


@pytest.mark.parametrize(("prefix", "other"), [("", "zh-Hans/"), ("zh-Hans/", "")])
def test_switch_keeps_the_row_the_reader_is_at(browser, site_url, prefix, other):
    # On a phone: the page is long enough there to scroll a row to the top of the window.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}{prefix}domains/education/side-by-side/")
    page.locator("#measure-17").evaluate("row => row.scrollIntoView()")
    page.wait_for_timeout(100)
    page.locator("a.script-switch__link").click()
    page.wait_for_load_state("load")
    assert page.url == f"{site_url}{other}domains/education/side-by-side/#measure-17"
    top = page.locator("#measure-17").bounding_box()["y"]
    assert 0 <= top < 200
    context.close()
