"""What editors see on GitHub: problems on the edited line, and what a change will publish."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    for name in ("measures.yaml", "conversion.yaml"):
        shutil.copy2(FIXTURE_FOLDER / name, folder / name)
    if data is not None:
        (folder / "measures.yaml").write_bytes(data)
    return folder


def check_on_github(project: Path, *extra: str, summary: Path | None = None) -> subprocess.CompletedProcess:
    """`--check --format github` run in `project` on its data/ files, as the workflow runs it."""
    if "--data" not in extra:
        extra = ("--data", "data/measures.yaml", *extra)
    extra = ("--overrides", "data/conversion.yaml", *extra)
    environment = {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    if summary is not None:
        environment["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run(
        [sys.executable, str(BUILD_MEASURES), "--check", "--format", "github", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )


def test_a_warning_is_an_annotation_on_its_line_and_the_check_passes(tmp_path: Path):
    text = (FIXTURE_FOLDER / "measures.yaml").read_text("utf-8").replace('title: "深化金融合作。"', 'title: "深化金融,合作。"')
    data_folder(tmp_path, with_feedback_address(text).encode("utf-8"))
    result = check_on_github(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "::warning file=data/measures.yaml,line=88,col=17,title=Data check::'title' of measure 4 has 「,」 U+002C COMMA,"
        " half-width punctuation inside Chinese text — the signed text uses the full-width 「，」 U+FF0C",
    ]


def test_each_problem_is_a_workflow_annotation_on_its_line(tmp_path: Path):
    data_folder(tmp_path, case("misspelt-field-titel").data_bytes())
    result = check_on_github(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # A workflow command escapes ':' and ',' in its properties, '%' and line breaks everywhere.
    assert result.stdout.splitlines() == [
        "::error file=data/measures.yaml,line=78,col=5,title=Data check::measure 2 is missing the required field 'title'",
        "::error file=data/measures.yaml,line=80,col=5,title=Data check::unknown field 'titel' in measure 2 — did you mean 'title'?",
    ]
    # The log keeps the plain located lines too.
    assert "data/measures.yaml:78:5: measure 2 is missing the required field 'title'" in result.stderr


def test_annotation_escapes_what_workflow_commands_reserve(tmp_path: Path):
    data_folder(tmp_path, case("slug-with-a-line-break").data_bytes())
    (tmp_path / "data" / "measures.yaml").rename(tmp_path / "data" / "a,b:c%.yaml")
    result = check_on_github(tmp_path, "--data", "data/a,b:c%.yaml")
    assert result.stdout.splitlines() == [
        "::error file=data/a%2Cb%3Ac%25.yaml,line=65,col=11,title=Data check::'slug' of domain 8 'edu\\ncation'"
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
    measures.write_text(measures.read_text("utf-8").replace("  meeting_number: 4\n", "  meeting_number: 0\n"), "utf-8")
    summary = tmp_path / "summary.md"
    result = check_on_github(tmp_path, "--changed-since", "HEAD", summary=summary)
    annotations = [line.split("::")[1].split(",")[1] for line in result.stdout.splitlines()]
    assert annotations == ["line=12", "line=157"]
    without_diff = check_on_github(tmp_path, "--changed-since", "no-such-revision")
    assert [line.split(",")[1] for line in without_diff.stdout.splitlines()] == ["line=12", "line=157"]

    lines = summary.read_text("utf-8").splitlines()
    assert lines[0] == "### 2 problems in the data: nothing will be published until they are fixed"
    assert lines[2:] == [
        "| File | Line | Column | Problem |",
        "| --- | --- | --- | --- |",
        "| `data/measures.yaml` | 12 | 19 | 'meeting_number' of 'conference' must be 1 or more, not 0 |",
        "| `data/measures.yaml` | 157 | 11 | 'body' of measure 21 is empty or only spaces |",
    ]


def test_changed_lines_come_first_even_when_they_are_late_in_the_file(tmp_path: Path):
    folder = data_folder(tmp_path)
    measures = folder / "measures.yaml"
    measures.write_text(measures.read_text("utf-8").replace("  meeting_number: 4\n", "  meeting_number: 0\n"), "utf-8")
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
    result = subprocess.run(
        [
            sys.executable, str(BUILD_MEASURES), "--review", str(base),
            "--data", str(head / "measures.yaml"), "--overrides", str(head / "conversion.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
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
    result = subprocess.run(
        [sys.executable, str(BUILD_MEASURES), "--review", str(folder), "--data", str(folder / "measures.yaml"),
         "--overrides", str(folder / "conversion.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.stdout.splitlines()[-1] == "No text of the memorandum, the domains, the measures or the change log changes."


# ── whatever causes it, every change readers will see ───────────────────────

FIXTURE_TEXT = (FIXTURE_FOLDER / "measures.yaml").read_text("utf-8")
FIXTURE_CONVERSION = (FIXTURE_FOLDER / "conversion.yaml").read_text("utf-8")
ADDED_OVERRIDE = "  - opencc: 艺术普及\n    simplified: 艺术推广\n    reason: 內地常用「推廣」。\n"


def review_of(tmp_path: Path, measures: str = FIXTURE_TEXT, conversion: str = FIXTURE_CONVERSION) -> str:
    base, head = data_folder(tmp_path / "base"), data_folder(tmp_path / "head")
    (head / "measures.yaml").write_text(measures, "utf-8")
    (head / "conversion.yaml").write_text(conversion, "utf-8")
    result = subprocess.run(
        [sys.executable, str(BUILD_MEASURES), "--review", str(base), "--data", str(head / "measures.yaml"),
         "--overrides", str(head / "conversion.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_new_override_lists_the_measure_whose_simplified_it_changes(tmp_path: Path):
    markdown = review_of(tmp_path, conversion=FIXTURE_CONVERSION + ADDED_OVERRIDE)
    rows = table_rows(markdown)
    assert markdown.splitlines()[2] == "**1 項措施文字有變、1 項轉換規則有變**"
    [(item, cells)] = [(item, cells) for item, cells in rows.items() if item.startswith("Measure")]
    assert item == "Measure 11 (文化交流): 简体 changed by the conversion overrides (艺术普及 → 艺术推广 added)"
    assert "艺术推广" in cells[2] and cells[3] == "艺术普及 → 艺术推广"
    assert rows["Conversion override `艺术普及`: new"][:2] == ["", "艺术普及 → 艺术推广"]


def test_a_removed_override_lists_it_and_the_measure_it_changed(tmp_path: Path):
    start = FIXTURE_CONVERSION.index("  - opencc: 数位产业")
    markdown = review_of(tmp_path, conversion=FIXTURE_CONVERSION[:start].replace("overrides:\n", "overrides: []\n"))
    rows = table_rows(markdown)
    assert "Conversion override `数位产业`: deleted" in rows
    measure = next(item for item in rows if item.startswith("Measure 6 "))
    assert measure.endswith("简体 changed by the conversion overrides (数位产业 → 数字产业 removed)")


def test_a_move_is_a_move_and_the_site_block_is_shown(tmp_path: Path):
    start = FIXTURE_TEXT.index("  - number: 2\n")
    text = FIXTURE_TEXT[:start] + FIXTURE_TEXT[start:].replace("    domain: economy-trade\n", "    domain: finance\n", 1)
    text = text.replace("  publisher: 閩港合作措施網站項目團隊", "  publisher: 閩港合作措施網站編輯組")
    markdown = review_of(tmp_path, measures=text)
    rows = table_rows(markdown)
    assert markdown.splitlines()[2] == "**1 項移往另一領域、1 項網站資料有變**"
    assert [item for item in rows if item.startswith("Measure")] == [
        "Measure 2 (金融): moved from 經貿 to 金融 (its place domains/economy-trade/#measure-2 → domains/finance/#measure-2)"
    ]
    assert rows["`site.publisher`: changed"][:2] == ["閩港合作措施網站項目團隊", "閩港合作措施網站編輯組"]


def test_a_rename_is_one_rename_with_the_addresses_it_moves(tmp_path: Path):
    text = FIXTURE_TEXT.replace("    slug: education\n", "    slug: education-and-training\n    former_slugs: [education]\n", 1)
    text = text.replace("    domain: education\n", "    domain: education-and-training\n")
    markdown = review_of(tmp_path, measures=text)
    rows = table_rows(markdown)
    assert markdown.splitlines()[2] == "**1 個網址改變**"
    assert list(rows) == [
        "Domain `education` renamed `education-and-training`: its addresses move in both scripts (domains/education/ →"
        " domains/education-and-training/, domains/education/side-by-side/ → domains/education-and-training/side-by-side/);"
        " the old ones send readers on"
    ]


def test_reordered_domains_show_their_new_ordinals(tmp_path: Path):
    first, second = "\n  - name: 經貿\n    slug: economy-trade\n", "\n  - name: 金融\n    slug: finance\n"
    rows = table_rows(review_of(tmp_path, measures=FIXTURE_TEXT.replace(first + second, second + first)))
    assert rows["Domain `finance`: changed (now 一: its place in the list)"][:2] == ["<del>二</del>、金融", "<ins>一</ins>、金融"]
    assert "Domain `economy-trade`: changed (now 二: its place in the list)" in rows


def test_a_base_written_with_ordinals_is_compared_as_it_would_be_written_today(tmp_path: Path):
    base, head = data_folder(tmp_path / "base"), data_folder(tmp_path / "head")
    numbered = iter("一二三四五六七八九十")
    with_ordinals = re.sub(r"\n  - name: ", lambda match: f"\n  - ordinal: {next(numbered)}\n    name: ", FIXTURE_TEXT)
    (base / "measures.yaml").write_text(with_ordinals, "utf-8")
    result = subprocess.run(
        [sys.executable, str(BUILD_MEASURES), "--review", str(base), "--data", str(head / "measures.yaml"),
         "--overrides", str(head / "conversion.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.stdout.splitlines()[-1] == "No text of the memorandum, the domains, the measures or the change log changes."
