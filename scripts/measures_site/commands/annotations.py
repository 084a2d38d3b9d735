"""Problems as GitHub shows them: workflow commands on the edited line, and a job summary.

GitHub turns a line `::error file=…,line=…,col=…,title=…::message` printed by a step
into an annotation on that line of the pull request, but shows only the first 10
errors of a step: problems on lines the change touched come first. The complete
list goes to the job summary (the Markdown file named by $GITHUB_STEP_SUMMARY).
"""

from __future__ import annotations

import re
import string
import subprocess
from collections.abc import Iterable
from pathlib import Path

from measures_site.data.problems import Problem

ANNOTATION_TITLE = "Data check"
HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@", re.MULTILINE)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(problem: Problem) -> str:
    properties = {"file": problem.path, "line": problem.line, "col": problem.column, "title": ANNOTATION_TITLE}
    fields = ",".join(f"{name}={_escape_property(str(value))}" for name, value in properties.items())
    # "::error" or "::warning": GitHub shows a warning on its line too, without failing the check.
    return f"::{problem.severity} {fields}::{_escape_data(problem.message)}"


def changed_lines(path: Path, since: str) -> set[int]:
    """Line numbers of `path` that differ from revision `since` (empty when git cannot tell)."""
    try:
        diff = subprocess.run(
            ["git", "diff", "--unified=0", "--no-color", since, "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return set()
    lines: set[int] = set()
    for hunk in HUNK.finditer(diff):
        start, count = int(hunk["start"]), int(hunk["count"] or 1)
        # A pure deletion (count 0) is shown on the line after it.
        lines.update(range(start, start + count) if count else {max(start, 1)})
    return lines


def in_review_order(problems: Iterable[Problem], changed: set[tuple[str, int]]) -> list[Problem]:
    """Problems on changed lines first (GitHub shows ten), each group in file order."""
    return sorted(problems, key=lambda problem: ((problem.path, problem.line) not in changed, problem))


def _shown_in_markdown(character: str) -> str:
    if character == "@":
        # GitHub links an e-mail address after the escapes are read: an '@' alone in its span links nothing.
        return "<span>\\@</span>"
    if character in string.punctuation:
        return "\\" + character
    # A control character is shown as its escape (\\r), and a line end cannot end the table's row.
    return "\\" + character.encode("unicode_escape").decode("ascii")


# Every ASCII punctuation mark is escaped with a backslash, which CommonMark allows for each one,
# so that no link, image, emphasis, code span, HTML tag, comment or autolink starts in the data.
_MARKDOWN_CELL = str.maketrans(
    {
        character: _shown_in_markdown(character)
        for character in [*string.punctuation, *map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0)), "\u2028", "\u2029"]
    }
)


def markdown_cell(text: str) -> str:
    """Text shown as itself, character for character, in a cell of a summary's Markdown table
    (GitHub's Markdown: CommonMark with tables and autolinks). Every value from the data is
    written into a summary through this one function."""
    return text.translate(_MARKDOWN_CELL)


def markdown_code(text: str) -> str:
    """Text shown as itself in code type: a code span would show its escapes, and a backtick
    in the text would end it."""
    return f"<code>{markdown_cell(text)}</code>"


def summary(problems: list[Problem]) -> str:
    """The complete list, as a Markdown table an editor can read."""
    count = len(problems)
    rows = [
        f"### {count} problem{'s' if count != 1 else ''} in the data: nothing will be published until "
        f"{'it is' if count == 1 else 'they are'} fixed",
        "",
        "| File | Line | Column | Problem |",
        "| --- | --- | --- | --- |",
    ]
    for problem in problems:
        rows.append(f"| `{problem.path}` | {problem.line} | {problem.column} | {markdown_cell(problem.message)} |")
    return "\n".join(rows) + "\n"
