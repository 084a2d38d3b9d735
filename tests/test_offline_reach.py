"""Reachable from mainland China: no page asks anything of another host, and a page
whose outside hosts never answer still shows its content."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_no_page_requests_anything_from_another_origin(every_page_visit, site_url):
    # A page of each of the 13 kinds (home, memorandum, index, progress, data, about, accessibility,
    # notices, site map, change log, domain, measure, side by side) in each script, and the two 404 pages.
    assert len(every_page_visit) == 2 * 13 + 2
    visited = set(every_page_visit)
    assert "zh-Hans/404.html" in visited
    assert any(path.startswith("meetings/4/measures/") for path in visited)
    assert any(path.startswith("zh-Hans/") and path.endswith("side-by-side/") for path in visited)
    origin = urlsplit(site_url).netloc
    leaving = {
        path: [url for url in visit.requested if urlsplit(url).netloc != origin]
        for path, visit in every_page_visit.items()
    }
    assert {path: urls for path, urls in leaving.items() if urls} == {}
    # The pages did load their own stylesheets and script: the check saw real traffic.
    for visit in every_page_visit.values():
        assert any(url.endswith("extra.css") for url in visit.requested)
        assert any("/bundle." in url for url in visit.requested)


def test_no_page_logs_an_error_or_misses_a_file(every_page_visit):
    assert {path: visit.errors for path, visit in every_page_visit.items() if visit.errors} == {}


@pytest.mark.parametrize("path", ["", "zh-Hans/", "domains/education/", "zh-Hans/domains/education/"])
def test_page_renders_its_content_with_every_other_host_blackholed(browser, site_url, path):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    local = urlsplit(site_url).netloc
    blocked: list[str] = []

    def blackhole(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", blackhole)
    page = context.new_page()
    try:
        page.goto(site_url + path, wait_until="load", timeout=10_000)
        heading = page.locator("article h1")
        assert heading.is_visible()
        assert heading.inner_text() in {"閩港合作會議第四次會議", "闽港合作会议第四次会议", "八、教育"}
        if "education" in path:
            assert page.locator("#measure-15").is_visible()
        # Styled by the site's own stylesheet, with a system CJK font of the page's script.
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert ("PingFang HK" in font) == (not path.startswith("zh-Hans/"))
        assert ("PingFang SC" in font) == path.startswith("zh-Hans/")
        assert blocked == []
    finally:
        context.close()
