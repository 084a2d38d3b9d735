"""What changed: the change log of the data, shown on 修訂紀錄 and as an Atom feed per script.

Every expectation is derived from the data each site was built from (the fixture, or the live
data), read plainly here, not by the generator's loader; the 简体 text is converted the way the
build must convert it (OpenCC, then the editors' overrides).
"""

from __future__ import annotations

import datetime
import posixpath
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, serve_directory
from site_links import built_pages
from test_site_build import MEETING_LABEL, PREFIX, Content, content, meeting_folder, read_data  # noqa: F401 - `content` is a fixture
from measures_site.content.interface import PROGRESS_STATUS_TEXT
from measures_site.data.model import chinese_ordinal

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default: the tests build with it
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XHTML = "{http://www.w3.org/1999/xhtml}"
# RFC 4287 Appendix B, copied unchanged (its source is noted at its top).
ATOM_SCHEMA = Path(__file__).with_name("atom.rnc")
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Jing, the RELAX NG validator the Nu checker is built on, ships inside its jar under this name.
JING = "nu.validator.vendor.thaiopensource.relaxng.util.Driver"
WORDS = {
    "zh-Hant": {"changes": "修訂紀錄", "measure": "第 {} 項措施", "paragraph": "合作備忘錄第 {} 段", "site": "本站", "progress": "第 {} 項措施的落實進度"},
    "zh-Hans": {"changes": "修订记录", "measure": "第 {} 项措施", "paragraph": "合作备忘录第 {} 段", "site": "本站", "progress": "第 {} 项措施的落实进度"},
}


def feed_path(locale: str) -> str:
    return f"{PREFIX[locale]}changes/feed.xml"


def read_feed(content: Content, locale: str) -> ElementTree.Element:
    return ElementTree.parse(content.build.site / feed_path(locale)).getroot()


def data_days(content: Content) -> set[datetime.date]:
    """The days of the data's changes and of its reports of progress: the days the feed may name."""
    reports = [
        report
        for meeting in content.data["meetings"]
        for measure in meeting.get("measures", [])
        for report in measure.get("progress") or []
    ]
    return {datetime.date.fromisoformat(str(entry["date"])) for entry in [*(content.data.get("changes") or []), *reports]}


def expected_entries(content: Content, locale: str) -> list[dict]:
    """The data's changes, then its reports of progress (each an entry too), as each script shows
    them: newest first, a day's entries in file order. With several meetings an entry names its
    meeting, and its id does too but for the 4th's (its ids stay as published with one meeting)."""
    meetings = {meeting["conference"]["meeting_number"]: meeting for meeting in content.data["meetings"]}
    text = (lambda value: value) if locale == "zh-Hant" else content.to_simplified

    def named(meeting: int | None, words: str) -> str:
        return f"{MEETING_LABEL[locale].format(chinese_ordinal(meeting))}{words}" if content.several and meeting else words

    def key(meeting: int | None, subject: str) -> str:
        return subject if meeting in (None, 4) else f"meeting-{meeting}-{subject}"

    entries = []
    for change in content.data.get("changes") or []:
        day = datetime.date.fromisoformat(str(change["date"]))
        meeting = meetings.get(change.get("meeting"), {})
        if change.get("measure") is not None:
            number = change["measure"]
            subject, subject_key = WORDS[locale]["measure"].format(number), f"measure-{number}"
            held = number in {measure["number"] for measure in meeting.get("measures", [])}
            target = content.measure_page(number, change["meeting"]) if held else None
        elif change.get("paragraph") is not None:
            number = change["paragraph"]
            subject, subject_key = WORDS[locale]["paragraph"].format(number), f"paragraph-{number}"
            held = number <= len(meeting.get("memorandum", {}).get("paragraphs", []))
            target = f"{meeting_folder(change['meeting'])}memorandum/#paragraph-{number}" if held else None
        else:
            subject, subject_key, target = WORDS[locale]["site"], "site", None
        entries.append(
            {
                "date": day,
                "subject": named(change.get("meeting"), subject),
                "key": key(change.get("meeting"), subject_key),
                "target": target,
                "note": text(change["note"]),
            }
        )
    for number_of_meeting, meeting in meetings.items():
        for measure in meeting.get("measures", []):
            number = measure["number"]
            for report in measure.get("progress") or []:
                entries.append(
                    {
                        "date": datetime.date.fromisoformat(str(report["date"])),
                        "subject": named(number_of_meeting, WORDS[locale]["progress"].format(number)),
                        "key": key(number_of_meeting, f"measure-{number}-progress"),
                        "target": content.measure_page(number, number_of_meeting) + "#progress",
                        "note": text(f"{PROGRESS_STATUS_TEXT[report['status']]['label']}——{report['note']}"),
                    }
                )
    return sorted(entries, key=lambda entry: entry["date"], reverse=True)


def entry_note(entry: ElementTree.Element) -> str:
    """An entry's note: its content (day　subject：note) after the subject, which holds no ：."""
    return "".join(entry.find(f"{ATOM}content").itertext()).strip().split("：", 1)[1]


def moment(day: datetime.date) -> str:
    """A day of the data as the feed dates it: its start in Hong Kong."""
    return f"{day.isoformat()}T00:00:00+08:00"


# ── the feed ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("locale", PREFIX)
def test_feed_entries_are_the_datas_changes_in_the_feeds_script(content: Content, locale: str):
    feed = read_feed(content, locale)
    expected = expected_entries(content, locale)
    assert expected, "the data has a change log"
    locale_url = SITE_URL + PREFIX[locale]
    page_url = locale_url + "changes/"
    entries = feed.findall(f"{ATOM}entry")
    assert [
        {
            "id": entry.findtext(f"{ATOM}id"),
            "title": entry.findtext(f"{ATOM}title"),
            "content": "".join(entry.find(f"{ATOM}content").itertext()).strip(),
            "content link": [a.get("href") for a in entry.find(f"{ATOM}content").iter(f"{XHTML}a")],
            "updated": entry.findtext(f"{ATOM}updated"),
            "link": entry.find(f"{ATOM}link").get("href"),
        }
        for entry in entries
    ] == [
        {
            "id": f"tag:127.0.0.1,{change['date'].isoformat()}:/{PREFIX[locale]}changes/{change['key']}",
            "title": f"{change['subject']}：{change['note']}",
            # As the change-log page shows it: the day, the subject (linked), the note.
            "content": f"{change['date'].year}年{change['date'].month}月{change['date'].day}日　{change['subject']}：{change['note']}",
            "content link": [locale_url + change["target"]] if change["target"] else [],
            "updated": moment(change["date"]),
            "link": locale_url + change["target"] if change["target"] else page_url,
        }
        for change in expected
    ]
    assert all(entry.find(f"{ATOM}content").get("type") == "xhtml" for entry in entries)
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)


@pytest.mark.parametrize("locale", PREFIX)
def test_feed_is_titled_in_its_script_and_dated_by_the_newest_change(content: Content, locale: str):
    feed = read_feed(content, locale)
    site_name = "閩港合作措施" if locale == "zh-Hant" else "闽港合作措施"
    assert feed.get(XML_LANG) == locale
    assert feed.findtext(f"{ATOM}title") == f"{WORDS[locale]['changes']} - {site_name}"
    assert feed.findtext(f"{ATOM}updated") == moment(max(data_days(content)))
    assert feed.findtext(f"{ATOM}id") == SITE_URL + feed_path(locale)
    links = {link.get("rel"): (link.get("href"), link.get("type")) for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": (f"{SITE_URL}{PREFIX[locale]}changes/", "text/html"),
        "self": (SITE_URL + feed_path(locale), "application/atom+xml"),
    }
    publisher = content.data["site"]["publisher"]
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == (publisher if locale == "zh-Hant" else content.to_simplified(publisher))
    # The feed speaks of the site only: no element naming the library that wrote it.
    assert feed.find(f"{ATOM}generator") is None


def test_every_date_in_the_feeds_is_a_day_of_the_data(content: Content):
    days = {moment(day) for day in data_days(content)}
    for locale in PREFIX:
        feed = read_feed(content, locale)
        dated = [element.text for element in feed.iter() if element.tag in (f"{ATOM}updated", f"{ATOM}published")]
        assert dated and set(dated) <= days


def test_feeds_are_valid_atom_by_the_rfc_4287_schema(site):
    java = shutil.which("java")
    if java is None:
        pytest.fail("No java on PATH: `make test` installs a headless JRE (Debian: default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.fail("No vnu.jar: `make test` installs it from package-lock.json (npm ci --ignore-scripts)")
    feeds = [site.site / feed_path(locale) for locale in PREFIX]
    result = subprocess.run(
        [java, "-cp", str(VNU_JAR), JING, "-c", str(ATOM_SCHEMA), *map(str, feeds)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The validator can fail: a feed without its id is refused.
    broken = site.project / "broken-feed.xml"
    broken.write_text(feeds[0].read_text(encoding="utf-8").replace("<id>", "<identifier>", 1).replace("</id>", "</identifier>", 1), encoding="utf-8")
    refused = subprocess.run([java, "-cp", str(VNU_JAR), JING, "-c", str(ATOM_SCHEMA), str(broken)], capture_output=True, text=True, timeout=300)
    assert refused.returncode != 0 and "identifier" in refused.stdout + refused.stderr


# ── every page announces its script's feed ───────────────────────────────────


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_feed_opened_in_a_browser_reads_as_a_page_that_says_what_it_is(content: Content, browser, locale, scheme):
    """Not raw XML under the browser's own words: the note, the title, each entry's day, subject
    and note, in the site's fonts, with the link to the change-log page; the rest hidden."""
    with serve_directory(content.build.site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 700}, color_scheme=scheme)
        page = context.new_page()
        failed = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
        page.goto(f"{base}/{feed_path(locale)}", wait_until="load")
        shown = page.evaluate(
            """() => {
              const visible = (element) => element.getBoundingClientRect().height > 0;
              const atom = (name) => [...document.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name)];
              const link = document.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "a")[0];
              return {
                root: document.documentElement.localName,
                font: getComputedStyle(document.documentElement).fontFamily,
                background: getComputedStyle(document.documentElement).backgroundColor,
                entries: atom("content").filter(visible).map((element) => element.textContent.trim()),
                hidden: [...atom("id"), ...atom("updated"), ...atom("link")].every((element) => !visible(element)),
                link: link && link.href,
                text: document.documentElement.textContent,
              };
            }"""
        )
        context.close()
    labels = {"zh-Hant": ("閱讀器", "PingFang HK"), "zh-Hans": ("阅读器", "PingFang SC")}[locale]
    assert shown["root"] == "feed" and shown["hidden"]
    assert labels[0] in shown["text"] and shown["font"].startswith(f'"{labels[1]}"')
    assert shown["link"] == SITE_URL + PREFIX[locale] + "changes/"
    expected = expected_entries(content, locale)[:50]
    assert [entry.split("　", 1)[1] for entry in shown["entries"]] == [f"{change['subject']}：{change['note']}" for change in expected]
    assert shown["background"] == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(30, 32, 41)")
    # Only a missing favicon may fail: a browser asks for one at the root of any document.
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []


def test_every_page_links_its_own_scripts_feed_in_its_head(content: Content):
    for page in built_pages(content.build.site):
        locale = "zh-Hans" if page.startswith("zh-Hans/") else "zh-Hant"
        head = BeautifulSoup(content.build.page(page), "html.parser").head
        [link] = head.select("link[rel=alternate][type='application/atom+xml']")
        assert link["title"] == WORDS[locale]["changes"], page
        assert urljoin(SITE_URL + page, link["href"]) == SITE_URL + feed_path(locale), page


# ── the page ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("locale", PREFIX)
def test_change_log_page_lists_the_changes_newest_first_with_working_links(content: Content, locale: str):
    path = f"{PREFIX[locale]}changes/"
    article = BeautifulSoup(content.build.page(path), "html.parser").select_one("article")
    assert article.h1.get_text(strip=True) == WORDS[locale]["changes"]
    items = article.select("li")
    expected = expected_entries(content, locale)
    assert [
        (item.time["datetime"], item.time.get_text(), item.get_text().split("　", 1)[1]) for item in items
    ] == [
        (change["date"].isoformat(), f"{change['date'].year}年{change['date'].month}月{change['date'].day}日", f"{change['subject']}：{change['note']}")
        for change in expected
    ]
    for item, change in zip(items, expected):
        links = item.find_all("a")
        if change["target"] is None:
            assert links == []  # the site as a whole, or a measure or paragraph the data no longer holds
            continue
        [link] = links
        assert link.get_text() == change["subject"]
        target = urlsplit(urljoin(SITE_URL + path, link["href"]))
        address = target.path.removeprefix("/") + (f"#{target.fragment}" if target.fragment else "")
        assert address == PREFIX[locale] + change["target"]
        # The page exists, and so does the place on it the link names.
        page = BeautifulSoup(content.build.page(target.path.removeprefix("/")), "html.parser")
        assert not target.fragment or page.find(id=target.fragment) is not None, link["href"]
    [feed] = [a for a in article.find_all("a") if a.get("type") == "application/atom+xml"]
    assert posixpath.normpath(posixpath.join(path, feed["href"])) == feed_path(locale)


def test_an_entry_about_a_measure_the_data_no_longer_holds_is_shown_without_a_link(site):
    """The fixture's log names measure 22, which it does not hold (deleted, say): the build passes."""
    data, _ = read_data(site.project / "data")
    numbers = {(meeting["conference"]["meeting_number"], measure["number"]) for meeting in data["meetings"] for measure in meeting.get("measures", [])}
    gone = [change for change in data["changes"] if change.get("measure") and (change["meeting"], change["measure"]) not in numbers]
    assert gone, "the fixture has an entry about a measure it does not hold"
    for locale in PREFIX:
        article = BeautifulSoup(site.page(f"{PREFIX[locale]}changes/"), "html.parser").select_one("article")
        [item] = [li for li in article.select("li") if li.time["datetime"] == str(gone[0]["date"])]
        assert item.find("a") is None and WORDS[locale]["measure"].format(gone[0]["measure"]) in item.get_text()


@pytest.mark.parametrize("locale", PREFIX)
def test_change_log_is_in_the_site_map_the_menu_and_the_sitemap_not_in_search(site, locale: str):
    prefix = PREFIX[locale]
    site_map = BeautifulSoup(site.page(f"{prefix}site-map/"), "html.parser").select_one("article")
    assert WORDS[locale]["changes"] in [a.get_text(strip=True) for a in site_map.select("li a")]
    navigation = BeautifulSoup(site.page(prefix), "html.parser").select_one("nav.md-nav--primary")
    assert WORDS[locale]["changes"] in [a.get_text(strip=True) for a in navigation.select("a")]
    index = (site.site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"changes/' not in index.replace(" ", "") and WORDS[locale]["changes"] not in index
    sitemap = (site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}{prefix}changes/</loc>" in sitemap
    assert f'hreflang="zh-Hans" href="{SITE_URL}zh-Hans/changes/"' in sitemap
    assert "feed.xml" not in sitemap  # the feed is not a page


# ── ids that never change ────────────────────────────────────────────────────


def test_entry_ids_stay_when_an_entry_is_inserted_between_others_and_a_note_is_reworded(project_copy: Path):
    from measures_site.content.pipeline import load_site_content
    from measures_site.site.feed import feed_xml

    data = project_copy / "data" / "measures.yaml"

    def ids() -> dict[str, str]:
        content = load_site_content(data, project_copy / "data" / "conversion.yaml")
        feed = ElementTree.fromstring(feed_xml(content.localized["zh-Hant"], SITE_URL))
        return {entry_note(entry): entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")}

    before = ids()
    text = data.read_text(encoding="utf-8")
    first_entry = "changes:\n  - date: "
    assert first_entry in text
    text = text.replace(first_entry, "changes:\n  - date: \"2023-06-21\"\n    meeting: 4\n    measure: 3\n    note: 補上遺漏的句號。\n  - date: ", 1)
    text = text.replace("note: 更正措施標題的錯別字。", "note: 更正措施標題的別字。")
    data.write_text(text, encoding="utf-8")
    after = ids()
    assert after.pop("補上遺漏的句號。") == "tag:127.0.0.1,2023-06-21:/changes/measure-3"
    assert after.pop("更正措施標題的別字。") == before.pop("更正措施標題的錯別字。")
    assert after == before



def test_an_empty_change_log_gives_a_page_that_says_so_and_a_feed_dated_by_last_updated(project_copy: Path):
    from measures_site.content.pipeline import load_site_content
    from measures_site.site.feed import feed_xml

    data = project_copy / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text[: text.index("\nchanges:")] + "\n", encoding="utf-8")
    content = load_site_content(data, project_copy / "data" / "conversion.yaml")
    last_updated = read_data(project_copy / "data")[0]["last_updated"]
    for locale, none in (("zh-Hant", "暫時沒有修訂。"), ("zh-Hans", "暂时没有修订。")):
        assert none in content.pages[f"{locale}/changes.md"].markdown
        feed = ElementTree.fromstring(feed_xml(content.localized[locale], SITE_URL))
        assert feed.findall(f"{ATOM}entry") == []
        assert feed.findtext(f"{ATOM}updated") == moment(datetime.date.fromisoformat(str(last_updated)))


def test_a_feed_holds_the_newest_entries_and_leads_to_the_page_with_all(project_copy: Path):
    """A log of years must not make every poll of every reader download all of it."""
    from measures_site.content.pipeline import load_site_content
    from measures_site.site.feed import FEED_ENTRIES, feed_xml

    data = project_copy / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    days = [datetime.date(2024, 1, 1) + datetime.timedelta(days=day) for day in range(FEED_ENTRIES + 10)]
    log = "".join(f'  - date: "{day.isoformat()}"\n    note: 第{number}次更正。\n' for number, day in enumerate(days, 1))
    text = text[: text.index("\nchanges:")] + "\nchanges:\n" + log
    data.write_text(text.replace('last_updated: "2023-06-28"', f'last_updated: "{days[-1].isoformat()}"'), "utf-8")
    content = load_site_content(data, project_copy / "data" / "conversion.yaml")
    feed = ElementTree.fromstring(feed_xml(content.localized["zh-Hant"], SITE_URL))
    shown = [entry_note(entry) for entry in feed.findall(f"{ATOM}entry")]
    assert shown == [f"第{number}次更正。" for number in range(len(days), len(days) - FEED_ENTRIES, -1)]
    assert feed.findtext(f"{ATOM}updated") == moment(days[-1])
    (alternate,) = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate.get("href") == SITE_URL + "changes/"
    assert all(f"第{number}次更正。" in content.pages["zh-Hant/changes.md"].markdown for number in range(1, len(days) + 1))
