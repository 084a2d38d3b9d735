"""The theme's stylesheet is published without the rules this site cannot use, and no page
looks different for it: each page, and each state a reader can put it in, is styled in Chromium
property for property as with the theme's original stylesheet, on every element and generated box."""

from __future__ import annotations

import gzip
from pathlib import Path

import material
import pytest
from conftest import ANIMATIONS_DONE

from measures_site.site.unused_css import classes_in_html, drop_unused_rules, words_in_script

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


# A page has settled when its fonts are in, every transition and animation has run its course,
# and the frame after that has been drawn: what a fixed wait only guesses at on a loaded machine.
SETTLED = f"""async () => {{
  await document.fonts.ready;
  await ({ANIMATIONS_DONE})();
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}}"""

# What the stylesheet decides for each element and each of its generated boxes (::before and
# ::after when they exist, ::marker on a list item): every computed property, except those the
# theme's script sets inline (a sidebar's height follows the window, at a moment of its own)
# and the custom properties.
# The same styles on the same elements draw the same page, so this compares the two renders
# exactly, where screenshots could differ by when the rasteriser or a script ran.
COMPUTED_STYLES = """(wanted) => {
  const boxes = [];
  for (const element of document.querySelectorAll("*")) {
    const inline = new Set(Array.from(element.style));
    const style = getComputedStyle(element);
    const pseudos = [""];
    for (const pseudo of ["::before", "::after"]) {
      if (getComputedStyle(element, pseudo).content !== "none") pseudos.push(pseudo);
    }
    if (style.display.includes("list-item")) pseudos.push("::marker");
    for (const pseudo of pseudos) {
      const computed = pseudo ? getComputedStyle(element, pseudo) : style;
      const values = [];
      for (let i = 0; i < computed.length; i++) {
        const name = computed[i];
        // Custom properties are compared where they are used, in the properties that read them:
        // their own text is the stylesheet's spelling (the purge writes "<!--" in an icon as "\\3c !--").
        if (!inline.has(name) && !name.startsWith("--")) values.push(name + ": " + computed.getPropertyValue(name));
      }
      const path = [];
      for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
        path.unshift(node.localName + (node.id ? "#" + node.id : "") + [...node.classList].map(name => "." + name).join(""));
      }
      boxes.push({box: path.join(" > ") + pseudo, values});
    }
  }
  if (wanted) return boxes.filter((_, index) => wanted.includes(index));
  // A digest of each box, compared first: the full lists are fetched only for boxes that differ.
  return boxes.map(({box, values}) => {
    let hash = 0x811c9dc5;
    for (const character of box + "{" + values.join(";")) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193);
    return hash >>> 0;
  });
}"""


def _styles_alike(browser, url: str, context_options: dict, original: bytes, act=None) -> None:
    contexts, pages = [], []
    try:
        for replace in (False, True):
            context = browser.new_context(reduced_motion="reduce", **context_options)
            contexts.append(context)
            page = context.new_page()
            if replace:
                page.route("**/assets/stylesheets/main.*.min.css", lambda route: route.fulfill(body=original, content_type="text/css"))
            page.goto(url, wait_until="networkidle")
            if act:
                act(page)
            page.evaluate(SETTLED)
            pages.append(page)
        published, theme = (page.evaluate(COMPUTED_STYLES, None) for page in pages)
        assert len(published) == len(theme), f"{url} has other elements with the published stylesheet than with the theme's"
        differing = [index for index, (mine, theirs) in enumerate(zip(published, theme)) if mine != theirs]
        if differing:
            ours, its = (page.evaluate(COMPUTED_STYLES, differing[:3]) for page in pages)
            details = [
                f"{box['box']}: " + "; ".join(sorted(set(box["values"]) ^ set(other["values"])))
                for box, other in zip(ours, its)
            ]
            pytest.fail(f"{url} is styled otherwise with the published stylesheet than with the theme's ({len(differing)} boxes): " + " | ".join(details))
    finally:
        for context in contexts:
            context.close()


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hans/"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_looks_the_same_on_a_phone(browser, site, site_url, prefix, path):
    _styles_alike(browser, site_url + prefix + path, PHONE, _original_stylesheet(site.site))


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "domains/education/", "measures/"])
def test_pages_look_the_same_on_a_desktop_and_in_dark_mode(browser, site, site_url, path):
    original = _original_stylesheet(site.site)
    _styles_alike(browser, site_url + path, DESKTOP, original)
    _styles_alike(browser, site_url + "zh-Hans/" + path, {**DESKTOP, "color_scheme": "dark"}, original)


@pytest.mark.browser
def test_the_open_menu_looks_the_same(browser, site, site_url):
    def open_menu(page):
        page.locator("label.md-header__button[for='__drawer']").click()

    _styles_alike(browser, site_url + "domains/education/", PHONE, _original_stylesheet(site.site), open_menu)


@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "query"), [("", "教育"), ("zh-Hans/", "教育")])
def test_search_results_look_the_same(browser, site, site_url, prefix, query):
    def search(page):
        box = page.locator(".md-search__input")
        box.click()
        page.keyboard.type(query)
        page.keyboard.press("End")  # the theme searches on a key, which typed Chinese has not
        page.wait_for_selector(".md-search-result__item")

    _styles_alike(browser, site_url + prefix, DESKTOP, _original_stylesheet(site.site), search)


@pytest.mark.browser
def test_printed_pages_look_the_same(browser, site, site_url):
    def printed(page):
        page.emulate_media(media="print")

    _styles_alike(browser, site_url + "domains/education/", DESKTOP, _original_stylesheet(site.site), printed)


@pytest.mark.browser
def test_the_comparison_finds_a_rule_the_page_needs_when_it_is_missing(browser, site, site_url):
    # The theme's stylesheet without the first rule of its headings: every page's h1 loses its size.
    original = _original_stylesheet(site.site).decode("utf-8")
    start = original.index(".md-typeset h1{")
    without_a_rule = original[:start] + original[original.index("}", start) + 1 :]
    with pytest.raises(pytest.fail.Exception, match=r"styled otherwise"):
        _styles_alike(browser, site_url + "domains/education/", DESKTOP, without_a_rule.encode("utf-8"))
