"""The built site: every page in both scripts, every measure verbatim, scripts kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import opencc
import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from conftest import FIXTURE_FOLDER, ROOT, Build
from measures_site import hanzi
from measures_site.locales import LOCALES

SIGNED_TEXT = FIXTURE_FOLDER / "signed-text-2023.txt"  # the seed transcription, carried by the fixture
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_92bc78468928b768.txt"
PREFIX = {"zh-Hant": "", "zh-Hans": "zh-Hans/"}
OTHER = {"zh-Hant": "zh-Hans", "zh-Hans": "zh-Hant"}


@dataclass(frozen=True)
class Content:
    """A build with the data it was built from, read plainly (not by the generator's loader)."""

    build: Build
    data: dict
    overrides: list[dict]

    @property
    def slugs(self) -> list[str]:
        return [domain["slug"] for domain in self.data["domains"]]

    @property
    def meeting(self) -> int:
        return self.data["conference"]["meeting_number"]

    def measure_page(self, number: int) -> str:
        return f"meetings/{self.meeting}/measures/{number}/"

    @property
    def pages(self) -> list[str]:
        return [
            "",
            "memorandum/",
            "measures/",
            *(f"domains/{slug}/" for slug in self.slugs),
            *(self.measure_page(measure["number"]) for measure in self.data["measures"]),
        ]

    def measures_in(self, slug: str) -> list[dict]:
        return [measure for measure in self.data["measures"] if measure["domain"] == slug]

    def to_simplified(self, text: str) -> str:
        """OpenCC's conversion, then the editors' overrides (longest phrase first)."""
        converted = opencc.OpenCC("hk2s").convert(text)
        for override in sorted(self.overrides, key=lambda o: len(o["opencc"]), reverse=True):
            converted = converted.replace(override["opencc"], override["simplified"])
        return converted


def read_data(folder: Path) -> tuple[dict, list[dict]]:
    safe = YAML(typ="safe")
    data = safe.load((folder / "measures.yaml").read_text(encoding="utf-8"))
    overrides = safe.load((folder / "conversion.yaml").read_text(encoding="utf-8")) or {}
    return data, overrides.get("overrides") or []


FIXTURE, FIXTURE_OVERRIDES = read_data(FIXTURE_FOLDER)
# The fixture's pages, for tests that name a page of the signed text.
PAGES = ["", "memorandum/", "measures/", *(f"domains/{domain['slug']}/" for domain in FIXTURE["domains"])]


@pytest.fixture(scope="module", params=["fixture", "live"])
def content(request) -> Content:
    """Each check below runs on the fixture build and on the live data's build."""
    build = request.getfixturevalue("site" if request.param == "fixture" else "live_site")
    return Content(build, *read_data(build.project / "data"))


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(path), "html.parser")


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


# ── the fixture is the signed 2023 text ──────────────────────────────────────
# The live data may diverge from it by the editors' decision (corrections,
# additions, later meetings): only the frozen fixture is held to the signed text.


def test_fixture_is_the_signed_text_with_page_breaks_rejoined():
    seed_lines = [line for line in SIGNED_TEXT.read_text(encoding="utf-8").split("\n") if line.strip()]
    seed = "".join(seed_lines)  # a page-break cut is a blank line inside a sentence
    for paragraph in FIXTURE["memorandum"]["paragraphs"]:
        assert paragraph in seed
    for measure in FIXTURE["measures"]:
        assert f"{measure['number']}. **{measure['title']}**{measure['body']}" in seed
    assert len(FIXTURE["measures"]) == 21 and len(FIXTURE["domains"]) == 10
    assert [f"{d['ordinal']}、{d['name']}" for d in FIXTURE["domains"]] == [
        line for line in seed_lines if re.fullmatch(r"[一二三四五六七八九十]+、.+", line)
    ]
    # the cut paragraphs are whole again, and the duplicated date line is kept once
    assert any("在經貿、金融、創新及科技、航空航運和物流" in p for p in FIXTURE["memorandum"]["paragraphs"])
    assert "與香港交易所的合作備忘錄" in FIXTURE["measures"][3]["body"]
    assert "對接福建文旅、教育、商務等部門" in FIXTURE["measures"][18]["body"]
    assert FIXTURE["memorandum"]["signed_on"] == "2023年6月28日"


def test_fixture_carries_the_shared_seed_unchanged():
    if not SHARED_SEED.is_file():
        pytest.skip("no ../shared beside this clone: the fixture's own copy of the seed is used")
    assert SIGNED_TEXT.read_bytes() == SHARED_SEED.read_bytes()


# ── the software, on the fixture and on the live data ────────────────────────


def test_build_is_strict_and_warning_free(content: Content):
    assert content.build.returncode == 0
    assert "WARNING" not in content.build.output, content.build.output


@pytest.mark.parametrize("locale", PREFIX)
def test_every_page_exists_in_each_script(content: Content, locale: str):
    site = content.build.site
    for path in content.pages:
        assert (site / PREFIX[locale] / path / "index.html").is_file(), path
    domain_pages = {page.parent.name for page in (site / PREFIX[locale] / "domains").glob("*/index.html")}
    assert domain_pages == set(content.slugs)


def test_locales_of_the_generator_are_those_of_mkdocs_yml():
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reader: it knows the !ENV tag of site_url

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    assert [language["locale"] for language in i18n["languages"]] == [locale.code for locale in LOCALES]


def test_every_measure_is_verbatim_in_traditional_and_converted_in_simplified(content: Content):
    for measure in content.data["measures"]:
        page = f"domains/{measure['domain']}/"
        heading, body = measure_section(soup(content.build, page), measure["number"])
        assert heading == fold(f"{measure['number']}. {measure['title']}")
        assert body == fold(measure["body"])
        heading, body = measure_section(soup(content.build, "zh-Hans/" + page), measure["number"])
        assert heading == fold(f"{measure['number']}. {content.to_simplified(measure['title'])}")
        assert body == fold(content.to_simplified(measure["body"]))


def test_memorandum_is_verbatim(content: Content):
    memorandum = content.data["memorandum"]
    text = fold(soup(content.build, "memorandum/").find("article").get_text())
    for paragraph in memorandum["paragraphs"]:
        assert fold(paragraph) in text
    for signatory in memorandum["signatories"]:
        assert signatory["government"] in text and signatory["signature"] in text
    simplified = fold(soup(content.build, "zh-Hans/memorandum/").find("article").get_text())
    for paragraph in memorandum["paragraphs"]:
        assert fold(content.to_simplified(paragraph)) in simplified


def test_measure_anchors_are_unique_and_the_same_in_both_scripts(content: Content):
    expected = sorted(f"measure-{measure['number']}" for measure in content.data["measures"])
    for prefix in PREFIX.values():
        found = [
            element["id"]
            for slug in content.slugs
            for element in soup(content.build, f"{prefix}domains/{slug}/").find_all(id=re.compile(r"^measure-\d+$"))
        ]
        assert sorted(found) == expected


def test_home_has_a_card_per_domain_with_its_count_and_its_measures(content: Content):
    for locale, prefix in PREFIX.items():
        cards = soup(content.build, prefix).select(".grid.cards > ul > li")
        assert len(cards) == len(content.data["domains"])
        for card, domain in zip(cards, content.data["domains"]):
            measures = content.measures_in(domain["slug"])
            link = card.find("strong").find("a")
            assert link["href"].rstrip("/").endswith(f"domains/{domain['slug']}")
            expected_name = domain["name"] if locale == "zh-Hant" else content.to_simplified(domain["name"])
            assert expected_name in link.get_text()
            assert re.search(rf"\b{len(measures)}\b", card.get_text())
            items = card.select("li")
            assert len(items) == len(measures)
            for item, measure in zip(items, measures):
                title = measure["title"] if locale == "zh-Hant" else content.to_simplified(measure["title"])
                assert fold(item.get_text()) == fold(f"{measure['number']}. {title}")
                assert item.find("a")["href"].endswith(f"domains/{domain['slug']}/#measure-{measure['number']}")


def test_all_measures_index_links_every_measure_to_its_anchor_under_its_domain(content: Content):
    for prefix in PREFIX.values():
        article = soup(content.build, f"{prefix}measures/").find("article")
        assert article.find("table") is None
        found = []
        for heading in article.find_all("h2"):
            slug = heading.find("a")["href"].rstrip("/").rsplit("/", 1)[-1]
            for item in heading.find_next_sibling("ul").find_all("li"):
                found.append((slug, item.find("a")["href"], fold(item.get_text()).split(".")[0]))
        assert len(found) == len(content.data["measures"])
        expected = {
            (measure["domain"], str(measure["number"])): f"domains/{measure['domain']}/#measure-{measure['number']}"
            for measure in content.data["measures"]
        }
        for slug, href, number in found:
            assert href.endswith(expected[slug, number])


def _switch_links(document: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in document.select("a.script-switch__link[hreflang]")}


def test_script_switch_points_to_the_counterpart_page(content: Content):
    from urllib.parse import urljoin

    for path in content.pages:
        for locale, prefix in PREFIX.items():
            links = _switch_links(soup(content.build, prefix + path))
            assert list(links) == [OTHER[locale]]
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
        # The data-* ones are the copy-link button's words, which its script shows.
        for attribute in ("title", "aria-label", "placeholder", "alt", "content", "data-copy", "data-copied", "data-failed"):
            if element.has_attr(attribute):
                strings.append(str(element[attribute]))
    return strings


def test_no_simplified_only_character_on_traditional_pages(content: Content):
    for path in content.pages:
        texts = visible_strings(soup(content.build, path), "zh-Hant")
        found = {char for text in texts for _, char, _ in hanzi.find_simplified(text)}
        assert not found, f"Simplified-only characters on 繁體 page /{path}: {sorted(found)}"


def test_no_traditional_only_character_on_simplified_pages(content: Content):
    for path in content.pages:
        texts = visible_strings(soup(content.build, "zh-Hans/" + path), "zh-Hans")
        found = {char for text in texts for _, char, _ in hanzi.find_traditional(text)}
        assert not found, f"Traditional-only characters on 简体 page /zh-Hans/{path}: {sorted(found)}"


def test_html_lang_is_precise_per_script(content: Content):
    for locale, prefix in PREFIX.items():
        for path in content.pages:
            assert soup(content.build, prefix + path).html["lang"] == locale


def test_generated_pages_are_marked_and_not_tracked(site: Build):
    import subprocess

    for page in (site.project / "docs").glob("zh-*/**/*.md"):
        assert "Generated from data/measures.yaml" in page.read_text(encoding="utf-8")[:300]
    tracked = subprocess.run(
        ["git", "ls-files", "docs/zh-Hant", "docs/zh-Hans"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert tracked == ""
    assert Path(ROOT / ".gitignore").read_text().count("/docs/zh-Han") == 2
