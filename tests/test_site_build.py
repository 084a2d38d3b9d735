"""The built site: every page in both scripts, every measure verbatim, scripts kept apart."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from conftest import ROOT, Build
from measures_site import scripts
from measures_site.locales import LOCALES

SEED = ROOT.parent / "shared" / "seeds" / "000_92bc78468928b768.txt"
PREFIX = {"zh-Hant": "", "zh-Hans": "zh-Hans/"}
OTHER = {"zh-Hant": "zh-Hans", "zh-Hans": "zh-Hant"}


def raw_data() -> dict:
    """The data file read plainly, independent of the generator's own loader."""
    return YAML(typ="safe").load((ROOT / "data" / "measures.yaml").read_text(encoding="utf-8"))


DATA = raw_data()
SLUGS = [domain["slug"] for domain in DATA["domains"]]
PAGES = ["", "memorandum/", "measures/", *(f"domains/{slug}/" for slug in SLUGS)]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(path), "html.parser")


OVERRIDES = YAML(typ="safe").load((ROOT / "data" / "conversion.yaml").read_text(encoding="utf-8"))["overrides"]


def to_simplified(text: str) -> str:
    """OpenCC's conversion, then the editors' overrides (longest phrase first)."""
    converted = opencc.OpenCC("hk2s").convert(text)
    for override in sorted(OVERRIDES, key=lambda o: len(o["opencc"]), reverse=True):
        converted = converted.replace(override["opencc"], override["simplified"])
    return converted


def measure_section(document: BeautifulSoup, number: int) -> tuple[str, str]:
    """(heading text, text of the paragraphs up to the next heading) of measure `number`."""
    heading = document.find(id=f"measure-{number}")
    assert heading is not None and heading.name == "h2", f"no <h2 id=measure-{number}>"
    paragraphs = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2"):
            break
        paragraphs.append(sibling.get_text())
    return fold(heading.get_text()), fold("".join(paragraphs))


def test_data_is_the_signed_text_with_page_breaks_rejoined():
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    seed = "".join(seed_lines)  # a page-break cut is a blank line inside a sentence
    for paragraph in DATA["memorandum"]["paragraphs"]:
        assert paragraph in seed
    for measure in DATA["measures"]:
        assert f"{measure['number']}. **{measure['title']}**{measure['body']}" in seed
    assert len(DATA["measures"]) == 21 and len(DATA["domains"]) == 10
    assert [f"{d['ordinal']}、{d['name']}" for d in DATA["domains"]] == [
        line for line in seed_lines if re.fullmatch(r"[一二三四五六七八九十]+、.+", line)
    ]
    # the cut paragraphs are whole again, and the duplicated date line is kept once
    assert any("在經貿、金融、創新及科技、航空航運和物流" in p for p in DATA["memorandum"]["paragraphs"])
    assert "與香港交易所的合作備忘錄" in DATA["measures"][3]["body"]
    assert "對接福建文旅、教育、商務等部門" in DATA["measures"][18]["body"]
    assert DATA["memorandum"]["signed_on"] == "2023年6月28日"


def test_build_is_strict_and_warning_free(site: Build):
    assert site.returncode == 0
    assert "WARNING" not in site.output, site.output


@pytest.mark.parametrize("locale", PREFIX)
def test_every_page_exists_in_each_script(site: Build, locale: str):
    for path in PAGES:
        assert (site.site / PREFIX[locale] / path / "index.html").is_file(), path
    domain_pages = list((site.site / PREFIX[locale] / "domains").glob("*/index.html"))
    assert len(domain_pages) == 10


def test_locales_of_the_generator_are_those_of_mkdocs_yml():
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reader: it knows the !ENV tag of site_url

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    assert [language["locale"] for language in i18n["languages"]] == [locale.code for locale in LOCALES]


@pytest.mark.parametrize("measure", DATA["measures"], ids=lambda m: f"measure-{m['number']}")
def test_measure_is_verbatim_in_traditional_and_converted_in_simplified(site: Build, measure: dict):
    page = f"domains/{measure['domain']}/"
    heading, body = measure_section(soup(site, page), measure["number"])
    assert heading == fold(f"{measure['number']}. {measure['title']}")
    assert body == fold(measure["body"])
    heading, body = measure_section(soup(site, "zh-Hans/" + page), measure["number"])
    assert heading == fold(f"{measure['number']}. {to_simplified(measure['title'])}")
    assert body == fold(to_simplified(measure["body"]))


def test_memorandum_is_verbatim(site: Build):
    text = fold(soup(site, "memorandum/").find("article").get_text())
    for paragraph in DATA["memorandum"]["paragraphs"]:
        assert fold(paragraph) in text
    for signatory in DATA["memorandum"]["signatories"]:
        assert signatory["government"] in text and signatory["signature"] in text
    simplified = fold(soup(site, "zh-Hans/memorandum/").find("article").get_text())
    for paragraph in DATA["memorandum"]["paragraphs"]:
        assert fold(to_simplified(paragraph)) in simplified


def test_measure_anchors_are_unique_and_the_same_in_both_scripts(site: Build):
    anchors = {}
    for locale, prefix in PREFIX.items():
        found = [
            element["id"]
            for slug in SLUGS
            for element in soup(site, f"{prefix}domains/{slug}/").find_all(id=re.compile(r"^measure-\d+$"))
        ]
        assert len(found) == len(set(found)) == 21
        anchors[locale] = sorted(found)
    assert anchors["zh-Hant"] == anchors["zh-Hans"] == sorted(f"measure-{n}" for n in range(1, 22))


def test_home_has_a_card_per_domain_with_its_measure_count(site: Build):
    for locale, prefix in PREFIX.items():
        document = soup(site, prefix)
        cards = document.select(".grid.cards li")
        assert len(cards) == 10
        for card, domain in zip(cards, DATA["domains"]):
            count = sum(1 for m in DATA["measures"] if m["domain"] == domain["slug"])
            link = card.find("a")
            assert link["href"].rstrip("/").endswith(f"domains/{domain['slug']}")
            expected_name = domain["name"] if locale == "zh-Hant" else to_simplified(domain["name"])
            assert expected_name in link.get_text()
            assert re.search(rf"\b{count}\b", card.get_text())


def test_all_measures_index_links_every_measure_to_its_anchor(site: Build):
    for prefix in PREFIX.values():
        rows = soup(site, f"{prefix}measures/").select("article table tbody tr")
        assert len(rows) == 21
        for row, measure in zip(rows, DATA["measures"]):
            cells = row.find_all("td")
            assert fold(cells[0].get_text()) == str(measure["number"])
            href = cells[1].find("a")["href"]
            assert href.endswith(f"domains/{measure['domain']}/#measure-{measure['number']}")


def _switch_links(document: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in document.select("a.md-select__link[hreflang]")}


@pytest.mark.parametrize("path", PAGES)
def test_script_switch_points_to_the_counterpart_page(site: Build, path: str):
    from urllib.parse import urljoin

    for locale, prefix in PREFIX.items():
        links = _switch_links(soup(site, prefix + path))
        here = "http://site.test/" + prefix + path
        target = urljoin(here, links[OTHER[locale]])
        assert target == "http://site.test/" + PREFIX[OTHER[locale]] + path


def visible_strings(document: BeautifulSoup, locale: str) -> list[str]:
    """Text and reader-facing attributes, leaving out what is marked as the other script."""
    other = OTHER[locale]
    for element in document.find_all(attrs={"lang": other}) + document.find_all(attrs={"hreflang": other}):
        element.decompose()
    for element in document(["script", "style", "template"]):
        element.decompose()
    strings = [document.get_text(" ")]
    for element in document.find_all(True):
        for attribute in ("title", "aria-label", "placeholder", "alt", "content"):
            if element.has_attr(attribute):
                strings.append(str(element[attribute]))
    return strings


@pytest.mark.parametrize("path", PAGES)
def test_no_simplified_only_character_on_traditional_pages(site: Build, path: str):
    found = {char for text in visible_strings(soup(site, path), "zh-Hant") for _, char, _ in scripts.find_simplified(text)}
    assert not found, f"Simplified-only characters on 繁體 page /{path}: {sorted(found)}"


@pytest.mark.parametrize("path", PAGES)
def test_no_traditional_only_character_on_simplified_pages(site: Build, path: str):
    found = {
        char
        for text in visible_strings(soup(site, "zh-Hans/" + path), "zh-Hans")
        for _, char, _ in scripts.find_traditional(text)
    }
    assert not found, f"Traditional-only characters on 简体 page /zh-Hans/{path}: {sorted(found)}"


def test_html_lang_is_precise_per_script(site: Build):
    for locale, prefix in PREFIX.items():
        for path in PAGES:
            assert soup(site, prefix + path).html["lang"] == locale


def test_generated_pages_are_marked_and_not_tracked(site: Build):
    import subprocess

    for page in (site.project / "docs").glob("zh-*/**/*.md"):
        assert "Generated from data/measures.yaml" in page.read_text(encoding="utf-8")[:300]
    tracked = subprocess.run(
        ["git", "ls-files", "docs/zh-Hant", "docs/zh-Hans"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert tracked == ""
    assert Path(ROOT / ".gitignore").read_text().count("/docs/zh-Han") == 2
