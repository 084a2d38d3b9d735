"""Characters pasted from PDFs and Word: refused at their place with the code point named,
repaired by `make fix` when the repair is certain, the file otherwise left byte for byte."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import build_measures
from broken_cases import FIXTURE_DATA, FIXTURE_OVERRIDES, with_feedback_address
from conftest import FIXTURE_FOLDER, ROOT, build_site, copy_project
from measures_site.content.pipeline import check_site_content, load_site_content
from measures_site.content.render import measures_rendered_alike
from measures_site.data import characters
from measures_site.data import hanzi
from measures_site.data.problems import DataError, Problem
from test_editor_checks import LOCATED, run_check

# The fixture's titles and bodies: one double-quoted line each, so that an insertion's
# column is known: (line number, column of the first character of the text, the text).
TEXT_FIELDS = [
    (number, len(match[1]) + 1, match[2])
    for number, line in enumerate(FIXTURE_DATA.split("\n"), start=1)
    if (match := re.match(r'^(        (?:title|body): ")([^"\\]+)"$', line))
]


def _replaceable(code: int) -> bool:
    # A repair that would give a Simplified-only character (⻳ → 龟) is refused by another check.
    repaired = characters.hazard(chr(code)).replacement
    return repaired is not None and repaired not in hanzi.simplified_only()


KANGXI_AND_RADICALS = [code for code in range(0x2E80, 0x2FE0) if characters.hazard(chr(code)) and _replaceable(code)]
COMPATIBILITY = [
    code for code in [*range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)]
    if unicodedata.decomposition(chr(code)) and _replaceable(code)
]
INVISIBLE = [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
NEEDS_A_PERSON = st.one_of(
    st.integers(0xE000, 0xF8FF),  # private use
    st.integers(0xF0000, 0xFFFFD),
    st.just(0xFFFD),
    st.sampled_from([*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]),
    st.sampled_from([code for code in range(0x2E80, 0x2EF4) if unicodedata.name(chr(code), "") and not characters.hazard(chr(code)).fixable]),
)
REPAIRABLE = st.one_of(st.sampled_from(KANGXI_AND_RADICALS), st.sampled_from(COMPATIBILITY), st.sampled_from(INVISIBLE))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


OVERRIDE_PHRASES = re.findall(r"^  - opencc: (\S+)$", FIXTURE_OVERRIDES, re.M)


def _override_phrases(value: str) -> list[tuple[int, int]]:
    """Where, in a text, its conversion holds an override's phrase (hk2s keeps these lengths)."""
    converted = opencc.OpenCC("hk2s").convert(value)
    return [(match.start(), match.end()) for phrase in OVERRIDE_PHRASES for match in re.finditer(re.escape(phrase), converted)]


def insert(text: str, insertions: list[tuple[int, int, int]]) -> tuple[str, list[tuple[int, int, int]]]:
    """The fixture with code points inserted into text fields; (line, column, code) of each.

    Insertions into one line are made from its end, so the columns stay those of the original line.
    """
    lines = text.split("\n")
    placed = []
    chosen = {}
    for field, offset, code in insertions:
        line, start, value = TEXT_FIELDS[field % len(TEXT_FIELDS)]
        at = offset % (len(value) + 1)
        # Not inside a phrase an override corrects (數位產業): the repair would leave the
        # phrase broken and the override rightly unused, a problem of its own.
        at = next((begin for begin, end in _override_phrases(value) if begin < at < end), at)
        chosen.setdefault(line, {})[start + at] = code
    for line, columns in chosen.items():
        for column in sorted(columns, reverse=True):
            code = columns[column]
            lines[line - 1] = lines[line - 1][: column - 1] + chr(code) + lines[line - 1][column - 1 :]
        shift = 0
        for column in sorted(columns):
            placed.append((line, column + shift, columns[column]))
            shift += 1
    return "\n".join(lines), placed


def fix(tmp_path: Path, text: str) -> tuple[int, str, str]:
    """`--fix` on a copy of the data: (exit status, what it printed, the file afterwards)."""
    data, overrides = tmp_path / "measures.yaml", tmp_path / "conversion.yaml"
    data.write_bytes(text.encode("utf-8"))
    overrides.write_text(FIXTURE_OVERRIDES, encoding="utf-8")
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        status = build_measures.main(["fix", "--data", str(data), "--overrides", str(overrides)])
    return status, output.getvalue(), data.read_bytes().decode("utf-8")


@SETTINGS
@given(st.lists(st.tuples(st.integers(0), st.integers(0), REPAIRABLE), min_size=1, max_size=4))
def test_pasted_artefacts_are_refused_at_their_place_and_fix_repairs_only_them(insertions):
    text, placed = insert(FIXTURE_DATA, insertions)
    with tempfile.TemporaryDirectory() as folder:
        status, stderr = run_check(Path(folder), text.encode("utf-8"))
        assert status == 1 and "Traceback" not in stderr
        reported = {(int(match["line"]), int(match["column"]), match["message"]) for match in map(LOCATED.match, stderr.splitlines()) if match}
        for line, column, code in placed:
            assert any((line, column) == (at_line, at_column) and f"U+{code:04X}" in message for at_line, at_column, message in reported), (line, column, hex(code), stderr)

        status, printed, fixed = fix(Path(folder), text)
        assert status == 0, printed
        expected = text
        for line, column, code in sorted(placed, reverse=True):
            lines = expected.split("\n")
            # Invisible characters go; a radical or compatibility ideograph becomes the
            # ideograph Unicode maps it to (for this one character alone).
            repaired = "" if code in INVISIBLE else unicodedata.normalize("NFKC", chr(code))
            lines[line - 1] = lines[line - 1][: column - 1] + repaired + lines[line - 1][column:]
            expected = "\n".join(lines)
            assert re.search(rf"measures\.yaml:{line}:{column}: \S* ?U\+{code:04X}[A-Z -]* → ", printed), printed
        assert fixed == expected
        assert run_check(Path(folder), fixed.encode("utf-8"))[0] == 0


@SETTINGS
@given(st.integers(0), st.integers(0), NEEDS_A_PERSON)
def test_characters_without_a_certain_repair_are_refused_and_left_for_a_person(field, offset, code):
    text, [(line, column, _)] = insert(FIXTURE_DATA, [(field, offset, code)])
    with tempfile.TemporaryDirectory() as folder:
        status, stderr = run_check(Path(folder), text.encode("utf-8"))
        assert status == 1 and "Traceback" not in stderr
        first = LOCATED.match(stderr.splitlines()[0])
        assert (int(first["line"]), int(first["column"])) == (line, column) and f"U+{code:04X}" in first["message"], stderr

        status, printed, fixed = fix(Path(folder), text)
        assert status == 1 and fixed == text
        assert f"measures.yaml:{line}:{column}: " in printed and printed.rstrip().endswith("for a person to correct.")


def test_the_signed_texts_own_forms_stay_valid(tmp_path: Path):
    # 「着」「峰」, full-width punctuation, “” quotes, a Hong Kong character beyond the BMP
    # (「𨋢」) and U+FA0E, a unified ideograph inside the compatibility block.
    text = FIXTURE_DATA.replace("推動閩港經濟部門", "着力推動峰會：「𨋢」、“﨎”（）；閩港經濟部門", 1)
    status, stderr = run_check(tmp_path, with_feedback_address(text).encode("utf-8"))
    assert (status, stderr.strip().splitlines()) == (0, [f"{tmp_path / 'measures.yaml'}, {tmp_path / 'conversion.yaml'}: OK"])


def test_a_half_width_comma_inside_chinese_text_is_a_warning_and_publishing_goes_on(tmp_path: Path):
    text = FIXTURE_DATA.replace('title: "深化金融合作。"', 'title: "深化金融,合作。"')
    status, stderr = run_check(tmp_path, text.encode("utf-8"))
    assert status == 0
    assert stderr.splitlines()[0] == (
        f"{tmp_path / 'measures.yaml'}:88:21: warning: 'title' of measure 4 of meeting 4 has 「,」 U+002C COMMA, half-width"
        " punctuation inside Chinese text — the signed text uses the full-width 「，」 U+FF0C"
    )


def test_fix_changes_only_the_artefacts_byte_for_byte(tmp_path: Path):
    # Windows line endings, a BOM, comments (one with a radical in it), single quotes:
    # everything but the three artefacts must come back as it was.
    original = (
        "\ufeff# 閩港合作 ⼈ comment\r\n"
        + FIXTURE_DATA.replace("推動閩港經濟部門", "推動閩港經濟部\u2fa8\u200b", 1)
        .replace("      venue: 香港\n", "      venue: '香港'   # the venue\n")
        .replace("\n", "\r\n")
    )
    data = tmp_path / "measures.yaml"
    data.write_bytes(original.encode("utf-8"))
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        status = build_measures.main(["fix", str(data)])
    expected = original.replace("⼈", "人", 1).replace("部\u2fa8\u200b", "部門", 1)
    assert status == 0, output.getvalue()
    assert data.read_bytes() == expected.encode("utf-8")
    shown = str(data)
    assert output.getvalue().splitlines()[:3] == [
        f"{shown}:1:8: 「⼈」 U+2F08 → 「人」 U+4EBA",
        f"{shown}:78:23: 「⾨」 U+2FA8 → 「門」 U+9580",
        f"{shown}:78:24: U+200B ZERO WIDTH SPACE → (deleted)",
    ]


def test_fix_repairs_the_conversion_overrides_too(tmp_path: Path):
    overrides = tmp_path / "conversion.yaml"
    overrides.write_text(FIXTURE_OVERRIDES.replace("simplified: 数字产业", "simplified: 数字产\u2f8b\u200d"), encoding="utf-8")
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        status = build_measures.main(["fix", str(overrides)])
    assert status == 0 and overrides.read_text(encoding="utf-8") == FIXTURE_OVERRIDES.replace("数字产业", "数字产艸", 1)


def _check_in_a_process(tmp_path: Path, text: bytes) -> subprocess.CompletedProcess:
    data = tmp_path / "measures.yaml"
    data.write_bytes(text)
    # A guard against hangs, not a timing: the answer takes well under a second.
    return subprocess.run(
        [sys.executable, "scripts/build_measures.py", "check", "--data", str(data)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )


def test_an_alias_bomb_is_answered_without_expanding_it(tmp_path: Path):
    levels = ["a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 30)]
    result = _check_in_a_process(tmp_path, ("\n".join(levels) + "\n" + FIXTURE_DATA).encode("utf-8"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # The refused anchor is read past, not expanded: the unknown field it names is reported on its line too.
    assert result.stderr.splitlines()[:2] == [
        f"{tmp_path / 'measures.yaml'}:1:1: unknown field 'a0' in the file — allowed fields: last_updated, meetings,"
        " site, changes",
        f"{tmp_path / 'measures.yaml'}:1:5: an anchor (&a0) marks a value to repeat elsewhere — delete it (the data files"
        " use no anchors or aliases)",
    ]


def test_deep_nesting_is_answered_without_a_traceback(tmp_path: Path):
    for nested in ("[" * 100_000 + "]" * 100_000, "{a: " * 100_000 + "b" + "}" * 100_000):
        result = _check_in_a_process(tmp_path, FIXTURE_DATA.replace("  venue: 香港\n", f"  venue: {nested}\n").encode("utf-8"))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert re.match(r"^\S+:14:\d+: .*nested deeper here than the data ever needs", result.stderr), result.stderr


def test_a_file_of_20_mb_is_refused_at_once(tmp_path: Path):
    result = _check_in_a_process(tmp_path, FIXTURE_DATA.encode("utf-8") + b"#" * (20 * 1024 * 1024))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].endswith(":1:1: the file is 20.0 MB: a data file may be at most 16 MB — is it the right file?")


# What `check` accepts, the build builds: edits at the edges of what the check allows.
# Texts that mean something to a step after the check (Markdown, HTML, Jinja, YAML front
# matter, MkDocs' attribute lists), which the pages show as written…
SHOWN_AS_WRITTEN = [
    "\\U0001F600", "\\_", "\\t", "{{ measure }}", "{% raw %}", "{#", "<script>", "</div>", "&amp;", "[x](y)", "*_`|",
    "\\\\", "---", "{ #measure-1 }", "{: .x }", "<!--", "${x}", "%s", "{0}", "😀", "\\u3000", "1. ", "#",
]
# …and escapes of characters no page may hold, which the loader refuses at their place.
REFUSED_ESCAPES = ["\\ud83d\\ude00", "\\ud800", "\\0", "\\e", "\\x7f", "\\u00ad", "\\N", "⻳", "經\\u200b濟"]
TEXTS_AT_THE_EDGES = SHOWN_AS_WRITTEN + REFUSED_ESCAPES
# Measure 17's title: neither its domain's first nor its last, so the check renders none of its pages.
UNRENDERED_TITLE = 'title: "鼓勵更多香港學生來閩升學。"'
EDGE_EDITS = st.one_of(
    st.dates().map(lambda day: ('last_updated: "2023-06-28"', f'last_updated: "{day.isoformat()}"')),
    # A change log entry of any day (the fixture's entry #1): dated in the feeds as the data says.
    st.dates().map(lambda day: ('  - date: "2023-06-20"', f'  - date: "{day.isoformat()}"')),
    st.integers(1, 300).map(lambda length: ("slug: education", "slug: " + ("e" * length))),
    st.sampled_from(["\\0", "\\e", "\\a", "\\x7f", "\\u00ad", "\\N", "\\_", "\\t", "\\L", "\\P", "\\ud83d\\ude00", "\\U0001F600"]).map(
        lambda escape: ('title: "深化金融合作。"', f'title: "深化{escape}金融合作。"')
    ),
    st.sampled_from(["0x4", "+4", "04", "0o4", "4.0", "1e1", "9" * 19, "4_0", ".inf", "true", "4"]).map(
        lambda number: ("      meeting_number: 4\n", f"      meeting_number: {number}\n")
    ),
    # A measure whose pages the check does not render (render.measures_rendered_alike).
    st.sampled_from(TEXTS_AT_THE_EDGES).map(lambda text: (UNRENDERED_TITLE, UNRENDERED_TITLE.replace("鼓勵", "鼓勵" + text))),
)


@pytest.mark.build
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(EDGE_EDITS, min_size=1, max_size=3))
def test_what_the_check_accepts_the_build_builds(tmp_path_factory, edits):
    text = FIXTURE_DATA
    for old, new in edits:
        text = text.replace(old, new, 1).replace("domain: education", "domain: " + new.removeprefix("slug: ")) if old == "slug: education" else text.replace(old, new, 1)
    project = copy_project(tmp_path_factory.mktemp("edge") / "project")
    (project / "data" / "measures.yaml").write_text(text, encoding="utf-8")
    status, stderr = run_check(tmp_path_factory.mktemp("check"), text.encode("utf-8"))
    if status == 0:
        build = build_site(project)
        assert build.returncode == 0, build.output
    else:
        assert LOCATED.match(stderr.splitlines()[0]), stderr


# The lines of the measures the check renders no page of: 2 and 17 (neither first nor last of
# their domains) and 16 (also the side-by-side page's middle).
UNRENDERED_LINES = [
    line for line in FIXTURE_DATA.split("\n") if line.startswith(("        title: ", "        body: "))
    and any(line in FIXTURE_DATA.split(f"      - number: {number}\n", 1)[1].split("      - number:", 1)[0] for number in (2, 16, 17))
]


def test_the_check_renders_the_pages_of_each_domains_first_and_last_measure():
    document = load_site_content(FIXTURE_FOLDER / "measures.yaml", FIXTURE_FOLDER / "conversion.yaml").source
    assert [measure.number for measure in measures_rendered_alike(document).lead_meeting.measures] == [
        1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21
    ]
    assert len(UNRENDERED_LINES) == 6


def _outcome(run, data: Path, overrides: Path) -> list[Problem] | tuple[Problem, ...]:
    try:
        result = run(data, overrides)
    except DataError as error:
        return error.problems
    return tuple(result) if isinstance(result, tuple) else result.warnings


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(UNRENDERED_LINES), st.one_of(st.sampled_from(TEXTS_AT_THE_EDGES), st.text(max_size=6))),
        min_size=1,
        max_size=4,
    )
)
@example([(line, "".join(SHOWN_AS_WRITTEN)) for line in UNRENDERED_LINES])
def test_the_measures_the_check_does_not_render_render_whenever_it_passes(tmp_path_factory, insertions):
    # The check renders only some measures' pages; rendering every page (the build's
    # load_site_content) must refuse exactly what the check refuses, whatever the others hold.
    text = FIXTURE_DATA
    for line, insertion in insertions:
        text = text.replace(line, line.replace(': "', ': "' + insertion, 1), 1)
    folder = tmp_path_factory.mktemp("unrendered")
    (folder / "measures.yaml").write_text(text, encoding="utf-8")
    (folder / "conversion.yaml").write_text(FIXTURE_OVERRIDES, encoding="utf-8")
    data, overrides = folder / "measures.yaml", folder / "conversion.yaml"
    assert _outcome(check_site_content, data, overrides) == _outcome(load_site_content, data, overrides)


@pytest.mark.parametrize(
    "phrase",
    ["人民政府", "最后更新", "闽港合作会议第四次会议", "数位产业链", "香港特别行政区政府政务司司长"],
)
def test_the_check_and_the_build_agree_on_which_overrides_apply(tmp_path: Path, phrase: str):
    # The check converts only the texts an override may apply to; the build converts all.
    # An interface label (最后更新) or a phrase in many texts must count the same in both.
    overrides = tmp_path / "conversion.yaml"
    overrides.write_text(
        FIXTURE_OVERRIDES + f"  - opencc: {phrase}\n    simplified: {phrase}甲\n    reason: 測試\n", encoding="utf-8"
    )
    data = FIXTURE_FOLDER / "measures.yaml"

    def outcome(run) -> list[Problem] | tuple:
        try:
            result = run(data, overrides)
        except DataError as error:
            return error.problems
        return tuple(result) if isinstance(result, tuple) else result.warnings

    assert outcome(check_site_content) == outcome(load_site_content)
