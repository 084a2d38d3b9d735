"""The built site: every page in both scripts, every measure verbatim, scripts kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import opencc
import pytest
from bs4 import BeautifulSoup, NavigableString
from ruamel.yaml import YAML

from conftest import FIXTURE_FOLDER, LOCALE_PREFIXES, ROOT, Build
from measures_site.content.render import LISTED_IN_FULL
from measures_site.data import hanzi
from measures_site.data.model import chinese_ordinal
from measures_site.locales import LOCALES

SIGNED_TEXT = FIXTURE_FOLDER / "signed-text-2023.txt"  # the seed transcription, carried by the fixture
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_92bc78468928b768.txt"
PREFIX = LOCALE_PREFIXES
# A meeting, in each script's words (with several meetings a page's title and the change log name it).
MEETING_LABEL = {"zh-Hant": "第{}次會議", "zh-Hans": "第{}次会议"}
OTHER = {"zh-Hant": "zh-Hans", "zh-Hans": "zh-Hant"}


@dataclass(frozen=True)
class Content:
    """A build with the data it was built from, read plainly (not by the generator's loader)."""

    build: Build
    data: dict
    overrides: list[dict]
    # The number of the meeting the checks are about; the newest with measures unless told.
    about: int | None = None

    @property
    def meeting(self) -> dict:
        """The meeting the checks are about: the one the home page leads with, unless told."""
        if self.about is None:
            return lead_meeting(self.data)
        return next(m for m in self.data["meetings"] if m["conference"]["meeting_number"] == self.about)

    @property
    def overview(self) -> str:
        """The page that shows the meeting's domains: its own with several meetings, else the home page."""
        return f"meetings/{self.meeting_number}/" if self.several else ""

    @property
    def meeting_number(self) -> int:
        return self.meeting["conference"]["meeting_number"]

    @property
    def several(self) -> bool:
        return len(self.data["meetings"]) > 1

    def meeting_words(self, locale: str) -> str:
        """The meeting in a word (第四次會議), when the site holds several meetings; else nothing."""
        return MEETING_LABEL[locale].format(chinese_ordinal(self.meeting_number)) if self.several else ""

    def named(self, locale: str) -> str:
        """What a page's title of the meeting ends with: its meeting, when the site holds several."""
        return f"（{self.meeting_words(locale)}）" if self.several else ""

    @property
    def folder(self) -> str:
        """Where the meeting's pages are: the 4th's at the root, as the site published them first."""
        return meeting_folder(self.meeting_number)

    @property
    def slugs(self) -> list[str]:
        return [domain["slug"] for domain in self.meeting["domains"]]

    def measure_page(self, number: int, meeting: int | None = None) -> str:
        return f"meetings/{meeting or self.meeting_number}/measures/{number}/"

    @property
    def pages(self) -> list[str]:
        return [
            "",
            f"{self.folder}memorandum/",
            f"{self.folder}measures/",
            *(f"{self.folder}domains/{slug}/" for slug in self.slugs),
            *self.side_by_side_pages,
            *(self.measure_page(measure["number"]) for measure in self.meeting["measures"]),
        ]

    @property
    def side_by_side_pages(self) -> list[str]:
        return [f"{self.folder}memorandum/side-by-side/", *(f"{self.folder}domains/{slug}/side-by-side/" for slug in self.slugs)]

    def measures_in(self, slug: str) -> list[dict]:
        return [measure for measure in self.meeting["measures"] if measure["domain"] == slug]

    def to_simplified(self, text: str) -> str:
        """OpenCC's conversion, then the editors' overrides (longest phrase first)."""
        converted = opencc.OpenCC("hk2s").convert(text)
        for override in sorted(self.overrides, key=lambda o: len(o["opencc"]), reverse=True):
            converted = converted.replace(override["opencc"], override["simplified"])
        return converted


def meeting_folder(number: int) -> str:
    """Where a meeting's pages are: the 4th's at the root, as the site published them before it held
    several; every other's under meetings/<n>/."""
    return "" if number == 4 else f"meetings/{number}/"


def lead_meeting(data: dict) -> dict:
    """The newest meeting with measures, as written."""
    return max((m for m in data["meetings"] if m.get("measures")), key=lambda m: m["conference"]["meeting_number"])


def read_data(folder: Path) -> tuple[dict, list[dict]]:
    safe = YAML(typ="safe")
    data = safe.load((folder / "measures.yaml").read_text(encoding="utf-8"))
    overrides = safe.load((folder / "conversion.yaml").read_text(encoding="utf-8")) or {}
    return data, overrides.get("overrides") or []


FIXTURE, FIXTURE_OVERRIDES = read_data(FIXTURE_FOLDER)
FIXTURE_MEETING = lead_meeting(FIXTURE)
# The fixture's pages, for tests that name a page of the signed text.
PAGES = ["", "memorandum/", "measures/", *(f"domains/{domain['slug']}/" for domain in FIXTURE_MEETING["domains"])]


@pytest.fixture(scope="module", params=["fixture", pytest.param("live", marks=pytest.mark.live_content)])
def content(request) -> Content:
    """Each check below runs on the fixture build and on the live data's build."""
    build = request.getfixturevalue("site" if request.param == "fixture" else "live_site")
    return Content(build, *read_data(build.project / "data"))


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(path), "html.parser")


def measure_section(document: BeautifulSoup, number: int) -> tuple[str, str]:
    """(heading text, text of the paragraphs up to the next heading) of measure `number`: its signed
    text, without the newest report of its progress that may follow it."""
    heading = document.find(id=f"measure-{number}")
    assert heading is not None and heading.name == "h2", f"no <h2 id=measure-{number}>"
    paragraphs = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2"):
            break
        if "progress-latest" not in sibling.get("class", ()):
            paragraphs.append(sibling.get_text())
    return fold(heading.get_text()), fold("".join(paragraphs))


# ── the fixture is the signed 2023 text ──────────────────────────────────────
# The live data may diverge from it by the editors' decision (corrections,
# additions, later meetings): only the frozen fixture is held to the signed text.


def test_fixture_is_the_signed_text_with_page_breaks_rejoined():
    seed_lines = [line for line in SIGNED_TEXT.read_text(encoding="utf-8").split("\n") if line.strip()]
    seed = "".join(seed_lines)  # a page-break cut is a blank line inside a sentence
    for paragraph in FIXTURE_MEETING["memorandum"]["paragraphs"]:
        assert paragraph in seed
    for measure in FIXTURE_MEETING["measures"]:
        assert f"{measure['number']}. **{measure['title']}**{measure['body']}" in seed
    assert len(FIXTURE_MEETING["measures"]) == 21 and len(FIXTURE_MEETING["domains"]) == 10
    # The ordinal is not written: it is the domain's place in the list.
    assert [f"{chinese_ordinal(place)}、{d['name']}" for place, d in enumerate(FIXTURE_MEETING["domains"], start=1)] == [
        line for line in seed_lines if re.fullmatch(r"[一二三四五六七八九十]+、.+", line)
    ]
    # the cut paragraphs are whole again, and the duplicated date line is kept once
    assert any("在經貿、金融、創新及科技、航空航運和物流" in p for p in FIXTURE_MEETING["memorandum"]["paragraphs"])
    assert "與香港交易所的合作備忘錄" in FIXTURE_MEETING["measures"][3]["body"]
    assert "對接福建文旅、教育、商務等部門" in FIXTURE_MEETING["measures"][18]["body"]
    assert FIXTURE_MEETING["memorandum"]["signed_on"] == "2023年6月28日"


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
    domain_pages = {page.parent.name for page in (site / PREFIX[locale] / content.folder / "domains").glob("*/index.html")}
    assert domain_pages == set(content.slugs)


@pytest.mark.parametrize("locale", PREFIX)
def test_the_menu_lists_the_pages_their_records_put_in_it_in_their_order(content: Content, locale: str):
    from measures_site.content.interface import PAGE_LABELS
    from measures_site.content.paths import url
    from measures_site.content.pipeline import load_site_content

    data = content.build.project / "data"
    site_content = load_site_content(data / "measures.yaml", data / "conversion.yaml")
    records = site_content.pages_of(locale)
    in_menu = [page for page, record in records.items() if record.menu_section is not None]
    assert len(in_menu) < len(records)  # a measure's page and the side-by-side views are not in it
    menu = soup(content.build, PREFIX[locale]).select_one("nav.md-nav--primary")
    # From the home page, whose own sections Material lists under it as "#…" links.
    listed = [a["href"] for a in menu.select("a.md-nav__link[href]") if not a["href"].startswith("#")]
    assert [href.rstrip("/") or "." for href in listed] == [url(page).rstrip("/") or "." for page in in_menu]
    interface = site_content.localized[locale].interface
    sections = [interface(PAGE_LABELS[key]) for key in dict.fromkeys(records[page].menu_section for page in in_menu) if key]
    # With several meetings, the meetings' pages are a section of their own.
    expected = ["domains", *(["meetings"] if content.several else []), "about"]
    assert sections == [interface(PAGE_LABELS[key]) for key in expected]
    titles = [label.get_text(strip=True) for label in menu.select("label.md-nav__link")]
    assert [title for title in titles if title in sections] == sections


def test_locales_of_the_generator_are_those_of_mkdocs_yml():
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reader: it knows the !ENV tag of site_url

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    assert [(language["locale"], language["name"]) for language in i18n["languages"]] == [
        (locale.code, locale.name) for locale in LOCALES
    ]


def test_every_measure_is_verbatim_in_traditional_and_converted_in_simplified(content: Content):
    for measure in content.meeting["measures"]:
        page = f"{content.folder}domains/{measure['domain']}/"
        heading, body = measure_section(soup(content.build, page), measure["number"])
        assert heading == fold(f"{measure['number']}. {measure['title']}")
        assert body == fold(measure["body"])
        heading, body = measure_section(soup(content.build, "zh-Hans/" + page), measure["number"])
        assert heading == fold(f"{measure['number']}. {content.to_simplified(measure['title'])}")
        assert body == fold(content.to_simplified(measure["body"]))


def test_memorandum_is_verbatim(content: Content):
    memorandum = content.meeting["memorandum"]
    text = fold(soup(content.build, f"{content.folder}memorandum/").find("article").get_text())
    for paragraph in memorandum["paragraphs"]:
        assert fold(paragraph) in text
    for signatory in memorandum["signatories"]:
        assert signatory["government"] in text and signatory["signature"] in text
    simplified = fold(soup(content.build, f"zh-Hans/{content.folder}memorandum/").find("article").get_text())
    for paragraph in memorandum["paragraphs"]:
        assert fold(content.to_simplified(paragraph)) in simplified


def test_measure_anchors_are_unique_and_the_same_in_both_scripts(content: Content):
    expected = sorted(f"measure-{measure['number']}" for measure in content.meeting["measures"])
    for prefix in PREFIX.values():
        found = [
            element["id"]
            for slug in content.slugs
            for element in soup(content.build, f"{prefix}{content.folder}domains/{slug}/").find_all(id=re.compile(r"^measure-\d+$"))
        ]
        assert sorted(found) == expected


def test_home_has_a_card_per_domain_with_its_count_and_its_measures(content: Content):
    for locale, prefix in PREFIX.items():
        cards = soup(content.build, prefix).select(".grid.cards > ul > li")
        assert len(cards) == len(content.meeting["domains"])
        for card, domain in zip(cards, content.meeting["domains"]):
            measures = content.measures_in(domain["slug"])
            link = card.find("strong").find("a")
            assert link["href"].rstrip("/").endswith(f"domains/{domain['slug']}")
            expected_name = domain["name"] if locale == "zh-Hant" else content.to_simplified(domain["name"])
            assert expected_name in link.get_text()
            assert re.search(rf"\b{len(measures)}\b", card.get_text())
            items = card.select("li")
            # A domain's first measures by title, then one link to the rest on its page.
            listed = measures[:LISTED_IN_FULL]
            if len(measures) > len(listed):
                more = items.pop()
                assert more.a["href"].rstrip("/").endswith(f"domains/{domain['slug']}")
                assert re.search(rf"\b{len(measures) - len(listed)}\b", more.get_text())
            assert len(items) == len(listed)
            for item, measure in zip(items, listed):
                title = measure["title"] if locale == "zh-Hant" else content.to_simplified(measure["title"])
                # A measure with reports of progress has its newest status beside it; one without, none.
                status = item.select_one(".progress-status")
                assert (status is not None) == bool(measure.get("progress"))
                if status is not None:
                    status.extract()
                assert fold(item.get_text()) == fold(f"{measure['number']}. {title}")
                assert item.find("a")["href"].endswith(f"domains/{domain['slug']}/#measure-{measure['number']}")


def test_all_measures_index_links_every_measure_to_its_anchor_under_its_domain(content: Content):
    for prefix in PREFIX.values():
        article = soup(content.build, f"{prefix}{content.folder}measures/").find("article")
        assert article.find("table") is None
        found = []
        for heading in article.find_all("h2"):
            slug = heading.find("a")["href"].rstrip("/").rsplit("/", 1)[-1]
            for item in heading.find_next_sibling("ul").find_all("li"):
                found.append((slug, item.find("a")["href"], fold(item.get_text()).split(".")[0]))
        assert len(found) == len(content.meeting["measures"])
        expected = {
            (measure["domain"], str(measure["number"])): f"domains/{measure['domain']}/#measure-{measure['number']}"
            for measure in content.meeting["measures"]
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


def strings_by_language(document: BeautifulSoup) -> dict[str, list[str]]:
    """{lang: text and reader-facing attributes}: each string under the nearest element that
    declares its language (the page's <html lang>, or a part marked as the other script)."""
    for element in document(["script", "style", "template"]):
        element.decompose()
    found: dict[str, list[str]] = {}

    def language(element) -> str:
        return element["lang"] if element.has_attr("lang") else element.find_parent(attrs={"lang": True})["lang"]

    for text in document.find_all(string=True):
        if type(text) is NavigableString and text.strip():
            found.setdefault(language(text.parent), []).append(str(text))
    for element in document.find_all(True):
        # The data-* ones are the copy-link button's words, which its script shows.
        for attribute in ("title", "aria-label", "placeholder", "alt", "content", "data-copy", "data-copied", "data-failed"):
            if element.has_attr(attribute):
                found.setdefault(language(element), []).append(str(element[attribute]))
    return found


def test_traditional_text_only_where_marked_zh_hant_and_simplified_only_where_marked_zh_hans(content: Content):
    """No script leaks: on every page of both scripts, what is marked 繁體 (the page, or a part
    such as a side-by-side page's column) holds no Simplified-only character, and the reverse."""
    for prefix in PREFIX.values():
        for path in content.pages:
            texts = strings_by_language(soup(content.build, prefix + path))
            assert set(texts) <= set(PREFIX), f"/{prefix}{path}: {sorted(texts)}"
            found = {char for text in texts.get("zh-Hant", []) for _, char, _ in hanzi.find_simplified(text)}
            assert not found, f"Simplified-only characters marked zh-Hant on /{prefix}{path}: {sorted(found)}"
            found = {char for text in texts.get("zh-Hans", []) for _, char, _ in hanzi.find_traditional(text)}
            assert not found, f"Traditional-only characters marked zh-Hans on /{prefix}{path}: {sorted(found)}"


def test_only_the_script_switch_and_the_side_by_side_columns_are_marked_as_the_other_script(content: Content):
    """The check above reads a part marked as the other script as that script's: so the parts
    marked so are only those that are: the switch's name of the other script, and the
    side-by-side pages' other column."""
    for locale, prefix in PREFIX.items():
        for path in content.pages:
            document = soup(content.build, prefix + path)
            marked = [element for element in document.find_all(attrs={"lang": OTHER[locale]}) if element.name != "html"]
            switch = document.select(f".script-switch [lang={OTHER[locale]}]")
            others = [element for element in marked if element not in switch]
            if path in content.side_by_side_pages:
                assert others and all(element.find_parent(class_="side-by-side") for element in others), path
            else:
                assert others == [], f"/{prefix}{path}: {others[:3]}"


# ── 繁體 and 简体 side by side ───────────────────────────────────────────────

COLUMNS = ("zh-Hant", "zh-Hans")


def side_by_side_rows(document: BeautifulSoup, anchor: str) -> list[tuple[str, str, str]]:
    """(tag, lang, text) of each element of the block with id `anchor` on a side-by-side page."""
    block = document.find(id=anchor)
    assert block is not None and "side-by-side" in block["class"], f"no side-by-side block #{anchor}"
    for line_break in block.find_all("br"):
        line_break.replace_with("\n")
    return [(child.name, child["lang"], fold(child.get_text())) for child in block.find_all(recursive=False)]


def expected_rows(content: Content, tag: str, *lines: str) -> list[tuple[str, str, str]]:
    """A row as the data says it must read: the text as written, then converted."""
    return [
        (tag, "zh-Hant", fold("\n".join(lines))),
        (tag, "zh-Hans", fold("\n".join(content.to_simplified(line) for line in lines))),
    ]


def test_side_by_side_pages_show_every_measure_verbatim_in_both_columns(content: Content):
    for prefix in PREFIX.values():
        for domain in content.meeting["domains"]:
            document = soup(content.build, f"{prefix}{content.folder}domains/{domain['slug']}/side-by-side/")
            measures = content.measures_in(domain["slug"])
            blocks = document.select("article .side-by-side[id]")
            assert [block["id"] for block in blocks] == [f"measure-{m['number']}" for m in measures]
            for measure in measures:
                assert side_by_side_rows(document, f"measure-{measure['number']}") == [
                    *expected_rows(content, "h2", f"{measure['number']}. {measure['title']}"),
                    *expected_rows(content, "p", measure["body"]),
                ]


def test_side_by_side_memorandum_shows_every_paragraph_verbatim_in_both_columns(content: Content):
    memorandum = content.meeting["memorandum"]
    for prefix in PREFIX.values():
        document = soup(content.build, f"{prefix}{content.folder}memorandum/side-by-side/")
        paragraphs = [f"paragraph-{number}" for number in range(1, len(memorandum["paragraphs"]) + 1)]
        signatories = [f"signatory-{number}" for number in range(1, len(memorandum["signatories"]) + 1)]
        blocks = document.select("article .side-by-side[id]")
        assert [block["id"] for block in blocks] == ["memorandum-title", *paragraphs, *signatories, "signed-on"]
        assert side_by_side_rows(document, "memorandum-title") == expected_rows(content, "h2", memorandum["title"])
        for anchor, paragraph in zip(paragraphs, memorandum["paragraphs"]):
            assert side_by_side_rows(document, anchor) == expected_rows(content, "p", paragraph)
        for anchor, signatory in zip(signatories, memorandum["signatories"]):
            assert side_by_side_rows(document, anchor) == expected_rows(
                content, "p", signatory["government"], signatory["signature"]
            )
        assert side_by_side_rows(document, "signed-on") == expected_rows(content, "p", memorandum["signed_on"])
        # The memorandum page's own anchors: a paragraph's address works on both pages.
        page_anchors = [p["id"] for p in soup(content.build, f"{prefix}{content.folder}memorandum/").select("article p[id^=paragraph-]")]
        assert page_anchors == paragraphs


def test_side_by_side_columns_are_named_each_in_its_script(content: Content):
    for prefix in PREFIX.values():
        for path in content.side_by_side_pages:
            head = soup(content.build, prefix + path).select("article .side-by-side__head > *")
            assert [(name["lang"], name.get_text()) for name in head] == [("zh-Hant", "繁體"), ("zh-Hans", "简体")]


def _resolve(page: str, href: str) -> str:
    from urllib.parse import urljoin, urlsplit

    target = urlsplit(urljoin("http://site.test/" + page, href))
    return target.path.removeprefix("/") + (f"#{target.fragment}" if target.fragment else "")


def test_side_by_side_pages_link_to_and_from_their_page_and_to_how_the_conversion_is_made(content: Content):
    folder = content.folder
    pairs = [(f"{folder}memorandum/", f"{folder}memorandum/side-by-side/")] + [
        (f"{folder}domains/{slug}/", f"{folder}domains/{slug}/side-by-side/") for slug in content.slugs
    ]
    for prefix in PREFIX.values():
        for page, side_by_side in pairs:
            links = [_resolve(prefix + page, a["href"]) for a in soup(content.build, prefix + page).select("article a[href]")]
            assert prefix + side_by_side in links, page
            links = [
                _resolve(prefix + side_by_side, a["href"])
                for a in soup(content.build, prefix + side_by_side).select("article a[href]")
            ]
            assert prefix + page in links, side_by_side
            assert f"{prefix}about/#simplified" in links, side_by_side


def test_side_by_side_pages_mark_what_the_editors_overrides_wrote(content: Content):
    """Each phrase an override wrote is marked in the 简体 column (derived: OpenCC's output of
    the data, and the overrides' phrases, longest first), and nothing else is."""
    phrases = sorted(content.overrides, key=lambda override: len(override["opencc"]), reverse=True)
    pattern = re.compile("|".join(re.escape(override["opencc"]) for override in phrases)) if phrases else None
    to_editors = {override["opencc"]: override["simplified"] for override in content.overrides}

    def marks(text: str) -> list[str]:
        return [to_editors[found] for found in pattern.findall(opencc.OpenCC("hk2s").convert(text))] if pattern else []

    marked_anywhere = []
    for prefix in PREFIX.values():
        for domain in content.meeting["domains"]:
            document = soup(content.build, f"{prefix}{content.folder}domains/{domain['slug']}/side-by-side/")
            for measure in content.measures_in(domain["slug"]):
                block = document.find(id=f"measure-{measure['number']}")
                shown = [mark.get_text() for mark in block.find_all("mark")]
                assert shown == marks(measure["title"]) + marks(measure["body"]), measure["number"]
                assert all(mark.find_parent(attrs={"lang": True})["lang"] == "zh-Hans" for mark in block.find_all("mark"))
                marked_anywhere += shown
            # The explanation names the marks where there are some.
            note = "標示的字詞" if prefix == "" else "标示的字词"
            assert (note in document.find("article").get_text()) == bool(document.select("article mark"))
    if content.data == FIXTURE:
        assert marked_anywhere, "the fixture's override is shown marked"


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
