"""Printing a page gives its content, the site's name, the source, the date and its
address, without the site's chrome and without a blank sheet."""

from __future__ import annotations

import re
import zlib

import pytest

from site_links import pages_of_each_kind

pytestmark = pytest.mark.browser

CHROME = {
    "header and search": ".md-header",
    "search box": ".md-search",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer": ".md-footer",
    "skip link": ".md-skip",
}


def sheets_with_text(pdf: bytes) -> list[bool]:
    """For each sheet of a PDF as Chromium prints it, whether anything is written on it."""
    objects = {int(match[1]): match[2] for match in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}

    def stream(number: int) -> bytes:
        body = objects[number]
        start = re.search(rb"stream\r?\n", body).end()
        length = re.search(rb"/Length (\d+)(?! \d+ R)", body[:start])
        data = body[start : start + int(length[1])] if length else body[start : body.rindex(b"endstream")]
        return zlib.decompressobj().decompress(data) if b"FlateDecode" in body[:start] else data

    sheets = []
    for body in objects.values():
        if re.search(rb"/Type\s*/Page\b(?!s)", body):
            contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)[1]
            drawn = b"".join(stream(int(number)) for number in re.findall(rb"(\d+) 0 R", contents))
            sheets.append(b"Tj" in drawn or b"TJ" in drawn)
    return sheets


def test_sheet_reader_tells_a_blank_sheet(page):
    page.set_content("<p>一頁</p><div style='break-before: page'></div>")
    assert sheets_with_text(page.pdf(format="A4")) == [True, False]


@pytest.mark.parametrize(
    ("prefix", "label", "source", "updated"),
    [
        ("", "本頁網址", "內容來源：閩港合作會議第四次會議合作備忘錄", "最後更新：2023年6月28日"),
        ("zh-Hans/", "本页网址", "内容来源：闽港合作会议第四次会议合作备忘录", "最后更新：2023年6月28日"),
    ],
)
def test_printed_domain_page_is_one_sheet_with_site_source_date_and_address(page, site_url, prefix, label, source, updated):
    page.goto(f"{site_url}{prefix}domains/education/")
    address = page.locator(".page-url")
    assert not address.is_visible()  # on screen, the address bar says it
    assert not page.locator(".print-only").first.is_visible()
    for selector in CHROME.values():
        assert page.locator(selector).first.count() == 1

    page.emulate_media(media="print")
    hidden = {name for name, selector in CHROME.items() if not page.locator(selector).first.is_visible()}
    assert hidden == set(CHROME)
    for number in (15, 16, 17, 18):
        assert page.locator(f"#measure-{number}").is_visible()
    assert page.locator("article h1").inner_text() == "八、教育"
    assert page.locator("article .print-only").inner_text() in ("閩港合作措施", "闽港合作措施")
    colophon = page.locator(".page-colophon")
    assert colophon.is_visible()
    text = colophon.inner_text()
    assert source in text and updated in text
    assert address.inner_text() == f"{label}：http://127.0.0.1:8000/{prefix}domains/education/"
    # The address comes after the measures, on the page itself.
    assert address.bounding_box()["y"] > page.locator("#measure-18").bounding_box()["y"]
    for paper in ("A4", "Letter"):
        assert sheets_with_text(page.pdf(format=paper)) == [True], paper


def test_no_page_prints_a_blank_sheet(page, site, site_url):
    blank = {}
    for path in pages_of_each_kind(site.project):
        page.goto(site_url + path)
        for paper in ("A4", "Letter"):
            sheets = sheets_with_text(page.pdf(format=paper))
            if not all(sheets):
                blank[f"{path} ({paper})"] = sheets
    assert blank == {}


@pytest.mark.parametrize(("prefix", "domain", "ways"), [
    ("", "領域：三、創新及科技", ("上一項措施", "下一項措施", "在領域頁中的位置")),
    ("zh-Hans/", "领域：三、创新及科技", ("上一项措施", "下一项措施", "在领域页中的位置")),
])
def test_a_printed_measure_page_keeps_its_domain_and_leaves_out_the_ways_to_other_pages(page, site_url, prefix, domain, ways):
    page.goto(f"{site_url}{prefix}meetings/4/measures/5/")
    article = page.locator("article")
    assert all(way in article.inner_text() for way in ways)  # on screen
    page.emulate_media(media="print")
    printed = article.inner_text()
    assert domain in printed
    assert not [way for way in ways if way in printed]
    # The source below the text is read like it: as large, and where the text begins.
    colophon = page.locator(".page-colophon p").first
    text = page.locator("article p").nth(1)
    assert colophon.bounding_box()["x"] == pytest.approx(text.bounding_box()["x"], abs=1)
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert colophon.evaluate(size) >= 0.85 * text.evaluate(size)


def test_a_printed_side_by_side_page_keeps_each_heading_with_its_text(page, site_url):
    page.goto(f"{site_url}zh-Hans/domains/education/side-by-side/")
    page.emulate_media(media="print")
    blocks = page.locator("article .side-by-side[id]")
    assert blocks.count() == 4
    assert set(blocks.evaluate_all("blocks => blocks.map(block => getComputedStyle(block).breakInside)")) == {"avoid"}
    # Stacked on paper, each text says which script it is in.
    assert page.locator("#measure-15 > h2[lang=zh-Hans]").evaluate("h => getComputedStyle(h, '::before').content") == '"简体"'
