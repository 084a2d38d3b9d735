"""Was it done? Public reports of progress on a measure: checked at their lines, shown where readers look.

The reports are made up (tests/fixture/progress.yaml, written under their measures by
tests/progress_fixture.py); the expectations are read from that file, never typed out.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from urllib.parse import urlsplit
from xml.etree import ElementTree

import jsonschema

import opencc
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LOCALE_PREFIXES, ROOT
from measures_site.content.interface import PAGE_LABELS, PROGRESS_STATUS_TEXT
from measures_site.content.render import chinese_date
from measures_site.data.model import PROGRESS_STATUSES
from measures_site.locales import LOCALE_BY_CODE
from progress_fixture import FIXTURE_DATA, PROGRESS, body_end, progress_lines, with_progress
from test_editor_checks import located_problems, run_check

REPORTED = {int(number): entries for number, entries in PROGRESS["progress"].items()}
UNREPORTED = 16  # a measure of a domain with reports, without any itself


def newest_first(number: int) -> list[dict]:
    return sorted(REPORTED[number], key=lambda entry: entry["date"], reverse=True)


def status_words(status: str, locale: str) -> str:
    """The status in the page's script: the source's words, converted for a generated script."""
    label = PROGRESS_STATUS_TEXT[status]["label"]
    locale = LOCALE_BY_CODE[locale]
    return label if locale.is_source else opencc.OpenCC(locale.opencc_config).convert(label)


# ── the data and its check ───────────────────────────────────────────────────


def test_every_status_is_worded_and_defined_and_published_in_the_editors_schema():
    assert tuple(PROGRESS_STATUS_TEXT) == PROGRESS_STATUSES
    assert all(words["label"] and words["definition"] for words in PROGRESS_STATUS_TEXT.values())
    schema = json.loads((ROOT / "data" / "measures.yaml.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Progress"]["properties"]["status"]["enum"] == list(PROGRESS_STATUSES)
    assert schema["$defs"]["Progress"]["required"] == ["date", "status", "note", "source"]


def test_the_made_up_reports_pass_the_check(tmp_path):
    status, stderr = run_check(tmp_path, with_progress().encode("utf-8"))
    assert status == 0, stderr
    assert not [problem for problem in located_problems(stderr, tmp_path) if not problem[3].startswith("warning: ")]


# Every mistake an editor can make in a report, under measure 19: one run reports them all.
BROKEN_REPORTS = """\
        progress:
          - date: "2023-06-01"
            status: complet
            note: 測試虛構：一。
            source: https://www.info.gov.hk/one
          - date: "2023-06-02"
            status: completed
            note: 測試虛構：二。
          - date: "2023-06-03"
            status: ongoing
            note: 測試虛構：三。
            source: http://www.info.gov.hk/three
          - date: "2023-06-04"
            status: ongoing
            note: 測試虛構：四。
            source: https://www.іnfo.gov.hk/four
          - date: "2099-01-01"
            status: ongoing
            note: 測試虛構：五。
            source: https://www.info.gov.hk/five
          - date: "2023-13-45"
            status: ongoing
            note: 測試虛構：六。
            source: https://www.info.gov.hk/six
          - date: "2023-06-02"
            status: preparing
            note: 測試虛構：七。
            source: https://www.info.gov.hk/seven
"""


def test_each_mistake_in_a_report_is_refused_at_its_line_in_one_run(tmp_path):
    end = body_end(FIXTURE_DATA, 19)
    text = FIXTURE_DATA[:end] + BROKEN_REPORTS + FIXTURE_DATA[end:]
    lines = text.splitlines()

    def line_of(fragment: str, after: int = FIXTURE_DATA[:end].count("\n")) -> int:
        """The number of the first line after line `after` that holds `fragment`."""
        return next(number for number, line in enumerate(lines, 1) if number > after and fragment in line)

    status, stderr = run_check(tmp_path, text.encode("utf-8"))
    assert status == 1
    errors = [problem[1:] for problem in located_problems(stderr, tmp_path) if not problem[3].startswith("warning: ")]
    second = line_of('date: "2023-06-02"')
    assert errors == [
        (line_of("status: complet"), 21, "'status' of item 1 of 'progress' of measure 19 of meeting 4 'complet' is not one of the"
         " statuses — did you mean 'completed'? write one of: preparing, in-progress, ongoing, completed, delayed"),
        (second, 13, "item 2 of 'progress' of measure 19 of meeting 4 is missing the required field 'source'"),
        (line_of("source: http://"), 21, "'source' of item 3 of 'progress' of measure 19 of meeting 4 starts with http://: the site"
         " links only secure addresses — write https://www.info.gov.hk/three"),
        (line_of("source: https://www.іnfo"), 21, "'source' of item 4 of 'progress' of measure 19 of meeting 4 has the host"
         " «www.іnfo.gov.hk», whose letters mix scripts (Cyrillic、Latin): it may be a look-alike of another site's"
         " name — type the address again, letter by letter, or copy it from the browser"),
        (line_of('date: "2099-01-01"'), 19, "report 5 of measure 19 of meeting 4 is dated 2099-01-01, after last_updated (2023-06-28)"
         " — set last_updated to the day of the newest change, or correct this date"),
        (line_of('date: "2023-13-45"'), 19, "'date' of item 6 of 'progress' of measure 19 of meeting 4 must be a date written"
         " YYYY-MM-DD, e.g. \"2023-06-28\""),
        (line_of('date: "2023-06-02"', second), 19, "report 7 of measure 19 of meeting 4 is dated 2023-06-02, like report 2"
         " — write one report per day for a measure (say both in its note)"),
    ]


# ── shown where readers look ─────────────────────────────────────────────────


def page(site, locale: str, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(LOCALE_PREFIXES[locale] + path), "html.parser")


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_a_measure_page_lists_its_reports_newest_first_each_with_status_words_day_note_and_source(progress_site, locale):
    for number in REPORTED:
        document = page(progress_site, locale, f"meetings/4/measures/{number}/")
        section = document.find(id="progress")
        assert section is not None and section.name == "h2"
        items = document.select(".progress-reports li")
        expected = newest_first(number)
        assert len(items) == len(expected)
        for item, entry in zip(items, expected, strict=True):
            day = datetime.date.fromisoformat(entry["date"])
            assert item.select_one(".progress-status").get_text() == status_words(entry["status"], locale)
            assert item.find("time")["datetime"] == entry["date"]
            assert item.find("time").get_text() == chinese_date(day)
            link = item.find("a")
            assert link["href"] == entry["source"]
            assert link.get_text().endswith(entry["source"].split("/")[2])
            note = entry["note"] if LOCALE_BY_CODE[locale].is_source else None
            if note:
                assert note in item.get_text()
            else:
                assert "测试虚构" in item.get_text() and "測試虛構" not in item.get_text()


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_the_latest_status_stands_beside_each_reported_measure_where_it_is_listed(progress_site, locale):
    home, index = page(progress_site, locale, ""), page(progress_site, locale, "measures/")
    for number, entries in REPORTED.items():
        latest = newest_first(number)[0]
        words = status_words(latest["status"], locale)
        for listing in (home, index):
            link = listing.find("a", href=lambda href: href and href.endswith(f"#measure-{number}"))
            assert link.find_next_sibling("span", class_="progress-status").get_text() == words
        domain = page(progress_site, locale, f"domains/{_domain_of(number)}/")
        heading = domain.find(id=f"measure-{number}")
        latest_line = heading.find_next("p", class_="progress-latest")
        assert latest_line.select_one(".progress-status").get_text() == words
        assert latest_line.find("time")["datetime"] == latest["date"]
        assert latest_line.find("a")["href"].endswith(f"measures/{number}/#progress")
        # It is this measure's: the next heading comes after it.
        assert latest_line.find_previous(["h2"]) == heading


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_a_measure_without_reports_shows_nothing_of_progress(progress_site, site, locale):
    assert UNREPORTED not in REPORTED
    own = page(progress_site, locale, f"meetings/4/measures/{UNREPORTED}/")
    assert own.find(id="progress") is None and not own.select(".progress-status")
    for listing in (page(progress_site, locale, ""), page(progress_site, locale, "measures/")):
        link = listing.find("a", href=lambda href: href and href.endswith(f"#measure-{UNREPORTED}"))
        assert link.find_next_sibling("span", class_="progress-status") is None
    domain = page(progress_site, locale, f"domains/{_domain_of(UNREPORTED)}/")
    heading = domain.find(id=f"measure-{UNREPORTED}")
    following = heading.find_next(["h2", "p"], class_="progress-latest")
    assert following is None or following.find_previous("h2") != heading
    # The fixture without reports shows no trace of them anywhere.
    for path in ("", "measures/", "domains/education/", "meetings/4/measures/15/"):
        assert "progress" not in site.page(LOCALE_PREFIXES[locale] + path).split("<article", 1)[1].split("</article>")[0]


def _domain_of(number: int) -> str:
    text = FIXTURE_DATA[FIXTURE_DATA.index(f"      - number: {number}\n"):]
    return text.split("        domain: ", 1)[1].split("\n", 1)[0]


# ── the progress page ────────────────────────────────────────────────────────


def expected_figures() -> list[tuple[str, dict[str, int]]]:
    """(domain slug, {status or "none": measures}) from the data as written, by the newest report."""
    data = yaml.safe_load(with_progress())
    figures = []
    (meeting,) = data["meetings"]
    for domain in meeting["domains"]:
        counts = dict.fromkeys([*PROGRESS_STATUSES, "none"], 0)
        for measure in meeting["measures"]:
            if measure["domain"] == domain["slug"]:
                reports = measure.get("progress") or []
                counts[max(reports, key=lambda report: str(report["date"]))["status"] if reports else "none"] += 1
        figures.append((domain["slug"], counts))
    return figures


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_the_progress_page_counts_each_domain_by_its_measures_newest_reports_alike_in_chart_table_and_data(
    progress_site, locale
):
    document = page(progress_site, locale, "progress/")
    expected = expected_figures()
    columns = [*PROGRESS_STATUSES, "none"]
    # The table: a row per domain, the counts in the statuses' order, then the total; then the totals.
    rows = document.select("article table tbody tr")
    assert len(rows) == len(expected) + 1
    for row, (slug, counts) in zip(rows, expected):
        assert row.find("a")["href"].endswith(f"domains/{slug}/")
        assert [int(cell.get_text()) for cell in row.find_all("td")[1:]] == [*(counts[key] for key in columns), sum(counts.values())]
    total = [sum(counts[key] for _, counts in expected) for key in columns]
    assert [int(cell.get_text()) for cell in rows[-1].find_all("td")[1:]] == [*total, sum(total)]
    # The chart: a picture with words, a bar per domain whose parts are the same counts.
    (chart,) = document.select("svg.progress-chart")
    assert chart["role"] == "img"
    described = chart.find("desc").get_text()
    assert described.startswith(f"{sum(total)} ") and all(str(n) in described for n in total if n)
    bars = chart.select("g.progress-chart__domain")
    widest = max(sum(counts.values()) for _, counts in expected)
    unit = float(chart["width"]) / widest
    for bar, (_, counts) in zip(bars, expected, strict=True):
        drawn = {
            part["class"][1].removeprefix("progress-status--"): round(float(part["width"]) / unit)
            for part in bar.select("rect.progress-chart__part")
        }
        assert drawn == {key: count for key, count in counts.items() if count}
    # The newest report's day, and a measure with none counted as such, never as a status.
    newest = max(entry["date"] for entries in REPORTED.values() for entry in entries)
    assert document.find("article").find("time")["datetime"] == newest
    unreported = document.find("a", href=lambda href: href and href.endswith(f"measures/{UNREPORTED}/"))
    assert unreported.find_next_sibling("span")["class"] == ["progress-status", "progress-status--none"]


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_the_progress_page_defines_every_status_and_is_in_the_menu_and_the_site_map(progress_site, locale):
    document = page(progress_site, locale, "progress/")
    definitions = document.select(".progress-definitions li")
    assert [item.select_one(".progress-status")["class"][1] for item in definitions] == [
        f"progress-status--{key}" for key in (*PROGRESS_STATUSES, "none")
    ]
    for status, item in zip(PROGRESS_STATUSES, definitions):
        meaning = PROGRESS_STATUS_TEXT[status]["definition"]
        shown = meaning if LOCALE_BY_CODE[locale].is_source else opencc.OpenCC("hk2s").convert(meaning)
        assert shown in item.get_text()
    home = page(progress_site, locale, "")
    assert home.select_one("nav.md-nav--primary").find("a", href=lambda href: href and href.rstrip("/").endswith("progress"))
    site_map = page(progress_site, locale, "site-map/")
    assert site_map.find("article").find("a", href=lambda href: href and href.rstrip("/").endswith("progress"))


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_without_any_report_the_progress_page_says_so_and_draws_nothing(site, locale):
    document = BeautifulSoup(site.page(LOCALE_PREFIXES[locale] + "progress/"), "html.parser")
    article = document.find("article")
    assert not article.select("svg, table, .progress-list")
    none_yet = "本站尚未記錄任何公開報告。" if LOCALE_BY_CODE[locale].is_source else "本站尚未记录任何公开报告。"
    assert none_yet in article.get_text()
    assert document.find("meta", attrs={"name": "description"})["content"].endswith(none_yet)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_with_progress_pass_axe_in_both_schemes_on_a_phone(progress_site, browser, scheme):
    from conftest import axe_violations, serve_directory

    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, color_scheme=scheme)
    found = {}
    with serve_directory(progress_site.site) as url:
        tab = context.new_page()
        # The pages' policy refuses what they must not hold (an inline style, a script): the console says so.
        refused: list[str] = []
        tab.on("console", lambda message: message.type == "error" and refused.append(message.text))
        for prefix in LOCALE_PREFIXES.values():
            for path in ("progress/", "meetings/4/measures/15/", "domains/education/", "measures/"):
                tab.goto(url + prefix + path, wait_until="load")
                found[prefix + path] = axe_violations(tab)
    context.close()
    assert {path: violations for path, violations in found.items() if violations} == {}
    assert refused == []


def test_the_progress_page_s_share_image_reads_its_figures_in_words(tmp_path):
    from measures_site.content.pipeline import load_site_content
    from measures_site.site.share_images import page_card

    (tmp_path / "measures.yaml").write_text(with_progress(), encoding="utf-8")
    content = load_site_content(tmp_path / "measures.yaml", ROOT / "tests" / "fixture" / "conversion.yaml")
    card = page_card(content.pages["zh-Hant/progress.md"], "zh-Hant", "閩港合作措施")
    total = sum(sum(counts.values()) for _, counts in expected_figures())
    statuses = {key: sum(counts[key] for _, counts in expected_figures()) for key in (*PROGRESS_STATUSES, "none")}
    words = {**{key: PROGRESS_STATUS_TEXT[key]["label"] for key in PROGRESS_STATUSES}, "none": "未有報告"}
    assert card.title == "落實進度"
    assert card.description == f"{total} 項措施中，" + "、".join(
        f"{words[key]} {count}" for key, count in statuses.items() if count
    ) + "。"


# ── everywhere the data goes ─────────────────────────────────────────────────

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_each_report_is_an_entry_of_the_feed_and_the_change_log_with_an_id_of_its_measure_and_day(progress_site, locale):
    prefix = LOCALE_PREFIXES[locale]
    feed = ElementTree.parse(progress_site.site / prefix / "changes" / "feed.xml").getroot()
    ids = {entry.find(f"{ATOM}id").text: entry for entry in feed.iter(f"{ATOM}entry")}
    log = page(progress_site, locale, "changes/")
    for number, entries in REPORTED.items():
        for report in entries:
            [entry] = [entry for key, entry in ids.items() if key.endswith(f",{report['date']}:/{prefix}changes/measure-{number}-progress")]
            assert entry.find(f"{ATOM}link").get("href").endswith(f"/{prefix}meetings/4/measures/{number}/#progress")
            assert status_words(report["status"], locale) in entry.find(f"{ATOM}title").text
            [item] = [
                item for item in log.select("article li")
                if item.find("time")["datetime"] == report["date"] and f"measures/{number}/#progress" in str(item.find("a"))
            ]
            note = report["note"] if LOCALE_BY_CODE[locale].is_source else opencc.OpenCC("hk2s").convert(report["note"])
            assert note in item.get_text()


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_the_open_data_holds_every_report_and_the_csv_the_newest_status_and_its_day(progress_site, locale):
    folder = progress_site.site / LOCALE_PREFIXES[locale] / "data"
    data = json.loads((folder / f"measures-{locale}.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((folder / "measures.schema.json").read_text(encoding="utf-8")))
    rows = list(csv.DictReader(io.StringIO((folder / f"measures-{locale}.csv").read_bytes().decode("utf-8-sig"), newline="")))
    for measure, row in zip(data["measures"], rows, strict=True):
        number = measure["number"]
        expected = newest_first(number) if number in REPORTED else []
        assert [(entry["date"], entry["status"], entry["source"]) for entry in measure["progress"]] == [
            (entry["date"], entry["status"], entry["source"]) for entry in expected
        ]
        newest = expected[0] if expected else None
        assert (measure["latest_status"], measure["latest_status_date"]) == (
            (newest["status"], newest["date"]) if newest else (None, None)
        )
        assert (row["latest_status"], row["latest_status_date"]) == ((newest["status"], newest["date"]) if newest else ("", ""))


def test_the_review_lists_reports_added_changed_and_removed(tmp_path):
    from test_github_checks import run_review

    new = {"date": "2025-03-31", "status": "completed", "note": "測試虛構：新增。", "source": "https://example.org/new"}
    changed = newest_first(18)[0]
    [removed] = REPORTED[2]
    head_text = with_progress().replace(progress_lines(REPORTED[18]), progress_lines([new, *REPORTED[18]]), 1)
    head_text = head_text.replace(progress_lines(REPORTED[2]), "", 1)  # measure 2's only report, with its list
    head_text = head_text.replace(changed["note"], "測試虛構：研究院已全面運作。", 1)
    for folder, text in ((tmp_path / "base", with_progress()), (tmp_path / "head", head_text)):
        folder.mkdir()
        for name in ("conversion.yaml", "search.yaml"):
            (folder / name).write_bytes((ROOT / "tests" / "fixture" / name).read_bytes())
        (folder / "measures.yaml").write_text(text, encoding="utf-8")
    result = run_review(tmp_path / "base", tmp_path / "head")
    items = [line.split(" | ")[0].removeprefix("| ") for line in result.stdout.splitlines() if line.startswith("| Measure")]
    assert items == [
        "Measure 18, report of 2025-03-31: new",
        f"Measure 18, report of {changed['date']}: changed",
        f"Measure 2, report of {removed['date']}: deleted",
    ]
    assert "3 項進度報告有變" in result.stdout


@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_search_indexes_each_report_once_on_the_page_of_its_measure(progress_site, locale):
    index = json.loads((progress_site.site / LOCALE_PREFIXES[locale] / "search" / "search_index.json").read_text("utf-8"))
    texts = {doc["location"]: (doc["title"] + doc["text"]).replace("\u200b", "") for doc in index["docs"]}
    # Of a measure's own page, its reports alone: its text and neighbours are its domain page's.
    assert {location for location in texts if location.startswith("meetings/")} == {
        f"meetings/4/measures/{number}/#progress" for number in REPORTED
    }
    converted = (lambda text: text) if LOCALE_BY_CODE[locale].is_source else opencc.OpenCC("hk2s").convert
    for number, entries in REPORTED.items():
        for entry in entries:
            holding = [location for location, text in texts.items() if converted(entry["note"]) in text]
            assert holding == [f"meetings/4/measures/{number}/#progress"], (entry["note"], holding)
    # Nor is a measure's title found on the progress page, whose list and chart repeat them.
    assert not [location for location, text in texts.items() if location.startswith("progress/") and converted("開啟閩港新領域合作") in text]


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALE_PREFIXES)
def test_search_finds_every_report_on_the_page_of_the_measure_it_is_about(progress_site, browser, locale):
    from conftest import serve_directory
    from test_search import search

    section = PAGE_LABELS["progress"]  # the title of a measure page's reports, in the page's script
    if not LOCALE_BY_CODE[locale].is_source:
        section = opencc.OpenCC("hk2s").convert(section)
    # The newest report, also on the domain page, and the oldest, on the measure's page alone.
    reports = [newest_first(15)[0], newest_first(15)[-1]]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    answers = []
    with serve_directory(progress_site.site) as url:
        tab = context.new_page()
        tab.goto(url + LOCALE_PREFIXES[locale] + "domains/finance/", wait_until="load")
        for report in reports:
            words = report["note"].split("：", 1)[1][:6]  # 第三期因場地: words of the note alone
            typed = words if LOCALE_BY_CODE[locale].is_source else opencc.OpenCC("hk2s").convert(words)
            answers.append(search(tab, typed))
    context.close()
    converted = (lambda text: text) if LOCALE_BY_CODE[locale].is_source else opencc.OpenCC("hk2s").convert
    for report, answer in zip(reports, answers):
        first = answer["items"][0]
        # The report's own sentence: its status, day and note, not the source of the one before it.
        assert first["sentence"].startswith(status_words(report["status"], locale)), first["sentence"]
        assert first["sentence"].endswith(converted(report["note"])), first["sentence"]
        address = urlsplit(first["href"])
        assert (address.path.removeprefix("/" + LOCALE_PREFIXES[locale]), address.fragment) == ("meetings/4/measures/15/", "progress")
        # Which measure the report is about, in the page's script.
        assert first["title"].startswith("15. ") and f"（{section}）" in first["title"], first["title"]
