"""Acceptance: an ordinary day of valid edits to the live data is published in both scripts.

The day (tests/editor_day.py) corrects a sentence, inserts a memorandum paragraph,
adds a measure and a domain with a measure, deletes a domain and a measure and
renumbers the rest, dates the change and adds a conversion override. Everything
looked for below is derived from what the day did to the live data.
"""

from __future__ import annotations

import json
import re

import pytest

import editor_day
from conftest import LIVE_DATA, build_site, copy_project, serve_directory
from measures_site.content.render import chinese_date
from test_search import search
from test_site_build import PREFIX, Content, expected_rows, fold, measure_section, read_data, side_by_side_rows, soup

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default: the tests build with it


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> tuple[editor_day.EditorDay, Content]:
    project = copy_project(tmp_path_factory.mktemp("editor-day") / "project", data_from=LIVE_DATA)
    done = editor_day.apply(project / "data")
    build = build_site(project)
    assert build.returncode == 0, build.output
    return done, Content(build, *read_data(project / "data"), about=done.meeting)


def texts(content: Content, text: str) -> dict[str, str]:
    """The text as each script's pages must show it."""
    return {"zh-Hant": text, "zh-Hans": content.to_simplified(text)}


def test_the_edited_data_passes_the_editors_check(day):
    import build_measures

    _, content = day
    data = content.build.project / "data"
    status = build_measures.main(["check", "--data", str(data / "measures.yaml"), "--overrides", str(data / "conversion.yaml")])
    assert status == 0
    assert "WARNING" not in content.build.output


@pytest.mark.parametrize("which", ["corrected", "added_to_existing_domain", "added_with_new_domain"])
def test_changed_and_new_measures_are_on_their_domain_page_in_both_scripts(day, which: str):
    done, content = day
    measure = getattr(done, which)
    for locale, prefix in PREFIX.items():
        heading, body = measure_section(soup(content.build, f"{prefix}{done.folder}domains/{measure.domain}/"), measure.number)
        assert heading == fold(f"{measure.number}. {texts(content, measure.title)[locale]}")
        assert body == fold(texts(content, measure.body)[locale])


@pytest.mark.parametrize("which", ["corrected", "added_to_existing_domain", "added_with_new_domain"])
def test_changed_and_new_measures_are_in_both_columns_of_the_side_by_side_page(day, which: str):
    done, content = day
    measure = getattr(done, which)
    for prefix in PREFIX.values():
        document = soup(content.build, f"{prefix}{done.folder}domains/{measure.domain}/side-by-side/")
        rows = side_by_side_rows(document, f"measure-{measure.number}")
        assert rows == [
            *expected_rows(content, "h2", f"{measure.number}. {measure.title}"),
            *expected_rows(content, "p", measure.body),
        ]
        if which == "corrected":
            assert rows[2][2].endswith(editor_day.CORRECTED_SENTENCE)
            assert rows[3][2].endswith(content.to_simplified(editor_day.CORRECTED_SENTENCE))


def test_the_side_by_side_pages_follow_the_days_domains_paragraphs_and_override(day):
    done, content = day
    for prefix in PREFIX.values():
        assert (content.build.site / prefix / done.folder / "domains" / done.new_domain / "side-by-side" / "index.html").is_file()
        assert not (content.build.site / prefix / done.folder / "domains" / done.removed_domain).exists()
        memorandum = soup(content.build, f"{prefix}{done.folder}memorandum/side-by-side/")
        position = content.meeting["memorandum"]["paragraphs"].index(editor_day.INSERTED_PARAGRAPH) + 1
        assert side_by_side_rows(memorandum, f"paragraph-{position}") == expected_rows(
            content, "p", editor_day.INSERTED_PARAGRAPH
        )
        added = soup(content.build, f"{prefix}{done.folder}domains/{done.added_to_existing_domain.domain}/side-by-side/")
        marks = added.find(id=f"measure-{done.added_to_existing_domain.number}").select("[lang=zh-Hans] mark")
        assert editor_day.NEW_OVERRIDE["simplified"] in [mark.get_text() for mark in marks]


def test_the_new_override_is_applied_on_the_simplified_page(day):
    done, content = day
    page = content.build.page(f"zh-Hans/domains/{done.added_to_existing_domain.domain}/")
    assert editor_day.NEW_OVERRIDE["simplified"] in page
    assert editor_day.NEW_OVERRIDE["opencc"] not in page


def test_inserted_paragraph_is_in_the_memorandum_in_both_scripts(day):
    done, content = day
    paragraphs = content.meeting["memorandum"]["paragraphs"]
    position = paragraphs.index(editor_day.INSERTED_PARAGRAPH)
    for locale, prefix in PREFIX.items():
        article = soup(content.build, f"{prefix}{done.folder}memorandum/").find("article")
        shown = [fold(p.get_text()) for p in article.find_all("p")]
        expected = [fold(texts(content, p)[locale]) for p in paragraphs]
        start = shown.index(expected[0])
        assert shown[start : start + len(expected)] == expected
        assert shown[start + position] == fold(texts(content, editor_day.INSERTED_PARAGRAPH)[locale])


def test_the_deleted_domain_has_no_pages_and_the_new_one_has(day):
    done, content = day
    for prefix in PREFIX.values():
        assert not (content.build.site / prefix / "domains" / done.removed_domain).exists()
        assert (content.build.site / prefix / "domains" / done.new_domain / "index.html").is_file()
    assert list((content.build.project / "docs").glob(f"*/domains/{done.removed_domain}.md")) == []


def test_index_lists_the_measures_after_the_day_renumbered(day):
    done, content = day
    assert done.removed_measure_titles
    for locale, prefix in PREFIX.items():
        items = soup(content.build, f"{prefix}{done.folder}measures/").select("article li")
        assert len(items) == done.measure_count == len(content.meeting["measures"])
        # Each listed as its number and title, a measure with reports of progress with its newest status.
        statuses = {item.find("a").get_text(): item.select_one(".progress-status") for item in items}
        for status in filter(None, statuses.values()):
            status.extract()
        listed = sorted(fold(item.get_text()) for item in items)
        expected = sorted(
            fold(f"{measure['number']}. {texts(content, measure['title'])[locale]}") for measure in content.meeting["measures"]
        )
        assert listed == expected
        reported = {texts(content, m["title"])[locale] for m in content.meeting["measures"] if m.get("progress")}
        assert {title for title, status in statuses.items() if status is not None} == reported


def test_home_counts_follow_the_data(day):
    done, content = day
    for locale, prefix in PREFIX.items():
        cards = soup(content.build, prefix + content.overview).select(".grid.cards > ul > li")
        assert len(cards) == done.domain_count
        new_card = cards[-1]
        assert texts(content, done.new_domain_name)[locale] in new_card.get_text()
        assert re.search(r"\b1\b", new_card.get_text())
        total = len(content.meeting["measures"])
        assert re.search(rf"\b{total}\b", soup(content.build, prefix + content.overview).find("article").get_text())


@pytest.mark.parametrize("locale", PREFIX)
def test_open_data_has_the_days_measures(day, locale: str):
    done, content = day
    data = json.loads((content.build.site / PREFIX[locale] / "data" / f"measures-{locale}.json").read_text("utf-8"))
    # The edited meeting's measures (the open data holds every meeting's, each with its own).
    edited = [m for m in data["measures"] if m["meeting"] == done.meeting]
    assert [m["number"] for m in edited] == list(range(1, done.measure_count + 1))
    published = {m["number"]: m for m in edited}
    for measure in (done.corrected, done.added_to_existing_domain, done.added_with_new_domain):
        assert published[measure.number]["title"] == texts(content, measure.title)[locale]
        assert published[measure.number]["body"] == texts(content, measure.body)[locale]
    assert data["last_updated"] == done.date.isoformat()
    csv = (content.build.site / PREFIX[locale] / "data" / f"measures-{locale}.csv").read_text("utf-8-sig")
    assert texts(content, editor_day.NEW_DOMAIN_MEASURE_BODY)[locale] in csv


def test_sitemap_lists_the_new_domain_not_the_deleted_one_dated_by_the_day(day):
    done, content = day
    sitemap = (content.build.site / "sitemap.xml").read_text("utf-8")
    for prefix in PREFIX.values():
        assert f"<loc>{SITE_URL}{prefix}{done.folder}domains/{done.new_domain}/</loc>" in sitemap
        # Its own address only: another meeting may have a domain of that slug.
        assert f"<loc>{SITE_URL}{prefix}{done.folder}domains/{done.removed_domain}/</loc>" not in sitemap
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {done.date.isoformat()}


def test_every_page_shows_the_new_last_updated_date(day):
    done, content = day
    date = chinese_date(done.date)
    labels = {"zh-Hant": "最後更新", "zh-Hans": "最后更新"}
    for locale, prefix in PREFIX.items():
        for path in content.pages:
            footer = soup(content.build, prefix + path).select_one(".md-copyright").get_text()
            assert f"{labels[locale]}：{date}" in footer, prefix + path


@pytest.mark.browser
@pytest.mark.parametrize("locale", PREFIX)
def test_search_finds_the_new_measures_on_both_sites(day, browser, locale: str):
    done, content = day
    queries = [
        (texts(content, "資訊科技")[locale], done.added_to_existing_domain),
        (texts(content, "減碳")[locale], done.added_with_new_domain),
    ]
    with serve_directory(content.build.site) as url:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(url + PREFIX[locale])
        for query, measure in queries:
            search(page, query)
            # Under load the index may arrive after the first quiet moment: wait for the
            # measure's result itself (a generous bound), then read the list.
            target = f"{PREFIX[locale]}domains/{measure.domain}/"
            page.wait_for_function(
                """([path, fragment]) => [...document.querySelectorAll(".md-search-result__list > li a")]
                     .some(link => new URL(link.href).pathname.endsWith(path) && new URL(link.href).hash === "#" + fragment)""",
                arg=[target, f"measure-{measure.number}"],
                timeout=20_000,
            )
        page.context.close()


def test_the_days_changes_lead_the_change_log_and_the_feed_in_both_scripts(day):
    from xml.etree import ElementTree

    done, content = day
    atom = "{http://www.w3.org/2005/Atom}"
    words = {locale: content.meeting_words(locale) + measure for locale, measure in (("zh-Hant", "第 {} 項措施"), ("zh-Hans", "第 {} 项措施"))}
    assert len(done.changes) == 2
    for locale, prefix in PREFIX.items():
        # Newest first: the day's two entries, in the order they were written, before the older ones.
        expected = [
            (words[locale].format(number), texts(content, note)[locale], number) for number, note in done.changes
        ]
        items = soup(content.build, f"{prefix}changes/").select("article li")
        for item, (subject, note, number) in zip(items, expected):
            assert item.time["datetime"] == done.date.isoformat()
            assert item.get_text().split("　", 1)[1] == f"{subject}：{note}"
            assert item.a["href"].endswith(content.measure_page(number))
        # Then the reports of progress of the day (each an entry too), then the older entries.
        rest = items[len(expected):]
        assert all(item.time["datetime"] <= done.date.isoformat() for item in rest)
        assert all(item.time["datetime"] < done.date.isoformat() or item.a["href"].endswith("#progress") for item in rest)
        reports = sum(
            len(measure.get("progress") or [])
            for meeting in content.data["meetings"]
            for measure in meeting.get("measures", [])
        )
        assert len(items) == len(content.data["changes"]) + reports

        feed = ElementTree.parse(content.build.site / prefix / "changes" / "feed.xml").getroot()
        assert feed.findtext(f"{atom}updated") == f"{done.date.isoformat()}T00:00:00+08:00"
        entries = feed.findall(f"{atom}entry")[: len(expected)]
        for entry, (subject, note, number) in zip(entries, expected):
            assert "".join(entry.find(f"{atom}content").itertext()).strip().endswith(f"：{note}")
            assert entry.findtext(f"{atom}id").endswith(f",{done.date.isoformat()}:/{prefix}changes/measure-{number}")
            assert entry.find(f"{atom}link").get("href") == f"{SITE_URL}{prefix}{content.measure_page(number)}"
    # The override the day added reaches the 简体 feed.
    assert "信息技术" in texts(content, editor_day.NEW_MEASURE_NOTE)["zh-Hans"]


def test_the_new_domain_has_its_own_share_image_in_both_scripts(day):
    done, content = day
    images = {}
    for locale, prefix in PREFIX.items():
        page = soup(content.build, f"{prefix}{done.folder}domains/{done.new_domain}/")
        image = page.find("meta", property="og:image")["content"]
        assert image == f"{SITE_URL}{prefix}{done.folder}domains/{done.new_domain}/share.png"
        alt = texts(content, done.new_domain_name)[locale] + content.named(locale)
        assert page.find("meta", property="og:image:alt")["content"].endswith(alt)
        images[locale] = (content.build.site / prefix / done.folder / "domains" / done.new_domain / "share.png").read_bytes()
        assert not (content.build.site / prefix / done.folder / "domains" / done.removed_domain).exists()
    assert images["zh-Hant"] != images["zh-Hans"]


def test_the_new_measures_get_their_pages_and_the_deleted_ones_lose_theirs(day):
    done, content = day
    site = content.build.site
    for locale, prefix in PREFIX.items():
        numbers = sorted(int(page.parent.name) for page in (site / prefix / "meetings" / str(done.meeting)).glob("measures/*/index.html"))
        assert numbers == list(range(1, done.measure_count + 1))
        for measure in (done.added_to_existing_domain, done.added_with_new_domain, done.corrected):
            document = soup(content.build, prefix + content.measure_page(measure.number))
            assert fold(document.find("h1").get_text()) == fold(f"{measure.number}. {texts(content, measure.title)[locale]}")
            assert fold(texts(content, measure.body)[locale]) in fold(document.find("article").get_text())
            # Named as readers name it: the heading without its closing full stop.
            assert document.find("meta", property="og:title")["content"].startswith(
                f"{measure.number}. {texts(content, measure.title)[locale].removesuffix('。')}{content.named(locale)} - "
            )
        # The deleted measures are on no page of their own (the rest were renumbered into theirs).
        for page in (site / prefix / "meetings" / str(done.meeting)).glob("measures/*/index.html"):
            shown = page.read_text(encoding="utf-8")
            # A deleted measure's title is gone, unless a measure of today bears it too (the day's new
            # measure may have the title of one the editors had written).
            for title in set(done.removed_measure_titles) - {m["title"] for m in content.meeting["measures"]}:
                assert texts(content, title)[locale] not in shown, page
    # Nor are their generated pages left behind.
    generated = sorted(int(page.stem) for page in (content.build.project / "docs" / "zh-Hans" / "meetings" / str(done.meeting)).glob("measures/*.md"))
    assert generated == list(range(1, done.measure_count + 1))


def test_the_days_reports_of_progress_are_on_their_measures_pages_in_both_scripts(day):
    done, content = day
    assert len(done.progress) == 2
    for number, reports in done.progress.items():
        for locale, prefix in PREFIX.items():
            items = soup(content.build, f"{prefix}meetings/{done.meeting}/measures/{number}/").select(".progress-reports li")
            shown = {item.find("a")["href"]: item for item in items}
            for day_of, status, note, source in reports:
                item = shown[source]
                assert item.find("time").get_text() == chinese_date(day_of)
                assert fold(texts(content, note)[locale]) in fold(item.get_text())
    # The corrected measure's newest report is the day's: its domain page says so.
    corrected = done.corrected
    for prefix in PREFIX.values():
        heading = soup(content.build, f"{prefix}{done.folder}domains/{corrected.domain}/").find(id=f"measure-{corrected.number}")
        latest = heading.find_next("p", class_="progress-latest")
        assert latest.find("time")["datetime"] == done.date.isoformat()


# ── a meeting added, and an earlier plenary from its press release ──────────


@pytest.fixture(scope="module")
def meetings_day(tmp_path_factory: pytest.TempPathFactory) -> tuple[editor_day.AddedMeetings, Content]:
    project = copy_project(tmp_path_factory.mktemp("meetings-day") / "project", data_from=LIVE_DATA)
    editor_day.apply(project / "data")
    added = editor_day.add_meetings(project / "data")
    build = build_site(project)
    assert build.returncode == 0, build.output
    return added, Content(build, *read_data(project / "data"))


def test_a_new_meeting_and_an_earlier_plenary_pass_the_check_and_show_in_both_scripts(meetings_day):
    import build_measures

    added, content = meetings_day
    data = content.build.project / "data"
    assert build_measures.main(["check", "--data", str(data / "measures.yaml"), "--overrides", str(data / "conversion.yaml")]) == 0
    assert "WARNING" not in content.build.output
    for locale, prefix in PREFIX.items():
        home = soup(content.build, prefix)
        listed = [a["href"] for a in home.select("article a") if re.fullmatch(r"meetings/[0-9]+/", a["href"])]
        assert listed[0] == f"meetings/{added.newest}/"
        assert listed == sorted(listed, key=lambda href: -int(href.split("/")[1]))
        marine = soup(content.build, f"{prefix}meetings/{added.newest}/domains/marine-economy/")
        heading, body = measure_section(marine, 1)
        assert heading == fold(f"1. {texts(content, editor_day.NEW_MEETING_TITLE)[locale]}")
        assert body == fold(texts(content, editor_day.NEW_MEETING_BODY)[locale])
        own = soup(content.build, f"{prefix}meetings/{added.newest}/measures/{added.measure_count}/").select_one("article h1")
        assert own.get_text(strip=True).startswith(f"{added.measure_count}. ")
        if added.earlier is not None:
            earlier = soup(content.build, f"{prefix}meetings/{added.earlier}/").select_one("article")
            assert editor_day.EARLIER_SOURCE in [a["href"] for a in earlier.find_all("a")]
            assert texts(content, editor_day.EARLIER_SUMMARY)[locale] in earlier.get_text()
            assert not (content.build.site / prefix / "meetings" / str(added.earlier) / "memorandum").exists()
