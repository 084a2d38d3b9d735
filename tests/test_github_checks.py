"""What editors see on GitHub: problems on the edited line, and what a change will publish."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import cmarkgfm
import pytest
from bs4 import BeautifulSoup, Comment
from cmarkgfm.cmark import Options

import editor_day
from broken_cases import CASES, with_feedback_address
from conftest import FIXTURE_FOLDER, ROOT

BUILD_MEASURES = ROOT / "scripts" / "build_measures.py"


def case(name: str):
    return next(case for case in CASES if case.name == name)


def data_folder(project: Path, data: bytes | None = None) -> Path:
    """project/data/ holding the fixture's files, the measures replaced by `data` if given."""
    folder = project / "data"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("measures.yaml", "conversion.yaml", "search.yaml"):
        shutil.copy2(FIXTURE_FOLDER / name, folder / name)
    if data is not None:
        (folder / "measures.yaml").write_bytes(data)
    return folder


def check_on_github(project: Path, *extra: str, summary: Path | None = None) -> subprocess.CompletedProcess:
    """`check --format github` run in `project` on its data/ files, as the workflow runs it."""
    if "--data" not in extra:
        extra = ("--data", "data/measures.yaml", *extra)
    extra = ("--overrides", "data/conversion.yaml", *extra)
    environment = {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    if summary is not None:
        environment["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run(
        [sys.executable, str(BUILD_MEASURES), "check", "--format", "github", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )


def run_review(base: Path, head: Path) -> subprocess.CompletedProcess:
    """`--review` of HEAD's data files against BASE's, as the workflow runs it: it succeeds."""
    result = subprocess.run(
        [sys.executable, str(BUILD_MEASURES), "review", str(base), "--data", str(head / "measures.yaml"),
         "--overrides", str(head / "conversion.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_a_warning_is_an_annotation_on_its_line_and_the_check_passes(tmp_path: Path):
    text = (FIXTURE_FOLDER / "measures.yaml").read_text("utf-8").replace('title: "深化金融合作。"', 'title: "深化金融,合作。"')
    data_folder(tmp_path, with_feedback_address(text).encode("utf-8"))
    result = check_on_github(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "::warning file=data/measures.yaml,line=88,col=21,title=Data check::'title' of measure 4 of meeting 4 has 「,」 U+002C COMMA,"
        " half-width punctuation inside Chinese text — the signed text uses the full-width 「，」 U+FF0C",
    ]


def test_each_problem_is_a_workflow_annotation_on_its_line(tmp_path: Path):
    data_folder(tmp_path, case("misspelt-field-titel").data_bytes())
    result = check_on_github(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # A workflow command escapes ':' and ',' in its properties, '%' and line breaks everywhere.
    assert result.stdout.splitlines() == [
        "::error file=data/measures.yaml,line=78,col=9,title=Data check::measure 2 of meeting 4 is missing the required field 'title'",
        "::error file=data/measures.yaml,line=80,col=9,title=Data check::unknown field 'titel' in measure 2 of meeting 4 — did you mean 'title'?",
    ]
    # The log keeps the plain located lines too.
    assert "data/measures.yaml:78:9: measure 2 of meeting 4 is missing the required field 'title'" in result.stderr


def test_annotation_escapes_what_workflow_commands_reserve(tmp_path: Path):
    data_folder(tmp_path, case("slug-with-a-line-break").data_bytes())
    (tmp_path / "data" / "measures.yaml").rename(tmp_path / "data" / "a,b:c%.yaml")
    result = check_on_github(tmp_path, "--data", "data/a,b:c%.yaml")
    assert result.stdout.splitlines() == [
        "::error file=data/a%2Cb%3Ac%25.yaml,line=65,col=15,title=Data check::'slug' of domain 8 of meeting 4 'edu\\ncation'"
        " is not fit for a web address: use lowercase letters a-z, digits and single hyphens, e.g. 'economy-trade'",
    ]


def git(project: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *arguments],
        cwd=project,
        check=True,
        capture_output=True,
    )


def test_problems_on_changed_lines_come_first_and_the_summary_lists_them_all(tmp_path: Path):
    folder = data_folder(tmp_path)
    measures = folder / "measures.yaml"
    # Already broken before the change: measure 21's body emptied (a late line).
    text = measures.read_text("utf-8")
    late = text.rindex("    body: ")
    measures.write_text(text[:late] + '    body: ""' + text[text.index("\n", late) :], encoding="utf-8")
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "--quiet", "-m", "base")
    # The change: the meeting numbered 0 (an early line).
    measures.write_text(measures.read_text("utf-8").replace("      meeting_number: 4\n", "      meeting_number: 0\n"), "utf-8")
    summary = tmp_path / "summary.md"
    result = check_on_github(tmp_path, "--changed-since", "HEAD", summary=summary)
    annotations = [line.split("::")[1].split(",")[1] for line in result.stdout.splitlines()]
    assert annotations == ["line=12", "line=157"]
    without_diff = check_on_github(tmp_path, "--changed-since", "no-such-revision")
    assert [line.split(",")[1] for line in without_diff.stdout.splitlines()] == ["line=12", "line=157"]

    page = rendered_as_github_does(summary.read_text("utf-8"))
    assert page.find("h3").get_text() == "2 problems in the data: nothing will be published until they are fixed"
    assert [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in page.find_all("tr")] == [
        ["File", "Line", "Column", "Problem"],
        ["data/measures.yaml", "12", "23", "'meeting_number' of 'conference' of meeting 0 must be 1 or more, not 0"],
        ["data/measures.yaml", "157", "15", "'body' of measure 21 of meeting 0 is empty or only spaces"],
    ]


def test_changed_lines_come_first_even_when_they_are_late_in_the_file(tmp_path: Path):
    folder = data_folder(tmp_path)
    measures = folder / "measures.yaml"
    measures.write_text(measures.read_text("utf-8").replace("      meeting_number: 4\n", "      meeting_number: 0\n"), "utf-8")
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "--quiet", "-m", "base")
    text = measures.read_text("utf-8")
    late = text.rindex("    body: ")
    measures.write_text(text[:late] + '    body: ""' + text[text.index("\n", late) :], encoding="utf-8")
    result = check_on_github(tmp_path, "--changed-since", "HEAD")
    assert [line.split(",")[1] for line in result.stdout.splitlines()] == ["line=157", "line=12"]


def test_valid_data_prints_no_annotation(tmp_path: Path):
    data_folder(tmp_path, with_feedback_address((FIXTURE_FOLDER / "measures.yaml").read_text("utf-8")).encode("utf-8"))
    result = check_on_github(tmp_path, summary=tmp_path / "summary.md")
    assert (result.returncode, result.stdout) == (0, "")
    assert not (tmp_path / "summary.md").exists()


# ── what a change will publish ───────────────────────────────────────────────


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> tuple[editor_day.EditorDay, str]:
    base = data_folder(tmp_path_factory.mktemp("base"))
    head = data_folder(tmp_path_factory.mktemp("head"))
    done = editor_day.apply(head)
    result = run_review(base, head)
    return done, result.stdout


def table_rows(markdown: str) -> dict[str, list[str]]:
    rows = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| What") and not line.startswith("| ---"):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            rows[cells[0]] = cells[1:]
    return rows


def test_review_shows_a_changed_sentence_before_and_after_with_its_simplified_text(review):
    done, markdown = review
    rows = table_rows(markdown)
    measure = done.corrected
    before, after, simplified, overrides = next(
        cells for item, cells in rows.items() if item.startswith(f"Measure {measure.number} ") and item.endswith("changed")
    )
    assert f"<ins>{editor_day.CORRECTED_SENTENCE}</ins>" in after
    assert "<ins>" not in before and "<del>" not in after
    assert simplified.endswith("双方每年检讨落实进度，并向社会公布成果。")


def test_review_names_the_override_applied_to_a_new_measure(review):
    done, markdown = review
    rows = table_rows(markdown)
    measure = done.added_to_existing_domain
    [cells] = [cells for item, cells in rows.items() if item.startswith(f"Measure {measure.number} ") and item.endswith("new")]
    before, after, simplified, overrides = cells
    assert before == ""
    assert after == f"{measure.title}<br>{measure.body}"
    assert "信息技术" in simplified and "资讯科技" not in simplified
    assert overrides == "资讯科技 → 信息技术"


def test_review_lists_new_and_deleted_domains_paragraphs_and_the_date(review):
    done, markdown = review
    rows = table_rows(markdown)
    assert f"Domain `{done.new_domain}`: new" in rows
    assert f"Domain `{done.removed_domain}`: deleted" in rows
    paragraph = next(cells for item, cells in rows.items() if item.startswith("Memorandum") and item.endswith("new"))
    assert paragraph[1] == editor_day.INSERTED_PARAGRAPH
    assert f"**Last updated** (最後更新): 2023-06-28 → {done.date}" in markdown
    assert "**Measures renumbered**: 2 → 1, 3 → 2, " in markdown
    for number, note in done.changes:
        assert rows[f"Change log, {done.date} (measure-{number}): new"][1] == note


def test_review_of_unchanged_data_says_so(tmp_path: Path):
    folder = data_folder(tmp_path)
    result = run_review(folder, folder)
    assert result.stdout.splitlines()[-1] == "No text of the memorandum, the domains, the measures, the change log or the search terms changes."


# ── whatever causes it, every change readers will see ───────────────────────

FIXTURE_TEXT = (FIXTURE_FOLDER / "measures.yaml").read_text("utf-8")
FIXTURE_CONVERSION = (FIXTURE_FOLDER / "conversion.yaml").read_text("utf-8")
ADDED_OVERRIDE = "  - opencc: 艺术普及\n    simplified: 艺术推广\n    reason: 內地常用「推廣」。\n"


def review_of(tmp_path: Path, measures: str = FIXTURE_TEXT, conversion: str = FIXTURE_CONVERSION) -> str:
    base, head = data_folder(tmp_path / "base"), data_folder(tmp_path / "head")
    (head / "measures.yaml").write_text(measures, "utf-8")
    (head / "conversion.yaml").write_text(conversion, "utf-8")
    result = run_review(base, head)
    return result.stdout


def test_a_new_override_lists_the_measure_whose_simplified_it_changes(tmp_path: Path):
    markdown = review_of(tmp_path, conversion=FIXTURE_CONVERSION + ADDED_OVERRIDE)
    rows = table_rows(markdown)
    assert markdown.splitlines()[2] == "**1 項措施文字有變、1 項轉換規則有變**"
    [(item, cells)] = [(item, cells) for item, cells in rows.items() if item.startswith("Measure")]
    assert item == "Measure 11 (文化交流): 简体 changed by the conversion overrides (艺术普及 → 艺术推广 added)"
    assert "艺术推广" in cells[2] and cells[3] == "艺术普及 → 艺术推广"
    assert rows["Conversion override <code>艺术普及</code>: new"][:2] == ["", "艺术普及 → 艺术推广"]


def test_a_removed_override_lists_it_and_the_measure_it_changed(tmp_path: Path):
    start = FIXTURE_CONVERSION.index("  - opencc: 数位产业")
    markdown = review_of(tmp_path, conversion=FIXTURE_CONVERSION[:start].replace("overrides:\n", "overrides: []\n"))
    rows = table_rows(markdown)
    assert "Conversion override <code>数位产业</code>: deleted" in rows
    measure = next(item for item in rows if item.startswith("Measure 6 "))
    assert measure.endswith("简体 changed by the conversion overrides (数位产业 → 数字产业 removed)")


def test_a_move_is_a_move_and_the_site_block_is_shown(tmp_path: Path):
    start = FIXTURE_TEXT.index("  - number: 2\n")
    text = FIXTURE_TEXT[:start] + FIXTURE_TEXT[start:].replace("        domain: economy-trade\n", "        domain: finance\n", 1)
    text = text.replace("  publisher: 閩港合作措施網站項目團隊", "  publisher: 閩港合作措施網站編輯組")
    markdown = review_of(tmp_path, measures=text)
    rows = table_rows(markdown)
    assert markdown.splitlines()[2] == "**1 項移往另一領域、1 項網站資料有變**"
    assert [item for item in rows if item.startswith("Measure")] == [
        "Measure 2 (金融): moved from 經貿 to 金融 (its place domains/economy-trade/#measure-2 → domains/finance/#measure-2)"
    ]
    assert rows["`site.publisher`: changed"][:2] == ["閩港合作措施網站項目團隊", "閩港合作措施網站編輯組"]


def test_a_rename_is_one_rename_with_the_addresses_it_moves(tmp_path: Path):
    text = FIXTURE_TEXT.replace("        slug: education\n", "        slug: education-and-training\n        former_slugs: [education]\n", 1)
    text = text.replace("        domain: education\n", "        domain: education-and-training\n")
    markdown = review_of(tmp_path, measures=text)
    rows = table_rows(markdown)
    assert markdown.splitlines()[2] == "**1 個網址改變**"
    assert list(rows) == [
        "Domain `education` renamed `education-and-training`: its addresses move in both scripts (domains/education/ →"
        " domains/education-and-training/, domains/education/side-by-side/ → domains/education-and-training/side-by-side/);"
        " the old ones send readers on"
    ]


def test_reordered_domains_show_their_new_ordinals(tmp_path: Path):
    first, second = "\n      - name: 經貿\n        slug: economy-trade\n", "\n      - name: 金融\n        slug: finance\n"
    rows = table_rows(review_of(tmp_path, measures=FIXTURE_TEXT.replace(first + second, second + first)))
    assert rows["Domain `finance`: changed (now 一: its place in the list)"][:2] == ["<del>二</del>、金融", "<ins>一</ins>、金融"]
    assert "Domain `economy-trade`: changed (now 二: its place in the list)" in rows


def test_a_base_written_with_ordinals_is_compared_as_it_would_be_written_today(tmp_path: Path):
    base, head = data_folder(tmp_path / "base"), data_folder(tmp_path / "head")
    numbered = iter("一二三四五六七八九十")
    with_ordinals = re.sub(r"\n  - name: ", lambda match: f"\n  - ordinal: {next(numbered)}\n    name: ", FIXTURE_TEXT)
    (base / "measures.yaml").write_text(with_ordinals, "utf-8")
    result = run_review(base, head)
    assert result.stdout.splitlines()[-1] == "No text of the memorandum, the domains, the measures, the change log or the search terms changes."


# ── what the data may not do to the summaries ────────────────────────────────

# What the review and the problems' summary write themselves: any other element came from the data.
SUMMARY_ELEMENTS = {"h2", "h3", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "del", "ins", "br", "code", "span"}
IMAGE = "![ok](https://evil.example/t.png)"
LINK = "[官方正本](https://evil.example/login)"
HOSTILE = {
    "title": IMAGE + "攜手融入“雙循環”新發展格局。",
    "title 2": LINK,
    "domain": "經貿<img src=https://evil.example/x.png><!--",
    "phrase": "`<img src=//e.x/a>`",
    "note": "見 a@evil.example、www.evil.example 及 https://evil.example/x ~~刪~~ *重* |",
    "publisher": "<!-- 編輯組",
    "synonym": "![x](//e.x/y.png)",
    "last": "著力支持港人在閩發展。",
}


def rendered_as_github_does(markdown: str) -> BeautifulSoup:
    """The summary as GitHub's Markdown makes it, before its sanitiser (which would hide what the data did)."""
    return BeautifulSoup(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE), "html.parser")


def assert_only_its_own_elements(page: BeautifulSoup) -> None:
    assert {element.name for element in page.find_all(True)} <= SUMMARY_ELEMENTS
    assert not page.find_all(string=lambda text: isinstance(text, Comment))
    # The one span it writes holds an '@' alone, so that no e-mail address becomes a link.
    assert {span.get_text() for span in page.find_all("span")} <= {"@"}


def hostile_change(head: Path) -> None:
    """A pull request writing markup into every kind of field the review shows."""
    measures = (head / "measures.yaml").read_text("utf-8")
    edits = [
        ('title: "攜手融入“雙循環”新發展格局。"', f'title: "{HOSTILE["title"]}"'),
        ('title: "積極拓展投資合作。"', f'title: "{HOSTILE["title 2"]}"'),
        ("  - name: 經貿\n", f'  - name: "{HOSTILE["domain"]}"\n'),
        ("    note: 更正措施標題的錯別字。", f'    note: "{HOSTILE["note"]}"'),
        ("  publisher: 閩港合作措施網站項目團隊", f'  publisher: "{HOSTILE["publisher"]}"'),
        ('title: "着力支持港人在閩發展。"', f'title: "{HOSTILE["last"]}"'),
        ("共同拓展國際市場；", f"共同拓展國際市場{HOSTILE['phrase']}；"),
    ]
    for old, new in edits:
        assert measures.count(old) == 1, old
        measures = measures.replace(old, new)
    (head / "measures.yaml").write_text(measures, "utf-8")
    with (head / "conversion.yaml").open("a", encoding="utf-8") as overrides:
        overrides.write(f"  - opencc: \"{HOSTILE['phrase']}\"\n    simplified: \"{HOSTILE['phrase']}x\"\n    reason: 測試。\n")
    terms = (head / "search.yaml").read_text("utf-8")
    synonym = f"synonyms:\n  - query: \"{HOSTILE['synonym']}\"\n    finds: 香港理工大學\n"
    (head / "search.yaml").write_text(terms.replace("synonyms:\n", synonym, 1), "utf-8")


def test_the_review_of_markup_in_every_field_shows_it_as_text_and_hides_no_row(tmp_path: Path):
    base, head = data_folder(tmp_path / "base"), data_folder(tmp_path / "head")
    hostile_change(head)
    result = run_review(base, head)
    page = rendered_as_github_does(result.stdout)
    assert_only_its_own_elements(page)
    # Every row the Markdown writes is a row of the table, each with its five cells.
    written = [line for line in result.stdout.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    rows = page.find_all("tr")
    assert len(rows) == len(written) and {len(row.find_all(["td", "th"])) for row in rows} == {5}
    cells = {row.find("td").get_text(): [cell.get_text() for cell in row.find_all("td")[1:]] for row in rows[1:]}
    shown = "\n".join(page.get_text().splitlines())
    # Each text is shown exactly as it is written.
    for text in HOSTILE.values():
        assert text in shown, text
    assert cells["Measure 21 (便利港人在內地發展): changed"][1] == HOSTILE["last"] + (
        "積極落實中央有關部門出台便利港澳居民在內地發展的政策措施，讓在閩港人在教育學習、就業工作、社會保障和日常生活等方面適當地享有"
        "與內地居民同等待遇，積極聯繫在閩港人團體，了解港人需要，為港人在閩學習、就業、生活提供更多便利。"
    )
    assert f"Measure 1 ({HOSTILE['domain']}): changed" in cells
    assert cells[f"Conversion override {HOSTILE['phrase']}: new"][1] == f"{HOSTILE['phrase']} → {HOSTILE['phrase']}x"
    assert cells[f"Search synonym {HOSTILE['synonym']}: new"][1] == f"{HOSTILE['synonym']} → 香港理工大學"
    assert page.find("strong").get_text().endswith("1 項搜尋用語有變")


def test_a_change_to_the_search_terms_alone_is_listed(tmp_path: Path):
    base, head = data_folder(tmp_path / "base"), data_folder(tmp_path / "head")
    terms = (head / "search.yaml").read_text("utf-8")
    assert "  - query: 理大\n    finds: 香港理工大學\n" in terms
    (head / "search.yaml").write_text(terms.replace("  - query: 理大\n    finds: 香港理工大學\n", "  - query: 理大\n    finds: 理工大學\n"), "utf-8")
    result = run_review(base, head)
    rows = table_rows(result.stdout)
    assert rows == {"Search synonym <code>理大</code>: changed": ["理大 → 香港理工大學", "理大 → 理工大學", "", ""]}


def test_the_problems_summary_shows_an_unknown_field_written_as_markup_as_text(tmp_path: Path):
    text = (FIXTURE_FOLDER / "measures.yaml").read_text("utf-8").replace("      venue: 香港\n", '      venue: 香港\n      "![x](https://evil.example/x.png)": 1\n')
    data_folder(tmp_path, text.encode("utf-8"))
    result = check_on_github(tmp_path, summary=tmp_path / "summary.md")
    assert result.returncode == 1
    page = rendered_as_github_does((tmp_path / "summary.md").read_text("utf-8"))
    assert_only_its_own_elements(page)
    [problem] = [row.find_all("td")[3].get_text() for row in page.find_all("tr")[1:]]
    assert problem.startswith("unknown field '![x](https://evil.example/x.png)' in 'conference'")


def test_adding_meetings_reviews_each_as_new_and_leaves_the_others_unchanged(tmp_path: Path):
    from meetings_fixture import with_meetings

    rows = table_rows(review_of(tmp_path, measures=with_meetings()))
    # The 5th meeting, whole: its conference, memorandum, domains, measures and reports, each as new.
    assert rows["Meeting 5, `conference.name`: new"][1] == "閩港合作會議第五次會議（測試虛構）"
    assert "Meeting 5, Memorandum, paragraph 1: new" in rows
    assert "Meeting 5, Domain `marine-economy`: new" in rows
    assert rows["Meeting 5, Measure 3 (海洋經濟): new"][1].startswith("測試虛構：推動海洋漁業科技合作。")
    assert "Meeting 5, Measure 3, report of 2026-11-29: new" in rows
    # The 3rd, from its press release: what it holds, no measure.
    assert "Meeting 3, `summary`: new" in rows and "Meeting 3, `source`: new" in rows
    assert "Meeting 3, Domain `economy-trade`: new" in rows
    assert not [item for item in rows if item.startswith("Meeting 3, Measure")]
    # The 4th is as it was, and the new change-log entry is named by its meeting.
    assert not [item for item in rows if item.startswith("Meeting 4")]
    assert "Change log, 2026-11-30 (meeting-5-measure-2): new" in rows

