"""The theme's stylesheet is published without the rules this site cannot use, and no page
looks different for it: each page, and each state a reader can put it in, renders pixel for
pixel the same in Chromium with the published stylesheet as with the theme's original."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import material
import pytest
from PIL import Image, ImageChops

from measures_site.unused_css import classes_in_html, drop_unused_rules, words_in_script

ORIGINAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def _published_stylesheet(site: Path) -> Path:
    [stylesheet] = (site / "assets" / "stylesheets").glob("main.*.min.css")
    return stylesheet


def _original_stylesheet(site: Path) -> bytes:
    return (ORIGINAL_STYLESHEETS / _published_stylesheet(site).name).read_bytes()


# ── the rule ──────────────────────────────────────────────────────────────────


def test_a_rule_goes_only_when_each_of_its_selectors_names_an_unused_class():
    stylesheet = (
        ".used{color:red}"
        ".unused{color:blue}"
        ".unused,.used p{margin:0}"
        "p{padding:0}"
        "[dir=rtl] .used{float:right}"
        ":not(.unused) .used{top:0}"
        ":is(.unused,.other) .used{left:0}"
        "@media (min-width:10em){.unused{x:1}.used{x:2}}"
        "@media print{.unused{x:3}}"
        "@keyframes spin{from{opacity:0}to{opacity:1}}"
        ":root{--md-accent:#fff}"
    )
    kept = drop_unused_rules(stylesheet, {"used"})
    assert kept == (
        ".used{color:red}"
        ".used p{margin:0}"
        "p{padding:0}"
        "[dir=rtl] .used{float:right}"
        ":not(.unused) .used{top:0}"
        ":is(.unused,.other) .used{left:0}"
        "@media (min-width:10em){.used{x:2}}"
        "@keyframes spin{from{opacity:0}to{opacity:1}}"
        ":root{--md-accent:#fff}\n"
    )


def test_purging_twice_changes_nothing_more():
    [stylesheet] = ORIGINAL_STYLESHEETS.glob("main.*.min.css")
    original = stylesheet.read_text(encoding="utf-8")
    used = {"md-header", "md-nav", "md-typeset", "md-search"}
    once = drop_unused_rules(original, used)
    assert drop_unused_rules(once, used) == once
    assert len(once) < len(original)


def test_the_used_classes_are_read_from_markup_and_from_scripts():
    assert classes_in_html('<div class="md-nav  md-nav--primary"><p class=x>') == {"md-nav", "md-nav--primary"}
    assert {"md-search-result__item", "hidden"} <= words_in_script('e.classList.add("md-search-result__item","hidden")')


# ── the published site ────────────────────────────────────────────────────────


def test_the_published_stylesheet_is_the_theme_s_without_most_of_what_the_site_does_not_use(site):
    published = _published_stylesheet(site.site).read_bytes()
    original = _original_stylesheet(site.site)
    # What a reader's first view downloads: the stylesheet compressed, as GitHub Pages sends it.
    saved = len(gzip.compress(original, 6, mtime=0)) - len(gzip.compress(published, 6, mtime=0))
    assert saved > 4 * 1024, f"only {saved} bytes of the theme's stylesheet dropped"
    # Its source map described the original: it goes with it.
    assert not list((site.site / "assets" / "stylesheets").glob("main.*.css.map"))


# Each page type of both scripts, and the states a reader puts a page in.
PAGES = ["", "memorandum/", "domains/education/", "measures/", "data/", "about/", "404.html"]
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


ANTI_ALIASING_LEVELS = 8

# A page has settled when its fonts are in, every transition and animation has run its course,
# and the frame after that has been drawn: what a fixed wait only guesses at on a loaded machine.
SETTLED = """async () => {
  await document.fonts.ready;
  await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


# Chromium fades a scroll bar in and out (the sidebars') outside any animation a page can wait
# for, so both screenshots are taken without scroll bars; their colours are not the theme's to drop.
NO_SCROLL_BARS = "* { scrollbar-width: none !important; } *::-webkit-scrollbar { display: none !important; }"


def _screenshots_alike(browser, url: str, context_options: dict, original: bytes, act=None) -> None:
    shots = []
    for replace in (False, True):
        # The page's policy allows no inline style: the test's own is let through.
        context = browser.new_context(reduced_motion="reduce", bypass_csp=True, **context_options)
        page = context.new_page()
        if replace:
            page.route("**/assets/stylesheets/main.*.min.css", lambda route: route.fulfill(body=original, content_type="text/css"))
        page.goto(url, wait_until="networkidle")
        page.add_style_tag(content=NO_SCROLL_BARS)
        if act:
            act(page)
        page.evaluate(SETTLED)
        shots.append(page.screenshot(full_page=True))
        context.close()
    published, theme = (Image.open(io.BytesIO(shot)).convert("RGB") for shot in shots)
    assert published.size == theme.size, f"{url} has another size with the published stylesheet than with the theme's"
    # A rule wrongly dropped moves or recolours things by far more than this; a loaded machine's
    # rasteriser may shade an edge's anti-aliasing a few levels apart between two identical renders.
    largest = max(high for _, high in ImageChops.difference(published, theme).getextrema())
    assert largest <= ANTI_ALIASING_LEVELS, f"{url} looks different with the published stylesheet than with the theme's"


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hans/"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_looks_the_same_on_a_phone(browser, site, site_url, prefix, path):
    _screenshots_alike(browser, site_url + prefix + path, PHONE, _original_stylesheet(site.site))


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "domains/education/", "measures/"])
def test_pages_look_the_same_on_a_desktop_and_in_dark_mode(browser, site, site_url, path):
    original = _original_stylesheet(site.site)
    _screenshots_alike(browser, site_url + path, DESKTOP, original)
    _screenshots_alike(browser, site_url + "zh-Hans/" + path, {**DESKTOP, "color_scheme": "dark"}, original)


@pytest.mark.browser
def test_the_open_menu_looks_the_same(browser, site, site_url):
    def open_menu(page):
        page.locator("label.md-header__button[for='__drawer']").click()

    _screenshots_alike(browser, site_url + "domains/education/", PHONE, _original_stylesheet(site.site), open_menu)


@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "query"), [("", "教育"), ("zh-Hans/", "教育")])
def test_search_results_look_the_same(browser, site, site_url, prefix, query):
    def search(page):
        box = page.locator(".md-search__input")
        box.click()
        page.keyboard.type(query)
        page.keyboard.press("End")  # the theme searches on a key, which typed Chinese has not
        page.wait_for_selector(".md-search-result__item")

    _screenshots_alike(browser, site_url + prefix, DESKTOP, _original_stylesheet(site.site), search)


@pytest.mark.browser
def test_printed_pages_look_the_same(browser, site, site_url):
    def printed(page):
        page.emulate_media(media="print")

    _screenshots_alike(browser, site_url + "domains/education/", DESKTOP, _original_stylesheet(site.site), printed)
