"""No field an editor controls can become markup, and the policy blesses only the site's scripts.

The fixture data with markup appended to every string field of the three data files
(measures.yaml, conversion.yaml, search.yaml) — what a compromised editor account or a
careless paste from a phishing mail could put there — is built once. In every page, feed,
open-data file and search index of both scripts the markup is text, never an element or
an attribute; and each page's Content-Security-Policy is exactly that of the same page
built from the untouched fixture: the hashes of the scripts the site's templates write.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Build, build_site, copy_project, serve_directory
from site_links import built_pages
from test_search import search

from measures_site.content.paths import DATA_FOLDER, data_file_name
from measures_site.locales import LOCALES
from measures_site.site.content_policy import script_hash

# Each way markup could get out of a text: an element, an event handler breaking out of
# an attribute, Markdown's attribute lists and links, and an entity written as text.
MARK = "window.injected"
PAYLOAD = (
    f'<script>{MARK}=1</script><img src=x onerror="{MARK}=2">"\'><b onmouseover="{MARK}=3">'
    f'{{: onclick="{MARK}=4"}}[link](javascript:{MARK}=5)&lt;i&gt;'
)
# Fields whose values are not free text: the model refuses markup in them (the address
# rule, slugs, dates, a variant's single characters), and the check of those refusals is
# the editor-check gallery's; a variant gets a pair of markup characters instead.
NOT_TEXT = frozenset({"slug", "domain", "url", "feedback_url", "date", "last_updated", "variants"})
# An override's phrase and a search term are at most 30 characters (the one text rule): they get
# a payload that fits, an element with an event handler.
PHRASE_PAYLOAD = "<b onclick=I>"
NOT_FOUND_PAGES = ("404.html", "zh-Hans/404.html")
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _inject(value, key=None, payload=PAYLOAD):
    if isinstance(value, dict):
        return {name: _inject(item, name, payload) for name, item in value.items()}
    if isinstance(value, list):
        return [_inject(item, key, payload) for item in value]
    if isinstance(value, str) and key not in NOT_TEXT:
        return value + payload
    return value


def _rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _injected_overrides(data: dict) -> dict:
    # The phrase an override replaces must be in the text to be used: the payload's own
    # link target (javascript:) is, wherever the payload was converted.
    overrides = [
        {**override, "simplified": override["simplified"] + PHRASE_PAYLOAD, "reason": override["reason"] + PAYLOAD}
        for override in data["overrides"]
    ]
    overrides.append({"opencc": "javascript:", "simplified": "<img src=x onerror=I>", "reason": PAYLOAD})
    return {**data, "overrides": overrides}


def _injected_search_terms(data: dict) -> dict:
    data = _inject(data, payload=PHRASE_PAYLOAD)
    data["synonyms"].append({"query": PHRASE_PAYLOAD, "finds": PHRASE_PAYLOAD})
    data["variants"] = [*data.get("variants", []), "<>"]
    return data


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("injected") / "project")
    data = project / "data"
    _rewrite(data / "measures.yaml", _inject)
    _rewrite(data / "conversion.yaml", _injected_overrides)
    _rewrite(data / "search.yaml", _injected_search_terms)
    build = build_site(project)
    assert build.returncode == 0, build.output
    return build


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def _pages(build: Build) -> list[str]:
    return [*built_pages(build.site), *NOT_FOUND_PAGES]


def _html(build: Build, path: str) -> str:
    file = build.site / path if path.endswith(".html") else build.site / path / "index.html"
    return file.read_text(encoding="utf-8")


def _markup_found(html: str) -> list[str]:
    """Every element or attribute in a page that the payload could have made."""
    document = BeautifulSoup(html, "html.parser")
    found = []
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"<{element.name} {name}>")
            if name in ("href", "src") and str(value).strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} {name}={value}>")
        if element.name == "img" and element.get("src") == "x":
            found.append("<img src=x>")
        if element.name == "script" and MARK in element.get_text():
            found.append("<script> with the payload")
    return found


def test_every_string_field_carries_the_payload(injected_site: Build) -> None:
    """The test proves something only if the payload reached every kind of page."""
    pages = _pages(injected_site)
    for path in pages:
        if path.endswith("404.html"):
            continue
        document = BeautifulSoup(_html(injected_site, path), "html.parser")
        assert f"{MARK}=1" in document.get_text(), path
        # The share image's alt text: an attribute's value, which the payload tries to leave.
        (alt,) = document.find_all("meta", attrs={"property": "og:image:alt"})
        if path.startswith(("domains/", "zh-Hans/domains/", "meetings/", "zh-Hans/meetings/")):
            assert f'<img src=x onerror="{MARK}=2">' in alt["content"], path


def test_no_field_becomes_markup_on_any_page(injected_site: Build, site: Build) -> None:
    pages = _pages(injected_site)
    assert sorted(pages) == sorted(_pages(site))
    assert {path: _markup_found(_html(injected_site, path)) for path in pages} == {path: [] for path in pages}


def test_the_footer_names_the_previous_and_next_pages_as_they_read(injected_site: Build) -> None:
    """Their titles are escaped once: an announced label is the text shown, not its escaped HTML."""
    for prefix in ("", "zh-Hans/"):
        document = BeautifulSoup(_html(injected_site, f"{prefix}domains/finance/"), "html.parser")
        links = document.select("a.md-footer__link")
        assert len(links) == 2
        for link in links:
            direction = link.select_one(".md-footer__direction").get_text(strip=True)
            title = link.select_one(".md-ellipsis").get_text(strip=True)
            assert MARK in title
            assert link["aria-label"] == f"{direction}: {title}"


def test_the_policy_of_every_page_lists_exactly_the_site_s_own_scripts(injected_site: Build, site: Build) -> None:
    for path in _pages(injected_site):
        injected, clean = _html(injected_site, path), _html(site, path)
        assert CSP.search(injected)[1] == CSP.search(clean)[1], path
        scripts = BeautifulSoup(injected, "html.parser").find_all("script", src=False)
        executable = [script for script in scripts if script.get("type") in (None, "text/javascript", "module")]
        hashes = set(re.findall(r"'sha256-[^']+'", CSP.search(injected)[1]))
        assert {script_hash(script.string or "") for script in executable} == hashes, path


def test_feeds_open_data_and_search_indexes_hold_the_payload_as_text(injected_site: Build) -> None:
    for locale in LOCALES:
        root = injected_site.site / locale.path_prefix
        feed = ElementTree.parse(root / "changes" / "feed.xml").getroot()
        atom = "{http://www.w3.org/2005/Atom}"
        contents = [entry.find(f"{atom}content") for entry in feed.iter(f"{atom}entry")]
        assert contents and all(content.get("type") == "xhtml" and MARK in "".join(content.itertext()) for content in contents)
        # The XHTML is the feed's own (the day, the subject's link, the note): the payload stays text.
        xhtml = "{http://www.w3.org/1999/xhtml}"
        tags = {element.tag for content in contents for element in content.iter() if element is not content}
        assert tags <= {f"{xhtml}{name}" for name in ("div", "p", "time", "a")}, tags

        data = json.loads((root / DATA_FOLDER / data_file_name(locale.code, "json")).read_text(encoding="utf-8"))
        # Whole in the source; the generated script's has the test's override applied inside it.
        assert any((PAYLOAD if locale.is_source else MARK) in value for value in _strings(data))

        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        # Titles and texts of the index are HTML, as Material's: the payload in them is escaped.
        for doc in index["docs"]:
            for field in ("title", "text"):
                assert "<script" not in doc[field] and "<img" not in doc[field], (doc["location"], field)
        assert any(MARK in doc["title"] for doc in index["docs"])


@pytest.mark.browser
def test_no_payload_runs_in_chromium(injected_site: Build, page) -> None:
    """Each template once, and a search whose results show the payload."""
    paths = ["", "zh-Hans/", "zh-Hans/memorandum/", "domains/finance/", "meetings/4/measures/4/", "about/",
             "zh-Hans/changes/", "zh-Hans/domains/finance/side-by-side/", "measures/", "404.html"]
    violations: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    with serve_directory(injected_site.site) as url:
        for path in paths:
            page.goto(url + path, wait_until="load")
            page.mouse.move(10, 10)
            assert page.evaluate("typeof window.injected") == "undefined", path
        page.goto(url + "domains/finance/", wait_until="load")
        answer = search(page, "injected")
        assert any(MARK in item["title"] for item in answer["items"]), answer  # shown as text
        page.locator(".md-search-result__list > li").first.hover()
        assert page.evaluate("typeof window.injected") == "undefined"
    # The payload was blocked by escaping, not by the policy: nothing even tried to run.
    assert violations == []
