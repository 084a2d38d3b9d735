"""What an editor sees when the data are wrong: every problem, located, in plain words."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import build_measures
from broken_cases import CASES, FIXTURE_DATA, FIXTURE_OVERRIDES, Case
from conftest import FIXTURE_FOLDER, ROOT
from processes import catches, has_loaded, wait_while_running
from measures_site.data import hanzi

LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def run_check(tmp_path: Path, data: bytes | None, overrides: str = FIXTURE_OVERRIDES) -> tuple[int, str]:
    data_file, overrides_file = tmp_path / "measures.yaml", tmp_path / "conversion.yaml"
    if data is not None:
        data_file.write_bytes(data)
    overrides_file.write_text(overrides, encoding="utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_measures.main(["check", "--data", str(data_file), "--overrides", str(overrides_file)])
    return status, stderr.getvalue()


def located_problems(stderr: str, tmp_path: Path) -> list[tuple[str, int, int, str]]:
    problems = []
    for line in stderr.splitlines():
        match = LOCATED.match(line)
        if match:
            problems.append(
                (
                    Path(match["path"]).name,
                    int(match["line"]),
                    int(match["column"]),
                    match["message"],
                )
            )
    return problems


def test_the_gallery_has_at_least_25_broken_files():
    assert len(CASES) >= 25
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_broken_file_is_reported_at_its_line_with_a_plain_message(tmp_path: Path, case: Case):
    status, stderr = run_check(tmp_path, case.data_bytes(), case.overrides_text())
    assert status == 1
    assert "Traceback" not in stderr
    assert located_problems(stderr, tmp_path) == [(case.file, *problem) for problem in case.expected]
    count = len(case.expected)
    assert stderr.rstrip().endswith(f"{count} problem{'s' if count > 1 else ''} found; nothing was published.")


def test_real_data_is_valid(tmp_path: Path):
    status, stderr = run_check(tmp_path, FIXTURE_DATA.encode("utf-8"))
    # The fixture keeps the shipped placeholder feedback address (broken_cases.FIXTURE_PLACEHOLDER):
    # a preview only warns of it.
    placeholder = (
        "warning: site.feedback_url still holds the placeholder «OWNER/REPO»: replace it with the real address"
        " — the published pages would link it"
    )
    assert (status, located_problems(stderr, tmp_path)) == (0, [("measures.yaml", 164, 17, placeholder)])


def test_bom_and_windows_line_endings_are_accepted(tmp_path: Path):
    data = b"\xef\xbb\xbf" + FIXTURE_DATA.replace("\n", "\r\n").encode("utf-8")
    status, stderr = run_check(tmp_path, data)
    assert status == 0, stderr


def test_hong_kong_standard_forms_are_not_taken_for_simplified():
    assert "峰" in FIXTURE_DATA and "着" in FIXTURE_DATA
    assert hanzi.find_simplified("峰會 着力 台港澳 啟動") == []
    assert [char for _, char, _ in hanzi.find_simplified("经贸峰会")] == ["经", "贸", "会"]


@pytest.mark.parametrize("case_name", ["duplicate-key-venue", "not-utf8-big5", "misspelt-field-titel"])
def test_check_command_exits_1_without_a_traceback(tmp_path: Path, case_name: str):
    case = next(case for case in CASES if case.name == case_name)
    data = tmp_path / "measures.yaml"
    data.write_bytes(case.data_bytes())
    result = subprocess.run(
        [sys.executable, "scripts/build_measures.py", "check", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = LOCATED.match(result.stderr.splitlines()[0])
    assert first and first["path"] == str(data) and int(first["line"]) == case.expected[0][0]


def test_make_check_reports_the_real_data_valid():
    result = subprocess.run(["make", "--no-print-directory", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "data/measures.yaml, data/conversion.yaml, data/search.yaml: OK" in result.stderr


# Moments of the check's own making, so no delay is guessed: its first line (it catches
# SIGTERM from there on), and its imports under way (libyaml's parser loaded).
CHECK_MOMENTS = {
    "its first line": lambda check: catches(check.pid, signal.SIGTERM),
    "its imports under way": lambda check: has_loaded(check.pid, "_yaml."),
}


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("moment", CHECK_MOMENTS)
def test_an_interrupted_check_says_so_in_one_line(moment: str, signal_number: int):
    check = subprocess.Popen(
        [sys.executable, "scripts/build_measures.py", "check"]
        + ["--data", "tests/fixture/measures.yaml", "--overrides", "tests/fixture/conversion.yaml"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_while_running(check, lambda: CHECK_MOMENTS[moment](check), moment)
        check.send_signal(signal_number)
        _, errors = check.communicate(timeout=60)
    finally:
        check.kill()
    assert check.returncode == 128 + signal_number, errors
    assert errors == f"Interrupted ({signal.Signals(signal_number).name}); nothing was written.\n"


def test_a_synonym_whose_words_the_text_lost_is_a_warning_at_its_line(tmp_path: Path):
    shutil.copy2(FIXTURE_FOLDER / "search.yaml", tmp_path / "search.yaml")
    status, stderr = run_check(tmp_path, FIXTURE_DATA.replace("香港中學文憑考試", "中學文憑考試").encode("utf-8"))
    message = (
        "warning: synonym '{}' stands for 「香港中學文憑考試」, which no text of the site holds any more — search would"
        " find nothing for it: correct 'finds' to the words the text uses now, or delete the synonym"
    )
    assert status == 0
    found = [problem for problem in located_problems(stderr, tmp_path) if "synonym" in problem[3]]
    # Every synonym standing for those words, at its `finds` line of the fixture.
    lines = (FIXTURE_FOLDER / "search.yaml").read_text(encoding="utf-8").splitlines()
    expected = [
        ("search.yaml", number, 12, message.format(lines[number - 2].split("query: ", 1)[1]))
        for number, line in enumerate(lines, 1)
        if line == "    finds: 香港中學文憑考試"
    ]
    assert len(expected) >= 2 and found == expected
    # With the words back in the text, the synonyms find them again, and the OK line names all three files.
    status, stderr = run_check(tmp_path, FIXTURE_DATA.encode("utf-8"))
    assert "warning: synonym" not in stderr
    assert stderr.splitlines()[-1].endswith("conversion.yaml, " + str(tmp_path / "search.yaml") + ": OK")


def test_a_signal_wrapped_by_python_while_a_class_is_made_is_still_the_signal():
    """Python 3.11 wraps an exception from `__set_name__` (a class being made, during an import) in a
    RuntimeError: a SIGTERM landing there must still end the command in one line (seen under load)."""
    from measures_site.commands.interruption import Interrupted, interruption_in

    class Stops:
        def __set_name__(self, owner, name):
            raise Interrupted(signal.SIGTERM)

    with pytest.raises(BaseException) as raised:
        type("Made", (), {"attribute": Stops()})
    assert interruption_in(raised.value).args == (signal.SIGTERM,)
    assert interruption_in(RuntimeError("something else")) is None


# A Ctrl-C that lands in a weakref callback, as it can when an import releases its lock: Python
# drops the exception there, so without its being remembered the command would run on to "OK".
SIGNAL_IN_A_WEAKREF_CALLBACK = """
import signal, sys, weakref
from measures_site.commands.interruption import interruption_in, raise_if_dropped, stop_on_signals
stop_on_signals()
class Collected: pass
collected = Collected()
reference = weakref.ref(collected, lambda _: signal.raise_signal(signal.SIGINT))
del collected
print("ran on", file=sys.stderr)
try:
    raise_if_dropped()
except KeyboardInterrupt as error:
    print("raised again:", interruption_in(error).args, file=sys.stderr)
"""


def test_a_signal_python_drops_in_a_callback_is_raised_again_once_the_imports_are_done():
    result = subprocess.run(
        [sys.executable, "-c", SIGNAL_IN_A_WEAKREF_CALLBACK],
        cwd=ROOT / "scripts",
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Dropped where it landed (the script ran on), without Python's "Exception ignored" report.
    assert result.stderr == f"ran on\nraised again: ({int(signal.SIGINT)},)\n"
