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
