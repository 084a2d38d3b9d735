"""The site of several meetings, on the fixture of three (tests/fixture/meetings.yaml, made up): the
home page leads with the newest meeting that has measures and lists them all; each meeting has its
page, and the pages of what the data holds of it, in both scripts, each saying which meeting it is of;
a meeting known from its press release claims no text the data does not hold."""

from __future__ import annotations

import json
import posixpath
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LOCALE_PREFIXES, Build
from meetings_fixture import ADDED, with_meetings

PREFIX = LOCALE_PREFIXES
DATA = yaml.safe_load(with_meetings())
MEETINGS = {meeting["conference"]["meeting_number"]: meeting for meeting in DATA["meetings"]}
FIFTH, THIRD = MEETINGS[5], MEETINGS[3]
# What the pages call a meeting, in each script.
LABEL = {"zh-Hant": "第五次會議", "zh-Hans": "第五次会议"}
LABELS = {
    "zh-Hant": {5: "第五次會議", 4: "第四次會議", 3: "第三次會議"},
    "zh-Hans": {5: "第五次会议", 4: "第四次会议", 3: "第三次会议"},
}


def article(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(path), "html.parser").select_one("article")


def page(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(path), "html.parser")


def resolved(page_path: str, href: str) -> str:
    """A link's target, relative to the site's root, as a folder address."""
    return posixpath.normpath(posixpath.join(page_path, href)).removeprefix(".") + "/"


def trail(site: Build, path: str) -> list[tuple[str, str | None]]:
    (nav,) = page(site, path).select("nav.md-path")
    return [
        (item.get_text(strip=True), resolved(path, item.a["href"]).lstrip("/") if item.a else None)
        for item in nav.select("li")
    ]


def test_the_made_up_meetings_say_so_and_are_not_the_live_data():
    texts = json.dumps(ADDED["meetings"], ensure_ascii=False)
    assert all("測試虛構" in measure["title"] and "測試虛構" in measure["body"] for measure in FIFTH["measures"])
    assert "測試虛構" in FIFTH["conference"]["name"] and "測試虛構" in THIRD["summary"]
    assert "example.org" in THIRD["source"] and "memorandum" not in THIRD and "measures" not in THIRD
    assert "測試虛構" in texts


@pytest.mark.parametrize("locale", PREFIX)
def test_the_home_page_leads_with_the_newest_meeting_with_measures_and_lists_every_meeting(meetings_site, locale):
    prefix = PREFIX[locale]
    home = article(meetings_site, prefix)
    heading = home.find("h1").get_text(strip=True)
    assert ("測試虛構" if locale == "zh-Hant" else "测试虚构") in heading and ("第五次" in heading)
    # Its domains lead to the 5th meeting's pages.
    cards = [a["href"] for a in home.select(".domain-cards strong a")]
    assert cards == [f"meetings/5/domains/{domain['slug']}/" for domain in FIFTH["domains"]]
    # Every meeting, newest first, each with its day and place, linking its own page.
    items = home.select("h2 ~ ul > li")
    listed = [(item.a["href"], item.get_text(strip=True)) for item in items if item.a and item.a["href"].startswith("meetings/")]
    assert [href for href, _ in listed] == ["meetings/5/", "meetings/4/", "meetings/3/"]
    assert listed[0][1].endswith("：2026年11月20日，福州")
    assert listed[1][1].endswith("：2023年6月28日，香港")
    assert listed[2][1].endswith("：2018年11月28日，福州")


@pytest.mark.parametrize("locale", PREFIX)
def test_the_site_of_one_meeting_lists_no_meetings(site, locale):
    home = article(site, PREFIX[locale])
    assert not [a for a in home.find_all("a") if a["href"].startswith("meetings/") and a["href"].count("/") == 2]
    assert not (site.site / PREFIX[locale] / "meetings" / "4" / "index.html").exists()


@pytest.mark.parametrize("locale", PREFIX)
def test_each_meeting_has_its_page_that_says_what_was_published_of_it(meetings_site, locale):
    prefix = PREFIX[locale]
    fourth = article(meetings_site, prefix + "meetings/4/")
    assert fourth.find("h1").get_text(strip=True) == ("閩港合作會議第四次會議" if locale == "zh-Hant" else "闽港合作会议第四次会议")
    assert [a["href"] for a in fourth.select(".domain-cards strong a")][0] == "../../domains/economy-trade/"
    # The 3rd: its day, place, leaders, summary and areas, and where the rest can be read; no text it does not hold.
    third = article(meetings_site, prefix + "meetings/3/")
    text = third.get_text(" ", strip=True)
    assert "2018年11月28日" in text and "福州" in text
    assert ("測試丙" if locale == "zh-Hant" else "测试丙") in text
    assert ("測試虛構：雙方就經貿" if locale == "zh-Hant" else "测试虚构：双方就经贸") in text
    assert ("本站未收錄這次會議簽署的文本" if locale == "zh-Hant" else "本站未收录这次会议签署的文本") in text
    assert [li.get_text(strip=True) for li in third.select("h2 + ul > li")] == (
        ["一、經貿", "二、創新及科技", "三、青年發展"] if locale == "zh-Hant" else ["一、经贸", "二、创新及科技", "三、青年发展"]
    )
    assert THIRD["source"] in [a["href"] for a in third.find_all("a")]
    assert not [a for a in third.find_all("a") if "memorandum" in a["href"] or "domains/" in a["href"]]
    for missing in ("memorandum/", "domains/economy-trade/", "measures/", "progress/"):
        assert not (meetings_site.site / prefix / "meetings" / "3" / missing).exists(), missing


@pytest.mark.parametrize("locale", PREFIX)
def test_the_fifth_meeting_has_every_page_its_data_holds_under_its_folder(meetings_site, locale):
    prefix = PREFIX[locale] + "meetings/5/"
    memorandum = article(meetings_site, prefix + "memorandum/")
    assert memorandum.find(id="paragraph-2") is not None
    for domain in FIFTH["domains"]:
        section = article(meetings_site, f"{prefix}domains/{domain['slug']}/")
        measures = [m for m in FIFTH["measures"] if m["domain"] == domain["slug"]]
        assert [h2["id"] for h2 in section.select("h2[id^=measure-]")] == [f"measure-{m['number']}" for m in measures]
        assert article(meetings_site, f"{prefix}domains/{domain['slug']}/side-by-side/").select("h2")
    index = article(meetings_site, prefix + "measures/")
    assert len(index.select("li")) == len(FIFTH["measures"])
    for measure in FIFTH["measures"]:
        own = article(meetings_site, f"{prefix}measures/{measure['number']}/")
        assert own.find("h1").get_text(strip=True).startswith(f"{measure['number']}. ")
    progress = article(meetings_site, prefix + "progress/")
    # Each measure by its domain: those with a report lead to their reports, the others to their page.
    assert [a["href"] for a in progress.select("li a")] == [
        "../measures/1/#progress", "../measures/2/", "../measures/3/#progress", "../measures/4/", "../measures/5/"
    ]
    # The 4th meeting's pages keep their own measures: a number of the 5th is another measure.
    fourth = article(meetings_site, PREFIX[locale] + "domains/economy-trade/")
    assert [h2["id"] for h2 in fourth.select("h2[id^=measure-]")] == ["measure-1", "measure-2", "measure-3"]


@pytest.mark.parametrize("locale", PREFIX)
def test_breadcrumbs_and_titles_name_the_meeting(meetings_site, locale):
    prefix, label, home = PREFIX[locale], LABEL[locale], ("首頁" if locale == "zh-Hant" else "首页")
    marine = "二、海洋經濟" if locale == "zh-Hant" else "二、海洋经济"
    crumbs = trail(meetings_site, prefix + "meetings/5/domains/marine-economy/")
    assert crumbs[1:] == [(label, prefix + "meetings/5/"), (marine, None)] and crumbs[0][0] == home
    crumbs = trail(meetings_site, prefix + "meetings/5/measures/3/")
    assert [text for text, _ in crumbs][:3] == [home, label, marine]
    assert [target for _, target in crumbs][1:3] == [prefix + "meetings/5/", prefix + "meetings/5/domains/marine-economy/"]
    assert page(meetings_site, prefix + "meetings/5/domains/marine-economy/").title.get_text().startswith(f"{marine}（{label}）")
    # The 4th meeting's pages name theirs too, now that there are several.
    fourth = trail(meetings_site, prefix + "domains/education/")
    assert [text for text, _ in fourth] == [home, LABELS[locale][4], "八、教育"]


@pytest.mark.parametrize("locale", PREFIX)
def test_the_script_switch_keeps_the_place_on_a_meeting_s_pages(meetings_site, locale):
    other = "zh-Hans" if locale == "zh-Hant" else "zh-Hant"
    for path in ("meetings/5/", "meetings/3/", "meetings/5/domains/marine-economy/", "meetings/5/measures/3/", "meetings/5/progress/"):
        here = PREFIX[locale] + path
        [switch] = page(meetings_site, here).select(f'.script-switch a[hreflang="{other}"]')
        assert resolved(here, switch["href"]).lstrip("/") == PREFIX[other] + path, path


@pytest.mark.parametrize("locale", PREFIX)
def test_the_change_log_names_the_meeting_of_a_measure_and_links_its_page(meetings_site, locale):
    log = article(meetings_site, PREFIX[locale] + "changes/")
    [entry] = [li for li in log.select("li") if "第 2 項措施" in li.get_text() or "第 2 项措施" in li.get_text()]
    assert LABEL[locale] in entry.get_text()
    assert resolved(PREFIX[locale] + "changes/", entry.a["href"].split("#")[0]) == f"{PREFIX[locale]}meetings/5/measures/2/"
    # A report on a 5th meeting's measure is an entry of its own, linking its reports.
    reports = [li for li in log.select("li") if li.a and "meetings/5/measures/3/" in li.a["href"]]
    assert reports and LABEL[locale] in reports[0].get_text()


@pytest.mark.parametrize("locale", PREFIX)
def test_search_titles_a_measure_with_its_meeting(meetings_site, locale):
    index = json.loads((meetings_site.site / PREFIX[locale] / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The index's titles are cut into words by zero-width spaces (the search's word break).
    titles = {doc["location"]: doc["title"].replace("\u200b", "") for doc in index["docs"]}
    assert titles["meetings/5/domains/marine-economy/#measure-3"].endswith(f"（{LABEL[locale]}）")
    assert titles["domains/finance/#measure-4"].endswith(f"（{LABELS[locale][4]}）")
    assert titles["meetings/5/measures/3/#progress"].endswith(f"（{LABEL[locale]}）")


def test_every_new_page_has_its_share_image(meetings_site):
    for path in ("meetings/5/", "meetings/3/", "meetings/5/domains/marine-economy/", "meetings/5/measures/3/"):
        for prefix in PREFIX.values():
            assert (meetings_site.site / prefix / path / "share.png").is_file(), prefix + path


# The pages a meeting adds, as a reader opens them: the home page with three meetings, a meeting's
# page, a 5th meeting's domain page, the 3rd meeting's page, in both scripts.
NEW_PAGES = ["", "meetings/5/", "meetings/5/domains/marine-economy/", "meetings/3/", "meetings/5/progress/"]


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_the_new_pages_have_no_axe_violation_and_ask_nothing_of_another_host(browser, meetings_site, viewport):
    from conftest import axe_violations, serve_directory

    found = {}
    with serve_directory(meetings_site.site) as url:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        # A refused script or style (the pages' content policy) is a console error, as is a missing file.
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        for prefix in PREFIX.values():
            for path in NEW_PAGES:
                page.goto(url + prefix + path, wait_until="networkidle")
                found[prefix + path] = axe_violations(page)
        context.close()
    assert {path: violations for path, violations in found.items() if violations} == {}
    assert [address for address in requested if not address.startswith(url)] == []
    assert errors == []


@pytest.mark.parametrize("locale", PREFIX)
def test_the_open_data_holds_every_meeting_s_measures_with_its_number_and_keeps_to_its_schema(meetings_site, locale):
    import csv
    import io

    import jsonschema

    folder = meetings_site.site / PREFIX[locale] / "data"
    data = json.loads((folder / f"measures-{locale}.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((folder / "measures.schema.json").read_text(encoding="utf-8")))
    expected = [(number, measure["number"]) for number in (5, 4) for measure in MEETINGS[number]["measures"]]
    assert [(measure["meeting"], measure["number"]) for measure in data["measures"]] == expected
    assert [meeting["number"] for meeting in data["meetings"]] == [5, 4, 3]
    assert {(domain["meeting"], domain["slug"]) for domain in data["domains"]} >= {(5, "marine-economy"), (4, "education")}
    fifth = next(measure for measure in data["measures"] if measure["meeting"] == 5 and measure["number"] == 3)
    assert fifth["url"].endswith(f"{PREFIX[locale]}meetings/5/domains/marine-economy/#measure-3")
    rows = list(csv.DictReader(io.StringIO((folder / f"measures-{locale}.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert [(int(row["meeting"]), int(row["number"])) for row in rows] == expected


def test_the_home_page_and_the_site_map_list_a_domain_s_first_measures_and_link_the_rest(tmp_path):
    """However many measures a domain has, the pages that list every domain stay light: its first
    ones by title, then one link to its page."""
    import shutil
    import sys

    from conftest import FIXTURE_FOLDER, ROOT
    from measures_site.content.pipeline import load_site_content
    from measures_site.content.render import LISTED_IN_FULL

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_measures import generate
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 100_000
    document = generate(150)
    with (tmp_path / "measures.yaml").open("w", encoding="utf-8") as output:
        yaml.dump(document, output)
    shutil.copy2(FIXTURE_FOLDER / "conversion.yaml", tmp_path / "conversion.yaml")
    pages = load_site_content(tmp_path / "measures.yaml", tmp_path / "conversion.yaml").pages
    (meeting,) = document["meetings"]
    counts = {domain["slug"]: sum(m["domain"] == domain["slug"] for m in meeting["measures"]) for domain in meeting["domains"]}
    assert all(count > LISTED_IN_FULL for count in counts.values())
    for page in ("zh-Hant/index.md", "zh-Hant/site-map.md"):
        markdown = pages[page].markdown
        for slug, count in counts.items():
            assert f"[其餘 {count - LISTED_IN_FULL} 項措施](domains/{slug}.md)" in markdown, (page, slug)
    assert pages["zh-Hant/site-map.md"].markdown.count("meetings/4/measures/") == len(counts) * LISTED_IN_FULL
    # Every measure's page is still one step from another: its neighbours link it.
    assert all(f"]({n}.md)" in pages[f"zh-Hant/meetings/4/measures/{n + 1}.md"].markdown for n in range(1, 150))


@pytest.mark.parametrize(
    ("locale", "query"), [("zh-Hant", "海上牧場"), ("zh-Hans", "海上牧场"), ("zh-Hant", "港人在閩發展")], ids=["5th-hant", "5th-hans", "4th-hant"]
)
def test_search_finds_each_meeting_s_measures_and_says_which_meeting(browser, meetings_site, locale, query):
    """Typed in the box as readers do: a 5th meeting's measure, and a 4th's, each result naming its meeting."""
    from conftest import serve_directory
    from test_search import START_PAGE, search

    with serve_directory(meetings_site.site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url + PREFIX[locale] + START_PAGE)
        results = search(page, query)
        context.close()
    assert results["items"], query
    top = results["items"][0]
    fifth = query.startswith("海上")
    expected = ("meetings/5/domains/marine-economy/", "measure-3") if fifth else ("domains/hong-kong-people-in-mainland/", "measure-21")
    address = urlsplit(top["href"])
    assert (address.path, address.fragment) == (f"/{PREFIX[locale]}{expected[0]}", expected[1]), top
    assert top["title"].replace("\u200b", "").endswith(f"（{LABELS[locale][5 if fifth else 4]}）"), top
