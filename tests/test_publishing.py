"""Nothing half-published, stale pages removed, and data shown as text, never as markup."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_site


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/build_measures.py", "build"], cwd=project, capture_output=True, text=True, timeout=600
    )


def test_failed_builds_leave_the_last_good_site_byte_for_byte(project_copy: Path):
    assert make_build(project_copy).returncode == 0
    site = project_copy / "site"
    good = snapshot(site)
    assert "index.html" in good and "zh-Hans/index.html" in good
    data = project_copy / "data" / "measures.yaml"
    original = data.read_text(encoding="utf-8")

    data.write_text(original.replace("      venue: 香港\n", "      venue: 香港\n      venue: 福州\n"), encoding="utf-8")
    result = make_build(project_copy)
    assert result.returncode == 1
    assert re.search(r"measures\.yaml:15:7: field 'venue' appears twice", result.stderr)
    assert "Traceback" not in result.stderr
    assert snapshot(site) == good

    # a failure inside MkDocs itself, after the pages were generated: a broken theme override
    data.write_text(original.replace("攜手融入", "攜手共融"), encoding="utf-8")
    (project_copy / "overrides" / "main.html").write_text('{% extends "base.html" %}{% block content %', encoding="utf-8")
    result = make_build(project_copy)
    assert result.returncode == 1
    assert "site/ is unchanged" in result.stderr
    assert snapshot(site) == good
    assert not [path for path in project_copy.iterdir() if path.name.startswith(".site-")]


def test_pages_of_a_removed_domain_disappear_on_the_next_build(project_copy: Path):
    first = build_site(project_copy)
    assert first.returncode == 0, first.output
    assert (first.site / "domains/hong-kong-people-in-mainland/index.html").is_file()
    data = project_copy / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("\n      - name: 便利港人在內地發展\n        slug: hong-kong-people-in-mainland\n", "")
    start = text.index("  - number: 21\n")
    end = text.index("\n\n", start)  # the measure's block ends at the blank line before `site:`
    text = text[:start] + text[end + 1 :]
    data.write_text(text, encoding="utf-8")
    second = build_site(project_copy)
    assert second.returncode == 0, second.output
    for prefix in ("", "zh-Hans/"):
        assert not (second.site / prefix / "domains/hong-kong-people-in-mainland").exists()
        assert (second.site / prefix / "domains/youth-development/index.html").is_file()
    assert not list((project_copy / "docs").glob("zh-*/domains/hong-kong-people-in-mainland.md"))


MARKUP = {
    "script": "<script>alert(1)</script>",
    "image": '<img src=x onerror="alert(2)">',
    "html": "<b>粗</b>&amp;",
    "heading": "# 標題",
    "emphasis": "*斜* __粗__",
    "link": "[按此](javascript:alert(3))",
    "table": "| a | b |",
    "attribute": "{: #x .y }",
    "quote": '"引號" \'單\'',
}


def test_whatever_an_editor_types_is_shown_as_literal_text(project_copy: Path):
    data = project_copy / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    payload = " ".join(MARKUP.values())
    quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"') + '"'
    for old, new in (
        ("  - name: 經貿\n", f"  - name: {quoted}\n"),
        ('    title: "深化金融合作。"', f"    title: {quoted}"),
        ("      name: 陳國基\n", f"      name: {quoted}\n"),
    ):
        assert text.count(old) == 1, old  # an edit that found nothing would test nothing
        text = text.replace(old, new)
    body_start = text.index("  - number: 5\n")
    body_line = text.index("    body: ", body_start)
    text = text[:body_line] + f"    body: {quoted}\n" + text[text.index("\n", body_line) + 1 :]
    data.write_text(text, encoding="utf-8")
    build = build_site(project_copy)
    assert build.returncode == 0, build.output

    for page in ("", "domains/economy-trade/", "domains/finance/", "domains/innovation-technology/", "measures/"):
        html = build.page(page)
        document = BeautifulSoup(html, "html.parser")
        assert not [s for s in document.find_all("script") if "alert" in (s.string or "") + str(s.get("src"))]
        assert not document.find_all("img", attrs={"onerror": True})
        assert not document.find_all("b", string="粗")
        assert not document.find_all(href=re.compile("^javascript:", re.I))
        assert payload in re.sub(r"\s+", " ", document.get_text(" ")), page
    finance = BeautifulSoup(build.page("domains/finance/"), "html.parser")
    assert finance.find(id="measure-4").get_text().strip() == f"4. {payload}"
    economy = BeautifulSoup(build.page("domains/economy-trade/"), "html.parser")
    assert economy.title.get_text().startswith(f"一、{payload}")


# ── faults: a page that cannot be written, a page nobody generated ───────────


def generated_pages(docs: Path) -> dict[str, bytes]:
    return {str(path.relative_to(docs)): path.read_bytes() for path in sorted(docs.glob("zh-*/**/*.md"))}


def test_a_page_that_cannot_be_written_leaves_every_page_whole(tmp_path: Path):
    from measures_site.site.docs_folder import publish_pages

    good = {"zh-Hant/a.md": "# Generated from data/measures.yaml\n甲", "zh-Hant/b.md": "# Generated from data/measures.yaml\n乙"}
    publish_pages(good, tmp_path, ["zh-Hant"])
    before = generated_pages(tmp_path)
    bad = {"zh-Hant/a.md": "# Generated from data/measures.yaml\n丙", "zh-Hant/b.md": "# Generated from data/measures.yaml\n\ud800"}
    with pytest.raises(UnicodeEncodeError):
        publish_pages(bad, tmp_path, ["zh-Hant"])
    assert generated_pages(tmp_path) == before
    assert sorted(path.name for path in (tmp_path / "zh-Hant").iterdir()) == ["a.md", "b.md"]


def test_after_a_failed_save_and_its_undo_the_hook_publishes_the_good_pages_again(project_copy: Path):
    from measures_site.site.mkdocs_build import MeasuresBuild

    build = MeasuresBuild()
    docs = project_copy / "docs"
    build.publish_content(project_copy, docs)
    good = generated_pages(docs)
    data = project_copy / "data" / "measures.yaml"
    original = data.read_text(encoding="utf-8")
    data.write_text(original.replace('title: "深化金融合作。"', 'title: "\\ud800"'), encoding="utf-8")
    with pytest.raises(Exception):
        build.publish_content(project_copy, docs)
    data.write_text(original, encoding="utf-8")
    build.publish_content(project_copy, docs)
    assert generated_pages(docs) == good


def test_a_page_the_generator_did_not_write_is_reported_and_kept(project_copy: Path):
    assert make_build(project_copy).returncode == 0
    good = snapshot(project_copy / "site")
    hand_written = project_copy / "docs" / "zh-Hant" / "notes.md"
    hand_written.write_text("# 筆記\n", encoding="utf-8")
    result = make_build(project_copy)
    assert result.returncode == 1
    assert "docs/zh-Hant/notes.md: not written by the generator" in result.stderr
    assert "data/measures.yaml" in result.stderr and "templates" in result.stderr
    assert "Traceback" not in result.stderr
    assert hand_written.read_text(encoding="utf-8") == "# 筆記\n"
    assert snapshot(project_copy / "site") == good
