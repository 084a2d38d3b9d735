"""Every page carries a strict Content-Security-Policy, and the site works under it."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURE_FOLDER, NOT_FOUND_PAGES, ROOT, Build
from site_links import built_pages, pages_of_each_kind

from measures_site.site.content_policy import (
    SCRIPT_TEMPLATES,
    SiteScripts,
    UnlistedScript,
    add_content_security_policy,
    script_hash,
)
from measures_site.site.compact import drop_indentation

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


def test_every_page_allows_only_its_own_files_and_its_own_inline_scripts(each_site: Build):
    pages = every_html_page(each_site)
    assert len(pages) > 20
    for path in pages:
        html = (each_site.site / path).read_text(encoding="utf-8")
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
        for path in [*(path + "index.html" for path in pages_of_each_kind(site.project)), *NOT_FOUND_PAGES]:
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


# ── the policy allows what the templates write, never what a page happens to contain ──

PAGE = '<html><head><meta charset="utf-8"><script>site()</script></head><body>{}</body></html>'


def test_a_script_no_template_wrote_is_refused_not_hashed():
    allowed = frozenset({script_hash("site()")})
    with pytest.raises(UnlistedScript, match="alert"):
        add_content_security_policy(PAGE.format("<script>alert(1)</script>"), allowed)
    finished = add_content_security_policy(PAGE.format("<p>text</p>"), allowed)
    assert directives(BeautifulSoup(finished, "html.parser"))["script-src"] == ["'self'", sha256("site()")]


def test_the_hashes_are_those_of_the_script_templates_rendered_for_the_page():
    rendered = []

    def render(template: str, base_url: str) -> str:
        rendered.append((template, base_url))
        return f"  <script>\n    {template}:{base_url}\n  </script>"

    hashes = SiteScripts(render, drop_indentation).hashes("../..")
    assert hashes == {sha256(f"\n{template}:../..\n") for template in SCRIPT_TEMPLATES}
    assert rendered == [(template, "../..") for template in SCRIPT_TEMPLATES]


def test_the_theme_gets_every_string_of_the_data_escaped(tmp_path):
    """Footer and head values enter templates MkDocs renders without autoescaping."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    from measures_site.content.pipeline import load_site_content
    from measures_site.site import theme_context

    content = load_site_content(FIXTURE_FOLDER / "measures.yaml", FIXTURE_FOLDER / "conversion.yaml")
    # An address the model would refuse, as if it had got past the check.
    site = content.source.site
    hostile = site.official_source.model_copy(update={"url": '"><script>alert(1)</script>', "name": "<b>x</b>"})
    document = content.localized["zh-Hant"].document
    localized = dict(content.localized)
    localized["zh-Hant"] = replace(
        localized["zh-Hant"],
        document=document.model_copy(update={"site": site.model_copy(update={"official_source": hostile})}),
    )
    content = replace(content, localized=localized)

    def leaves(value):
        if isinstance(value, dict):
            return [leaf for item in value.values() for leaf in leaves(item)]
        if isinstance(value, list):
            return [leaf for item in value for leaf in leaves(item)]
        return [value]

    for given in (theme_context.footer(content, "zh-Hant"), theme_context.head(content, "zh-Hant")):
        strings = [leaf for leaf in leaves(given) if isinstance(leaf, str)]
        assert strings and all(isinstance(leaf, Markup) for leaf in strings)
    environment = Environment(loader=FileSystemLoader(ROOT / "overrides"))
    config = {"copyright": "", "extra": {"page_footer": theme_context.footer(content, "zh-Hant")}}
    footer = environment.get_template("partials/copyright.html").render(config=config, base_url="..")
    assert "<script>" not in footer and 'href="&#34;&gt;&lt;script&gt;' in footer
