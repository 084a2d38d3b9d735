"""Every page carries a strict Content-Security-Policy, and the site works under it."""

from __future__ import annotations

import base64
import hashlib

import pytest
from bs4 import BeautifulSoup

from conftest import NOT_FOUND_PAGES, Build
from site_links import built_pages

POLICY_META = {"http-equiv": "Content-Security-Policy"}
# Collected from the start of every document, before the page's own scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile);
});
"""


def every_html_page(site: Build) -> list[str]:
    return [*(path + "index.html" for path in built_pages(site.site)), *NOT_FOUND_PAGES]


def directives(document: BeautifulSoup) -> dict[str, list[str]]:
    (meta,) = document.find_all("meta", attrs=POLICY_META)
    return {name: sources for name, *sources in (part.split() for part in meta["content"].split(";"))}


def sha256(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode()}'"


def test_every_page_allows_only_its_own_files_and_its_own_inline_scripts(site: Build):
    pages = every_html_page(site)
    assert len(pages) > 20
    for path in pages:
        html = (site.site / path).read_text(encoding="utf-8")
        document = BeautifulSoup(html, "html.parser")
        policy = directives(document)
        assert policy["default-src"] == ["'none'"], path
        assert policy["style-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], path
        assert not [source for sources in policy.values() for source in sources if source.startswith(("http", "*"))]
        # the policy governs what follows it: it comes before every script and stylesheet
        assert html.index('http-equiv="Content-Security-Policy"') < min(html.index("<script"), html.index("<link"))
        inline = [
            script.string or ""
            for script in document.find_all("script")
            if not script.get("src") and script.get("type") in (None, "text/javascript", "module")
        ]
        assert inline, path
        assert {sha256(script) for script in inline} == set(policy["script-src"]) - {"'self'"}, path
        assert not document.find_all(style=True), f"{path}: a style attribute"
        assert not document.find_all("style"), path


pytestmark = pytest.mark.browser


def test_no_page_breaks_its_policy_and_search_and_the_script_switch_work(browser, site: Build, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    reported: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and reported.append(message.text))
    try:
        for path in every_html_page(site):
            page.goto(site_url + path, wait_until="networkidle")
            assert page.evaluate("window.__violations") == [], path
        assert reported == []

        page.goto(site_url + "domains/education/", wait_until="networkidle")
        page.locator(".md-search__input").click()
        page.keyboard.type("武夷山")
        page.keyboard.press("End")  # Material searches on keyup; typed Chinese sends none
        page.locator(".md-search-result__list a[href*='#measure-15']").first.wait_for(timeout=15_000)
        page.keyboard.press("Escape")
        page.locator(".md-sidebar--secondary a[href='#measure-15']").click()
        page.locator("a.script-switch__link[hreflang='zh-Hans']").click()
        page.wait_for_url("**/zh-Hans/domains/education/#measure-15")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == []
        assert reported == []
    finally:
        context.close()
