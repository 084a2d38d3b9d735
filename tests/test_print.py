"""Printing a domain page gives its measures and its address, without the site's chrome."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CHROME = {
    "header and search": ".md-header",
    "search box": ".md-search",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer": ".md-footer",
    "skip link": ".md-skip",
}


@pytest.mark.parametrize(("prefix", "label"), [("", "本頁網址"), ("zh-Hans/", "本页网址")])
def test_printed_domain_page_has_measures_and_address_without_chrome(page, site_url, prefix, label):
    page.goto(f"{site_url}{prefix}domains/education/")
    address = page.locator(".page-url")
    assert not address.is_visible()  # on screen, the address bar says it
    for selector in CHROME.values():
        assert page.locator(selector).first.count() == 1

    page.emulate_media(media="print")
    hidden = {name for name, selector in CHROME.items() if not page.locator(selector).first.is_visible()}
    assert hidden == set(CHROME)
    for number in (15, 16, 17, 18):
        assert page.locator(f"#measure-{number}").is_visible()
    assert page.locator("article h1").inner_text() == "八、教育"
    assert address.is_visible()
    assert address.inner_text() == f"{label}：http://127.0.0.1:8000/{prefix}domains/education/"
    # The address comes after the measures, on the page itself.
    assert address.bounding_box()["y"] > page.locator("#measure-18").bounding_box()["y"]
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
