"""Built pages lose the templates' indentation, and not one character of the text."""

from __future__ import annotations

import html
import re

from conftest import Build
from measures_site.site.compact import drop_indentation
from test_site_build import FIXTURE_MEETING


def test_runs_with_a_line_break_become_the_line_break_alone():
    assert drop_indentation("<ul>\n    <li>甲</li>\n\n    <li>乙</li>\n  </ul>") == "<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>"


def test_spaces_without_a_line_break_are_kept():
    text = "<p>於 2023 年 6 月 28 日  在香港\t召開</p> <b>粗</b>"
    assert drop_indentation(text) == text


def test_pre_and_textarea_keep_their_whitespace():
    text = "<div>\n  <pre>\n  一\n     二\n</pre>\n  <TEXTAREA>\n  三\n</TEXTAREA>\n</div>"
    assert drop_indentation(text) == "<div>\n<pre>\n  一\n     二\n</pre>\n<TEXTAREA>\n  三\n</TEXTAREA>\n</div>"


def test_signed_text_is_in_the_built_html_character_for_character(site: Build):
    for measure in FIXTURE_MEETING["measures"]:
        page = site.page(f"domains/{measure['domain']}/")
        assert html.escape(f"{measure['number']}. {measure['title']}", quote=False) in page
        assert f"<p>{html.escape(measure['body'], quote=False)}</p>" in page
    memorandum = site.page("memorandum/")
    for number, paragraph in enumerate(FIXTURE_MEETING["memorandum"]["paragraphs"], start=1):
        assert f'<p id="paragraph-{number}">{html.escape(paragraph, quote=False)}</p>' in memorandum


def test_published_stylesheet_has_every_rule_of_the_source(page):
    """The stylesheet loses its comments and spaces, never a rule: the browser reads the same."""
    from conftest import ROOT
    from measures_site.site.compact import compact_css

    def rules(css: str) -> list[str]:
        page.set_content(f"<style>{css}</style>")
        texts = page.evaluate("[...document.styleSheets[0].cssRules].map(rule => rule.cssText)")
        # A custom property keeps its value as written: its spaces are the only difference.
        return [re.sub(r"\s*,\s*", ",", re.sub(r"\s+", " ", text)) for text in texts]

    source = (ROOT / "overrides" / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    compacted = compact_css(source)
    assert "/*" not in compacted and len(compacted) < len(source) * 0.7
    assert rules(compacted) == rules(source)


def test_published_scripts_keep_their_code_without_comment_lines():
    from conftest import ROOT
    from measures_site.site.compact import compact_js

    for name in ("place-links.js", "not-found.js", "text-size.js"):
        source = (ROOT / "docs" / "assets" / "javascripts" / name).read_text(encoding="utf-8")
        code = [line.strip() for line in source.splitlines() if line.strip() and not line.strip().startswith("//")]
        assert compact_js(source).splitlines() == code
