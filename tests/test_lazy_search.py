"""Search is downloaded when a reader reaches for it, not with every first view."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# The index, and the search worker (the site's, or Material's with its lunr files).
SEARCH_FILES = ("search/search_index.json", "/workers/search", "/lunr/")


def searched_files(requested: list[str]) -> list[str]:
    return [url for url in requested if any(part in url for part in SEARCH_FILES)]


def test_first_view_downloads_nothing_of_search(every_page_visit):
    assert {path: searched_files(visit.requested) for path, visit in every_page_visit.items()} == {
        path: [] for path in every_page_visit
    }


@pytest.mark.parametrize("open_search", ["focus the box", "tap the search button"])
def test_reaching_for_search_downloads_it_and_it_answers(browser, site_url, open_search):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(site_url + "zh-Hans/", wait_until="networkidle")
        assert searched_files(requested) == []
        if open_search == "focus the box":
            page.keyboard.press("/")  # Material's shortcut to the search box
        else:
            page.locator("label.md-header__button[for='__search']").tap()
        page.locator("input.md-search__input").focus()
        # The whole query at once, as an input method commits it, then one key (Material searches on
        # keyup), as test_search.search does: typed key by key, one run under load showed no result for
        # 教育 in 30 s, as typing 21世紀 key by key once showed the answer for 21 alone.
        page.keyboard.insert_text("教育")
        page.keyboard.press("End")
        page.locator(".md-search-result__list a").first.wait_for()
        assert any("search/search_index.json" in url for url in requested)
        assert any("/workers/search" in url for url in requested)
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "zh-Hans/"])
def test_a_query_pasted_while_search_is_still_loading_is_answered_once_it_has_loaded(browser, site_url, prefix):
    """Pasted from a menu (an input event, no key): Material alone would wait for a keystroke."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        # The index is held back until the query is in: its request waits here until released.
        held = []
        page.route("**/search/search_index.json", lambda route: held.append(route))
        page.goto(site_url + prefix + "domains/education/", wait_until="networkidle")
        page.locator(".md-search__input").click()
        while not held:
            page.wait_for_timeout(0)  # hands control to the page until it asks for the index
        page.locator(".md-search__input").evaluate(
            "input => { input.value = '姊妹學校'; input.dispatchEvent(new Event('input', { bubbles: true })); }"
        )
        assert page.locator(".md-search-result__list > li").count() == 0
        held[0].continue_()
        page.locator(".md-search-result__list > li").first.wait_for()
        assert page.locator(".md-search-result__list > li").first.inner_text().startswith("16.")
    finally:
        context.close()
